"""Findings out, for every command: one registry of writers, format name -> writer (in the spirit of
ruff's output formats). Each writer takes a `Report` and a stream:

- text:   one line per finding (`path:line:col: CODE message (json.path)` for content, the lint line
          with severity, rule name and suggestion for lint);
- json:   a versioned JSON document (`valid` + `findings` + counts for content; `tool` + `findings`
          + `summary` for lint);
- sarif:  SARIF 2.1.0, one run, capped at GitHub's 25,000 results with a notification;
- github: GitHub Actions workflow commands (`::error file=...,line=...::message`).

A report holds the findings and the inputs that could not be read (`problems`); both are
`errors.Finding`. The machine formats put the problems in the same stream as the findings; text
prints them on `problem_stream` when one is given (stderr, for lint), else with the findings.

`kind` names the document shape of the command family: "content" (validate, build, import ...) or
"lint". The shapes are public, versioned formats and are kept as they were when the two reporting
paths were merged into this one.
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, TextIO
from urllib.parse import quote

from aftersales_std.errors import Finding

JSON_FORMAT_VERSION = 1
CONTENT, LINT = "content", "lint"

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# GitHub code scanning rejects a SARIF run with more results than this (and shows the 5,000 most severe).
SARIF_MAX_RESULTS = 25_000
INPUT_CODE = "LT010"
INPUT_NAME = "input.unreadable"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "suggestion": "notice"}
_RANK = {"error": 0, "warning": 1, "suggestion": 2}


@dataclass
class Report:
    """What one command run found. `summary`: the lint JSON's "summary", or the keys a content JSON
    document adds after its findings (e.g. "counts"). `ruleset`: the lint rules (SARIF describes each);
    a report without one describes the codes its findings use."""

    findings: Sequence[Finding]
    problems: Sequence[Finding] = ()
    kind: str = CONTENT
    summary: dict[str, Any] | None = None
    ruleset: Any = None
    lang: str = "zh-Hans"
    problem_stream: TextIO | None = field(default=None, repr=False)


Writer = Callable[[Report, TextIO], None]
WRITERS: dict[str, Writer] = {}


def register(name: str) -> Callable[[Writer], Writer]:
    """Add a writer to the registry under `name` (the value of --format)."""
    def add(writer: Writer) -> Writer:
        WRITERS[name] = writer
        return writer
    return add


def formats() -> tuple[str, ...]:
    """The names of the registered formats, for --format choices (text first)."""
    return tuple(WRITERS)


def write(report: Report, fmt: str, stream: TextIO | None = None) -> None:
    """Write `report` in format `fmt` to `stream` (default stdout)."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(WRITERS)}") from None
    writer(report, stream or sys.stdout)


def print_findings(findings: Iterable[Finding], fmt: str = "text", stream: TextIO | None = None,
                   extra: dict[str, Any] | None = None) -> None:
    """Content findings in `fmt` (the reporting call of validate, build and the CLI's error path)."""
    write(Report(list(findings), summary=extra), fmt, stream)


# ---------------------------------------------------------------------------------------------- order

_ORDER = attrgetter("path", "line", "column", "code", "end_line", "end_column", "message", "json_path")


def in_order(findings: Iterable[Finding]) -> list[Finding]:
    """sorted(findings) (Finding.sort_key), by a key computed once per finding in C instead of a
    Python comparison at every step (a report of 30,000 findings)."""
    return sorted(findings, key=_ORDER)


# ----------------------------------------------------------------------------------------- the shapes

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


def content_line(f: Finding) -> str:
    """`path:line:col: CODE message (json.path)`."""
    return f.format()


def lint_line(f: Finding) -> str:
    """`path:line:col: CODE severity message [rule.name]`, then `    suggestion: ...` when there is one."""
    head = (f"{safe_text(f.path)}:{f.line}:{f.column}: {f.code} {f.severity} "
            f"{safe_text(f.message)}" + (f" [{f.name}]" if f.name else ""))
    if f.suggestion:
        head += f"\n    suggestion: {safe_text(f.suggestion)}"
    return head


def lint_dict(f: Finding) -> dict[str, Any]:
    """One finding of the lint JSON document (version 1)."""
    return {
        "path": f.path, "line": f.line, "column": f.column, "end_line": f.end_line,
        "end_column": f.end_column, "code": f.code, "name": f.name, "severity": f.severity,
        "message": f.message, "match": f.match, "suggestion": f.suggestion,
        "refs": list(f.refs), "fixable": f.fixable,
    }


def input_problem(problem: Finding) -> Finding:
    """An input that could not be read, as a finding of the lint stream (code LT010, error, a
    one-character span at its position)."""
    return Finding(problem.path, problem.line, problem.column, problem.code or INPUT_CODE,
                   problem.message, end_line=problem.line, end_column=problem.column + 1 if problem.column else 0,
                   name=INPUT_NAME, severity="error")


# -------------------------------------------------------------------------------------------- writers

@register("text")
def write_text(report: Report, stream: TextIO) -> None:
    line = lint_line if report.kind == LINT else content_line
    items = in_order(report.findings)
    if report.problem_stream is None:
        items = in_order([*items, *report.problems])
    stream.write("".join(line(f) + "\n" for f in items))
    if report.problem_stream is not None and report.problems:
        report.problem_stream.write("".join(line(p) + "\n" for p in in_order(report.problems)))


