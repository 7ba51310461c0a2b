"""The Jinja2 environment: project templates override the bundled ones file by file, always sandboxed.

Templates are looked up first in the project's `templates/` folder, then in the bundled one, so a company
changes the wording of one document by copying that single file into its project. Every template renders
in Jinja2's SandboxedEnvironment with StrictUndefined: a project's templates cannot reach Python internals,
and a misspelt variable is an error, not an empty string. Errors name the template file and line.
"""
from __future__ import annotations

import re
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from aftersales_std.chinese import to_traditional
from aftersales_std.errors import AftersalesError, ContentError, Finding
from aftersales_std.project import Project, display_path
from aftersales_std.render.markdown import tidy
from aftersales_std.render.sandbox import LimitedEnvironment, RenderLimit, render_limited
from aftersales_std.resources import bundled_root


def template_dirs(project: Project) -> list[Path]:
    """Search path: the project's templates folder first, then the bundled templates (deduplicated)."""
    dirs = [project.content_dir("templates")]
    try:
        dirs.append((bundled_root() / "templates").resolve())
    except AftersalesError:  # an installation without bundled content still renders the project's own templates
        pass
    return [d for i, d in enumerate(dirs) if d.is_dir() and d not in dirs[:i]]


def make_environment(dirs: list[Path], lang: str, opencc: str = "s2t") -> SandboxedEnvironment:
    env = LimitedEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs], encoding="utf-8"),
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True, auto_reload=False, extensions=["jinja2.ext.do"])
    env.globals["lang"] = lang
    env.globals["nolint"] = NOLINT
    env.globals["labels"] = lambda table: select_labels(table, lang, opencc)
    env.filters["md"] = md_escape
    env.filters["cell"] = md_cell
    env.filters["quote"] = md_quote
    return env


NOLINT = "<!-- aftersales: disable=all -->"  # the linter's suppression: for lines quoting what not to say


def select_labels(table: dict[str, dict[str, str]], lang: str, opencc: str = "s2t") -> dict[str, str]:
    """The labels of one language from {lang: {key: text}}; zh-Hant falls back to zh-Hans via OpenCC."""
    if lang in table:
        base = dict(table.get("zh-Hans", {})) if lang == "zh-Hant" else {}
        base.update(table[lang])
        return base
    if lang == "zh-Hant" and "zh-Hans" in table:
        return {k: to_traditional(v, opencc) for k, v in table["zh-Hans"].items()}
    return dict(table.get("zh-Hans") or next(iter(table.values()), {}))


_MD_SPECIAL = str.maketrans({"\\": "\\\\", "*": "\\*", "`": "\\`", "|": "\\|", "[": "\\[", "]": "\\]"})


_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")  # what starts raw HTML or an autolink in Markdown


def md_escape(value: Any) -> str:
    """Text that Markdown shows as written: *, `, |, [ ] and \\ are escaped, and a < that would start
    HTML (<script>, <img onerror=...>, <!-- -->) or an autolink becomes &lt; (every Markdown reads it)."""
    return _HTML_START.sub("&lt;", str(value).translate(_MD_SPECIAL))


def md_cell(value: Any) -> str:
    """A table cell: escaped, on one line."""
    return " ".join(md_escape(value).split("\n")).strip() or " "


def md_quote(value: Any) -> str:
    """A block quote of several lines (an email reply): every line escaped and quoted."""
    return "\n".join(f"> {md_escape(line)}".rstrip() for line in str(value).strip("\n").split("\n"))


class Renderer:
    """Renders named templates; every template error becomes a ContentError naming file and line."""

    def __init__(self, project: Project, lang: str, dirs: list[Path] | None = None,
                 globals: dict[str, Any] | None = None) -> None:
        self.dirs = dirs if dirs is not None else template_dirs(project)
        self.env = make_environment(self.dirs, lang, project.opencc)
        self.env.globals.update(globals or {})

    def render(self, name: str, **context: Any) -> str:
        try:
            return tidy(render_limited(self.env.get_template(name), context))
        except jinja2.TemplateNotFound as exc:
            searched = ", ".join(display_path(d) for d in self.dirs) or "no templates folder"
            raise ContentError(f"template {exc.name} not found (searched {searched})") from None
        except jinja2.TemplateSyntaxError as exc:
            raise self._error(exc.filename or name, exc.lineno, "AS501", f"template syntax error: {exc.message}")
        except (RenderLimit, RecursionError, MemoryError, OverflowError) as exc:  # the sandbox's limits
            path, line = template_position(exc.__traceback__, getattr(exc, "filename", None) or self._file(name))
            what = "recursion too deep (a macro calling itself, or blocks nested too deeply)" if isinstance(exc, RecursionError) else \
                "out of memory" if isinstance(exc, MemoryError) else str(exc)
            raise self._error(path, line, "AS504", f"template over a limit: {what}") from None
        except AftersalesError:
            raise
        except Exception as exc:  # any other failure of a template is the template's error, not ours
            path, line = template_position(exc.__traceback__, name)
            code = "AS503" if isinstance(exc, SecurityError) else "AS502"
            raise self._error(path, line, code, f"template error: {type(exc).__name__}: {exc}") from None

    def _file(self, name: str) -> str:
        try:
            return self.env.loader.get_source(self.env, name)[1] or name  # type: ignore[union-attr]
        except Exception:
            return name

    def _error(self, path: str, line: int, code: str, message: str) -> ContentError:
        shown = display_path(Path(path)) if Path(path).is_absolute() else path
        finding = Finding(shown, line, 0, code, message)
        return ContentError(f"a template failed to render: {shown}:{line}", [finding])


def template_position(tb: TracebackType | None, default: str) -> tuple[str, int]:
    """The innermost template frame of a traceback (Jinja2 rewrites frames to template file and line)."""
    found = (default, 0)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename.endswith(".jinja"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


__all__ = ["Renderer", "make_environment", "md_cell", "md_escape", "select_labels", "template_dirs"]
