"""The LSP methods `aftersales lsp` answers: each a thin handler calling into AftersalesServer."""
from __future__ import annotations

from lsprotocol import types
from pygls.capabilities import get_capability

from aftersales_std.lsp import convert
from aftersales_std.lsp.server import AftersalesServer, Options

WATCH_ID = "aftersales-inputs"


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
