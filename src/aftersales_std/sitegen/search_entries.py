"""Search-index entries for concept pages, written from the model instead of parsed from the HTML.

Concept pages are excluded from Material's own indexing (front matter `search: exclude`): parsing
thousands of rendered pages was a third of the build time, and the index needs only what finds a
concept: its names in every script and language (deprecated ones too), its domain and its definition.
The entries have the shape Material's search reads: {location, title, text, tags}; title, text and
tags are HTML (Material shows them with innerHTML), so they are escaped here; Chinese runs are cut
into words with jieba and joined with U+200B, as Material does.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping

from aftersales_std.model import Concept
from aftersales_std.sitegen.concept import search_tags
from aftersales_std.sitegen.search_index import clean
from aftersales_std.sitegen.context import LANG_LABEL, STATUS, SiteContext, concept_path

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
Cutter = Callable[[str], Iterable[str]]


def _default_cut(text: str) -> Iterable[str]:
    import jieba

    return jieba.cut(text)


def segment(text: str, cut: Cutter = _default_cut) -> str:
    """Material's segmentation: every run of Han characters cut into words separated by U+200B."""
    return clean(_HAN.sub(lambda m: "\u200b" + "\u200b".join(cut(m.group(0))) + "\u200b", text))


def concept_text(concept: Concept, pinyin: str | None = None) -> str:
    """What search needs to find a concept, as plain text (not yet escaped)."""
    parts = []
    for lang in ("zh-Hans", "zh-Hant", "en"):
        names = [d.text for d in concept.designations(lang) if d.status != "deprecated"]
        if names:
            parts.append(f"{LANG_LABEL[lang]} {'；'.join(dict.fromkeys(names))}")
    parts.append(f"拼音 {pinyin or concept.pinyin} 领域 {concept.domain}")
    if concept.status != "valid":
        parts.append(STATUS.get(concept.status, concept.status))
    deprecated = dict.fromkeys(d.text for lang in concept.terms for d in concept.designations(lang, "deprecated"))
    if deprecated:
        parts.append(f"不要使用 {'、'.join(deprecated)} → 请用 {concept.term}")
    for lang in ("zh-Hans", "zh-Hant", "en"):
        text = concept.definition.text(lang)
        if text is not None and not text.derived:
            parts.append(text.value)
    return " ".join(parts)


def _memo(cut: Cutter) -> Cutter:
    done: dict[str, list[str]] = {}

    def cached(text: str) -> list[str]:
        words = done.get(text)
        if words is None:
            words = done[text] = list(cut(text))
        return words
    return cached


def concept_entries(ctx: SiteContext, urls: Mapping[str, str], cut: Cutter = _default_cut) -> list[dict[str, object]]:
    """One entry per concept page; urls maps a page's source path to its URL in the built site."""
    entries: list[dict[str, object]] = []
    cut = _memo(cut)  # labels, pinyin syllables, domains and names recur: cut each run once
    for concept in ctx.model.glossary.concepts:
        location = urls.get(concept_path(concept.id))
        if location is None:
            continue
        entry: dict[str, object] = {
            "location": location,
            "title": segment(html.escape(concept.term, quote=False), cut),
            "text": segment(html.escape(concept_text(concept, ctx.pinyin(concept)), quote=False), cut),
        }
        tags = search_tags(concept)
        if tags:
            entry["tags"] = tags
        entries.append(entry)
    return entries
