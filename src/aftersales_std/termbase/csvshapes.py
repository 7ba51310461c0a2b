"""CSV glossaries of other tools, detected from the header row and read into the same entries as TBX.

Shapes (README "Exchange with other tools" has a row for each):

- **Weblate** glossary CSV (Translate Toolkit's columns): `location,source,target,id,fuzzy,context,
  translator_comments,developer_comments`: one row per string; the source is en, the target language comes from
  `--lang-map target=LANG` or the file name Weblate gives (`...-zh_Hans.csv`).
- **memoQ** term base CSV: `Entry_ID`, `Entry_Subject`, `Entry_Domain` ... then per language
  `<Language>_Def`, and per term `<Language>`, `Term_Info`, `Term_Example` (repeated for each term);
  languages by name (`English`, `Chinese (PRC)`, `Chinese (Taiwan)`).
- **a table with a column per language**: Trados' CSV (one entry a row, synonyms in one cell split by
  `|`) and the sheets people make by hand (中文/英文/繁体/定义/状态 ...; synonyms split by `|` `;` `；`).

Every row becomes an entry built by tbxread.identify/settle_statuses, merged by the importer like a TBX
entry. Columns the glossary has no place for are named in a warning with their count of filled cells.
"""
from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from aftersales_std.termbase.csvio import STATUSES as CSV_STATUSES
from aftersales_std.termbase.entry import Reading, control_char
from aftersales_std.termbase.tbxread import STATUSES as TBX_STATUSES
from aftersales_std.termbase.tbxread import identify, map_lang, settle_statuses

WEBLATE = "Weblate glossary CSV (source, target, ...)"
MEMOQ = "memoQ term base CSV (Entry_ID, <Language>_Def, <Language>, Term_Info ...)"
TABLE = "a table with one column per language (Trados CSV, or a sheet made by hand)"
_SYNONYMS = re.compile(r"\s*[|;；]\s*")
_EN = re.compile(r"^(english|英文|英语|英語)(\s*\(.*\))?$")
_HANS = re.compile(r"^(chinese\s*\((prc|china|simplified|singapore)\)|chinese simplified|simplified chinese|"
                   r"chinese|中文|汉语|汉字|简体|简体中文|簡體中文)$")
_HANT = re.compile(r"^(chinese\s*\((taiwan|hong kong|macao|macau|traditional)\)|chinese traditional|"
                   r"traditional chinese|繁体|繁體|繁体中文|繁體中文|台湾|臺灣|香港)$")
_DEFINITION = ("定义", "定義", "definition", "释义", "釋義")
_NOTE = ("备注", "備註", "note", "notes", "说明", "說明", "comment", "comments")
_DOMAIN = ("领域", "領域", "分类", "分類", "domain", "subject field")
_STATUS = ("状态", "狀態", "status", "term status")
_ID_NAMES = ("id", "编号", "編號", "entry id", "entry_id", "concept id")


def lang_of(header: str, lang_map: dict[str, str] | None = None) -> str | None:
    """The glossary language a column header names: a tag (zh-CN, en-US ...), a memoQ/Trados language
    name (Chinese (PRC), Chinese (Taiwan), English ...) or a Chinese sheet's (中文, 繁体, 英文)."""
    h = " ".join(header.strip().split()).lower()
    mapped = map_lang(h, lang_map)
    if mapped:
        return mapped
    if _EN.match(h):
        return "en"
    if _HANT.match(h):
        return "zh-Hant"
    if _HANS.match(h):
        return "zh-Hans"
    return None


def detect(header: list[str], lang_map: dict[str, str] | None = None) -> str | None:
    """The shape of another tool's CSV, or None for ours (or for a header that is no known shape)."""
    lower = [h.lower() for h in header]
    if "designation" in lower and "lang" in lower:
        return None
    if "source" in lower and "target" in lower:
        return WEBLATE
    if "entry_id" in lower or any(h.endswith("_Def") for h in header):
        return MEMOQ
    if any(lang_of(h, lang_map) for h in header):
        return TABLE
    return None


