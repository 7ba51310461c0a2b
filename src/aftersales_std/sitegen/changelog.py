"""The changelog page, in Chinese: every concept's history by version, each concept once per version."""
from __future__ import annotations

import re
from collections import defaultdict

from aftersales_std.model import Concept, HistoryEntry
from aftersales_std.sitegen import markup as md
from aftersales_std.sitegen.concept import CHANGE
from aftersales_std.sitegen.context import CHANGELOG, CHANGELOG_EN, SiteContext, concept_path, rel


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(x) if x.isdigit() else 0 for x in re.split(r"[.\-+]", version))


def changelog_page(ctx: SiteContext) -> str:
    """In Chinese, from the concepts' histories: each concept once per version, newest version first.
    glossary/CHANGELOG.md (the English change notes) is a page of its own, linked from here."""
    out = [md.front_matter(title="更新记录", search={"exclude": True}), "# 更新记录\n\n",
           f"当前术语库版本：**{md.text(ctx.model.glossary.version)}**。下面按版本列出新增、修订、弃用和停用的概念，"
           "每个概念在每个版本中只列一次。\n\n"]
    if ctx.changelog:
        out.append(f"English: {md.link('Glossary changelog', rel(CHANGELOG, CHANGELOG_EN))}{{: lang=en }}\n\n")
    by_version: dict[str, dict[str, tuple[Concept, list[HistoryEntry]]]] = defaultdict(dict)
    dates: dict[str, str] = {}
    for concept in ctx.by_pinyin:
        for entry in concept.history:
            by_version[entry.version].setdefault(concept.id, (concept, []))[1].append(entry)
            if entry.date:
                dates[entry.version] = max(dates.get(entry.version, ""), entry.date)
    for version in sorted(by_version, key=_version_key, reverse=True):
        date = f"（{md.text(dates[version])}）" if version in dates else ""
        out.append(f"## {md.text(version)}{date}\n\n")
        groups: dict[str, list[str]] = defaultdict(list)
        for concept, entries in by_version[version].values():
            kinds = list(dict.fromkeys(CHANGE.get(e.change, md.text(e.change)) for e in entries))
            summaries = [md.text(e.summary) for e in entries if e.summary and e.summary not in ("首次收录。",)]
            line = md.link(concept.term, rel(CHANGELOG, concept_path(concept.id)))
            if summaries:
                line += "：" + "；".join(dict.fromkeys(summaries))
            groups["、".join(kinds)].append(line)
        for kinds, lines in groups.items():
            out.append(f"**{kinds}**（{len(lines)} 个）\n\n" + md.bullets(lines))
    if not by_version:
        out.append("暂无记录。\n")
    return "".join(out)


_CODE_ID = re.compile(r"`([a-z0-9][a-z0-9-]*)`")
_HAN_RUN = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff\u3000-\u303f\uff01-\uff5e“”‘’·]*")


def changelog_en_page(ctx: SiteContext) -> str:
    """glossary/CHANGELOG.md as the English changelog page (front matter lang: en sets the article's
    language). Its title becomes the page's; raw HTML is shown as text, never run; a concept id in
    backticks links to the concept."""
    text = ctx.changelog or ""
    text = re.sub(r"\A\s*#\s+[^\n]*\n", "", text)  # the page has its own title
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    # Chinese inside the English notes says it is Chinese (outside code spans)
    parts = re.split(r"(`[^`\n]*`)", text)
    text = "".join(p if p.startswith("`") else _HAN_RUN.sub(lambda m: f'<span lang="zh-Hans">{m.group(0)}</span>', p)
                   for p in parts)
    known = {c.id for c in ctx.model.glossary.concepts}
    text = _CODE_ID.sub(lambda m: md.link(m.group(1), rel(CHANGELOG_EN, concept_path(m.group(1))))
                        if m.group(1) in known else m.group(0), text)
    back = md.link("更新记录", rel(CHANGELOG_EN, CHANGELOG))
    return (md.front_matter(title="Glossary changelog", lang="en", search={"exclude": True})
            + f"# Glossary changelog\n\nCurrent glossary version: **{md.text(ctx.model.glossary.version)}**. "
            + f"The same changes in Chinese, each concept once per version: {back}{{: lang=zh-Hans }}.\n\n"
            + text.strip() + "\n")
