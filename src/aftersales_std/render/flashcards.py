"""Flashcards as CSV that Anki imports: file headers tell Anki the separator, HTML, GUID, tags and deck.

One note per concept: front = preferred term (and pinyin), back = definition, English term, example.
The GUID column (aftersales:<concept id>:<edition>) makes a re-import update the notes instead of
duplicating. A regional edition (zh-Hant-TW, zh-Hant-HK) has GUIDs and a deck name of its own, so importing
the Taiwan deck does not overwrite the Hong Kong one; its pinyin is read from the term it shows (保固卡:
bǎo gù kǎ) and its tags are converted like the rest of its text.
"""
from __future__ import annotations

import csv
import html
import io
from pathlib import Path
from typing import Callable

from aftersales_std.chinese import pinyin_display, to_simplified, to_traditional
from aftersales_std.model import Model

# the deck name of a regional edition: the glossary's name and the region, in the region's words
REGION_DECK = {"zh-Hant-TW": "（台灣）", "zh-Hant-HK": "（香港）"}


def flashcard_rows(model: Model, lang: str, post: Callable[[str], str] | None = None,
                   edition: str | None = None) -> list[list[str]]:
    """`post` is the edition's last pass over its text (a regional edition's designations and words);
    `edition` its tag (zh-Hant-TW), which names its GUIDs (the content language `lang` when not given)."""
    post = post or (lambda text: text)
    edition = edition or lang
    hant = lang.startswith("zh-Hant")
    rows = []
    for c in model.glossary.by_pinyin():
        if c.status not in ("valid", "draft"):
            continue
        term = c.preferred(lang).text
        shown = post(term)
        front = html.escape(shown)
        if lang != "en":  # the pinyin of the term shown (保固卡 in Taiwan), not of the zh-Hans term
            reading = c.pinyin if shown == c.preferred("zh-Hans").text else pinyin_display(to_simplified(shown))
            front += f"<br><small>{html.escape(reading)}</small>"
        back = [html.escape(c.definition.get(lang) or c.definition.get("zh-Hans"))]
        other = c.preferred("en" if lang != "en" else "zh-Hans").text
        if other and other != term:
            back.append(f"<i>{html.escape(other)}</i>")
        back += [f"<small>{html.escape(e)}</small>" for e in c.examples.get(lang)[:1]]
        words = [c.domain, *c.tags]
        if hant:  # tags in the edition's words and characters, like the cards
            words = [post(to_traditional(t, model.opencc)) for t in words if t]
        tags = " ".join(dict.fromkeys(t.replace(" ", "_") for t in ("aftersales", *words) if t))
        rows.append([f"aftersales:{c.id}:{edition}", no_formula(front), no_formula(post("<br>".join(back))), tags])
    return rows


_FORMULA_START = {"=": "&#61;", "+": "&#43;", "-": "&#45;", "@": "&#64;", "\t": "&#9;", "\r": "&#13;"}


def no_formula(cell: str) -> str:
    """A spreadsheet opening the CSV must not read a cell as a formula (OWASP CSV injection): the cells
    are HTML for Anki, so a leading = + - @ tab or CR becomes its character reference, which Anki shows
    as the character and Excel or LibreOffice show as text. (GUID and tag cells start with 'aftersales'.)"""
    first = cell[:1]
    return _FORMULA_START[first] + cell[1:] if first in _FORMULA_START else cell


def flashcards_csv(model: Model, lang: str, post: Callable[[str], str] | None = None,
                   edition: str | None = None) -> str:
    name = model.glossary.name.get(lang) or model.glossary.name.get("zh-Hans")
    if lang.startswith("zh-Hant"):
        name = (post or (lambda text: text))(name) + REGION_DECK.get(edition or "", "")
    buffer = io.StringIO()
    buffer.write("#separator:Comma\n#html:true\n#guid column:1\n#tags column:4\n")
    buffer.write(f"#deck:{name}\n#columns:GUID,Front,Back,Tags\n")
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(flashcard_rows(model, lang, post, edition))
    return buffer.getvalue()


def write_flashcards(model: Model, lang: str, path: Path, post: Callable[[str], str] | None = None,
                     edition: str | None = None) -> Path:
    path.write_text(flashcards_csv(model, lang, post, edition), encoding="utf-8", newline="")
    return path
