"""The repository's own glossary site searched in Chromium the way agents search (search_queries.tsv).

Targets of issue 16: the right concept first for at least 90% of the queries, in the first five for at
least 98%, on a desktop and on a 390 px phone. Also: paste and IME composition start a search, the
index is not downloaded before search is opened, results show the matched name and the definition.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from search_runner import ARGS, CHROMIUM, DESKTOP, PHONE, enter, load_queries, open_search, report, run, serve
from site_helpers import REPO, mkdocs_build

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("repo-site") / "site"
    result = mkdocs_build(REPO, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def url(repo_site: Path) -> Iterator[str]:
    with serve(repo_site) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_hit_rates_on_the_agent_query_set(browser, url: str, phone: bool) -> None:  # type: ignore[no-untyped-def]
    queries = load_queries()
    assert len(queries) >= 100
    result = run(browser, url, queries, phone=phone)
    one, five, n = result["rates"]["all"]
    print(report(result))
    assert not result["errors"]
    assert one / n >= 0.90, report(result)
    assert five / n >= 0.98, report(result)
    for kind in ("exact", "designation", "pinyin", "initials", "traditional"):
        k_one, _, k_n = result["rates"][kind]
        assert k_one == k_n, (kind, [m for m in result["misses"] if m[0].kind == kind])


def test_everyday_questions_written_by_another_hand(browser, url: str) -> None:  # type: ignore[no-untyped-def]
    """search_everyday_dev.tsv: 24 customer questions naming no term, written before the everyday
    words of session 6 (15/24 first then); they were seen while writing the words, so this is a floor
    against regressions, not a blind measure."""
    queries = load_queries(Path(__file__).with_name("search_everyday_dev.tsv"))
    assert len(queries) == 24
    result = run(browser, url, queries, phone=False)
    one, five, n = result["rates"]["all"]
    print(report(result))
    assert not result["errors"]
    assert one >= 21 and five >= 24, report(result)  # 23 / 24 after session 6's sentence weighting


# The dev query sets of the independent writers (eval/site/dev/), each a floor against regressions a few
# queries below what the site reached when it was last tuned, with the kinds that must all come first:
# - q1 (130 queries): 86.2% first / 96.9% top five blind on b060c95; session 6 looked at its misses (121-122
#   first, 128 top five);
# - q2 (125): 80.0% / 80.8% first blind; session 7 added situations and English stems without reading its
#   lines (a test keeps every situation off them): 105 first, 123 top five, English 12/14 (10/14 before);
# - q3 (130; phone-typed, pinyin, Hong Kong and Taiwan wording, English questions): 70.0% first blind on
#   01135ea, 83.8% / 94.6% after session 7; session 8 measured its name-share discount with q3 held out
#   (109 -> 113 first), then looked at its misses: 116 first, 125 top five, English 14/17;
# - q4 (130) and q5 (120): dev in session 9 after three blind scores each (70.8% and 65.8% first); h16-f then
#   looked at their misses (q4 105 / 125, q5 86 / 112), h16-g (sentence names, Latin abbreviations among
#   Chinese words, everyday words said in passing, situations) reached q4 113 / 128, q5 92 / 115;
# - q6 (132; session 9 writer): 78.8% first blind on cbb4dd1, 81.1% / 97.7% on a67b85a, dev since session 10;
#   h16-g looked at its misses: 117-118 first, 131 top five (pinyin 14/15: 客户zhisheng, Chinese and pinyin
#   mixed, is third).
# - h16-h (narrower concept first, names in swapped order or said apart, English naming questions,
#   abbreviations' share; designed on q4+q5 and q2+q6, q1 and q3 only checked) reached, first / top five:
#   q1 125/129, q2 114/124 (English 13), q3 119/126 (English 16), q4 114/128, q5 95/115, q6 119/131, the
#   same in node and in Chromium; the floors are one query below (Chromium typing is the only noise).
# - h16-i (a name in the modifier of a noun, before 的, counts 0.3: P.MOD; designed on q4+q5+q8, checked on
#   q1-q3, q6, q7) reached q5 98/115 (from 95) and q7 121/130 (from 120), every other set unchanged, the same
#   in node and in Chromium; floors one below.
# - session 12: 1,960 situations by two independent writers who read only the concepts (no query set):
#   first q2 118, q3 121, q4 120, q5 106, q6 124, q8 129 (from 114, 119, 114, 95, 119, 123); floors one below.
#   A third writer (508 pasted customer messages): q1 127, q2 119, q3 123, q4 122, q5 105 (floor 104), q6 126,
#   q7 122, q8 131.
DEV_SETS = [  # name, queries, first, top five, English first at least, kinds all first
    ("q1", 130, 124, 128, None, ("exact", "pinyin", "initials", "typo")),
    ("q2", 125, 117, 123, 12, ("exact", "pinyin")),
    ("q3", 130, 120, 128, 15, ("exact", "pinyin")),
    ("q4", 130, 119, 128, None, ("exact", "pinyin")),
    ("q5", 120, 104, 117, None, ("exact", "pinyin")),
    ("q6", 132, 123, 131, None, ("exact", "partial")),
    ("q7", 131, 119, 129, 18, ("typo", "initials")),
    ("q8", 135, 128, 133, 12, ("exact", "english", "pinyin", "initials", "typo")),
]


@pytest.mark.parametrize("name, count, first, top_five, english, all_first", DEV_SETS, ids=[d[0] for d in DEV_SETS])
def test_dev_queries_of_the_independent_writers(browser, url: str, name: str, count: int, first: int,  # type: ignore[no-untyped-def]
                                                top_five: int, english: int | None,
                                                all_first: tuple[str, ...]) -> None:
    queries = load_queries(REPO / "eval" / "site" / "dev" / f"{name}-site-queries.tsv")
    assert len(queries) == count
    result = run(browser, url, queries, phone=False)
    one, five, n = result["rates"]["all"]
    print(report(result))
    assert not result["errors"]
    assert one >= first and five >= top_five, report(result)
    if english is not None:
        assert result["rates"]["english"][0] >= english, report(result)
    for kind in all_first:
        k_one, _, k_n = result["rates"][kind]
        assert k_one == k_n, (kind, [m for m in result["misses"] if m[0].kind == kind])


def _transferred(page, address: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Bytes Chromium received per resource (headers and body, as sent) while loading `address`."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
    cdp.on("Network.loadingFinished",
           lambda e: sizes.__setitem__(urls.get(e["requestId"], e["requestId"]), int(e["encodedDataLength"])))
    page.goto(address)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    return sizes


@pytest.fixture(scope="module")
def plain_url(repo_site: Path) -> Iterator[str]:
    """The site from a server that sends files as they are (`python -m http.server`: no compression)."""
    with serve(repo_site, compressed=False) as url:
        yield url


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_concept_page_downloads_at_most_150_kb_before_search_uncompressed(browser, plain_url: str, repo_site: Path,  # type: ignore[no-untyped-def]
                                                                            viewport: dict[str, int]) -> None:
    """Issue 16: everything a concept page loads (HTML, CSS, JS, fonts, images) from a plain server,
    measured as Chromium counts it; the largest concept page of the repository and a small one."""
    largest = max((p.stat().st_size, p.parent.name) for p in (repo_site / "concepts").glob("*/index.html"))[1]
    for concept in (largest, "three-guarantees"):
        page = browser.new_page(viewport=viewport)
        sizes = _transferred(page, plain_url + f"concepts/{concept}/")
        total = sum(sizes.values())
        assert total <= 150_000, (concept, total, sorted(sizes.items(), key=lambda kv: -kv[1]))
        assert not any("bundle." in u or "glossary.json" in u or ".zh-Hant-" in u for u in sizes), sorted(sizes)
        assert any(u.endswith(".css") for u in sizes) and any(u.endswith("site.js") for u in sizes)
        # still a styled, working page: Material's layout applies, and search opens and answers
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        open_search(page, phone=viewport is PHONE)
        assert enter(page, "三包")[0] == "three-guarantees"
        assert any("bundle." in u for u in sizes), "Material's script is loaded once search is opened"
        page.close()


def test_index_is_fetched_only_when_search_opens(browser, url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport=DESKTOP)
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(r.url, (r.sizes() or {}).get("responseBodySize", 0)))
    page.goto(url + "concepts/three-guarantees/")
    page.wait_for_load_state("networkidle")
    assert not any("glossary.json" in u for u in sizes), sorted(sizes)
    before = sum(sizes.values())  # bytes on the wire, from a server that sends the build's .gz files
    assert before <= 150_000, (before, sorted(sizes.items(), key=lambda kv: -kv[1])[:5])
    with page.expect_request(lambda r: "/search/glossary.json?v=" in r.url):
        open_search(page, phone=False)
    page.close()


def test_paste_and_ime_start_a_search_and_results_show_name_and_definition(browser, url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport=PHONE)
    page.goto(url)
    open_search(page, phone=True)
    assert enter(page, "保固")[0] == "after-sales-warranty"  # one input event, no key: a paste
    first = page.locator(".md-search-result__item").first
    assert "售后保修" in first.inner_text() and "保固" in first.inner_text() and "台湾" in first.inner_text()
    assert "质保" in first.locator("article").inner_text() or len(first.locator("article").inner_text()) > 20
    # An IME: composition events around the text; the search starts when the composition ends.
    page.locator("input.md-search__input").fill("")
    page.evaluate("""() => {
        const el = document.querySelector('input.md-search__input');
        el.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
        el.value = 'sanbao';
        el.dispatchEvent(new InputEvent('input', {isComposing: true, data: 'sanbao'}));
        el.value = '三包';
        el.dispatchEvent(new InputEvent('input', {isComposing: true, data: '三包'}));
        el.dispatchEvent(new CompositionEvent('compositionend', {data: '三包'}));
    }""")
    page.wait_for_selector(".md-search-result__item a[href*='three-guarantees']", timeout=8000)
    page.close()
