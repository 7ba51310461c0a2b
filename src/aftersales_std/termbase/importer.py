"""Merge entries read from CSV or TBX into the concept files: never lose data, all or nothing.

An import updates what the file states and keeps everything it does not state: other languages,
designations the file does not list, notes, examples, sources, history. A designation is matched
exactly; one that differs only in case, width or spacing is the same designation, and the glossary's
spelling is kept (with a warning). Removing what the file does not list needs `replace=True`
(designations, notes and examples of the languages the file states); `prune=True` also removes
concepts the file does not hold. Entries of other tools (ids such as c42) are matched to a concept
by id or by designation; an entry that matches none is a new concept and needs what every concept
needs. All problems are reported at once.

Only the top-level fields whose value changes are rewritten (block style); every other line of a
concept file, comments included, stays as it was. The edited glossary is validated in a scratch
copy first; when anything is wrong, nothing is written. Writing stages a full copy of the concepts
folder beside it and swaps it in with one atomic exchange of the two folders (Linux renameat2; elsewhere
the journalled swap of aftersales_std.atomic): a kill or a full disk leaves the glossary as it was, or
wholly imported; the next import removes the staging folder a killed run left (termbase.staging).
"""
from __future__ import annotations

import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aftersales_std.chinese import to_traditional
from aftersales_std.errors import ContentError
from aftersales_std.loading import Document
from aftersales_std.model import Glossary, SourceRef
from aftersales_std.project import Project, display_path
from aftersales_std.termbase import yamltext
from aftersales_std.termbase.entry import Entry, ImportProblems, Reading
from aftersales_std.termbase.snapshot import concept_documents, load_glossary
from aftersales_std.termbase.tbx import source_text

ORDER = ("id", "status", "replaced_by", "domain", "tags", "terms", "definition", "notes", "examples",
         "situations", "sources", "phrasing", "related", "history")
LANG_ORDER = ("zh-Hans", "zh-Hant", "en")


@dataclass
class ImportPlan:
    files: dict[Path, str] = field(default_factory=dict)
    removed: list[Path] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    before: Glossary | None = None
    after: Glossary | None = None


@dataclass
class _Merge:
    opencc: str
    replace: bool
    name: str
    line: int
    citations: dict[str, str]
    warnings: list[str]


def plan_import(project: Project, entries: list[Entry] | Reading, name: str, *, replace: bool = False,
                prune: bool = False, citations: dict[str, str] | None = None, diff: bool = False) -> ImportPlan:
    """What importing the entries would write. diff: also load the glossary as it is (plan.before),
    for a diff against plan.after (the validated result)."""
    reading = entries if isinstance(entries, Reading) else Reading(entries=list(entries))
    plan = ImportPlan(warnings=list(reading.warnings))
    problems: list[str] = list(reading.problems)
    docs = concept_documents(project)  # the glossary must be valid before anything is merged into it
    index = _designation_index(docs)
    claimed: dict[str, int] = {}
    grouped: dict[str, Entry] = {}
    for entry in reading.entries:
        target = entry.id if entry.id in docs else None
        if target is None and entry.by_designation:
            hits = sorted({cid for lang, items in entry.fields.get("terms", {}).items() for d in items
                           for cid in index.get((lang, fold(d["designation"])), ())})
            if len(hits) > 1:
                problems.append(f"{name}:{entry.line}: the entry's terms belong to {len(hits)} concepts "
                                f"({', '.join(hits)}); split the entry or give it the id of one of them")
                continue
            target = hits[0] if hits else None
        cid = target or entry.id
        if cid in grouped:  # another tool's entries (one per source string) for one concept: combined
            problems += _combine(grouped[cid], entry, name)
            continue
        grouped[cid] = Entry(cid, entry.line, entry.fields, entry.carried, entry.by_designation)
        claimed[cid] = entry.line
    for cid, entry in grouped.items():
        merge = _Merge(project.opencc, replace, name, entry.line, citations or {}, plan.warnings)
        try:
            if cid in docs:
                path = Path(docs[cid].path)
                text = _update(docs[cid], entry, merge)
                if text is None:
                    plan.unchanged.append(cid)
                    continue
                plan.updated.append(cid)
            else:
                path = project.concepts_dir / f"{cid}.yaml"
                text = _create(entry, merge)
                plan.created.append(cid)
        except ImportProblems as exc:
            problems += exc.problems
            continue
        except yamltext.EditError as exc:
            problems.append(f"{name}:{entry.line}: {exc}")
            continue
        plan.files[path] = text
    if prune and not problems:
        for cid, doc in sorted(docs.items()):
            if cid not in claimed:
                plan.pruned.append(cid)
                plan.removed.append(Path(doc.path))
    lines = {cid: line for cid, line in claimed.items()}
    if plan.files or plan.removed:
        try:
            plan.before = load_glossary(project) if diff else None
            plan.after = _check_in_copy(project, plan, name, lines)
        except ImportProblems as exc:
            problems += exc.problems
    if problems:
        raise ImportProblems(problems, plan.warnings)
    return plan


