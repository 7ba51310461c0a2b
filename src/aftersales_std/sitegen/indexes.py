"""Home summary, the index by pinyin initial, the index by domain and the standards list.

The two indexes list every concept: like concept pages they are written as HTML (sitegen.htmlout),
exactly what their Markdown rendered to, and skip Python-Markdown.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache

from pypinyin import Style, lazy_pinyin

from aftersales_std.chinese import pinyin_initial
from aftersales_std.model import Concept
from aftersales_std.sitegen import htmlout as ht
from aftersales_std.sitegen import markup as md
from aftersales_std.sitegen.context import (
    CHANGELOG, DOMAIN_INDEX, DOWNLOADS, PINYIN_INDEX, RULES, STANDARDS_INDEX, STATUS, SiteContext, concept_path,
    rel, standard_path,
)

SUMMARY_MARKER = "<!-- aftersales:summary -->"
# Python-Markdown's toc gave the untitled h1 of a Chinese-titled page this id: kept so that the HTML stays the same.
H1_ID = "_1"
NO_SEARCH = {"search": {"exclude": True}}


@cache
def domain_anchor(domain: str) -> str:
    slug = "-".join(lazy_pinyin(domain, style=Style.NORMAL, errors="default")).lower()
    return "domain-" + (re.sub(r"[^a-z0-9]+", "-", slug).strip("-") or "x")


def _entry(concept: Concept, page: str, ctx: SiteContext) -> str:
    """One index line as HTML."""
    en = concept.designations("en", "preferred")
    extra = " · ".join(x for x in (md.text(en[0].text) if en else "", md.text(ctx.pinyin(concept))) if x)
    status = "" if concept.status == "valid" else f"（{STATUS.get(concept.status, concept.status)}）"
    return ht.link(concept.term, rel(page, concept_path(concept.id))) + status + (f" — {extra}" if extra else "")


def summary(ctx: SiteContext, page: str = "index.md") -> str:
    """The generated facts of the home page: version, counts and where to go next."""
    g = ctx.model.glossary
    statuses = Counter(c.status for c in g.concepts)
    domains = {c.domain for c in g.concepts}
    released = f"，发布于 {md.text(g.released)}" if g.released else ""
    counts = "，".join(f"{STATUS.get(s, s)} {n} 条" for s, n in sorted(statuses.items()))
    rows = [
        ["术语库版本", f"**{md.text(g.version)}**{released}"],
        ["概念", f"{len(g.concepts)} 个（{counts or '无'}），分属 {len(domains)} 个领域"],
        ["服务规范", f"{len(ctx.model.standards)} 项"],
        ["措辞规则", f"{len(ctx.model.rules)} 条"],
        ["语言", "、".join(md.text(lang) for lang in g.languages)],
    ]
    links = [
        md.link("按拼音查找", rel(page, PINYIN_INDEX)), md.link("按领域查找", rel(page, DOMAIN_INDEX)),
        md.link("服务规范", rel(page, STANDARDS_INDEX)), md.link("措辞规则", rel(page, RULES)),
        md.link("更新记录", rel(page, CHANGELOG)), md.link("下载术语表", rel(page, DOWNLOADS)),
    ]
    return md.table(["项目", "内容"], rows) + " · ".join(links) + "\n\n"


def fill_markers(markdown: str, ctx: SiteContext, page: str = "index.md") -> str:
    """Replace the summary marker of a hand-written page with the generated summary."""
    return markdown.replace(SUMMARY_MARKER, summary(ctx, page)) if SUMMARY_MARKER in markdown else markdown


def default_home(ctx: SiteContext) -> str:
    """Used when site/index.md is missing."""
    name = ctx.model.glossary.name.get("zh-Hans")
    return f"# {md.text(name)}\n\n{SUMMARY_MARKER}\n"


def pinyin_index(ctx: SiteContext) -> str:
    """Every designation (preferred, admitted, deprecated, regional, abbreviations, English) by its
    pinyin or Latin initial, each pointing to its concept: agents look up the word they heard."""
    from aftersales_std.chinese import pinyin_sort_key

    page = PINYIN_INDEX
    groups: dict[str, list[tuple[str, str, Concept, str]]] = defaultdict(list)
    for concept in ctx.by_pinyin:
        seen: set[str] = set()
        for lang in ("zh-Hans", "zh-Hant", "en"):
            for d in concept.designations(lang):
                if d.text in seen or (d.derived and lang == "zh-Hant"):
                    continue
                seen.add(d.text)
                note = [] if d.status == "preferred" else [{"admitted": "许用", "deprecated": "不要使用"}[d.status]]
                if d.region:
                    note.append({"TW": "台湾", "HK": "香港"}.get(d.region, d.region))
                groups[pinyin_initial(d.text)].append((pinyin_sort_key(d.text.casefold()), d.text, concept, "，".join(note)))
    letters = sorted(groups, key=lambda x: (x == "#", x))
    out = [md.front_matter(title="按拼音索引", **NO_SEARCH), ht.heading(1, "按拼音索引", H1_ID),
           ht.para("收录每个概念的全部叫法（首选、许用、不要使用、台湾和香港用语、缩写、英文），按拼音或字母排列，"
                   "箭头后是应使用的首选术语。"),
           f'<nav class="as-letters" aria-label="字母索引">'
           + " ".join(f'<a href="#{_letter_anchor(x)}">{x if x != "#" else "其他"}</a>' for x in letters) + "</nav>\n"]
    for x in letters:
        out.append(ht.heading(2, x if x != "#" else "其他", _letter_anchor(x)))
        out.append(ht.bullets(_designation_entry(text, concept, note, page, ctx)
                              for _, text, concept, note in sorted(groups[x], key=lambda e: e[0])))
    return "".join(out)


def _designation_entry(text: str, concept: Concept, note: str, page: str, ctx: SiteContext) -> str:
    target = rel(page, concept_path(concept.id))
    if text == concept.term:
        return _entry(concept, page, ctx)
    shown = f"<del>{md.text(text)}</del>" if "不要使用" in note else md.text(text)
    return f"{shown}{f'（{note}）' if note else ''} → " + ht.link(concept.term, target)


def _letter_anchor(letter: str) -> str:
    return f"letter-{letter.lower() if letter != '#' else 'other'}"


def domain_index(ctx: SiteContext) -> str:
    page = DOMAIN_INDEX
    groups: dict[str, list[Concept]] = defaultdict(list)
    for concept in ctx.by_pinyin:
        groups[concept.domain].append(concept)
    domains = sorted(groups, key=lambda d: lazy_pinyin(d))
    out = [md.front_matter(title="按领域索引", **NO_SEARCH), ht.heading(1, "按领域索引", H1_ID),
           ht.bullets(f'<a href="#{domain_anchor(d)}">{md.text(d)}</a>（{len(groups[d])}）' for d in domains)]
    for d in domains:
        out.append(ht.heading(2, d, domain_anchor(d)))
        out.append(ht.bullets(_entry(c, page, ctx) for c in groups[d]))
    return "".join(out)


def standards_index(ctx: SiteContext) -> str:
    page = STANDARDS_INDEX
    rows = [[md.text(s.code or ""), md.link(s.title.get("zh-Hans"), rel(page, standard_path(s.id))),
             md.text(s.version), STATUS.get(s.status, md.text(s.status)), md.text(s.effective_date or "")]
            for s in sorted(ctx.model.standards, key=lambda s: (s.code or "", s.id))]
    body = md.table(["编号", "名称", "版本", "状态", "生效日期"], rows) or "暂无服务规范。\n"
    return md.front_matter(title="服务规范", **NO_SEARCH) + "# 服务规范\n\n" + body
