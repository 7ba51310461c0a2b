"""The filters' cheap evidence (lint/filters/evidence.py) is a necessary condition of its detector: wherever the
detector finds a negation scope or an ownership, the evidence says "maybe". So a filter gated on it gives
the answers it gave without the gate (the gate only saves the detector's run)."""
from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aftersales_std.lint.filters import evidence
from aftersales_std.lint import filters as F
from aftersales_std.lint.detectors.negation import negations
from aftersales_std.lint.detectors.ownership import ownerships
from aftersales_std.lint.filters import TextContext, filter_spec
from repo_paths import lint_label_strings

PIECES = ["我们", "我", "这边", "您", "你", "不", "没", "没法保证", "很难保证", "不敢打包票", "明天", "上门", "补发", "寄出",
          "安排", "登记", "哦", "呢", "亲", "，", "。", "、", "；", "！", "？", "~", "：", " ", "  ", "\u3000", "\n", "“", "”",
          "王工", "师傅", "工程师小李", "仓库", "跟我们", "您这边", "不是", "并非", "用不着", "毋须", "绝不", "从没", "但",
          "不过", "问题", "吗", "唔使", "冇", "我哋", "聽日", "３", "个工作日内", "给您", "处理", "尽量", "可能", "．", "…"]
texts = st.lists(st.sampled_from(PIECES) | st.text(alphabet="我们您不没无非别免未并，。 上门补发安排王工", max_size=3),
                 max_size=30).map("".join)


def _corpus() -> list[str]:
    return [s for s in dict.fromkeys(lint_label_strings()) if len(s) >= 4]


def _check(text: str) -> None:
    ctx = TextContext(text)
    for n in negations(text):  # every start a scope can cover, the cue's own characters included
        for start in range(n.cue_start + 1, n.end):
            assert evidence.may_be_negated(ctx, start), (text, n, start)
    owners = {o.owner_start for o in ownerships(text)}
    for s in owners:
        assert evidence.may_own(ctx, s, s + 1), (text, s)
    assert owners <= set(evidence._owners(ctx))


def test_every_fixture_and_dev_reply() -> None:
    corpus = _corpus()
    assert len(corpus) > 3000
    for text in corpus:
        _check(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_generated_text(text: str) -> None:
    _check(text)


@pytest.mark.parametrize("text, part", [
    ("不可能，别人都没问题", "别人都没问题"),   # the cue is in the clause before
    ("这个我们不清楚，您去找厂家吧", "找厂家"),
])
def test_negated_runs_no_detector_without_a_cue_in_the_clause(monkeypatch: pytest.MonkeyPatch, text: str,
                                                               part: str) -> None:
    from aftersales_std.lint.detectors import negation

    monkeypatch.setattr(negation, "negations", lambda text: pytest.fail("ran the negation detector"))
    start = text.index(part)
    assert F.negated(TextContext(text), start, start + len(part), filter_spec("negated")) is False


def test_a_can_t_promise_across_a_line_break_still_runs_the_detector() -> None:
    text = "没法保证\n我们但"  # found by hypothesis: the detector's sentence runs across the line break
    assert evidence.may_be_negated(TextContext(text), text.index("我们"))


def test_a_can_t_promise_before_the_hit_still_runs_the_detector() -> None:
    text = "我不敢保证，明天一定到，但今天下午会催仓库"  # the promise is denied up to 但, across commas
    start = text.index("明天一定到")
    assert evidence.may_be_negated(TextContext(text), start)
    assert F.negated(TextContext(text), start, start + 5, filter_spec("negated")) is True


def test_owned_runs_no_detector_without_an_owner_and_action_in_scope(monkeypatch: pytest.MonkeyPatch) -> None:
    from aftersales_std.lint.detectors import ownership

    monkeypatch.setattr(ownership, "ownerships", lambda text: pytest.fail("ran the ownership detector"))
    text = "这是厂家的问题，我们也没办法。服务工程师小李会在明天下午三点之前与您联系确认上门时间。"
    start = text.index("我们也没办法")
    assert F.owned(TextContext(text), start, start + 6, filter_spec("owned")) is False


def test_owners_of_words_spaced_apart_are_evidence_too() -> None:
    """A detector that reads words spaced apart without their spaces (a tokeniser's output) finds owners the
    spaced text does not show (王 工, the gap counted without spaces): the evidence reads such text both ways."""
    for text in _corpus()[:400] + ["王工明天下午给您补发", "我们这边今天下午三点之前一定给您安排师傅上门维修"]:
        spaced = " ".join(text)
        ctx = TextContext(spaced)
        for o in ownerships(text):  # positions in `text`: character k stands at 2k in `spaced`
            assert evidence.may_own(ctx, 2 * o.owner_start, 2 * o.owner_start + 1), (text, o)
