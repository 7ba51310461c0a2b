"""A page whose body is HTML already (concept and index pages): MkDocs renders it without Python-Markdown.

Rendering a concept page through Python-Markdown cost about 5 ms (a new Markdown instance per page,
the raw HTML parsed twice, every extension run over the tree): half of a site build. This page does
only what MkDocs's own Markdown extensions did for it: links to page sources become site URLs (with
MkDocs's own link resolution and validation), the headings give the table of contents, and the ids
are recorded for anchor validation. The HTML stays byte for byte what Markdown produced.
"""
from __future__ import annotations

import html
import logging
import re
from typing import Any

from markdown.extensions.toc import nest_toc_tokens, strip_tags  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.structure.pages")  # MkDocs's own logger for link warnings

_HREF = re.compile(r'<a href="([^"]*)"')
_HEADING = re.compile(r'<h([1-6])(?: [^>]*?)? id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_ID = re.compile(r'\sid="([^"]+)"')


def _attr(value: str) -> str:
    """Attribute escaping as Python-Markdown's serializer does it."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class HtmlPage(Page):
    """A generated page: front matter, then a body that is the page's HTML (links to .md sources)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        body = self.markdown.strip()
        links = _RelativePathTreeprocessor(self.file, files, config)
        self.content = _HREF.sub(lambda m: f'<a href="{_attr(links.path_to_url(html.unescape(m.group(1))))}"', body)
        tokens = [{"level": int(level), "id": html.unescape(anchor), "name": strip_tags(inner), "html": inner,
                   "data-toc-label": ""} for level, anchor, inner in _HEADING.findall(body)]
        self.toc = get_toc(nest_toc_tokens(tokens))
        self.present_anchor_ids = {html.unescape(anchor) for anchor in _ID.findall(body)}
        if log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = links.links_to_anchors


def nav_titles(nav: Any) -> dict[str, str]:
    """Page source path -> title given in the `nav` setting ({title: path} entries, nested sections)."""
    out: dict[str, str] = {}
    items = nav if isinstance(nav, list) else [nav] if isinstance(nav, dict) else []
    for item in items:
        if not isinstance(item, dict):
            continue
        for title, value in item.items():
            if isinstance(value, str):
                out.setdefault(value.lstrip("/"), title)
            elif isinstance(value, (list, dict)):
                for path, sub in nav_titles(value).items():
                    out.setdefault(path, sub)
    return out
