"""The glossary as one Markdown document, ordered by pinyin, stamped with its version."""
from __future__ import annotations

from aftersales_std.chinese import pinyin_initial
from aftersales_std.model import LANGS, Concept, Glossary

STATUS_ZH = {"preferred": "首选", "admitted": "许用", "deprecated": "拒用"}
LANG_NAMES = {"zh-Hans": "简体", "zh-Hant": "繁體", "en": "English"}


def to_markdown(glossary: Glossary) -> bytes:
    langs = [lang for lang in LANGS if lang in glossary.languages]
    name = glossary.name
    out = [f"# {name.get('zh-Hans')} / {name.get('en')}", "",
           f"版本 Version {glossary.version}" + (f" · 发布 released {glossary.released}" if glossary.released else "")
           + f" · {len(glossary.concepts)} 条术语 concepts", ""]
    if glossary.description:
        out += [glossary.description.get("zh-Hans"), ""]
    letter = None
    for concept in glossary.by_pinyin():
        initial = pinyin_initial(concept.term)
        if initial != letter:
            letter = initial
            out += [f"## {letter}", ""]
        out += _concept(concept, langs, glossary)
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


def _concept(c: Concept, langs: list[str], glossary: Glossary) -> list[str]:
    en = c.designations("en", "preferred")
    out = [f'### {c.term}{" / " + en[0].text if en else ""} <a id="{c.id}"></a>', ""]
    meta = f"`{c.id}` · {c.pinyin} · 领域 {c.domain}"
    if c.status != "valid":
        meta += f" · **{c.status}**"
    if c.replaced_by:
        target = glossary.get(c.replaced_by)
        meta += f" → [{target.term if target else c.replaced_by}](#{c.replaced_by})"
    out += [meta, ""]
    for lang in langs:
        items = c.terms.get(lang, ())
        if items:
            terms = "；".join(f"{'**' + d.text + '**' if d.status == 'preferred' else d.text}"
                             f"（{STATUS_ZH[d.status]}）" for d in items)
            out.append(f"- {LANG_NAMES[lang]}：{terms}")
    out.append("")
    for lang in langs:
        text = c.definition.texts.get(lang)
        if text and not (lang == "zh-Hant" and text.derived):
            out += [f"{LANG_NAMES[lang]}：{text.value}", ""]
    return out
