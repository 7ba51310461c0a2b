"""`aftersales lsp` as a command: its options, and what it says when pygls is missing."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from aftersales_std.cli import main
from lsp_helpers import Session, codes


def test_without_pygls_the_command_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "pygls", None)  # as if it were not installed
    assert main(["lsp"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'aftersales-std[lsp]'" in err and "Traceback" not in err


def test_bad_debounce_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lsp", "--debounce", "-5"]) == 2
    assert "--debounce" in capsys.readouterr().err


@pytest.mark.asyncio
async def test_requests_after_a_change_see_the_new_text_before_the_debounced_lint(project: Path) -> None:
    doc = project / "replies" / "a.md"
    async with Session("visual-studio-code", project, args=["--all-files", "--debounce", "600000"]) as s:
        uri = s.open(doc, "您好。\n")  # opening lints at once; only changes wait
        await s.diagnostics(uri, lambda d: len(d) == 0)
        s.change(uri, "您好，保质期内免费。\n", 2)
        await asyncio.sleep(0.5)
        assert codes(s.client.diagnostics[uri]) == []  # ten minutes of debounce: nothing published yet
        hover = await s.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=4)))
        assert hover is not None and "TS01" in hover.contents.value
        assert codes(await s.diagnostics(uri, lambda d: len(d) == 1)) == ["TS01"]  # published by that lint


@pytest.mark.asyncio
async def test_odd_requests_get_empty_answers_and_the_server_lives_on(project: Path) -> None:
    doc = project / "replies" / "a.md"
    async with Session("visual-studio-code", project, args=["--all-files"]) as s:
        never_opened = types.TextDocumentIdentifier(uri=(project / "nope.md").as_uri())
        far = types.Position(line=999, character=999)
        assert await s.client.text_document_hover_async(
            types.HoverParams(text_document=never_opened, position=far)) is None
        uri = s.open(doc, "保质期\n")
        await s.diagnostics(uri, lambda d: len(d) == 1)
        assert await s.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=far)) is None
        assert await s.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=types.Range(start=far, end=far),
            context=types.CodeActionContext(diagnostics=[]))) is None
        other = s.open(project / "replies" / "script.py", "保质期 = 1\n", "python")
        assert len(await s.diagnostics(other)) == 0  # not a kind the linter reads
        s.change(uri, "保质期\n" * 3, 2)
        assert len(await s.diagnostics(uri, lambda d: len(d) == 3)) == 3
