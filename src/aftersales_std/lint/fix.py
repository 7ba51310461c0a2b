"""--fix: apply only unambiguous substitutions; never suppressed or overlapping spans; repeat
until stable (bounded), re-reading the file each round."""
from __future__ import annotations

import difflib
from typing import Callable, Sequence

from aftersales_std.lint.finding import LintFinding
from aftersales_std.lint.inputs import Source, reread

MAX_ROUNDS = 5


def apply(text: str, findings: Sequence[LintFinding]) -> tuple[str, int]:
    """Apply the fixable findings that overlap no other finding; (new text, number applied)."""
    spans = [(f.start, f.end, f) for f in findings if f.start is not None and f.end is not None]
    chosen = []
    for start, end, f in spans:
        if f.replacement is None:
            continue
        clash = any(o is not f and o_start < end and start < o_end for o_start, o_end, o in spans)  # type: ignore[operator]
        if not clash:
            chosen.append((start, end, f.replacement))
    out = text
    for start, end, repl in sorted(chosen, reverse=True):
        out = out[:start] + repl + out[end:]  # type: ignore[misc]
    return out, len(chosen)


def fix_source(source: Source, lint: Callable[[Source], list[LintFinding]]) -> tuple[str, str, int]:
    """(original text, fixed text, fixes applied) after at most MAX_ROUNDS rounds."""
    assert source.text is not None
    original = current_text = source.text
    total = 0
    current = source
    for _ in range(MAX_ROUNDS):
        new_text, count = apply(current_text, lint(current))
        if count == 0 or new_text == current_text:
            break
        candidate = reread(current, new_text)
        if candidate.problems:  # a fix must never break the file; keep the last good text
            break
        total += count
        current_text, current = new_text, candidate
    return original, current_text, total


def unified_diff(display: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{display}", tofile=f"b/{display}"))
