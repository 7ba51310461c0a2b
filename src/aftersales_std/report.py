"""Findings out: one line each (`path:line:col: CODE message (json.path)`) or JSON."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from aftersales_std.errors import Finding

JSON_FORMAT_VERSION = 1


def print_findings(findings: Iterable[Finding], fmt: str = "text", stream: TextIO | None = None,
                   extra: dict[str, Any] | None = None) -> None:
    stream = stream or sys.stdout
    items = sorted(findings)
    if fmt == "json":
        payload: dict[str, Any] = {"version": JSON_FORMAT_VERSION, "valid": not items,
                                   "findings": [f.as_dict() for f in items]}
        payload.update(extra or {})
        json.dump(payload, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    for finding in items:
        stream.write(finding.format() + "\n")
