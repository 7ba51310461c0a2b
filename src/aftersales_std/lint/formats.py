"""Findings out: text, json (versioned), sarif (2.1.0) and github (workflow annotations)."""
from __future__ import annotations

import json
from typing import Any, Sequence, TextIO
from urllib.parse import quote

from aftersales_std import __version__
from aftersales_std.lint.engine import RuleSet
from aftersales_std.lint.finding import JSON_VERSION, LintFinding

FORMATS = ("text", "json", "sarif", "github")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "suggestion": "notice"}


def write(findings: Sequence[LintFinding], fmt: str, stream: TextIO, ruleset: RuleSet, *,
          lang: str = "zh-Hans", summary: dict[str, Any] | None = None) -> None:
    items = sorted(findings)
    if fmt == "json":
        payload = {"version": JSON_VERSION, "tool": {"name": "aftersales-std", "version": __version__},
                   "findings": [f.as_dict() for f in items], "summary": summary or {}}
        json.dump(payload, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "sarif":
        json.dump(sarif(items, ruleset, lang), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "github":
        for f in items:
            stream.write(github(f) + "\n")
    else:
        for f in items:
            stream.write(f.format() + "\n")


def _uri(path: str) -> str:
    if path.startswith("<"):
        return "stdin"
    return quote(path.replace("\\", "/"), safe="/:._-~")


def sarif(findings: Sequence[LintFinding], ruleset: RuleSet, lang: str = "zh-Hans") -> dict[str, Any]:
    rules = sorted(ruleset.rules, key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    descriptors = []
    for r in rules:
        desc = r.text(r.description, "en") or r.text(r.message, "en")
        descriptors.append({
            "id": r.code, "name": r.name,
            "shortDescription": {"text": r.name},
            "fullDescription": {"text": desc},
            "help": {"text": r.text(r.description, lang) or desc},
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
            "properties": {"tags": [r.group, *r.refs], "refs": list(r.refs), "kind": r.kind},
        })
    results = []
    for f in findings:
        region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line or f.line,
                  "endColumn": f.end_column or f.column + 1, "snippet": {"text": f.match}}
        location = {"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": region}}
        result: dict[str, Any] = {
            "ruleId": f.code, "level": _SARIF_LEVEL.get(f.severity, "warning"),
            "message": {"text": f.message + (f" [{f.name}]" if f.name else "")},
            "locations": [location],
            "properties": {"refs": list(f.refs), "severity": f.severity},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.suggestion:
            result["properties"]["suggestion"] = f.suggestion
        if f.replacement is not None:
            result["fixes"] = [{
                "description": {"text": f"replace with {f.replacement}"},
                "artifactChanges": [{"artifactLocation": {"uri": _uri(f.path)}, "replacements": [{
                    "deletedRegion": {"startLine": f.line, "startColumn": f.column,
                                      "endLine": f.end_line or f.line, "endColumn": f.end_column},
                    "insertedContent": {"text": f.replacement}}]}],
            }]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "aftersales-std", "version": __version__,
                                "informationUri": "https://pypi.org/project/aftersales-std/",
                                "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(f: LintFinding) -> str:
    """A GitHub Actions workflow command (::error file=...,line=...::message)."""
    props = (f"file={_escape_prop(f.path)},line={f.line},col={f.column},endLine={f.end_line or f.line},"
             f"endColumn={f.end_column},title={_escape_prop(f'{f.code} {f.name}')}")
    message = f.message + (f" -> {f.suggestion}" if f.suggestion else "")
    return f"::{_GITHUB_LEVEL.get(f.severity, 'warning')} {props}::{_escape_data(message)}"
