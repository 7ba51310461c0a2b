"""A quiz with an answer key, the same for the same content and seed.

Three kinds of question: term <-> definition, preferred vs deprecated term, and "which reply is
compliant" (approved phrasing and the lint rules' good examples against avoided phrasing and the rules'
bad examples). Everything is picked with random.Random(seed) from lists sorted by id first.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from aftersales_std.chinese import to_traditional
from aftersales_std.model import Concept, Model
from aftersales_std.render.context import examples, slot

LETTERS = "ABCD"
COUNTS = {"term": 10, "preferred": 5, "compliant": 5}


@dataclass(frozen=True)
class Question:
    kind: str  # term | definition | preferred | compliant
    prompt: str
    options: tuple[str, ...]
    answer: int  # index into options
    explanation: str = ""
    source: str = ""  # concept id or rule code

    @property
    def letter(self) -> str:
        return LETTERS[self.answer]


@dataclass(frozen=True)
class Quiz:
    seed: int
    questions: tuple[Question, ...]

    def of(self, *kinds: str) -> list[Question]:
        return [q for q in self.questions if q.kind in kinds]


def _options(rng: random.Random, right: str, wrong: list[str]) -> tuple[tuple[str, ...], int]:
    picked = [right] + rng.sample(wrong, min(3, len(wrong)))
    rng.shuffle(picked)
    return tuple(picked), picked.index(right)


def _definition(c: Concept, lang: str) -> str:
    return c.definition.get(lang) or c.definition.get("zh-Hans")


def _zh(text: str, lang: str, opencc: str) -> str:
    return to_traditional(text, opencc) if lang == "zh-Hant" else text


def make_quiz(model: Model, lang: str = "zh-Hans", seed: int = 1, counts: dict[str, int] | None = None) -> Quiz:
    counts = {**COUNTS, **(counts or {})}
    rng = random.Random(seed)
    concepts = sorted((c for c in model.glossary.concepts if c.status == "valid"), key=lambda c: c.id)
    questions: list[Question] = []

    chosen = rng.sample(concepts, min(counts["term"], len(concepts))) if len(concepts) >= 2 else []
    for i, c in enumerate(chosen):
        others = [o for o in concepts if o.id != c.id]
        same = [o for o in others if o.domain == c.domain]
        pool = same if len(same) >= 3 else others
        if i % 2 == 0:  # definition -> which term
            wrong = sorted({o.preferred(lang).text for o in pool} - {c.preferred(lang).text})
            opts, answer = _options(rng, c.preferred(lang).text, wrong)
            questions.append(Question("term", _definition(c, lang), opts, answer, source=c.id))
        else:  # term -> which definition
            wrong = sorted({_definition(o, lang) for o in pool} - {_definition(c, lang)})
            opts, answer = _options(rng, _definition(c, lang), wrong)
            questions.append(Question("definition", c.preferred(lang).text, opts, answer, source=c.id))

    with_deprecated = [c for c in concepts if c.designations(lang, "deprecated") or c.designations("zh-Hans", "deprecated")]
    for c in rng.sample(with_deprecated, min(counts["preferred"], len(with_deprecated))):
        deprecated = c.designations(lang, "deprecated") or c.designations("zh-Hans", "deprecated")
        right = c.preferred(lang if c.designations(lang, "deprecated") else "zh-Hans")
        wrong = sorted({d.text for d in deprecated} - {right.text})
        if not wrong:
            continue
        opts, answer = _options(rng, right.text, wrong)
        note = "; ".join(d.usage_note for d in deprecated if d.usage_note)
        questions.append(Question("preferred", _definition(c, lang), opts, answer, note, c.id))

    good: list[tuple[str, str]] = []  # (text, source)
    bad: list[tuple[str, str, str]] = []  # (text, source, why)
    for c in concepts:
        good += [(p.text, c.id) for p in c.approved]
        bad += [(p.text, c.id, p.instead or "") for p in c.avoid if len(p.text) > 6]
    for r in model.rules:
        good += [(e, r.code) for e in examples(r, "good")]
        bad += [(e, r.code, r.message.get(lang) or r.message.get("zh-Hans")) for e in examples(r, "bad")]
    if good and bad:
        for text, source in rng.sample(good, min(counts["compliant"], len(good))):
            wrong_items = rng.sample(bad, min(3, len(bad)))
            opts, answer = _options(rng, _zh(slot(text), lang, model.opencc),
                                    [_zh(slot(b[0]), lang, model.opencc) for b in wrong_items])
            why = " / ".join(f"{b[1]}" for b in wrong_items)
            questions.append(Question("compliant", "", opts, answer, why, source))
    return Quiz(seed, tuple(questions))
