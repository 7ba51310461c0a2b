"""Every piece of content is inert: rendered through the site's Markdown extensions it shows as written."""
from __future__ import annotations

import html
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aftersales_std.sitegen import markup as md

EXTENSIONS = ["toc", "tables", "attr_list", "admonition", "pymdownx.details", "pymdownx.superfences",
              "pymdownx.tilde", "pymdownx.tabbed"]


def render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


def visible(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


@pytest.mark.parametrize("value", [
    "<script>alert(1)</script>", "**粗体** _斜体_ `代码`", "a | b | c", "{: .cls #id }", "!!! note \"x\"",
    "??? 问题", "1. 不是列表", "- 不是列表", "---", "# 不是标题", "[链接](http://x)", "![图](x.png)",
    "~~删除~~", "&lt; 已是实体", "=== \"tab\"", "<img src=x onerror=alert(1)>", "a\\b", "> 引用",
])
def test_text_renders_as_written(value: str) -> None:
    out = render(f"前缀\n\n{md.text(value)}\n")
    assert "<script" not in out and "<img" not in out and "<ol" not in out and "<ul" not in out
    assert "<h1" not in out and "admonition" not in out and "<a " not in out and "<del" not in out
    assert visible(out).endswith(value)


def test_text_inside_a_table_cell_keeps_the_table() -> None:
    out = render(md.table(["a", "b"], [[md.text("x | y"), md.text("<b>z</b>")]]))
    assert out.count("<td>") == 2
    assert "x | y" in visible(out) and "<b>z</b>" in visible(out)


def test_attr_escapes_front_matter_values() -> None:
    assert md.attr('</title><script>"') == "&lt;/title&gt;&lt;script&gt;&quot;"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&*_`|{}[]()#!?=~^-.:\\\"' 1a退货\n")), min_size=1, max_size=30))
def test_any_text_shows_exactly(value: str) -> None:
    expected = re.sub(r"\s+", " ", value).strip()
    if not expected:
        return
    out = render(f"开头\n\n{md.text(value)}\n")
    assert re.sub(r"\s+", " ", visible(out).removeprefix("开头")).strip() == expected
