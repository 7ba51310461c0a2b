"""Documents as `aftersales lint` sees them; the positions each editor negotiates; fix-all; globs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from lsprotocol import types

from aftersales_std.cli import main
from lsp_helpers import Session, apply_edits, codes, to_offset

pytestmark = pytest.mark.asyncio
EMOJI, RARE = "😀", "𠀀"


def _span(text: str, d: types.Diagnostic, encoding: str) -> str:
    return text[to_offset(text, d.range.start, encoding):to_offset(text, d.range.end, encoding)]


@pytest.mark.parametrize(("editor", "encoding"), [("visual-studio-code", "utf-16"), ("neovim", "utf-8"),
                                                  ("emacs", "utf-32")])
async def test_each_editor_gets_positions_in_the_encoding_it_negotiated(project: Path, editor: str,
                                                                       encoding: str) -> None:
    doc = project / "replies" / "astral.txt"
    text = f"{EMOJI}{RARE}{EMOJI}\r\n第二行{RARE}保质期{EMOJI}研究一下\n"
    async with Session(editor, project, args=["--all-files"]) as s:
        assert s.encoding == encoding
        uri = s.open(doc, text, "plaintext")
        diags = await s.diagnostics(uri, lambda d: len(d) == 2)
        assert sorted(_span(text, d, encoding) for d in diags) == ["保质期", "研究一下"]
        ts = next(d for d in diags if d.code == "TS01")
        assert ts.range.start.line == 1
        assert ts.range.start.character == {"utf-16": 5, "utf-8": 13, "utf-32": 4}[encoding]
        actions = await s.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=ts.range,
            context=types.CodeActionContext(diagnostics=[ts])))
        edit = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix).edit
        edits = edit.document_changes[0].edits if edit.document_changes else edit.changes[uri]
        assert apply_edits(text, edits, encoding) == text.replace("保质期", "保修期")
        hover = await s.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=ts.range.end))
        assert hover is None  # the end of a range is just past it
        inside = types.Position(line=1, character=ts.range.end.character - 1)
        hover = await s.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=inside))
        assert hover is not None and "TS01" in hover.contents.value


def _cli_findings(capsys: pytest.CaptureFixture[str], root: Path, path: Path) -> list[tuple[int, int, str]]:
    capsys.readouterr()
    main(["lint", "--project", str(root), "--format", "json", str(path)])
    out = json.loads(capsys.readouterr().out)
    return sorted((f["line"], f["column"], f["code"]) for f in out["findings"])


def _lsp_findings(text: str, diags: list[types.Diagnostic], encoding: str) -> list[tuple[int, int, str]]:
    out = []
    for d in diags:
        offset = to_offset(text, d.range.start, encoding)
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        out.append((line, column, str(d.code)))
    return sorted(out)


async def test_findings_are_those_of_the_command_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    md = project / "replies" / "reply.md"
    md_text = (f"# 答复{EMOJI}\n\n手机在保质期内。\n\n```\n保质期 in code is not our wording\n```\n\n"
               "行内 `保质期` 也跳过。<!-- aftersales: disable=CL01 --> 我们研究一下。\n"
               "我们研究一下，保质期。\n")
    yml = project / "replies" / "reply.yaml"
    yml_text = (f"scenario: repair\nreplies:\n  - id: r1\n    text: \"{RARE}您好，保质期内免费维修。\"\n"
                "    long: >\n      我们研究一下，\n      保质期内。\n"
                "    # aftersales: disable-next-line=TS01\n    note: 保质期\n")
    md.write_text(md_text, encoding="utf-8")
    yml.write_text(yml_text, encoding="utf-8")
    broken = project / "replies" / "broken.yaml"
    broken_text = "replies:\n  - text: [unclosed\n"
    broken.write_text(broken_text, encoding="utf-8")
    async with Session("visual-studio-code", project, args=["--all-files"]) as s:
        for path, text, lang in ((md, md_text, "markdown"), (yml, yml_text, "yaml")):
            uri = s.open(path, text, lang)
            diags = await s.diagnostics(uri, lambda d: len(d) > 0)
            got = _lsp_findings(text, diags, s.encoding)
            assert got == _cli_findings(capsys, project, path)
            assert len(got) >= 3
        uri = s.open(broken, broken_text, "yaml")
        diags = await s.diagnostics(uri, lambda d: len(d) > 0)
        assert codes(diags) == ["LT010"] and diags[0].severity == types.DiagnosticSeverity.Error
        assert diags[0].range.start.line >= 1  # at the line of the YAML error, not the top of the file


async def test_fix_all_applies_what_lint_fix_applies(project: Path) -> None:
    doc = project / "replies" / "many.md"
    text = "保质期一。\n保质期二，研究一下。\n"
    async with Session("neovim", project, args=["--all-files"]) as s:
        uri = s.open(doc, text)
        await s.diagnostics(uri, lambda d: len(d) == 3)
        actions = await s.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"])))
        assert [a.kind for a in actions] == ["source.fixAll.aftersales"]
        fixed = apply_edits(text, actions[0].edit.changes[uri], s.encoding)  # Neovim takes plain `changes`
        assert fixed == "保修期一。\n保修期二，研究一下。\n"
        doc.write_text(text, encoding="utf-8")
        assert main(["lint", "--project", str(project), "--fix", str(doc)]) == 1
        assert doc.read_text(encoding="utf-8") == fixed


async def test_config_globs_decide_which_documents_are_linted(project: Path) -> None:
    config = project / "aftersales.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "lint:\n  include: [\"replies/**/*.md\"]\n"
                      "  exclude: [\"replies/drafts/**\"]\n  ignore:\n    \"replies/legacy/**\": [CL01]\n",
                      encoding="utf-8")
    text = "保质期，研究一下。\n"
    included, draft, notes = project / "replies" / "a.md", project / "replies" / "drafts" / "b.md", project / "notes.md"
    legacy = project / "replies" / "legacy" / "c.md"
    for flags, notes_linted in (([], False), (["--all-files"], True)):
        async with Session("visual-studio-code", project, args=flags) as s:
            uris = {p: s.open(p, text) for p in (included, draft, notes, legacy)}
            assert codes(await s.diagnostics(uris[included], lambda d: len(d) == 2)) == ["CL01", "TS01"]
            assert codes(await s.diagnostics(uris[legacy], lambda d: len(d) == 1)) == ["TS01"]
            assert codes(await s.diagnostics(uris[draft])) == []
            assert len(await s.diagnostics(uris[notes])) == (2 if notes_linted else 0)
            untitled = s.open("untitled:Untitled-1", text)  # an unsaved buffer: the workspace's rules
            assert codes(await s.diagnostics(untitled, lambda d: len(d) == 2)) == ["CL01", "TS01"]


async def test_outside_any_project_the_bundled_rules_apply(tmp_path: Path) -> None:
    doc = tmp_path / "reply.md"
    text = "这台手机属于人为破坏，不在保修范围。\n"
    async with Session("visual-studio-code", None, options={"lang": "en"}) as s:
        uri = s.open(doc, text)
        diags = await s.diagnostics(uri, lambda d: "TM01" in codes(d))
        tm = next(d for d in diags if d.code == "TM01")
        assert _span(text, tm, s.encoding) == "人为破坏"
        assert "人为损坏" in tm.message and "preferred term" in tm.message  # --lang en / initializationOptions
        hover = await s.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=tm.range.start))
        value = hover.contents.value
        assert "Wording in customer communication (AS-STD-10) 4.1 Preferred terms" in value
        assert "communication:4.1" not in value
