"""The quiz does not give its answers away: over every paper of many seeds, in Chinese and English, the right
answer is the longest option no more often than chance (one in four), of every kind of question, and sits
at each letter as often as at any other; the faulty replies of a "compliant" question each break a rule."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Iterable

import pytest

from aftersales_std.assemble import load_model
from aftersales_std.project import open_project
from aftersales_std.render.quiz import Question, faults, make_quiz

REPO = Path(__file__).resolve().parents[2]
SEEDS = range(1, 61)
# three standard deviations of a share of 1/4 over n questions
def limit(n: int) -> float:
    return 0.25 + 3 * (0.25 * 0.75 / n) ** 0.5


def longest_share(questions: Iterable[Question]) -> float:
    """How often the answer is the longest option; a tie for longest counts as its share."""
    qs = list(questions)
    total = 0.0
    for q in qs:
        lengths = [len(o) for o in q.options]
        top = max(lengths)
        total += (lengths[q.answer] == top) / lengths.count(top)
    return total / len(qs)


@pytest.fixture(scope="module")
def project():  # type: ignore[no-untyped-def]
    return open_project(REPO)


@pytest.fixture(scope="module")
def papers(project) -> dict[str, list[Question]]:  # type: ignore[no-untyped-def]
    from aftersales_std.lint import lint_text, load_rules
    model, rules = load_model(project), load_rules(project)
    lint = lambda text: {f.code for f in lint_text(text, rules)}  # noqa: E731
    return {lang: [q for seed in SEEDS for q in make_quiz(model, lang, seed, lint=lint).questions]
            for lang in ("zh-Hans", "en")}


def test_the_measure_sees_an_answer_that_is_always_longest() -> None:
    give_away = [Question("term", "", ("a", "bb", "ccc", "dddd"), 3), Question("term", "", ("eeeee", "f", "g", "h"), 0)]
    assert longest_share(give_away) == 1.0
    assert longest_share([Question("term", "", ("aa", "bb", "cc", "dd"), 1)]) == 0.25


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_the_answer_is_the_longest_option_no_more_often_than_chance(papers, lang: str) -> None:  # type: ignore[no-untyped-def]
    questions = papers[lang]
    assert len(questions) == 20 * len(SEEDS)  # every paper is complete, English too
    assert longest_share(questions) <= limit(len(questions))
    for kind in sorted({q.kind for q in questions}):
        of_kind = [q for q in questions if q.kind == kind]
        assert longest_share(of_kind) <= limit(len(of_kind)), kind


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_no_letter_holds_the_answer_more_often_than_chance(papers, lang: str) -> None:  # type: ignore[no-untyped-def]
    questions = papers[lang]
    letters = Counter(q.letter for q in questions)
    assert set(letters) == set("ABCD")
    assert max(letters.values()) / len(questions) <= limit(len(questions))
    for kind in sorted({q.kind for q in questions}):
        of_kind = Counter(q.letter for q in questions if q.kind == kind)
        assert max(of_kind.values()) / sum(of_kind.values()) <= limit(sum(of_kind.values())), kind


def test_faulty_replies_each_break_the_rule_they_stand_for(project, papers) -> None:  # type: ignore[no-untyped-def]
    from aftersales_std.lint import lint_text, load_rules
    rules = load_rules(project)
    compliant = [q for q in papers["zh-Hans"] if q.kind == "compliant"]
    assert compliant
    for q in compliant:
        assert not lint_text(q.options[q.answer], rules), q.options[q.answer]
        for i, option in enumerate(q.options):
            if i != q.answer:
                assert lint_text(option, rules), option  # every wrong reply breaks a rule
    right = "服务网点会在受理后 48 小时 内上门，工程师到达前 30 分钟给您打电话。"
    variants = dict(faults(right, "zh-Hans"))
    assert variants["服务网点会尽快上门，工程师到达前 30 分钟给您打电话。"] == "TF01"
    assert variants["服务网点会在受理后 48 小时 内上门，工程师到达前 30 分钟给你打电话。"] == "AD01"
    assert all(v != right for v in variants)


def test_english_faulty_replies_keep_whole_clauses() -> None:
    right = "Your ticket owner will call you before 18:00 today, and I will text you the ticket number."
    variants = dict(faults(right, "en"))
    assert variants["Your ticket owner will call you later, and I will text you the ticket number."] == "TF01"
    assert variants["Your ticket owner will call you before 18:00 today, so please wait to hear from us."] == "TF01"
    assert all(v.split(",")[0].split(";")[0].count(" ") >= 2 for v in variants)  # no clause cut inside a word


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_the_answer_key_cites_clauses_and_terms_in_words_never_internal_ids(project, papers, lang: str) -> None:  # type: ignore[no-untyped-def]
    import re
    model = load_model(project)
    ids = {c.id for c in model.glossary.concepts} | {s.id for s in model.standards}
    codes = {s.code for s in model.standards if s.code}
    slug = re.compile(r"\b[a-z]+(?:-[a-z]+)*:[\w.]+")  # response-times:VG02, repair:4.2
    for q in papers[lang]:
        assert q.cite and not slug.search(q.cite), q
        if lang != "en":  # (an English term may read like its id: self-service)
            assert not set(re.findall(r"[a-z]+(?:-[a-z]+)*", q.cite)) & ids, q
        if q.kind in ("limit", "decision", "escalation", "compliant"):
            # the clause by its standard's code, number and title
            assert re.search(r"(?:%s) \d+(?:\.\d+)* \S" % "|".join(map(re.escape, sorted(codes))), q.cite), q
        if q.kind == "compliant":  # the explanation names each rule in words, then its code and clause
            named = re.findall(r"([^\W\d_][^（(,，、:：]*?)\s?[（(]([A-Z]{2}\d{2})[，,]\s?", q.explanation)
            assert named and all(not re.search(r"[A-Z]{2}\d{2}", name) for name, _ in named), q.explanation
        if q.kind in ("term", "preferred"):
            assert q.options[q.answer] in q.cite or lang == "zh-Hans" and q.kind == "preferred", q


def test_english_branches_read_inside_a_sentence(papers) -> None:  # type: ignore[no-untyped-def]
    from aftersales_std.render.quiz import mid
    assert mid("The customer disputes it", "en") == "the customer disputes it"
    assert mid("AS-STD-04 4.6", "en") == "AS-STD-04 4.6" and mid("I will call", "en") == "I will call"
    assert mid("The", "zh-Hans") == "The" and mid("A fault", "en") == "a fault" and mid("Any no", "en") == "any no"
    import re
    for q in papers["en"]:
        if q.kind in ("decision", "escalation"):
            text = q.prompt + " " + q.explanation + " " + " ".join(q.options)
            assert not re.search(r"\b(?:If|when|to) (?:The|A|Any|Yes|No)\b", text), text


def test_every_rule_has_a_name_in_words(project) -> None:  # type: ignore[no-untyped-def]
    import re
    from aftersales_std.render.quiz import rule_name
    model = load_model(project)
    for rule in model.rules:
        for lang in ("zh-Hans", "en"):
            name = rule_name(rule, lang)
            assert name and not re.search(r"[A-Z]{2}\d{2}|\.", name), (rule.code, lang, name)
