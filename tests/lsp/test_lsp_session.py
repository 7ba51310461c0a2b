"""End to end: `aftersales lsp` in a subprocess, a real LSP client, a small project on disk."""
from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from lsp_helpers import Session, apply_edits, codes, to_offset

pytestmark = pytest.mark.asyncio


def _span(text: str, d: types.Diagnostic, encoding: str) -> str:
    return text[to_offset(text, d.range.start, encoding):to_offset(text, d.range.end, encoding)]


async def test_diagnose_fix_hover_and_update(project: Path) -> None:
    doc = project / "replies" / "reply.md"
    text = "# 回复 😀\n\n您好😀，手机还在保质期内，我们研究一下。\n"
    doc.write_text(text, encoding="utf-8")
    async with Session("visual-studio-code", project, args=["--all-files"]) as s:
        assert s.encoding == "utf-16"
        uri = s.open(doc, text)
        diags = await s.diagnostics(uri, lambda d: len(d) == 2)
        by_code = {d.code: d for d in diags}
        assert set(by_code) == {"CL01", "TS01"}
        ts = by_code["TS01"]
        assert ts.source == "aftersales"
        assert ts.severity == types.DiagnosticSeverity.Warning
        assert by_code["CL01"].severity == types.DiagnosticSeverity.Error
        # the emoji before the match takes two UTF-16 code units: 您好😀，手机还在 is 9 units
        assert (ts.range.start.line, ts.range.start.character, ts.range.end.character) == (2, 9, 12)
        assert _span(text, ts, "utf-16") == "保质期"
        assert _span(text, by_code["CL01"], "utf-16") == "研究一下"

        actions = await s.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=ts.range,
            context=types.CodeActionContext(diagnostics=[ts])))
        quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
        assert len(quick) == 1 and "保修期" in quick[0].title
        change = quick[0].edit.document_changes[0]  # VS Code takes versioned document changes
        assert change.text_document.version == 1
        fixed = apply_edits(text, change.edits, s.encoding)
        assert fixed == "# 回复 😀\n\n您好😀，手机还在保修期内，我们研究一下。\n"

        hover = await s.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=by_code["CL01"].range.start))
        assert hover is not None and hover.contents.kind == types.MarkupKind.Markdown
        assert "CL01" in hover.contents.value and "维修服务" in hover.contents.value
        assert "4.1 上门" in hover.contents.value  # the clause's number and title, not the slug repair:4.1
        hover = await s.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=ts.range.start))
        assert "维修语境下" in hover.contents.value and "保修期" in hover.contents.value
        assert "4.2 维修记录" in hover.contents.value

        s.change(uri, fixed, 2)
        diags = await s.diagnostics(uri, lambda d: codes(d) == ["CL01"], "the fixed term to disappear")
        s.change(uri, fixed.replace("我们研究一下", "工程师明天 10:00 前上门"), 3)
        await s.diagnostics(uri, lambda d: len(d) == 0, "no diagnostics")
        hover = await s.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=2, character=3)))
        assert hover is None
