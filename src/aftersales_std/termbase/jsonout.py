"""The glossary as JSON, described by the published schema `aftersales schema export`."""
from __future__ import annotations

import json
from typing import Any

from aftersales_std.model import Concept, Designation, Glossary, Localized, LocalizedList, Phrase

FORMAT = "aftersales-std-glossary"
FORMAT_VERSION = 1
SCHEMA_ID = "urn:aftersales-std:schema:export:1"


def to_json(glossary: Glossary) -> bytes:
    return (json.dumps(as_data(glossary), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def as_data(glossary: Glossary) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": _texts(glossary.name), "version": glossary.version}
    if glossary.released:
        meta["released"] = glossary.released
    if glossary.description:
        meta["description"] = _texts(glossary.description)
    for key in ("publisher", "license"):
        if getattr(glossary, key):
            meta[key] = getattr(glossary, key)
    meta["languages"] = list(glossary.languages)
    return {"$schema": SCHEMA_ID, "format": FORMAT, "format_version": FORMAT_VERSION, "glossary": meta,
            "concepts": [_concept(c, glossary.languages) for c in sorted(glossary.concepts, key=lambda c: c.id)]}


def _texts(value: Localized) -> dict[str, str]:
    return {lang: t.value for lang, t in value.texts.items()}


def _concept(c: Concept, langs: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": c.id, "status": c.status}
    if c.replaced_by:
        out["replaced_by"] = c.replaced_by
    out["domain"] = c.domain
    out["tags"] = list(c.tags)
    out["pinyin"] = c.pinyin
    out["terms"] = {lang: [_designation(d) for d in c.terms[lang]] for lang in langs if lang in c.terms}
    out["definition"] = {lang: c.definition.texts[lang].value for lang in langs if lang in c.definition}
    for name in ("notes", "examples"):
        items: LocalizedList = getattr(c, name)
        out[name] = {lang: [t.value for t in items.items[lang]] for lang in langs if lang in items.items}
    # situations: zh-Hant is the zh-Hans list converted with OpenCC, then the written Taiwan/Hong Kong
    # wordings; `derived` names it when none is written
    out["situations"] = {lang: [t.value for t in c.situations.items[lang]] for lang in langs
                         if c.situations.items.get(lang)}
    derived = [f"definition.{lang}" for lang, t in c.definition.texts.items() if t.derived]
    derived += [f"{name}.{lang}" for name in ("notes", "examples", "situations")
                for lang, ts in getattr(c, name).items.items() if ts and all(t.derived for t in ts)]
    derived += [f"terms.{lang}" for lang, ds in c.terms.items() if ds and all(d.derived for d in ds)]
    out["derived"] = sorted(derived)
    out["sources"] = [{k: v for k, v in (("ref", s.ref), ("clause", s.clause), ("relation", s.relation),
                                          ("note", s.note)) if v is not None} for s in c.sources]
    out["phrasing"] = {"approved": [_phrase(p) for p in c.approved], "avoid": [_phrase(p) for p in c.avoid]}
    out["related"] = [{"type": r.type, "ref": r.ref} for r in c.related]
    out["history"] = [{"version": h.version, "date": h.date, "change": h.change, "summary": h.summary}
                      for h in c.history]
    return out


def _designation(d: Designation) -> dict[str, Any]:
    out: dict[str, Any] = {"designation": d.text, "status": d.status}
    if d.abbreviation:
        out["abbreviation"] = True
    if d.in_house:
        out["in_house"] = True
    for key in ("pinyin", "sort_key", "region", "usage_note"):
        if getattr(d, key) is not None:
            out[key] = getattr(d, key)
    if d.derived:
        out["derived"] = True
    return out


def _phrase(p: Phrase) -> dict[str, Any]:
    out: dict[str, Any] = {k: v for k, v in (("text", p.text), ("instead", p.instead), ("reason", p.reason))
                           if v is not None}
    if p.en is not None:
        out["en"] = _phrase(p.en)
    return out
