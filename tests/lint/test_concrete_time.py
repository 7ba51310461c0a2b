"""The concrete-time detector: times and deadlines a customer can check, and what is not one."""
from __future__ import annotations

import pytest

from aftersales_std.lint.detectors.concrete_time import concrete_times, has_concrete_time

FOUND = [
    ("我会在今天18:00前给您回电", "今天18:00前", "clock"),
    ("3个工作日内到账", "3个工作日内", "duration"),
    ("本周五前寄出", "本周五前", "date"),
    ("明天上午师傅上门", "明天上午", "date"),
    ("25号之前给您答复", "25号之前", "date"),
    ("下班前告诉您", "下班前", "deadline"),
    ("周五下午三点到", "周五下午三点", "clock"),
    ("12月3日寄出", "12月3日", "date"),
    ("十二月三号寄出", "十二月三号", "date"),
    ("两个工作日给您结果", "两个工作日", "duration"),
    ("半小时后回复您", "半小时后", "duration"),
    ("二十四小时内给您答复", "二十四小时内", "duration"),
    ("呃 那个 三点半 师傅到", "三点半", "clock"),
    ("下周一上午", "下周一上午", "date"),
    ("2026-12-03 前", "2026-12-03 前", "date"),
    ("12/5前寄回", "12/5前", "date"),
    ("礼拜五前", "礼拜五前", "date"),
    ("预计[数字]小时内修改完成", "[数字]小时内", "duration"),  # a number in anonymised chat logs
    ("[数字]-[数字]个工作日到账", "[数字]个工作日", "duration"),
    ("30分钟内回电", "30分钟内", "duration"),
    ("明早9点", "明早9点", "clock"),
    ("当场更换", "当场", "immediate"),
    ("3 个 工作日 内", "3 个 工作日 内", "duration"),       # spaces inside
    ("３個工作天內寄回", "３個工作天內", "duration"),        # full width, traditional
    ("禮拜五之前", "禮拜五之前", "date"),
    ("今天內會安排", "今天內", "date"),
    ("快递前天傍晚已经签收", "前天傍晚", "date"),
    ("我哋30號統一上門換機", "30號", "date"),
    ("元旦前把差价退给您", "元旦前", "deadline"),
    ("兩個鐘內覆你", "兩個鐘內", "duration"),
    ("上门前我们会提前两小时打电话", "上门前", "deadline"),
]

NOT_FOUND = ["快一点", "一点点问题", "3号楼", "5号线", "一天到晚", "过几天", "过段时间", "一段时间", "近期", "改天",
             "有点慢", "重点关注", "以前都没问题", "几点到", "订单号12345", "第3天", "稍等一下", "我们尽快",
             "没法马上答复", "一日三餐", "几个工作日", "要等好多天", "两点建议", "迟啲覆你",
             "我们第一时间处理", "您坐7排15号", "9点档的节目", "那两天会有人联系", "套餐含800分钟通话",
             "积分还差200分", "需要承担1/3的费用", "没法保证明天能到", "门店周一到周六都营业", "5×8小时服务",
             "请到4号出口等", "把2号和3号螺丝拧紧", "师傅过两天会打电话", "过一两天再看看",
             "支持七天无理由退货", "15天价保"]


@pytest.mark.parametrize("text,span,kind", FOUND)
def test_found_with_its_position_in_the_original(text: str, span: str, kind: str) -> None:
    spans = concrete_times(text)
    assert [(t.text, t.kind) for t in spans][:1] == [(span, kind)]
    first = spans[0]
    assert text[first.start:first.end] == span


@pytest.mark.parametrize("text", NOT_FOUND)
def test_vague_periods_and_look_alikes_are_not_times(text: str) -> None:
    assert concrete_times(text) == []
    assert not has_concrete_time(text)


def test_kinds_filter_and_negated_immediacy() -> None:
    assert has_concrete_time("我马上帮您查", frozenset({"immediate"}))
    assert not has_concrete_time("我马上帮您查", frozenset({"clock", "date", "duration"}))
    assert not has_concrete_time("我们没法马上答复")


def test_astral_characters_keep_positions() -> None:
    text = "👍𠀀 明天10:00前 到"
    (span,) = concrete_times(text)
    assert text[span.start:span.end] == "明天10:00前"


@pytest.mark.parametrize("text, found", [
    ("欢迎来电（周一至周五 9:00-18:00）", []),
    ("服务时间8:00起", []),
    ("本周五前给您结果，周一至周日均可预约", ["本周五前"]),
    ("明天9:00-10:00上门", ["明天9:00", "10:00"]),  # an appointment window is a time
])
def test_opening_hours_are_no_deadline(text: str, found: list[str]) -> None:
    assert [t.text for t in concrete_times(text)] == found


def test_the_first_character_gate_finds_what_the_grammar_finds() -> None:
    """_matches (the grammar tried only where a time can start) == finditer over every position."""
    import random

    from aftersales_std.lint.detectors import concrete_time as C

    alphabet = ("0123456789:：/-.号日月年点时分半前后内之以周星期礼拜天今明后昨上下午晚早中凌晨工作个小钟头"
                "一二两三四五六七八九十百零〇本这下个节春国中秋元旦端清五圣新过提当立马即刻现随稍等片营业结束打烊睡"
                "发货出到达门前天会给您寄不能没法保证第单号编的哦，。 am pm")
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        expected = [(m.start(), m.end(), m.lastgroup) for m in C._regex().finditer(text)]
        assert [(m.start(), m.end(), m.lastgroup) for m in C._matches(text)] == expected, text


def test_anonymised_numbers_make_a_time_and_the_linter_takes_them_as_one() -> None:
    """Chat logs exported with every number replaced by [数字]: 审核要[数字]小时, 请耐心等待 has a time;
    [数字] alone (an order number, a price) is no time."""
    from aftersales_std.lint import load_rules
    assert not has_concrete_time("订单号[数字]已为您登记")
    assert has_concrete_time("商家会在[数字]小时内审核")
    rules = load_rules()
    codes = lambda text: [h.rule.code for h in rules.scan(text)]  # noqa: E731
    assert codes("商家审核中，麻烦您耐心等待下哦") == ["TF01"]
    assert codes("商家会在[数字]小时内审核，麻烦您耐心等待下哦") == []
    assert codes("储蓄卡一般是在[数字]到[数字]个工作日到账") == []  # UC01: a stated norm with its number
    assert codes("这种一般是快递员放驿站了") == ["UC01"]
