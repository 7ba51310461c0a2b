"""Bounded template rendering, and template syntax checked by `aftersales validate`.

Jinja2's sandbox stops templates from reaching Python internals but not from burning the machine:
`range(10**9)`, nested loops, `'x' * 10**9`, recursion and a gigabyte of output were all possible.
LimitedEnvironment adds, per render:
- loops: `range()` yields at most MAX_LOOP items in total over the whole render (nested loops count
  every inner item), and no single range is longer than MAX_RANGE;
- size: `*` and `**` refuse results over MAX_OUTPUT characters (or exponents over 10,000 bits), and
  the output is streamed and stopped past MAX_OUTPUT characters;
- time: MAX_SECONDS of CPU time (SIGPROF timer; in the main thread, where signals can be caught).
Every limit raises RenderLimit, which Renderer turns into a finding at the template's file:line.
"""
from __future__ import annotations

import operator
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from aftersales_std.errors import Finding
from aftersales_std.project import Project, display_path

MAX_RANGE = 100_000
MAX_LOOP = 2_000_000
MAX_OUTPUT = 50_000_000  # characters of one rendered document
MAX_SECONDS = 60.0  # CPU seconds of one render
TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2")


_SURROGATE = re.compile("[\ud800-\udfff]")


class RenderLimit(Exception):
    """A template went over one of the limits; the message says which and what to do."""

    filename: str | None = None  # set when no template line can be named (the whole output)


class _Budget(threading.local):
    loops = 0


_budget = _Budget()


class _CountedRange:
    """range() whose iteration counts against the render's loop budget."""

    def __init__(self, rng: range) -> None:
        self.rng = rng

    def __len__(self) -> int:
        return len(self.rng)

    def __getitem__(self, index: Any) -> Any:
        return self.rng[index]

    def __contains__(self, item: object) -> bool:
        return item in self.rng

    def __iter__(self) -> Iterator[int]:
        for item in self.rng:
            _budget.loops += 1
            if _budget.loops > MAX_LOOP:
                raise RenderLimit(f"the loops of this template ran more than {MAX_LOOP:,} times; "
                                  "loop over the content instead of large ranges")
            yield item


def _limited_range(*args: int) -> _CountedRange:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise RenderLimit(f"range() of {len(rng):,} items is over the limit of {MAX_RANGE:,}")
    return _CountedRange(rng)


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


class LimitedEnvironment(SandboxedEnvironment):
    intercepted_binops = frozenset(["*", "**"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = _limited_range

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        if op == "*":
            count = right if isinstance(right, int) else left if isinstance(left, int) else 1
            if isinstance(count, int) and max(_size(left), _size(right)) * max(count, 0) > MAX_OUTPUT:
                raise RenderLimit(f"repeating a text or list {count:,} times makes more than {MAX_OUTPUT:,} items")
            return operator.mul(left, right)
        if op == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 \
                    and right * max(abs(left).bit_length(), 1) > 10_000:
                raise RenderLimit(f"{left} ** {right} is too large a number")
            return operator.pow(left, right)
        return super().call_binop(context, op, left, right)


def render_limited(template: jinja2.Template, context: dict[str, Any]) -> str:
    """template.render(**context) within the loop, size and time limits."""
    _budget.loops = 0
    parts: list[str] = []
    size = 0
    with _cpu_limit(MAX_SECONDS):
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise _whole(template, f"the output is over {MAX_OUTPUT:,} characters; the template writes far more "
                                  "than a document holds")
            parts.append(chunk)
    text = "".join(parts)
    bad = _SURROGATE.search(text)
    if bad is not None:
        raise _whole(template, f"the output holds a lone surrogate (U+{ord(bad.group()):04X}) at character "
                          f"{bad.start() + 1}, which no file can store; remove what makes it")
    return text


def _whole(template: jinja2.Template, message: str) -> RenderLimit:
    exc = RenderLimit(message)
    exc.filename = template.filename
    return exc


@contextmanager
def _cpu_limit(seconds: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise RenderLimit(f"rendering took more than {seconds:g} s of CPU time (nested loops?)")

    previous = signal.signal(signal.SIGPROF, expired)
    old_timer = signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        if old_timer[0]:
            signal.setitimer(signal.ITIMER_PROF, *old_timer)


def template_findings(project: Project) -> list[Finding]:
    """Syntax errors (and unknown filters or tests) of the project's own templates, as AS501 findings."""
    from aftersales_std.render.environment import make_environment

    folder = project.content_dir("templates")
    if not folder.is_dir():
        return []
    env = make_environment([folder], "zh-Hans", project.opencc)
    findings: list[Finding] = []
    for path in sorted(p for p in folder.rglob("*") if p.suffix in TEMPLATE_SUFFIXES and p.is_file()):
        shown = display_path(path)
        try:
            source = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            findings.append(Finding(shown, 1, 1, "AS103", f"byte {exc.start + 1} is not valid UTF-8; save as UTF-8"))
            continue
        except OSError as exc:
            findings.append(Finding(shown, 1, 1, "AS100", f"cannot read file: {exc.strerror}"))
            continue
        try:
            env.compile(source, path.relative_to(folder).as_posix(), str(path))
        except jinja2.TemplateSyntaxError as exc:
            findings.append(Finding(shown, exc.lineno or 1, 0, "AS501", f"template syntax error: {exc.message}"))
        except RecursionError:
            findings.append(Finding(shown, 1, 0, "AS501", "the template is nested too deeply to compile; "
                                    "flatten its blocks"))
    return findings


__all__ = ["LimitedEnvironment", "RenderLimit", "render_limited", "template_findings"]
