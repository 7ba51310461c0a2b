"""The exception root and the Finding value that every stage reports."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Exit(IntEnum):
    """Process exit codes, shared by every subcommand."""

    OK = 0
    FINDINGS = 1
    BAD_INPUT = 2
    INTERNAL = 3


class AftersalesError(Exception):
    """Root of the errors we raise on purpose; turned into an exit code in one place (cli.main)."""

    exit_code: int = Exit.BAD_INPUT


class UsageError(AftersalesError):
    """The command line or the project configuration is wrong."""


class ContentError(AftersalesError):
    """Content did not validate; carries the findings so the caller can print them."""

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


@dataclass(frozen=True)
class Finding:
    """One problem at one place, from any command: a content problem (validate, build, import ...), a
    lint match, or an input that could not be read. The one finding type of the package (the linter's
    `LintFinding` is this class); the writers of `aftersales_std.report` print it in every format.

    Sorted by path, then start, code, end, message and JSON path (content findings have no end: their
    order is path, position, code, message, JSON path as before; lint findings keep theirs too).
    Positional construction keeps the content form: Finding(path, line, column, code, message, json_path).
    """

    path: str
    line: int  # 1-based; 0 when the problem concerns the file as a whole
    column: int  # 1-based; 0 when unknown
    code: str
    message: str = ""
    json_path: str = ""
    end_line: int = 0
    end_column: int = 0  # exclusive
    severity: str = field(default="error", compare=False)
    # lint matches: the rule's name, the matched text, the suggested wording, the clauses the rule
    # enforces, the replacement --fix may apply and the file offsets of the match
    name: str = field(default="", compare=False)
    match: str = field(default="", compare=False)
    suggestion: str | None = field(default=None, compare=False)
    refs: tuple[str, ...] = field(default=(), compare=False)
    replacement: str | None = field(default=None, compare=False)
    start: int | None = field(default=None, compare=False)
    end: int | None = field(default=None, compare=False)

    def sort_key(self) -> tuple[str, int, int, str, int, int, str, str]:
        """What findings are sorted by (report.in_order computes it with one C call per finding)."""
        return (self.path, self.line, self.column, self.code, self.end_line, self.end_column, self.message,
                self.json_path)

    def __lt__(self, other: Finding) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: Finding) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: Finding) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: Finding) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self.sort_key() >= other.sort_key()

    @property
    def col(self) -> int:
        """The column (the name the content modules use)."""
        return self.column

    @property
    def fixable(self) -> bool:
        return self.replacement is not None

    def format(self) -> str:
        """The content line: `path:line:col: CODE message (json.path)` (report.content_line)."""
        loc = f"{self.path}:{self.line}:{self.column}"
        suffix = f" ({self.json_path})" if self.json_path else ""
        return f"{loc}: {self.code} {self.message}{suffix}"

    def as_dict(self) -> dict[str, object]:
        """The content JSON shape (`aftersales validate --format json`)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "json_path": self.json_path,
        }
