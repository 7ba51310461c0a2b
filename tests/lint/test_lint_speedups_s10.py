"""Session 10's speed-ups (benchmarks/README.md, "Session 10"), each compared with the plain way: a text that
comes again is not scanned again, clause boundaries are kept per segment, `owned` looks at the whole text
first. Behaviour only; the timing is in the benchmarks."""
from __future__ import annotations

import random

from aftersales_std.lint.detectors import clauses as clauses_module
from aftersales_std.lint.detectors.clauses import boundaries, clauses
from aftersales_std.lint.matchers.engine import Repeats, RuleSet
from repo_paths import lint_label_strings

TEXTS = lint_label_strings()
ODD = ["亲您好这边帮您查了哦物流显示明天到呢您耐心等一下哈", "我们 会 尽快 处理 的 哈", "化妆包 您的订单里没有 我们马上补发",
       "", " ", "\n", "是仓库发错了，我今天下午给您重新寄出", "您说‘你们就是在推卸责任’，我理解您的不满"]


def test_repeated_texts_get_the_hits_of_a_scan(repo_rules: RuleSet) -> None:
    rng = random.Random(10)
    texts = [rng.choice(TEXTS[:300] + ODD) for _ in range(600)]  # many repeats, in any order
    seen = Repeats()
    got = [hits for i in range(0, len(texts), 150) for hits in repo_rules.scan_many(texts[i:i + 150], seen=seen)]
    assert got == [repo_rules.scan(text) for text in texts]
    assert len({id(hits) for hits in got}) == len(got)  # each text its own list
    assert got == repo_rules.scan_many(texts)  # without a memo of the caller's: repeats found within the call


def test_repeats_start_again_when_full(repo_rules: RuleSet, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from aftersales_std.lint.matchers import engine
    monkeypatch.setattr(engine, "REPEATS_CHARS", 200)
    seen = Repeats()
    texts = TEXTS[:120] * 2
    assert repo_rules.scan_many(texts, seen=seen) == [repo_rules.scan(t) for t in texts]
    assert 0 < seen.chars <= 200
    assert repo_rules.scan_many(texts, seen=seen) == [repo_rules.scan(t) for t in texts]


def test_long_texts_are_not_kept(repo_rules: RuleSet) -> None:
    seen = Repeats()
    long = "这是厂家的问题。" * 200
    assert repo_rules.scan_many([long, long, "你好"], seen=seen) == [repo_rules.scan(long)] * 2 + [repo_rules.scan("你好")]
    assert long not in seen.hits


def test_segment_boundaries_kept_are_the_boundaries_found_afresh() -> None:
    texts = TEXTS[:400] + ODD
    first = [boundaries(t) for t in texts]  # the segments' boundaries now kept
    again = [boundaries(t) for t in texts]  # read back
    clauses_module._segment_boundaries.cache_clear()
    saved = clauses_module._SEGMENT_KEPT
    try:
        clauses_module._SEGMENT_KEPT = -1  # nothing kept: every segment found afresh
        fresh = [boundaries(t) for t in texts]
    finally:
        clauses_module._SEGMENT_KEPT = saved
    assert first == again == fresh
    assert all(isinstance(c.start, int) for t in ODD for c in clauses(t))


def test_owned_without_any_owner_drops_nothing() -> None:
    from aftersales_std.lint.filters import FILTERS, TextContext, filter_spec
    spec = filter_spec({"owned": {"scope": "sentence", "after": 1}})
    for text in ["这是厂家的问题，您去找厂家吧", "是快递那边的原因，跟我们没关系", "是仓库发错了，我今天下午给您重新寄出"]:
        ctx = TextContext(text)
        dropped = FILTERS["owned"].fn(ctx, 0, 4, spec)
        assert dropped == ("我今天下午" in text)
