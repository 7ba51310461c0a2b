"""TBX-Basic (ISO 30042:2019, TBX v3, DCA style) export, and import of TBX v3 and v2 files.

conceptEntry (id = concept id) > descrip subjectField, admin source, ref crossReference, note;
langSec (xml:lang) > descrip definition, note; termSec > term, termNote administrativeStatus
(preferredTerm-admn-sts / admittedTerm-admn-sts / deprecatedTerm-admn-sts), termType, geographicalUsage.
"""
from __future__ import annotations

import re
import xml.sax
import xml.sax.handler
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree as ET

from aftersales_std.model import LANGS, Concept, Glossary
from aftersales_std.termbase.entry import Entry, ImportProblems

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADMN = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
        "deprecated": "deprecatedTerm-admn-sts"}
FROM_ADMN = {v: k for k, v in ADMN.items()} | {"supersededTerm-admn-sts": "deprecated",
                                               "standardizedTerm-admn-sts": "preferred",
                                               "preferredTerm": "preferred", "admittedTerm": "admitted",
                                               "deprecatedTerm": "deprecated", "supersededTerm": "deprecated"}
ABBREVIATIONS = ("abbreviation", "acronym", "initialism", "shortForm")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def to_tbx(glossary: Glossary, locales: dict[str, str] | None = None) -> bytes:
    """TBX-Basic bytes. `locales` maps our tags to the ones a CAT tool expects, e.g. {"zh-Hans": "zh-CN"}."""
    langs = [lang for lang in LANGS if lang in glossary.languages]
    tags = {lang: (locales or {}).get(lang, lang) for lang in LANGS}
    root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: tags["zh-Hans"], "xmlns": NS})
    header = ET.SubElement(root, "tbxHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    title = ET.SubElement(ET.SubElement(file_desc, "titleStmt"), "title")
    title.text = f"{glossary.name.get('zh-Hans')} / {glossary.name.get('en')} {glossary.version}"
    publication = ET.SubElement(ET.SubElement(file_desc, "publicationStmt"), "p")
    publication.text = "; ".join(x for x in (f"version {glossary.version}", glossary.released and
                                             f"released {glossary.released}", glossary.publisher,
                                             glossary.license and f"license {glossary.license}") if x)
    source = ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p")
    source.text = f"aftersales-std glossary {glossary.version}"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for concept in sorted(glossary.concepts, key=lambda c: c.id):
        body.append(_entry(concept, langs, tags))
    ET.indent(root, "  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def xml_id(concept_id: str) -> str:
    """An xs:ID must not start with a digit; such ids get a leading underscore."""
    return concept_id if concept_id[0].isalpha() else "_" + concept_id


def _sub(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def _entry(c: Concept, langs: list[str], tags: dict[str, str]) -> ET.Element:
    entry = ET.Element("conceptEntry", {"id": xml_id(c.id)})
    _sub(entry, "descrip", c.domain, type="subjectField")
    for s in c.sources:
        _sub(entry, "admin", s.ref + (f", {s.clause}" if s.clause else ""), type="source")
    if c.status != "valid":
        _sub(entry, "note", f"status: {c.status}" + (f"; replaced by {c.replaced_by}" if c.replaced_by else ""))
    if c.replaced_by:
        _sub(entry, "ref", c.replaced_by, type="crossReference", target=xml_id(c.replaced_by))
    for rel in c.related:
        _sub(entry, "ref", rel.ref, type="crossReference", target=xml_id(rel.ref))
    for lang in langs:
        if lang not in c.terms:
            continue
        sec = ET.SubElement(entry, "langSec", {XML_LANG: tags[lang]})
        if lang in c.definition:
            _sub(sec, "descrip", c.definition.texts[lang].value, type="definition")
        for note in c.notes.items.get(lang, ()):
            _sub(sec, "note", note.value)
        for d in c.terms[lang]:
            term = ET.SubElement(sec, "termSec")
            _sub(term, "term", d.text)
            _sub(term, "termNote", ADMN[d.status], type="administrativeStatus")
            if d.abbreviation:
                _sub(term, "termNote", "abbreviation", type="termType")
            if d.region:
                _sub(term, "termNote", d.region, type="geographicalUsage")
            if d.usage_note:
                _sub(term, "note", d.usage_note)
    return entry


@dataclass
class Node:
    tag: str  # local name
    attrs: dict[str, str]
    line: int
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def find(self, *tags: str) -> list[Node]:
        return [c for c in self.children if c.tag in tags]

    def walk(self, *tags: str) -> list[Node]:
        out = []
        for child in self.children:
            if child.tag in tags:
                out.append(child)
            out += child.walk(*tags)
        return out


class _Builder(xml.sax.handler.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[Node] = [Node("#document", {}, 1)]
        self.locator: Any = None

    def setDocumentLocator(self, locator: Any) -> None:  # noqa: N802 (SAX API)
        self.locator = locator

    def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802
        node = Node(name.rsplit(":", 1)[-1], dict(attrs), self.locator.getLineNumber() if self.locator else 0)
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def endElement(self, name: str) -> None:  # noqa: N802
        self.stack.pop()

    def characters(self, content: str) -> None:
        self.stack[-1].text += content


def parse(data: bytes, name: str) -> Node:
    if b"<!ENTITY" in data:
        raise ImportProblems([f"{name}:1: the file declares XML entities; they are not allowed in TBX import"])
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    parser.setFeature(xml.sax.handler.feature_external_pes, False)
    builder = _Builder()
    parser.setContentHandler(builder)
    try:
        import io
        parser.parse(io.BytesIO(data))
    except xml.sax.SAXParseException as exc:
        raise ImportProblems([f"{name}:{exc.getLineNumber()}: not well-formed XML: {exc.getMessage()}"]) from None
    return builder.stack[0]


def _lang(tag: str) -> str | None:
    t = tag.lower()
    if t in ("zh-hant", "zh-tw", "zh-hk", "zh-mo") or t.startswith("zh-hant-"):
        return "zh-Hant"
    if t in ("zh", "zh-hans", "zh-cn", "zh-sg") or t.startswith("zh-hans-"):
        return "zh-Hans"
    if t == "en" or t.startswith("en-"):
        return "en"
    return None


def read_tbx(data: bytes, name: str, known: frozenset[str] = frozenset()) -> list[Entry]:
    """Entries of a TBX file. Concept ids: the conceptEntry id when it names a known concept or the file
    is our own export; else (ids of other tools, such as c42) a slug of the preferred English term."""
    doc = parse(data, name)
    ours = any(p.text.startswith("aftersales-std glossary") for sd in doc.walk("sourceDesc") for p in sd.walk("p"))
    problems: list[str] = []
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for concept in doc.walk("conceptEntry", "termEntry"):
        entry = _read_entry(concept, name, problems, known, ours)
        if entry is None:
            continue
        if entry.id in seen:
            problems.append(f"{name}:{concept.line}: concept id '{entry.id}' is also used at line {seen[entry.id]}")
            continue
        seen[entry.id] = concept.line
        entries.append(entry)
    if not entries and not problems:
        problems.append(f"{name}:1: no conceptEntry (TBX v3) or termEntry (TBX v2) found")
    if problems:
        raise ImportProblems(problems)
    return entries


def _read_entry(concept: Node, name: str, problems: list[str], known: frozenset[str], ours: bool) -> Entry | None:
    fields: dict[str, Any] = {"terms": {}, "definition": {}}
    for d in concept.walk("descrip"):
        if d.attrs.get("type") == "subjectField" and d.text.strip():
            fields["domain"] = d.text.strip()
            break
    for sec in concept.find("langSec", "langSet"):
        lang = _lang(sec.attrs.get("xml:lang", sec.attrs.get("lang", "")))
        if lang is None:
            continue  # a language the glossary does not keep
        read = [_term(t, lang, name, problems) for t in sec.walk("termSec", "tig", "ntig")]
        terms = [t for t in read if t is not None]
        if terms and not any(t["status"] == "preferred" for t in terms):
            unmarked = [t for t in terms if "_explicit" not in t]  # no status given: the first is preferred
            if unmarked:
                unmarked[0]["status"] = "preferred"
            else:
                problems.append(f"{name}:{sec.line}: no preferred term in {lang}; mark one preferredTerm-admn-sts")
        for t in terms:
            t.pop("_explicit", None)
        if terms:
            fields["terms"].setdefault(lang, []).extend(terms)
        for d in sec.walk("descrip"):
            if d.attrs.get("type") == "definition" and d.text.strip():
                fields["definition"].setdefault(lang, d.text.strip())
    raw_id = concept.attrs.get("id", "").lstrip("_")
    if not (_ID.match(raw_id) and (ours or raw_id in known)):
        en = next((t["designation"] for t in fields["terms"].get("en", []) if t["status"] == "preferred"), "")
        slug = re.sub(r"[^a-z0-9]+", "-", en.lower()).strip("-")
        raw_id = slug if _ID.match(slug) else raw_id
        if not _ID.match(raw_id):
            problems.append(f"{name}:{concept.line}: conceptEntry id '{concept.attrs.get('id', '')}' is not a "
                            "concept id (lowercase slug) and there is no English term to make one from")
            return None
    if not fields["terms"]:
        problems.append(f"{name}:{concept.line}: concept '{raw_id}' has no term in zh-Hans, zh-Hant or en")
        return None
    return Entry(raw_id, concept.line, fields, ("designation", "status", "abbreviation", "region", "usage_note"))


def _term(sec: Node, lang: str, name: str, problems: list[str]) -> dict[str, Any] | None:
    term = sec.walk("term")
    if not term or not term[0].text.strip():
        problems.append(f"{name}:{sec.line}: {sec.tag} without a term")
        return None
    out: dict[str, Any] = {"designation": term[0].text.strip(), "status": "admitted"}
    for note in sec.walk("termNote"):
        kind, value = note.attrs.get("type"), note.text.strip()
        if kind in ("administrativeStatus", "normativeAuthorization"):
            if value not in FROM_ADMN:
                problems.append(f"{name}:{note.line}: administrativeStatus '{value}' is not one of "
                                f"{', '.join(ADMN.values())}")
                continue
            out["status"], out["_explicit"] = FROM_ADMN[value], True
        elif kind == "termType" and value in ABBREVIATIONS:
            out["abbreviation"] = True
        elif kind == "geographicalUsage" and value.upper()[-2:] in ("CN", "TW", "HK", "MO", "SG"):
            out["region"] = value.upper()[-2:]
    notes = [n.text.strip() for n in sec.find("note") if n.text.strip()]
    if notes:
        out["usage_note"] = notes[0]
    return {k: out[k] for k in ("designation", "status", "abbreviation", "region", "usage_note", "_explicit")
            if k in out}
