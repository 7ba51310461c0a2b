"""Valid documents -> model objects. zh-Hant not written is derived with OpenCC and marked."""
from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

from aftersales_std.errors import ContentError
from aftersales_std.loading import Document
from aftersales_std.model import (
    KPI, AvoidLine, Branch, Clause, Concept, Decision, Designation, DiagnosisQuestion, Escalation, Glossary,
    HistoryEntry, Localized, LocalizedList, Model, Param, Phrase, Record, Related, Reply, Role, RuleDoc, Script,
    Source, SourceRef, Standard, Text, derive_hant,
)
from aftersales_std.project import Project
from aftersales_std.validate import Content, validate


def load_model(project: Project) -> Model:
    """Validate the project and build its model; ContentError (with findings) when invalid."""
    content = validate(project)
    if content.findings:
        raise ContentError(f"{len(content.findings)} problem(s) in the content; run `aftersales validate`",
                           content.findings)
    return build_model(content, project.opencc)


def build_model(content: Content, opencc: str = "s2t") -> Model:
    assert content.manifest is not None
    m = content.manifest.data
    concepts = tuple(sorted((_concept(d, opencc) for d in content.concepts), key=lambda c: c.id))
    glossary = Glossary(
        name=localized(m["name"], opencc), version=m["version"], languages=tuple(m["languages"]),
        concepts=concepts, released=m.get("released"), description=localized(m.get("description"), opencc),
        publisher=m.get("publisher"), license=m.get("license"))
    standards = tuple(_standard(d, opencc) for d in content.standards)
    replies = tuple(r for d in content.replies for r in _replies(d))
    rules = tuple(sorted((_rule(d, opencc) for d in content.rules), key=lambda r: r.code))
    return Model(glossary=glossary, standards=standards, replies=replies, rules=rules, opencc=opencc)


def localized(data: dict[str, str] | None, opencc: str) -> Localized:
    if not data:
        return Localized()
    texts = {lang: Text(value) for lang, value in data.items()}
    if "zh-Hant" not in texts and "zh-Hans" in texts:
        texts["zh-Hant"] = derive_hant(data["zh-Hans"], opencc)
    return Localized(MappingProxyType(texts))


def _localized_list(data: dict[str, list[str]] | None, opencc: str) -> LocalizedList:
    if not data:
        return LocalizedList()
    items = {lang: tuple(Text(v) for v in values) for lang, values in data.items()}
    if "zh-Hant" not in items and "zh-Hans" in items:
        items["zh-Hant"] = tuple(derive_hant(v, opencc) for v in data["zh-Hans"])
    return LocalizedList(MappingProxyType(items))


def _situations(data: dict[str, list[str]] | None, opencc: str) -> LocalizedList:
    """zh-Hant is the zh-Hans list converted, then the written Taiwan/Hong Kong wordings that differ."""
    if not data:
        return LocalizedList()
    items = {lang: tuple(Text(v) for v in values) for lang, values in data.items()}
    derived = tuple(derive_hant(v, opencc) for v in data.get("zh-Hans", ()))
    written = tuple(t for t in items.get("zh-Hant", ()) if t.value not in {d.value for d in derived})
    items["zh-Hant"] = derived + written
    return LocalizedList(MappingProxyType(items))


def _source(doc: Document, path: tuple[Any, ...] = ()) -> Source:
    mark = doc.mark(path)
    return Source(doc.display, mark.line, mark.col)


def _designation(lang: str, d: dict[str, Any], derived: bool = False) -> Designation:
    return Designation(text=d["designation"], status=d["status"], lang=lang, abbreviation=d.get("abbreviation", False),
                       pinyin=d.get("pinyin"), sort_key=d.get("sort_key"), region=d.get("region"),
                       usage_note=d.get("usage_note"), derived=derived,
                       customer_facing=bool(d.get("customer_facing", False)), in_house=bool(d.get("in_house", False)))


def _concept(doc: Document, opencc: str) -> Concept:
    data = doc.data
    terms = {lang: tuple(_designation(lang, d) for d in items) for lang, items in data["terms"].items()}
    if "zh-Hant" not in terms:
        terms["zh-Hant"] = tuple(
            _designation("zh-Hant", {**d, "designation": derive_hant(d["designation"], opencc).value}, True)
            for d in data["terms"]["zh-Hans"])
    phrasing = data.get("phrasing", {})
    return Concept(
        id=data["id"], status=data["status"], domain=data["domain"], terms=MappingProxyType(terms),
        definition=localized(data["definition"], opencc), notes=_localized_list(data.get("notes"), opencc),
        examples=_localized_list(data.get("examples"), opencc), tags=tuple(data.get("tags", [])),
        replaced_by=data.get("replaced_by"),
        sources=tuple(SourceRef(s["ref"], s.get("clause"), s.get("relation", "modified"), s.get("note"))
                      for s in data.get("sources", [])),
        approved=tuple(_phrase(p) for p in phrasing.get("approved", [])),
        avoid=tuple(_phrase(p) for p in phrasing.get("avoid", [])),
        related=tuple(Related(r["type"], r["ref"]) for r in data.get("related", [])),
        history=tuple(HistoryEntry(h["version"], h["date"], h["change"], h.get("summary", ""))
                      for h in data.get("history", [])),
        source=_source(doc), term_context=term_context(data),
        situations=_situations(data.get("situations"), opencc))


