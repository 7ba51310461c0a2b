"""The small Markdown dialect between templates and the .docx writer."""
from __future__ import annotations

from aftersales_std.render.markdown import Span, inline, markdown_output, parse, tidy


def test_blocks() -> None:
    doc = parse("---\nid: X-1\ntitle: 标题\n---\n# 标题\n\n[TOC]\n\n## 一\n\n第一行\n第二行\n\n### 二\n\n#### 三\n\n"
                "> 引用\n\n<!-- 注释 -->\n<!-- pagebreak -->\n")
    assert doc.meta == {"id": "X-1", "title": "标题"}
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("title", 0, "标题"), ("toc", 0, ""), ("heading", 1, "一"), ("para", 0, "第一行第二行"),
        ("heading", 2, "二"), ("heading", 3, "三"), ("quote", 0, "引用"), ("pagebreak", 0, "")]


def test_english_lines_join_with_a_space() -> None:
    assert parse("one\ntwo\n").blocks[0].text == "one two"


def test_inline_spans_and_escapes() -> None:
    assert inline("a **b** *c* `d` [e](http://x) \\*f\\* g|h <!-- x -->") == (
        Span("a "), Span("b", bold=True), Span(" "), Span("c", italic=True), Span(" "), Span("d", code=True),
        Span(" e *f* g|h"))


def test_table_with_escaped_pipe_and_trailing_comment() -> None:
    doc = parse("| a | b |\n|---|:---:|\n| 1 \\| 2 | **3** |<!-- aftersales: disable=all -->\n| short |\n")
    table = doc.blocks[0]
    assert table.kind == "table"
    assert [[("".join(s.text for s in cell)) for cell in row] for row in table.rows] == [
        ["a", "b"], ["1 | 2", "3"], ["short", ""]]
    assert table.rows[1][1][0].bold


def test_numbered_lists_restart_but_continue_around_nested_bullets() -> None:
    doc = parse("1. a\n   - a1\n1. b\n\n段落\n\n1. c\n2. d\n")
    items = [(b.kind, b.level, b.text, b.list_id) for b in doc.blocks if b.kind in ("number", "bullet")]
    assert items == [("number", 0, "a", 1), ("bullet", 1, "a1", 0), ("number", 0, "b", 1),
                     ("number", 0, "c", 2), ("number", 0, "d", 2)]


def test_tidy_puts_blank_lines_where_markdown_needs_them() -> None:
    assert tidy("# T\n段落\n| a |\n|---|\n| 1 |\n- x\n- y\n## H\n\n\n\ntext  \n") == (
        "# T\n\n段落\n\n| a |\n|---|\n| 1 |\n\n- x\n- y\n\n## H\n\ntext\n")
    assert tidy("---\nid: 1\n---\n# T\n") == "---\nid: 1\n---\n# T\n"


def test_markdown_output_expands_toc_and_drops_front_matter() -> None:
    text = "---\nid: X\n---\n# T\n\n[TOC]\n\n## 1 总则\n\n### 1.1 范围（RACI）\n\n## 1 总则\n"
    assert markdown_output(text) == ("# T\n\n- [1 总则](#1-总则)\n  - [1.1 范围（RACI）](#11-范围raci)\n"
                                     "- [1 总则](#1-总则-1)\n\n## 1 总则\n\n### 1.1 范围（RACI）\n\n## 1 总则\n")
