"""Page generation for the glossary site: model -> Markdown strings. Pure functions, no MkDocs here.

`generate(ctx)` returns {source path: Markdown} for every generated page; the MkDocs plugin
(aftersales_std.mkdocs_plugin) only hands these to MkDocs, so that a successor to MkDocs needs a new
thin plugin and nothing else.
"""
from __future__ import annotations

from pathlib import Path

from aftersales_std.model import Model
from aftersales_std.sitegen.changelog import changelog_en_page, changelog_page
from aftersales_std.sitegen.concept import concept_page
from aftersales_std.sitegen.context import (
    CHANGELOG, CHANGELOG_EN, DOMAIN_INDEX, DOWNLOADS, HOME, PINYIN_INDEX, RULES, STANDARDS_INDEX, SiteContext, concept_path,
    prerendered, standard_path,
)
from aftersales_std.sitegen.downloads import download_paths, downloads_page, export_files
from aftersales_std.sitegen.indexes import (
    SUMMARY_MARKER, default_home, domain_index, fill_markers, pinyin_index, standards_index,
)
from aftersales_std.sitegen.jieba_dict import user_dictionary
from aftersales_std.sitegen.rules import rules_page
from aftersales_std.sitegen.standard import standard_page

# The navigation: index pages only. One entry per concept would make every page embed every other
# (quadratic build time and output size).
NAV = [
    {"首页": HOME}, {"按拼音": PINYIN_INDEX}, {"按领域": DOMAIN_INDEX}, {"服务规范": STANDARDS_INDEX},
    {"措辞规则": RULES}, {"更新记录": CHANGELOG}, {"下载": DOWNLOADS},
]
NOT_IN_NAV = "/concepts/\n/standards/\n"

__all__ = ["NAV", "NOT_IN_NAV", "SUMMARY_MARKER", "SiteContext", "context_for", "fill_markers", "generate",
           "generated_files", "prerendered", "standard_path", "user_dictionary"]


def context_for(model: Model, glossary_dir: Path | None = None, *, with_downloads: bool = True) -> SiteContext:
    """The page context: reads glossary/CHANGELOG.md when present and asks the termbase for downloads."""
    changelog = None
    if glossary_dir is not None and (glossary_dir / "CHANGELOG.md").is_file():
        changelog = (glossary_dir / "CHANGELOG.md").read_text(encoding="utf-8")
    from aftersales_std.sitegen.sources import FILE_NAME, load_source_titles

    titles = load_source_titles(glossary_dir / FILE_NAME, f"glossary/{FILE_NAME}") if glossary_dir is not None else {}
    files, note = export_files(model) if with_downloads else ({}, "")
    return SiteContext(model, changelog=changelog, downloads=files, downloads_note=note, source_titles=titles)


def generate(ctx: SiteContext) -> dict[str, str]:
    """Every generated page: source path -> Markdown, or front matter and HTML for the pages where
    `prerendered(path)` holds. The home page comes from site/index.md when present."""
    pages = {
        HOME: default_home(ctx), PINYIN_INDEX: pinyin_index(ctx), DOMAIN_INDEX: domain_index(ctx),
        STANDARDS_INDEX: standards_index(ctx), RULES: rules_page(ctx), CHANGELOG: changelog_page(ctx),
        DOWNLOADS: downloads_page(ctx),
    }
    if ctx.changelog:
        pages[CHANGELOG_EN] = changelog_en_page(ctx)
    for concept in ctx.model.glossary.concepts:
        pages[concept_path(concept.id)] = concept_page(concept, ctx)
    for std in ctx.model.standards:
        pages[standard_path(std.id)] = standard_page(std, ctx)
    return pages


def generated_files(ctx: SiteContext) -> dict[str, str | bytes]:
    """Pages and downloads together: everything the site adds to the hand-written pages."""
    out: dict[str, str | bytes] = dict(generate(ctx))
    out.update(download_paths(ctx))
    return out