def term_context(data: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(domain words, other-domain words) of a concept's `term_context`."""
    ctx = data.get("term_context") if isinstance(data, dict) else None
    if not isinstance(ctx, dict):
        return (), ()
    words = lambda key: tuple(str(w) for w in ctx.get(key) or () if isinstance(w, str) and w)  # noqa: E731
    return words("domain"), words("other")


def _phrase(p: str | dict[str, Any]) -> Phrase:
    if isinstance(p, str):
        return Phrase(p)
    en = p.get("en")
    return Phrase(p["text"], p.get("instead"), p.get("reason"),
                  Phrase(en["text"], en.get("instead"), en.get("reason")) if en else None)


def _standard(doc: Document, opencc: str) -> Standard:
    data = doc.data
    clauses = tuple(Clause(
        number=c["number"], title=localized(c["title"], opencc), statement=localized(c["statement"], opencc),
        modality=c["modality"], guidance=localized(c.get("guidance"), opencc),
        raci=MappingProxyType({k: tuple(v) for k, v in c.get("roles", {}).items()}),
        records=tuple(Record(localized(r["name"], opencc), r.get("retention", {}).get("value"),
                             r.get("retention", {}).get("unit"), r.get("owner"), r.get("medium"))
                      for r in c.get("records", [])),
        terms=tuple(c.get("terms", [])), internal=c.get("internal", False), source=_source(doc, ("clauses", i)))
        for i, c in enumerate(data["clauses"]))
    kpis = tuple(KPI(
        id=k["id"], name=localized(k["name"], opencc), op=k["target"]["op"], target=k["target"]["value"],
        unit=k["unit"], formula=localized(k["formula"], opencc), frequency=k["frequency"],
        data_source=localized(k.get("data_source"), opencc), clauses=tuple(k.get("clauses", [])),
        terms=tuple(k.get("terms", []))) for k in data.get("kpis", []))
    params = {name: Param(name, p["value"], p.get("unit"), localized(p.get("label"), opencc),
                          tuple(p.get("keywords", ())))
              for name, p in data.get("params", {}).items()}
    return Standard(
        id=data["id"], title=localized(data["title"], opencc), version=data["version"], status=data["status"],
        scope=localized(data["scope"], opencc), clauses=clauses, code=data.get("code"),
        effective_date=data.get("effective_date"), scenario=data.get("scenario"),
        normative_references=tuple(MappingProxyType(r) for r in data.get("normative_references", [])),
        params=MappingProxyType(params),
        roles=tuple(Role(r["id"], localized(r["name"], opencc), localized(r.get("description"), opencc))
                    for r in data.get("roles", [])),
        kpis=kpis, maps_to=MappingProxyType({k: tuple(v) for k, v in data.get("maps_to", {}).items()}),
        history=tuple(MappingProxyType(h) for h in data.get("history", [])),
        script=_script(data["script"], opencc) if "script" in data else None, source=_source(doc))


def _script(data: dict[str, Any], opencc: str) -> Script:
    def loc(value: dict[str, str] | None) -> Any:
        return localized(value, opencc)
    return Script(
        direction=data["direction"], channels=tuple(data.get("channels", ())), purpose=loc(data.get("purpose")),
        diagnosis=tuple(DiagnosisQuestion(loc(q["ask"]), q["clause"]) for q in data.get("diagnosis", [])),
        decisions=tuple(Decision(loc(d["check"]), d["clause"], tuple(
            Branch(loc(b["if"]), loc(b["then"]), b.get("clause")) for b in d["branches"]))
            for d in data.get("decisions", [])),
        escalation=tuple(Escalation(loc(e["when"]), loc(e["to"]), loc(e["channel"]), e["clause"], e.get("within"))
                         for e in data.get("escalation", [])),
        avoid=tuple(AvoidLine(loc(a["say"]), loc(a["instead"]), a["rule"]) for a in data.get("avoid", [])),
        situation=loc((data.get("roleplay") or {}).get("situation")), goal=loc((data.get("roleplay") or {}).get("goal")))


def _replies(doc: Document) -> list[Reply]:
    data = doc.data
    return [Reply(id=r["id"], scenario=data["scenario"], title=r["title"], channel=r["channel"],
                  refs=tuple(r["refs"]), text=r["text"], subject=r.get("subject"), terms=tuple(r.get("terms", [])),
                  source=_source(doc, ("replies", i, "text")), english=MappingProxyType(dict(r.get("en") or {})))
            for i, r in enumerate(data["replies"])]


def _rule(doc: Document, opencc: str) -> RuleDoc:
    data = doc.data
    return RuleDoc(code=data["code"], name=data["name"], severity="off" if data["severity"] is False else data["severity"], kind=data["kind"],
                   message=localized(data["message"], opencc), refs=tuple(data["refs"]),
                   data=MappingProxyType(data), group=Path(doc.path).parent.name, source=_source(doc))
