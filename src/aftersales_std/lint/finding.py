"""The lint finding: one match of one rule at one place (the JSON output shape, version 1)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSON_VERSION = 1


def clean(text: str) -> str:
    """Text safe to print and to encode as UTF-8 (lone surrogates become U+FFFD)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)


_CONTROL = {c: f"\\x{c:02x}" for c in list(range(0x20)) + [0x7F]} | {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}
_CONTROL.update({c: f"\\u{c:04x}" for c in (0x85, 0x2028, 0x2029)})


def safe_text(text: str) -> str:
    """`text` on one line, as a terminal shows it: line breaks, tabs, escape sequences and other
    control characters written as \\n, \\t, \\x1b ... (a file name with a newline must not start a
    new finding line, nor colour the terminal)."""
    return clean(text).translate(_CONTROL)


@dataclass(frozen=True, order=True)
class LintFinding:
    path: str
    line: int
    column: int
    code: str
    end_line: int = 0
    end_column: int = 0  # exclusive
    name: str = field(default="", compare=False)
    severity: str = field(default="error", compare=False)
    message: str = field(default="", compare=False)
    match: str = field(default="", compare=False)
    suggestion: str | None = field(default=None, compare=False)
    refs: tuple[str, ...] = field(default=(), compare=False)
    replacement: str | None = field(default=None, compare=False)  # set when --fix may apply it
    start: int | None = field(default=None, compare=False)  # file offsets, when the input is a file
    end: int | None = field(default=None, compare=False)

    @property
    def fixable(self) -> bool:
        return self.replacement is not None

    def format(self) -> str:
        head = (f"{safe_text(self.path)}:{self.line}:{self.column}: {self.code} {self.severity} "
                f"{safe_text(self.message)}" + (f" [{self.name}]" if self.name else ""))
        if self.suggestion:
            head += f"\n    suggestion: {safe_text(self.suggestion)}"
        return head

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "line": self.line, "column": self.column, "end_line": self.end_line,
            "end_column": self.end_column, "code": self.code, "name": self.name, "severity": self.severity,
            "message": self.message, "match": self.match, "suggestion": self.suggestion,
            "refs": list(self.refs), "fixable": self.fixable,
        }
