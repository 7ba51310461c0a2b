"""MkDocs hooks. Everything real happens in aftersales_std.sitegen; this module only wires it in."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import PathSpec
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from aftersales_std import sitegen
from aftersales_std.errors import AftersalesError, ContentError
from aftersales_std.model import Model
from aftersales_std.sitegen import search_glossary
from aftersales_std.sitegen.synonyms import FILE_NAME as SYNONYMS, load_synonyms
from aftersales_std.mkdocs_plugin.config import GlossaryPluginConfig
from aftersales_std.mkdocs_plugin.page import HtmlPage, nav_titles

log = logging.getLogger("mkdocs.plugins.aftersales-glossary")
ASSETS = Path(__file__).resolve().parents[1] / "sitegen" / "assets"
SITE_JS = "assets/aftersales/site.js"  # paste/IME search, copy buttons, regional choice, file:// links
_preloaded: dict[Path, Model] = {}
# Material's script tag; with `light` the site script loads it when search is opened (see site.js).
# Material's 404 text is English; an agent reads Chinese (the 繁體 editions convert it like any page)
NOT_FOUND = ('<h1>找不到这个页面（404）</h1>\n<p>这个地址没有页面，可能已经改名或删除。'
             '请用上方的搜索查找术语（可以输入拼音或客户原话），或回到<a href="/">首页</a>。</p>')
_PLACEHOLDER = '"search.result.placeholder": "\\u952e\\u5165\\u4ee5\\u5f00\\u59cb\\u641c\\u7d22"'  # 键入以开始搜索
_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


@contextmanager
def preloaded(root: Path, model: Model) -> Iterator[None]:
    """Let `aftersales build` hand over the model it has already validated, instead of loading it twice."""
    _preloaded[root.resolve()] = model
    try:
        yield
    finally:
        _preloaded.pop(root.resolve(), None)


class GlossaryPlugin(BasePlugin[GlossaryPluginConfig]):
    def __init__(self) -> None:
        self.pages: dict[str, str | bytes] = {}
        self.ctx: sitegen.SiteContext | None = None
        self.urls: dict[str, str] = {}  # generated page source path -> URL in the site
        self.synonyms: dict[str, tuple[str, ...]] = {}
        self._converters: dict[str, Any] | None = None
        self._script_strings: tuple[str, ...] = ()
        self._index: tuple[dict[str, Any], bytes] | None = None
        self._index_said: str | None = None

    @event_priority(50)  # before the search plugin reads its jieba options
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.urls = {}
        self._index = None
        self._index_said = None
        self._converters = None
        root = Path(self.config.project or Path(config.config_file_path or ".").parent).resolve()
        try:
            model = _preloaded.get(root) or _load(root)
            glossary_dir = _glossary_dir(root)
            self.ctx = sitegen.context_for(model, glossary_dir, with_downloads=self.config.downloads)
            self.pages = sitegen.generated_files(self.ctx)
            self.synonyms = load_synonyms(glossary_dir / SYNONYMS, model, f"glossary/{SYNONYMS}")
        except AftersalesError as exc:
            raise PluginError(_describe(exc)) from exc
        _configure_search(config, sitegen.user_dictionary(model))
        if config.nav is None:
            config.nav = sitegen.NAV
        if config.not_in_nav is None:
            config.not_in_nav = PathSpec().run_validation(sitegen.NOT_IN_NAV)
        stamp = f"{model.glossary.name.get('zh-Hans')} {model.glossary.version}"
        config.copyright = sitegen.markup.attr(f"{config.copyright} · {stamp}" if config.copyright else stamp)
        config.watch.extend(str(p) for p in _content_dirs(root) if p.is_dir())
        if SITE_JS not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(SITE_JS)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        titles = nav_titles(config.nav)
        files.append(File.generated(config, SITE_JS, content=(ASSETS / "site.js").read_bytes()))
        for path, content in self.pages.items():
            if files.get_file_from_path(path) is not None:
                if path != "index.md":
                    log.warning(f"site/{path} is written by hand; the generated page of the same name is skipped")
                continue
            file = File.generated(config, path, content=content)
            if sitegen.prerendered(path):
                # Its body is HTML: no Python-Markdown. MkDocs keeps a page a plugin sets on the file,
                # also in the navigation (whose title for it must then come from us).
                HtmlPage(titles.get(path), file, config)
            files.append(file)
            self.urls[path] = file.url
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.ctx is None or page.file.generated_by is not None:
            return None
        return sitegen.fill_markers(markdown, self.ctx, page.file.src_uri)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Material writes the theme language ("zh"); the content is zh-Hans (blocks in other
        scripts carry their own lang). Set it only where the theme language is plain Chinese.
        Then: the page's regional editions beside it, and Material's script deferred until search."""
        if not self.config.enabled:
            return None
        src = page.file.src_uri
        concept = self.ctx.concept(src[len("concepts/"):-3]) if self.ctx is not None and src.startswith("concepts/") else None
        own_lang = page.meta.get("lang") if isinstance(page.meta.get("lang"), str) else None
        return self._finish(output, Path(config.site_dir) / page.file.dest_uri, concept, own_lang)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        """The 404 page is a theme template, not a page: it gets the same language, 繁體 editions and
        deferred theme script. It is served at any address, so its editions are named from the root,
        as Material names its assets there."""
        if not self.config.enabled or template_name != "404.html":
            return None
        output_content = output_content.replace("<h1>404 - Not found</h1>", NOT_FOUND, 1)
        return self._finish(output_content, Path(config.site_dir) / "404.html", None, None, root="/")

    def _search_index(self) -> tuple[dict[str, Any], bytes]:
        """The search index and its bytes, made once per build (pages say its size)."""
        if self._index is None:
            assert self.ctx is not None
            pages = [(self.urls[sitegen.standard_path(std.id)], std.title.get("zh-Hans"),
                      std.scope.get("zh-Hans") + " " + " ".join(c.title.get("zh-Hans") for c in std.clauses))
                     for std in self.ctx.model.standards if sitegen.standard_path(std.id) in self.urls]
            index = search_glossary.build_index(self.ctx, self.urls, pages, self.synonyms)
            self._index = (index, search_glossary.dumps(index))
        return self._index

    def _say_index_size(self, output: str) -> str:
        """The search dialog's first line says what opening search downloads, once: the index's size
        compressed (what a gzip server sends) and plain."""
        if self.ctx is None or _PLACEHOLDER not in output:
            return output
        if self._index_said is None:
            data = self._search_index()[1]
            packed = len(gzip.compress(data, compresslevel=9, mtime=0))
            text = f"键入以开始搜索（第一次搜索时下载索引：约 {packed / 1024:.0f} KB，不压缩 {len(data) / 1024:.0f} KB）"
            self._index_said = f'"search.result.placeholder": {json.dumps(text)}'
        return output.replace(_PLACEHOLDER, self._index_said, 1)

    def _finish(self, output: str, dest: Path, concept: Any, own_lang: str | None, root: str = "") -> str:
        output = self._say_index_size(output)
        for plain in ('<html lang="zh" ', '<html lang="zh">'):
            if plain in output[:400]:
                output = output.replace(plain, plain.replace('"zh"', '"zh-Hans"'), 1)
                break
        if own_lang and re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", own_lang):
            # a page in another language (front matter `lang: en`): its article says so
            output = output.replace('<article class="md-content__inner md-typeset">',
                                    f'<article class="md-content__inner md-typeset" lang="{own_lang}">', 1)
        data: dict[str, Any] = {}
        if self.config.regional and self.ctx is not None:
            from aftersales_std.sitegen import regional

            if self._converters is None:
                self._converters = regional.converters(self.ctx.model)
                self._script_strings = tuple(regional.script_strings((ASSETS / "site.js").read_text(encoding="utf-8")))
            stem = dest.name.rsplit(".", 1)[0]
            dest.parent.mkdir(parents=True, exist_ok=True)
            data["editions"] = {}
            editions = regional.editions(output, self._converters, concept, self._script_strings,
                                         article=not own_lang or own_lang.startswith("zh"))
            for lang, script in editions.items():
                _write(dest.parent / f"{stem}.{lang}.js", script.encode("utf-8"))
                data["editions"][lang] = f"{root}{stem}.{lang}.js"
        if self.config.light:
            m = _BUNDLE.search(output)
            if m is not None:
                data["theme"] = m.group(1)
                output = output[:m.start()] + output[m.end():]
        if data:
            tag = ('<script id="__as_page" type="application/json">'
                   + json.dumps(data, ensure_ascii=False).replace("</", "<\\/") + "</script>")
            # before the site script, which reads it as it starts
            anchor = '<script id="__config"' if '<script id="__config"' in output else "</body>"
            output = output.replace(anchor, tag + "\n" + anchor, 1)
        return output

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """MkDocs makes a new template environment for every build: within one, Jinja need not check
        the theme's files for changes on every include (about 40 stat calls per page)."""
        if self.config.enabled:
            env.auto_reload = False
        return env

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Our search replaces Material's lunr search behind Material's own dialog: the index of
        designations (search/glossary.json), read by our worker in place of Material's; Material's
        page-text index shrinks to its configuration (it is fetched on every page), and the lunr
        language files and source maps nobody loads are removed."""
        if not self.config.enabled or self.ctx is None:
            return
        site = Path(config.site_dir)
        workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
        if not workers:
            return
        index, data = self._search_index()
        (site / "search").mkdir(exist_ok=True)
        _write(site / "search" / "glossary.json", data)
        versioned = [data]  # what the worker's name is a hash of, with the worker itself
        if self.config.regional:
            from aftersales_std.sitegen import regional

            if self._converters is None:
                self._converters = regional.converters(self.ctx.model)
            by_url = {self.urls[sitegen.concept_path(c.id)]: c for c in self.ctx.model.glossary.concepts
                      if sitegen.concept_path(c.id) in self.urls}
            for lang, script in sorted(regional.search_editions(index["docs"], by_url, self._converters).items()):
                _write(site / "search" / f"glossary.{lang}.js", script.encode("utf-8"))
                versioned.append(script.encode("utf-8"))
        material_index = site / "search" / "search_index.json"
        if material_index.is_file():
            data = json.loads(material_index.read_bytes())
            small = json.dumps({"config": data.get("config", {}), "docs": []}, ensure_ascii=False, separators=(",", ":"))
            _write(material_index, small.encode("utf-8"))
            # What Material loads instead on file:// (else it reports "Invalid script" on every page).
            _write(material_index.with_suffix(".js"), f"var __index = {small};\n".encode("utf-8"))
        worker = search_glossary.worker_script((ASSETS / "search-worker.js").read_text(encoding="utf-8")).encode("utf-8")
        _version_worker(site, workers, worker, versioned)
        shutil.rmtree(site / "assets" / "javascripts" / "lunr", ignore_errors=True)
        for source_map in (site / "assets").rglob("*.map"):
            source_map.unlink()
        _sitemap(site, config, sorted(set(self.urls.values()) | _hand_written(config)))
        if self.config.light:
            from aftersales_std.sitegen.lightweight import prune_site

            for name, (before, after) in prune_site(site, _write).items():
                log.info(f"{name}: {before:,} -> {after:,} bytes (rules the site uses)")
        if self.config.precompress:
            precompress(site)


def _version_worker(site: Path, workers: list[Path], worker: bytes, versioned: list[bytes]) -> None:
    """Our worker under a name of its own, search.<hash>.min.js, the hash of the worker and of the index
    files it and the site script read with that hash as their version (?v=): Material's name (the hash of
    Material's worker) would stay the same from one glossary release to the next, and browsers would keep
    the old worker and index. Every page's configuration is pointed at the new name."""
    digest = hashlib.sha256(worker)
    for part in versioned:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    name = f"search.{digest.hexdigest()[:8]}.min.js"
    folder = workers[0].parent
    _write(folder / name, worker)
    old = [p.name for p in workers if p.name != name]
    if not old:
        return
    pattern = re.compile("workers/(?:" + "|".join(re.escape(n) for n in old) + ")")
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = pattern.sub("workers/" + name, text)
        if changed != text:
            _write(page, changed.encode("utf-8"))
    for stale in old:
        (folder / stale).unlink(missing_ok=True)
        (folder / (stale + ".gz")).unlink(missing_ok=True)


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg")


