"""Helpers of the language-server tests: waiting for notifications, applying edits as an editor does."""
from __future__ import annotations

import asyncio
import os
import re
import sys
from typing import Any, Callable, Sequence

from lsprotocol import types

SERVER = [sys.executable, "-m", "aftersales_std", "lsp"]
TIMEOUT = float(os.environ.get("AFTERSALES_LSP_TEST_TIMEOUT", "120"))  # seconds; the machine may be busy


async def wait_for(predicate: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    """Poll until predicate() is truthy (notifications may arrive before or after we start waiting)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


def codes(diagnostics: Sequence[types.Diagnostic] | None) -> list[str]:
    return sorted(str(d.code) for d in diagnostics or [])


def to_offset(text: str, position: types.Position, encoding: str = "utf-16") -> int:
    """Offset of an LSP position, computed independently of the server's code: the line's text is
    encoded and cut after `character` code units."""
    lines = re.split(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)", text)
    start = sum(len(line) for line in lines[:position.line])
    line = re.sub(r"\r?\n$|\r$", "", lines[position.line]) if position.line < len(lines) else ""
    if encoding == "utf-32":
        return start + position.character
    codec, width = ("utf-16-le", 2) if encoding == "utf-16" else ("utf-8", 1)
    head = line.encode(codec, "surrogatepass")[: position.character * width]
    return start + len(head.decode(codec, "surrogatepass"))


def apply_edits(text: str, edits: Sequence[types.TextEdit], encoding: str = "utf-16") -> str:
    """Apply LSP text edits the way an editor does (positions in the negotiated code units)."""
    spans = sorted(((to_offset(text, e.range.start, encoding), to_offset(text, e.range.end, encoding), e.new_text)
                    for e in edits), key=lambda s: s[0], reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


class Session:
    """`aftersales lsp` in a subprocess, driven by pytest-lsp's LanguageClient with a real editor's
    capabilities ("visual-studio-code", "neovim", "emacs": recorded by pytest-lsp)."""

    def __init__(self, editor: str = "visual-studio-code", root: Any = None, options: dict[str, Any] | None = None,
                 args: Sequence[str] = ()) -> None:
        self.editor, self.root, self.options, self.args = editor, root, options, list(args)
        self.client: Any = None
        self.result: types.InitializeResult | None = None

    async def __aenter__(self) -> "Session":
        from pytest_lsp import ClientServerConfig, client_capabilities

        self.client = await ClientServerConfig(server_command=[*SERVER, *self.args]).start()
        params = types.InitializeParams(capabilities=client_capabilities(self.editor),
                                        root_uri=self.root.as_uri() if self.root else None,
                                        initialization_options=self.options)
        self.result = await self.client.initialize_session(params)
        return self

    async def __aexit__(self, *exc: Any) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_session(), TIMEOUT)
        finally:
            await self.client.stop()

    @property
    def encoding(self) -> str:
        assert self.result is not None
        return str(self.result.capabilities.position_encoding or "utf-16")

    def open(self, path: Any, text: str, language_id: str = "markdown", version: int = 1) -> str:
        uri = path.as_uri() if hasattr(path, "as_uri") else str(path)
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language_id, version=version, text=text)))
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    async def diagnostics(self, uri: str, predicate: Callable[[Sequence[types.Diagnostic]], bool] = lambda d: True,
                          what: str = "diagnostics") -> list[types.Diagnostic]:
        """The document's latest published diagnostics, once they satisfy `predicate`."""
        box: list[list[types.Diagnostic]] = []

        def ready() -> bool:
            published = self.client.diagnostics.get(uri)
            if published is not None and predicate(published):
                box.append(list(published))
                return True
            return False

        await wait_for(ready, what)
        return box[-1]
