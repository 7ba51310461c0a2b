"""The chat filters of lint/filters.py (checking_now, polite_closing, cannot_promise_but), cause_then_action
on spaced and space-ended chat, and the rules that use them (TF01, TF02, UC01, OP01) on chat turns.

Kept apart from test_lint_filters.py so that the engine's filter tests and these judgement tests change
independently."""
from __future__ import annotations

import pytest

from aftersales_std.lint import filters as F
from aftersales_std.lint.detectors.quoted import quoted_spans
from aftersales_std.lint.matchers.engine import RuleSet
from aftersales_std.lint.filters import TextContext, filter_spec


def holds(name: str, text: str, part: str) -> bool:
    start = text.index(part)
    return F.FILTERS[name].fn(TextContext(text), start, start + len(part), filter_spec(name))


@pytest.mark.parametrize("text, part, expected", [
    # a wait while the agent looks it up now, with and without punctuation
    ("亲 请您耐心等待一下哦 正在为您核实订单信息", "耐心等待", True),
    ("请耐心等待，我这边马上帮您查一下物流", "耐心等待", True),
    ("我帮您核实一下 您稍等", "核实一下", True),
    ("我们核实一下哈，片刻就好", "核实一下", True),
    # a wait for a notice, a result or a call is a commitment
    ("请您耐心等待通知 正在为您核实", "耐心等待", False),
    # the back office processing is no lookup in the chat
    ("退款正在处理中，请耐心等待。", "耐心等待", False),
    # a check with nothing after it, and a wait with no lookup beside it
    ("我帮您核实一下", "核实一下", False),
    ("您再耐心等待一下", "耐心等待", False),
    # another kind of hit: neither a wait nor a lookup
    ("我们会尽快处理 您稍等", "尽快", False),
])
def test_checking_now(text: str, part: str, expected: bool) -> None:
    assert holds("checking_now", text, part) is expected


@pytest.mark.parametrize("text, part, expected", [
    ("有问题随时找我 我第一时间给您解决", "第一时间", True),
    ("后续有任何问题可以随时联系我们，我们会第一时间帮您处理", "第一时间", True),
    ("如果还有其他疑问，欢迎留言，我们会尽快回复。", "尽快", True),
    # the invitation must come before the promise, and be an invitation to get in touch
    ("我们第一时间给您处理，有问题随时联系", "第一时间", False),
    ("您的问题我们已经登记，会尽快处理", "尽快", False),
    ("有问题的话我们尽快给您换", "尽快", False),
])
def test_polite_closing(text: str, part: str, expected: bool) -> None:
    assert holds("polite_closing", text, part) is expected


@pytest.mark.parametrize("text, part, expected", [
    ("不敢跟您保证一定能退 不过我可以帮您申请", "一定能退", True),
    ("这个我不好说一定能到，但是我们会催快递", "不好说", True),
    ("没法跟您保证百分百能修好，但是师傅明天会上门检查", "百分百能修好", True),
    # a but-clause with no step of ours, or no limit before the hit
    ("这个我不好说一定能到，但是我们会尽力", "不好说", False),
    ("一定能退，但是要先寄回来", "一定能退", False),
    ("不敢保证一定能退", "一定能退", False),
])
def test_cannot_promise_but(text: str, part: str, expected: bool) -> None:
    assert holds("cannot_promise_but", text, part) is expected


@pytest.mark.parametrize("text, part", [
    # spaces between words change nothing (换 + a space is no outcome; the hedge's words counted without spaces)
    ("您 家 狗狗 吃 了 拉肚子 可能 是 换 粮太快 了 哈 建议 新旧 粮 混 着 喂 7 天 过渡 一下", "可能"),
    ("我 暫時 唔 肯定 係 咪 您 嗰 區 網 絡 故障 ， 我而家同 網絡 監控 中心 確認 緊 ， 10 分鐘 內 喺 呢度 覆 您 。",
     "我 暫時 唔 肯定"),
    # a space ends the hedge's clause in chat; the agent's firm step is said as 我这边马上
    ("应该是线路松动了 我这边马上帮您安排师傅上门", "应该"),
])
def test_cause_then_action_in_spaced_chat(text: str, part: str) -> None:
    assert holds("cause_then_action", text, part)


