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


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. Sorted by path, then position, then code."""

    path: str
    line: int  # 1-based; 0 when the problem concerns the file as a whole
    col: int  # 1-based; 0 when unknown
    code: str
    message: str
    json_path: str = ""
    severity: str = field(default="error", compare=False)

    def format(self) -> str:
        loc = f"{self.path}:{self.line}:{self.col}"
        suffix = f" ({self.json_path})" if self.json_path else ""
        return f"{loc}: {self.code} {self.message}{suffix}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "json_path": self.json_path,
        }
