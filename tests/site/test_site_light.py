"""Light pages and regional editions without a browser: the stylesheet cut, the deferred theme script,
the edition files beside each page (the browser tests check the same in Chromium)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aftersales_std.assemble import load_model
from aftersales_std.project import open_project
from aftersales_std.sitegen import lightweight, regional

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "site" / "project"


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    return load_model(open_project(FIXTURE))


def _used(html: str, script: str = "") -> lightweight.Used:
    used = lightweight.Used()
    used.add_html(html)
    used.add_script(script)
    return used


def test_rules_are_kept_only_for_classes_ids_and_colours_the_site_uses() -> None:
    used = _used('<body data-md-color-primary="indigo"><div class="md-header" id="__drawer"></div></body>',
                 'e.classList.add("md-search-result__item");x="md-dialog--active"')
    css = (".md-header{color:red}.md-banner{color:blue}"
           ".md-header .md-banner,.md-header>a{margin:0}"            # a list: the unused selector goes
           ".md-search-result__item{top:0}.md-dialog--active{top:1px}"  # named by the theme's script
           "#__drawer:checked~.md-header{left:0}#__other{left:1px}"
           ".md-header:not(.md-header--lifted){border:0}"          # :not(unused) still applies
           "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}"
           "[data-md-color-primary=red]{--md-primary-fg-color:red}"
           "a[href$='.pdf']{color:green}"                          # '.pdf' is a string, not a class
           "@media print{.md-header{display:none}.md-banner{display:none}}@media screen{.md-tags{x:1}}")
    out = lightweight.prune_css(css, used)
    assert ".md-header{color:red}" in out and ".md-banner{color:blue}" not in out
    assert ".md-header>a{margin:0}" in out and ".md-header .md-banner" not in out
    assert ".md-search-result__item{top:0}" in out and ".md-dialog--active{top:1px}" in out
    assert "#__drawer:checked" in out and "#__other" not in out
    assert ".md-header:not(.md-header--lifted)" in out and 'a[href$=".pdf"]' in out
    assert "=indigo]" in out and "=red]" not in out
    assert "@media print{.md-header{display:none}}" in out and "md-tags" not in out and "@media screen" not in out


def test_unread_custom_properties_go_and_data_uris_with_semicolons_survive() -> None:
    icon = "url(\"data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>\")"
    css = f":root{{--md-unused-icon:{icon};--md-used-icon:{icon};--md-read:1px}}.a{{mask-image:var(--md-used-icon);top:var(--md-read)}}"
    out = lightweight._drop_unread_properties(css, {"--md-used-icon", "--md-read"})
    assert "--md-unused-icon" not in out and f"--md-used-icon:{icon}" in out and ".a{mask-image:var(--md-used-icon)" in out
    assert lightweight._drop_unread_properties(":root{--x:1}", set()) == ""  # a rule left empty goes


def test_the_built_site_is_cut_renamed_and_pages_point_at_the_cut(built_site: Path) -> None:
    sheets = {p.name.split(".")[0]: p for p in (built_site / "assets" / "stylesheets").glob("*.min.css")}
    assert set(sheets) == {"main", "palette"}
    assert sheets["main"].stat().st_size < 100_000 and sheets["palette"].stat().st_size < 2_000
    page = (built_site / "concepts" / "three-guarantees" / "index.html").read_text(encoding="utf-8")
    for sheet in sheets.values():
        assert f"stylesheets/{sheet.name}" in page
    main = sheets["main"].read_text(encoding="utf-8")
    for needed in (".md-header{", ".md-search__input", ".md-search-result__item", ".tabbed-labels", ".md-nav__link"):
        assert needed in main, needed
    assert "[data-md-color-primary=red]" not in (built_site / "assets" / "stylesheets" / sheets["palette"].name).read_text()


def test_material_script_is_deferred_and_the_page_says_where_it_and_the_editions_are(built_site: Path) -> None:
    page = (built_site / "concepts" / "three-guarantees" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r'<script src="[^"]*bundle\.[0-9a-f]+\.min\.js">', page)
    data = json.loads(re.search(r'<script id="__as_page" type="application/json">(.*?)</script>', page, re.S).group(1))
    assert data["theme"].startswith("../../assets/javascripts/bundle.")
    assert (built_site / "concepts" / "three-guarantees" / data["theme"]).resolve().is_file()
    assert page.index('id="__as_page"') < page.index("aftersales/site.js")  # read as the site script starts
    assert "as-edition" not in page and "<template" not in page  # the editions are not in the page
    for lang in ("zh-Hant-TW", "zh-Hant-HK"):
        assert (built_site / "concepts" / "three-guarantees" / data["editions"][lang]).is_file()


def test_the_404_page_is_chinese_light_and_names_its_editions_from_the_root(built_site: Path) -> None:
    """It is served at any address, so what it loads is named from the root, as Material names its assets."""
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans"' in page and "找不到这个页面" in page and "Not found" not in page
    assert not re.search(r'<script src="[^"]*bundle\.[0-9a-f]+\.min\.js">', page)
    data = json.loads(re.search(r'<script id="__as_page" type="application/json">(.*?)</script>', page, re.S).group(1))
    assert data["theme"].startswith("/assets/javascripts/bundle.") and (built_site / data["theme"][1:]).is_file()
    for lang in ("zh-Hant-TW", "zh-Hant-HK"):
        assert data["editions"][lang] == f"/404.{lang}.js"
        assert "找不到這個頁面" in (built_site / f"404.{lang}.js").read_text(encoding="utf-8")


def _edition(built_site: Path, page: str, lang: str) -> dict:  # type: ignore[type-arg]
    text = (built_site / page / f"index.{lang}.js").read_text(encoding="utf-8")
    m = re.fullmatch(r"window\.__asEdition&&window\.__asEdition\((.*)\);\n", text, re.S)
    assert m, text[:200]
    return json.loads(m.group(1))


def test_editions_hold_the_whole_page_in_the_region_s_words(built_site: Path) -> None:
    tw = _edition(built_site, "concepts/after-sales-warranty", "zh-Hant-TW")
    hk = _edition(built_site, "concepts/after-sales-warranty", "zh-Hant-HK")
    assert tw["lang"] == "zh-Hant-TW" and hk["lang"] == "zh-Hant-HK"
    # outside the article: navigation, search box, dialog, footer, title; the site script's own strings
    assert tw["text"]["按领域"] == "按領域" and tw["text"]["搜索"] == "搜尋" and "搜索" not in hk["text"]
    assert tw["text"]["正在初始化搜索引擎"] == "正在初始化搜尋引擎"
    assert tw["text"]["已复制"] == "已複製"
    assert any(k.startswith("售后保修") and v.startswith("售後保固") for k, v in tw["text"].items())  # the title
    assert "條件" in tw["translations"]["search.result.none"] and "条件" not in hk["translations"]["search.result.none"]
    # the article: Taiwan's own term as heading, the language panels as placeholders, tab labels as written
    assert '<h1 id="term">售後保固</h1>' in tw["article"]
    assert tw["article"].count("data-as-keep") == 4 * tw["article"].count('class="tabbed-set')
    assert ">繁體（台灣）</label>" in tw["article"] and "臺灣）</label>" not in tw["article"]
    assert "售后" not in re.sub(r'<div data-as-keep[^>]*></div>', "", tw["article"])


def test_converter_puts_in_regional_designations(model) -> None:  # type: ignore[no-untyped-def]
    convs = regional.converters(model)
    assert "保固" in convs["zh-Hant-TW"]("在保修期内免费维修")
    assert convs["zh-Hant-TW"]("短信") == "簡訊" and convs["zh-Hant-HK"]("软件") != "软件"
    assert convs["zh-Hant-TW"]("no Chinese here") == "no Chinese here"
    assert regional.script_strings('a = "复制"; b = "x"; c = "已\\u590d\\u5236"') == ["复制", "已复制"]


def test_pages_say_what_opening_search_downloads(built_site: Path) -> None:
    import gzip

    index = (built_site / "search" / "glossary.json").read_bytes()
    packed, plain = len(gzip.compress(index, compresslevel=9, mtime=0)) / 1024, len(index) / 1024
    for page in ("index.html", "concepts/three-guarantees/index.html", "404.html"):
        text = (built_site / page).read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', text, re.S).group(1))
        said = config["translations"]["search.result.placeholder"]
        assert said == f"键入以开始搜索（第一次搜索时下载索引：约 {packed:.0f} KB，不压缩 {plain:.0f} KB）", said
