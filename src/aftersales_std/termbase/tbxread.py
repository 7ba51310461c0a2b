"""Entries of a TBX file (v3 conceptEntry/langSec/termSec, v2 termEntry/langSet/tig/ntig) from any tool.

Nothing in a kept language is dropped silently: what the glossary has no place for (transactions,
images, parts of speech ...) and languages it does not keep are named in warnings with counts.

- Languages: region and script tags are mapped (zh-CN, zh-SG, zh-Hans-* -> zh-Hans; zh-TW, zh-HK,
  zh-MO, zh-Hant-* -> zh-Hant; en-US, en-GB ... -> en; case and `_` ignored); `lang_map` (the CLI's
  --lang-map TAG=LANG) comes first, e.g. {"zh": "zh-Hant"}.
- Statuses of other tools are mapped by STATUSES (the README table is checked against it).
- Concept ids: the entry id when it names a known concept or the file is our own export; else (ids of
  other tools such as c42 or _0) a slug of the English preferred term, marked for matching an
  existing concept by designation.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from aftersales_std.termbase.entry import MAX_ID, Entry, Reading, control_char
from aftersales_std.termbase.tbxparse import Node, parse

# value of termNote administrativeStatus / normativeAuthorization / usageStatus (lowercase, no spaces)
STATUSES = {
    "preferredterm-admn-sts": "preferred", "preferredterm": "preferred", "preferred": "preferred",
    "standardizedterm-admn-sts": "preferred", "standardizedterm": "preferred",
    "admittedterm-admn-sts": "admitted", "admittedterm": "admitted", "admitted": "admitted",
    "legalterm-admn-sts": "admitted", "legalterm": "admitted", "regulatedterm": "admitted",
    "deprecatedterm-admn-sts": "deprecated", "deprecatedterm": "deprecated", "deprecated": "deprecated",
    "supersededterm-admn-sts": "deprecated", "supersededterm": "deprecated", "superseded": "deprecated",
    "obsolete": "deprecated", "obsoleteterm": "deprecated", "obsoleteterm-admn-sts": "deprecated",
    "forbidden": "deprecated", "forbiddenterm": "deprecated", "forbiddenterm-admn-sts": "deprecated",
    "notrecommended": "deprecated",
}
STATUS_NOTES = ("administrativestatus", "normativeauthorization", "usagestatus")
ABBREVIATIONS = ("abbreviation", "acronym", "initialism", "shortform")
REGIONS = ("CN", "TW", "HK", "MO", "SG")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TERM_SECTIONS = ("termSec", "tig", "ntig")
_USAGE_NOTES = ("usagenote", "usage note", "explanation")
# a note of a language section holding a situation (our export: `situation: ...`; 情境：... by hand)
_SITUATION = re.compile(r"^\s*(situation|情境|使用情境)\s*[:：]\s*", re.IGNORECASE)


def map_lang(tag: str, lang_map: dict[str, str] | None = None) -> str | None:
    t = tag.strip().replace("_", "-").lower()
    for key, value in (lang_map or {}).items():
        if key.lower().replace("_", "-") == t:
            return value
    if t in ("zh-hant", "zh-tw", "zh-hk", "zh-mo", "zht", "cht") or t.startswith(("zh-hant-", "zh-tw-")):
        return "zh-Hant"
    if t in ("zh", "zh-hans", "zh-cn", "zh-sg", "zh-my", "zhs", "chs", "zho", "chi") or t.startswith("zh-hans-"):
        return "zh-Hans"
    if t == "en" or t.startswith("en-") or t == "eng":
        return "en"
    return None


def read_tbx(data: bytes, name: str, known: frozenset[str] = frozenset(),
             lang_map: dict[str, str] | None = None) -> Reading:
    """Entries, problems and warnings of a TBX file (ImportProblems only when it cannot be parsed)."""
    doc = parse(data, name)
    root = doc.children[0]
    ours = any(p.text.startswith("aftersales-std glossary") for sd in doc.walk("sourceDesc") for p in sd.walk("p"))
    reading = Reading()
    ctx = _Context(name, known, ours, lang_map or {}, map_lang(root.lang, lang_map), reading)
    seen: dict[str, int] = {}
    concepts = doc.walk("conceptEntry", "termEntry")
    for concept in concepts:
        entry = ctx.entry(concept)
        if entry is None:
            continue
        if entry.id in seen:
            reading.problems.append(f"{name}:{concept.line}: concept id '{entry.id}' is also used at line "
                                    f"{seen[entry.id]}; give each entry its own id")
            continue
        seen[entry.id] = concept.line
        reading.entries.append(entry)
    if not concepts:
        reading.problems.append(f"{name}:1: no conceptEntry (TBX v3) or termEntry (TBX v2) found")
    for tag, (count, first) in sorted(ctx.other_langs.items(), key=lambda kv: kv[1][1]):
        reading.warnings.append(f"{name}:{first}: language '{tag}' is not kept by the glossary (zh-Hans, "
                                f"zh-Hant, en): {count} term(s) not imported; map it with --lang-map "
                                f"{tag}=zh-Hans|zh-Hant|en if it is one of them")
    if ctx.unkept:
        what = ", ".join(f"{n} {k}" for k, n in sorted(ctx.unkept.items()))
        reading.warnings.append(f"{name}: kept nowhere in the glossary, so not imported: {what}")
    return reading


def settle_statuses(terms: list[dict[str, Any]]) -> None:
    """Terms of one language of one entry: a status the file does not state (no `_explicit`) is marked
    `_implied` (it never overrides the glossary's); with no preferred term, the first unmarked is."""
    unmarked = [t for t in terms if not t.pop("_explicit", False)]
    for t in unmarked:
        t["_implied"] = True
    if unmarked and not any(t["status"] == "preferred" for t in terms):
        unmarked[0]["status"] = "preferred"


def identify(raw_id: str, line: int, fields: dict[str, Any], known: frozenset[str], ours: bool = False) -> Entry:
    """The entry of one concept read from another tool's file (TBX or CSV): its id when it names a known
    concept (or the file is our own export); else a slug of the English preferred term, matched by designation."""
    if _ID.match(raw_id) and (ours or raw_id in known):
        return Entry(raw_id, line, _tidy(fields), _CARRIED)
    en = next((t["designation"] for t in fields["terms"].get("en", []) if t["status"] == "preferred"), "")
    slug = re.sub(r"[^a-z0-9]+", "-", en.lower()).strip("-")[:MAX_ID].strip("-")
    cid = slug if _ID.match(slug) else raw_id if _ID.match(raw_id) and len(raw_id) <= MAX_ID else ""
    return Entry(cid or f"line-{line}", line, _tidy(fields), _CARRIED, by_designation=True)


class _Context:
    def __init__(self, name: str, known: frozenset[str], ours: bool, lang_map: dict[str, str],
                 doc_lang: str | None, reading: Reading) -> None:
        self.name, self.known, self.ours, self.lang_map = name, known, ours, lang_map
        self.doc_lang, self.reading = doc_lang, reading
        self.other_langs: dict[str, tuple[int, int]] = {}
        self.unkept: Counter[str] = Counter()

    def problem(self, line: int, message: str) -> None:
        self.reading.problems.append(f"{self.name}:{line}: {message}")

    def entry(self, concept: Node) -> Entry | None:
        fields: dict[str, Any] = {"terms": {}, "definition": {}}
        own = _own(concept, ("langSec", "langSet"))
        for d in own:
            kind = d.attrs.get("type", "").lower()
            if d.tag == "descrip" and kind == "subjectfield" and d.text.strip():
                fields.setdefault("domain", _clean(d.text))
            elif d.tag == "descrip" and kind == "definition":
                self._text(fields, "definition", self.doc_lang, d)
            elif d.tag == "admin" and kind == "source":
                self._source(fields, d)
            elif d.tag == "note" or d.tag == "descrip" and not kind:
                if self.ours and d.text.startswith("status: "):
                    continue  # our export's note on the concept status; the status is not exchanged
                self._list(fields, "notes", self.doc_lang, d)
            elif d.tag == "ref" and self.ours:
                continue  # our cross-references (replaced_by, related) are kept in the YAML
            else:
                self._unkept(d)
        for sec in concept.find("langSec", "langSet"):
            self._lang_section(sec, fields)
        return self._identify(concept, fields)

    def _lang_section(self, sec: Node, fields: dict[str, Any]) -> None:
        lang = map_lang(sec.lang, self.lang_map)
        if lang is None:
            count, first = self.other_langs.get(sec.lang or "(none)", (0, sec.line))
            self.other_langs[sec.lang or "(none)"] = (count + len(sec.walk("term")), first)
            return
        for d in _own(sec, _TERM_SECTIONS):
            kind = d.attrs.get("type", "").lower()
            if d.tag == "descrip" and kind == "definition":
                self._text(fields, "definition", lang, d)
            elif d.tag == "descrip" and kind == "context":
                self._list(fields, "examples", lang, d)
            elif d.tag == "note" and _SITUATION.match(d.text):
                self._list(fields, "situations", lang, d, _SITUATION.sub("", d.text, 1))
            elif d.tag == "note" or d.tag == "descrip" and kind in _USAGE_NOTES:
                self._list(fields, "notes", lang, d)
            elif d.tag == "admin" and kind == "source":
                self._source(fields, d)
            else:
                self._unkept(d)
        terms: list[dict[str, Any]] = []
        for holder in sec.walk(*_TERM_SECTIONS):
            terms += self._terms(holder, lang, fields)
        settle_statuses(terms)
        for t in terms:
            have = fields["terms"].setdefault(lang, [])
            if any(h["designation"] == t["designation"] for h in have):
                self.problem(sec.line, f"term '{t['designation']}' ({lang}) appears twice in one entry")
            else:
                have.append(t)

    def _terms(self, holder: Node, lang: str, fields: dict[str, Any]) -> list[dict[str, Any]]:
        found = holder.walk("term")
        if not found or not any(t.text.strip() for t in found):
            self.problem(holder.line, f"{holder.tag} without a term; fill in the term or remove the {holder.tag}")
            return []
        if len(found) > 1:
            self.reading.warnings.append(f"{self.name}:{holder.line}: {holder.tag} holds {len(found)} terms; "
                                         "each is imported as a designation with the same notes")
        common: dict[str, Any] = {"status": "admitted"}
        usage: list[str] = []
        for d in _own(holder, ("term",)):
            kind = d.attrs.get("type", "").lower().replace(" ", "")
            value = _clean(d.text)
            if d.tag == "termNote" and kind in STATUS_NOTES:
                status = STATUSES.get(value.lower().replace(" ", ""))
                if status is None:
                    self.problem(d.line, f"{d.attrs.get('type')} '{value}' is not a status the glossary knows; "
                                 "use preferredTerm-admn-sts, admittedTerm-admn-sts or deprecatedTerm-admn-sts "
                                 "(README lists the statuses of other tools that are mapped)")
                    continue
                common["status"], common["_explicit"] = status, True
            elif d.tag == "termNote" and kind == "termtype" and value.lower() in ABBREVIATIONS:
                common["abbreviation"] = True
            elif d.tag == "termNote" and kind == "termtype" and value.lower() in ("fullform", "variant"):
                continue  # the default reading of a designation
            elif d.tag == "termNote" and kind == "geographicalusage" and value.upper()[-2:] in REGIONS:
                common["region"] = value.upper()[-2:]
            elif d.tag == "note" or d.tag == "descrip" and kind in _USAGE_NOTES:
                if value:
                    usage.append(value)
            elif d.tag == "descrip" and kind == "context":
                self._list(fields, "examples", lang, d)
            elif d.tag == "admin" and kind == "source":
                self._source(fields, d)
            else:
                self._unkept(d)
        if usage:
            common["usage_note"] = "; ".join(dict.fromkeys(usage))
        out = []
        for term in found:
            text = _clean(term.text)
            if not text:
                continue
            bad = control_char(text)
            if bad:
                self.problem(term.line, f"term contains the control character {bad}; remove it")
                continue
            out.append({"designation": text, **common})
        return [{k: t[k] for k in ("designation", "status", "abbreviation", "region", "usage_note", "_explicit")
                 if k in t} for t in out]

    def _identify(self, concept: Node, fields: dict[str, Any]) -> Entry | None:
        raw = concept.attrs.get("id", "")
        raw_id = raw[1:] if raw.startswith("_") else raw
        if not fields["terms"]:
            if concept.walk("term"):
                return None  # only languages the glossary does not keep: said in the warnings
            self.problem(concept.line, "entry without any term; add a term or remove the entry")
            return None
        if self.ours and len(raw_id) > MAX_ID:  # our ids are used as they are (another tool's are not)
            self.problem(concept.line, f"entry id is {len(raw_id)} characters long; concept ids have at most "
                         f"{MAX_ID}")
            return None
        return identify(raw_id, concept.line, fields, self.known, self.ours)

    def _text(self, fields: dict[str, Any], key: str, lang: str | None, d: Node) -> None:
        text = _clean(d.text)
        if not text:
            return
        if lang is None:
            self._unkept(d, " (no language)")
        elif lang in fields[key] and fields[key][lang] != text:
            self._list(fields, "notes", lang, d)  # a second definition is kept as a note
        else:
            fields[key][lang] = text

    def _list(self, fields: dict[str, Any], key: str, lang: str | None, d: Node, raw: str | None = None) -> None:
        text = _clean(d.text if raw is None else raw)
        if not text:
            return
        if lang is None:
            self._unkept(d, " (no language)")
            return
        items = fields.setdefault(key, {}).setdefault(lang, [])
        if text not in items:
            items.append(text)

    def _source(self, fields: dict[str, Any], d: Node) -> None:
        text = _clean(d.text)
        if text and text not in fields.setdefault("sources", []):
            fields["sources"].append(text)

    def _unkept(self, d: Node, why: str = "") -> None:
        kind = d.attrs.get("type")
        self.unkept[f"{d.tag}{' ' + kind if kind else ''}{why}"] += 1


_CARRIED = ("designation", "status", "abbreviation", "region", "usage_note")


def _own(node: Node, stop: tuple[str, ...]) -> list[Node]:
    """Children of node, looking into *Grp wrappers (descripGrp, transacGrp ...) but not into `stop`."""
    out: list[Node] = []
    for child in node.children:
        if child.tag in stop:
            continue
        if child.tag.endswith("Grp"):
            if child.tag == "transacGrp":
                out.append(child)
                continue
            out += _own(child, stop)
        else:
            out.append(child)
    return out


def _clean(text: str) -> str:
    """Whitespace of XML layout folded (a definition wrapped over lines is one line)."""
    return " ".join(text.split())


def _tidy(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v or k == "terms"}


__all__ = ["STATUSES", "identify", "map_lang", "read_tbx", "settle_statuses"]
