"""Context features of the engine: Cantonese folding, clause and sentence scopes for conditions,
inherited conditions, paragraph breaks, and regional terms flagged only in simplified text."""
from __future__ import annotations

from pathlib import Path

import pytest

from aftersales_std.errors import ContentError
from aftersales_std.lint import lint_text, load_rules
from aftersales_std.lint.matchers.engine import RuleSet
from aftersales_std.lint.text.fold import fold, is_simplified
from tests.repo_paths import REPO


def codes(text: str, rules: RuleSet) -> list[str]:
    return [f.code for f in lint_text(text, rules)]


def test_cantonese_function_words_fold_one_for_one() -> None:
    text = "我哋唔會冇嘅，睇吓啲嘢"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("我们不会没的,看下些")
    assert fold("係") == fold("系")  # left to OpenCC: 係 also stands for 系 in 系统 and 关系


@pytest.mark.parametrize("text, code", [
    ("呢個唔關我哋事。", "DS01"),  # 不关我们事, written in Cantonese
    ("我哋都冇辦法。", "BL01"),
    ("我哋會盡量幫你爭取。", "VG01"),
])
def test_one_mandarin_pattern_covers_hong_kong_wording(repo_rules: RuleSet, text: str, code: str) -> None:
    assert code in codes(text, repo_rules)


CONDITIONAL = """code: {code}
name: demo.promise-{low}
severity: error
kind: conditional
message:
  zh-Hans: 没有时间。
  en: No time.
patterns: ['{pattern}']
condition:
{condition}
refs: ["communication:4.3"]
examples: {{bad: ["{pattern}"], good: ["好的"]}}
"""


def rules_in(folder: Path, *docs: tuple[str, str, str]) -> RuleSet:
    for code, pattern, condition in docs:
        group = folder / "demo"
        group.mkdir(parents=True, exist_ok=True)
        (group / f"{code}.yaml").write_text(
            CONDITIONAL.format(code=code, low=code.lower(), pattern=pattern, condition=condition), encoding="utf-8")
    return load_rules(REPO, rules_dir=folder)


def test_sentence_scope_looks_in_the_sentence_and_as_many_neighbours_as_asked(tmp_path: Path) -> None:
    own = rules_in(tmp_path / "own", ("ZZ10", "会联系您", "  tokens: [明天]\n  scope: sentence"))
    assert codes("我们会联系您，明天上午。", own) == []
    assert codes("我们会联系您。明天见。", own) == ["ZZ10"]  # the time is in the next sentence
    wide = rules_in(tmp_path / "wide", ("ZZ11", "会联系您", "  tokens: [明天]\n  scope: sentence\n  after: 1"))
    assert codes("我们会联系您。明天见。", wide) == []
    assert codes("我们会联系您。好的。明天见。", wide) == ["ZZ11"]
    assert codes("明天见。我们会联系您。", wide) == ["ZZ11"]  # before defaults to 0


def test_clause_scope_stops_at_commas_but_not_inside_a_clock_time(tmp_path: Path) -> None:
    rules = rules_in(tmp_path, ("ZZ12", "会联系您", "  patterns: ['\\\\d{1,2}:\\\\d{2}']\n  scope: clause"))
    assert codes("我们会在18:00前联系您。", rules) == []
    assert codes("我们会联系您，18:00前。", rules) == ["ZZ12"]


def test_what_the_match_itself_says_is_not_the_condition(tmp_path: Path) -> None:
    rules = rules_in(tmp_path, ("ZZ13", "批下来马上退", "  tokens: [马上, 明天]\n  scope: sentence"))
    assert codes("批下来马上退。", rules) == ["ZZ13"]  # 马上 after an event is no time of its own
    assert codes("批下来马上退，明天到账。", rules) == []


def test_a_rule_can_inherit_another_rules_condition(tmp_path: Path) -> None:
    rules = rules_in(tmp_path, ("ZZ14", "稍后", "  tokens: [明天]"),
                     ("ZZ15", "会联系您", "  inherit: [ZZ14]\n  scope: sentence"))
    assert codes("我们会联系您，明天上午。", rules) == []
    assert codes("我们会联系您。", rules) == ["ZZ15"]


