"""Rules loaded once per project, reloaded when a rule, glossary or config file changes; a broken
rule set or config is one clear message and one diagnostic, never a dead server."""
from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from lsp_helpers import Session, codes, wait_for

pytestmark = pytest.mark.asyncio
TEXT = "您好，保质期内，回头再说。\n"


def _watched(s: Session, *paths: Path) -> None:
    s.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=p.as_uri(), type=types.FileChangeType.Changed) for p in paths]))


async def test_broken_rule_file_is_reported_then_reloaded_when_fixed(project: Path) -> None:
    rule = project / "checks" / "clarity" / "CL01.yaml"
    good = rule.read_text(encoding="utf-8")
    rule.write_text(good.replace("tokens: [研究一下]", "tokens: [研究一下]\npatterns: ['(unclosed']"), encoding="utf-8")
    doc = project / "replies" / "a.md"
    async with Session("visual-studio-code", project, args=["--all-files"]) as s:
        uri = s.open(doc, TEXT)
        diags = await s.diagnostics(uri, lambda d: len(d) == 1)
        assert diags[0].severity == types.DiagnosticSeverity.Error and diags[0].range.start.line == 0
        assert "could not be loaded" in diags[0].message and "CL01.yaml" in diags[0].message
        await wait_for(lambda: s.client.messages, "a window message")
        assert s.client.messages[0].type == types.MessageType.Error
        assert "CL01.yaml" in s.client.messages[0].message
        # the rule file itself, opened in the editor, shows the problem at its line
        rule_uri = s.open(rule, rule.read_text(encoding="utf-8"), "yaml")
        rule_diags = await s.diagnostics(rule_uri, lambda d: len(d) == 1)
        assert rule_diags[0].code == "LT001" and rule_diags[0].range.start.line == 6  # patterns: is line 7
        s.change(uri, TEXT + "再改一次。\n", 2)
        await s.diagnostics(uri, lambda d: len(d) == 1 and d[0].range.start.line == 0)
        assert len(s.client.messages) == 1  # said once, not on every keystroke

        rule.write_text(good, encoding="utf-8")
        _watched(s, rule)  # VS Code watches the files the server registered for
        diags = await s.diagnostics(uri, lambda d: "TS01" in codes(d), "the rules to reload")
        assert codes(diags) == ["TS01"]
        await s.diagnostics(rule_uri, lambda d: len(d) == 0, "the rule file's problem to clear")


async def test_rules_reload_when_a_rule_file_is_saved(project: Path) -> None:
    rule = project / "checks" / "clarity" / "CL01.yaml"
    doc = project / "replies" / "a.md"
    async with Session("neovim", project, args=["--all-files"]) as s:  # Neovim: no file watching, only saves
        uri = s.open(doc, TEXT)
        assert codes(await s.diagnostics(uri, lambda d: len(d) == 1)) == ["TS01"]
        text = rule.read_text(encoding="utf-8").replace("tokens: [研究一下]", "tokens: [研究一下, 回头再说]")
        rule.write_text(text, encoding="utf-8")
        rule_uri = s.open(rule, text, "yaml")
        s.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=rule_uri)))
        diags = await s.diagnostics(uri, lambda d: len(d) == 2, "the new token to be flagged")
        assert codes(diags) == ["CL01", "TS01"]


async def test_glossary_and_config_changes_reload_too(project: Path) -> None:
    (project / "checks" / "terms" / "TS02.yaml").write_text(
        "code: TS02\nname: terms.glossary\nseverity: warning\nkind: substitution\nglossary: [deprecated]\n"
        "message: {zh-Hans: \"请改用“{replacement}”。\", en: \"Write {replacement}.\"}\nrefs: [\"repair:4.1\"]\n"
        "examples: {bad: [您的手机还在保质期内。], good: [您的手机还在保修期内。]}\n", encoding="utf-8")
    concept = project / "glossary" / "concepts" / "warranty-period.yaml"
    original = concept.read_text(encoding="utf-8")
    deprecated = "    - designation: 保质期\n      status: deprecated\n"
    assert deprecated in original
    doc = project / "replies" / "a.md"
    text = "您的手机还在保用期内。\n"
    async with Session("visual-studio-code", project, args=["--all-files"]) as s:
        uri = s.open(doc, text)
        await s.diagnostics(uri, lambda d: len(d) == 0)
        concept.write_text(original.replace(deprecated, deprecated + "    - designation: 保用期\n"
                                            "      status: deprecated\n"), encoding="utf-8")
        _watched(s, concept)
        diags = await s.diagnostics(uri, lambda d: len(d) == 1, "the glossary's new deprecated term")
        assert diags[0].code == "TS02" and "保修期" in diags[0].message
        config = project / "aftersales.yaml"
        config.write_text(config.read_text(encoding="utf-8") + "lint:\n  severity: {TS02: off}\n", encoding="utf-8")
        _watched(s, config)
        await s.diagnostics(uri, lambda d: len(d) == 0, "the rule turned off in the config")
        config.write_text("version: 2\n", encoding="utf-8")
        _watched(s, config)
        diags = await s.diagnostics(uri, lambda d: len(d) == 1 and "aftersales.yaml" in d[0].message,
                                    "the broken config to be reported")
        assert diags[0].severity == types.DiagnosticSeverity.Error


async def test_a_rule_changed_on_disk_unseen_is_picked_up_when_a_file_opens(project: Path) -> None:
    rule = project / "checks" / "clarity" / "CL01.yaml"
    first, second = project / "replies" / "a.md", project / "replies" / "b.md"
    async with Session("neovim", project, args=["--all-files"]) as s:
        a = s.open(first, TEXT)
        assert codes(await s.diagnostics(a, lambda d: len(d) == 1)) == ["TS01"]
        rule.write_text(rule.read_text(encoding="utf-8").replace("tokens: [研究一下]", "tokens: [研究一下, 回头再说]"),
                        encoding="utf-8")  # e.g. `git pull`: no editor event at all
        b = s.open(second, TEXT)
        assert codes(await s.diagnostics(b, lambda d: len(d) == 2)) == ["CL01", "TS01"]
        assert codes(await s.diagnostics(a, lambda d: len(d) == 2)) == ["CL01", "TS01"]  # relinted too