def _combine(into: Entry, entry: Entry, name: str) -> list[str]:
    """Add a second entry of the same concept to the first; conflicting single values are problems."""
    a, b = into.fields, entry.fields
    out: list[str] = []
    for lang, items in b.get("terms", {}).items():
        have = a.setdefault("terms", {}).setdefault(lang, [])
        for item in items:
            same = next((d for d in have if d["designation"] == item["designation"]), None)
            if same is None:
                have.append(item)
            elif same["status"] != item["status"] and not item.get("_implied"):
                if same.get("_implied"):
                    same.update(item)
                else:
                    out.append(f"{name}:{entry.line}: {lang} '{item['designation']}' is {item['status']} here "
                               f"but {same['status']} at line {into.line}; make the two entries agree")
    for key in ("domain", "status", "replaced_by"):
        if key in b and key in a and a[key] != b[key]:
            out.append(f"{name}:{entry.line}: {key} '{b[key]}' differs from '{a[key]}' at line {into.line} "
                       "(both entries are the same concept); make them agree")
        elif key in b:
            a[key] = b[key]
    for lang, text in b.get("definition", {}).items():
        old = a.setdefault("definition", {}).setdefault(lang, text)
        if old != text:
            out.append(f"{name}:{entry.line}: the {lang} definition differs from the one at line {into.line} "
                       "(both entries are the same concept); keep one")
    for key in ("notes", "examples", "situations"):
        for lang, items in b.get(key, {}).items():
            have = a.setdefault(key, {}).setdefault(lang, [])
            have += [x for x in items if x not in have]
    if b.get("sources"):
        have = a.setdefault("sources", [])
        have += [x for x in b["sources"] if x not in have]
    return out


