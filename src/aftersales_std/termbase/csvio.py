"""CSV for Excel: UTF-8 with BOM, CRLF, one row per designation, a stable column order.

Concept-level values (status, domain, definition ...) repeat on every row of the concept (of the
language, for the definition), so that sorting or filtering in Excel loses nothing. A cell that
Excel would run as a formula (= + - @ at the start), or that starts with an apostrophe itself, is
written with a leading apostrophe, which import removes again (so `'+1 reply` comes back as it was).
`situations` (when an agent needs the concept, in the customer's words) holds the language's situations
one per line of the cell (Alt+Enter in Excel); zh-Hant rows list the converted zh-Hans ones too, and
import keeps only the written Taiwan/Hong Kong wordings that differ from them.

Import reads UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text", tab-separated) or
without, and GB18030 (a superset of GBK, what Excel writes as "CSV" on Chinese Windows); it says
which encoding it assumed. A file that is none of these gets an error with the row of the first bad
byte and how to save the file as UTF-8 from Excel and LibreOffice.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any

from aftersales_std.model import LANGS, Glossary
from aftersales_std.termbase.entry import DESIGNATION_KEYS, MAX_ID, Entry, ImportProblems, Reading, control_char
from aftersales_std.termbase.limits import MAX_CELL, MAX_COLUMNS

COLUMNS = ("id", "concept_status", "replaced_by", "domain", "tags", "lang", "designation", "term_status",
           "abbreviation", "region", "pinyin", "sort_key", "usage_note", "derived", "definition", "situations")
REQUIRED = ("id", "lang", "designation", "term_status")
CONCEPT_COLUMNS = ("concept_status", "replaced_by", "domain", "tags")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
STATUSES = {"preferred": "preferred", "admitted": "admitted", "deprecated": "deprecated",
            "首选": "preferred", "首选术语": "preferred", "优先术语": "preferred", "许用": "admitted",
            "许用术语": "admitted", "拒用": "deprecated", "拒用术语": "deprecated", "弃用": "deprecated"}
CONCEPT_STATUSES = ("draft", "valid", "superseded", "retired")
REGIONS = ("CN", "TW", "HK", "MO", "SG")
_YES = {"yes": True, "true": True, "1": True, "y": True, "是": True,
        "": False, "no": False, "false": False, "0": False, "n": False, "否": False}


def to_csv(glossary: Glossary) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    langs = [lang for lang in LANGS if lang in glossary.languages]
    for c in sorted(glossary.concepts, key=lambda c: c.id):
        for lang in langs:
            definition = c.definition.texts.get(lang)
            for d in c.terms.get(lang, ()):
                row = {"id": c.id, "concept_status": c.status, "replaced_by": c.replaced_by or "",
                       "domain": c.domain, "tags": "; ".join(c.tags), "lang": lang, "designation": d.text,
                       "term_status": d.status, "abbreviation": "yes" if d.abbreviation else "",
                       "region": d.region or "", "pinyin": d.pinyin or "", "sort_key": d.sort_key or "",
                       "usage_note": d.usage_note or "", "derived": "yes" if d.derived else "",
                       "definition": definition.value if definition else "",
                       "situations": "\n".join(t.value for t in c.situations.items.get(lang, ()))}
                writer.writerow([_cell(row[col]) for col in COLUMNS])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _cell(value: str) -> str:
    return "'" + value if value.startswith((*_FORMULA, "'")) else value


def _uncell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith((*_FORMULA, "'")) else value


HOW_TO_SAVE = ("save it as UTF-8: in Excel, File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'; in "
               "LibreOffice Calc, File > Save As > 'Text CSV (.csv)' with 'Edit filter settings' and "
               "Character set 'Unicode (UTF-8)'")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding assumed (see the module docstring)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8", "UTF-8 (with BOM)", name, 3)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        return _decode(data[2:], codec, f"UTF-16 {'LE' if codec.endswith('le') else 'BE'} (with BOM)", name, 2)
    head = data[:4096]
    if len(head) >= 4 and head.count(0) * 4 >= len(head):  # ASCII in UTF-16 has every other byte 0
        le = head[1::2].count(0) >= head[0::2].count(0)
        codec = "utf-16-le" if le else "utf-16-be"
        return _decode(data, codec, f"UTF-16 {'LE' if le else 'BE'} (no BOM)", name, 0)
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        sample = data[:1 << 20].decode("utf-8", "replace")
        bad = sample.count("\ufffd")
        good = sum(1 for ch in sample if ch > "\x7f") - bad
        if good >= 4 * bad:  # mostly good UTF-8 with a few bad bytes: a damaged file, not another encoding
            raise ImportProblems([f"{name}:{_row(data, exc.start)}: the file is UTF-8 but has bytes that are "
                                  f"not (at byte {exc.start}); the row may be damaged: fix it, or {HOW_TO_SAVE}"])
    return _decode(data, "gb18030", "GB18030 (GBK, the encoding of Excel on Chinese Windows)", name, 0)


def _decode(data: bytes, codec: str, label: str, name: str, offset: int) -> tuple[str, str]:
    try:
        return data.decode(codec), label
    except UnicodeDecodeError as exc:
        if codec.startswith("utf-16"):
            row = data[:exc.start].decode(codec, "replace").count("\n") + 1
        else:
            row = _row(data, exc.start)
        raise ImportProblems([f"{name}:{row}: the file is not UTF-8, UTF-16 or GB18030/GBK (it was read as "
                              f"{label}; byte {exc.start + offset} cannot be read); {HOW_TO_SAVE}"]) from None


def _row(data: bytes, index: int) -> int:
    return data.count(b"\n", 0, index) + 1


def read_csv(data: bytes, name: str, lang_map: dict[str, str] | None = None,
             known: frozenset[str] = frozenset()) -> Reading:
    """Entries from CSV bytes, with every bad row as a problem (`name:row: message`). The lang column
    takes region tags (zh-CN, zh-TW, en-US ...) and `lang_map` like TBX; rows of a language the
    glossary does not keep are left out with a warning."""
    from aftersales_std.termbase.tbxread import map_lang

    text, encoding = decode(data, name)
    newline = text.find("\n")
    first = text[:newline if newline >= 0 else 65536]
    delimiter = max(("\t", ",", ";"), key=first.count)
    if first.count(delimiter) + 1 > MAX_COLUMNS:
        raise ImportProblems([f"{name}:1: the header has {first.count(delimiter) + 1:,} columns; a glossary CSV "
                              f"has at most {MAX_COLUMNS} ({', '.join(COLUMNS)})"])
    csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise ImportProblems([f"{name}:1: the header row cannot be read: {exc}"]) from None
    if not header:
        raise ImportProblems([f"{name}:1: the file is empty; it needs a header row ({', '.join(REQUIRED)} ...)"])
    from aftersales_std.termbase.csvshapes import detect, read_shape

    shape = detect(header, lang_map)
    if shape is not None:  # another tool's export (Weblate, memoQ, a table per language)
        rows: list[tuple[int, list[str]]] = []
        reading = Reading(encoding=f"{encoding}, in the shape of {shape}")
        number = 1
        while True:
            number += 1
            try:
                cells = next(reader, None)
            except csv.Error as exc:
                reading.problems.append(f"{name}:{number}: {exc}; nothing after this row was read")
                break
            if cells is None:
                break
            if any(cell.strip() for cell in cells):
                rows.append((number, [_uncell(c) for c in cells]))
        return read_shape(shape, header, rows, name, reading, known, lang_map)
    problems = [f"{name}:1: missing column '{col}'" for col in REQUIRED if col not in header]
    unknown = [h for h in header if h and h not in COLUMNS]
    problems += [f"{name}:1: unknown column '{_short(h)}'; known columns: {', '.join(COLUMNS)}" for h in unknown[:10]]
    if len(unknown) > 10:
        problems.append(f"{name}:1: and {len(unknown) - 10} more unknown columns")
    seen: set[str] = set()
    for h in header:
        if h in seen and h:
            problems.append(f"{name}:1: column '{_short(h)}' appears twice")
        seen.add(h)
    if problems and any(col not in header for col in REQUIRED):
        problems.append(f"{name}:1: the header is neither our columns nor the export of another tool that import "
                        "knows: a Weblate glossary CSV (source, target ...), a memoQ term base CSV (Entry_ID, "
                        "<Language>_Def ...) or a table with a column per language (English, Chinese (PRC), "
                        "中文, 英文, 繁体 ...; map other names with --lang-map COLUMN=zh-Hans|zh-Hant|en)")
    if problems:
        if any("ï»¿" in h or "\ufffd" in h for h in header):
            problems.append(f"{name}:1: the header looks mis-decoded (read as {encoding}); {HOW_TO_SAVE}")
        raise ImportProblems(problems)
    reading = Reading(encoding=encoding)
    entries: dict[str, Entry] = {}
    firsts: dict[tuple[str, str], tuple[int, str]] = {}
    other_langs: dict[str, tuple[int, int]] = {}
    number = 1
    while True:
        number += 1
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            reason = (f"a cell is longer than {MAX_CELL:,} characters" if "field limit" in str(exc)
                      else str(exc))
            reading.problems.append(f"{name}:{number}: {reason}; nothing after this row was read")
            break
        if cells is None:
            break
        if not any(cell.strip() for cell in cells):
            continue  # Excel leaves empty rows behind
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            reading.problems.append(f"{name}:{number}: {len(cells)} cells but {len(header)} columns; "
                                    "a cell may hold an unquoted separator")
            continue
        row = {h: _uncell(cells[i]) if i < len(cells) else "" for i, h in enumerate(header)}
        raw = row["lang"].strip()
        lang = raw if raw in LANGS and raw not in (lang_map or {}) else map_lang(raw, lang_map)
        if lang is None:
            rows_seen, first_row = other_langs.get(raw, (0, number))
            other_langs[raw] = (rows_seen + 1, first_row)
            continue
        row["lang"] = lang
        reading.problems.extend(_row_entry(row, number, name, entries, firsts, header))
    for tag, (rows_seen, first_row) in other_langs.items():
        reading.warnings.append(f"{name}:{first_row}: language '{tag}' is not kept by the glossary "
                                f"({', '.join(LANGS)}): {rows_seen} row(s) not imported; map it with --lang-map {tag}=zh-Hans|zh-Hant|en "
                                "if it is one of them")
    for entry in entries.values():
        reading.problems.extend(_complete(entry, name))
    reading.entries = list(entries.values())
    return reading


def _row_entry(row: dict[str, str], n: int, name: str, entries: dict[str, Entry],
         firsts: dict[tuple[str, str], tuple[int, str]], header: list[str]) -> list[str]:
    out: list[str] = []
    cid, lang, text = row["id"], row["lang"], row["designation"]
    where = f"{name}:{n}:"
    for col, value in row.items():
        bad = _CONTROL.search(value)
        if bad:
            return [f"{where} column {col} contains the control character U+{ord(bad.group()):04X}; remove it"]
    if len(cid) > MAX_ID:
        return [f"{where} id is {len(cid)} characters long; a concept id has at most {MAX_ID}"]
    if not _ID.match(cid):
        return [f"{where} id '{_short(cid)}' is not valid: use lowercase letters, digits and single hyphens"]
    if "\n" in text or "\r" in text:
        return [f"{where} designation '{_short(text)}' holds a line break: a quote (\") may not be closed on "
                "this row; close it, or remove the line break"]
    if not text.strip():
        out.append(f"{where} designation is empty; fill it in or delete the row")
    elif text != text.strip():
        out.append(f"{where} designation '{_short(text)}' has spaces at the start or end; remove them")
    elif control_char(text):
        out.append(f"{where} designation '{_short(text)}' contains the control character {control_char(text)}; "
                   "remove it")
    status = STATUSES.get(row["term_status"].strip().lower())
    if status is None:
        out.append(f"{where} term_status '{row['term_status']}' is not one of preferred, admitted, deprecated")
    abbreviation = _YES.get(row.get("abbreviation", "").strip().lower())
    if abbreviation is None:
        out.append(f"{where} abbreviation '{row['abbreviation']}' must be yes or empty")
    region = row.get("region", "").strip()
    if region and region not in REGIONS:
        out.append(f"{where} region '{region}' is not one of {', '.join(REGIONS)}")
    concept_status = row.get("concept_status", "").strip()
    if concept_status and concept_status not in CONCEPT_STATUSES:
        out.append(f"{where} concept_status '{concept_status}' is not one of {', '.join(CONCEPT_STATUSES)}")
    replaced_by = row.get("replaced_by", "").strip()
    if replaced_by and not _ID.match(replaced_by):
        out.append(f"{where} replaced_by '{replaced_by}' is not a concept id")
    for col in (*CONCEPT_COLUMNS, "definition", "situations"):
        if col not in header:
            continue
        slot = (cid, col if col in CONCEPT_COLUMNS else f"{col}/{lang}")
        seen = firsts.setdefault(slot, (n, row[col]))
        if seen[1] != row[col]:
            what = "of the same concept" if col in CONCEPT_COLUMNS else f"of the same concept in {lang}"
            out.append(f"{where} {col} '{_short(row[col])}' differs from row {seen[0]} ('{_short(seen[1])}') "
                       f"{what}; use the same value on every row")
    if out:
        return out
    entry = entries.get(cid)
    if entry is None:
        carried = tuple(k for k in DESIGNATION_KEYS if k in ("designation", "status") or k in header)
        entry = entries[cid] = Entry(cid, n, {}, carried)
        if concept_status:
            entry.fields["status"] = concept_status
        if "replaced_by" in header:
            entry.fields["replaced_by"] = replaced_by or None
        if row.get("domain", "").strip():
            entry.fields["domain"] = row["domain"].strip()
        if "tags" in header:
            entry.fields["tags"] = [t.strip() for t in re.split(r"[;；]", row["tags"]) if t.strip()]
    designation: dict[str, Any] = {"designation": text, "status": status}
    if abbreviation:
        designation["abbreviation"] = True
    for key in ("pinyin", "sort_key"):
        if row.get(key, "").strip():
            designation[key] = row[key].strip()
    if region:
        designation["region"] = region
    if row.get("usage_note", "").strip():
        designation["usage_note"] = row["usage_note"].strip()
    terms = entry.fields.setdefault("terms", {})
    if any(d["designation"] == text for d in terms.get(lang, [])):
        return [f"{where} designation '{text}' ({lang}) appears twice for concept '{cid}'"]
    terms.setdefault(lang, []).append(designation)
    if "definition" in header:
        entry.fields.setdefault("definition", {})[lang] = row["definition"].strip() or None
    if "situations" in header:  # one per line; an empty cell states none (kept unless --replace)
        entry.fields.setdefault("situations", {})[lang] = [t.strip() for t in row["situations"].splitlines()
                                                           if t.strip()]
    return []


def _complete(entry: Entry, name: str) -> list[str]:
    out = []  # a language without a preferred row is fine when the concept has one (checked after merging)
    for lang, text in entry.fields.get("definition", {}).items():
        if text is None and lang != "zh-Hant":
            out.append(f"{name}:{entry.line}: concept '{entry.id}' has an empty {lang} definition; "
                       "every concept needs a zh-Hans and an en definition")
    if entry.fields.get("status") == "superseded" and not entry.fields.get("replaced_by"):
        out.append(f"{name}:{entry.line}: concept '{entry.id}' is superseded but names no replacement; "
                   "fill in replaced_by")
    return out


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:27] + "..."
