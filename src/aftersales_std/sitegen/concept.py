"""One page per concept: terms in zh-Hans, zh-Hant and English, definition, phrasing, use, history.

The page body is HTML (sitegen.htmlout), exactly what the same page written in Markdown rendered to:
the MkDocs plugin skips Python-Markdown for it (see `context.prerendered`), which halves the build time.
"""
from __future__ import annotations

from collections.abc import Callable

from aftersales_std.model import Concept, Designation, Phrase
from aftersales_std.sitegen import htmlout as ht
from aftersales_std.sitegen import markup as md
from aftersales_std.sitegen.context import (
    DOMAIN_INDEX, LANG_LABEL, RULES, STATUS, TERM_STATUS, SiteContext, clause_anchor, concept_path, rel,
    standard_path,
)

RELATION = {"broader": "上位概念", "narrower": "下位概念", "see": "参见", "supersedes": "取代"}
CHANGE = {"added": "新增", "revised": "修订", "deprecated": "弃用", "retired": "停用"}
SOURCE_RELATION = {"identical": "等同", "modified": "修改", "related": "相关"}


def concept_page(concept: Concept, ctx: SiteContext) -> str:
    """Front matter, then the body as HTML with links to page sources (see sitegen.htmlout)."""
    page = concept_path(concept.id)
    g = ctx.model.glossary
    parts = [
        # Indexed from the model instead (sitegen.search_glossary): only what finds it.
        md.front_matter(title=md.attr(concept.term), search={"exclude": True}),
        ht.heading(1, concept.term, "term"),
        _copy(concept.term),
        _status_notice(concept, ctx, page),
        _terms_table(concept, ctx, page),
        _deprecated(concept),
        ht.heading(2, "定义与用法", "definition"),
        # One tab set per page: the three languages.
        md.tabs_html(1, [(label, _panel(concept, ctx, lang), tag) for label, lang, tag in PANELS]),
        _related(concept, ctx, page),
        _standards(concept, ctx, page),
        _rules(concept, ctx, page),
        _history(concept),
        _sources(concept, ctx, page),
        ht.para(f"<small>术语库版本 {md.text(g.version)} · 概念编号 {ht.code(concept.id)}</small>"),
    ]
    return "".join(parts)


def _status_notice(concept: Concept, ctx: SiteContext, page: str) -> str:
    if concept.status == "valid":
        return ""
    body = f"本概念的状态是：{ht.strong(md.text(STATUS.get(concept.status, concept.status)))}。"
    if concept.replaced_by and (target := ctx.concept(concept.replaced_by)):
        body += " 请改用 " + ht.link(target.term, rel(page, concept_path(target.id))) + "。"
    kind = "info" if concept.status == "draft" else "warning"
    return ht.admonition(kind, STATUS.get(concept.status, concept.status), ht.para(body))


def _designation_list(items: tuple[Designation, ...]) -> str:
    shown = []
    for d in items:
        label = ht.strong(md.text(d.text)) if d.status == "preferred" else md.text(d.text)
        extras = [TERM_STATUS[d.status]] if d.status != "preferred" else []
        if d.abbreviation:
            extras.append("缩写")
        if d.in_house:
            extras.append("内部用语，不对客户说")
        if d.region:
            extras.append(md.text(d.region))
        if d.usage_note:
            extras.append(md.text(d.usage_note))
        shown.append(label + (f"（{'，'.join(extras)}）" if extras else ""))
    return "；".join(shown)


def _terms_table(concept: Concept, ctx: SiteContext, page: str) -> str:
    rows = []
    for lang in ("zh-Hans", "zh-Hant", "en"):
        usable = tuple(d for d in concept.designations(lang) if d.status != "deprecated")
        if usable:
            cell = _designation_list(usable)
            if lang == "zh-Hant" and all(d.derived for d in usable):
                cell += "（由简体自动转换）"
            rows.append([LANG_LABEL[lang], cell])
    facts = [f"拼音 {ht.strong(md.text(ctx.pinyin(concept)))}",
             "领域 " + ht.link(concept.domain, rel(page, DOMAIN_INDEX) + "#" + _domain_anchor(concept.domain))]
    if concept.tags:
        facts.append("标签 " + "、".join(md.text(t) for t in concept.tags))
    facts.append(f"状态 {STATUS.get(concept.status, concept.status)}")
    return ht.table(["语种", "术语"], rows) + ht.para(" · ".join(facts))


