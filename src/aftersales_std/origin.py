"""Where a model object came from (file, line, column): one small module, so that a compiled rule
read back from the lint cache does not import the whole content model (aftersales_std.model, which
re-exports it)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """Where a model object came from, for messages and traceability."""

    path: str
    line: int = 1
    col: int = 1
