"""Session 9's speed-ups of a batch of texts (benchmarks/README.md, "Session 9"), each compared with the plain
way, text by text: the same folds, the same matcher hits, the same hits. Behaviour only; the timing is in the
benchmarks."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from aftersales_std.lint.detectors import _text
from aftersales_std.lint.matchers import BATCH_MIN, matched_hits, matched_many, texts_with, _batch_gates
from aftersales_std.lint.matchers.engine import RuleSet, mask_placeholders
from aftersales_std.lint.matchers.joined import fold_kept_many
from aftersales_std.lint.text.fold import IndexMap, fold, mark_clauses
from repo_paths import lint_label_strings

TEXTS = lint_label_strings()
# spaced-out words, clause gaps, line breaks, placeholders, the separators, full-width and traditional text
ODD = ["我们 会 尽快 处理 的 哈", "好的 这边 帮您 跟进 哈", "化妆包 您的订单里没有 我们马上补发", "宝 面霜漏液了", "\n",
       "会\n处理", "是\n快递的问题", "", " ", "a\x00b", "{{ deadline }}前给您回复", "ＲＭＡ流程", "保固期內會處理",
       "您自己\n不小心摔的", "这是厂家的问题。\n\n我们也没办法", "已经给您转2L了，状态是PEND", "转二线 工单"]


def _batches(texts: list[str], size: int) -> list[list[str]]:
    return [texts[i:i + size] for i in range(0, len(texts), size)]


def test_fold_kept_many_equals_both_folds_text_by_text() -> None:
    texts = TEXTS + ODD
    for batch in _batches(texts, 97) + [ODD, ODD[:1], []]:
        folded, kept, marked = fold_kept_many(batch)
        assert folded == [fold(t) for t in batch]
        if kept is not None:
            assert kept == [_text.fold_keep(t) for t in batch]
            assert marked == [mark_clauses(t) for t in batch]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="我们会尽快处理您好保固 \t\n\u3000\u2003aB1，。\x00\ue002", max_size=30), max_size=6))
def test_fold_kept_many_on_generated_text(batch: list[str]) -> None:
    folded, kept, marked = fold_kept_many(batch)
    assert folded == [fold(t) for t in batch]
    assert kept is None or kept == [_text.fold_keep(t) for t in batch]
    assert marked is None or marked == [mark_clauses(t) for t in batch]


def test_fold_keep_turns_nothing_into_a_space() -> None:
    """matched_many counts a text's spaces before folding it (word_view counts them after)."""
    assert not [c for c, v in _text._keep_table().items() if v == " " and c != ord(" ")]


def test_kept_answers_from_the_shared_batch_and_only_meanwhile() -> None:
    with _text.sharing(["甲"], ["乙"]):
        assert _text.kept("甲") == "乙"
    assert _text.kept("甲") == "甲"


def test_matched_many_equals_matched_hits_text_by_text(repo_rules: RuleSet) -> None:
    rules = repo_rules._matched
    texts = TEXTS + ODD
    rng = random.Random(9)
    texts += ["，".join(rng.sample(TEXTS, 3)) for _ in range(300)]  # hits where texts meet
    hits_of = [repo_rules._scan(t) for t in texts]
    expected = [matched_hits(rules, t, mask_placeholders(t), h) if t else h for t, h in zip(texts, hits_of)]
    for size in (BATCH_MIN, 61, 500):
        got = []
        for i in range(0, len(texts), size):
            batch = texts[i:i + size]
            masked = [mask_placeholders(t) for t in batch]
            folded, kept, marked = fold_kept_many(masked)
            got += matched_many(rules, batch, masked, hits_of[i:i + size], kept, folded, marked)
        assert got == expected


def test_batch_gates_find_every_text_a_detector_finds_something_in(repo_rules: RuleSet) -> None:
    """texts_with(gate) over the joined texts holds every text in which the matcher finds something."""
    from aftersales_std.lint.matchers import MATCHERS
    texts = [mask_placeholders(t) for t in TEXTS + ODD]
    names = {name for rule in repo_rules._matched for name in rule.matchers}
    assert names <= set(MATCHERS)
    for name in names:
        on_view, gates = _batch_gates(name)  # type: ignore[misc]
        seen = [_text.word_view(t)[0] if on_view else t for t in texts]
        starts, pos = [], 0
        for s in seen:
            starts.append(pos)
            pos += len(s) + 1
        joined = "\n".join(seen)
        found = {i for gate in gates for i in texts_with(gate, joined, starts)}
        for i, text in enumerate(texts):
            if MATCHERS[name](text, frozenset()):
                assert i in found, (name, text)
            # and text by text, each gate alone finds the same texts as the joined search, or fewer
            for gate in gates:
                if gate.search(seen[i]):
                    assert i in found, (name, text)


def test_scan_many_equals_scan_on_mixed_batches(repo_rules: RuleSet) -> None:
    texts = TEXTS[:1500] + ODD
    assert repo_rules.scan_many(texts, batch=333) == [repo_rules.scan(t) for t in texts]


def test_model_flags_remembered_per_sentence_are_its_scores(repo_rules: RuleSet) -> None:
    from aftersales_std.lint.matchers import classifier
    models = [r.model for r in repo_rules.rules if r.model is not None]
    assert models
    sentences = [fold(t) for t in TEXTS[:400]] * 2
    for model in models:
        assert [model.flags(s) for s in sentences] == [model.score(s) >= model.logit for s in sentences]
        assert "_flagged" not in model.__getstate__()  # not stored with the rules cache
    model = models[0]
    model.__dict__.pop("_flagged", None)
    for i in range(classifier.FLAGS_KEPT + 5):  # the memo is bounded
        model.flags(str(i))
    assert len(model._flagged) <= classifier.FLAGS_KEPT


def test_index_map_from_the_marked_text_is_the_plain_one() -> None:
    for text in TEXTS[:3000] + ODD:
        n = len(fold(text))
        plain, given = IndexMap(text, n), IndexMap(text, n, mark_clauses(text))
        assert [plain[i] for i in range(n)] == [given[i] for i in range(n)], text


def test_has_quote_is_the_substring_test() -> None:
    from aftersales_std.lint.filters.accept import has_quote
    for text in TEXTS + ODD + ["“", "「", "『", '"', "‘", ">", "》", "'"]:
        assert has_quote(text) == any(q in text for q in "“「『\"‘>"), text


def test_unquote_leaves_a_text_without_a_quote_mark_as_it_is() -> None:
    from aftersales_std.lint.matchers import classifier
    for text in TEXTS + ODD + ["“", "「", "『", '"', "‘", "》", "'"]:
        folded = fold(text)
        if not any(q in folded for q in "“「『\"‘"):
            assert classifier.unquote(folded) is folded
        assert classifier.unquote(folded) == classifier._QUOTED.sub(lambda m: m.group()[0] + m.group()[-1], folded)