def precompress(site: Path, minimum: int = 1024) -> None:
    """A .gz beside every text file over 1 KB, for servers that send them as they are (nginx
    gzip_static, Caddy precompressed, a CDN): pages then download about a quarter of their bytes."""
    downloads = site / "downloads"  # files offered for saving stay as they are
    for path in sorted(site.rglob("*")):
        if path.suffix in COMPRESSIBLE and path.is_file() and path.stat().st_size >= minimum \
                and downloads not in path.parents:
            data = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)  # same bytes on every build
            _write(path.with_name(path.name + ".gz"), data)


def _hand_written(config: MkDocsConfig) -> set[str]:
    docs = Path(config.docs_dir)
    urls = set()
    for md_file in docs.rglob("*.md"):
        rel = md_file.relative_to(docs).with_suffix("").as_posix()
        rel = "" if rel == "index" else rel[: -len("/index")] + "/" if rel.endswith("/index") else rel + "/"
        urls.add(rel)
    return urls


def _sitemap(site: Path, config: MkDocsConfig, urls: list[str]) -> None:
    """MkDocs leaves sitemap.xml empty without `site_url`: list every page, absolute when site_url is
    set (as the protocol wants), else relative to the site root (enough for Material and crawlers
    given the file's own address)."""
    from xml.sax.saxutils import escape

    path = site / "sitemap.xml"
    if path.is_file() and b"<url>" in path.read_bytes():
        return
    base = (config.site_url or "").rstrip("/")
    locs = [f"{base}/{u}" if base else (u or "./") for u in urls if not u.startswith(("downloads/glossary",))]
    body = "".join(f"  <url><loc>{escape(loc)}</loc></url>\n" for loc in locs)
    _write(path, ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                  f"{body}</urlset>\n").encode("utf-8"))
    gz = site / "sitemap.xml.gz"
    if gz.exists():
        _write(gz, gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def _write(path: Path, data: bytes) -> None:
    """Write next to the target, then rename: never a half-written file over a good one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def _load(root: Path) -> Model:
    from aftersales_std.assemble import load_model
    from aftersales_std.project import open_project

    return load_model(open_project(root))


def _glossary_dir(root: Path) -> Path:
    from aftersales_std.project import open_project

    return open_project(root).glossary_dir


def _content_dirs(root: Path) -> list[Path]:
    from aftersales_std.project import open_project

    project = open_project(root)
    return [project.glossary_dir, project.content_dir("standards"), project.content_dir("checks"),
            project.root / "aftersales.yaml"]


def _describe(exc: AftersalesError) -> str:
    lines = [str(exc)]
    if isinstance(exc, ContentError):
        lines += [f.format() for f in exc.findings[:20]]
        if len(exc.findings) > 20:
            lines.append(f"... and {len(exc.findings) - 20} more; run `aftersales validate`")
    return "\n".join(lines)


def _search_plugin(config: MkDocsConfig) -> Any:
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "search":
            return plugin
    return None


def _configure_search(config: MkDocsConfig, dictionary: str) -> None:
    """Chinese search: lang zh unless set, and jieba fed our user dictionary (merged with the user's own)."""
    search = _search_plugin(config)
    if search is None or not hasattr(search.config, "jieba_dict_user"):
        return
    if not search.config.lang:
        search.config.lang = ["zh"]
    own = search.config.jieba_dict_user
    if own and Path(own).is_file():
        dictionary = Path(own).read_text(encoding="utf-8").rstrip("\n") + "\n" + dictionary
    digest = hashlib.sha256(dictionary.encode("utf-8")).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / "aftersales-std" / f"jieba-user-{digest}.txt"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(dictionary, encoding="utf-8")
        tmp.replace(path)
    search.config.jieba_dict_user = str(path)
