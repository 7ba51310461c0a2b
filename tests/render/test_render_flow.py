"""The scripts' content as data: every line not to say breaks the rule it names, every alternative passes
the linter, and slots are shown in words."""
from __future__ import annotations

from pathlib import Path

import pytest

from aftersales_std.assemble import load_model
from aftersales_std.lint import lint_text, load_rules
from aftersales_std.project import open_project
from aftersales_std.render.flow import in_words, slot_label, slot_words, suits

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def repo():  # type: ignore[no-untyped-def]
    project = open_project(REPO)
    return load_model(project), load_rules(project)


def test_every_avoid_line_breaks_its_rule_and_every_alternative_passes(repo) -> None:  # type: ignore[no-untyped-def]
    model, rules = repo
    checked = 0
    for s in model.standards:
        for a in (s.script.avoid if s.script else ()):
            say = a.say.get("zh-Hans")
            assert a.rule in {f.code for f in lint_text(say, rules)}, (s.id, say)
            instead = in_words(a.instead.get("zh-Hans"), dict(s.params), "zh-Hans")
            assert lint_text(instead, rules) == [], (s.id, instead)
            assert a.say.get("en") and a.instead.get("en"), (s.id, say)  # the English edition has both
            checked += 1
    assert checked >= 30


def test_customer_facing_standards_have_a_flow_and_internal_ones_none(repo) -> None:  # type: ignore[no-untyped-def]
    model, _ = repo
    directions = {s.id: s.script.direction for s in model.standards if s.script}
    assert directions["follow-up-visits"] == directions["satisfaction-measurement"] == "outbound"
    assert directions["competence-training"] == directions["corrective-action"] == "internal"
    for s in model.standards:
        if s.script and s.script.direction != "internal":
            assert s.script.diagnosis and s.script.decisions and s.script.escalation and s.script.avoid, s.id
            assert any(e.within for e in s.script.escalation), (s.id, "escalation with a time limit")


def test_every_slot_of_the_bundled_replies_has_words(repo) -> None:  # type: ignore[no-untyped-def]
    import re
    model, _ = repo
    names = {m for r in model.replies for m in re.findall(r"\{\{\s*(\w+)\s*\}\}", r.text + (r.subject or ""))}
    params = {n for s in model.standards for n in s.params}
    assert names - params - set(slot_words()) == set()


def test_slots_and_params_in_words() -> None:
    from aftersales_std.model import Localized, Param
    params = {"refund": Param("refund", 7, "d", Localized())}
    assert in_words("{{ customer_name }}您好，退款 {{ refund }} 内到账，金额 {{ amount }} 元。", params, "zh-Hans") \
        == "【客户称呼】您好，退款 7 天 内到账，金额【金额】元。"
    assert in_words("【{{ brand }}】您好", {}, "zh-Hans") == "【品牌】您好"
    assert in_words("Dear {{ customer_name }}, within {{ refund }}.", params, "en") == \
        "Dear [customer's name], within 7 days."
    assert slot_label("no_such_slot", "zh-Hans") == "【no such slot】"


def test_lines_in_another_variety_are_left_out() -> None:
    assert suits("这个问题我们研究一下。", "zh-Hans")
    assert not suits("我哋遲啲覆你。", "zh-Hans") and not suits("我哋遲啲覆你。", "zh-Hant")
    assert not suits("這個不是我們的問題。", "zh-Hans") and suits("這個不是我們的問題。", "zh-Hant")
