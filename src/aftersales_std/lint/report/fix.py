"""--fix: apply only unambiguous substitutions; never suppressed or overlapping spans; repeat
until stable (bounded), re-reading the file each round."""
from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Callable, Sequence

from aftersales_std.atomic import Snapshot, WriteError, read_snapshot, write_bytes
from aftersales_std.chinese import to_simplified, to_traditional
from aftersales_std.errors import Finding
from aftersales_std.lint.report.finding import LintFinding
from aftersales_std.lint.text.fold import _script_sets, fold
from aftersales_std.lint.sources.inputs import Source, reread

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


BOM = b"\xef\xbb\xbf"
WRITE_CODE = "LT011"


def snapshot(path: Path, display: str) -> tuple[Snapshot | None, Finding | None]:
    """The file's bytes as read before fixing (to write back only if nobody changed it meanwhile)."""
    try:
        return read_snapshot(path), None
    except WriteError as exc:
        return None, Finding(display, 0, 0, WRITE_CODE, str(exc))


def write_fixed(path: Path, display: str, before: str, after: str, *, root: Path,
                snap: Snapshot) -> Finding | None:
    """Write the fixed text through the shared atomic write (beside, fsync, rename); None when done.

    The byte order mark and the line endings of the file are kept (fixes never add or remove a line
    break, and the text was decoded without newline translation). Refused, with a finding and the
    file left as it was: a file that changed since it was read (an editor saved it, a line was
    appended), or a symbolic link to a file outside the project.
    """
    bom = snap.data.startswith(BOM)
    try:
        as_read = snap.data[len(BOM) if bom else 0:].decode("utf-8")
    except UnicodeDecodeError:
        as_read = None
    if as_read != before:
        return Finding(display, 0, 0, WRITE_CODE, "the file changed while it was being fixed; nothing was "
                       "written: run the command again")
    try:
        write_bytes(path, (BOM if bom else b"") + after.encode("utf-8", "surrogatepass"), root=root, expect=snap)
    except WriteError as exc:
        return Finding(display, 0, 0, WRITE_CODE, f"not fixed: {exc}")
    return None


# ---- which script a replacement is written in -------------------------------------------------

_KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
NEAR = 200  # at most this far either side of a match is its sentence


def _sentence(text: str, start: int, end: int) -> str:
    lo = max(0, start - NEAR)
    found = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    lo = found[-1] if found else lo
    m = _SENTENCE_END.search(text, end, min(len(text), end + NEAR))
    return text[lo:m.start() if m else min(len(text), end + NEAR)]


def _lean(text: str) -> str | None:
    """"hant", "hans" or None: which script-specific characters `text` has more of."""
    traditional, simplified = _script_sets()
    trad = sum(ch in traditional for ch in text)
    simp = sum(ch in simplified for ch in text)
    if trad == simp:
        return None
    return "hant" if trad > simp else "hans"


def written_script(text: str, start: int, end: int) -> str:
    """The script a replacement of text[start:end] must be written in: "ja" (Japanese: kana in the
    match's sentence; never converted), else the script of the matched characters themselves, else
    the one its sentence leans to, else "hans". One stray character nearby (a brand name such as 華碩
    in simplified text) does not decide."""
    sentence = _sentence(text, start, end)
    if _KANA.search(sentence):
        return "ja"
    return _lean(text[start:end]) or _lean(sentence) or "hans"


def pick(options: Sequence[str], hant_terms: frozenset[str] | set[str], script: str, opencc: str = "s2t") -> list[str]:
    """The options fit for text written in `script` (see written_script), in order, deduplicated."""
    traditional, _simplified = _script_sets()
    is_trad = lambda o: any(ch in traditional for ch in o)  # noqa: E731
    if script == "ja":
        picked = [o for o in options if o not in hant_terms] or list(options)
    elif script == "hant":
        picked = [o for o in options if o in hant_terms] or [
            o if is_trad(o) or o.isascii() else to_traditional(o, opencc) for o in options]
    else:
        picked = [o for o in options if o not in hant_terms and not is_trad(o)] or [
            to_simplified(o) for o in options]
    return list(dict.fromkeys(picked))


def keep_written(original: str, replacement: str) -> str:
    """`replacement` with the characters it shares with `original` written as the original writes
    them: 人為破壞 -> 人爲損壞 becomes 人為損壞 (為 and 爲 are the same character to the linter, and
    the writer chose 為). Only non-ASCII characters are kept: a case-only fix (javascript ->
    JavaScript) still changes the letters."""
    fo = [fold(ch) for ch in original]
    fr = [fold(ch) for ch in replacement]
    out = list(replacement)
    for block in difflib.SequenceMatcher(None, fo, fr, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            o, r = original[block.a + k], replacement[block.b + k]
            if o != r and not o.isascii() and not r.isascii() and fo[block.a + k]:
                out[block.b + k] = o
    return "".join(out)
