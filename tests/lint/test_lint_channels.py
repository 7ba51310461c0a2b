"""Channels: a bare 亲 is flagged everywhere (standard 4.7) unless the config accepts it in a channel,
and the channel comes from the input (YAML reply, JSONL field, CSV column) or --channel."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from aftersales_std.lint import lint_text
from aftersales_std.lint.rules.channels import policies
from aftersales_std.lint.matchers.engine import RuleSet
from cli_run import run

CHAT_ALLOWS_QIN = """
  channels:
    chat:
      allow: [亲]
      severity: {TF01: suggestion}
    email:
      severity: {AD01: off}
"""


def with_channels(project: Path, block: str = CHAT_ALLOWS_QIN) -> None:
    config = project / "aftersales.yaml"
    config.write_text(config.read_text(encoding="utf-8") + block, encoding="utf-8")


def lint_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[tuple]]:
    code, out, _ = run(capsys, "lint", "--format", "json", *argv)
    return code, sorted((f["code"], f["line"], f["severity"]) for f in json.loads(out)["findings"])


def test_policy_drops_allowed_words_and_changes_severity() -> None:
    chat = policies({"channels": {"chat": {"allow": ["親"], "severity": {"TF01": "suggestion", "AD01": False}}}})["chat"]
    assert chat.adjust("AD02", "warning", "亲") is None  # folded: 親 in the config allows 亲 and 親
    assert chat.adjust("AD02", "warning", "親") is None
    assert chat.adjust("AD02", "warning", "亲亲") == "warning"  # only the words listed
    assert chat.adjust("TF01", "warning", "尽快") == "suggestion"
    assert chat.adjust("AD01", "error", "你") is None  # YAML's unquoted off is false
    assert policies({}) == {} and policies(None) == {}


def test_lint_text_channel(repo_rules: RuleSet) -> None:
    text = "亲，您的快递已经发出，单号 SF123456。"
    assert [f.code for f in lint_text(text, repo_rules)] == ["AD02"]
    allow = {"chat": {"allow": ["亲"]}}
    assert lint_text(text, repo_rules, channel="chat", channels=allow) == []
    assert [f.code for f in lint_text(text, repo_rules, channel="email", channels=allow)] == ["AD02"]
    assert [f.code for f in lint_text("亲亲，" + text, repo_rules, channel="chat", channels=allow)] == ["AD02"]


def test_plain_files_take_the_channel_option(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "r.txt").write_text("亲，快递已经发出了，我们会尽快处理退款。\n", encoding="utf-8")
    # without channel settings a bare 亲 is flagged in every channel
    assert lint_json(capsys, "r.txt", "--channel", "chat") == (1, [("AD02", 1, "warning"), ("TF01", 1, "error")])
    with_channels(project)
    assert lint_json(capsys, "r.txt") == (1, [("AD02", 1, "warning"), ("TF01", 1, "error")])
    assert lint_json(capsys, "r.txt", "--channel", "chat") == (0, [("TF01", 1, "suggestion")])
    assert lint_json(capsys, "r.txt", "--channel", "sms") == (1, [("AD02", 1, "warning"), ("TF01", 1, "error")])
    code, _out, err = run(capsys, "lint", "r.txt", "--channel", "Chat!")
    assert code == 2 and "not a channel name" in err


def test_yaml_replies_jsonl_and_csv_carry_their_own_channel(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_channels(project)
    (project / "replies").mkdir(exist_ok=True)
    (project / "replies" / "r.yaml").write_text(
        "scenario: demo\nreplies:\n"
        "  - id: a\n    title: 聊天\n    channel: chat\n    refs: [\"communication:4.7\"]\n    text: 亲，已经发货了。\n"
        "  - id: b\n    title: 邮件\n    channel: email\n    refs: [\"communication:4.7\"]\n    text: 亲，你的发票已经寄出。\n",
        encoding="utf-8")
    # the chat reply's 亲 is accepted; the email reply's 亲 is not, and email turns AD01 off
    assert lint_json(capsys, "replies/r.yaml") == (1, [("AD02", 12, "warning")])
    # --channel is the default for inputs that do not say their own; a reply's own channel wins
    assert lint_json(capsys, "replies/r.yaml", "--channel", "chat") == (1, [("AD02", 12, "warning")])
    records = [{"text": "亲，已经发货了。", "channel": "chat"}, {"text": "亲，已经发货了。", "channel": "email"},
               {"text": "亲，已经发货了。"}]
    (project / "t.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                                     encoding="utf-8")
    assert lint_json(capsys, "--jsonl", "t.jsonl") == (1, [("AD02", 2, "warning"), ("AD02", 3, "warning")])
    assert lint_json(capsys, "--jsonl", "t.jsonl", "--channel", "chat") == (1, [("AD02", 2, "warning")])
    assert lint_json(capsys, "t.jsonl", "--jobs", "2") == (1, [("AD02", 2, "warning"), ("AD02", 3, "warning")])
    (project / "c.csv").write_text("channel,reply\nchat,亲，已经发货了。\nsms,亲，已经发货了。\n", encoding="utf-8")
    assert lint_json(capsys, "c.csv", "--column", "reply") == (1, [("AD02", 3, "warning")])


def test_config_schema_refuses_a_bad_channel_setting(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "r.txt").write_text("您好。\n", encoding="utf-8")
    with_channels(project, "\n  channels:\n    chat:\n      allow: 亲\n")
    code, out, err = run(capsys, "lint", "r.txt")
    assert code == 2 and "aftersales.yaml is not valid" in err
    assert "aftersales.yaml:11:14: AS205" in out and "lint.channels.chat.allow" in out


def test_the_language_server_applies_the_channels_of_the_config(repo_rules: RuleSet, tmp_path: Path) -> None:
    from aftersales_std.lsp import adapter
    text = ("scenario: demo\nreplies:\n  - id: a\n    title: 聊天\n    channel: chat\n    refs: [\"communication:4.7\"]\n"
            "    text: 亲，已经发货了。\n")
    path = tmp_path / "r.yaml"
    lint = lambda channels: [f.code for f in adapter.lint_document(  # noqa: E731
        text, path, "r.yaml", ".yaml", repo_rules, lang="zh-Hans", rel="r.yaml", ignore=None, channels=channels).findings]
    assert lint(None) == ["AD02"]
    assert lint({"chat": {"allow": ["亲"]}}) == []
