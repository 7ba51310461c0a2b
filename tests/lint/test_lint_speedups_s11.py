"""Session 11's speed-ups (benchmarks/README.md, "Session 11"), each compared with the plain way. Behaviour only;
the timing is in the benchmarks."""
from __future__ import annotations

import random

from aftersales_std.lint.matchers.engine import RuleSet, mask_placeholders
from aftersales_std.lint.matchers.joined import fold_kept_many, joined_places
from aftersales_std.lint.text.fold import is_simplified
from repo_paths import lint_label_strings

TEXTS = lint_label_strings()
# 保固 and 工作天 are flagged in simplified text only (TM01's hans_only): in traditional or mixed text they are
# never candidates at all now
SCRIPTS = ["您的设备仍在保固期内，我们会尽快处理。", "您的設備仍在保固期內，技師將於明天到府檢測。", "保固", "工作天",
           "預計 3 個工作天內寄回，保固期內免費。", "预计 3 个工作天内寄回", "這台华硕保固还在", "「保固」一词在台湾常用",
           "您好，保固期内免费维修，7个工作天内完成。", "亲，保固期是一年哦", "保固保固工作天保固"]


def test_batches_give_the_hits_of_a_scan_in_either_script(repo_rules: RuleSet) -> None:
    rng = random.Random(11)
    texts = [rng.choice(TEXTS[:400] + SCRIPTS) + rng.choice(["", "。", "，保固", "，工作天"]) for _ in range(700)]
    texts += SCRIPTS
    assert repo_rules.scan_many(texts) == [repo_rules.scan(text) for text in texts]


def test_hans_only_candidates_are_left_out_only_in_text_that_is_not_simplified(repo_rules: RuleSet) -> None:
    repo_rules._fast_now()
    if repo_rules.bytes_automaton is None:  # pragma: no cover - without ahocorasick-rs there is no batch hand-over
        return
    hans = repo_rules._hans_words()
    assert hans, "TM01 has words flagged only in simplified text"
    texts = SCRIPTS + TEXTS[:300]
    folded, _kept, _marked = fold_kept_many([mask_placeholders(text) for text in texts])
    plain = joined_places(repo_rules.bytes_automaton, repo_rules._values, folded)
    less = joined_places(repo_rules.bytes_automaton, repo_rules._values, folded, hans,
                         lambda i: is_simplified(texts[i]))
    assert plain is not None and less is not None
    dropped = 0
    for text, fold, was, now in zip(texts, folded, plain, less):
        if was is None:
            assert now is None
            continue
        assert now is not None and now[1] == was[1]  # the patterns to try are the same
        if is_simplified(text):
            assert now[0] == was[0]
            continue
        kept = [(s, e, rule) for s, e, rule in was[0] if not (rule.model is None and fold[s:e] in rule.hans_only)]
        assert now[0] == kept
        dropped += len(was[0]) - len(kept)
    assert dropped > 0


def _holding_plain(folded: str, start: int, end: int) -> tuple[int, int, int] | None:
    """Sentences.holding as it was written before session 11: every sentence's spans through _trimmed."""
    import bisect

    from aftersales_std.lint.matchers.classifier import _SENTENCE, _trimmed
    marks = [m.span() for m in _SENTENCE.finditer(folded)]
    closes = [close for _start, close in marks]
    k = bisect.bisect_left(closes, end)
    lo = closes[k - 1] if k > 0 else 0
    hi, close = marks[k] if k < len(marks) else (len(folded), len(folded))
    pieces = list(_trimmed(folded, lo, hi, close))
    i = bisect.bisect_right([span[0] for span in pieces], start) - 1
    return pieces[i] if i >= 0 and end <= pieces[i][2] else None


def test_sentences_holding_is_the_plain_way() -> None:
    from aftersales_std.lint.matchers.classifier import Sentences
    from aftersales_std.lint.text.fold import fold
    rng = random.Random(111)
    alphabet = "我们会尽快处理都怪快递。!?…|.3如下:,;、 “”ab~-"
    texts = [fold(t) for t in TEXTS[:300]]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300))) for _ in range(500)]
    texts += ["很长的句子没有句号," * rng.randint(5, 40) + "。好" for _ in range(50)]  # clause by clause past 120
    for text in texts:
        sentences = Sentences(text)
        for _ in range(10):  # in any order: the spans of a sentence are kept once found
            start = rng.randint(0, len(text))
            end = rng.randint(start, min(len(text), start + 12))
            assert sentences.holding(start, end) == _holding_plain(text, start, end), (text, start, end)
