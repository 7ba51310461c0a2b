"""The language server (pygls): diagnostics as you type, quick fixes, hover, rules reloaded on change.

Every handler (handlers.py) catches what goes wrong and says so in the editor: a broken rule file
or config is a window message and one diagnostic per document; a bug of ours is logged and shown
once; the server itself keeps running.
"""
from __future__ import annotations

import asyncio
import logging
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from aftersales_std import __version__
from aftersales_std.errors import Finding
from aftersales_std.lint import LintFinding
from aftersales_std.lsp import adapter, convert
from aftersales_std.lsp.positions import LineIndex
from aftersales_std.lsp.projects import ProjectState, Projects, find_root, load_state
from aftersales_std.project import CONFIG_NAME, display_path

log = logging.getLogger("aftersales.lsp")


@dataclass
class Options:
    lang: str = "zh-Hans"
    debounce: float = 0.3  # seconds between the last keystroke and the lint
    all_files: bool = False  # lint every supported file, not only those the config's include globs name


@dataclass
class Linted:
    """The last lint of one open document: what the quick fixes and hovers are computed from."""

    text: str
    version: int | None
    index: LineIndex
    state: ProjectState | None = None
    findings: list[LintFinding] = field(default_factory=list)


class AftersalesServer(LanguageServer):
    def __init__(self, options: Options | None = None) -> None:
        super().__init__("aftersales", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.options = options or Options()
        self.projects = Projects()
        self.open: set[str] = set()
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.loading: dict[Path, asyncio.Future[ProjectState]] = {}
        self.generation: dict[Path, int] = {}  # bumped when a project's inputs change
        self.told: set[Any] = set()

    # --- documents and projects -------------------------------------------------------------

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or "utf-16")

    def document_path(self, uri: str) -> Path | None:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return Path(path) if path else None

    def root_for(self, path: Path | None) -> Path:
        """The nearest aftersales.yaml above the document; else the workspace's; else the bundled rules."""
        if path is not None:
            root = find_root(path.parent)
            if root is not None:
                return root
        folder = self.workspace.root_path if self.workspace is not None else None
        if folder:
            root = find_root(Path(folder))
            if root is not None:
                return root
        from aftersales_std.resources import bundled_root

        return bundled_root()

    async def state_for(self, root: Path) -> ProjectState:
        """The project's rules, loaded once (in a worker thread, so the editor is still answered)."""
        state = self.projects.states.get(root)
        if state is not None:
            return state
        task = self.loading.get(root)
        if task is None:
            task = self.loading[root] = asyncio.ensure_future(self._load(root))
        return await asyncio.shield(task)  # a cancelled lint must not cancel the load others wait for

    async def _load(self, root: Path) -> ProjectState:
        generation = self.generation.get(root, 0)
        state = await asyncio.to_thread(load_state, root)
        if self.generation.get(root, 0) == generation:  # no input changed while it loaded
            self.projects.states[root] = state
            self.loading.pop(root, None)
            self.announce(state)
        return state

    def announce(self, state: ProjectState) -> None:
        """Say once (per broken version of the files) why a project has no rules."""
        if state.ok or (state.root, state.fingerprint) in self.told:
            return
        self.told.add((state.root, state.fingerprint))
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=broken_message(state)))

    def forget(self, root: Path) -> None:
        """Drop a project's rules (and any load under way) and lint its open documents again."""
        self.generation[root] = self.generation.get(root, 0) + 1
        self.projects.forget(root)
        self.loading.pop(root, None)
        for uri in list(self.open):
            if self.root_for(self.document_path(uri)) == root:
                self.schedule(uri, 0)

    def known(self, root: Path) -> ProjectState:
        """A loaded project's state, or for one still loading, its default layout."""
        return self.projects.states.get(root) or ProjectState(root=root)

    # --- linting ---------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float, *, check_inputs: bool = False) -> None:
        old = self.pending.pop(uri, None)
        if old is not None and not old.done():
            old.cancel()
        self.pending[uri] = asyncio.ensure_future(self._later(uri, delay, check_inputs))

    async def _later(self, uri: str, delay: float, check_inputs: bool) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            await self.lint(uri, check_inputs=check_inputs)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug of ours must not stop the server
            self.internal_error("linting " + uri, exc)
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                self.pending.pop(uri, None)

    async def lint(self, uri: str, *, check_inputs: bool = False) -> Linted | None:
        """Lint the document's current text and publish the diagnostics.

        check_inputs (on open and save, not on every keystroke): first look whether a rule, glossary
        or config file changed on disk unseen (clients that watch no files, edits outside the editor).
        """
        if uri not in self.open:
            return None
        doc = self.workspace.get_text_document(uri)
        text, version = doc.source, doc.version
        path = self.document_path(uri)
        root = self.root_for(path)
        if check_inputs and path is not None and self.projects.stale(root):
            self.forget(root)  # changed outside the editor, unseen by a file watcher
        state = await self.state_for(root)
        doc = self.workspace.get_text_document(uri)
        if uri not in self.open or doc.source != text:
            return None  # the text changed while the rules loaded; the newer lint publishes
        index = LineIndex(text, self.encoding)
        linted = Linted(text, version, index, state)
        diagnostics = self.input_problems(path, index)
        suffix = adapter.kind_suffix(path, doc.language_id)
        if not state.ok:
            if not diagnostics:  # a rule or config file with problems of its own shows those instead
                diagnostics.append(broken_diagnostic(state))
        elif suffix is not None and self.wanted(state, path):
            named = path or Path(doc.filename or "untitled")
            display = display_path(named) if path is not None else uri
            outcome = adapter.lint_document(
                text, named, display, suffix, state.rules, lang=self.options.lang,  # type: ignore[arg-type]
                rel=state.rel(named), ignore=state.lint_config.get("ignore"),
                channels=state.lint_config.get("channels"))
            linted.findings = outcome.findings
            diagnostics += [convert.problem_diagnostic(index, p) for p in outcome.problems]
            diagnostics += [convert.diagnostic(index, f, state) for f in outcome.findings]
        self.linted[uri] = linted
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))
        return linted

    def wanted(self, state: ProjectState, path: Path | None) -> bool:
        """Files the project's lint config leaves out get no findings (as with `aftersales lint`)."""
        if path is None:
            return True
        if path.resolve().is_relative_to(state.content_dir("checks")):
            return False  # a rule file: its bad examples fire by design (loading the rules checks it)
        config = state.lint_config
        rel = state.rel(path)
        inside = not Path(rel).is_absolute()
        if inside and adapter.matches(rel, config.get("exclude") or []):
            return False
        include = config.get("include") or []
        if inside and include and not self.options.all_files:
            return adapter.matches(rel, include)
        return True

    def input_problems(self, path: Path | None, index: LineIndex) -> list[types.Diagnostic]:
        """Problems of a broken project that point into this document (a rule file, the config)."""
        if path is None:
            return []
        out = []
        here = path.resolve()
        for state in self.projects.states.values():
            for p in state.problems:
                if p.path and _resolve(p.path) == here:
                    out.append(convert.problem_diagnostic(index, p))
        return out

    async def current(self, uri: str) -> Linted | None:
        """The lint of the document's text as it is now (linting it first if a change is pending)."""
        doc = self.workspace.get_text_document(uri)
        linted = self.linted.get(uri)
        if linted is not None and linted.text == doc.source and linted.index.encoding == self.encoding:
            return linted
        pending = self.pending.pop(uri, None)
        if pending is not None and not pending.done():
            pending.cancel()
        return await self.lint(uri)

    def reload(self, paths: list[Path]) -> None:
        """Input files changed: forget what they were compiled into and lint the open documents again."""
        if any(path.name == CONFIG_NAME for path in paths):  # a project made or removed moves documents
            for uri in list(self.open):
                self.schedule(uri, 0)
        for root in set(self.projects.states) | set(self.loading):
            kinds = {self.known(root).input_kind(path) for path in paths}
            if "rules" in kinds:
                self.forget(root)
            elif "info" in kinds and root in self.projects.states:
                self.projects.states[root].forget_info()

    def internal_error(self, what: str, exc: BaseException) -> None:
        log.error("aftersales lsp: error while %s:\n%s", what, "".join(traceback.format_exception(exc)))
        key = ("internal", type(exc).__name__, str(exc))
        if key not in self.told:
            self.told.add(key)
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error,
                message=f"aftersales: internal error while {what}: {type(exc).__name__}: {exc}. This is a bug in "
                        "aftersales-std; please report it (the server's log has the traceback)."))


def broken_diagnostic(state: ProjectState) -> types.Diagnostic:
    top = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
    return types.Diagnostic(range=top, severity=types.DiagnosticSeverity.Error, source=convert.SOURCE, code="LT001",
                            message=broken_message(state))


def _resolve(display: str) -> Path:
    return (Path(display) if os.path.isabs(display) else Path.cwd() / display).resolve()


def broken_message(state: ProjectState) -> str:
    where = display_path(state.root)
    first = state.problems[0] if state.problems else None
    detail = f" First problem: {_format(first)}." if first else ""
    more = f" ({len(state.problems)} problem(s) in all; `aftersales rules` lists them.)" if len(state.problems) > 1 else ""
    return (f"aftersales: no lint findings for the project in {where}: its rules could not be loaded: "
            f"{state.error}.{detail}{more} Fix the file and save it; the rules reload by themselves.")


def _format(p: Finding) -> str:
    return f"{p.path}:{p.line}:{p.col}: {p.code} {p.message}" if p.line else f"{p.path}: {p.code} {p.message}"
