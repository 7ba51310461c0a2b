"""Lint findings out: the lint end of the one reporter registry (aftersales_std.report), which holds
the writers (text, json, sarif, github) for every command.

Inputs that could not be read (LT010: not UTF-8, not valid YAML/JSON/CSV, unreadable) go into the
same stream as the findings in every machine format: a JSON finding with code LT010, a SARIF result
of rule LT010 (and a tool execution notification), a GitHub `::error` annotation. Text output prints
them on stderr (`Report.problem_stream`).
"""
from __future__ import annotations

from typing import Any, Sequence, TextIO

from aftersales_std import report
from aftersales_std.errors import Finding
from aftersales_std.report import (INPUT_CODE, INPUT_NAME, SARIF_MAX_RESULTS, _ORDER, dump_json, fingerprint,
                                   github, in_order, input_problem, safe_text, sarif)

__all__ = ["FORMATS", "INPUT_CODE", "INPUT_NAME", "SARIF_MAX_RESULTS", "dump_json", "fingerprint", "github",
           "in_order", "input_problem", "lint_report", "safe_text", "sarif", "write", "_ORDER"]

FORMATS = report.formats()


def lint_report(findings: Sequence[Finding], ruleset: Any, *, lang: str = "zh-Hans",
                summary: dict[str, Any] | None = None, problems: Sequence[Finding] = (),
                problem_stream: TextIO | None = None) -> report.Report:
    return report.Report(findings, problems, report.LINT, summary, ruleset, lang, problem_stream)


def write(findings: Sequence[Finding], fmt: str, stream: TextIO, ruleset: Any, *,
          lang: str = "zh-Hans", summary: dict[str, Any] | None = None,
          problems: Sequence[Finding] = ()) -> None:
    """Write the findings; `problems` (unreadable inputs) join them in the json/sarif/github formats
    (text leaves them to the caller, who prints them on stderr)."""
    report.write(lint_report(findings, ruleset, lang=lang, summary=summary,
                             problems=() if fmt == "text" else problems), fmt, stream)
