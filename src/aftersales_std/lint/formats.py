"""Findings out: text, json (versioned), sarif (2.1.0) and github (workflow annotations).

Inputs that could not be read (LT010: not UTF-8, not valid YAML/JSON/CSV, unreadable) go into the
same stream as the findings in every machine format: a JSON finding with code LT010, a SARIF result
of rule LT010 (and a tool execution notification), a GitHub `::error` annotation. Text output prints
them on stderr, as before.
"""
from __future__ import annotations

import hashlib
import json
import sys
from operator import attrgetter
from typing import Any, Sequence, TextIO
from urllib.parse import quote

from aftersales_std import __version__
from aftersales_std.errors import Finding
from aftersales_std.lint.engine import RuleSet
from aftersales_std.lint.finding import JSON_VERSION, LintFinding, safe_text

__all__ = ["FORMATS", "SARIF_MAX_RESULTS", "input_problem", "safe_text", "sarif", "github", "write"]

FORMATS = ("text", "json", "sarif", "github")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# GitHub code scanning rejects a SARIF run with more results than this (and shows the 5,000 most severe).
SARIF_MAX_RESULTS = 25_000
INPUT_CODE = "LT010"
INPUT_NAME = "input.unreadable"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "suggestion": "notice"}
_RANK = {"error": 0, "warning": 1, "suggestion": 2}


def input_problem(problem: Finding) -> LintFinding:
    """An input that could not be read, as a finding of the lint stream (code LT010, error)."""
    return LintFinding(path=problem.path, line=problem.line, column=problem.col, code=problem.code or INPUT_CODE,
                       end_line=problem.line, end_column=problem.col + 1 if problem.col else 0,
                       name=INPUT_NAME, severity="error", message=problem.message)


def write(findings: Sequence[LintFinding], fmt: str, stream: TextIO, ruleset: RuleSet, *,
          lang: str = "zh-Hans", summary: dict[str, Any] | None = None,
          problems: Sequence[LintFinding] = ()) -> None:
    """Write the findings; `problems` (unreadable inputs) join them in the json/sarif/github formats
    (text leaves them to the caller, who prints them on stderr)."""
    items = in_order(findings)
    if fmt == "json":
        payload = {"version": JSON_VERSION, "tool": {"name": "aftersales-std", "version": __version__},
                   "findings": [f.as_dict() for f in in_order([*items, *problems])], "summary": summary or {}}
        dump_json(payload, stream)
    elif fmt == "sarif":
        log = sarif(items, ruleset, lang, problems=problems)
        left_out = log["runs"][0]["properties"].get("resultsLeftOut", 0)
        dump_json(log, stream)
        if left_out:
            print(f"aftersales: warning: SARIF holds the {SARIF_MAX_RESULTS:,} most severe results; "
                  f"{left_out:,} more left out (use --format json for all)", file=sys.stderr)
    elif fmt == "github":
        stream.write("".join(github(f) + "\n" for f in in_order([*items, *problems])))
    else:
        stream.write("".join(f.format() + "\n" for f in items))


# Above this many items a JSON document is written by orjson (the standard encoder with indent=2 is
# pure Python: 30,000 findings took seconds); below, the standard one (no import to pay for). Both
# write the same bytes (tests/lint/test_lint_formats.py).
ORJSON_AFTER = 500


