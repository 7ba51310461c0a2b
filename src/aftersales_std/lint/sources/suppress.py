"""Inline suppression comments and per-path ignores.

    <!-- aftersales: disable=VG01,TF01 -->     this line
    # aftersales: disable-next-line=AD01       the next line
    {# aftersales: disable-file=JG01 #}        the whole file
`all` stands for every rule. In YAML, a comment on (or just above) the key of a value covers the
whole value, so a multi-line reply can be suppressed with one comment above its `text:` key.
"""
from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

DIRECTIVE = re.compile(r"aftersales:\s*(disable-next-line|disable-file|disable)\s*=\s*"
                       r"((?:[A-Z]{2}[0-9]{2}|all)(?:\s*,\s*(?:[A-Z]{2}[0-9]{2}|all))*)")


@dataclass
class Suppressions:
    lines: dict[int, set[str]] = field(default_factory=dict)
    file: set[str] = field(default_factory=set)

    def covers(self, code: str, *lines: int | None) -> bool:
        if code in self.file or "all" in self.file:
            return True
        for line in lines:
            if line is None:
                continue
            codes = self.lines.get(line)
            if codes and (code in codes or "all" in codes):
                return True
        return False


def parse(text: str, fixed_line: int | None = None) -> Suppressions:
    """Suppressions of a text; with fixed_line (a JSONL record), they cover that record only."""
    out = Suppressions()
    if "aftersales:" not in text:
        return out
    for m in DIRECTIVE.finditer(text):
        codes = {c.strip() for c in m.group(2).split(",")}
        kind = m.group(1)
        if kind == "disable-file":
            out.file |= codes
            continue
        line = fixed_line if fixed_line is not None else text.count("\n", 0, m.start()) + 1
        if kind == "disable-next-line" and fixed_line is None:
            line += 1
        out.lines.setdefault(line, set()).update(codes)
    return out


def glob_match(path: str, pattern: str) -> bool:
    """fnmatch with `**/` matching any number of folders (also none)."""
    path = path.replace("\\", "/").lstrip("./") if path.startswith("./") else path.replace("\\", "/")
    if fnmatch.fnmatchcase(path, pattern):
        return True
    if pattern.startswith("**/") and fnmatch.fnmatchcase(path, pattern[3:]):
        return True
    if "/**/" in pattern:
        head, tail = pattern.split("/**/", 1)
        return glob_match(path, f"{head}/{tail}")
    if pattern.endswith("/**"):
        return path.startswith(pattern[:-3] + "/") or path == pattern[:-3]
    return False


def ignored_codes(path: str, ignore: Mapping[str, Sequence[str]]) -> set[str]:
    out: set[str] = set()
    for pattern, codes in (ignore or {}).items():
        if glob_match(path, pattern):
            out.update(codes)
    return out
