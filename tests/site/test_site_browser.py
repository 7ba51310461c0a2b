"""The built site in a real browser (Playwright + Debian's Chromium): search in Chinese, pages, phone width.

Screenshots go to $AFTERSALES_SCREENSHOTS when set (else the test's temporary folder).
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium; .ci/run installs it)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(built_site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("AFTERSALES_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_page(browser, viewport):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport=viewport)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors  # type: ignore[attr-defined]
    return page


def search(page, query: str, phone: bool = False) -> list[str]:  # type: ignore[no-untyped-def]
    """Type a query into Material's search; return the paths of the result pages, best first."""
    if phone:
        page.click('label.md-header__button[for="__search"]')
    field = page.locator("input.md-search__input")
    field.click()
    field.fill(query)
    field.press("End")  # Material reads the query on keyup, as after an IME commits; fill() sends none
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    page.wait_for_timeout(200)  # results are rendered in one go after the worker answers
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    return [urlsplit(h).path for h in hrefs]


def test_home_page(browser, base_url: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, DESKTOP)
    page.goto(base_url)
    assert page.title().startswith("首页")
    body = page.inner_text("article")
    assert "怎样查" in body and "2.3.1" in body and "9 个" in body
    assert "测试术语库 2.3.1" in page.inner_text("footer")
    nav = page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link", "els => els.map(e => e.innerText.trim())")
    assert "按拼音" in nav and len(nav) <= 10
    page.screenshot(path=str(shots / "home-desktop.png"), full_page=True)
    assert not page.errors
    page.close()


@pytest.mark.parametrize("query, expected", [
    ("退货", "/concepts/return/"),
    ("三包", "/concepts/three-guarantees/"),
    ("保固", "/concepts/after-sales-warranty/"),  # zh-Hant (Taiwan) admitted term
    ("NPS", "/concepts/net-promoter-score/"),
    ("三保", "/concepts/three-guarantees/"),  # deprecated variant
    ("七天无条件退货", "/concepts/seven-day-no-reason-return/"),  # deprecated variant
    ("满意度调查", "/concepts/satisfaction-survey/"),
    ("退貨", "/concepts/return/"),  # typed in traditional characters
])
def test_search_in_chinese_leads_to_the_concept(browser, base_url: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, DESKTOP)
    page.goto(base_url)
    results = search(page, query)
    assert results and results[0] == expected, results
    assert not page.errors
    page.close()


def test_click_a_result_and_read_the_concept(browser, base_url: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, DESKTOP)
    page.goto(base_url)
    search(page, "三包")
    page.screenshot(path=str(shots / "search-desktop.png"))
    page.click(".md-search-result__item > a >> nth=0")
    page.wait_for_url("**/concepts/three-guarantees/**")
    assert page.inner_text("article h1") == "三包"
    article = page.inner_text("article")
    assert "three guarantees" in article and "sān bāo" in article and "包修包換包退" in article
    assert "不要使用" in article and "三保" in article
    assert "经营者对所售商品在规定期限内承担的修理、更换和退货责任的合称。" in article
    assert "退换货与退款 4.1 三包判定" in article
    page.locator(".tabbed-labels label", has_text="繁體").first.click()
    assert page.locator("text=經營者對所售商品在規定期限內承擔的修理、更換和退貨責任的合稱。").first.is_visible()
    page.screenshot(path=str(shots / "concept-desktop.png"), full_page=True)
    # The chosen tab follows the reader to the next concept page (content.tabs.link).
    page.goto(base_url + "concepts/return/")
    assert page.locator("text=客戶將已購商品交還經營者").first.is_visible()
    assert not page.errors
    page.close()


def test_script_in_a_definition_is_shown_as_text(browser, base_url: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, DESKTOP)
    page.goto(base_url + "concepts/script-test/")
    assert page.locator("text=危险的定义<script>window.__xss = 1</script>以及 **星号** | 竖线").first.is_visible()
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("article script, article img").count() == 0
    page.goto(base_url)
    results = search(page, "script <b>test</b>")  # the matched name with markup is shown in the result
    assert results[0] == "/concepts/script-test/"
    assert page.evaluate("() => window.__xss") is None
    assert page.locator(".md-search-result b, .md-search-result img, .md-search-result script").count() == 0
    shown = page.inner_text(".md-search-result")
    assert "script <b>test</b>" in shown and "危险的定义<script>" in shown
    page.screenshot(path=str(shots / "script-desktop.png"))
    assert not page.errors
    page.close()