def fold(text: str) -> str:
    """How designations are compared: width, case and spacing do not count."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _designation_index(docs: dict[str, Document]) -> dict[tuple[str, str], set[str]]:
    index: dict[tuple[str, str], set[str]] = {}
    for cid, doc in docs.items():
        for lang, items in doc.data.get("terms", {}).items():
            for d in items:
                index.setdefault((lang, fold(d["designation"])), set()).add(cid)
    return index


def _merge_terms(old: list[dict[str, Any]], items: list[dict[str, Any]], lang: str, m: _Merge,
                 carried: tuple[str, ...]) -> list[dict[str, Any]]:
    before = {d["designation"]: d for d in old}
    if m.replace:  # the file's list stands; a status it does not state is the glossary's, if it had the term
        folded = {fold(d["designation"]): d for d in old}
        return [_fill(_status(d, before.get(d["designation"]) or folded.get(fold(d["designation"])), []),
                      before.get(d["designation"], {}), carried) for d in items]
    out = [dict(d) for d in old]
    for item in items:
        item = _status(item, before.get(item["designation"]) or next(
            (d for d in old if fold(d["designation"]) == fold(item["designation"])), None), out)
        at = next((i for i, d in enumerate(out) if d["designation"] == item["designation"]), None)
        if at is None:
            at = next((i for i, d in enumerate(out) if fold(d["designation"]) == fold(item["designation"])), None)
            if at is not None:
                m.warnings.append(f"{m.name}:{m.line}: {lang} '{item['designation']}' is kept as "
                                  f"'{out[at]['designation']}' (the glossary's spelling); import with "
                                  "--replace to take the file's spelling")
                item = {**item, "designation": out[at]["designation"]}
        if at is None:
            out.append(_fill(item, {}, carried))
        else:  # merge: a key the row or term does not state keeps its value (removing needs --replace)
            out[at] = _fill(item, out[at], ("designation", "status"))
    return out


def _status(item: dict[str, Any], match: dict[str, Any] | None, others: list[dict[str, Any]]) -> dict[str, Any]:
    """A status the file does not state (`_implied`) keeps the glossary's, and makes a new designation
    admitted when the language already has a preferred one."""
    item = dict(item)
    if item.pop("_implied", False):
        if match is not None:
            item["status"] = match["status"]
        elif item["status"] == "preferred" and any(d["status"] == "preferred" for d in others):
            item["status"] = "admitted"
    return item


def _merged(old: dict[str, Any], entry: Entry, m: _Merge) -> dict[str, Any]:
    new = dict(old)
    f = entry.fields
    opencc = m.opencc
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
            terms[lang] = _merge_terms(terms.get(lang, []), items, lang, m, entry.carried)
        hant = f["terms"].get("zh-Hant")
        if hant is not None and "zh-Hant" not in old.get("terms", {}) and "zh-Hans" in terms:
            # what OpenCC gives from the new zh-Hans, or the derived rows as exported: stays derived
            sources = [terms["zh-Hans"], old.get("terms", {}).get("zh-Hans", [])]
            derived = [_project([{**d, "designation": to_traditional(d["designation"], opencc)} for d in src],
                                entry.carried) for src in sources]
            if _project(terms["zh-Hant"], entry.carried) in derived:
                del terms["zh-Hant"]
        new["terms"] = {lang: terms[lang] for lang in LANG_ORDER if lang in terms}
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
        new["definition"] = {lang: definition[lang] for lang in LANG_ORDER if lang in definition}
    for key in ("notes", "examples"):
        if key in f:
            merged = _merge_lists(old.get(key, {}), f[key], m)
            if merged and "zh-Hans" not in merged:  # the schema keeps notes and examples with a zh-Hans text
                for lang, items in f[key].items():
                    for item in items:
                        m.warnings.append(f"{m.name}:{m.line}: {lang} {key[:-1]} '{_short(item)}' not imported: "
                                          f"the glossary keeps {key} only beside a zh-Hans text; add the zh-Hans "
                                          f"{key[:-1]} to the file or to the concept and import again")
                merged = old.get(key, {})
            if merged:
                new[key] = merged
            else:
                new.pop(key, None)
    if "situations" in f:
        merged = _merge_situations(old.get("situations", {}), f["situations"], m)
        if merged and "zh-Hans" not in merged:  # the schema keeps situations with a zh-Hans list
            for lang, items in f["situations"].items():
                for item in items:
                    m.warnings.append(f"{m.name}:{m.line}: {lang} situation '{_short(item)}' not imported: the "
                                      "glossary keeps situations only beside zh-Hans ones; add zh-Hans situations "
                                      "to the file or to the concept and import again")
            merged = old.get("situations", {})
        if merged:
            new["situations"] = merged
        else:
            new.pop("situations", None)
    if f.get("sources"):
        sources = list(old.get("sources", []))
        cited = set()
        for s in sources:
            ref = SourceRef(s["ref"], s.get("clause"))
            cited |= {s["ref"], source_text(ref, {}), source_text(ref, m.citations)}
        for text in f["sources"]:
            if text not in cited:
                sources.append({"ref": text, "relation": "related"})
                cited.add(text)
        new["sources"] = sources
    return new


def _add(out: dict[str, list[str]], lang: str, items: list[str], replace: bool) -> None:
    """The file's items for one language: they stand for it (replace), or the new ones are added."""
    if replace:
        out[lang] = list(items)
    else:
        out.setdefault(lang, [])
        out[lang] += [t for t in items if t not in out[lang]]


def _kept_or(old: dict[str, Any], out: dict[str, list[str]]) -> dict[str, Any]:
    """`out` in language order, or `old` as it was written (a flow list, a single string) if nothing changed."""
    result = {lang: out[lang] for lang in LANG_ORDER if out.get(lang)}
    if {k: (v if isinstance(v, list) else [v]) for k, v in old.items()} == result:
        return dict(old)
    return result


def _merge_lists(old: dict[str, Any], stated: dict[str, list[str]], m: _Merge) -> dict[str, list[str]]:
    """Notes or examples: the file's items are added (or, with replace, stand for the language)."""
    out = {lang: list(v) if isinstance(v, list) else [v] for lang, v in old.items()}
    for lang, items in stated.items():
        if lang == "zh-Hant" and "zh-Hant" not in old:
            hans = out.get("zh-Hans", []) + stated.get("zh-Hans", [])
            derived = {to_traditional(t, m.opencc) for t in hans}
            items = [t for t in items if t not in derived]
            if not items:
                continue
        _add(out, lang, items, m.replace)
    return _kept_or(old, out)


