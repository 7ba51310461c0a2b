"""Findings -> LSP values, without a server: rule links, fix-all against `lint --fix`, hover text."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aftersales_std.lint import default_rules, lint_text
from aftersales_std.lint.report.fix import apply
from aftersales_std.lsp import convert
from aftersales_std.lsp.positions import LineIndex
from aftersales_std.lsp.projects import ProjectState, load_state
from aftersales_std.resources import bundled_root
from lsp_helpers import apply_edits


@pytest.mark.parametrize(("mkdocs", "expected"), [
    ("site_name: x\nsite_url: https://kb.example.com/glossary\n", "https://kb.example.com/glossary/rules/#vg01"),
    ("site_name: x\nsite_url: https://kb.example.com/\nuse_directory_urls: false\n",
     "https://kb.example.com/rules/index.html#vg01"),
    ("site_name: x\n", None),
    ("site_name: x\nsite_url: [not, a, url]\n", None),
])
def test_rule_link_needs_the_sites_url(tmp_path: Path, mkdocs: str, expected: str | None) -> None:
    (tmp_path / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    assert convert.rule_url(ProjectState(root=tmp_path), "VG01") == expected


PIECES = ["保质期", "人为破坏", "三保", "您好", "，", "。", "\n", "😀", "我们研究一下", "尽快", "保修期", "𠀀"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_fix_all_edits_give_what_lint_fix_gives(pieces: list[str]) -> None:
    text = "".join(pieces)
    findings = lint_text(text, default_rules())
    index = LineIndex(text, "utf-16")
    actions = convert.code_actions("file:///r.md", 1, index, findings, 0, len(text), None, "zh-Hans",
                                   versioned=False, only=[convert.FIX_ALL])
    expected, count = apply(text, findings)
    if count == 0:
        assert actions == []
        return
    assert len(actions) == 1
    assert apply_edits(text, actions[0].edit.changes["file:///r.md"], "utf-16") == expected


def test_hover_names_the_clause_and_reads_as_plain_text_too() -> None:
    state = load_state(bundled_root())
    text = "这台手机属于人为破坏。"
    finding = next(f for f in lint_text(text, state.rules) if f.code == "TM01")
    rule = state.rules.by_code["TM01"]
    markdown = convert.hover_text(finding, rule, state, "zh-Hans")
    assert "客户沟通用语 (AS-STD-10) 4.1 使用规范术语" in markdown
    assert "**建议**：人为损坏" in markdown
    plain = convert.hover_text(finding, rule, state, "zh-Hans", markdown=False)
    assert "**" not in plain and "`" not in plain and "建议：人为损坏" in plain