def _deprecated(concept: Concept) -> str:
    seen: set[str] = set()
    bad = []
    for d in (d for lang in ("zh-Hans", "zh-Hant", "en") for d in concept.designations(lang, "deprecated")):
        if d.text not in seen:  # a derived zh-Hant variant often reads the same as the zh-Hans one
            seen.add(d.text)
            bad.append(d)
    if not bad:
        return ""
    lines = []
    for d in bad:
        note = f"：{md.text(d.usage_note)}" if d.usage_note else ""
        lines.append(f"<del>{md.text(d.text)}</del>（{LANG_LABEL[d.lang]}）→ 请用 "
                     f"{ht.strong(md.text(concept.preferred(d.lang).text))}{note}")
    return ht.admonition("danger", "不要使用", ht.bullets(lines))


LABELS = {"zh-Hans": ("注释", "示例", "推荐说法", "避免说法", "改说"),
          "zh-Hant-TW": ("注釋", "示例", "推薦說法", "避免說法", "改說"),
          "zh-Hant-HK": ("注釋", "示例", "推薦說法", "避免說法", "改說"),
          "en": ("Notes", "Examples", "Approved phrasing", "Avoid", "say instead")}
# The concept's situations: when an agent needs it, in the customer's words
SITUATIONS_LABEL = {"zh-Hans": "何时用到（客户可能这样说）", "zh-Hant-TW": "何時用到（客戶可能這樣說）",
                    "zh-Hant-HK": "何時用到（客戶可能這樣說）", "en": "When it comes up (what the customer says)"}
# The tabs: label, language of the content, BCP 47 tag written on the panel. Taiwan and Hong Kong text is
# the written zh-Hant where there is one, else zh-Hans converted phrase by phrase (OpenCC s2twp, s2hk).
PANELS = [("简体", "zh-Hans", "zh-Hans"), ("繁體（台灣）", "zh-Hant-TW", "zh-Hant-TW"),
          ("繁體（香港）", "zh-Hant-HK", "zh-Hant-HK"), ("English", "en", "en")]
OPENCC_REGION = {"zh-Hant-TW": "s2twp", "zh-Hant-HK": "s2hk"}


def _copy(text: str) -> str:
    value = md.h(text)
    return (f'<p class="as-term-actions"><button class="as-copy md-button" type="button" data-copy="{value}" '
            f'aria-label="复制术语：{value}">复制术语</button></p>\n')


def _regional(concept: Concept, lang: str, value: str | None, written: str | None) -> str | None:
    """Regional text: written zh-Hant when the concept has it, else zh-Hans converted for the region."""
    from aftersales_std.chinese import to_traditional

    if written is not None:
        return written
    return to_traditional(value, OPENCC_REGION[lang]) if value is not None else None


def _regional_terms(concept: Concept, lang: str) -> str:
    region = lang.rsplit("-", 1)[1]
    usable = [d for d in concept.designations("zh-Hant") if d.status != "deprecated" and d.region in (None, region)]
    own = [d for d in usable if d.region == region]
    names = list(dict.fromkeys(d.text for d in (own + [d for d in usable if d.region is None]) if not d.derived))
    if not names:
        from aftersales_std.chinese import to_traditional
        names = [to_traditional(concept.term, OPENCC_REGION[lang])]
    return f"<p class=\"as-regional-term\">術語：<strong>{md.h(names[0])}</strong>" + (
        "；" + "；".join(md.h(n) for n in names[1:]) if len(names) > 1 else "") + "</p>"


