"""The site built by MkDocs from the fixture project: pages, escaping, search index, navigation, builder."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from aftersales_std.cli import main
from site_helpers import make_project, mkdocs_build


ESCAPED = re.compile(rb"(?<!\\)\\u[0-9a-fA-F]{4}")  # \uXXXX, but not the separator's \\u200b


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_pages_are_generated_in_memory(built_site: Path) -> None:
    for path in ("index.html", "concepts/return/index.html", "concepts/three-guarantees/index.html",
                 "standards/returns/index.html", "terms/index.html", "domains/index.html", "rules/index.html",
                 "changelog/index.html", "downloads/index.html", "search/search_index.json",
                 "search/glossary.json", "assets/aftersales/site.js"):
        assert (built_site / path).is_file(), path
    project = Path(str(built_site).replace("/out", "/project"))
    assert not (project / "site" / "concepts").exists()  # nothing generated is written into site/


def test_home_page_shows_version_and_counts(built_site: Path) -> None:
    home = read(built_site, "index.html")
    assert "怎样查" in home and "<strong>2.3.1</strong>，发布于 2026-11-20" in home
    assert "9 个" in home and "测试术语库 2.3.1" in home  # the footer stamp is on every page
    assert "测试术语库 2.3.1" in read(built_site, "concepts/return/index.html")


def test_script_in_content_is_shown_as_text(built_site: Path) -> None:
    page = read(built_site, "concepts/script-test/index.html")
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in page or "&lt;script&gt;window.&#95;&#95;xss" in page
    assert "<script>window" not in page and 'onerror="' not in page
    assert "<img src" not in page and "<b>test</b>" not in page
    # The index holds content as data (JSON strings); the worker escapes what it shows (see the browser test).
    index = json.loads(read(built_site, "search/glossary.json"))
    assert any("<script>window.__xss" in d["s"] for d in index["docs"])


def test_navigation_holds_index_pages_only(built_site: Path) -> None:
    page = read(built_site, "concepts/return/index.html")
    nav = page.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'class="md-nav__link[^"]*"[^>]*>|href="([^"]+)"', nav)
    hrefs = [h for h in links if h]
    assert 5 <= len(hrefs) <= 10 and not any("concepts/" in h for h in hrefs)


def test_search_index_is_plain_utf8_and_holds_every_designation(built_site: Path) -> None:
    raw = (built_site / "search" / "glossary.json").read_bytes()
    assert not ESCAPED.search(raw) and "退货".encode() in raw
    index = json.loads(raw)
    docs = index["docs"]
    by_url = {d["u"]: i for i, d in enumerate(docs)}
    names = {(n[0], n[1]): n for n in index["names"]}
    seven = by_url["concepts/seven-day-no-reason-return/"]
    assert names[(seven, "七天无理由退货")][2] == 1.0  # preferred
    deprecated = names[(seven, "七天无条件退货")]
    assert deprecated[2] < 1.0 and "不要使用" in deprecated[3] and deprecated[4] == "qi tian wu tiao jian tui huo"
    warranty = by_url["concepts/after-sales-warranty/"]
    assert "台湾" in names[(warranty, "保固")][3]
    assert docs[seven]["t"] == "七天无理由退货" and docs[seven]["s"]  # title and definition for the result
    assert "standards/returns/" in by_url  # standards are found by title
    assert not any(u.startswith(("terms/", "domains/", "changelog/")) for u in by_url)
    # Material's own index keeps only its configuration: it is fetched on every page.
    assert json.loads(read(built_site, "search/search_index.json"))["docs"] == []


def test_our_worker_replaces_lunr_and_nothing_unused_is_shipped(built_site: Path) -> None:
    worker = next((built_site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert "aftersales-std glossary search" in worker.read_text(encoding="utf-8")
    assert not list(built_site.rglob("*.map"))
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()


def test_the_worker_is_named_by_the_hash_of_what_search_reads(built_site: Path) -> None:
    """A new glossary release gives the worker a new name, and the index and editions are asked for with
    that name's hash as their version, so no browser pairs a cached old index with a new site."""
    import hashlib
    folder = built_site / "assets" / "javascripts" / "workers"
    (worker,) = folder.glob("search.*.min.js")
    digest = hashlib.sha256(worker.read_bytes())
    parts = [(built_site / "search" / "glossary.json").read_bytes()]
    parts += [p.read_bytes() for p in sorted((built_site / "search").glob("glossary.*.js"))]
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    assert worker.name == f"search.{digest.hexdigest()[:8]}.min.js"
    pages = list(built_site.rglob("*.html"))
    for page in pages:
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page.read_text(encoding="utf-8"))
        if config:
            assert json.loads(config.group(1))["search"].endswith("workers/" + worker.name), page
    assert "?v=" in worker.read_text(encoding="utf-8")


