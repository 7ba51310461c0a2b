"""Session 8b: dismissive shapes that carry over to real chat (issue 14). Examples written for these tests."""
from __future__ import annotations

import pytest

from aftersales_std.lint.detectors.normalising import normalisings
from aftersales_std.lint.detectors.refusals import refusals

REFUSED = [
    ("这个是系统锁定的，小妹无法帮您改地址哦", "小妹无法帮您改"),     # the agent's chat self-name is "us"
    ("妹子这边是不可以为您加急的呢", "不可以为您加急"),
    ("我们是不会给您退款的", "我们是不会给您退款"),                  # the emphatic 是…不会…的
    ("没办法的哦，系统就是这么设置的", "没办法的哦"),              # a bare "no way" as its own clause
    ("這是機器本身的限制，沒辦法。", "沒辦法"),
]
NOT_REFUSED = [
    "我们不会给您取消订单，请放心",          # a reassurance: 不会 without the emphatic 是
    "我们无法保证非原装配件的质量",           # "I can't promise" is no refusal
    "如果小妹无法帮您改，会转给主管处理",      # a condition
    "没办法准时到的话我们会提前打电话",        # 没办法 inside a clause, not standing alone
]


@pytest.mark.parametrize("text,words", REFUSED)
def test_refusal_found(text: str, words: str) -> None:
    found = refusals(text)
    assert any(words in r.text or r.text in words for r in found), (text, found)


@pytest.mark.parametrize("text", NOT_REFUSED)
def test_refusal_none(text: str) -> None:
    assert refusals(text) == [], text


def test_just_like_that_is_normalising() -> None:
    assert [n.text for n in normalisings("冬天续航短，锂电池就是这样的")] == ["就是这样的"]
    assert normalisings("如果就是这样，我们给您换一块电池") == []


@pytest.mark.parametrize("text", [
    "不是早就给您发过保修条款了吗",               # reproach: the customer should have known
    "收货的时候怎么不拆开检查呢",
    "您下单前没看参数吗？",
    "您是不是没按步骤安装？",
    "应该是您误会了，我们没有扣费",
    "这款耳机卖了两年，没人反映过这个问题",         # nobody else reported it
    "目前没有收到其他顾客的类似反馈",
])
def test_ds02_reproach_and_nobody_else(repo_rules, text: str) -> None:
    assert "DS02" in {h.rule.code for h in repo_rules.scan(text)}, text


@pytest.mark.parametrize("text", [
    "请问您下单前有没有咨询过客服？",             # a question, not a reproach
    "您是不是还没收到短信？我再给您发一次",
    "如果是我们误会了，请您指正",
    "我们已经给您发过保修条款了，这是链接",
])
def test_ds02_questions_are_not_reproach(repo_rules, text: str) -> None:
    assert "DS02" not in {h.rule.code for h in repo_rules.scan(text)}, text
