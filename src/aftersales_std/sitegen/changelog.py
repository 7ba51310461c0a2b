"""The changelog page: glossary/CHANGELOG.md when present, then every concept's history by version."""
from __future__ import annotations

import re
from collections import defaultdict

from aftersales_std.model import Concept, HistoryEntry
from aftersales_std.sitegen import markup as md
from aftersales_std.sitegen.concept import CHANGE
from aftersales_std.sitegen.context import CHANGELOG, SiteContext, concept_path, rel

_FENCE = re.compile(r"^(```|~~~)")


def neutralize_html(markdown: str) -> str:
    """Keep the Markdown of a hand-written changelog but show any raw HTML in it as text."""
    out, fenced = [], False
    for line in markdown.splitlines():
        if _FENCE.match(line.lstrip()):
            fenced = not fenced
        out.append(line if fenced else line.replace("<", "&lt;"))
    return "\n".join(out) + "\n"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(x) if x.isdigit() else 0 for x in re.split(r"[.\-+]", version))


def changelog_page(ctx: SiteContext) -> str:
    out = [md.front_matter(title="更新记录", search={"exclude": True}), "# 更新记录\n\n",
           f"当前术语库版本：**{md.text(ctx.model.glossary.version)}**\n\n"]
    if ctx.changelog:
        body = re.sub(r"\A\s*#\s+[^\n]*\n", "", ctx.changelog)  # our page has its own title
        out.append(neutralize_html(body).replace("\n# ", "\n## ") + "\n")
    by_version: dict[str, list[tuple[Concept, HistoryEntry]]] = defaultdict(list)
    for concept in ctx.by_pinyin:
        for entry in concept.history:
            by_version[entry.version].append((concept, entry))
    if by_version:
        out.append(md.heading(2, "概念变更（按版本）", "concept-history"))
    for version in sorted(by_version, key=_version_key, reverse=True):
        out.append(f"### {md.text(version)}\n\n")
        out.append(md.bullets(
            f"{CHANGE.get(e.change, md.text(e.change))} " + md.link(c.term, rel(CHANGELOG, concept_path(c.id)))
            + (f"：{md.text(e.summary)}" if e.summary else "") for c, e in by_version[version]))
    return "".join(out)
