"""Markdown building blocks. Every piece of content passes through `text()` before it reaches a page.

Content is turned into inert Markdown: HTML-significant characters become entities and every ASCII
character that Markdown or one of our extensions gives a meaning to becomes a numeric character
reference, which Python-Markdown passes through untouched. So a definition containing `<script>`,
`**`, `|`, `{: .x}` or `!!! note` shows exactly as written, as text.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable

# Characters with a meaning in Markdown, tables, attr_list, admonitions, details, tabs or HTML.
_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_{}[]#+!|<>~^=?\""}
_SPECIAL["&"] = "&amp;"
_SPECIAL["<"] = "&lt;"
_SPECIAL[">"] = "&gt;"
_TABLE = str.maketrans(_SPECIAL)
_SPACE = re.compile(r"\s+")
_LINE_START = re.compile(r"^(?:\d+([.)])|(-))(?=[\s-]|$)")

UNITS = {"min": "分钟", "h": "小时", "d": "天", "wd": "个工作日", "month": "个月", "year": "年",
         "%": "%", "times": "次", "count": "个", "score": "分", "CNY": "元"}


def text(value: object) -> str:
    """One line of inert Markdown showing `value` as written (whitespace runs become one space)."""
    s = _SPACE.sub(" ", str(value)).strip().translate(_TABLE)
    # A leading "- ", "1. " or "---" would start a list or a rule: make its punctuation inert.
    return _LINE_START.sub(lambda m: m.group(0)[:-1] + f"&#{ord(m.group(0)[-1])};", s)


def attr(value: object) -> str:
    """For values that themes put into HTML unescaped (front matter title): HTML-escaped, one line."""
    return html.escape(_SPACE.sub(" ", str(value)).strip(), quote=True)


def link(label: str, target: str) -> str:
    """A Markdown link with escaped label; target is a path we generate (ids are slugs)."""
    return f"[{text(label)}]({target})"


def front_matter(**values: object) -> str:
    """YAML front matter; values are written as JSON, which is valid YAML and needs no escaping.

    MkDocs themes insert front-matter values into HTML without escaping: pass content through attr().
    """
    lines = ["---"]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()]
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def heading(level: int, title: str, anchor: str, *, search: bool = True) -> str:
    attrs = f"#{anchor}" + ("" if search else " data-search-exclude")
    return f"{'#' * level} {text(title)} {{ {attrs} }}\n\n"


def bullets(items: Iterable[str], indent: str = "") -> str:
    """Items are Markdown already (escaped by the caller)."""
    out = "".join(f"{indent}- {item}\n" for item in items)
    return out + "\n" if out else ""


def table(header: Iterable[str], rows: Iterable[Iterable[str]], indent: str = "") -> str:
    """Cells are Markdown already (escaped by the caller, so `|` cannot break the table)."""
    head = list(header)
    lines = [f"{indent}| " + " | ".join(head) + " |", f"{indent}|" + "---|" * len(head)]
    lines += [f"{indent}| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n\n" if len(lines) > 2 else ""


def admonition(kind: str, title: str, body: str) -> str:
    """body is Markdown already; it is indented under the admonition."""
    inner = "".join(f"    {line}\n" if line else "\n" for line in body.rstrip("\n").split("\n"))
    return f'!!! {kind} "{text(title)}"\n\n{inner}\n'


def h(value: object) -> str:
    """Content for a raw HTML block: HTML-escaped, whitespace collapsed to single spaces."""
    return html.escape(_SPACE.sub(" ", str(value)).strip(), quote=True)


def tabs_html(number: int, panels: list[tuple[str, str]] | list[tuple[str, str, str]]) -> str:
    """Content tabs as the raw HTML pymdownx.tabbed (alternate style) writes; bodies are HTML already.
    A third item of a panel is its BCP 47 language, written as `lang` on the panel and its label.

    Python-Markdown passes raw HTML blocks through untouched, which costs a fraction of processing the
    same content as Markdown inside `===` tabs: this is most of the time MkDocs spends on a concept
    page. `number` must be unique on the page (it names the radio inputs).
    """
    n = len(panels)

    def lang(panel: tuple[str, ...]) -> str:
        return f' lang="{panel[2]}"' if len(panel) > 2 and panel[2] else ""
    inputs = "".join(f'<input {"checked=" + chr(34) + "checked" + chr(34) + " " if i == 1 else ""}'
                     f'id="__tabbed_{number}_{i}" name="__tabbed_{number}" type="radio" />' for i in range(1, n + 1))
    labels = "".join(f'<label for="__tabbed_{number}_{i}"{lang(p)}>{h(p[0])}</label>' for i, p in enumerate(panels, 1))
    blocks = "".join(f'<div class="tabbed-block"{lang(p)}>\n{p[1].strip()}\n</div>\n' for p in panels)
    return (f'<div class="tabbed-set tabbed-alternate" data-tabs="{number}:{n}">{inputs}'
            f'<div class="tabbed-labels">{labels}</div>\n<div class="tabbed-content">\n{blocks}</div>\n</div>\n\n')


def quantity(value: object, unit: str | None) -> str:
    if unit is None:
        return str(value)
    shown = UNITS.get(unit, unit)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value}{shown}" if unit in ("%",) else f"{value} {shown}"
