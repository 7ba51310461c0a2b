"""Invariants every new detector keeps on any text: no crash, spans inside the text and equal to it,
clauses ordered and disjoint, and zh-Hant giving the same spans as zh-Hans."""
from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from aftersales_std.chinese import to_traditional
from aftersales_std.lint.detectors.clauses import clauses, sentences
from aftersales_std.lint.detectors.negation import negations
from aftersales_std.lint.detectors.ownership import ownerships
from aftersales_std.lint.detectors.quoted import quoted_spans

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lint"
PIECES = ["我们", "您", "不", "没法保证", "明天", "上门", "哦", "呢", "亲", "，", "。", "“", "”", "「", "」", "《",
          "》", '"', "'", " ", "  ", "\n", "😊", "[微笑]", "您说", "您反映的", "问题", "但", "王工", "补发", "不是",
          "吗", "？", "然后", "请", "A", "3", "个工作日内", "唔使", "冇", "我哋", "呢單", "㗎"]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=25).map("".join)


def _check(text: str) -> None:
    parts = clauses(text)
    assert all(text[c.start:c.end] == c.text and c.text == c.text.strip() and c.text for c in parts)
    assert all(a.end <= b.start and a.sentence <= b.sentence for a, b in zip(parts, parts[1:]))
    assert [(s.start, s.sentence) for s in sentences(text)] == [(c.start, c.sentence) for c in parts
                                                                 if c is next(p for p in parts if p.sentence == c.sentence)]
    for n in negations(text):
        assert 0 <= n.cue_start < n.cue_end <= n.start < n.end <= len(text)
    for q in quoted_spans(text):
        assert text[q.start:q.end] == q.text and q.kind in ("quote", "restatement")
    for o in ownerships(text):
        assert text[o.owner_start:o.owner_end] == o.owner and text[o.action_start:o.action_end] == o.action
        assert o.owner_end <= o.action_start


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_text(text: str) -> None:
    _check(text)


def test_every_labelled_reply() -> None:
    replies = yaml.safe_load((FIXTURES / "eval.yaml").read_text(encoding="utf-8"))["replies"]
    for reply in replies:
        _check(reply["text"])


def test_traditional_script_gives_the_same_spans() -> None:
    replies = yaml.safe_load((FIXTURES / "eval.yaml").read_text(encoding="utf-8"))["replies"]
    same = total = 0
    for reply in replies:
        if reply["lang"] != "zh-Hans":
            continue
        hans = reply["text"]
        hant = to_traditional(hans)
        if len(hant) != len(hans):
            continue
        total += 1
        same += all((
            [(c.start, c.end) for c in clauses(hans)] == [(c.start, c.end) for c in clauses(hant)],
            [(n.start, n.end) for n in negations(hans)] == [(n.start, n.end) for n in negations(hant)],
            [(q.start, q.end) for q in quoted_spans(hans)] == [(q.start, q.end) for q in quoted_spans(hant)],
            [(o.owner_start, o.action_start) for o in ownerships(hans)]
            == [(o.owner_start, o.action_start) for o in ownerships(hant)],
        ))
    assert total > 100
    assert same / total >= 0.98  # 204/204 measured, f"{same}/{total}"
