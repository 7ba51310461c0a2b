"""Session 11: shapes of acceptable replies the default rules flagged (from the false alarms of w19, w20 and r5,
first scored blind in session 10), each next to the fault it must still catch."""
from __future__ import annotations

from aftersales_std.lint import lint_text
from aftersales_std.lint.detectors.quoted import quoted_spans
from aftersales_std.lint.matchers.engine import RuleSet


def codes(text: str, rules: RuleSet, code: str) -> list[str]:
    return [f.match for f in lint_text(text, rules) if f.code == code]


def test_seats_and_names_in_pinyin_are_not_codes(repo_rules: RuleSet) -> None:
    assert codes("好的，已经帮您改签成功，新车次 G108，14:00 开，8 车 12F。", repo_rules, "JG01") == []
    assert codes("您说机票上的姓名拼音少了一个字母，把 ZHANG 写成了 ZANG，对吗？", repo_rules, "JG01") == []
    # a code is still a code where nothing speaks of seats or names
    assert codes("请您核对姓名，状态显示PEND。", repo_rules, "JG01") == ["PEND"]
    assert codes("您这台是OOW的，需要付费维修。", repo_rules, "JG01") == ["OOW"]


def test_a_restatement_asked_back_runs_to_its_tag_question() -> None:
    spans = quoted_spans("好的我复述一下 您是说账号被封了 但是您没有用外挂 对吗 我给您提交人工复核")
    assert [q.text for q in spans] == ["账号被封了 但是您没有用外挂"]
    # without the tag question the agent's own words start at 但是 as before
    assert [q.text for q in quoted_spans("您说快递没到 我们已经催了 您放心")] == ["快递没到"]


def test_restated_blame_is_not_ours(repo_rules: RuleSet) -> None:
    text = "好的我复述一下 您是说账号被封了 但是您没有用外挂 对吗 我给您提交人工复核 复核组3个工作日内给结果"
    assert codes(text, repo_rules, "BL02") == []
    assert codes("账号被封是因为您没有按规定操作吧", repo_rules, "BL02") != []


def test_a_step_already_done_and_a_step_waiting_on_the_customer(repo_rules: RuleSet) -> None:
    assert codes("充值记录查到了 我已手动给您补发 重新登录就能看到", repo_rules, "TF02") == []
    assert codes("数据线漏发了是吧 给您补发哈", repo_rules, "TF02") != []
    assert codes("我先为您提供付费维修报价 680 元，您确认后再安排维修。", repo_rules, "VG03") == []


def test_the_recent_past_is_no_timeframe(repo_rules: RuleSet) -> None:
    assert codes("近期酒店已安排专业公司灭蚊，房务中心也备好了灭蚊片。", repo_rules, "TF01") == []
    assert codes("排水不畅的问题，我们已于第一时间请工程部检修，当晚 21:00 修好。", repo_rules, "TF01") == []
    assert codes("我们近期会处理。", repo_rules, "TF01") != []
