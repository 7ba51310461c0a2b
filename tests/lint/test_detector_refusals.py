"""The refusal detector and the handover filter: a refusal is fine only when what we do instead follows."""
from __future__ import annotations

import pytest

from aftersales_std.lint.detectors.offers import handovers
from aftersales_std.lint.detectors.refusals import refusals

FOUND = [
    ("这个已经超区了 派不了哦", "派不了", "inability"),
    ("漏水係樓上單位嘅問題，管理處管唔到㗎", "管理處管唔到", "inability"),   # Cantonese
    ("故本處不便處理", "本處不便處理", "inability"),
    ("系統自動幫您揀咗座位，我哋改唔到。", "我哋改唔到", "inability"),
    ("您家这个橱柜的保质期已经过了哦，过了就没办法了。", "过了就没办法了", "inability"),
    ("运费险没到账 这个我们看不到的", "我们看不到", "inability"),
    ("耳机进水不在保修范围 没办法给您修", "没办法给您修", "inability"),
    ("福利款不退不换的哈", "不退不换", "policy"),
    ("生鲜类的不支持退货的哦", "不支持退货", "policy"),
    ("赠品是随机送的哈 这个不在售后范围的呢", "不在售后范围", "policy"),
    ("這個是原廠的問題，您要自己送原廠。", "您要自己送", "self_help"),
    ("滤芯是耗材，您自己上网买一个换上就行", "您自己上网买一个换上就行", "self_help"),
    ("电脑出唔到单，你聽日再打嚟啦。", "你聽日再打嚟啦", "self_help"),
]
NONE = [
    "不用您自己去卖场买，我们明天给您寄一个。",   # what the customer need not do
    "我們無法保證非原廠零件的品質。",
    "我哋冇辦法保證網速一定去到1000M",             # "I can't promise X" is no refusal
    "這一點我現在沒辦法先答應您",
    "屏幕漏液这种情况好像是不在保修范围内的",      # a guess: uncertain
    "滤芯属于耗材，不在保修范围内，更换价格是129元。",  # what the warranty covers is a fact
    "如果不在售后范围，我们也会告诉您原因",        # a condition
    "",
]


@pytest.mark.parametrize("text,words,kind", FOUND)
def test_found(text: str, words: str, kind: str) -> None:
    found = refusals(text)
    assert any(words in r.text or r.text in words for r in found), (text, found)
    assert any(r.kind == kind for r in found), (text, found)
    for r in found:
        assert text[r.start:r.end] == r.text


@pytest.mark.parametrize("text", NONE)
def test_none(text: str) -> None:
    assert refusals(text) == [], text


@pytest.mark.parametrize("text", [
    "我马上转给技术专家陈工",
    "我已经把您的抬头和税号转给财务部",
    "定制款不支持退货，不过质量问题我们照样给您退",
    "有问题直接在这里找我",
    "我帮您联系一下厂家",
    "更换价格是129元",
])
def test_handovers_found(text: str) -> None:
    assert handovers(text), text


@pytest.mark.parametrize("text", ["您可以打12345", "您找他们去", "这个我们改不了", "跟我说也没用", ""])
def test_handovers_none(text: str) -> None:
    assert handovers(text) == [], text


def test_rule_drops_a_refusal_followed_by_what_we_do(repo_rules) -> None:
    """DS04 takes the detector's spans (matchers: [refusals]) through quoted, negated and handover."""
    def codes(text: str) -> set[str]:
        return {h.rule.code for h in repo_rules.scan(text)}
    assert "DS04" in codes("这个已经超区了 派不了哦")
    assert "DS04" not in codes("这个已经超区了 派不了哦 我帮您联系快递改成自提 今天18点前回复您")
    assert "DS04" not in codes("发票抬头这个我这边做不了 我已经把您的抬头和税号转给财务部 财务部今天17点前重开")
    assert "DS04" not in codes("您说“派不了”是指哪一单？")
