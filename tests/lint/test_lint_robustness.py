"""Hypothesis: any text never crashes the linter and every span lies within the text."""
from __future__ import annotations

import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aftersales_std.lint import lint_text
from aftersales_std.lint.matchers.engine import RuleSet
from aftersales_std.lint.sources.inputs import jsonl_segments

PHRASES = ["尽快", "你", "研究一下", "這是廠家的問題", "RMA", "{{ deadline }}", "“", "”", "三保", "保證100%",
           "\u3000", " ", "\n", "\x00", "😀", "（", "{%", "aftersales: disable=VG01"]
texts = st.lists(st.one_of(st.text(max_size=20), st.sampled_from(PHRASES)), max_size=30).map("".join)


def check_spans(text: str, rules: RuleSet) -> None:
    lines = text.split("\n")
    for f in lint_text(text, rules):
        assert 1 <= f.line <= len(lines)
        assert 1 <= f.column < f.end_column <= len(lines[f.end_line - 1]) + 1 or f.end_line > f.line
        assert f.start is not None and 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.match


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts)
def test_any_text_never_crashes_and_spans_are_in_range(repo_rules: RuleSet, text: str) -> None:
    check_spans(text, repo_rules)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=5), texts)
def test_lone_surrogates_from_json(repo_rules: RuleSet, surrogates: str, text: str) -> None:
    raw = json.dumps({"text": surrogates + text + "尽快"}).encode()
    problems: list = []
    segments = list(jsonl_segments(iter([(1, raw)]), "x.jsonl", "text", problems))
    assert not problems
    findings = lint_text(segments[0].text, repo_rules)
    for f in findings:
        f.message.encode("utf-8")
        f.match.encode("utf-8")


def test_one_megabyte_line(repo_rules: RuleSet) -> None:
    text = ("您好，王工明天 10:00 上门。我们研究一下，" * 40_000)[:1_000_000]
    start = time.perf_counter()
    findings = lint_text(text, repo_rules)
    assert time.perf_counter() - start < 30
    assert findings and all(0 <= f.start < f.end <= len(text) for f in findings)


def test_long_texts_give_what_their_pieces_give(repo_rules: RuleSet) -> None:
    """Many matches in one long text: quotes are looked up by bisection, and the conditions of a long
    clause or sentence are found once for all its matches (both were once per match: 50 s for
    144,000 characters of quotes, 16 s for an 80,000-character sentence)."""
    piece = "客户说“你们太慢”，我们会尽快处理。"
    one = [(h.rule.code, h.start, h.end) for h in repo_rules.scan(piece)]
    assert one and all(code != "AD01" for code, _s, _e in one)  # 你们 is the customer's
    many = [(h.rule.code, h.start, h.end) for h in repo_rules.scan(piece * 3000)]
    assert many == [(code, s + k * len(piece), e + k * len(piece)) for k in range(3000) for code, s, e in one]
    sentence = "我们会尽快处理，你好" * 3000  # no full stop: one sentence of 30,000 characters
    hits = repo_rules.scan(sentence)
    assert len(hits) == 9000 and all(sentence[h.start:h.end] == h.match for h in hits)
