"""The ownership + remedy detector: a named owner, a concrete action, and the time when one is given."""
from __future__ import annotations

import pytest

from aftersales_std.lint.detectors.ownership import has_ownership, ownerships

FOUND = [
    ("这是物流的原因，我们明天上午给您补发", "我们", "补发", "明天上午"),
    ("这是物流的原因我们明天上午给您补发", "我们", "补发", "明天上午"),           # no punctuation
    ("是仓库发错了，我今天下午给您重新寄出", "我", "重新寄", "今天下午"),
    ("王工明天下午3点上门检测", "王工", "上门", "明天下午3点"),
    ("客服专员小李会在24小时内回电", "客服专员小李", "回电", "24小时内"),
    ("财务部3个工作日内退款到原账户", "财务部", "退款", "3个工作日内"),
    ("师傅今天上门", "师傅", "上门", "今天"),
    ("我已经给您预约了3月26日周四上午10:00复诊", "我", "预约了", "3月26日"),  # a booking made
    ("我帮您核实一下物流信息", "我", "核实", None),
    ("这边马上给您补发哦", "这边", "补发", "马上"),
    ("我哋聽日上門換機", "我哋", "上門", "聽日"),                              # Cantonese
    ("我們會在週五前寄出新品", "我們", "寄出", "週五前"),                       # zh-Hant
    ("维修师傅会在 12月3日 上门 检测", "维修师傅", "上门", "12月3日"),           # spaces
    ("如果再冒烟请立即断电，我们48小时内安排上门", "我们", "安排", "48小时内"),  # the nearer time
]
NONE = [
    "我们会尽快处理",              # vague verb
    "我们会跟进的",
    "我尽量帮您安排",              # hedge before the action
    "我们争取下周给您寄出",
    "建议您寄回检测",              # the customer acts
    "请您先寄回给我们",
    "我们不会退款",                # negated
    "这是厂家的问题，您直接找厂家吧",
    "您可以在小程序查询进度",      # 小程序 holds no 小程
    "这跟我们安装没关系",          # 我们 is an object
    "师傅上门的时间还没定",        # 上门的: a noun
    "",
]


@pytest.mark.parametrize("text,owner,action,time", FOUND)
def test_found(text: str, owner: str, action: str, time: str | None) -> None:
    found = ownerships(text)
    assert [(o.owner, o.action, o.time) for o in found][:1] == [(owner, action, time)]
    first = found[0]
    assert text[first.owner_start:first.owner_end] == owner
    assert text[first.action_start:first.action_end] == action


@pytest.mark.parametrize("text", NONE)
def test_no_ownership(text: str) -> None:
    assert ownerships(text) == []
    assert not has_ownership(text)


def test_window_after_a_position() -> None:
    text = "我们先核实一下，这个应该是物流压坏的，需要您拍照上传"
    cause = text.index("应该")
    assert has_ownership(text)
    assert not has_ownership(text, start=cause)          # nothing owned after the hedge
    text = "这个应该是物流压坏的，我今天下午给您补发"
    assert has_ownership(text, start=text.index("应该"))
    assert not has_ownership(text, start=0, end=text.index("我"))


def test_time_can_be_required() -> None:
    assert has_ownership("我帮您核实一下物流信息")
    assert not has_ownership("我帮您核实一下物流信息", need_time=True)
    assert has_ownership("我下班前帮您核实物流信息", need_time=True)


def test_at_once_after_an_undated_event_is_no_time() -> None:
    assert [(o.action, o.time) for o in ownerships("零件一到我们马上通知您")] == [("通知您", None)]
    assert [(o.action, o.time) for o in ownerships("总部有回覆我哋即刻通知您")] == [("通知您", None)]
    assert [(o.action, o.time) for o in ownerships("我们马上给您补发")] == [("补发", "马上")]


def test_time_from_an_earlier_clause_does_not_count() -> None:
    assert [o.time for o in ownerships("师傅今天都排满了，我们会尽快帮您安排")] == [None]
    assert [o.time for o in ownerships("我们尽快为您安排，最迟明天中午12点前完成")] == ["明天中午12点前"]


def test_the_customer_is_no_owner_and_recovery_is_an_action() -> None:
    assert ownerships("投保时您本人已签字确认。") == []
    assert [(o.owner, o.action) for o in ownerships("我们今天下午远程恢复配置。")] == [("我们", "恢复")]


def test_words_spaced_apart_are_found_as_without_spaces() -> None:
    """A tokeniser's output (every word spaced apart) names the same owner, action and time, at the
    positions of the spaced text."""
    text = "这 是 物流 的 原因 ， 我们 明天 上午 给 您 补发"
    found = ownerships(text)
    assert [(o.owner, o.action, o.time) for o in found] == [("我们", "补发", "明天上午")]
    assert text[found[0].owner_start:found[0].owner_end] == "我们"