def test_inheriting_from_a_rule_without_a_condition_is_reported_at_its_line(tmp_path: Path) -> None:
    group = tmp_path / "demo"
    group.mkdir()
    (group / "ZZ16.yaml").write_text(CONDITIONAL.format(code="ZZ16", low="zz16", pattern="会联系您",
                                                        condition="  inherit: [ZZ99]"), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_rules(REPO, rules_dir=tmp_path)
    finding = info.value.findings[0]
    assert finding.code == "LT001" and finding.path.endswith("ZZ16.yaml") and "ZZ99" in finding.message
    assert finding.line == 10  # the line of condition.inherit


def test_a_phrase_never_runs_across_a_paragraph_break(repo_rules: RuleSet) -> None:
    assert "JG01" not in codes("#### 4.5 工单转派\n\n工单需要转派时，写明原因。", repo_rules)
    assert "JG01" in codes("已经给您做了二次派\n工，师傅明天10点到。", repo_rules)  # a line wrap is not a break


def test_script_detection() -> None:
    assert is_simplified("我们会在5个工作天内完成检测")
    assert not is_simplified("我們會在5個工作天內完成檢測")
    assert not is_simplified("工作天")  # only shared characters: undecided, so not simplified
    assert not is_simplified("退货 退貨")  # mixed


def test_regional_terms_are_flagged_only_in_simplified_text(repo_rules: RuleSet) -> None:
    hans = [f for f in lint_text("退款会在3个工作天内原路退回。", repo_rules) if f.code == "TM01"]
    assert [(f.match, f.suggestion) for f in hans] == [("工作天", "工作日")]
    assert "TM01" not in codes("退款會在3個工作天內原路退回。", repo_rules)
    assert "TM01" not in codes("请提供购买证明。", repo_rules)  # also current in mainland usage


def test_a_bare_qin_pet_forms_and_plural_you_are_flagged(repo_rules: RuleSet) -> None:
    # standard 4.7 forbids 亲: flagged by default in every channel (a project may allow it per channel)
    assert codes("亲，您的快递已经发出，单号 SF123456。", repo_rules) == ["AD02"]
    assert "AD02" in codes("亲亲，您的快递已经发出了哦。", repo_rules)
    f = next(f for f in lint_text("请你们把发票拍照发过来。", repo_rules) if f.code == "AD01")
    assert (f.match, f.replacement) == ("你们", "您")


def test_jargon_explained_once_covers_later_uses_but_not_earlier_ones(repo_rules: RuleSet) -> None:
    assert codes("麻烦您提供一下SN码，就是机身背面贴纸上以SN开头的那串数字。", repo_rules) == []
    found = [f for f in lint_text("以SN开头的那串数字，也叫SN码（机身序列号）。", repo_rules) if f.code == "JG01"]
    assert [(f.match, f.column) for f in found] == [("SN", 2)]
    assert "JG01" in codes("SN码（机身序列号）已登记，RMA 明天开。", repo_rules)  # another word is not covered


def test_a_longer_exception_is_not_hidden_by_a_shorter_one_listed_first(tmp_path: Path) -> None:
    group = tmp_path / "demo"
    group.mkdir()
    (group / "ZZ17.yaml").write_text("""code: ZZ17
name: demo.forever
severity: error
kind: existence
message: {zh-Hans: 别承诺永久。, en: No forever.}
patterns: ['永久不坏']
exceptions: ['无法承诺', '无法承诺[^。,]{0,6}永久不坏']
refs: ["communication:4.8"]
examples: {bad: ["保证永久不坏"], good: ["我们无法承诺它永久不坏。"]}
""", encoding="utf-8")
    rules = load_rules(REPO, rules_dir=tmp_path)
    assert codes("我们无法承诺它永久不坏。", rules) == []  # the first alternative alone matches 无法承诺
    assert codes("无法承诺。这台保证永久不坏。", rules) == ["ZZ17"]  # an exception nearby, not over it


def test_a_statutory_return_period_is_no_absolute_promise(repo_rules: RuleSet) -> None:
    # 七天无条件退货 is a policy term (TM01 asks for 无理由), not a promise beyond authority
    for text in ["本店支持七天无条件退货，您放心下单。", "收到后7天内无条件退换，直接在订单页申请就行。"]:
        assert "OP01" not in codes(text, repo_rules), text
    assert "OP01" in codes("坏了随时无条件退换，放心用。", repo_rules)


@pytest.mark.parametrize("text, found", [
    ("这个券过期了 我们门店也做不了主哈", True),       # nothing we can do
    ("系統幫您揀咗，我哋都改唔到。", True),
    ("理赔的事您找保险公司去。", True),                 # deflection to another party, no handover
    ("有意見請洽管理委員會。", True),
    ("配件的事你问下安装师傅啦", True),
    ("工程师小周明天上午给您打电话约时间。", False),    # we call the customer
    ("您问是不是要另外收费，不用的。", False),           # the customer's question restated
    ("如有疑问请致电客服热线，我们24小时在线。", False),  # our own hotline
    ("快递的事不用您联系，我来找快递公司，今天下午3点前回复您。", False),
])
def test_dismissal_by_incapacity_or_deflection(repo_rules: RuleSet, text: str, found: bool) -> None:
    assert ("DS01" in codes(text, repo_rules)) is found, text


@pytest.mark.parametrize("text, found", [
    ("换过主板之后就不会再死机了，您放心。", True),      # no failure ever again
    ("这双靴子穿三年都不会开胶", True),                   # a lifetime in years
    ("这台空调用个十年没问题", True),
    ("审批的事我一定帮您争取到全额补偿。", True),          # an outcome not ours to give
    ("我一定在明天 12:00 前给您回电。", False),           # a commitment of our own
    ("我没法保证以后不会再坏，但这次更换的部件有 90 天保修。", False),
    ("三年内出现质量问题，我们免费维修。", False),
])
def test_absolute_outcomes_are_overpromises(repo_rules: RuleSet, text: str, found: bool) -> None:
    assert ("OP01" in codes(text, repo_rules)) is found, text


@pytest.mark.parametrize("text, found", [
    ("漏水的话 您自己没拧紧吧", True),           # a guess at the customer's slip, as a tag question
    ("您当时没检查就签收了嘛", True),
    ("屏幕裂成这样 是摔过吧", True),
    ("您还没收到货吧？我查一下物流。", False),      # a question about delivery blames no one
    ("您先看看包裹上的单号吧", False),
])
def test_a_guess_at_the_customers_own_slip_is_blame(repo_rules: RuleSet, text: str, found: bool) -> None:
    assert ("BL02" in codes(text, repo_rules)) is found, text
