"""The language server (pygls): diagnostics as you type, quick fixes, hover, rules reloaded on change.

Every handler catches what goes wrong and says so in the editor: a broken rule file or config is a
window message and one diagnostic per document; a bug of ours is logged and shown once; the
server itself keeps running.
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
from pygls.capabilities import get_capability
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
WATCH_ID = "aftersales-inputs"


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
                rel=state.rel(named), ignore=state.lint_config.get("ignore"))
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


def create_server(options: Options | None = None) -> AftersalesServer:
    server = AftersalesServer(options)

    @server.feature(types.INITIALIZE)
    def initialize(ls: AftersalesServer, params: types.InitializeParams) -> None:
        opts = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        if opts.get("lang") in convert.WORDS:
            ls.options.lang = opts["lang"]
        if isinstance(opts.get("debounce"), (int, float)) and opts["debounce"] >= 0:
            ls.options.debounce = opts["debounce"] / 1000
        if isinstance(opts.get("allFiles"), bool):
            ls.options.all_files = opts["allFiles"]

    @server.feature(types.INITIALIZED)
    def initialized(ls: AftersalesServer, params: types.InitializedParams) -> None:
        if not get_capability(ls.client_capabilities, "workspace.did_change_watched_files.dynamic_registration", False):
            return  # the rules still reload when a rule, glossary or config file is saved in the editor
        watcher = types.FileSystemWatcher(glob_pattern="**/*.{yaml,yml,json}")
        ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
            id=WATCH_ID, method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=[watcher]))]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: AftersalesServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.open.add(params.text_document.uri)
        ls.schedule(params.text_document.uri, 0, check_inputs=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: AftersalesServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.options.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: AftersalesServer, params: types.DidSaveTextDocumentParams) -> None:
        try:
            path = ls.document_path(params.text_document.uri)
            if path is not None:
                ls.reload([path])
            ls.schedule(params.text_document.uri, 0, check_inputs=True)
        except Exception as exc:  # noqa: BLE001
            ls.internal_error("reloading the rules", exc)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: AftersalesServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.open.discard(uri)
        ls.linted.pop(uri, None)
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: AftersalesServer, params: types.DidChangeWatchedFilesParams) -> None:
        try:
            paths = [p for p in (ls.document_path(c.uri) for c in params.changes) if p is not None]
            ls.reload(paths)
        except Exception as exc:  # noqa: BLE001
            ls.internal_error("reloading the rules", exc)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, convert.FIX_ALL]))
    async def code_action(ls: AftersalesServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        try:
            uri = params.text_document.uri
            linted = await ls.current(uri)
            if linted is None or not linted.findings:
                return None
            start = linted.index.offset(params.range.start.line, params.range.start.character)
            end = linted.index.offset(params.range.end.line, params.range.end.character)
            versioned = bool(get_capability(ls.client_capabilities, "workspace.workspace_edit.document_changes", False))
            return convert.code_actions(uri, linted.version, linted.index, linted.findings, start, end, linted.state,
                                        ls.options.lang, versioned=versioned, only=params.context.only) or None
        except Exception as exc:  # noqa: BLE001
            ls.internal_error("computing quick fixes", exc)
            return None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: AftersalesServer, params: types.HoverParams) -> types.Hover | None:
        try:
            linted = await ls.current(params.text_document.uri)
            if linted is None or not linted.findings:
                return None
            offset = linted.index.offset(params.position.line, params.position.character)
            formats = get_capability(ls.client_capabilities, "text_document.hover.content_format", None)
            markdown = not formats or types.MarkupKind.Markdown in formats
            return convert.hover(linted.index, linted.findings, offset, linted.state, ls.options.lang,
                                 markdown=markdown)
        except Exception as exc:  # noqa: BLE001
            ls.internal_error("computing hover text", exc)
            return None

    return server