def _merge_situations(old: dict[str, Any], stated: dict[str, list[str]], m: _Merge) -> dict[str, list[str]]:
    """Situations: as notes, but zh-Hant keeps only the written wordings, never what OpenCC gives from a
    zh-Hans situation (the exports list those too)."""
    out = {lang: list(v) for lang, v in old.items()}
    # converted from the old or the new zh-Hans list (a file edited in zh-Hans only still lists the old ones)
    derived = {to_traditional(t, m.opencc) for t in list(old.get("zh-Hans", [])) + stated.get("zh-Hans", [])}
    for lang, items in stated.items():
        if lang == "zh-Hant":
            items = [t for t in items if t not in derived]
        _add(out, lang, items, m.replace)
    return _kept_or(old, out)


def _project(items: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{k: v for k, v in d.items() if k in keys} for d in items]


def _fill(item: dict[str, Any], before: dict[str, Any], carried: tuple[str, ...]) -> dict[str, Any]:
    """The imported designation; keys the file does not carry keep their old value."""
    merged = {k: v for k, v in before.items() if k not in carried}
    merged.update(item)
    keys = ("designation", "status", "abbreviation", "pinyin", "sort_key", "region", "usage_note")
    return {k: merged[k] for k in keys if k in merged} | {k: v for k, v in merged.items() if k not in keys}


def _update(doc: Document, entry: Entry, m: _Merge) -> str | None:
    old = doc.data
    new = _merged(old, entry, m)
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


def _create(entry: Entry, m: _Merge) -> str:
    f = entry.fields
    missing = [what for what, ok in (
        ("domain", f.get("domain")), ("a zh-Hans designation", f.get("terms", {}).get("zh-Hans")),
        ("an en designation", f.get("terms", {}).get("en")),
        ("a zh-Hans definition", f.get("definition", {}).get("zh-Hans")),
        ("an en definition", f.get("definition", {}).get("en"))) if not ok]
    if missing:
        if entry.by_designation:
            shown = next((f"{lang} '{items[0]['designation']}'" for lang, items in f.get("terms", {}).items()
                          if items), "")
            raise ImportProblems([f"{m.name}:{entry.line}: the entry {shown} matches no concept of the glossary "
                                  f"by id or designation, and a new concept needs {', '.join(missing)}; add "
                                  "them (or map a language with --lang-map), give the entry the id of an "
                                  "existing concept, or leave it out"])
        raise ImportProblems([f"{m.name}:{entry.line}: new concept '{entry.id}' needs {', '.join(missing)}"])
    data = _merged({"id": entry.id, "status": f.get("status", "valid")}, entry, m)
    data = {k: data[k] for k in ORDER if k in data}
    lines: list[str] = []
    for key, value in data.items():
        lines += yamltext.emit(key, value)
    text = "\n".join(lines) + "\n"
    yamltext.verify(text, f"{entry.id}.yaml", data)
    return text


def _check_in_copy(project: Project, plan: ImportPlan, name: str, lines: dict[str, int]) -> Glossary:
    """Validate the glossary as it would be after the import; map problems back to the file's rows."""
    with tempfile.TemporaryDirectory(prefix="aftersales-import-") as tmp:
        root = Path(tmp).resolve()
        shutil.copytree(project.glossary_dir, root / "glossary", ignore=shutil.ignore_patterns(".*"))
        for path in plan.removed:
            (root / "glossary" / "concepts" / path.name).unlink()
        for path, text in plan.files.items():
            (root / "glossary" / "concepts" / path.name).write_bytes(text.encode("utf-8"))
        copy = Project(root=root, config={**project.config, "content": {"glossary": "glossary"}})
        try:
            return load_glossary(copy, "the imported glossary")
        except ContentError as exc:
            problems = []
            for finding in exc.findings:
                cid = Path(finding.path).stem
                where = f"{name}:{lines[cid]}" if cid in lines else display_path(project.concepts_dir / cid)
                problems.append(f"{where}: concept '{cid}': {finding.message}")
            raise ImportProblems(problems) from None


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
