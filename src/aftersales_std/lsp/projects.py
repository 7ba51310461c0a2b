"""Projects as the editor sees them: found from a document's folder, rules loaded once per project,
reloaded when one of their inputs changes, and a broken project kept as a value, never raised."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aftersales_std.errors import AftersalesError, ContentError, Finding
from aftersales_std.lint import RuleSet
from aftersales_std.loading import load_file
from aftersales_std.lsp import adapter
from aftersales_std.project import CONFIG_NAME, DEFAULT_CONTENT, Project, open_project

log = logging.getLogger("aftersales.lsp")
RULE_INPUTS = ("checks", "glossary")  # content kinds the compiled rules are made from (with the config)
INFO_INPUTS = ("standards",)  # content kinds hover text is made from (with mkdocs.yml)


def find_root(folder: Path) -> Path | None:
    """The nearest folder upwards (from `folder` itself) holding aftersales.yaml."""
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate
    return None


@dataclass
class ProjectState:
    root: Path
    project: Project | None = None
    rules: RuleSet | None = None
    error: str | None = None  # why the rules could not be loaded
    problems: list[Finding] = field(default_factory=list)  # where (in rule, glossary or config files)
    fingerprint: tuple[Any, ...] = ()
    _clauses: dict[str, dict[str, Any]] | None = None
    _site: tuple[str | None, bool] | None = None

    @property
    def ok(self) -> bool:
        return self.rules is not None

    def content_dir(self, kind: str) -> Path:
        if self.project is not None:
            return self.project.content_dir(kind)
        return (self.root / DEFAULT_CONTENT[kind]).resolve()

    @property
    def lint_config(self) -> dict[str, Any]:
        return self.project.lint if self.project is not None else {}

    def rel(self, path: Path) -> str:
        """The path as the config's globs see it: relative to the project folder."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def input_kind(self, path: Path) -> str | None:
        """"rules" when the compiled rules depend on this file, "info" for hover text, else None."""
        path = path.resolve()
        if path == (self.root / CONFIG_NAME).resolve():
            return "rules"
        if path == (self.root / "mkdocs.yml").resolve():
            return "info"
        for kinds, label in ((RULE_INPUTS, "rules"), (INFO_INPUTS, "info")):
            for kind in kinds:
                if path.is_relative_to(self.content_dir(kind)):
                    return label
        return None

    def forget_info(self) -> None:
        self._clauses = None
        self._site = None

    def clause(self, ref: str, lang: str) -> dict[str, Any]:
        """What a rule ref ("communication:4.2") names: standard title and code, clause number and title."""
        if self._clauses is None:
            self._clauses = _read_clauses(self.project.files("standard") if self.project else [])
        std_id, _, number = ref.partition(":")
        entry = self._clauses.get(ref) or self._clauses.get(std_id + ":")
        if entry is None:
            return {"ref": ref, "standard": None, "number": number, "title": None, "code": None}
        return {"ref": ref, "standard": _pick(entry["standard"], lang), "code": entry["code"], "number": number,
                "title": _pick(entry["title"], lang) if ref in self._clauses else None, "id": std_id}

    def site(self) -> tuple[str | None, bool]:
        """(site_url from mkdocs.yml or None, use_directory_urls)."""
        if self._site is None:
            self._site = _read_site(self.root / "mkdocs.yml")
        return self._site


def _pick(text: Any, lang: str) -> str | None:
    if isinstance(text, str):
        return text
    if isinstance(text, dict):
        value = text.get(lang) or text.get("zh-Hans") or next(iter(text.values()), None)
        return str(value) if value is not None else None
    return None


def _read_clauses(files: list[Path]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in files:
        doc = load_file(path, str(path))
        data = doc.data if not doc.findings and isinstance(doc.data, dict) else None
        if not data or not isinstance(data.get("id"), str):
            continue
        head = {"standard": data.get("title"), "code": data.get("code")}
        out[data["id"] + ":"] = {**head, "title": None}
        for clause in data.get("clauses") or []:
            if isinstance(clause, dict) and clause.get("number") is not None:
                out[f"{data['id']}:{clause['number']}"] = {**head, "title": clause.get("title")}
    return out


def _read_site(path: Path) -> tuple[str | None, bool]:
    if not path.is_file():
        return None, True
    try:
        doc = load_file(path, str(path))
    except Exception:  # noqa: BLE001 - mkdocs.yml may carry tags of its own; it only gives links
        return None, True
    data = doc.data if not doc.findings and isinstance(doc.data, dict) else {}
    url = data.get("site_url")
    return (url.rstrip("/") + "/" if isinstance(url, str) and url.startswith(("http://", "https://")) else None,
            data.get("use_directory_urls", True) is not False)


def fingerprint(state: ProjectState) -> tuple[Any, ...]:
    """What the compiled rules were made from: every rule-input file's name, size and change time."""
    files = [state.root / CONFIG_NAME]
    for kind in RULE_INPUTS:
        folder = state.content_dir(kind)
        if folder.is_dir():
            files += sorted(p for p in folder.rglob("*") if p.is_file())
    out = []
    for path in files:
        try:
            st = path.stat()
        except OSError:
            continue
        out.append((os.fspath(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


def load_state(root: Path) -> ProjectState:
    """A project's rules; a broken config or rule set comes back as a state with `error` set."""
    state = ProjectState(root=root)
    try:
        state.project = open_project(root)
    except ContentError as exc:
        state.error, state.problems = f"{CONFIG_NAME} is not valid: {exc}", list(exc.findings)
    except AftersalesError as exc:
        state.error = str(exc)
    state.fingerprint = fingerprint(state)
    if state.project is None:
        return state
    try:
        state.rules = adapter.load(state.project)
    except ContentError as exc:
        state.error, state.problems = str(exc), list(exc.findings)
    except AftersalesError as exc:
        state.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - a bug of ours: the editor says so, the server lives on
        log.exception("loading the rules of %s", root)
        state.error = (f"internal error ({type(exc).__name__}: {exc}); this is a bug in aftersales-std, "
                       "please report it (the server's log has the traceback)")
    return state


class Projects:
    """Every project the editor has touched, keyed by root folder."""

    def __init__(self) -> None:
        self.states: dict[Path, ProjectState] = {}

    def stale(self, root: Path) -> bool:
        state = self.states.get(root)
        return state is not None and fingerprint(state) != state.fingerprint

    def forget(self, root: Path) -> None:
        self.states.pop(root, None)