def test_phone_width(browser, base_url: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, PHONE)
    page.goto(base_url)
    page.screenshot(path=str(shots / "home-phone.png"), full_page=True)
    results = search(page, "保固", phone=True)
    assert results[0] == "/concepts/after-sales-warranty/"
    page.screenshot(path=str(shots / "search-phone.png"))
    page.click(".md-search-result__item > a >> nth=0")
    page.wait_for_url("**/concepts/after-sales-warranty/**")
    assert page.inner_text("article h1") == "售后保修"
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow}px wider than the phone"
    assert page.locator("text=售後保固").first.is_visible()
    page.screenshot(path=str(shots / "concept-phone.png"), full_page=True)
    assert not page.errors
    page.close()


def test_readable_offline_from_the_file_system(browser, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    """file://: links open the folder's index.html, not a folder listing; search says it needs a server."""
    page = new_page(browser, DESKTOP)
    page.goto((built_site / "concepts" / "three-guarantees" / "index.html").as_uri())
    page.locator("article a", has_text="退换货").first.click()
    page.wait_for_url("**/domains/index.html**")
    assert page.inner_text("article h1") == "按领域索引"
    assert "搜索需要网页服务器" in page.inner_text(".as-offline-note")
    # the 繁體 editions are scripts beside the page: they load from the file system too
    _choose(page, "繁體（台灣）", "zh-Hant-TW")
    assert page.inner_text("article h1") == "按領域索引" and "搜尋需要網頁伺服器" in page.inner_text(".as-offline-note")
    page.evaluate("localStorage.clear()")
    assert not page.errors
    page.close()


def test_sitemap_lists_every_page(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>concepts/three-guarantees/</loc>" in sitemap and "<loc>terms/</loc>" in sitemap
    assert sitemap.count("<url>") >= 9 + 1 + 7


def _choose(page, label: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    page.locator(".as-script-choice button", has_text=label).click()
    page.wait_for_selector(f'html[data-as-edition="{lang}"]', state="attached", timeout=10000)


def _chrome(page) -> str:  # type: ignore[no-untyped-def]
    """Every text of the page outside the article, and the names the search box carries."""
    box = page.locator("input.md-search__input")
    return " ".join([page.inner_text("header"), page.text_content("nav.md-nav--primary") or "",
                     page.text_content("footer") or "", page.text_content(".md-search") or "",
                     box.get_attribute("placeholder") or "", box.get_attribute("aria-label") or ""])


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_traditional_choice_switches_the_whole_page_and_is_remembered(browser, base_url: str, shots: Path,  # type: ignore[no-untyped-def]
                                                                          viewport: dict[str, int]) -> None:
    page = new_page(browser, viewport)
    page.goto(base_url + "concepts/after-sales-warranty/")
    assert page.inner_text("article h1") == "售后保修"
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    simplified = _chrome(page)
    assert "按领域" in simplified and "搜索" in simplified and "测试术语库" in simplified
    _choose(page, "繁體（台灣）", "zh-Hant-TW")
    assert page.inner_text("article h1") == "售後保固"  # Taiwan's own term, not a conversion
    assert page.evaluate("document.documentElement.lang") == "zh-Hant-TW"
    assert page.locator("article").get_attribute("lang") == "zh-Hant-TW"
    text = page.locator("article").inner_text()
    assert "定義與用法" in text and "售后" not in text.split("简体")[0]  # headings and labels converted
    assert page.title().startswith("售後保固")
    # The header, navigation, search box and dialog and the footer: every Chinese text converted.
    chrome = _chrome(page)
    assert "按领域" not in chrome and "搜索" not in chrome and "测试术语库" not in chrome, chrome
    assert "首頁" in chrome and "按領域" in chrome and "搜尋" in chrome and "測試術語庫" in chrome and "售後保固" in page.inner_text("header")
    # The language panels stay as written, each saying its language; so do the tab labels.
    assert page.locator('.tabbed-block[lang="zh-Hans"]').count() == 1
    assert page.locator('.tabbed-block[lang="en"]').count() == 1 and not page.locator("[data-as-keep]").count()
    assert page.locator('.tabbed-labels label[lang="zh-Hant-TW"]').first.inner_text() == "繁體（台灣）"
    page.screenshot(path=str(shots / f"concept-tw-{viewport['width']}.png"), full_page=True)
    # The search dialog's messages are the region's too (Material reads them when search opens).
    if viewport is PHONE:
        page.click('label.md-header__button[for="__search"]')
    page.locator("input.md-search__input").click()
    page.keyboard.insert_text("zzqqxx")
    page.wait_for_function("document.querySelector('.md-search-result__meta').innerText.includes('沒有')", timeout=15000)
    # results show the region's term and definition
    page.locator("input.md-search__input").fill("")
    page.keyboard.insert_text("保修")
    page.wait_for_selector(".md-search-result__item a[data-as-edition='zh-Hant-TW']", timeout=15000)
    first = page.locator(".md-search-result__item").first
    assert "售後保固" in first.inner_text() and first.locator("article").get_attribute("lang") == "zh-Hant-TW"
    assert "保修期" not in first.locator("article").inner_text()  # the definition, converted: 保固期
    # the name that matched stays as typed (保修), its label is in the edition's script
    label = first.locator(".as-result-name").inner_text()
    assert "保修" in label and "簡體" in label and "許用" in label and "简体" not in label, label
    page.keyboard.press("Escape")
    page.goto(base_url + "standards/returns/")  # the choice follows the reader, standards included
    page.wait_for_selector('html[data-as-edition="zh-Hant-TW"]', state="attached", timeout=10000)
    assert page.locator("article").get_attribute("lang") == "zh-Hant-TW"
    assert "退換貨" in page.inner_text("article h1") and "服務規範" in _chrome(page)
    # hidden while the edition loaded (no flash of 简体), shown once it is applied
    assert not page.evaluate("document.documentElement.classList.contains('as-edition-loading')")
    assert page.locator("header").is_visible() and page.locator("article h1").is_visible()
    page.goto(base_url + "rules/")
    page.wait_for_selector('html[data-as-edition="zh-Hant-TW"]', state="attached", timeout=10000)
    assert "措辭規則" in page.inner_text("article h1") + _chrome(page)
    _choose(page, "繁體（香港）", "zh-Hant-HK")
    assert page.locator("article").get_attribute("lang") == "zh-Hant-HK"
    assert page.evaluate("document.documentElement.lang") == "zh-Hant-HK"
    _choose(page, "简体", "zh-Hans")
    assert page.locator("article").get_attribute("lang") is None and "措辞规则" in page.inner_text("article h1")
    assert "按领域" in _chrome(page) and page.evaluate("document.documentElement.lang") == "zh-Hans"
    page.evaluate("localStorage.clear()")
    assert not page.errors
    page.close()


def test_the_404_page_at_a_deep_address_switches_to_traditional_without_material_s_script(  # type: ignore[no-untyped-def]
        browser, base_url: str, built_site: Path) -> None:
    page = new_page(browser, DESKTOP)
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url))
    # what a server does for a missing page: its 404.html, at the address asked for
    page.route("**/no/such/page/", lambda route: route.fulfill(status=404, path=str(built_site / "404.html")))
    page.goto(base_url + "no/such/page/")
    assert "找不到这个页面" in page.inner_text("article h1")
    _choose(page, "繁體（台灣）", "zh-Hant-TW")
    assert "找不到這個頁面" in page.inner_text("article h1") and "搜尋" in _chrome(page)
    assert page.locator("article").get_attribute("lang") == "zh-Hant-TW"
    assert not [u for u in loaded if "/bundle." in u], loaded  # Material's script waits for search
    page.close()


def test_a_chosen_tab_follows_the_reader_before_search_is_opened(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """Material's script is not loaded until search opens: the site script remembers the tab."""
    page = new_page(browser, DESKTOP)
    page.goto(base_url + "concepts/three-guarantees/")
    assert page.evaluate("document.documentElement.classList.contains('no-js')")  # Material's script not run
    page.locator(".tabbed-labels label", has_text="English").first.click()
    page.goto(base_url + "concepts/return/")
    assert page.locator('.tabbed-block[lang="en"]').first.is_visible()
    page.evaluate("localStorage.clear()")
    assert not page.errors
    page.close()


def test_english_changelog_page_says_english_in_every_edition(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, PHONE)
    page.goto(base_url + "changelog/")
    page.locator("article a", has_text="Glossary changelog").click()
    page.wait_for_url("**/changelog/en/**")
    assert page.locator("article").get_attribute("lang") == "en"
    assert "修订“退货”的定义。" in page.inner_text("article") and "<b>bold?</b>" in page.inner_text("article")
    assert page.locator("article b").count() == 0
    _choose(page, "繁體（台灣）", "zh-Hant-TW")
    assert page.locator("article").get_attribute("lang") == "en"  # the article stays English
    assert "更新記錄" in _chrome(page)  # the page around it is the region's
    _choose(page, "简体", "zh-Hans")
    assert page.locator("article").get_attribute("lang") == "en"
    page.evaluate("localStorage.clear()")
    assert not page.errors
    page.close()
