"""CSV for Excel: UTF-8 with BOM, CRLF, one row per designation, a stable column order.

Concept-level values (status, domain, definition ...) repeat on every row of the concept (of the
language, for the definition), so that sorting or filtering in Excel loses nothing. A cell that
Excel would run as a formula (= + - @ at the start) is written with a leading apostrophe,
which import removes again.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any

from aftersales_std.model import LANGS, Glossary
from aftersales_std.termbase.entry import DESIGNATION_KEYS, Entry, ImportProblems

COLUMNS = ("id", "concept_status", "replaced_by", "domain", "tags", "lang", "designation", "term_status",
           "abbreviation", "region", "pinyin", "sort_key", "usage_note", "derived", "definition")
REQUIRED = ("id", "lang", "designation", "term_status")
CONCEPT_COLUMNS = ("concept_status", "replaced_by", "domain", "tags")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
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
                       "definition": definition.value if definition else ""}
                writer.writerow([_cell(row[col]) for col in COLUMNS])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def _uncell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA) else value


def read_csv(data: bytes, name: str) -> list[Entry]:
    """Entries from CSV bytes; ImportProblems listing every bad row (`name:row: message`)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblems([f"{name}:1: the file is not UTF-8; in Excel use File > Save As > "
                              "'CSV UTF-8 (Comma delimited)'"]) from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        raise ImportProblems([f"{name}:1: the file is empty; it needs a header row ({', '.join(REQUIRED)} ...)"])
    header = [h.strip() for h in rows[0]]
    problems = [f"{name}:1: missing column '{col}'" for col in REQUIRED if col not in header]
    problems += [f"{name}:1: unknown column '{h}'; known columns: {', '.join(COLUMNS)}"
                 for h in header if h and h not in COLUMNS]
    problems += [f"{name}:1: column '{h}' appears twice" for i, h in enumerate(header) if h in header[:i]]
    if problems:
        raise ImportProblems(problems)
    entries: dict[str, Entry] = {}
    firsts: dict[tuple[str, str], tuple[int, str]] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # Excel leaves empty rows behind
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            problems.append(f"{name}:{number}: {len(cells)} cells but {len(header)} columns; "
                            "a cell may hold an unquoted separator")
            continue
        row = {h: _uncell(cells[i]) if i < len(cells) else "" for i, h in enumerate(header)}
        problems += _row(row, number, name, entries, firsts, header)
    for entry in entries.values():
        problems += _complete(entry, name)
    if problems:
        raise ImportProblems(problems)
    return list(entries.values())


def _row(row: dict[str, str], n: int, name: str, entries: dict[str, Entry],
         firsts: dict[tuple[str, str], tuple[int, str]], header: list[str]) -> list[str]:
    out: list[str] = []
    cid, lang, text = row["id"], row["lang"], row["designation"]
    where = f"{name}:{n}:"
    if not _ID.match(cid):
        return [f"{where} id '{cid}' is not valid: use lowercase letters, digits and single hyphens"]
    if lang not in LANGS:
        out.append(f"{where} lang '{lang}' is not one of {', '.join(LANGS)}")
    if not text.strip():
        out.append(f"{where} designation is empty; fill it in or delete the row")
    elif text != text.strip():
        out.append(f"{where} designation '{text}' has spaces at the start or end; remove them")
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
    for col in (*CONCEPT_COLUMNS, "definition"):
        if col not in header:
            continue
        slot = (cid, col if col != "definition" else f"definition/{lang}")
        seen = firsts.setdefault(slot, (n, row[col]))
        if seen[1] != row[col]:
            what = "of the same concept" if col != "definition" else f"of the same concept in {lang}"
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
    return []


def _complete(entry: Entry, name: str) -> list[str]:
    out = []
    for lang, items in entry.fields.get("terms", {}).items():
        if not any(d["status"] == "preferred" for d in items):
            out.append(f"{name}:{entry.line}: concept '{entry.id}' has no preferred designation in {lang}; "
                       "mark one row term_status preferred")
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
