"""The bare-commitment detector: a promise to act with no content and no time, found by its shape."""
from __future__ import annotations

import pytest

from aftersales_std.lint.detectors.commitments import commitments

FOUND = [
    ("好的 这边帮您跟进哈", "帮您跟进哈"),
    ("亲爱的 裤子开线的话拍个照片给我 我们核实后给您处理哈", "给您处理哈"),
    ("包裹被标成异常件了 在跟进中哈", "在跟进中哈"),
    ("这个问题我们会处理好的 您放一百个心", "会处理好的"),          # 一百个 is no time
    ("您说的酒店不符问题我们会跟地接沟通。", "会跟地接沟通"),
    ("收到，我哋會 follow up 㗎喇，有消息再搵你。", "follow up"),        # Cantonese, code-switched
    ("這個我們開了一張 ticket 給 RD 他們會看 走完流程就會上 patch", "會看"),
    ("相关部门正在积极处理中", "正在积极处理中"),
    ("工单已转L2，后续有进展会同步。", "会同步"),                      # L2 is no time
]
NONE = [
    "我们会尽快处理，请耐心等待。",          # a time word: timeframe's case (TF01)
    "您的延保订单正在审核，审核通过后另行通知。",
    "等零件到了就會處理了。",               # bound to an undated event: timeframe
    "我们会在明天 18:00 前处理好。",
    "我这边挂单处理。",                     # an action with its own word (挂单), not a bare promise
    "师傅会抛光处理，您可以先验货再付款。",
    "您可以安排时间",                       # the customer acts
    "我们这边就这么处理。",                 # how, not a promise
    "我们绝对给您解决。",                   # an overpromise (OP01), not a vague one
    "有任何问题都能给您解决",
    "我给您看一下",
    "",
]


@pytest.mark.parametrize("text,words", FOUND)
def test_found(text: str, words: str) -> None:
    found = commitments(text)
    assert any(words in c.text for c in found), (text, found)
    for c in found:
        assert text[c.start:c.end] == c.text


@pytest.mark.parametrize("text", NONE)
def test_none(text: str) -> None:
    assert commitments(text) == [], text


def test_rule_flags_a_bare_commitment_unless_a_time_stands_near(repo_rules) -> None:
    """VG02 takes the detector's spans (matchers: [commitments]) through its condition (concrete_time)."""
    def codes(text: str) -> set[str]:
        return {h.rule.code for h in repo_rules.scan(text)}
    assert "VG02" in codes("好的 这边帮您跟进哈")
    assert "VG02" not in codes("好的 这边帮您跟进，今天下午5点前回复您")
