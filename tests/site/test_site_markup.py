"""Every piece of content is inert: rendered through the site's Markdown extensions it shows as written."""
from __future__ import annotations

import html
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aftersales_std.sitegen import htmlout as ht
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


def _both(value: str) -> tuple[str, str]:
    """The same concept-page blocks written as Markdown (markup) and as HTML (htmlout)."""
    v = md.text(value)
    tabs = md.tabs_html(1, [("简体", f"<p>{md.h(value)}</p>"), ("English", "<p>x</p>")])
    markdown_source = "".join([
        f"# {v} {{ #term }}\n\n",
        md.admonition("warning", "已被取代", f"本概念的状态是：**已被取代**。 请改用 {md.link(value, '../concepts/b.md')}。"),
        md.table(["语种", "术语"], [["简体", f"**{v}**；{v}（许用，TW）"], ["English", v]]),
        f"拼音 **{v}** · 领域 {md.link(value, '../domains/index.md#domain-x')} · 状态 有效\n\n",
        md.admonition("danger", "不要使用", md.bullets([f"~~{v}~~（简体）→ 请用 **{v}**：{v}"])),
        md.heading(2, "定义与用法", "definition"), tabs,
        md.heading(2, value, "related", search=False),
        "  \n".join([f"参见：{md.link(value, '../concepts/a.md')}、{md.link('b', '../concepts/b.md')}", v]) + "\n\n",
        md.bullets([md.link(value, "../rules/index.md#rf01") + "：" + v, "检查（`aftersales lint`）"]),
        f"<small>术语库版本 {v} · 概念编号 `a-1`</small>\n",
    ])
    html_source = "".join([
        ht.heading(1, value, "term"),
        ht.admonition("warning", "已被取代", ht.para(f"本概念的状态是：{ht.strong('已被取代')}。 请改用 "
                                                   f"{ht.link(value, '../concepts/b.md')}。")),
        ht.table(["语种", "术语"], [["简体", f"{ht.strong(v)}；{v}（许用，TW）"], ["English", v]]),
        ht.para(f"拼音 {ht.strong(v)} · 领域 {ht.link(value, '../domains/index.md#domain-x')} · 状态 有效"),
        ht.admonition("danger", "不要使用", ht.bullets([f"<del>{v}</del>（简体）→ 请用 {ht.strong(v)}：{v}"])),
        ht.heading(2, "定义与用法", "definition"), tabs,
        ht.heading(2, value, "related", search=False),
        ht.lines([f"参见：{ht.link(value, '../concepts/a.md')}、{ht.link('b', '../concepts/b.md')}", v]),
        ht.bullets([ht.link(value, "../rules/index.md#rf01") + "：" + v, f"检查（{ht.code('aftersales lint')}）"]),
        ht.para(f"<small>术语库版本 {v} · 概念编号 {ht.code('a-1')}</small>"),
    ])
    return render(markdown_source), html_source.strip()


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&*_`|{}[]()#!?=~^-.:\\\"' 1a退货\n")), min_size=1, max_size=30))
def test_concept_page_html_is_what_markdown_writes(value: str) -> None:
    """Concept pages skip Python-Markdown: their HTML blocks must be byte for byte what it wrote."""
    if not value.strip():
        return
    from_markdown, written = _both(value)
    assert written == from_markdown
