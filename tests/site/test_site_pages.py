"""Page generation from the model: pure functions, checked on the Markdown (and, for concept pages, the
HTML) they return."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from aftersales_std import sitegen
from aftersales_std.assemble import load_model
from aftersales_std.project import open_project
from aftersales_std.sitegen.indexes import SUMMARY_MARKER

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "site" / "project"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    project = open_project(FIXTURE)
    ctx = sitegen.context_for(load_model(project), project.glossary_dir, with_downloads=False)
    return sitegen.generate(ctx)


def test_every_concept_and_standard_has_a_page(pages: dict[str, str]) -> None:
    concepts = {p for p in pages if p.startswith("concepts/")}
    assert len(concepts) == len(list((FIXTURE / "glossary" / "concepts").glob("*.yaml")))
    assert "standards/returns.md" in pages
    for index in ("index.md", "terms/index.md", "domains/index.md", "standards/index.md", "rules/index.md",
                  "changelog.md", "downloads/index.md"):
        assert index in pages


def test_concept_page_shows_terms_in_three_scripts_and_what_not_to_say(pages: dict[str, str]) -> None:
    page = pages["concepts/three-guarantees.md"]
    assert page.startswith('---\ntitle: "三包"\nsearch: {"exclude": true}\n---')
    assert sitegen.prerendered("concepts/three-guarantees.md") and not sitegen.prerendered("standards/returns.md")
    assert ('---\n\n<h1 id="term">三包</h1>\n<p class="as-term-actions"><button class="as-copy md-button" '
            'type="button" data-copy="三包" aria-label="复制术语：三包">复制术语</button></p>\n<table>\n<thead>\n') in page
    assert "<td>繁體</td>\n<td><strong>三包</strong>；包修包換包退（许用）（由简体自动转换）</td>" in page
    assert "<td>English</td>\n<td><strong>three guarantees</strong></td>" in page
    assert ('<p>拼音 <strong>sān bāo</strong> · 领域 <a href="../domains/index.md#domain-tui-huan-huo">退换货</a>'
            " · 标签 法规 · 状态 有效</p>") in page
    assert '<div class="admonition danger">\n<p class="admonition-title">不要使用</p>\n<ul>\n' in page
    assert "<li><del>三保</del>（简体）→ 请用 <strong>三包</strong>：错别字</li>" in page
    assert page.count("<del>三保</del>") == 1  # the derived zh-Hant copy of the same text is not repeated
    assert ('<label for="__tabbed_1_1" lang="zh-Hans">简体</label><label for="__tabbed_1_2" lang="zh-Hant-TW">'
            '繁體（台灣）</label><label for="__tabbed_1_3" lang="zh-Hant-HK">繁體（香港）</label>'
            '<label for="__tabbed_1_4" lang="en">English</label>') in page
    for lang in ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK", "en"):
        assert f'<div class="tabbed-block" lang="{lang}">' in page
    assert '<li><a href="../standards/returns.md#clause-4-1">退换货与退款 4.1 三包判定</a></li>' in page
    assert "<p><small>术语库版本 2.3.1 · 概念编号 <code>three-guarantees</code></small></p>" in page


def test_written_zh_hant_is_used_and_derived_zh_hant_is_marked(pages: dict[str, str]) -> None:
    written = pages["concepts/after-sales-warranty.md"]
    assert "<td>繁體</td>\n<td><strong>售後保固</strong>（TW）；保固（许用，TW）</td>" in written
    assert "在保固期內對出現故障的商品免費維修的售後服務。" in written
    assert "自动转换" not in written
    derived = pages["concepts/return.md"]
    assert "客戶將已購商品交還經營者" in derived and "本文由簡體按台灣用語自動轉換（OpenCC）" in derived
    assert "本文由簡體按香港用語自動轉換（OpenCC）" in derived
    # Phrase-level conversion for the region (s2twp, s2hk), not character by character (爲).
    assert "「拆封了不能退」 → 改說「為檢查商品而拆開包裝不影響退貨」" in derived and "爲" not in derived
    assert "客戶將已購商品" in derived.split('<div class="tabbed-block" lang="zh-Hant-TW">')[1] \
        and "客户將已購商品" in derived.split('<div class="tabbed-block" lang="zh-Hant-HK">')[1]
    assert '<p class="as-regional-term">術語：<strong>售後保固</strong>；保固</p>' in written


def test_search_indexes_concepts_from_the_model_and_skips_index_pages(pages: dict[str, str]) -> None:
    page = pages["concepts/return.md"]
    assert '\nsearch: {"exclude": true}\n' in page  # indexed by sitegen.search_glossary instead
    assert '<h2 id="definition">定义与用法</h2>' in page
    for anchor in ("related", "history"):
        assert f'<h2 data-search-exclude id="{anchor}">' in page
    for index in ("terms/index.md", "domains/index.md", "changelog.md"):
        assert '\nsearch: {"exclude": true}\n' in pages[index]
    standard = pages["standards/returns.md"]
    assert "search" not in standard.split("---")[1] and "{ #params data-search-exclude }" in standard


def test_content_is_escaped_in_generated_markdown(pages: dict[str, str]) -> None:
    page = pages["concepts/script-test.md"]
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "危险的定义&lt;script&gt;window.__xss = 1&lt;/script&gt;以及 **星号** | 竖线 {: .x}" in page
    assert "<li>!!! note &quot;注意&quot;</li><li>1. 不是列表</li><li>- 也不是列表</li>" in page  # raw HTML: inert


def test_rules_and_concepts_link_each_other(pages: dict[str, str]) -> None:
    rules = pages["rules/index.md"]
    assert "## RF01 refusal.cannot-return { #rf01 }" in rules
    assert "[退换货与退款 4.1 三包判定](../standards/returns.md#clause-4-1)" in rules
    assert "这个不能退货。" in rules
    # what the linter runs, from the rule's spec (lint/rules/explain.py): the glossary-derived phrases are counted
    assert "另外检查：术语库派生的说法：术语库中标为“不要使用”的写法、已被取代的概念的名称（共 1 个）" in rules
    assert '<a href="../rules/index.md#rf01">RF01 refusal.cannot-return</a>：“…”是生硬的拒绝' in pages["concepts/return.md"]
    # The glossary-derived rule (glossary: [deprecated, ...]) uses every concept with a deprecated term.
    tm01 = '<a href="../rules/index.md#tm01">TM01 terms.preferred-term</a>'
    assert tm01 + "：“…”不是术语库的优先术语，请改用“三包”" in pages["concepts/three-guarantees.md"]
    assert tm01 in pages["concepts/seven-day-no-reason-return.md"]
    assert "TM01" not in pages["concepts/return.md"]


def test_standard_page_fills_params_and_lists_kpis(pages: dict[str, str]) -> None:
    page = pages["standards/returns.md"]
    assert "客服专员应在 24 小时 内判定请求是否属于三包范围。" in page
    assert "### 4.1 三包判定 { #clause-4-1 }" in page
    assert "| 净推荐值 | &gt;&#61; 30 分 |" in page
    assert "术语：[三包](../concepts/three-guarantees.md)、[退货](../concepts/return.md)" in page


def test_indexes_group_by_pinyin_initial_and_domain(pages: dict[str, str]) -> None:
    pinyin = pages["terms/index.md"]
    assert sitegen.prerendered("terms/index.md") and sitegen.prerendered("domains/index.md")
    assert '<nav class="as-letters" aria-label="字母索引"><a href="#letter-b">B</a> <a href="#letter-j">J</a> ' in pinyin
    # Every designation, each pointing to its concept (admitted, regional, deprecated, English).
    assert '<li>保固（许用，台湾） → <a href="../concepts/after-sales-warranty.md">售后保修</a></li>' in pinyin
    assert '<li><del>三保</del>（不要使用） → <a href="../concepts/three-guarantees.md">三包</a></li>' in pinyin
    assert '<li>7-day no-reason return → <a href="../concepts/seven-day-no-reason-return.md">七天无理由退货</a></li>' in pinyin
    assert pinyin.index('<h2 id="letter-j">J</h2>') < pinyin.index('<a href="../concepts/net-promoter-score.md">净推荐值</a>')
    assert (pinyin.index('<h2 id="letter-s">') < pinyin.index('<li><a href="../concepts/three-guarantees.md">三包</a>')
            < pinyin.index('<h2 id="letter-t">') < pinyin.index('<li><a href="../concepts/return.md">退货</a>'))
    assert ('<li><a href="../concepts/script-test.md">脚本测试</a>（草案） — script &lt;b&gt;test&lt;/b&gt;'
            " · jiǎo běn cè shì</li>") in pinyin
    domain = pages["domains/index.md"]
    assert '<h2 id="domain-wei-xiu">维修</h2>' in domain and '<li><a href="#domain-wei-xiu">维修</a>（' in domain
    assert '<a href="../concepts/after-sales-warranty.md">售后保修</a>' in domain


def test_home_summary_and_changelog(pages: dict[str, str]) -> None:
    project = open_project(FIXTURE)
    ctx = sitegen.context_for(load_model(project), project.glossary_dir, with_downloads=False)
    home = sitegen.fill_markers(f"# 首页\n\n{SUMMARY_MARKER}\n", ctx)
    assert "**2.3.1**，发布于 2026-11-20" in home and "9 个" in home and "1 项" in home
    changelog = pages["changelog.md"]
    # In Chinese, from the concepts' histories, each concept once per version (the English
    # glossary/CHANGELOG.md for maintainers is no longer repeated on the page).
    assert "## 2.3.1（2026-11-20）\n\n**修订**（1 个）\n\n- [退货](concepts/return.md)：修订定义。\n" in changelog
    assert "bold?" not in changelog and changelog.count("[退货]") == 1


def test_navigation_lists_index_pages_only() -> None:
    import yaml

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    targets = [next(iter(item.values())) for item in config["nav"]]
    assert targets == [next(iter(item.values())) for item in sitegen.NAV]
    assert not any(t.startswith("concepts/") for t in targets)
    assert config["plugins"][0]["search"]["lang"] == "zh"
    assert config["theme"]["language"] == "zh" and config["docs_dir"] == "site"


def test_generation_is_deterministic_and_fast() -> None:
    project = open_project(FIXTURE)
    model = load_model(project)
    first = sitegen.generate(sitegen.context_for(model, project.glossary_dir, with_downloads=False))
    started = time.perf_counter()
    second = sitegen.generate(sitegen.context_for(model, project.glossary_dir, with_downloads=False))
    assert first == second
    assert time.perf_counter() - started < 2.0


def test_repository_content_generates(tmp_path: Path) -> None:
    """Smoke test on the bundled content, which is still growing: every concept gets a page."""
    project = open_project(REPO)
    model = load_model(project)
    pages = sitegen.generate(sitegen.context_for(model, project.glossary_dir, with_downloads=False))
    assert sum(p.startswith("concepts/") for p in pages) == len(model.glossary.concepts)
    assert all("<script" not in text for text in pages.values())


def test_english_changelog_page_shows_the_english_notes_safely(pages: dict[str, str]) -> None:
    english = pages["changelog/en.md"]
    assert 'lang: "en"' in english and "# Glossary changelog" in english
    assert "&lt;b>bold?&lt;/b>" in english and "<b>" not in english  # raw HTML is shown as text
    assert '<span lang="zh-Hans">修订“退货”的定义。</span>' in english
    assert "](../changelog.md){: lang=zh-Hans }" in english
    assert "[Glossary changelog](changelog/en.md){: lang=en }" in pages["changelog.md"]


def test_english_tab_shows_the_phrasing_s_english_text_where_the_content_has_it(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    concept = root / "glossary" / "concepts" / "return.yaml"
    text = concept.read_text(encoding="utf-8").replace(
        "    - {text: 拆封了不能退, instead: 为检查商品而拆开包装不影响退货}",
        "    - {text: 拆封了不能退, instead: 为检查商品而拆开包装不影响退货,\n"
        "       en: {text: Opened items cannot be returned., instead: Opening the box to check the item does not stop a return.}}")
    assert "Opened items" in text
    concept.write_text(text, encoding="utf-8")
    project = open_project(root)
    page = sitegen.generate(sitegen.context_for(load_model(project), project.glossary_dir, with_downloads=False))[
        "concepts/return.md"]
    english = page.split('<div class="tabbed-block" lang="en">', 1)[1].split("</div>", 1)[0]
    assert "<p><strong>Avoid</strong></p>" in english
    assert ("“Opened items cannot be returned.” → say instead “Opening the box to check the item does not stop a "
            "return.”") in english
    # the approved phrase has no English text: it is not shown in Chinese in the English tab
    assert "Approved phrasing" not in english and "快递员" not in english and "拆封" not in english