def test_plugin_can_be_disabled(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    config = read(project, "mkdocs.yml").replace("  - aftersales-glossary\n", "  - aftersales-glossary:\n      enabled: false\n")
    config = re.sub(r"nav:\n(  - .*\n)+", "nav:\n  - 首页: index.md\n", config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "index.html").is_file() and not (tmp_path / "out" / "concepts").exists()


def test_invalid_content_is_a_plugin_error_not_a_traceback(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    concept = project / "glossary" / "concepts" / "return.yaml"
    concept.write_text(read(project, "glossary/concepts/return.yaml").replace("status: valid", "status: vaild", 1),
                       encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "glossary/concepts/return.yaml:2:9: AS204" in result.stderr


def test_serve_watches_the_yaml_content(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    project = make_project(tmp_path / "p")
    config = load_config(str(project / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    watched = {Path(p).resolve() for p in config.watch}
    assert (project / "glossary").resolve() in watched and (project / "standards").resolve() in watched
    search = config.plugins["material/search"]
    assert search.config.lang == ["zh"] and Path(search.config.jieba_dict_user).is_file()
    assert "三保" in Path(search.config.jieba_dict_user).read_text(encoding="utf-8").split()


def test_aftersales_build_builds_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p")
    monkeypatch.chdir(project)
    assert main(["build", "--only", "site", "--out", str(tmp_path / "out")]) == 0
    site = tmp_path / "out" / "site"
    assert (site / "concepts" / "three-guarantees" / "index.html").is_file()
    assert not ESCAPED.search((site / "search" / "glossary.json").read_bytes())
    assert "site" in capsys.readouterr().err


def test_aftersales_build_without_mkdocs_yml_uses_a_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p")
    (project / "mkdocs.yml").unlink()
    shutil.rmtree(project / "site")
    monkeypatch.chdir(project)
    assert main(["build", "--only", "site", "--out", str(tmp_path / "out")]) == 0
    site = tmp_path / "out" / "site"
    assert (site / "concepts" / "return" / "index.html").is_file()
    assert "测试术语库" in (site / "index.html").read_text(encoding="utf-8")


def test_downloads_page_links_the_files_it_offers(built_site: Path) -> None:
    """The termbase exports (another package) are offered when it works; otherwise the page says why."""
    page = read(built_site, "downloads/index.html")
    linked = set(re.findall(r'href="(glossary-2\.3\.1\.(?:json|csv|tbx))"', page))
    present = {p.name for p in (built_site / "downloads").glob("glossary-*")}
    assert linked == present
    assert present or "尚未提供" in page or "无法导出" in page


def test_concept_pages_skip_markdown_but_keep_links_and_contents(built_site: Path) -> None:
    """Concept pages are HTML already (mkdocs_plugin.page.HtmlPage): links to page sources still become
    site URLs and the headings still make the table of contents."""
    page = read(built_site, "concepts/three-guarantees/index.html")
    assert '<a href="../../domains/#domain-tui-huan-huo">退换货</a>' in page
    assert '<a href="../../standards/returns/#clause-4-1">' in page
    assert ".md" not in "".join(re.findall(r'href="([^"]*)"', page))
    toc = page.split('md-nav--secondary', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="#([^"]+)"', toc) == ["definition", "standards", "rules"]
    assert '<h1 id="term">三包</h1>' in page and "<title>三包 - " in page
    terms = read(built_site, "terms/index.html")  # an index page, HTML too, in the navigation
    assert '<li><a href="../concepts/return/">退货</a> — return · tuì huò</li>' in terms
    nav = page.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "按拼音" in nav and "按拼音索引" not in nav and "按领域" in nav  # the titles given in `nav`


def test_a_broken_link_in_a_concept_page_is_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files

    from aftersales_std.mkdocs_plugin.page import HtmlPage

    project = make_project(tmp_path / "p")
    config = load_config(str(project / "mkdocs.yml"))
    source = '---\ntitle: "x"\n---\n\n<h1 id="term">x</h1>\n<p><a href="../concepts/nowhere.md">y</a></p>\n'
    file = File("concepts/x.md", src_dir=None, dest_dir=str(tmp_path / "out"), use_directory_urls=True)
    file.content_string = source
    page = HtmlPage(None, file, config)
    page.read_source(config)
    with caplog.at_level("WARNING", logger="mkdocs.structure.pages"):
        page.render(config, Files([file]))
    assert page.content == '<h1 id="term">x</h1>\n<p><a href="../concepts/nowhere.md">y</a></p>'
    assert "'concepts/nowhere.md' is not found among documentation files" in caplog.text
    assert page.title == "x" and [t.id for t in page.toc] == ["term"] and page.present_anchor_ids == {"term"}