@register("json")
def write_json(report: Report, stream: TextIO) -> None:
    items = in_order([*report.findings, *report.problems])
    if report.kind == LINT:
        from aftersales_std import __version__
        payload: dict[str, Any] = {"version": JSON_FORMAT_VERSION,
                                   "tool": {"name": "aftersales-std", "version": __version__},
                                   "findings": [lint_dict(f) for f in items], "summary": report.summary or {}}
        dump_json(payload, stream)
        return
    payload = {"version": JSON_FORMAT_VERSION, "valid": not items, "findings": [f.as_dict() for f in items]}
    payload.update(report.summary or {})
    dump_json(payload, stream)


@register("sarif")
def write_sarif(report: Report, stream: TextIO) -> None:
    log = sarif(report.findings, report.ruleset, report.lang, problems=report.problems)
    left_out = log["runs"][0]["properties"].get("resultsLeftOut", 0)
    dump_json(log, stream)
    if left_out:
        print(f"aftersales: warning: SARIF holds the {SARIF_MAX_RESULTS:,} most severe results; "
              f"{left_out:,} more left out (use --format json for all)", file=sys.stderr)


@register("github")
def write_github(report: Report, stream: TextIO) -> None:
    stream.write("".join(github(f) + "\n" for f in in_order([*report.findings, *report.problems])))


# ----------------------------------------------------------------------------------------------- JSON

# Above this many items a JSON document is written by orjson (the standard encoder with indent=2 is
# pure Python: 30,000 findings took seconds); below, the standard one (no import to pay for). Both
# write the same bytes (tests/lint/test_lint_warm_path.py).
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


# ---------------------------------------------------------------------------------------------- SARIF

def _uri(path: str) -> str:
    if path.startswith("<"):
        return "stdin"
    return quote(path.replace("\\", "/"), safe="/:._-~")


def _region(f: Finding) -> dict[str, Any] | None:
    if f.line < 1:
        return None  # the file as a whole
    region: dict[str, Any] = {"startLine": f.line}
    if f.column >= 1:
        region.update(startColumn=f.column, endLine=max(f.end_line or f.line, f.line),
                      endColumn=max(f.end_column, f.column + 1) if f.end_line in (0, f.line) else max(f.end_column, 1))
    if f.match:
        region["snippet"] = {"text": f.match}
    return region


def fingerprint(f: Finding, occurrence: int) -> str:
    """Stable across edits elsewhere in the file: rule, file, matched text and which occurrence of
    that match (in that file, for that rule) it is; not the line number."""
    key = "\0".join((f.code, f.path, f.match, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _descriptor(code: str, name: str, short: str, full: str, help_text: str, level: str,
                properties: dict[str, Any]) -> dict[str, Any]:
    return {"id": code, "name": name, "shortDescription": {"text": short}, "fullDescription": {"text": full},
            "help": {"text": help_text}, "defaultConfiguration": {"level": level}, "properties": properties}


def _rule_descriptors(ruleset: Any, findings: Sequence[Finding], lang: str) -> list[dict[str, Any]]:
    if ruleset is None:  # content findings: one descriptor per code used
        codes = sorted({f.code for f in findings if f.code != INPUT_CODE})
        return [_descriptor(code, code, code, code, code, "error", {}) for code in codes]
    descriptors = []
    for r in sorted(ruleset.rules, key=lambda r: r.code):
        desc = r.text(r.description, "en") or r.text(r.message, "en")
        descriptors.append(_descriptor(r.code, r.name, r.name, desc, r.text(r.description, lang) or desc,
                                       _SARIF_LEVEL[r.severity],
                                       {"tags": [r.group, *r.refs], "refs": list(r.refs), "kind": r.kind}))
    return descriptors


def sarif(findings: Sequence[Finding], ruleset: Any = None, lang: str = "zh-Hans", *,
          problems: Sequence[Finding] = (), limit: int = SARIF_MAX_RESULTS) -> dict[str, Any]:
    """One SARIF 2.1.0 log; `ruleset`: the lint rules to describe (None: the codes of the findings)."""
    descriptors = _rule_descriptors(ruleset, findings, lang)
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
        if f.json_path:  # content findings: where in the document
            result["properties"]["jsonPath"] = f.json_path
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
    from aftersales_std import __version__
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


# --------------------------------------------------------------------------------------------- GitHub

def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(f: Finding) -> str:
    """A GitHub Actions workflow command (::error file=...,line=...::message)."""
    props = f"file={_escape_prop(f.path)}"
    if f.line >= 1:
        props += f",line={f.line}"
        if f.column >= 1:
            props += f",col={f.column}"
            if f.end_column:  # content findings have no end
                props += f",endLine={f.end_line or f.line},endColumn={f.end_column}"
    title = f"{f.code} {f.name}" if f.name else f.code
    props += f",title={_escape_prop(title)}"
    message = f.message + (f" -> {f.suggestion}" if f.suggestion else "")
    return f"::{_GITHUB_LEVEL.get(f.severity, 'warning')} {props}::{_escape_data(message)}"
