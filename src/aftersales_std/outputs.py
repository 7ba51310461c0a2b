"""Build orchestration: each output kind is built into a staging folder and swapped in on success.

A builder is `build(ctx: BuildContext) -> list[Path]` writing only below `ctx.out`. Builders are
registered in BUILDERS as "module:function" so that a kind's heavy imports load only when built.
A failed build leaves the previous output of every kind intact.
"""
from __future__ import annotations

import importlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from aftersales_std.model import Model
from aftersales_std.project import Project

OUTPUT_KINDS = ("scripts", "training", "manuals", "site")

# kind -> "module:function"; a kind missing here is not built yet.
BUILDERS: dict[str, str] = {
    "scripts": "aftersales_std.render.builders:build_scripts",
    "training": "aftersales_std.render.builders:build_training",
    "manuals": "aftersales_std.render.builders:build_manuals",
    "site": "aftersales_std.mkdocs_plugin.build:build_site",
}


class Progress:
    """One status line on a terminal, rewritten in place; silent when not a TTY or under CI."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = self.stream.isatty() and not os.environ.get("CI")
        self.enabled = enabled
        self.started = time.monotonic()

    def update(self, message: str) -> None:
        if self.enabled:
            elapsed = time.monotonic() - self.started
            self.stream.write(f"\r\033[K[{elapsed:5.1f}s] {message}")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


@dataclass
class BuildContext:
    project: Project
    model: Model
    out: Path  # the staging folder of this kind: write only below it
    lang: str = "zh-Hans"
    progress: Progress = field(default_factory=lambda: Progress(enabled=False))
    seed: int = 1  # quiz questions are drawn with random.Random(seed): same seed, same quiz


Builder = Callable[[BuildContext], list[Path]]


def builder(kind: str) -> Builder | None:
    target = BUILDERS.get(kind)
    if target is None:
        return None
    module, _, func = target.partition(":")
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


@contextmanager
def staged(final: Path) -> Iterator[Path]:
    """Yield a fresh staging folder next to `final`; on success it replaces `final`, else it is removed."""
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.new-", dir=final.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = final.parent / f".{final.name}.old-{os.getpid()}"
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def run_builds(project: Project, model: Model, out_root: Path, kinds: list[str], lang: str,
               progress: Progress, seed: int = 1) -> dict[str, list[Path]]:
    """Build each available kind into out_root/<kind>; returns the files written per kind."""
    written: dict[str, list[Path]] = {}
    for kind in kinds:
        build = builder(kind)
        if build is None:
            continue
        final = out_root / kind
        progress.update(f"building {kind} ...")
        with staged(final) as staging:
            files = build(BuildContext(project, model, staging, lang, progress, seed))
        written[kind] = [final / f.relative_to(staging) for f in files]
    progress.done()
    return written
