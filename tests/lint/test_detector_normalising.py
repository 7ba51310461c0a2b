"""The normalising detector: the customer's problem called normal, found by its shape."""
from __future__ import annotations

import pytest

from aftersales_std.lint.detectors.normalising import normalisings

FOUND = [
    ("行李遲到呢啲好常見㗎啦，等多兩日啦。", "好常見㗎啦"),           # Cantonese
    ("冷氣機都用咗八年啦，壞都好正常啫？", "好正常啫"),
    ("大哥，這種車齡的車本來就這樣啦，沒什麼好修的。", "本來就這樣啦"),
    ("壁癌這個喔，台灣天氣就是這麼潮濕，每家都會有啦。", "每家都會有啦"),
    ("您说电梯老停，电梯嘛，哪有不坏的？", "哪有不坏"),
    ("您说的异味其实很正常，新油烟机都这样，用几天就没了", "其实很正常"),
    ("这个颜色是正常色差哦 不影响穿的呢", "不影响穿的呢"),
    ("亲 这个 其实 很 正常 的", "很 正常 的"),                       # words spaced apart
]
NONE = [
    "如果都这样，我们就给您换新。",         # a condition
    "我们一直都是这样处理的，今天就给您退款",  # 这样 + a verb: how, not "they are all like that"
    "运行正常后请您确认",
    "",
]


@pytest.mark.parametrize("text,words", FOUND)
def test_found(text: str, words: str) -> None:
    found = normalisings(text)
    assert any(words in n.text or n.text in words for n in found), (text, found)
    for n in found:
        assert text[n.start:n.end] == n.text


@pytest.mark.parametrize("text", NONE)
def test_none(text: str) -> None:
    assert normalisings(text) == [], text


def test_rule_drops_normal_followed_by_an_offer(repo_rules) -> None:
    """DS03 takes the detector's spans (matchers: [normalising]) through its condition and filters."""
    def codes(text: str) -> set[str]:
        return {h.rule.code for h in repo_rules.scan(text)}
    assert "DS03" in codes("冷氣機都用咗八年啦，壞都好正常啫？")
    assert "DS03" not in codes("冷气机用了八年，坏了也正常，我帮您约师傅明天上午上门检修，上门费免收。")