def _panel(concept: Concept, ctx: SiteContext, lang: str) -> str:
    """One language's tab: definition, notes, examples and (in Chinese) approved and avoided phrasing."""
    notes_label, examples_label, approved_label, avoid_label, instead = LABELS[lang]
    regional = lang in OPENCC_REGION
    out = [_regional_terms(concept, lang)] if regional else []
    if regional:
        hans = concept.definition.text("zh-Hans")
        written = concept.definition.text("zh-Hant")
        written_value = written.value if written is not None and not written.derived else None
        value = _regional(concept, lang, hans.value if hans else None, written_value)
        out.append(f"<p>{md.h(value)}</p>" if value else "<p>—</p>")
        if written_value is None:
            out.append(f"<p><small>本文由簡體按{'台灣' if lang.endswith('TW') else '香港'}用語自動轉換（OpenCC）。</small></p>")
    else:
        definition = concept.definition.text(lang) or concept.definition.text("zh-Hans")
        out.append(f"<p>{md.h(definition.value)}</p>" if definition else "<p>—</p>")

    def items(kind: str) -> tuple[str, ...]:
        source = getattr(concept, kind)
        if not regional:
            return source.get(lang)
        written = source.items.get("zh-Hant", ())
        if written and not all(getattr(t, "derived", False) for t in written):
            return source.get("zh-Hant")
        return tuple(to_region(v) for v in source.get("zh-Hans"))

    def to_region(value: str) -> str:
        from aftersales_std.chinese import to_traditional
        return to_traditional(value, OPENCC_REGION[lang])

    if regional:  # the zh-Hans situations in the region's words, then the written Taiwan/Hong Kong ones
        situations = tuple(dict.fromkeys([to_region(v) for v in concept.situations.get("zh-Hans")] + [
            t.value for t in concept.situations.items.get("zh-Hant", ()) if not t.derived]))
    else:
        situations = concept.situations.get(lang)
    if situations:
        out.append(f'<p><strong>{SITUATIONS_LABEL[lang]}</strong></p><ul class="as-situations">'
                   + "".join(f"<li>{md.h(v)}</li>" for v in situations) + "</ul>")
    notes = items("notes")
    if notes:
        out.append(f"<p><strong>{notes_label}</strong></p><ol>" + "".join(f"<li>{md.h(n)}</li>" for n in notes) + "</ol>")
    examples = items("examples")
    if examples:
        out.append(f"<p><strong>{examples_label}</strong></p><ul>"
                   + "".join(f"<li>{md.h(e)}</li>" for e in examples) + "</ul>")
    if lang != "en":
        convert = to_region if regional else None
        if concept.approved:
            out.append(f"<p><strong>{approved_label}</strong></p>" + _phrase_items(concept.approved, convert, ""))
        if concept.avoid:
            out.append(f"<p><strong>{avoid_label}</strong></p>" + _phrase_items(concept.avoid, convert, instead))
    else:  # the phrasing's English text where the content has it (phrase.en); the others stay out
        approved = tuple(p.en for p in concept.approved if p.en is not None)
        avoid = tuple(p.en for p in concept.avoid if p.en is not None)
        if approved:
            out.append(f"<p><strong>{approved_label}</strong></p>" + _phrase_items(approved, None, "", english=True))
        if avoid:
            out.append(f"<p><strong>{avoid_label}</strong></p>" + _phrase_items(avoid, None, instead, english=True))
    return "\n".join(out)


