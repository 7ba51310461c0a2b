"""Cross-checks between files: ids, references, designations, clauses, placeholders, versions."""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aftersales_std.commitments import check_commitments
from aftersales_std.errors import Finding
from aftersales_std.loading import Document

if TYPE_CHECKING:
    from aftersales_std.validate import Content

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
MODALITY_WORDS = {"shall": ("应", "shall"), "should": ("宜", "should"), "may": ("可", "may")}


def semver(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def cross_check(content: Content) -> list[Finding]:
    out: list[Finding] = []
    concept_ids = _ids(content.concepts, "id")
    clauses = _clause_index(content.standards)
    manifest_version = (content.manifest.data or {}).get("version") if content.manifest_ok and content.manifest else None
    out += _check_concepts(content.valid(content.concepts), concept_ids, manifest_version)
    out += _check_standards(content.valid(content.standards), concept_ids)
    out += _check_rules(content.valid(content.rules), clauses)
    out += _check_replies(content.valid(content.replies), clauses, concept_ids)
    out += check_commitments(content.valid(content.replies), content.valid(content.concepts),
                             content.valid(content.standards))
    return out


def _ids(docs: list[Document], key: str) -> set[str]:
    """Ids of all documents; a file that did not load counts under its file name, so that one broken
    file is reported once and not again as an unknown reference in every file that names it."""
    ids = set()
    for d in docs:
        value = d.data.get(key) if isinstance(d.data, dict) else None
        ids.add(value if isinstance(value, str) else Path(d.path).stem)
    return ids


def _clause_index(standards: list[Document]) -> dict[str, set[str] | None]:
    """standard id -> clause numbers; None when the standard is broken (its refs are not checked)."""
    index: dict[str, set[str] | None] = {}
    for doc in standards:
        data = doc.data if isinstance(doc.data, dict) else {}
        clauses = data.get("clauses")
        if isinstance(data.get("id"), str) and isinstance(clauses, list):
            index[data["id"]] = {str(c.get("number")) for c in clauses if isinstance(c, dict)}
        else:
            index[Path(doc.path).stem] = None
    return index


def _file_id(doc: Document, key: str, what: str, seen: dict[str, Document]) -> list[Finding]:
    out = []
    value = doc.data[key]
    if value != Path(doc.path).stem:
        out.append(doc.finding((key,), "AS301", f"{key} '{value}' differs from the file name "
                               f"'{Path(doc.path).name}'; rename the file to '{value}.yaml' or change the {key}"))
    if value in seen:
        out.append(doc.finding((key,), "AS302", f"{what} '{value}' is also defined in {seen[value].display}; "
                               "ids must be unique"))
    else:
        seen[value] = doc
    return out


def _check_concepts(docs: list[Document], ids: set[str], manifest_version: str | None) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[str, Document] = {}
    preferred: dict[tuple[str, str], str] = {}
    for doc in docs:
        for lang, terms in doc.data["terms"].items():
            for term in terms:
                if term["status"] == "preferred":
                    preferred.setdefault((lang, term["designation"]), doc.data["id"])
    for doc in docs:
        data: dict[str, Any] = doc.data
        cid = data["id"]
        out += _file_id(doc, "id", "concept", seen)
        for i, rel in enumerate(data.get("related", [])):
            if rel["ref"] == cid:
                out.append(doc.finding(("related", i, "ref"), "AS303", "a concept cannot be related to itself"))
            elif rel["ref"] not in ids:
                out.append(doc.finding(("related", i, "ref"), "AS303", f"related concept '{rel['ref']}' does not "
                                       f"exist; create glossary/concepts/{rel['ref']}.yaml or fix the id"))
        target = data.get("replaced_by")
        if target is not None and (target == cid or target not in ids):
            out.append(doc.finding(("replaced_by",), "AS303", f"replacement concept '{target}' does not exist; "
                                   "name an existing concept id"))
        for lang, terms in data["terms"].items():
            for i, term in enumerate(terms):
                owner = preferred.get((lang, term["designation"]))
                if term["status"] == "deprecated" and owner is not None and owner != cid:
                    out.append(doc.finding(("terms", lang, i, "designation"), "AS306",
                                           f"deprecated '{term['designation']}' is the preferred term of concept "
                                           f"'{owner}'; the linter would flag correct text: remove or change one"))
        for lang, terms in data["terms"].items():
            plain = [t for t in terms if t["status"] != "deprecated" and not t.get("in_house")]
            for i, term in enumerate(terms):
                if term.get("in_house") and not plain:
                    out.append(doc.finding(("terms", lang, i, "in_house"), "AS316",
                                           f"'{term['designation']}' is in-house, but the concept has no {lang} "
                                           "designation a customer understands (preferred or admitted, not in_house) "
                                           "for the linter (JG02) to suggest: add one"))
        if manifest_version:
            for i, entry in enumerate(data.get("history", [])):
                if semver(entry["version"]) > semver(manifest_version):
                    out.append(doc.finding(("history", i, "version"), "AS309",
                                           f"history version {entry['version']} is above the glossary version "
                                           f"{manifest_version}; use {manifest_version} or release first"))
    return out


def _check_standards(docs: list[Document], concept_ids: set[str]) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[str, Document] = {}
    codes: dict[str, Document] = {}
    for doc in docs:
        data: dict[str, Any] = doc.data
        out += _file_id(doc, "id", "standard", seen)
        if "code" in data:
            if data["code"] in codes:
                out.append(doc.finding(("code",), "AS302", f"document code '{data['code']}' is also used by "
                                       f"{codes[data['code']].display}; codes must be unique"))
            codes.setdefault(data["code"], doc)
        params = set(data.get("params", {}))
        roles = {r["id"] for r in data.get("roles", [])}
        out += _duplicates(doc, data.get("roles", []), "roles", "id", "role")
        out += _duplicates(doc, data.get("kpis", []), "kpis", "id", "KPI")
        out += _duplicates(doc, data["clauses"], "clauses", "number", "clause number")
        numbers = {c["number"] for c in data["clauses"]}
        for i, clause in enumerate(data["clauses"]):
            base = ("clauses", i)
            out += _placeholders(doc, clause, base, params)
            out += _modality(doc, clause, base)
            for raci, ids in clause.get("roles", {}).items():
                for j, role in enumerate(ids):
                    if role not in roles:
                        out.append(doc.finding(base + ("roles", raci, j), "AS310", f"role '{role}' is not declared;"
                                               " add it under the standard's roles or fix the id"))
            for j, record in enumerate(clause.get("records", [])):
                if "owner" in record and record["owner"] not in roles:
                    out.append(doc.finding(base + ("records", j, "owner"), "AS310", f"record owner "
                                           f"'{record['owner']}' is not a declared role; add it under roles"))
            out += _terms(doc, clause.get("terms", []), base + ("terms",), concept_ids)
        for i, kpi in enumerate(data.get("kpis", [])):
            for j, number in enumerate(kpi.get("clauses", [])):
                if number not in numbers:
                    out.append(doc.finding(("kpis", i, "clauses", j), "AS313", f"KPI refers to clause {number}, "
                                           "which this standard does not have"))
            out += _terms(doc, kpi.get("terms", []), ("kpis", i, "terms"), concept_ids)
        for i, entry in enumerate(data.get("history", [])):
            if semver(entry["version"]) > semver(data["version"]):
                out.append(doc.finding(("history", i, "version"), "AS309", f"history version {entry['version']} "
                                       f"is above the standard's version {data['version']}"))
    return out


def _duplicates(doc: Document, items: list[dict[str, Any]], key: str, field: str, what: str) -> list[Finding]:
    out, seen = [], set()
    for i, item in enumerate(items):
        if item[field] in seen:
            out.append(doc.finding((key, i, field), "AS307", f"{what} '{item[field]}' appears twice; "
                                   "each must be unique within the standard"))
        seen.add(item[field])
    return out


def _placeholders(doc: Document, clause: dict[str, Any], base: tuple[Any, ...], params: set[str]) -> list[Finding]:
    out = []
    for part in ("statement", "guidance"):
        for lang, text in clause.get(part, {}).items():
            for match in PLACEHOLDER.finditer(text):
                name = match.group(1)
                if not _NAME.match(name) or name not in params:
                    known = ", ".join(sorted(params)) or "none declared"
                    out.append(doc.finding(base + (part, lang), "AS308", f"placeholder {{{{ {name} }}}} names no "
                                           f"param of this standard; declare it under params (known: {known})"))
            if text.count("{{") != text.count("}}"):
                out.append(doc.finding(base + (part, lang), "AS308", "unbalanced {{ }} in clause text; "
                                       "write placeholders as {{ name }}"))
    return out


def _modality(doc: Document, clause: dict[str, Any], base: tuple[Any, ...]) -> list[Finding]:
    zh_word, en_word = MODALITY_WORDS[clause["modality"]]
    out = []
    statement = clause["statement"]
    if zh_word not in statement["zh-Hans"]:
        out.append(doc.finding(base + ("statement", "zh-Hans"), "AS311", f"clause {clause['number']} has modality "
                               f"{clause['modality']} but its statement has no '{zh_word}'; write {zh_word} "
                               "(应 shall, 宜 should, 可 may) or change the modality"))
    if "en" in statement and not re.search(rf"\b{en_word}\b", statement["en"]):
        out.append(doc.finding(base + ("statement", "en"), "AS311", f"clause {clause['number']} has modality "
                               f"{clause['modality']} but its English statement has no '{en_word}'"))
    return out


def _terms(doc: Document, terms: list[str], path: tuple[Any, ...], ids: set[str]) -> list[Finding]:
    return [doc.finding(path + (i,), "AS304", f"concept '{t}' is not in the glossary; add "
                        f"glossary/concepts/{t}.yaml or fix the id") for i, t in enumerate(terms) if t not in ids]


def _refs(doc: Document, refs: list[str], path: tuple[Any, ...], clauses: dict[str, set[str] | None]) -> list[Finding]:
    out = []
    for i, ref in enumerate(refs):
        std, _, number = ref.partition(":")
        if std not in clauses:
            out.append(doc.finding(path + (i,), "AS305", f"'{ref}' names standard '{std}', which does not exist; "
                                   f"known standards: {', '.join(sorted(clauses)) or 'none'}"))
        elif (known := clauses[std]) is not None and number not in known:
            out.append(doc.finding(path + (i,), "AS305", f"'{ref}': standard '{std}' has no clause {number}"))
    return out


def _check_rules(docs: list[Document], clauses: dict[str, set[str] | None]) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[str, Document] = {}
    names: dict[str, Document] = {}
    for doc in docs:
        out += _file_id(doc, "code", "rule code", seen)
        name = doc.data["name"]
        if name in names:
            out.append(doc.finding(("name",), "AS302", f"rule name '{name}' is also used by {names[name].display}"))
        names.setdefault(name, doc)
        out += _refs(doc, doc.data["refs"], ("refs",), clauses)
    return out


def _check_replies(docs: list[Document], clauses: dict[str, set[str] | None], concept_ids: set[str]) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[str, Document] = {}
    reply_ids: dict[str, str] = defaultdict(str)
    for doc in docs:
        out += _file_id(doc, "scenario", "scenario", seen)
        for i, reply in enumerate(doc.data["replies"]):
            if reply["id"] in reply_ids:
                out.append(doc.finding(("replies", i, "id"), "AS302", f"reply id '{reply['id']}' is also used in "
                                       f"{reply_ids[reply['id']]}; reply ids must be unique"))
            else:
                reply_ids[reply["id"]] = doc.display
            out += _refs(doc, reply["refs"], ("replies", i, "refs"), clauses)
            out += _terms(doc, reply.get("terms", []), ("replies", i, "terms"), concept_ids)
    return out
