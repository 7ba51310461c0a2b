"""The site's own search index: every designation of every concept as a field with its own weight.

Material's lunr index ranks by term frequency over page text, which cannot put the concept named
exactly first, knows no pinyin and no typo tolerance. This index is precomputed from the model and read
by a small worker (sitegen/assets/search-worker.js) that speaks Material's worker protocol, so
Material's search dialog, keyboard handling and result list stay as they are.

Shape (compact JSON, UTF-8):
  docs:  [{u: url, t: title, s: snippet, x: text for everyday questions, k: "c" concept | "p" page,
          z: the concept's situations (zh-Hans, then the written Taiwan/Hong Kong wordings),
          e: [English situations, English definition and notes] (their own field for English questions),
          b: the places in docs of the concept's broader concepts (absent when it has none)}]
  names: [[doc, designation, weight, label, toneless pinyin syllables joined by spaces]]
  t2s:   traditional -> simplified characters, as pairs in one string (queries are folded to zh-Hans)
  py:    {toneless syllable: characters with that reading} for homophone tolerance
The worker folds names and queries the same way (NFKC, lower case, t2s, no spaces or punctuation).
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from aftersales_std.model import Concept, Designation
from aftersales_std.sitegen.context import LANG_LABEL, STATUS, SiteContext, concept_path

# Field weights: an exact match of a preferred term outranks the same text as an admitted or
# deprecated name of another concept; everyday words rank below every designation.
WEIGHT = {"preferred": 1.0, "admitted": 0.96, "deprecated": 0.93}
SYNONYM_WEIGHT = 0.6  # below every designation; also a situation of its concept (the worker)
PAGE_WEIGHT = 0.7
SNIPPET = 110  # characters of the definition shown under a result
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
REGION = {"TW": "台湾", "HK": "香港"}


def _label(d: Designation) -> str:
    parts = [LANG_LABEL[d.lang] if d.lang != "zh-Hans" else "简体"]
    if d.region:
        parts.append(REGION.get(d.region, d.region))
    if d.abbreviation:
        parts.append("缩写")
    if d.status != "preferred":
        parts.append({"admitted": "许用", "deprecated": "不要使用"}[d.status])
    return "·".join(parts)


@cache
def syllables(text: str) -> str:
    """Toneless pinyin of the Han characters of a designation ('' when it has none)."""
    if not _HAN.search(text):
        return ""
    from pypinyin import Style, lazy_pinyin

    out = []
    for part in lazy_pinyin(text, style=Style.NORMAL, errors="default"):
        part = part.strip().lower()
        if part and re.fullmatch(r"[a-z0-9]+", part):
            out.append(part)
        elif part:  # a run of Latin letters or digits kept as one token (SN码 -> sn ma)
            out.extend(t for t in re.split(r"[^a-z0-9]+", part) if t)
    return " ".join(out)


def _snippet(text: str) -> str:
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def concept_doc(concept: Concept, url: str, synonyms: Sequence[str]) -> tuple[dict[str, object], list[list[object]]]:
    definition = concept.definition.text("zh-Hans")
    english = concept.definition.text("en")
    text = [definition.value if definition else ""]
    text += list(concept.examples.get("zh-Hans"))
    text += [p.text for p in concept.approved] + [p.text for p in concept.avoid]
    text += list(concept.notes.get("zh-Hans"))  # the notes say when and how the concept applies
    text += [d.usage_note for d in concept.designations("zh-Hans") if d.usage_note]
    text += list(synonyms)  # the English definition is in "e" below
    doc: dict[str, object] = {"u": url, "t": concept.term, "s": _snippet(definition.value if definition else ""),
                              "x": " ".join(text), "k": "c"}
    situations = list(concept.situations.get("zh-Hans"))
    situations += [t.value for t in concept.situations.items.get("zh-Hant", ()) if not t.derived]
    if situations:
        doc["z"] = situations
    english_text = [english.value] if english is not None and not english.derived else []
    if concept.situations.get("en") or english_text:
        doc["e"] = [list(concept.situations.get("en")), " ".join(english_text)]
    if concept.status != "valid":
        doc["st"] = STATUS.get(concept.status, concept.status)
    names: list[list[object]] = []
    seen: set[str] = set()
    for lang in ("zh-Hans", "zh-Hant", "en"):
        for d in concept.designations(lang):
            key = d.text.casefold()
            if key in seen:
                continue
            seen.add(key)
            names.append([d.text, WEIGHT[d.status], _label(d), syllables(d.text)])
    for word in synonyms:
        if word.casefold() not in seen:
            seen.add(word.casefold())
            names.append([word, SYNONYM_WEIGHT, "俗称", syllables(word)])
    return doc, names


@cache
def char_tables() -> tuple[str, dict[str, str]]:
    """(traditional->simplified pairs, {syllable: characters}) for the 6,763 GB 2312 characters."""
    from pypinyin import Style, pinyin

    from aftersales_std.chinese import to_traditional

    chars = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    pairs: dict[str, str] = {}
    for ch in chars:
        for config in ("s2t", "s2tw", "s2hk"):
            t = to_traditional(ch, config)
            if len(t) == 1 and t != ch:
                pairs.setdefault(t, ch)
    readings: dict[str, list[str]] = {}
    for ch in chars:
        for syllable in dict.fromkeys(pinyin(ch, style=Style.NORMAL, heteronym=True)[0]):
            readings.setdefault(syllable, []).append(ch)
    return "".join(t + s for t, s in pairs.items()), {k: "".join(v) for k, v in sorted(readings.items())}


def build_index(ctx: SiteContext, urls: Mapping[str, str], pages: Sequence[tuple[str, str, str]] = (),
                synonyms: Mapping[str, Sequence[str]] | None = None) -> dict[str, object]:
    """The index for concept pages (urls maps a page source to its URL) and other pages given as
    (url, title, text) triples."""
    synonyms = synonyms or {}
    docs: list[dict[str, object]] = []
    names: list[list[object]] = []
    at: dict[str, int] = {}
    broader: list[tuple[dict[str, object], list[str]]] = []
    for concept in ctx.model.glossary.concepts:
        url = urls.get(concept_path(concept.id))
        if url is None:
            continue
        doc, own = concept_doc(concept, url, synonyms.get(concept.id, ()))
        for name in own:
            names.append([len(docs), *name])
        at[concept.id] = len(docs)
        broader.append((doc, [r.ref for r in concept.related if r.type == "broader"]))
        docs.append(doc)
    for doc, refs in broader:  # the broader concepts, by their place in docs (the worker ranks narrower first)
        if [at[r] for r in refs if r in at]:
            doc["b"] = [at[r] for r in refs if r in at]
    for url, title, text in pages:
        names.append([len(docs), title, PAGE_WEIGHT, "页面", syllables(title)])
        docs.append({"u": url, "t": title, "s": _snippet(text), "x": text, "k": "p"})
    t2s, py = char_tables()
    return {"v": 1, "docs": docs, "names": names, "t2s": t2s, "py": py}


def dumps(index: Mapping[str, object]) -> bytes:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


ASSETS_WORKER = Path(__file__).parent / "assets" / "search-worker.js"
LUNR_PIECES = (("lunr.stemmer = (function(){", "lunr.Pipeline.registerFunction(lunr.stemmer, 'stemmer')"),
               ("lunr.generateStopWordFilter = function", "lunr.Pipeline.registerFunction(lunr.stopWordFilter,"))


@cache
def english_helpers() -> str:
    """lunr's Porter stemmer and English stop-word list (MIT, the copy MkDocs ships for its own search),
    cut out of lunr.js: English questions are matched stem to stem without shipping all of lunr."""
    import mkdocs.contrib.search as mkdocs_search

    source = (Path(mkdocs_search.__file__).parent / "templates" / "search" / "lunr.js").read_text(encoding="utf-8")
    header = source[: source.index("*/") + 2] if source.startswith("/**") else ""
    parts = [header, "var lunr = {};"]
    for start, end in LUNR_PIECES:
        a = source.find(start)
        b = source.find(end, a)
        if a < 0 or b < 0:  # another lunr layout: ship it whole rather than guess
            return source + "\n"
        parts.append(source[a:b])
    return "\n".join(parts) + "\n"


def worker_script(worker: str) -> str:
    """The search worker as shipped: our worker, then lunr's English helpers (after it, so that its
    "use strict" stays the script's first statement; the worker calls them only once a query comes)."""
    return worker.rstrip("\n") + "\n\n" + english_helpers()
