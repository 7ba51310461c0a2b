"""HTML building blocks for pages written as HTML (concept pages), byte for byte what Python-Markdown
with the site's extensions writes for the same Markdown (tables, admonition, attr_list, tilde).

Concept pages are the bulk of the site: written as HTML they skip Python-Markdown altogether (the
MkDocs plugin hands the body over as the page's content), which was the largest cost of a build. The
HTML is exactly what the Markdown version of the page rendered to, so readers see the same page.

Content goes through `markup.text()` as on Markdown pages: its output is inert Markdown and valid,
escaped HTML at once. Links keep Markdown source paths (`../domains/index.md#x`); the plugin turns
them into site URLs as MkDocs does for Markdown links.
"""
from __future__ import annotations

import html
from collections.abc import Iterable

from aftersales_std.sitegen import markup as md


def link(label: str, target: str) -> str:
    """`markup.link` as HTML: escaped label; target is a page source path we generate."""
    return f'<a href="{html.escape(target, quote=True)}">{md.text(label)}</a>'


def strong(inner: str) -> str:
    return f"<strong>{inner}</strong>"


def code(value: str) -> str:
    return f"<code>{html.escape(value, quote=False)}</code>"


def para(inner: str) -> str:
    return f"<p>{inner}</p>\n"


def heading(level: int, title: str, anchor: str, *, search: bool = True) -> str:
    """`markup.heading` as HTML (attr_list writes the attributes in this order)."""
    attrs = f'id="{anchor}"' if search else f'data-search-exclude id="{anchor}"'
    return f"<h{level} {attrs}>{md.text(title)}</h{level}>\n"


def bullets(items: Iterable[str]) -> str:
    """Items are HTML already (escaped by the caller)."""
    out = "".join(f"<li>{item}</li>\n" for item in items)
    return f"<ul>\n{out}</ul>\n" if out else ""


def lines(items: Iterable[str]) -> str:
    """Lines of one paragraph, separated by hard line breaks (Markdown's two trailing spaces)."""
    return para("<br />\n".join(items))


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """Cells are HTML already (escaped by the caller)."""
    body = "".join("<tr>\n" + "".join(f"<td>{cell}</td>\n" for cell in row) + "</tr>\n" for row in rows)
    if not body:
        return ""
    head = "<tr>\n" + "".join(f"<th>{cell}</th>\n" for cell in header) + "</tr>\n"
    return f"<table>\n<thead>\n{head}</thead>\n<tbody>\n{body}</tbody>\n</table>\n"


def admonition(kind: str, title: str, body: str) -> str:
    """body is HTML blocks already."""
    return f'<div class="admonition {kind}">\n<p class="admonition-title">{md.text(title)}</p>\n{body}</div>\n'
