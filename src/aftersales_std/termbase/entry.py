"""One concept as read from an exchange file (CSV, TBX), before it is merged into the glossary."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DESIGNATION_KEYS = ("designation", "status", "abbreviation", "pinyin", "sort_key", "region", "usage_note")


@dataclass
class Entry:
    id: str
    line: int  # row (CSV) or line (TBX) where it starts, for messages
    fields: dict[str, Any] = field(default_factory=dict)  # concept data the file carries; absent: keep
    carried: tuple[str, ...] = DESIGNATION_KEYS  # designation keys the file carries; others are kept


class ImportProblems(Exception):
    """Row-level problems (`file:row: message`); nothing has been written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
