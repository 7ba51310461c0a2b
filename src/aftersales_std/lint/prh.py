"""Convert a textlint-rule-prh / prh dictionary (prh.yml) into rule files.

prh entries: {expected, pattern | patterns (plain text or /regex/flags), specs: [{from, to}], prh: note}.
Plain patterns (and specs' `from`) go into one substitution rule (fixable); every regex entry
becomes an existence rule of its own, since its replacement may depend on the match.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from aftersales_std.errors import ContentError, UsageError
from aftersales_std.lint.fold import fold
from aftersales_std.lint.safety import UnsafePattern, check_pattern
from aftersales_std.loading import load_file

_JS_REGEX = re.compile(r"^/(.*)/([gimsuy]*)$", re.DOTALL)


def _entries(path: Path, seen: set[Path]) -> list[dict[str, Any]]:
    path = path.resolve()
    if path in seen:
        return []
    seen.add(path)
    doc = load_file(path)
    if doc.findings:
        raise ContentError(f"{path} is not a readable prh dictionary", doc.findings)
    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(data.get("rules", []), list):
        raise UsageError(f"{path}: `rules` must be a list of prh entries")
    out: list[dict[str, Any]] = []
    for imp in data.get("imports", []) or []:
        target = imp if isinstance(imp, str) else (imp or {}).get("path")
        if target:
            out += _entries(path.parent / target, seen)
    out += [e for e in data.get("rules", []) if isinstance(e, dict) and e.get("expected")]
    return out


def _patterns(entry: dict[str, Any]) -> list[str]:
    raw = entry.get("patterns", entry.get("pattern"))
    if raw is None:
        return [str(entry["expected"])]
    return [str(p) for p in (raw if isinstance(raw, list) else [raw])]


def convert(path: Path, *, prefix: str = "PR", group: str = "prh", refs: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """prh dictionary -> {file name: rule data}."""
    if not re.fullmatch(r"[A-Z]{2}", prefix):
        raise UsageError("--prefix must be two capital letters, e.g. PR")
    refs = refs or ["communication:4.1"]
    swap: dict[str, str] = {}
    bad: list[str] = []
    good: list[str] = []
    regex_rules: list[dict[str, Any]] = []
    for entry in _entries(path, set()):
        expected = str(entry["expected"])
        note = entry.get("prh")
        for pattern in _patterns(entry):
            js = _JS_REGEX.match(pattern)
            if js is None:
                if fold(pattern) and fold(pattern) != fold(expected):  # script/width variants fold anyway
                    swap.setdefault(pattern, expected)
                    bad.append(pattern)
                    good.append(expected)
                continue
            source = js.group(1)
            try:
                check_pattern(source)
            except UnsafePattern as exc:
                raise UsageError(f"prh pattern {pattern!r} for {expected!r} cannot be used: {exc}") from None
            specs = [s for s in entry.get("specs", []) or [] if isinstance(s, dict) and "from" in s]
            if "$" in expected or not specs or re.search(source, fold(expected)):
                continue  # replacement depends on groups, no example to check it with, or case-only
            regex_rules.append({"expected": expected, "pattern": source, "note": note,
                                "bad": [str(s["from"]) for s in specs], "good": [expected]})
        for spec in entry.get("specs", []) or []:
            if isinstance(spec, dict) and spec.get("from") and not _JS_REGEX.match(_patterns(entry)[0]):
                if fold(str(spec["from"])) != fold(expected) and fold(str(spec["from"])) not in {fold(k) for k in swap}:
                    swap.setdefault(str(spec["from"]), expected)
    out: dict[str, dict[str, Any]] = {}
    number = 1
    if swap:
        out[f"{prefix}{number:02d}.yaml"] = {
            "code": f"{prefix}{number:02d}", "name": f"{group}.dictionary", "severity": "warning",
            "kind": "substitution",
            "description": {"zh-Hans": f"由 prh 词典 {path.name} 转换。", "en": f"Converted from the prh dictionary {path.name}."},
            "message": {"zh-Hans": "“{match}”请改为“{replacement}”。", "en": "Write \"{replacement}\" instead of \"{match}\"."},
            "swap": swap, "refs": refs,
            "examples": {"bad": bad[:5] or list(swap)[:1], "good": good[:5] or list(swap.values())[:1]},
        }
        number += 1
    for rule in regex_rules:
        if number > 99:
            break
        code = f"{prefix}{number:02d}"
        out[f"{code}.yaml"] = {
            "code": code, "name": f"{group}.pattern-{number:02d}", "severity": "warning", "kind": "existence",
            "message": {"zh-Hans": f"“{{match}}”请改为“{rule['expected']}”。" + (f"（{rule['note']}）" if rule["note"] else ""),
                        "en": f"Write \"{rule['expected']}\" instead of \"{{match}}\"."},
            "patterns": [rule["pattern"]], "suggest": {"zh-Hans": rule["expected"], "en": rule["expected"]},
            "refs": refs, "examples": {"bad": rule["bad"], "good": rule["good"]},
        }
        number += 1
    return out


def write(rules: dict[str, dict[str, Any]], output: Path) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in rules.items():
        target = output / name
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
        written.append(target)
    return written