def dump_json(payload: Any, stream: TextIO, size: int | None = None) -> None:
    """`payload` as JSON with an indent of 2, non-ASCII as it is, and a final line break, in one write
    (json.dump(payload, stream, ensure_ascii=False, indent=2) writes it value by value)."""
    if size is None:
        size = sum(len(v) for v in payload.values() if isinstance(v, list)) if isinstance(payload, dict) else 0
        if isinstance(payload, dict) and "runs" in payload:
            size = sum(len(run.get("results", ())) for run in payload["runs"])
    if size > ORJSON_AFTER:
        try:
            import orjson
            data = orjson.dumps(payload, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
        except (ImportError, TypeError, ValueError):  # lone surrogates, huge integers: the standard encoder
            pass
        else:
            _write_utf8(data, stream)
            return
    stream.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _write_utf8(data: bytes, stream: TextIO) -> None:
    """UTF-8 bytes to a text stream: straight to its buffer when it encodes UTF-8 strictly."""
    buffer = getattr(stream, "buffer", None)
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    if buffer is not None and encoding in ("utf-8", "utf8") and getattr(stream, "errors", "strict") == "strict":
        stream.flush()
        buffer.write(data)
        return
    stream.write(data.decode("utf-8"))


_ORDER = attrgetter("path", "line", "column", "code", "end_line", "end_column")


def in_order(findings: Sequence[LintFinding]) -> list[LintFinding]:
    """sorted(findings): the order of LintFinding (its compared fields), by a key computed once per
    finding instead of the dataclass's __lt__ at every comparison."""
    return sorted(findings, key=_ORDER)


def _uri(path: str) -> str:
    if path.startswith("<"):
        return "stdin"
    return quote(path.replace("\\", "/"), safe="/:._-~")


def _region(f: LintFinding) -> dict[str, Any] | None:
    if f.line < 1:
        return None  # the file as a whole
    region: dict[str, Any] = {"startLine": f.line}
    if f.column >= 1:
        region.update(startColumn=f.column, endLine=max(f.end_line or f.line, f.line),
                      endColumn=max(f.end_column, f.column + 1) if f.end_line in (0, f.line) else max(f.end_column, 1))
    if f.match:
        region["snippet"] = {"text": f.match}
    return region


def fingerprint(f: LintFinding, occurrence: int) -> str:
    """Stable across edits elsewhere in the file: rule, file, matched text and which occurrence of
    that match (in that file, for that rule) it is; not the line number."""
    key = "\0".join((f.code, f.path, f.match, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _descriptor(code: str, name: str, short: str, full: str, help_text: str, level: str,
                properties: dict[str, Any]) -> dict[str, Any]:
    return {"id": code, "name": name, "shortDescription": {"text": short}, "fullDescription": {"text": full},
            "help": {"text": help_text}, "defaultConfiguration": {"level": level}, "properties": properties}


def sarif(findings: Sequence[LintFinding], ruleset: RuleSet, lang: str = "zh-Hans", *,
          problems: Sequence[LintFinding] = (), limit: int = SARIF_MAX_RESULTS) -> dict[str, Any]:
    rules = sorted(ruleset.rules, key=lambda r: r.code)
    descriptors = []
    for r in rules:
        desc = r.text(r.description, "en") or r.text(r.message, "en")
        descriptors.append(_descriptor(r.code, r.name, r.name, desc, r.text(r.description, lang) or desc,
                                       _SARIF_LEVEL[r.severity],
                                       {"tags": [r.group, *r.refs], "refs": list(r.refs), "kind": r.kind}))
    if problems:
        descriptors.append(_descriptor(INPUT_CODE, INPUT_NAME, INPUT_NAME, "An input could not be read (encoding, "
                                       "syntax or permissions); nothing in it was checked.",
                                       "Fix or re-save the file; the run exits 2 until it can be read.",
                                       "error", {"tags": ["input"]}))
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    everything = in_order([*problems, *findings])
    # the most severe first when there are too many (what GitHub shows), then file order
    kept = everything if len(everything) <= limit else sorted(
        everything, key=lambda f: (f.code != INPUT_CODE, _RANK.get(f.severity, 1), f))[:limit]
    kept_ids = {id(f) for f in kept}
    occurrences: dict[tuple[str, str, str], int] = {}
    results = []
    for f in everything:
        key = (f.code, f.path, f.match)
        occurrences[key] = occurrences.get(key, 0) + 1
        if id(f) not in kept_ids:
            continue
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.path)}}
        region = _region(f)
        if region is not None:
            physical["region"] = region
        result: dict[str, Any] = {
            "ruleId": f.code, "level": _SARIF_LEVEL.get(f.severity, "warning"),
            "message": {"text": f.message + (f" [{f.name}]" if f.name else "")},
            "locations": [{"physicalLocation": physical}],
            "partialFingerprints": {"aftersalesFinding/v1": fingerprint(f, occurrences[key])},
            "properties": {"refs": list(f.refs), "severity": f.severity},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.suggestion:
            result["properties"]["suggestion"] = f.suggestion
        if f.replacement is not None and region is not None and "startColumn" in region:
            result["fixes"] = [{
                "description": {"text": f"replace with {f.replacement}"},
                "artifactChanges": [{"artifactLocation": {"uri": _uri(f.path)}, "replacements": [{
                    "deletedRegion": {k: region[k] for k in ("startLine", "startColumn", "endLine", "endColumn")},
                    "insertedContent": {"text": f.replacement}}]}],
            }]
        results.append(result)
    notifications = []
    for p in problems:
        physical = {"artifactLocation": {"uri": _uri(p.path)}}
        region = _region(p)
        if region is not None:
            physical["region"] = region
        notifications.append({"level": "error", "message": {"text": f"{p.path}: {p.message}"},
                              "locations": [{"physicalLocation": physical}],
                              "descriptor": {"id": INPUT_CODE}})
    left_out = len(everything) - len(kept)
    if left_out:
        notifications.append({"level": "warning", "message": {"text": (
            f"{left_out} of {len(everything)} results left out: GitHub code scanning takes at most "
            f"{limit} results per run; these are the most severe. Run with --format json for all of them.")}})
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "aftersales-std", "version": __version__,
                            "informationUri": "https://pypi.org/project/aftersales-std/",
                            "rules": descriptors}},
        "invocations": [{"executionSuccessful": not problems, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"resultsLeftOut": left_out} if left_out else {},
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(f: LintFinding) -> str:
    """A GitHub Actions workflow command (::error file=...,line=...::message)."""
    props = f"file={_escape_prop(f.path)}"
    if f.line >= 1:
        props += f",line={f.line}"
        if f.column >= 1:
            props += f",col={f.column},endLine={f.end_line or f.line},endColumn={f.end_column}"
    props += f",title={_escape_prop(f'{f.code} {f.name}')}"
    message = f.message + (f" -> {f.suggestion}" if f.suggestion else "")
    return f"::{_GITHUB_LEVEL.get(f.severity, 'warning')} {props}::{_escape_data(message)}"
