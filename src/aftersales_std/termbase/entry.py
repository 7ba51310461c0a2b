"""One concept as read from an exchange file (CSV, TBX), before it is merged into the glossary."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

DESIGNATION_KEYS = ("designation", "status", "abbreviation", "pinyin", "sort_key", "region", "usage_note")
MAX_ID = 100  # characters of a concept id (it is also a file name and a URL)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass
class Entry:
    id: str
    line: int  # row (CSV) or line (TBX) where it starts, for messages
    fields: dict[str, Any] = field(default_factory=dict)  # concept data the file carries; absent: keep
    carried: tuple[str, ...] = DESIGNATION_KEYS  # designation keys the file carries; others are kept
    by_designation: bool = False  # the id is made up (another tool's id): match a concept by designation


@dataclass
class Reading:
    """What a reader found: entries, problems (nothing is imported while there are any) and warnings."""
    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None  # CSV: the encoding the file was read in


class ImportProblems(Exception):
    """Row-level problems (`file:row: message`); nothing has been written."""

    def __init__(self, problems: list[str], warnings: list[str] | None = None) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
        self.warnings = warnings or []


def printable(text: str, *, lines: bool = False) -> str:
    """Text safe to print on a terminal: control characters (ANSI escapes ...) shown as \\x1b etc.;
    line breaks too (one message, one line), unless `lines` (a multi-line report)."""
    text = _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return text if lines else text.replace("\r", "\\r").replace("\n", "\\n")


def control_char(text: str) -> str | None:
    """The first control character of text (tab, newline, line separators and bidi overrides included)
    as U+XXXX, or None."""
    m = _CONTROL.search(text) or re.search(r"[\t\n]", text)
    return f"U+{ord(m.group()):04X}" if m else None
