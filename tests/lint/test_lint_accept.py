"""Acceptance (lint/filters/accept.py): each named step alone, the order, the per-rule plans, and both paths
(the engine's phrases and patterns, the detector matchers) going through the same steps."""
from __future__ import annotations

import re
from dataclasses import replace
from types import MappingProxyType
from typing import Any

import pytest

from aftersales_std.lint.filters import FilterSpec
from aftersales_std.lint.filters import accept as A
from aftersales_std.lint.matchers.engine import Hit, RuleSet, mask_placeholders
from aftersales_std.lint.rules import MARK_TIME, Rule
from aftersales_std.lint.text.fold import fold

RULE = Rule(code="XX01", name="test.rule", severity="warning", kind="existence", group="test",
            message=MappingProxyType({"en": "x"}), refs=())


def rule(**fields: Any) -> Rule:
    return replace(RULE, **fields)


def state(text: str) -> A.Acceptance:
    masked = mask_placeholders(text)
    return A.Acceptance(text, masked, fold(masked))


def step(name: str, text: str, part: str, r: Rule = RULE, a: A.Acceptance | None = None, nth: int = 0) -> bool:
    """Whether step `name` drops the candidate `part` (its nth occurrence) of `text` for rule `r`."""
    a = state(text) if a is None else a
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    end = start + len(part)
    fs, fe = a.imap.folded_index(start), a.imap.folded_index(end)
    fn = {s.name: s.fn for s in A.STEPS}[name]
    return fn(a, r, a.folded[fs:fe], fs, fe, start, end)


# --- the list -------------------------------------------------------------------------------------

def test_the_steps_in_their_order() -> None:
    assert [s.name for s in A.STEPS] == ["overlap", "placeholder", "hans_only", "other_domain", "exception",
                                         "condition", "blank_line", "ascii_word", "swapped", "quoted", "unless"]
    assert [name for name, _fn in A.FINISH] == ["ruled"]
    for s in A.STEPS:
        assert s.fn.__doc__ and s.fn.__name__ == s.name, s.name


def test_a_rule_plans_only_the_steps_that_can_drop_its_candidates() -> None:
    names = {s.fn: s.name for s in A.STEPS}
    assert [names[f] for f in A.plan(RULE)] == ["overlap", "placeholder", "blank_line", "ascii_word", "quoted"]
    quoting = rule(in_quotes=True, swap=MappingProxyType({"js": ("JS",)}), exceptions=re.compile("x"))
    assert [names[f] for f in A.plan(quoting)] == ["overlap", "placeholder", "exception", "blank_line",
                                                    "ascii_word", "swapped"]
    modelled = rule(model=object(), filters=(FilterSpec("negated"),))  # type: ignore[arg-type]
    assert [names[f] for f in A.plan(modelled)] == ["overlap", "blank_line", "ascii_word", "quoted", "unless"]
    entry = A._PLANS[id(RULE)]
    assert entry[0] is RULE and A.plan(RULE) == entry[1] + entry[2]  # found once per rule
    # the steps before the first that reads original positions, then the rest
    assert [names[f] for f in entry[1]] == ["overlap", "placeholder"]
    detecting = rule(detectors=(FilterSpec("concrete_time"),), exceptions=re.compile("x"))
    A.plan(detecting)
    assert [names[f] for f in A._PLANS[id(detecting)][1]] == ["overlap", "placeholder", "exception"]
    assert [names[f] for f in A._PLANS[id(detecting)][2]] == ["condition", "blank_line", "ascii_word", "quoted"]


# --- each step alone ------------------------------------------------------------------------------

def test_overlap() -> None:
    a = state("我们会尽快尽快处理")
    assert not step("overlap", a.text, "尽快", a=a)
    assert a.accept(RULE, 3, 5, 3, 5)
    assert step("overlap", a.text, "快尽", a=a)  # starts inside the hit taken
    assert not step("overlap", a.text, "尽快", a=a, nth=1)
    assert not step("overlap", a.text, "快尽", r=rule(code="XX02"), a=a)  # another rule's hit
    a.blocked = [(0, 2)]
    assert step("overlap", a.text, "我们会", r=rule(code="XX02"), a=a)  # a span the caller blocked


def test_placeholder() -> None:
    assert step("placeholder", "会在{{ deadline }}前处理", "会在{{ deadline }}前")
    assert MARK_TIME in mask_placeholders("{{ deadline }}")
    assert not step("placeholder", "会在{{ deadline }}前处理", "处理")


def test_hans_only() -> None:
    r = rule(hans_only=frozenset({"保固"}))
    assert step("hans_only", "保固期內免費維修", "保固", r)  # traditional text: the right word
    assert not step("hans_only", "保固期内免费维修", "保固", r)
    assert not step("hans_only", "保固期內免費維修", "維修", r)


def test_other_domain() -> None:
    r = rule(contexts=MappingProxyType({"保质期": (re.compile("手机|电脑"), re.compile("牛奶|食品"))}))
    assert step("other_domain", "这盒牛奶的保质期是7天。", "保质期", r)
    assert not step("other_domain", "这台手机的保质期是一年。", "保质期", r)
    assert not step("other_domain", "这盒牛奶的保质期是7天。手机保修一年。", "牛奶", r)  # not a term of contexts


