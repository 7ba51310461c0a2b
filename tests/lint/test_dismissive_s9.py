"""Session 9: refusal and verdict shapes designed on w14-w16 (issue 14). Examples written for these tests,
not copied from any labelled set."""
from __future__ import annotations

import pytest

from aftersales_std.lint import lint_text
from aftersales_std.lint.detectors.refusals import refusals

REFUSED = [
    ("这件事本公司无法负责。", "本公司无法负责", "inability"),            # formal "us", no "for you"
    ("改签要问航司，我哋分店冇權話事。", "我哋分店冇權話事", "inability"),
    ("我司亦无权更改合约条款。", "我司亦无权更改", "inability"),
    ("保修过了，我们不会理的。", "我们不会理的", "inability"),
    ("我哋冇得換。", "我哋冇得換", "inability"),
    ("有少少刮花唔算壞，換唔到。", "換唔到", "inability"),               # cannot, ending its clause
    ("定金不退。", "定金不退", "policy"),                            # a blanket no to money
    ("本公司对该申请不予受理。", "本公司对该申请不予受理", "inability"),
    ("拆封后的一律不换。", "一律不换", "policy"),
    ("鞋子都穿过了，没什么好退的。", "没什么好退的", "policy"),
    ("您的要求缺乏依据。", "要求缺乏依据", "verdict"),                # the customer's claim has no ground
    ("这个理由我们不接受。", "理由我们不接受", "verdict"),
    ("门店处理符合相关规定。", "处理符合相关规定", "verdict"),          # our handling was right
    ("前期操作不存在任何不当。", "操作不存在任何不当", "verdict"),
]
NOT_REFUSED = [
    "我们能不能处理您这个情况，我先问一下主管",   # a question
    "我们不会收取上门费的",                    # a reassurance
    "我们无法理解的地方会再跟您确认",            # 理解 is no refusal
    "您退不了的话我来帮您操作",                 # what the customer cannot do
    "处理不当是我们的责任",                     # owning a fault is no verdict
    "退款不用您操作，系统自动退回",              # 不退 not inside
]


@pytest.mark.parametrize("text,words,kind", REFUSED)
def test_refusal_found(text: str, words: str, kind: str) -> None:
    found = refusals(text)
    assert any(r.text == words and r.kind == kind for r in found), (text, found)


@pytest.mark.parametrize("text", NOT_REFUSED)
def test_refusal_none(text: str) -> None:
    assert refusals(text) == [], text


def test_ds04_reports_a_verdict_and_drops_it_when_we_act(repo_rules) -> None:
    assert [f.code for f in lint_text("经核实，您的诉求于法无据。", repo_rules)] == ["DS04"]
    assert "DS04" not in [f.code for f in lint_text("您的诉求于法无据，不过我可以帮您申请一次免费检测。", repo_rules)]


@pytest.mark.parametrize("text,words,negated", [
    ("狗不吃新粮很正常", "很正常", False),           # a judgement of the negated event is asserted
    ("您穿不惯是正常的", "是正常的", False),
    ("这不是正常的", "正常的", True),               # the judgement itself denied
    ("不会很正常", "很正常", True),                 # nothing between the cue and the judgement
])
def test_a_judgement_of_a_negated_event_is_not_negated(text: str, words: str, negated: bool) -> None:
    from aftersales_std.lint.detectors.negation import is_negated
    start = text.index(words)
    assert is_negated(text, start, start + len(words)) is negated, text


@pytest.mark.parametrize("text", ["其他房客都没有反映过这个情况。", "別的車主用了都冇出現過。"])
def test_ds02_others_are_fine_whoever_the_others_are(repo_rules, text: str) -> None:
    assert "DS02" in [f.code for f in lint_text(text, repo_rules)], text


def test_ds02_others_only_as_information_is_not_flagged(repo_rules) -> None:
    assert "DS02" not in [f.code for f in lint_text("其他型号的配件都有货，我给您发链接。", repo_rules)]


@pytest.mark.parametrize("code,text", [
    ("DS01", "相关费用请您直接与酒店协商解决。"),          # sent to deal with another party
    ("DS01", "建议您向当地交通管理部门反映。"),
    ("DS02", "您就算再打十次电话也是一样的。"),            # concessive futility
    ("DS02", "台风天航班取消，谁也没办法。"),              # nobody can help it
])
def test_ds01_ds02_shapes_of_session_9(repo_rules, code: str, text: str) -> None:
    assert code in [f.code for f in lint_text(text, repo_rules)], text


@pytest.mark.parametrize("text", [
    "请您与我们的专属客服沟通，我已把您的情况转给她。",      # sent to us, not elsewhere
    "就算周末我们也照常上门，周六上午10点到。",
])
def test_ds01_ds02_session_9_shapes_spare_plain_replies(repo_rules, text: str) -> None:
    codes = [f.code for f in lint_text(text, repo_rules)]
    assert "DS01" not in codes and "DS02" not in codes, (text, codes)
