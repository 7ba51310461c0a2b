"""TBX-Basic (ISO 30042:2019, TBX v3, DCA style) export; import is in tbxread.

conceptEntry (id = concept id) > descrip subjectField, admin source, ref crossReference, note;
langSec (xml:lang) > descrip definition, note, note "situation: ..." (one per situation: when an agent
needs the concept, in the customer's words; TBX-Basic has no data category for it, and its `context`
belongs to a term and quotes it, which a situation does not); termSec > term, termNote administrativeStatus
(preferredTerm-admn-sts / admittedTerm-admn-sts / deprecatedTerm-admn-sts), termType, geographicalUsage.
The output is valid against the official TBX core structure (TBXcoreStructV03.rng) and the TBX-Basic
DCA Schematron (both checked in tests/termbase). A source is exported by title and reference: a
standard clause `repair-service:4.2` as the standard's code, title and clause, never a file path.
"""
from __future__ import annotations

from xml.etree import ElementTree as ET

from aftersales_std.model import LANGS, Concept, Glossary, SourceRef

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADMN = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
        "deprecated": "deprecatedTerm-admn-sts"}
SITUATION = "situation: "  # the note of a situation starts so; import reads it back into `situations`


def to_tbx(glossary: Glossary, locales: dict[str, str] | None = None,
           standards: dict[str, str] | None = None) -> bytes:
    """TBX-Basic bytes. `locales` maps our tags to the ones a CAT tool expects, e.g. {"zh-Hans": "zh-CN"};
    `standards` maps standard ids to their citation (code and title), for sources that cite a clause."""
    langs = [lang for lang in LANGS if lang in glossary.languages]
    tags = {lang: (locales or {}).get(lang, lang) for lang in LANGS}
    root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: tags["zh-Hans"], "xmlns": NS})
    header = ET.SubElement(root, "tbxHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    publication = ET.SubElement(ET.SubElement(file_desc, "publicationStmt"), "p")  # before titleStmt (core RNG)
    title = ET.SubElement(ET.SubElement(file_desc, "titleStmt"), "title")
    title.text = f"{glossary.name.get('zh-Hans')} / {glossary.name.get('en')} {glossary.version}"
    publication.text = "; ".join(x for x in (f"version {glossary.version}", glossary.released and
                                             f"released {glossary.released}", glossary.publisher,
                                             glossary.license and f"license {glossary.license}") if x)
    source = ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p")
    source.text = f"aftersales-std glossary {glossary.version}"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for concept in sorted(glossary.concepts, key=lambda c: c.id):
        body.append(_entry(concept, langs, tags, standards or {}))
    ET.indent(root, "  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def xml_id(concept_id: str) -> str:
    """An xs:ID must not start with a digit; such ids get a leading underscore."""
    return concept_id if concept_id[0].isalpha() else "_" + concept_id


def _sub(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def source_text(s: SourceRef, standards: dict[str, str]) -> str:
    """A source as people cite it: title and reference (a standard clause by the standard's title)."""
    ref = s.ref
    sid, sep, clause = ref.partition(":")
    if sep and sid in standards and clause and " " not in sid:
        ref = f"{standards[sid]}, {clause}"
    return ref + (f", {s.clause}" if s.clause else "")


def _entry(c: Concept, langs: list[str], tags: dict[str, str], standards: dict[str, str]) -> ET.Element:
    entry = ET.Element("conceptEntry", {"id": xml_id(c.id)})
    _sub(entry, "descrip", c.domain, type="subjectField")
    for s in c.sources:
        _sub(entry, "admin", source_text(s, standards), type="source")
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
        for situation in c.situations.items.get(lang, ()):
            _sub(sec, "note", SITUATION + situation.value)
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


