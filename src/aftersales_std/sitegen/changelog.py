"""The changelog page, in Chinese: every concept's history by version, each concept once per version."""
from __future__ import annotations

import re
from collections import defaultdict

from aftersales_std.model import Concept, HistoryEntry
from aftersales_std.sitegen import markup as md
from aftersales_std.sitegen.concept import CHANGE
from aftersales_std.sitegen.context import CHANGELOG, SiteContext, concept_path, rel


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(x) if x.isdigit() else 0 for x in re.split(r"[.\-+]", version))


def changelog_page(ctx: SiteContext) -> str:
    """In Chinese, from the concepts' histories: each concept once per version, newest version first.
    glossary/CHANGELOG.md (English, for maintainers) is linked from the downloads, not repeated here."""
    out = [md.front_matter(title="更新记录", search={"exclude": True}), "# 更新记录\n\n",
           f"当前术语库版本：**{md.text(ctx.model.glossary.version)}**。下面按版本列出新增、修订、弃用和停用的概念，"
           "每个概念在每个版本中只列一次。\n\n"]
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