def _phrase_items(phrases: tuple[Phrase, ...], convert: Callable[[str], str] | None, instead: str,
                  english: bool = False) -> str:
    def t(value: str) -> str:
        return md.h(convert(value) if convert else value)

    quote, paren = (("“", "”"), (" (", ")")) if english else (("「", "」"), ("（", "）"))
    items = []
    for p in phrases:
        line = f"{quote[0]}{t(p.text)}{quote[1]}"
        if instead and p.instead:
            line += f" → {instead} {quote[0]}{t(p.instead)}{quote[1]}" if english else f" → {instead}「{t(p.instead)}」"
        if p.reason:
            line += f"{paren[0]}{t(p.reason)}{paren[1]}"
        items.append(f"<li>{line}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _related(concept: Concept, ctx: SiteContext, page: str) -> str:
    groups: dict[str, list[str]] = {}
    for r in concept.related:
        target = ctx.concept(r.ref)
        if target is not None:
            groups.setdefault(RELATION.get(r.type, r.type), []).append(
                ht.link(target.term, rel(page, concept_path(target.id))))
    if not groups:
        return ""
    return (ht.heading(2, "相关概念", "related", search=False)
            + ht.lines(f"{label}：" + "、".join(links) for label, links in groups.items()))


def _standards(concept: Concept, ctx: SiteContext, page: str) -> str:
    lines = []
    for std, clause in ctx.clauses_by_concept.get(concept.id, ()):
        label = f"{std.title.get('zh-Hans')} {clause.number} {clause.title.get('zh-Hans')}"
        lines.append(ht.link(label, rel(page, standard_path(std.id)) + "#" + clause_anchor(clause.number)))
    for std, kpi_name in ctx.kpis_by_concept.get(concept.id, ()):
        lines.append(ht.link(f"{std.title.get('zh-Hans')}：指标 {kpi_name}", rel(page, standard_path(std.id)) + "#kpis"))
    if not lines:
        return ""
    return ht.heading(2, "引用本术语的服务规范", "standards", search=False) + ht.bullets(lines)


def _rules(concept: Concept, ctx: SiteContext, page: str) -> str:
    rules = ctx.rules_by_concept.get(concept.id, [])
    lines = [ht.link(f"{r.code} {r.name}", rel(page, RULES) + "#" + r.code.lower()) + "："
             + md.text(r.message.get("zh-Hans").replace("{match}", "…").replace("{replacement}", concept.term))
             for r in rules]
    if not rules and any(concept.designations(lang, "deprecated") for lang in concept.terms):
        lines.append(f"措辞检查（{ht.code('aftersales lint')}）会把上面“不要使用”的写法标出，并建议改用首选术语。")
    if not lines:
        return ""
    return ht.heading(2, "相关措辞规则", "rules", search=False) + ht.bullets(lines)


def _history(concept: Concept) -> str:
    lines = [f"{md.text(h.version)}（{md.text(h.date)}）{CHANGE.get(h.change, md.text(h.change))}"
             + (f"：{md.text(h.summary)}" if h.summary else "") for h in concept.history]
    return ht.heading(2, "修订历史", "history", search=False) + ht.lines(lines) if lines else ""


def _sources(concept: Concept, ctx: SiteContext, page: str) -> str:
    """Sources by title (glossary/sources.yaml); a ref that is a concept id links to that concept."""
    lines = []
    for s in concept.sources:
        target = ctx.concept(s.ref)
        std_id, _, number = s.ref.partition(":")
        std = ctx.model.standard(std_id) if number else None
        if target is not None:
            line = ht.link(target.term, rel(page, concept_path(target.id)))
        elif std is not None:
            clause = std.clause(number)
            label = f"{std.title.get('zh-Hans')} {number}" + (f" {clause.title.get('zh-Hans')}" if clause else "")
            line = ht.link(label, rel(page, standard_path(std.id)) + "#" + clause_anchor(number))
        else:
            line = md.text(ctx.source_titles.get(s.ref, s.ref))
        line += f" {md.text(s.clause)}" if s.clause else ""
        line += f"（{SOURCE_RELATION.get(s.relation, md.text(s.relation))}）"
        if s.note:
            line += f"：{md.text(s.note)}"
        lines.append(line)
    return ht.heading(2, "来源", "sources", search=False) + ht.bullets(lines) if lines else ""


def _domain_anchor(domain: str) -> str:
    from aftersales_std.sitegen.indexes import domain_anchor
    return domain_anchor(domain)
