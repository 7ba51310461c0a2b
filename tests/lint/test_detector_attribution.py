"""The attribution detector: a cause put on the customer or a third party, found by its shape."""
from __future__ import annotations

import pytest

from aftersales_std.lint.detectors.attribution import attributions
from aftersales_std.lint.detectors.ownership import remedies

# (text, the words the attribution must cover, the party)
FOUND = [
    ("理赔是保险公司定的，我们只是代理", "保险公司定的", "third_party"),
    ("这个规则是精算那边定的", "精算那边定的", "third_party"),          # any "X那边" is a party
    ("售后都是品牌官方负责的", "品牌官方负责的", "third_party"),
    ("因快递运力紧张 揽收可能延迟", "快递运力紧张", "third_party"),
    ("系统不让申请的 我这边也没法操作", "系统不让", "third_party"),   # a third party's say, no cause word
    ("仓库那边不给收", "仓库那边不给", "third_party"),
    ("說實話是樓上業主家的事", "樓上業主家的事", "third_party"),       # zh-Hant
    ("這個是電腦自動算的", "電腦自動算的", "third_party"),
    ("可能是您寄的时候没选对", "您寄的时候没选对", "customer"),
    ("十有八九是你们防火墙把端口封了", "你们防火墙把端口封", "customer"),
    ("該漏水問題源於閣下單位自行改動之浴室防水層", "閣下單位自行改", "customer"),
    ("真空管裂了 八成是冬天您没放空", "您没放空", "customer"),
    ("你自己唔小心整親", "你自己唔小心", "customer"),                  # Cantonese
    ("主要是孩子自己不够用功", "孩子自己不够", "customer"),
    ("您下次注意签收时候检查", "您下次注意", "customer"),
    ("经检测属使用不当", "属使用不当", "use"),
    ("初步判断属于日常洗车方式的原因", "日常洗车方式的原因", "use"),
    ("您的制氧机系非正常使用导致的损坏", "非正常使用导致", "use"),
]
NONE = [
    "是我们的问题，我们明天给您补发",          # we are never a party
    "请问您之前有没有拆过机器？",              # a question asks, it does not blame
    "麻烦您先把蓝牙关掉再重开",                # an instruction
    "已为您把看车时间改到本周六 14:00",
    "您这边只需要把设备从机柜上拆下来",
    "建议您先关掉洗衣机的进水阀",
    "就是仓库的同事正在按您的清单配货",        # 同事 is no 事
    "行程费用是系统根据里程和时长算的",        # how a fee is reckoned, not who is to blame
    "冷气机漏水可能系安装问题",                # a hedged guess at a cause: uncertain, not blame
    "您可能还没注意到，保修卡背面有个二维码",
    "您这个已经超过七天了",
    "如果是您寄的时候没选运费险，可以联系我们",  # a condition
    "",
]


@pytest.mark.parametrize("text,words,party", FOUND)
def test_found(text: str, words: str, party: str) -> None:
    found = attributions(text)
    assert any(words in a.text or a.text in words and len(a.text) >= 4 for a in found), (text, found)
    assert any(a.party == party for a in found), (text, found)
    for a in found:
        assert text[a.start:a.end] == a.text


@pytest.mark.parametrize("text", NONE)
def test_none(text: str) -> None:
    assert attributions(text) == [], text


def test_unpunctuated_and_spaced_chat() -> None:
    assert attributions("亲 这个是厂家那边的品控问题哈 我们店铺只是负责卖的")
    assert attributions("加湿器漏水是您加水超过最高水位线了吧 说明书上有写的")


@pytest.mark.parametrize("text", [
    "延误是物流原因造成的，我们向您致歉，并已为您申请 20 元补偿。",
    "确实是快递运输途中压坏了车把，这个损失由我们承担，新车把今天已寄出。",
    "给您免费更换一台",
    "宽带故障是光猫老化，我们免费上门更换",
    "流量费系我司变更套餐时未同步生效日期所致，责任在我司。",  # the fault owned outright
    "漏发是我们的疏失，抱歉",
])
def test_remedies_found(text: str) -> None:
    assert remedies(text), text


@pytest.mark.parametrize("text", ["我们会尽快处理", "请您自行更换滤芯", "我们不能为您退款", "您可以申请退款", "这不是我们的责任", ""])
def test_remedies_none(text: str) -> None:
    assert remedies(text) == [], text


def test_rule_flags_an_attribution_only_when_nothing_is_owned(repo_rules) -> None:
    """BL03 takes the detector's spans (matchers: [attribution]) through its filters: a cause owned in its
    sentence or the next (remedied), negated or quoted is fine."""
    def codes(text: str) -> set[str]:
        return {h.rule.code for h in repo_rules.scan(text)}
    assert "BL03" in codes("理赔是保险公司定的，您找他们去。")
    assert "BL03" in codes("仓库那边不给收 这个没办法哈")
    assert "BL03" not in codes("理赔是保险公司定的，我们已为您申请 200 元补偿。")
    assert "BL03" not in codes("延误是因快递运力紧张，运费由我们承担，今天已为您补发。")
    assert "BL03" not in codes("您说“是保险公司定的”，我们明天上午给您回电。")
