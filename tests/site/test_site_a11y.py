"""axe-core on every page kind of the repository's site, desktop and 390 px phone, search open too.

axe-core comes from npm: `npm install --prefix tests/site/axe` (package.json there pins it).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from a11y import AXE, PAGES, axe_findings
from search_runner import ARGS, CHROMIUM, DESKTOP, PHONE, enter, open_search, serve
from site_helpers import REPO, mkdocs_build

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)
if not AXE.is_file():
    pytest.skip("axe-core is not installed: npm install --prefix tests/site/axe", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("a11y-site") / "site"
    result = mkdocs_build(REPO, out)
    assert result.returncode == 0, result.stderr
    with serve(out) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_or_critical_axe_findings(browser, url: str, viewport: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport=viewport)
    found = {}
    for path in PAGES:
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        found[path or "/"] = axe_findings(page)
    open_search(page, phone=viewport is PHONE)
    assert enter(page, "三包")[0] == "three-guarantees"
    found["search dialog"] = axe_findings(page)
    page.close()
    assert not any(found.values()), {k: v for k, v in found.items() if v}


def test_page_and_language_blocks_say_their_language(browser, url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport=DESKTOP)
    page.goto(url + "concepts/after-sales-warranty/")
    assert page.evaluate("() => document.documentElement.lang") == "zh-Hans"
    langs = page.eval_on_selector_all(".tabbed-block", "els => els.map(e => e.lang)")
    assert langs == ["zh-Hans", "zh-Hant-TW", "zh-Hant-HK", "en"]
    page.locator(".tabbed-labels label", has_text="繁體（台灣）").click()
    tw = page.locator('.tabbed-block[lang="zh-Hant-TW"]')
    assert tw.is_visible() and "售後保固" in tw.inner_text()
    assert page.evaluate("() => document.querySelector('.md-search').getAttribute('aria-label')")
    page.close()


@pytest.mark.parametrize("lang, label", [("zh-Hant-TW", "繁體（台灣）"), ("zh-Hant-HK", "繁體（香港）")])
def test_regional_editions_are_axe_clean_and_say_their_language(browser, url: str, lang: str, label: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport=PHONE)
    found = {}
    for path in ("concepts/after-sales-warranty/", "standards/repair-service/", "rules/"):
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        if page.evaluate("document.documentElement.lang") != lang:
            page.locator(".as-script-choice button", has_text=label).click()
        page.wait_for_selector(f'html[data-as-edition="{lang}"]', state="attached", timeout=10000)
        assert page.evaluate("document.documentElement.lang") == lang
        # the language panels keep their own languages inside the regional page
        assert page.eval_on_selector_all(".tabbed-block", "els => els.map(e => e.lang)") in (
            [], ["zh-Hans", "zh-Hant-TW", "zh-Hant-HK", "en"])
        found[path] = axe_findings(page)
    page.evaluate("localStorage.clear()")
    page.close()
    assert not any(found.values()), {k: v for k, v in found.items() if v}
