"""Regional editions of a built page, for the 繁體（台灣）/ 繁體（香港）choice: the whole page, not only the article.

An edition is the page's Chinese converted phrase by phrase (OpenCC s2twp for Taiwan, s2hk for Hong
Kong) and then given the glossary's designations for the region and 「」 quotation marks (the same last
pass as the documents' regional editions, render.regional.Regional): 售後保固 in Taiwan, not 售後保修.

It holds
- `article`: the article as HTML, converted, with empty placeholders for the language panels
  (`.tabbed-block[lang]`), which are written in their own script already and are copied in from the
  page as written;
- `text`: every piece of Chinese text outside the article (header, navigation, search box and dialog,
  footer, the page title, labels and names such as aria-label, placeholder, title) and every Chinese
  string of the site script, mapped to its regional form where that differs;
- `translations`: Material's interface texts (the search dialog's messages) for the region.

Editions are written next to the page as small scripts (`index.zh-Hant-TW.js`) that the site script
loads only when a reader chooses 繁體: the default page carries nothing extra, and a script file loads
from file:// as well as from a server.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from aftersales_std.chinese import to_traditional
from aftersales_std.model import Concept, Model
from aftersales_std.render.regional import Regional

REGIONS = {"zh-Hant-TW": ("s2twp", "TW"), "zh-Hant-HK": ("s2hk", "HK")}
_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset"(?: lang="[^"]*")?>)(.*?)(</article>)', re.S)
_KEEP = re.compile(r'<div class="tabbed-block" lang="[^"]+">.*?</div>', re.S)
_LABEL = re.compile(r'<label [^>]*\blang="[^"]+"[^>]*>.*?</label>', re.S)
_H1 = re.compile(r'<h1 id="term">.*?</h1>', re.S)
_CJK = re.compile(r"[\u3400-\u9fff]")
_SKIP = re.compile(r"<(script|style|svg|template)\b.*?</\1>", re.S)
_TEXT = re.compile(r">([^<>]+)<")
_ATTR = re.compile(r'\s(?:placeholder|aria-label|title|alt)="([^"]*)"')
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
_JS_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def regional_term(concept: Concept, lang: str) -> str:
    config, region = REGIONS[lang]
    own = [d for d in concept.designations("zh-Hant", "preferred") if d.region == region and not d.derived]
    own = own or [d for d in concept.designations("zh-Hant") if d.region == region and d.status != "deprecated"]
    return own[0].text if own else to_traditional(concept.term, config)


@dataclass
class Converter:
    """zh-Hans text -> the region's text: phrase-level OpenCC, then the glossary's regional designations."""

    model: Model | None
    lang: str
    _cache: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._regional = Regional(self.model, self.lang) if self.model is not None else None

    def __call__(self, text: str) -> str:
        if not _CJK.search(text):
            return text
        out = self._cache.get(text)
        if out is None:
            out = to_traditional(text, REGIONS[self.lang][0])
            if self._regional is not None:
                out = self._regional.apply(out)
            self._cache[text] = out
        return out


def converters(model: Model | None) -> dict[str, Converter]:
    return {lang: Converter(model, lang) for lang in REGIONS}


def _convert_outside_labels(html_text: str, convert: Converter) -> str:
    """Tab labels name their language in its own script (繁體（台灣）): kept as written, and so the
    chosen tab, remembered by its label, stays chosen in every edition."""
    out, last = [], 0
    for m in _LABEL.finditer(html_text):
        out.append(convert(html_text[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(convert(html_text[last:]))
    return "".join(out)


def convert_article(body: str, convert: Converter) -> str:
    """The article HTML converted, except the language panels, which become numbered placeholders."""
    out, last = [], 0
    convert_part = lambda part: _convert_outside_labels(part, convert)  # noqa: E731
    for n, m in enumerate(_KEEP.finditer(body)):
        out.append(convert_part(body[last:m.start()]))
        # not repeated: the site script copies the n-th panel in from the article as written
        out.append(m.group(0)[: m.group(0).index(">") + 1].replace("<div ", f'<div data-as-keep="{n}" ', 1) + "</div>")
        last = m.end()
    out.append(convert_part(body[last:]))
    return "".join(out)


def script_strings(script: str) -> list[str]:
    """The Chinese string literals of the site script (its notes, labels and names)."""
    return [json.loads(f'"{s}"') for s in _JS_STRING.findall(script) if _CJK.search(s)]


def page_texts(output: str) -> set[str]:
    """Chinese text of the page outside the article: text between tags and names in attributes, trimmed."""
    m = _ARTICLE.search(output)
    rest = output[:m.start()] + output[m.end():] if m else output
    rest = _SKIP.sub("", rest)
    found = set()
    for pattern in (_TEXT, _ATTR):
        for value in pattern.findall(rest):
            value = html.unescape(value).strip()
            if value and _CJK.search(value):
                found.add(value)
    title = re.search(r"<title>(.*?)</title>", output, re.S)
    if title:
        found.add(html.unescape(title.group(1)).strip())
    return found


def editions(output: str, convs: dict[str, Converter], concept: Concept | None = None,
             extra: tuple[str, ...] = (), *, article: bool = True) -> dict[str, str]:
    """lang -> the edition script of this page: `window.__asEdition && __asEdition({...})`. With
    article=False (a page in English) only the texts around the article change."""
    m = _ARTICLE.search(output) if article else None
    texts = page_texts(output) | set(extra)
    config = _CONFIG.search(output)
    translations: dict[str, str] = {}
    if config:
        try:
            translations = json.loads(config.group(1)).get("translations") or {}
        except ValueError:
            translations = {}
    out = {}
    for lang, convert in convs.items():
        text = {}
        term = regional_term(concept, lang) if concept is not None else None
        for value in sorted(texts):
            converted = convert(value)
            if concept is not None and term is not None:
                converted = converted.replace(convert(concept.term), term)
            if converted != value:
                text[value] = converted
        data = {
            "lang": lang,
            "text": text,
            "translations": {k: convert(v) for k, v in translations.items() if isinstance(v, str)},
        }
        if m is not None:
            article = convert_article(m.group(2), convert)
            if term is not None:
                article = _H1.sub(lambda _: f'<h1 id="term">{_escape(term)}</h1>', article, count=1)
            data["article"] = article
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        out[lang] = f"window.__asEdition&&window.__asEdition({payload});\n"
    return out


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# every word search_glossary._label and the page names can put in a result's label
SEARCH_LABEL_WORDS = ("简体", "繁體", "English", "台湾", "香港", "缩写", "许用", "不要使用", "俗称", "页面")


def search_editions(docs: list[dict[str, object]], concepts: dict[str, Concept],
                    convs: dict[str, Converter]) -> dict[str, str]:
    """lang -> a script with the search results' titles and snippets in the region's words
    ({url: [title, snippet]}), loaded by the site script when search opens in a 繁體 edition."""
    out = {}
    for lang, convert in convs.items():
        entries = {}
        for doc in docs:
            url, title, snippet = str(doc["u"]), str(doc["t"]), str(doc["s"])
            if doc.get("st"):
                snippet = f"【{doc['st']}】{snippet}"
            concept = concepts.get(url)
            entries[url] = [regional_term(concept, lang) if concept is not None else convert(title), convert(snippet)]
        payload = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
        # the words of the "name that matched" label (简体·许用, 俗称, 台湾...) in the region's script
        labels = {w: convert(w) for w in SEARCH_LABEL_WORDS if convert(w) != w}
        words = json.dumps(labels, ensure_ascii=False, separators=(",", ":"))
        out[lang] = f"window.__asSearchEdition&&window.__asSearchEdition({json.dumps(lang)},{payload},{words});\n"
    return out
