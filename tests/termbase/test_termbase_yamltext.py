"""Text edits of YAML files keep everything they do not change."""
from __future__ import annotations

import pytest

from aftersales_std.termbase import yamltext

ENTRY = {"version": "1.1.0", "date": "2026-11-22", "change": "revised", "summary": "修订: 定义 #1"}


@pytest.mark.parametrize(("before", "after"), [
    ("id: a\nhistory:\n- version: \"1.0.0\"\n  date: \"2026-01-01\"\n  change: added\n\n# note\nrelated: []\n",
     "id: a\nhistory:\n- version: \"1.0.0\"\n  date: \"2026-01-01\"\n  change: added\n- version: \"1.1.0\"\n"
     "  date: \"2026-11-22\"\n  change: revised\n  summary: \"修订: 定义 #1\"\n\n# note\nrelated: []\n"),
    ("id: a\nhistory: []\n",
     "id: a\nhistory:\n  - version: \"1.1.0\"\n    date: \"2026-11-22\"\n    change: revised\n"
     "    summary: \"修订: 定义 #1\"\n"),
    ("id: a\r\nhistory:\r\n  - {version: \"1.0.0\", date: \"2026-01-01\", change: added}\r\n",
     "id: a\r\nhistory:\r\n  - {version: \"1.0.0\", date: \"2026-01-01\", change: added}\r\n"
     "  - {version: \"1.1.0\", date: \"2026-11-22\", change: revised, summary: \"修订: 定义 #1\"}\r\n"),
    ("id: a\nnotes: {zh-Hans: [x]}",
     "id: a\nnotes: {zh-Hans: [x]}\nhistory:\n  - version: \"1.1.0\"\n    date: \"2026-11-22\"\n"
     "    change: revised\n    summary: \"修订: 定义 #1\"\n"),
])
def test_append_history(before: str, after: str) -> None:
    doc = yamltext.load(before, "x.yaml")
    edited = yamltext.append_item(before, doc, "history", ENTRY)
    assert edited == after
    yamltext.verify(edited, "x.yaml", {**doc.data, "history": [*doc.data.get("history", []), ENTRY]})


@pytest.mark.parametrize(("before", "after"), [
    ('version: "1.0.0"   # bumped on release\n', 'version: "2.0.0"   # bumped on release\n'),
    ("version: '1.0.0'\n", "version: '2.0.0'\n"),
    ("version: 1.0.0 # plain\n", "version: 2.0.0 # plain\n"),
])
def test_replace_scalar_keeps_quotes_and_comments(before: str, after: str) -> None:
    assert yamltext.replace_scalar(before, yamltext.load(before, "m.yaml"), "version", "2.0.0") == after


def test_scalars_read_back_as_the_same_text() -> None:
    for text in ("yes", "1.0", "2026-01-01", "- x", "a: b", "a #b", "普通文本", "null", "~", " lead", "'q'"):
        line = f"k: {yamltext.scalar(text)}\n"
        assert yamltext.load(line, "s.yaml").data == {"k": text}, line


def test_replace_field_inserts_after_the_named_keys_and_removes() -> None:
    text = "id: a\nstatus: valid\ndomain: x\n"
    doc = yamltext.load(text, "c.yaml")
    added = yamltext.replace_field(text, doc, "replaced_by", "b", after=("id", "status"))
    assert added == "id: a\nstatus: valid\nreplaced_by: b\ndomain: x\n"
    removed = yamltext.replace_field(added, yamltext.load(added, "c.yaml"), "replaced_by", None)
    assert removed == text