def test_exception() -> None:
    r = rule(exceptions=re.compile("无法承诺它永久"))
    assert step("exception", "我们无法承诺它永久不坏", "无法承诺", r)
    assert not step("exception", "我们无法承诺，但会尽力", "无法承诺", r)


def test_condition_window_and_once() -> None:
    r = rule(condition=re.compile(r"\d+点"), before=0, after=3)
    assert step("condition", "我们尽快在3点前回电", "尽快", r)
    assert not step("condition", "我们尽快回电，3点以后都在", "尽快", r)  # beyond the window
    assert not step("condition", "3点", "3点", r)  # the words themselves do not meet it
    once = rule(condition=re.compile(r"\([^)]{1,20}\)"), before=0, after=20, once=True)  # folded: half-width
    text = "请提供SN码（机身背面那串数字），以SN开头"
    a = state(text)
    assert step("condition", text, "SN", once, a=a)  # explained here
    assert step("condition", text, "SN", once, a=a, nth=1)  # and so at its later use
    assert not step("condition", text, "SN", replace(once, once=False), a=state(text), nth=1)


def test_condition_detectors() -> None:
    r = rule(detectors=(FilterSpec("concrete_time", scope="sentence"),))
    assert step("condition", "我们会尽快处理，明天下午3点前回复您。", "尽快", r)
    assert not step("condition", "我们会尽快处理。", "尽快", r)


def test_blank_line() -> None:
    assert step("blank_line", "我们会\n\n尽快处理", "会\n\n尽快")
    assert step("blank_line", "我们会\n \u3000\n尽快处理", "会\n \u3000\n尽快")
    assert not step("blank_line", "我们会\n尽快处理", "会\n尽快")


def test_ascii_word() -> None:
    assert step("ascii_word", "请打开apple商店", "app")
    assert step("ascii_word", "等30分钟", "3")
    assert not step("ascii_word", "请打开app商店", "app")
    assert not step("ascii_word", "请打开 app 商店", "app")
    assert not step("ascii_word", "拉a尽快", "尽快")  # the words do not start with a Latin letter


def test_swapped() -> None:
    r = rule(swap=MappingProxyType({"javascript": ("JavaScript",)}))
    assert step("swapped", "用JavaScript写", "JavaScript", r)
    assert not step("swapped", "用javascript写", "javascript", r)


def test_quoted() -> None:
    assert step("quoted", "您说“一直拖着”，我们会跟进", "一直拖着")
    assert step("quoted", "> 你们一直拖着\n我们会跟进", "一直拖着")
    assert not step("quoted", "您说“好的”，我们一直拖着", "一直拖着")
    assert not step("quoted", "我们一直拖着", "一直拖着")


def test_unless() -> None:
    r = rule(filters=(FilterSpec("negated"),))
    assert step("unless", "不用您去找厂家，我们直接给您换", "找厂家", r)
    assert not step("unless", "您去找厂家吧，我们不管", "找厂家", r)


def test_ruled_drops_a_model_hit_under_a_rule_hit_of_its_group() -> None:
    model_rule = rule(code="XX09", model=object())  # type: ignore[arg-type]
    other = rule(code="YY01", group="other")
    hits = [Hit(RULE, 2, 4, "尽快", "尽快"), Hit(model_rule, 0, 8, "我们会尽快处理", "我们会尽快处理"),
            Hit(replace(model_rule, group="other"), 0, 8, "x", "x"), Hit(other, 9, 10, "y", "y")]
    a = state("我们会尽快处理。好")
    assert a.finish(list(hits)) == hits  # no model hit was accepted: nothing to do
    a.modelled = True
    assert a.finish(list(hits)) == [hits[0], hits[2], hits[3]]


def test_which_names_the_step_that_drops() -> None:
    a = state("您说“尽快”，好")
    assert a.which(RULE, 3, 5, 3, 5) == "quoted"
    assert a.which(RULE, 7, 8, 7, 8) is None


# --- both paths -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, joined, code", [
    ("這{{ vendor }}個您要自己\n \n送原廠喔。", "這{{ vendor }}個您要自己送原廠喔。", "DS04"),  # a refusal across a paragraph break
    ("相关{{ vendor }}部门会处理\n \n的。", "相关{{ vendor }}部门会处理的。", "VG02"),  # a promise naming nobody, across one
    ("呢個我哋{{ deadline }}改唔到。", "呢個我哋改唔到。", "DS04"),  # a refusal holding a placeholder
])
def test_detector_matchers_go_through_the_same_steps(repo_rules: RuleSet, text: str, joined: str, code: str) -> None:
    """Fixed with the one list: the detector matchers' spans used to skip the paragraph-break and placeholder
    steps (and hans_only, contexts, ASCII word edges and `once`) that the phrases and patterns go through."""
    assert code in {h.rule.code for h in repo_rules.scan(joined)}, joined
    assert code not in {h.rule.code for h in repo_rules.scan(text)}
    assert code not in {h.rule.code for hits in repo_rules.scan_many([text] * 20) for h in hits}


def test_a_detector_span_in_quotes_is_dropped_as_a_phrase_is(repo_rules: RuleSet) -> None:
    assert "DS04" in {h.rule.code for h in repo_rules.scan("這個您要自己送原廠喔。")}
    assert "DS04" not in {h.rule.code for h in repo_rules.scan("您說「這個您要自己送原廠喔」，我們幫您寄。")}