@pytest.mark.parametrize("text, restated", [
    ("您在聊天里说你们平台就是骗子我理解您现在很生气", "你们平台就是骗子"),
    ("您頭先話你哋收我兩次錢", "你哋收"),
    ("您来信提到客服说这笔年费估计能退结果没退对于上次答复不准确我们向您致歉", "客服说这笔年费估计能退结果没退"),
    ("客户反映怠速抖动已开二级工单等技术支持回复", "怠速抖动"),
    ("您 问 是不是 一定 能 赔 ： 我 不能 替 审核 组 保证 结果", "是不是 一定 能 赔"),
])
def test_restatements_said_earlier_or_elsewhere(text: str, restated: str) -> None:
    assert [q.text for q in quoted_spans(text)] == [restated]


def test_the_agent_speaking_is_no_restatement() -> None:
    assert quoted_spans("我跟您在电话里说过这个可以退") == []


@pytest.mark.parametrize("text", [
    "亲 请您耐心等待一下哦 正在为您核实订单信息",
    "我帮您核实一下 您稍等",
    "后续有任何问题可以随时联系我们 我们会第一时间帮您处理",
    "有问题您随时找我 我第一时间给您解决",
    "质量是有保证的哦",
    "这个不好保证的，我先帮您登记，今天17:00前回复您",
    "不敢跟您保证一定能退 不过我可以帮您申请",
    "应该是线路松动了 我这边马上帮您安排师傅上门",
    "您在聊天里说你们平台就是骗子 我理解您现在很生气",
])
def test_chat_turns_the_rules_accept(repo_rules: RuleSet, text: str) -> None:
    mine = {"TF01", "TF02", "UC01", "OP01", "AD01"}
    assert not [h for h in repo_rules.scan(text) if h.rule.code in mine], text


@pytest.mark.parametrize("text, code", [
    ("请您耐心等待通知", "TF01"),
    ("退款正在处理中，请耐心等待。", "TF01"),
    ("我帮您核实一下", "TF01"),
    ("已经帮您反馈了 有结果第一时间通知您", "TF01"),
    ("换货单已经提交，尽快给您发出。", "TF01"),
    ("这个我不好说一定能到，但是我们会尽力", "UC01"),
    ("我们保证质量没问题", "OP01"),
    ("应该是线路松动了 过几天就好了", "UC01"),
])
def test_chat_turns_the_rules_still_flag(repo_rules: RuleSet, text: str, code: str) -> None:
    assert code in {h.rule.code for h in repo_rules.scan(text)}, text


@pytest.mark.parametrize("text, code, flagged", [
    # a wait or a step of ours with nothing after it, its clause ended by a particle or a space
    ("物流慢一点 耐心等等哈", "TF01", True),
    ("估摸着是中转站压件了 等等看吧", "TF01", True),
    ("这种是快递停发了 只能等哦", "TF01", True),
    ("您稍等等 我查一下", "TF01", False),
    ("数据线漏发了是吧 给您补发哈", "TF02", True),
    ("沙发脚少了一个 我们补发一个给您哦", "TF02", True),
    ("好的 这边帮您跟进哈", "TF02", True),
    ("已经给您补发了哈 单号SF123今晚8点前发您", "TF02", False),
    ("给您补发哈 明天上午10点前发出", "TF02", False),
])
def test_waits_and_steps_ending_a_chat_clause(repo_rules: RuleSet, text: str, code: str, flagged: bool) -> None:
    assert (code in {h.rule.code for h in repo_rules.scan(text)}) is flagged, text


@pytest.mark.parametrize("text, flagged", [
    ("一般是48小时内发货的哦", False),           # a stated norm with its number
    ("滤芯更换周期一般是6个月", False),
    ("这种一般是快递员放驿站了", True),          # a rule of thumb given as the answer
    ("一般是能赔的", True),
    ("估计是快递员没打电话 我这边帮您投诉一下", False),  # a guessed cause, then the agent's own step
    ("估计是快递员没打电话", True),
])
def test_uc01_norms_and_causes_in_chat(repo_rules: RuleSet, text: str, flagged: bool) -> None:
    assert ("UC01" in {h.rule.code for h in repo_rules.scan(text)}) is flagged, text
