"""Regional editions of a built page: the article in zh-Hant-TW and zh-Hant-HK, for the 繁體 choice.

Every page carries its article converted phrase by phrase (OpenCC s2twp for Taiwan, s2hk for Hong
Kong) in two inert <template> elements; the site script swaps the article when the reader chooses
繁體（台灣）or 繁體（香港）, and remembers the choice. The 简体 and English tabs stay as written (the templates hold an empty placeholder for them), and a
concept's heading becomes the region's own preferred term (售後保固 in Taiwan, not 售後保修).
"""
from __future__ import annotations

import re

from aftersales_std.chinese import to_traditional
from aftersales_std.model import Concept

REGIONS = {"zh-Hant-TW": ("s2twp", "TW"), "zh-Hant-HK": ("s2hk", "HK")}
_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)
_KEEP = re.compile(r'<div class="tabbed-block" lang="(?:zh-Hans|en)">.*?</div>', re.S)
_H1 = re.compile(r'<h1 id="term">.*?</h1>', re.S)


def regional_term(concept: Concept, lang: str) -> str:
    config, region = REGIONS[lang]
    own = [d for d in concept.designations("zh-Hant", "preferred") if d.region == region and not d.derived]
    own = own or [d for d in concept.designations("zh-Hant") if d.region == region and d.status != "deprecated"]
    return own[0].text if own else to_traditional(concept.term, config)


def convert(html: str, lang: str) -> str:
    """The HTML with its Chinese converted for the region, except the zh-Hans and English tab panels."""
    config = REGIONS[lang][0]
    out, last = [], 0
    for n, m in enumerate(_KEEP.finditer(html)):
        out.append(to_traditional(html[last:m.start()], config))
        # not repeated: the site script copies the n-th kept panel from the article as written
        out.append(m.group(0)[: m.group(0).index(">") + 1].replace("<div ", f'<div data-as-keep="{n}" ', 1) + "</div>")
        last = m.end()
    out.append(to_traditional(html[last:], config))
    return "".join(out)


def with_regional_editions(output: str, concept: Concept | None = None) -> str:
    m = _ARTICLE.search(output)
    if m is None:
        return output
    body = m.group(2)
    templates = []
    for lang in REGIONS:
        converted = convert(body, lang)
        if concept is not None:
            converted = _H1.sub(lambda _: f'<h1 id="term">{_escape(regional_term(concept, lang))}</h1>', converted, count=1)
        templates.append(f'<template class="as-edition" data-lang="{lang}">{converted}</template>')
    return output[:m.end()] + "".join(templates) + output[m.end():]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
