"""The lint finding: one match of one rule at one place. It is `errors.Finding`, the one finding type
of every command (issue #13); this module keeps the lint names. Its shapes (the text line, the JSON
output version 1) are written by `aftersales_std.report` (lint_line, lint_dict)."""
from __future__ import annotations

from aftersales_std.errors import Finding
from aftersales_std.report import JSON_FORMAT_VERSION as JSON_VERSION
from aftersales_std.report import clean, safe_text

LintFinding = Finding

__all__ = ["JSON_VERSION", "LintFinding", "clean", "safe_text"]