def read_shape(shape: str, header: list[str], rows: list[tuple[int, list[str]]], name: str,
               reading: Reading, known: frozenset[str], lang_map: dict[str, str] | None) -> Reading:
    reader = _Reader(name, reading, known, lang_map or {})
    if shape == WEBLATE:
        reader.weblate(header, rows)
    elif shape == MEMOQ:
        reader.memoq(header, rows)
    else:
        reader.table(header, rows)
    if reader.unkept:
        what = ", ".join(f"'{col}' ({n} cell(s))" for col, n in reader.unkept.items())
        reading.warnings.append(f"{name}:1: columns the glossary does not keep, not imported: {what}")
    if not reading.entries and not reading.problems:
        reading.problems.append(f"{name}:1: read as {shape}, but no row has a term in zh-Hans, zh-Hant or en; "
                                "name the language columns (or map them with --lang-map COLUMN=zh-Hans|zh-Hant|en)")
    return reading


class _Reader:
    def __init__(self, name: str, reading: Reading, known: frozenset[str], lang_map: dict[str, str]) -> None:
        self.name, self.reading, self.known, self.lang_map = name, reading, known, lang_map
        self.unkept: dict[str, int] = {}

    def skip(self, column: str, value: str) -> None:
        if value.strip():
            self.unkept[column] = self.unkept.get(column, 0) + 1

    def add_term(self, fields: dict[str, Any], lang: str, text: str, row: int, status: str | None = None) -> None:
        for part in _SYNONYMS.split(text.strip()):
            if not part:
                continue
            bad = control_char(part)
            if bad:
                self.reading.problems.append(f"{self.name}:{row}: term '{part}' contains the control character "
                                             f"{bad}; remove it")
                continue
            have = fields["terms"].setdefault(lang, [])
            if any(t["designation"] == part for t in have):
                continue
            term: dict[str, Any] = {"designation": part, "status": status or "admitted"}
            if status:
                term["_explicit"] = True
            have.append(term)

    def finish(self, raw_id: str, row: int, fields: dict[str, Any]) -> None:
        if not fields["terms"]:
            return
        for terms in fields["terms"].values():
            settle_statuses(terms)
        fields = {k: v for k, v in fields.items() if v or k == "terms"}
        self.reading.entries.append(identify(raw_id.strip(), row, fields, self.known))

    def status(self, value: str, row: int) -> str | None:
        v = value.strip()
        if not v:
            return None
        status = CSV_STATUSES.get(v.lower()) or TBX_STATUSES.get(v.lower().replace(" ", ""))
        if status is None:
            self.reading.problems.append(f"{self.name}:{row}: status '{v}' is not one the glossary knows; use "
                                         "preferred/首选, admitted/许用 or deprecated/拒用 (README lists the statuses "
                                         "of other tools that are mapped)")
        return status

    def weblate(self, header: list[str], rows: list[tuple[int, list[str]]]) -> None:
        source = self.lang_map.get("source", "en")
        target = self.lang_map.get("target") or _lang_from_name(self.name)
        if target is None:
            self.reading.problems.append(f"{self.name}:1: a Weblate CSV does not say its target language; name it "
                                         "with --lang-map target=zh-Hans (or zh-Hant), or keep Weblate's file name "
                                         "(...-zh_Hans.csv)")
            return
        col = {h.lower(): i for i, h in enumerate(header)}
        for number, cells in rows:
            get = lambda key: cells[col[key]] if key in col and col[key] < len(cells) else ""  # noqa: E731
            fields: dict[str, Any] = {"terms": {}, "notes": {}}
            self.add_term(fields, source, get("source"), number)
            if get("target").strip():
                self.add_term(fields, target, get("target"), number)
            for key, lang in (("developer_comments", source), ("translator_comments", target)):
                if get(key).strip():
                    fields["notes"][lang] = [get(key).strip()]
            for i, h in enumerate(header):
                if h.lower() not in ("source", "target", "developer_comments", "translator_comments") and i < len(cells):
                    if h.lower() != "fuzzy" or cells[i].strip().lower() not in ("false", "0", ""):
                        self.skip(h, cells[i])  # fuzzy: only a translation that needs editing is said
            self.finish("", number, fields)

    def memoq(self, header: list[str], rows: list[tuple[int, list[str]]]) -> None:
        for number, cells in rows:
            fields: dict[str, Any] = {"terms": {}, "definition": {}, "examples": {}}
            lang: str | None = None
            raw_id = ""
            for i, h in enumerate(header):
                value = cells[i] if i < len(cells) else ""
                if h == "Entry_ID":
                    raw_id = value
                elif h == "Entry_Domain" and value.strip():
                    fields["domain"] = value.strip()
                elif h.startswith("Entry_"):
                    self.skip(h, value)
                elif h.endswith("_Def"):
                    lang = lang_of(h[:-4], self.lang_map)
                    if lang and value.strip():
                        fields["definition"][lang] = " ".join(value.split())
                    elif not lang:
                        self.skip(h, value)
                elif h == "Term_Example" and lang and value.strip():
                    fields["examples"].setdefault(lang, []).append(value.strip())
                elif h in ("Term_Info", "Term_Example"):
                    self.skip(h if lang else f"{h} (of a language not kept)", value)
                else:
                    lang = lang_of(h, self.lang_map)
                    if lang:
                        self.add_term(fields, lang, value, number)
                    else:
                        self.skip(h, value)
            self.finish(raw_id, number, fields)

    def table(self, header: list[str], rows: list[tuple[int, list[str]]]) -> None:
        for number, cells in rows:
            fields: dict[str, Any] = {"terms": {}, "definition": {}, "notes": {}}
            raw_id, status = "", None
            for i, h in enumerate(header):
                if _kind(h, _STATUS) is not None and i < len(cells):
                    status = self.status(cells[i], number)
            for i, h in enumerate(header):
                value = cells[i] if i < len(cells) else ""
                key = h.strip().lower()
                lang = lang_of(h, self.lang_map)
                if lang:
                    # the status column is the status of the row's first zh-Hans term (中文 + 状态)
                    first, _, rest = value.strip().partition(_first_sep(value))
                    self.add_term(fields, lang, first, number, status if lang == "zh-Hans" else None)
                    self.add_term(fields, lang, rest, number)
                elif key in _ID_NAMES:
                    raw_id = value
                elif key in _DOMAIN:
                    if value.strip():
                        fields["domain"] = value.strip()
                elif _kind(h, _STATUS) is not None:
                    continue
                elif (dlang := _kind(h, _DEFINITION)) is not None:
                    if value.strip():
                        fields["definition"][dlang] = " ".join(value.split())
                elif (nlang := _kind(h, _NOTE)) is not None:
                    if value.strip():
                        fields["notes"].setdefault(nlang, []).append(value.strip())
                else:
                    self.skip(h, value)
            self.finish(raw_id, number, fields)


def _kind(header: str, words: tuple[str, ...]) -> str | None:
    """For a column like 定义, 英文定义, Definition (English), Note: the language it is in (None: not this kind).
    Without a language named, a Chinese header is zh-Hans and an English one en."""
    h = " ".join(header.strip().split()).lower()
    for word in words:
        if word in h:
            rest = h.replace(word, "").strip(" _-:：")
            if rest[:1] in "(（" and rest[-1:] in ")）":
                rest = rest[1:-1].strip()
            if not rest:
                return "zh-Hans" if re.search(r"[\u4e00-\u9fff]", word) else "en"
            rest = re.sub(r"^(in|of)\s+", "", rest)
            lang = lang_of(rest)
            if lang:
                return lang
    return None


def _first_sep(value: str) -> str:
    m = _SYNONYMS.search(value.strip())
    return m.group() if m else "\x00"


def _lang_from_name(name: str) -> str | None:
    stem = PurePath(name).stem
    m = re.search(r"(?:^|[-_.])(zh[-_](?:hans|hant|cn|tw|hk|sg|mo))$", stem, re.IGNORECASE)
    return map_lang(m.group(1)) if m else None


__all__ = ["MEMOQ", "TABLE", "WEBLATE", "detect", "lang_of", "read_shape"]
