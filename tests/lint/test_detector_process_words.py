"""Internal process words by their shape (detectors/process_words.py), JG01's second matcher."""
from __future__ import annotations

import pytest

from aftersales_std.lint.detectors.process_words import process_words, spans
from aftersales_std.lint.matchers import MATCHERS

FLAGGED = [
    # support tiers and escalation levels, any trade and script
    ("已经给您转二线了。", ["二线"]),
    ("客户反映怠速抖动，已开二级工单，等技术支持回复。", ["二级工单"]),
    ("水质超标，已建售后二级单，待网点响应。", ["二级单"]),
    ("已轉二線跟進，聽日覆您。", ["二線"]),
    ("这个需要升级三线专家。", ["三线"]),
    # a second pass of a back-office step, clipped
    ("目前处于二核环节，待照会回复后转理算。", ["二核"]),
    ("已经二派给网点了。", ["二派"]),
    # a parcel or ticket named by its state
    ("包裹被标成异常件了 在跟进中哈", ["异常件"]),
    ("车辆已完成交付，索赔件已回寄。", ["索赔件"]),
    ("系统显示您的件是问题件，已经在处理。", ["问题件"]),
    ("您的包裹是滞留件，网点会联系您。", ["滞留件"]),
    # a third-party inspection said the team's way
    ("现在是等三方检 检完了我这边当天给您打电话", ["三方检"]),
    ("您家的防水需等三方验收后再做。", ["三方验收"]),
    # a case entering a back-office stage
    ("已转监理复核，进入质保流程，等通知。", ["进入质保流程"]),
    ("您的案件已进入核赔，其余部分另案处理。", ["进入核赔"]),
    ("您嘅申請已轉入覆核環節。", ["轉入覆核環節"]),
    # a status code as a bare number
    ("刷卡失败返回码51，不是我们的问题，您找银行。", ["返回码51"]),
    ("您張卡嘅交易被 decline 咗，response code 05，要再試。", ["response code 05"]),
    ("接口报错误代码 1003，我们在查。", ["错误代码 1003"]),
]

CLEAN = [
    # everyday words of the same shape
    "我们在一线城市和二线城市都有授权服务中心。",
    "这是一线品牌的产品，还有一线希望修好。",
    "二线城市的网点也可以提供上门服务。",
    "请带上原件和配件，到店取件。",
    "第三方检测机构的报告已经发到您邮箱。",
    "周二上午10点我们三方开个线上会。",
    "您的取件码是836201，有效期到明晚24:00。",
    "您的帐号因连续输错密码5次被暂时锁定。",
    "请进入设置页面，打开蓝牙后重试。",
    "我们周三派人到场做一次标定。",
    "二次审核通过后，退款三个工作日内到账。",
    "天气进入雨季，请注意防潮。",
    "车辆请不要进入车场，考生请提前进入考场。",  # a place, not a back-office stage
    # explained at once, a few words on, or the word is itself the explanation
    "您的理赔案件已进入“费用核算”环节，即按保单条款计算可赔金额。",
    "您的手机已进入 RMA 流程（即寄回厂家维修中心维修）。",
    "您的案件已进入核赔（即审核赔款金额），两个工作日内短信告知金额。",
    "二线（也就是我们的技术支援部门）已经接手，4点前回复您。",
    "二線（即係技術支援組）已經接手。",
    "二线技术支持（后台的专家团队）将于明天联系您。",
    "我已经把工单转给二线支持——也就是负责存储的技术专家组。",
    "问题已转给我们的技术专家（售后二线工程师），他今天 18:00 前回电。",
    "情况转给了技术专家(我们内部叫二线 就是专门处理疑难故障的同事)",
    "二级工单是我们内部的叫法，意思是您的问题已交给区域技术专家。",
    "您的索赔件（即本次保修更换下来的旧零件）已寄回厂家。",
    "您的包裹被标成了异常件(就是快递在分拣时扫不到面单)，今天补扫。",
    "您的快件被标为问题件，意思是面单上的门牌号与系统不一致。",
    "刷卡失败显示返回码51，这个码是发卡银行返回的“余额不足”。",
    "該筆交易顯示代碼 05（即係銀行暫停咗授權），請致電銀行。",
    # explained once covers later uses
    "二线（即高级技术支持团队）已接手，二线的王工明天到。",
    # the customer's own words, restated
    "您说的问题件我查过了，是地址写错了，今天改好重发。",
]


@pytest.mark.parametrize("text, words", FLAGGED)
def test_flagged(text: str, words: list[str]) -> None:
    assert [w.text for w in process_words(text)] == words


@pytest.mark.parametrize("text", CLEAN)
def test_clean(text: str) -> None:
    assert process_words(text) == []


def test_positions_are_the_originals() -> None:
    text = "呢單已轉二線，狀態係異常件"
    for w in process_words(text):
        assert text[w.start:w.end] == w.text
    assert [w.text for w in process_words(text)] == ["二線", "異常件"]


def test_spaces_between_words_change_nothing() -> None:
    """A transcript with spaces between words (jieba-spaced) reads the same; spans are the original's."""
    text = "客户 反映 怠速 抖动 ， 已 开 二级 工单 ， 返回 码 51 ， 包裹 被 标成 异常 件 了"
    found = process_words(text)
    assert [w.text for w in found] == ["二级 工单", "返回 码 51", "异常 件"]
    assert all(text[w.start:w.end] == w.text for w in found)
    assert process_words("二线 （ 也 就是 我们 的 技术支援 部门 ） 已经 接手") == []


def test_registered_as_a_matcher() -> None:
    assert MATCHERS["process_words"]("已经给您转二线了。", frozenset()) == [(5, 7)]
    assert spans("好的，明天上午十点上门。") == []


def test_jg01_reports_it(repo_rules) -> None:
    from aftersales_std.lint import lint_text
    found = [(f.code, f.match) for f in lint_text("包裹被标成异常件了 在跟进中哈", repo_rules)]
    assert ("JG01", "异常件") in found
    assert not [f for f in lint_text("二线（即我们的技术支持组）明天中午前联系您。", repo_rules) if f.code == "JG01"]
