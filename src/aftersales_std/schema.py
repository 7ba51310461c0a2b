"""The shipped JSON Schemas, and schema errors turned into positioned, actionable findings."""
from __future__ import annotations

import difflib
import json
import re
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import jsonschema.validators
from jsonschema.exceptions import ValidationError, best_match

from aftersales_std.errors import Finding
from aftersales_std.loading import Document, JsonPath

KINDS: dict[str, str] = {
    "concept": "one glossary concept: glossary/concepts/<id>.yaml",
    "glossary": "the glossary manifest: glossary/glossary.yaml",
    "standard": "one service standard: standards/<id>.yaml",
    "rule": "one phrasing-linter rule: checks/<group>/<CODE>.yaml",
    "replies": "a reply-template file: templates/replies/<scenario>.yaml",
    "config": "the project configuration: aftersales.yaml",
    "export": "the glossary as JSON: aftersales glossary export --format json",
}

_TYPE_NAMES = {"object": "a mapping", "array": "a list", "string": "text", "number": "a number",
               "integer": "a whole number", "boolean": "true or false", "null": "empty"}


def schema_text(kind: str) -> str:
    return (resources.files("aftersales_std") / "schemas" / f"{kind}.schema.json").read_text("utf-8")


@cache
def schema(kind: str) -> dict[str, Any]:
    return json.loads(schema_text(kind))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """`pattern` as JSON Schema (ECMA-262) means it: `$` is the end of the text, not before a final
    line break as in Python's re, so an id "abc\\n" does not match ^[a-z]+$."""
    if not validator.is_type(instance, "string"):
        return
    py = pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern
    if re.search(py, instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})


@cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    return _Validator(schema(kind))  # type: ignore[no-any-return]


def check(doc: Document, kind: str) -> list[Finding]:
    """Schema findings for a loaded document (nothing when it did not load)."""
    if doc.findings:
        return []
    if doc.data is None:
        return [doc.finding((), "AS201", f"file is empty; it must hold {KINDS[kind].split(':')[0]}")]
    errors = sorted(validator(kind).iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path)))
    findings: list[Finding] = []
    for error in errors:
        findings.extend(_explain(doc, error))
    return findings


def _explain(doc: Document, error: ValidationError) -> list[Finding]:
    if error.validator in ("oneOf", "anyOf") and error.context:
        return _explain(doc, best_match(error.context))
    path: JsonPath = tuple(error.absolute_path)
    v, value = error.validator, error.instance
    sub: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    expected: Any = error.validator_value
    hint = sub.get("x-hint")
    where = _where(path)
    if v == "required":
        missing = _missing(error)
        why = f" ({hint})" if hint else ""
        return [doc.finding(path, "AS202", f"missing required field '{missing}'{where}{why}; add `{missing}:`")]
    if v == "additionalProperties" and isinstance(value, dict):
        allowed = list(sub.get("properties", {}))
        out = []
        for key in sorted(set(value) - set(allowed)):
            close = difflib.get_close_matches(key, allowed, n=1)
            advice = f"did you mean '{close[0]}'?" if close else f"allowed here: {', '.join(allowed)}"
            out.append(doc.finding(path + (key,), "AS203", f"unknown field '{key}'{where}; {advice}", key=True))
        return out
    if v == "enum":
        choices = ", ".join(json.dumps(c, ensure_ascii=False) for c in expected)
        close = difflib.get_close_matches(str(value), [str(c) for c in expected], n=1)
        tip = f" (did you mean '{close[0]}'?)" if close else ""
        return [doc.finding(path, "AS204", f"{_show(value)} is not allowed{where}{tip}; use one of: {choices}")]
    if v == "const":
        return [doc.finding(path, "AS204", f"{_show(value)} is not allowed{where}; it must be "
                            f"{json.dumps(expected, ensure_ascii=False)}")]
    if v == "type":
        names = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in (expected if isinstance(expected, list) else [expected]))
        tip = "; put the value in quotes" if "string" in str(expected) and not isinstance(value, (dict, list)) else ""
        return [doc.finding(path, "AS205", f"{_show(value)} must be {names}{where}{tip}")]
    if v == "pattern":
        expect = hint or f"text matching {expected}"
        return [doc.finding(path, "AS206", f"{_show(value)} is not valid{where}: expected {expect}")]
    if v in ("minItems", "minLength"):
        what = "at least one item" if expected == 1 else f"at least {expected} items"
        if v == "minLength":
            return [doc.finding(path, "AS207", f"empty text{where}; write the text or remove the field")]
        return [doc.finding(path, "AS207", f"the list{where} needs {what}")]
    if v == "contains":
        return [doc.finding(path, "AS208", f"the list{where} needs {hint or 'a matching item'}")]
    if v == "uniqueItems":
        return [doc.finding(path, "AS209", f"the list{where} repeats an item; remove the duplicate")]
    if v == "propertyNames":
        return [doc.finding(path, "AS206", f"a key{where} is not valid: {error.message}")]
    if v == "minimum" or v == "maximum":
        return [doc.finding(path, "AS210", f"{_show(value)} is out of range{where}: {error.message}")]
    return [doc.finding(path, "AS200", f"{error.message}{where}")]


def _missing(error: ValidationError) -> str:
    instance = error.instance if isinstance(error.instance, dict) else {}
    names: Any = error.validator_value
    for name in names:
        if name not in instance:
            return str(name)
    return str(names[0])


def _where(path: JsonPath) -> str:
    if not path:
        return ""
    last = path[-1]
    return f" in '{last}'" if isinstance(last, str) else f" in item {last + 1} of '{path[-2]}'" if len(path) > 1 else ""


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
