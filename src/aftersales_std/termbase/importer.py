"""Merge entries read from CSV or TBX into the concept files: all or nothing.

Only the top-level fields whose value changes are rewritten (block style); every other line of a
concept file, comments included, stays as it was. The edited glossary is validated in a scratch
copy first; when anything is wrong, nothing is written.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aftersales_std.chinese import to_traditional
from aftersales_std.errors import ContentError
from aftersales_std.loading import Document
from aftersales_std.project import Project, display_path
from aftersales_std.termbase import yamltext
from aftersales_std.termbase.entry import Entry, ImportProblems
from aftersales_std.termbase.snapshot import concept_documents, load_glossary

ORDER = ("id", "status", "replaced_by", "domain", "tags", "terms", "definition", "notes", "examples",
         "sources", "phrasing", "related", "history")


@dataclass
class ImportPlan:
    files: dict[Path, str] = field(default_factory=dict)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def plan_import(project: Project, entries: list[Entry], name: str) -> ImportPlan:
    plan = ImportPlan()
    problems: list[str] = []
    docs = concept_documents(project)  # the glossary must be valid before anything is merged into it
    for entry in entries:
        path = project.concepts_dir / f"{entry.id}.yaml"
        try:
            if entry.id in docs:
                path = Path(docs[entry.id].path)
                text = _update(docs[entry.id], entry, project.opencc)
                if text is None:
                    plan.unchanged.append(entry.id)
                    continue
                plan.updated.append(entry.id)
            else:
                text = _create(entry, project.opencc, name)
                plan.created.append(entry.id)
        except ImportProblems as exc:
            problems += exc.problems
            continue
        except yamltext.EditError as exc:
            problems.append(f"{name}:{entry.line}: {exc}")
            continue
        plan.files[path] = text
    if problems:
        raise ImportProblems(problems)
    if plan.files:
        _check_in_copy(project, plan, name, entries)
    return plan


def write(plan: ImportPlan) -> None:
    for path, text in plan.files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        tmp.write_bytes(text.encode("utf-8"))
        tmp.replace(path)


def _merged(old: dict[str, Any], entry: Entry, opencc: str) -> dict[str, Any]:
    new = dict(old)
    f = entry.fields
    for key in ("status", "domain", "replaced_by", "tags"):
        if key in f:
            new[key] = f[key]
    if new.get("replaced_by") is None:
        new.pop("replaced_by", None)
    if not new.get("tags") and "tags" not in old:
        new.pop("tags", None)
    if "terms" in f:
        terms = {lang: list(items) for lang, items in old.get("terms", {}).items()}
        for lang, items in f["terms"].items():
            before = {d["designation"]: d for d in terms.get(lang, [])}
            terms[lang] = [_fill(d, before.get(d["designation"], {}), entry.carried) for d in items]
        hant = f["terms"].get("zh-Hant")
        if hant is not None and "zh-Hant" not in old.get("terms", {}) and "zh-Hans" in terms:
            # what OpenCC gives from the new zh-Hans, or the derived rows as exported: stays derived
            sources = [terms["zh-Hans"], old.get("terms", {}).get("zh-Hans", [])]
            derived = [_project([{**d, "designation": to_traditional(d["designation"], opencc)} for d in src],
                                entry.carried) for src in sources]
            if _project(terms["zh-Hant"], entry.carried) in derived:
                del terms["zh-Hant"]
        new["terms"] = {lang: terms[lang] for lang in ("zh-Hans", "zh-Hant", "en") if lang in terms}
    if "definition" in f:
        definition = dict(old.get("definition", {}))
        for lang, text in f["definition"].items():
            if text is None:
                definition.pop(lang, None)
            else:
                definition[lang] = text
        hans = {definition.get("zh-Hans"), old.get("definition", {}).get("zh-Hans")} - {None}
        if ("zh-Hant" not in old.get("definition", {}) and "zh-Hant" in definition
                and definition["zh-Hant"] in {to_traditional(t, opencc) for t in hans}):
            definition.pop("zh-Hant")
        new["definition"] = {lang: definition[lang] for lang in ("zh-Hans", "zh-Hant", "en") if lang in definition}
    return new


def _project(items: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{k: v for k, v in d.items() if k in keys} for d in items]


def _fill(item: dict[str, Any], before: dict[str, Any], carried: tuple[str, ...]) -> dict[str, Any]:
    """The imported designation; keys the file does not carry keep their old value."""
    merged = {k: v for k, v in before.items() if k not in carried}
    merged.update(item)
    keys = ("designation", "status", "abbreviation", "pinyin", "sort_key", "region", "usage_note")
    return {k: merged[k] for k in keys if k in merged} | {k: v for k, v in merged.items() if k not in keys}


def _update(doc: Document, entry: Entry, opencc: str) -> str | None:
    old = doc.data
    new = _merged(old, entry, opencc)
    if new == old:
        return None
    path = Path(doc.path)
    raw = path.read_bytes()
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    text = raw.decode("utf-8-sig")
    for key in ORDER:
        if new.get(key) != old.get(key):
            text = yamltext.replace_field(text, doc, key, new.get(key), after=ORDER[:ORDER.index(key)])
            doc = yamltext.load(text, doc.display)
    yamltext.verify(text, display_path(path), new)
    return bom + text


def _create(entry: Entry, opencc: str, name: str) -> str:
    f = entry.fields
    missing = [what for what, ok in (
        ("domain", f.get("domain")), ("a zh-Hans designation", f.get("terms", {}).get("zh-Hans")),
        ("an en designation", f.get("terms", {}).get("en")),
        ("a zh-Hans definition", f.get("definition", {}).get("zh-Hans")),
        ("an en definition", f.get("definition", {}).get("en"))) if not ok]
    if missing:
        raise ImportProblems([f"{name}:{entry.line}: new concept '{entry.id}' needs {', '.join(missing)}"])
    data = _merged({"id": entry.id, "status": f.get("status", "valid")}, entry, opencc)
    data = {k: data[k] for k in ORDER if k in data}
    lines: list[str] = []
    for key, value in data.items():
        lines += yamltext.emit(key, value)
    text = "\n".join(lines) + "\n"
    yamltext.verify(text, f"{entry.id}.yaml", data)
    return text


def _check_in_copy(project: Project, plan: ImportPlan, name: str, entries: list[Entry]) -> None:
    """Validate the glossary as it would be after the import; map problems back to the file's rows."""
    lines = {e.id: e.line for e in entries}
    with tempfile.TemporaryDirectory(prefix="aftersales-import-") as tmp:
        root = Path(tmp).resolve()
        shutil.copytree(project.glossary_dir, root / "glossary")
        for path, text in plan.files.items():
            (root / "glossary" / "concepts" / path.name).write_bytes(text.encode("utf-8"))
        copy = Project(root=root, config={**project.config, "content": {"glossary": "glossary"}})
        try:
            load_glossary(copy, "the imported glossary")
        except ContentError as exc:
            problems = []
            for finding in exc.findings:
                cid = Path(finding.path).stem
                where = f"{name}:{lines[cid]}" if cid in lines else display_path(project.concepts_dir / cid)
                problems.append(f"{where}: concept '{cid}': {finding.message}")
            raise ImportProblems(problems) from None
