"""The "site" kind of `aftersales build`: run MkDocs on the project's mkdocs.yml into the staging folder."""
from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aftersales_std.errors import AftersalesError, UsageError
from aftersales_std.outputs import BuildContext

DEFAULT_CONFIG = """\
site_name: {name}
docs_dir: {docs}
theme: {{name: material, language: zh, features: [search.highlight, search.suggest, content.tabs.link]}}
plugins:
  - search: {{lang: zh}}
  - aftersales-glossary: {{project: {root}}}
markdown_extensions: [toc, tables, attr_list, admonition, pymdownx.details, pymdownx.superfences, pymdownx.tilde,
                      {{pymdownx.tabbed: {{alternate_style: true}}}}]
"""


def build_site(ctx: BuildContext) -> list[Path]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from aftersales_std.mkdocs_plugin.plugin import preloaded

    ctx.progress.update("building site: MkDocs + Material ...")
    with _config_file(ctx) as config_file, preloaded(ctx.project.root, ctx.model), _quiet():
        try:
            config = load_config(str(config_file), site_dir=str(ctx.out))
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as exc:
            cause = exc.__cause__
            if isinstance(cause, AftersalesError):
                raise cause from None
            raise UsageError(f"site: {exc}") from None
    return sorted(p for p in ctx.out.rglob("*") if p.is_file())


@contextmanager
def _config_file(ctx: BuildContext) -> Iterator[Path]:
    """The project's mkdocs.yml, or a default one when the project has none."""
    own = ctx.project.root / "mkdocs.yml"
    if own.is_file():
        from aftersales_std.mkdocs_plugin.trust import check_mkdocs_config

        check_mkdocs_config(ctx.project, own)  # MkDocs' loader would run !!python tags and hooks
        yield own
        return
    name = ctx.model.glossary.name.get("zh-Hans").replace('"', "")
    docs = ctx.project.content_dir("site")
    with tempfile.TemporaryDirectory(prefix="aftersales-site-") as tmp:
        if not docs.is_dir():
            docs = Path(tmp) / "docs"
            docs.mkdir()
        path = Path(tmp) / "mkdocs.yml"
        path.write_text(DEFAULT_CONFIG.format(name=f'"{name}"', docs=_yaml_path(docs),
                                              root=_yaml_path(ctx.project.root)), encoding="utf-8")
        yield path


def _yaml_path(path: Path) -> str:
    return '"' + path.as_posix().replace("\\", "\\\\").replace('"', '\\"') + '"'


@contextmanager
def _quiet() -> Iterator[None]:
    """MkDocs logs every step at INFO and the Material banner on stdout; keep `aftersales build` readable."""
    import jieba  # noqa: F401  (it sets its logger to DEBUG when imported: import it first)

    loggers = [logging.getLogger(name) for name in ("mkdocs", "jieba")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)

