"""The negation-scope detector: cue, scope to the clause end or a contrast, double negation, no-promise."""
from __future__ import annotations

import pytest

from aftersales_std.lint.detectors.negation import is_negated, negations


def _negated(text: str, span: str) -> bool:
    start = text.index(span)
    return is_negated(text, start, start + len(span))


NEGATED = [
    ("不用您去找厂家，我们直接给您换", "找厂家"),
    ("不用您去找厂家我们直接给您换", "找厂家"),                   # no punctuation
    ("这不是您的问题，是我们发错了货", "您的问题"),
    ("并非人为损坏，属于保修范围", "人为损坏"),
    ("别担心，不会让您白跑一趟", "白跑一趟"),
    ("无需您寄回，师傅上门取件", "寄回"),
    ("不必再联系快递了，我们来处理", "联系快递"),
    ("唔使你搵厂家，我哋幫你搞掂", "搵厂家"),                     # Cantonese
    ("這不是您的問題，是我們的疏失", "您的問題"),                 # zh-Hant
    ("冇問題嘅，聽日就寄出", "問題"),
    ("我们绝不会推卸责任", "推卸责任"),
    ("我们从来没有推卸责任的意思", "推卸责任"),
    ("我没法保证明天一定到，但今天下午我会去催仓库", "明天一定到"),
    ("我不能保证一定能换新不过我会帮您申请", "一定能换新"),
    ("无法承诺百分百修好，可是会先检测", "百分百修好"),
    ("不能保證一定退款，不過我會幫您提交", "一定退款"),
]
NOT_NEGATED = [
    ("不用您去找厂家，我们直接给您换", "给您换"),                 # next clause
    ("不是您的问题而是我们发错了货", "我们发错了货"),             # after a contrast
    ("不是不能换，要先检测", "换"),                               # double negation
    ("这不是您自己摔坏的吗", "您自己摔坏"),                       # rhetorical question
    ("这不是您自己摔坏的吗？", "您自己摔坏"),
    ("不好意思，您需要自己找厂家", "自己找厂家"),                 # apology, not a negation
    ("给您带来不便，请您去找厂家", "去找厂家"),
    ("我理解您的不满，这是您的问题", "您的问题"),
    ("我没法保证明天一定到，但今天下午我会去催仓库", "今天下午我会去催仓库"),
    ("不能保证明天一定送到，今晚8点前会告诉您最新安排", "今晚8点前"),   # no 但: the clause only
    ("非常抱歉，这属于人为损坏", "人为损坏"),
    ("无论如何您都要找厂家", "找厂家"),
]


@pytest.mark.parametrize("text,span", NEGATED)
def test_negated(text: str, span: str) -> None:
    assert _negated(text, span)


@pytest.mark.parametrize("text,span", NOT_NEGATED)
def test_not_negated(text: str, span: str) -> None:
    assert not _negated(text, span)


def test_scopes_name_their_cue_and_kind() -> None:
    text = "我没法保证明天一定到，但会催仓库"
    promise = [n for n in negations(text) if n.kind == "no_promise"]
    assert [(text[n.cue_start:n.cue_end], text[n.start:n.end]) for n in promise] == [("没法保证", "明天一定到")]
    text = "不是您的问题而是我们发错了货"
    assert [(text[n.cue_start:n.cue_end], text[n.start:n.end], n.kind) for n in negations(text)] == [
        ("不是", "您的问题", "negation")]


def test_scopes_passed_in_give_the_same_answer() -> None:
    text = "不用您去找厂家，我们直接给您换"
    scopes = negations(text)
    assert is_negated(text, 4, 7, scopes) and not is_negated(text, 12, 15, scopes)


def test_no_negation_no_scope() -> None:
    assert negations("换不换要看检测结果") == []           # A-not-A is a question
    assert negations("批唔批到要睇總部") == []
    assert negations("我们明天上午安排师傅上门") == []
    assert negations("") == []


def test_a_cue_inside_quotes_negates_nothing_outside_them() -> None:
    text = "您说的“三天没人管”是不可能的，系统里每天都有跟进记录。"
    start = text.index("是不可能")
    assert not is_negated(text, start, start + 2)
    assert [n.cue_start for n in negations(text)] == [text.index("不可能")]  # 没人管 ends at the quote's end
    text = "客户原话是“我不想等厂家回复”，我们今天给您换新。"
    assert is_negated(text, text.index("等厂家"), text.index("等厂家") + 3)  # inside the quote it still does
    assert not is_negated(text, text.index("给您换新"), text.index("给您换新") + 4)


def test_a_potential_complement_negates_its_verb_only() -> None:
    text = "抢不到优惠券是运气问题。"
    assert negations(text) == []
    assert negations("我们修不好这台机器") == []
    assert is_negated("这个不是您的问题", 4, 8)


def test_a_trailing_comma_taken_along_by_a_pattern_does_not_leave_the_scope() -> None:
    text = "不用您去找厂家，我来联系。"
    assert is_negated(text, 2, 8)  # 您去找厂家，


def test_cantonese_no_promise() -> None:
    text = "我哋唔可以保證壓縮機以後唔會再有問題，不過新零件有一年保養。"
    start = text.index("以後")
    assert is_negated(text, start, start + 8)
    assert not is_negated(text, text.index("新零件"), text.index("新零件") + 3)


def test_a_span_that_starts_inside_the_cue_is_negated() -> None:
    text = "卡纸的原因是搓纸轮磨损，不是贵司同事操作的问题。"
    start = text.index("是贵司")
    assert is_negated(text, start, text.index("问题") + 2)


def test_spaces_between_words_change_no_negation() -> None:
    for text in ["理赔不需要您去联系快递公司，由我这边处理。", "理赔 不 需要 您 去 联系 快递 公司 ， 由 我 这边 处理 。"]:
        start = text.index("您")
        assert is_negated(text, start, text.index("公司") + 2), text
    assert negations("批 不 批 要 看 审核") == [] and negations("抢 不到 优惠券 是 运气 问题") == []


def test_in_unpunctuated_chat_a_space_and_a_new_subject_end_the_scope() -> None:
    text = "您抽了60次没出金 这个就是运气问题 别人都抽得到的"
    assert [text[n.start:n.end] for n in negations(text)] == ["出金"]  # 别人 is no cue
    text = "不用 您 去 找 厂家 我们 来 处理"
    assert [text[n.start:n.end].strip() for n in negations(text)] == ["您 去 找 厂家"]


def test_a_complete_predicate_denies_nothing_after_it() -> None:
    text = "我们的机器没问题别家客户都用得好好的"
    assert [text[n.start:n.end] for n in negations(text)] == ["问题"]
    text = "您车辆左后门的损伤与本次事故无关这一点毋庸置疑"
    assert negations(text) == []


def test_in_a_run_on_clause_a_scope_ends_after_a_few_words() -> None:
    from aftersales_std.lint.detectors.negation import MAX_SCOPE
    text = "您的分期申请未通过原因系系统综合评分不足请勿重复申请以免影响征信记录"
    scope = next(n for n in negations(text) if text[n.cue_start:n.cue_end] == "未")
    assert len(text[scope.start:scope.end]) == MAX_SCOPE
