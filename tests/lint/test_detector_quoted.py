"""The quoted-words detector: quotation marks of every kind, and restatements up to the clause end."""
from __future__ import annotations

import pytest

from aftersales_std.lint.detectors.quoted import is_quoted, quoted_spans

FOUND = [
    ("您说‘你们就是在推卸责任’，我理解您的不满", [("你们就是在推卸责任", "quote")]),
    ("您说“这是你们的问题”，对此我们深表歉意", [("这是你们的问题", "quote")]),
    ("客户留言「等了一个月还没修好」，已转工程师", [("等了一个月还没修好", "quote")]),
    ("您在评价里写『售后就是摆设』，我们看到了", [("售后就是摆设", "quote")]),
    ('您说"你们就是拖"，我们今天给您答复', [("你们就是拖", "quote")]),
    ("您说《你们这是欺诈》，我们非常重视", [("你们这是欺诈", "quote")]),
    # restatements, with and without punctuation
    ("您说你们就是在推卸责任我理解您的不满", [("你们就是在推卸责任", "restatement")]),
    ("您说你们就是在推卸责任，我理解您的不满", [("你们就是在推卸责任", "restatement")]),
    ("您反映的异响问题我们已经登记", [("异响问题", "restatement")]),
    ("您的意思是要退款对吗", [("要退款对吗", "restatement")]),
    ("客户表示收到的货有破损，我们已安排补发", [("收到的货有破损", "restatement")]),
    ("您是说师傅没有上门吧", [("师傅没有上门吧", "restatement")]),
    ("你話部機成日死機，我哋會幫你檢查", [("部機成日死機", "restatement")]),       # Cantonese
    ("您講的是保固期內壞掉的，我們會確認", [("保固期內壞掉的", "restatement")]),   # zh-Hant (講 -> 讲)
    ("您提到的“延迟发货”我们已经核实", [("延迟发货", "quote")]),
    ("您说说明书找不到了，我现在发电子版给您", [("说明书找不到了", "restatement")]),
    ("您提到的发票抬头错误已重新开具", [("发票抬头错误", "restatement")]),
    ("您提到客服说“你自己看说明书”，这样不对", [("客服说", "restatement"), ("你自己看说明书", "quote")]),
    # the customer's wish restated
    ("我理解您希望我们保证下次不再漏水。以后的情况我没法做绝对承诺", [("我们保证下次不再漏水", "restatement")]),
    ("您要求的退款我们今天办理", [("退款", "restatement")]),
    ("您詢問為何理賠金額比修理廠估價少，原因是零件須扣除折舊", [("為何理賠金額比修理廠估價少", "restatement")]),
]
NONE = [
    "根据《三包规定》您可以换货",          # a title, not speech
    "请参考《用户手册》第五章",
    "这一点我们事先跟您说明",          # 说明, not 说
    "我帮您反馈一下，今天下午回复",    # the agent acts: 帮您反馈
    "您说的不对，我们没有这样写过",    # a retort restates nothing
    "您投诉也没用，规定就是这样",
    "那您说怎么办吧",
    "我已經同您講咗，過咗七日唔可以退",  # the agent speaking
    "It's fine, don't worry",
    "您好，我是客服小李，明天上午给您回电",
    "我们会尽快处理",
    "",
]


@pytest.mark.parametrize("text,expected", FOUND)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    spans = quoted_spans(text)
    assert [(q.text, q.kind) for q in spans] == expected
    assert all(text[q.start:q.end] == q.text for q in spans)


@pytest.mark.parametrize("text", NONE)
def test_nothing_quoted(text: str) -> None:
    assert quoted_spans(text) == []


def test_is_quoted_separates_repeated_from_own_words() -> None:
    text = "您说你们就是在推卸责任，我理解您的不满，这确实是我们的问题"
    blame = text.index("推卸责任")
    own = text.index("我们的问题")
    assert is_quoted(text, blame, blame + 4)
    assert not is_quoted(text, own, own + 5)
    spans = quoted_spans(text)
    assert is_quoted(text, blame, blame + 4, spans) and not is_quoted(text, own, own + 5, spans)


def test_unclosed_quote_is_read_as_a_restatement() -> None:
    text = "您说“你们就是在推卸责任，我理解"
    assert [(q.text, q.kind) for q in quoted_spans(text)] == [("你们就是在推卸责任", "restatement")]


def test_a_restatement_in_unpunctuated_chat_ends_where_the_agent_resumes() -> None:
    text = "这个 不可能不准 您说跟医院差三个点 那是您自己测的时候有问题"
    assert [q.text for q in quoted_spans(text)] == ["跟医院差三个点"]
    assert not is_quoted(text, text.index("那是您"), text.index("那是您") + 3)


def test_spaces_between_words_change_no_restatement() -> None:
    for text in ["经核查，您反馈的问题不存在，工单已关闭。", "经 核查 ， 您 反馈 的 问题 不 存在 ， 工单 已 关闭 。"]:
        assert [q.text.replace(" ", "") for q in quoted_spans(text)] == ["问题"], text
    text = "您 说 跟 医院 差 三个 点 那 是 您 自己 测 的 时候 有 问题"
    assert [q.text.replace(" ", "") for q in quoted_spans(text)] == ["跟医院差三个点"]


def test_the_customers_question_restated_is_quoted_but_go_and_ask_is_not() -> None:
    text = "您问是不是系统问题导致没法申请退款 我查了 是这单之前申请过一次又撤销了"
    assert [q.text for q in quoted_spans(text)] == ["是不是系统问题导致没法申请退款"]
    assert not is_quoted(text, text.index("是这单"), text.index("是这单") + 3)
    text = "您问是不是一定能赔：我不能替审核组保证结果"
    assert is_quoted(text, text.index("一定能赔"), text.index("一定能赔") + 4)
    for text in ["您问一下快递吧", "我帮您问是不是厂家的问题", "您问问厂家"]:
        assert quoted_spans(text) == [], text
