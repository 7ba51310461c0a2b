"""A quiz with an answer key, the same for the same content and seed.

Six kinds of question, each with four options in the paper's language:
  term        a definition -> which term
  preferred   which of four words is the glossary's preferred term (the others are deprecated designations)
  limit       a clause's time limit (the standard's param) among plausible other limits
  decision    a decision point of a scenario: what to do on one branch
  escalation  when a trigger occurs: to whom and within what limit
  compliant   which reply follows the standard (the scripts' alternatives against the lines not to say)
Distractors are chosen close in length to the answer, and the answers' positions are dealt evenly over
A-D, so that neither the longest option nor one letter gives the answer away. Explanations are sentences
citing the clause by number and title. Everything is picked with random.Random(seed) from sorted lists.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any, Callable

from aftersales_std.chinese import to_traditional
from aftersales_std.model import Concept, Model, Standard
from aftersales_std.render.context import quantity
from aftersales_std.render.flow import in_words, suits

LETTERS = "ABCD"
COUNTS = {"term": 5, "preferred": 2, "limit": 5, "decision": 4, "escalation": 2, "compliant": 2}
POINTS = 5
COMMON = {"min": (10.0, 15.0, 30.0, 60.0), "h": (12.0, 24.0, 48.0, 72.0), "d": (3.0, 7.0, 15.0, 30.0),
          "wd": (3.0, 5.0, 10.0, 15.0), "month": (1.0, 3.0, 6.0, 12.0), "year": (1.0, 2.0, 3.0, 5.0)}


@dataclass(frozen=True)
class Question:
    kind: str  # term | preferred | limit | decision | escalation | compliant
    prompt: str
    options: tuple[str, ...]
    answer: int  # index into options
    explanation: str = ""
    source: str = ""  # concept id, or standard id and clause (internal: not shown)
    cite: str = ""  # the source as a reader sees it: the term, or the clause number and title (and rule)

    @property
    def letter(self) -> str:
        return LETTERS[self.answer]


@dataclass(frozen=True)
class Quiz:
    seed: int
    questions: tuple[Question, ...]

    def of(self, *kinds: str) -> list[Question]:
        return [q for q in self.questions if q.kind in kinds]

    @property
    def points(self) -> int:
        return POINTS * len(self.questions)


class _Dealer:
    """Deals answer positions A-D evenly (a shuffled deck of positions per four questions), and the answer's
    rank by length the same way: in one question of four the answer is the longest option, in one the
    shortest, in two one of the middle ones, with distractors as close in length as that allows."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.deck: list[int] = []
        self.ranks: list[int] = []
        self.used: set[str] = set()  # distractors already shown: a paper does not repeat one

    def _deal(self, deck: list[int]) -> int:
        if not deck:
            deck.extend(range(4))
            self.rng.shuffle(deck)
        return deck.pop()

    def place(self, right: str, wrong: list[str]) -> tuple[tuple[str, ...], int] | None:
        candidates = set(wrong) - {right}
        fresh = candidates - self.used
        pool = sorted(fresh if len(fresh) >= 3 else candidates)
        if len(pool) < 3:
            return None
        n = len(right)
        shorter = sorted((w for w in pool if len(w) < n), key=lambda w: (n - len(w), w))
        longer = sorted((w for w in pool if len(w) > n), key=lambda w: (len(w) - n, w))
        same = [w for w in pool if len(w) == n]  # ties say nothing either way: only where a side runs short
        below = self._deal(self.ranks)  # how many options are shorter than the answer
        take_short = min(below, len(shorter))
        take_long = min(3 - below, len(longer))
        take_same = min(3 - take_short - take_long, len(same))
        missing = 3 - take_short - take_long - take_same  # still short: from the other side
        if missing:
            extra_short = min(missing, len(shorter) - take_short)
            take_short += extra_short
            take_long += missing - extra_short
        def closest(side: list[str], k: int) -> list[str]:
            return self.rng.sample(side[:max(2 * k, 1)], k) if k else []
        picked = closest(shorter, take_short) + closest(longer, take_long) + closest(same, take_same)
        self.used.update(picked)
        self.rng.shuffle(picked)
        at = self._deal(self.deck)
        picked.insert(at, right)
        return tuple(picked), at


def _t(model: Model, lang: str, value: Any) -> str:
    text = value.get(lang) if hasattr(value, "get") else str(value)
    return to_traditional(text, model.opencc) if lang.startswith("zh-Hant") and not hasattr(value, "get") else text


# A lint rule's name in words, by its group (the folder under checks/); other groups use the lead of the
# rule's description.
RULE_NAMES = {
    "zh": {"address": "称呼不当", "blame": "推卸责任", "dismissive": "打发客户", "jargon": "行话未解释",
           "overpromise": "过度承诺", "terms": "用语不规范", "timeframe": "没有具体时间", "uncertain": "猜测或含糊的答复",
           "vague": "含糊的承诺"},
    "en": {"address": "improper form of address", "blame": "shifting the blame", "dismissive": "brushing the customer off",
           "jargon": "unexplained jargon", "overpromise": "overpromising", "terms": "non-preferred term",
           "timeframe": "no concrete time", "uncertain": "a guess or a hedge", "vague": "a vague promise"},
}


def rule_name(rule: Any, lang: str) -> str:
    """A rule's name in words ('含糊的承诺', 'a vague promise'), not its code or slug."""
    words = RULE_NAMES["en" if lang == "en" else "zh"]
    if rule.group in words:
        return words[rule.group]
    described = rule.data.get("description") or {}
    text = (described.get("en" if lang == "en" else "zh-Hans") or "") if isinstance(described, dict) else ""
    lead = re.split(r"[（(，,；;：:。.]", text, maxsplit=1)[0].strip()
    return lead or rule.name


def mid(text: str, lang: str) -> str:
    """English text written as a sentence ('The customer disputes it') put inside another sentence
    ('If the customer disputes it'); acronyms and 'I' stay as they are."""
    first = text.split(" ", 1)[0]
    if lang == "en" and (first == "A" or len(first) > 1 and first[0].isupper() and first[1:].islower()):
        return text[0].lower() + text[1:]
    return text


def _cite(standard: Standard, number: str, lang: str) -> str:
    clause = standard.clause(number)
    title = clause.title.get(lang) if clause else ""
    return f"{standard.code or standard.id} {number} {title}".strip()


WORDS = {
    "zh": {"limit": "按{cite}，{label}是多长时间？", "decision": "{check} 如果{when}，应当怎么做？",
           "escalation": "遇到这种情况应当如何升级：{when}？", "to_within": "升级至{to}，{within}内",
           "why_limit": "{cite}规定：{statement}", "why_decision": "{cite}：{then}",
           "why_escalation": "{cite}：{when}时，{channel}。", "why_preferred": "“{right}”是规范用语；{others}是不规范的说法。",
           "why_compliant": "这一句说清了由谁、在什么时间、做什么；其他几句各犯一种毛病：{rules}。",
           "why_term": "{term}：{definition}", "sep": "、", "semi": "；", "glossary": "术语库：{term}"},
    "en": {"limit": "Under {cite}, what is the {label}?", "decision": "{check} If {when}, what do you do?",
           "escalation": "How do you escalate when: {when}?", "to_within": "to {to}, within {within}",
           "why_limit": "{cite}: {statement}", "why_decision": "{cite}: {then}",
           "why_escalation": "{cite}: when {when}, {channel}.", "why_preferred": "\"{right}\" is the preferred term; {others} are not.",
           "why_compliant": "This one says who does what by when; each of the others has one fault: {rules}.",
           "why_term": "{term}: {definition}", "sep": ", ", "semi": "; ", "glossary": "Glossary: {term}"},
}


def make_quiz(model: Model, lang: str = "zh-Hans", seed: int = 1, counts: dict[str, int] | None = None,
              lint: Callable[[str], set[str]] | None = None) -> Quiz:
    """`lint` (zh-Hans text -> the codes of the rules it breaks) keeps only faulty replies the linter flags."""
    counts = {**COUNTS, **(counts or {})}
    rng = random.Random(seed)
    deal = _Dealer(rng)
    w = WORDS["en" if lang == "en" else "zh"]
    zh = (lambda s: to_traditional(s, model.opencc)) if lang.startswith("zh-Hant") else (lambda s: s)
    key = "en" if lang == "en" else "zh-Hans"
    questions: list[Question] = []

    def add(kind: str, prompt: str, right: str, wrong: list[str], why: str, source: str, cite: str) -> bool:
        placed = deal.place(right, wrong)
        if placed is None:
            return False
        questions.append(Question(kind, prompt, placed[0], placed[1], why, source, cite))
        return True

    def term_cite(c: Concept) -> str:
        return w["glossary"].format(term=c.preferred(lang).text)

    concepts = sorted((c for c in model.glossary.concepts if c.status == "valid"), key=lambda c: c.id)
    defined = {c.definition.get(lang): c for c in concepts}  # one question per definition text
    taken = 0
    for c in rng.sample(list(defined.values()), len(defined)):
        if taken >= counts["term"]:
            break
        right = c.preferred(lang).text
        same = [o.preferred(lang).text for o in concepts if o.domain == c.domain and o.id != c.id]
        others = same if len(same) >= 3 else [o.preferred(lang).text for o in concepts if o.id != c.id]
        taken += add("term", c.definition.get(lang), right, others,
                     w["why_term"].format(term=right, definition=c.definition.get(lang)), c.id, term_cite(c))

    deprecated = sorted({d.text for c in concepts for d in c.designations(key, "deprecated")})
    with_dep = [c for c in concepts if c.designations(key, "deprecated")]
    for c in rng.sample(with_dep, min(counts["preferred"], len(with_dep))):
        own = [d.text for d in c.designations(key, "deprecated")]
        right = c.preferred(key).text
        wrong = own + [d for d in deprecated if d not in own]
        placed = deal.place(zh(right) if key != "en" else right, [zh(x) if key != "en" else x for x in wrong])
        if placed:
            others = w["sep"].join(f"“{o}”" if key != "en" else f'"{o}"' for o in placed[0] if o != placed[0][placed[1]])
            why = w["why_preferred"].format(right=placed[0][placed[1]], others=others)
            questions.append(Question("preferred", "", placed[0], placed[1], why, c.id, term_cite(c)))

    customer = [s for s in sorted(model.standards, key=lambda s: (s.code or "~", s.id))
                if s.script and s.script.direction != "internal"]
    limits = [(s, name, p) for s in customer for name, p in s.params.items()
              if p.unit in ("min", "h", "d", "wd", "month", "year") and isinstance(p.value, (int, float))
              and p.keywords]  # the limits promised to customers (their keywords mark them)
    for s, name, p in rng.sample(limits, min(counts["limit"], len(limits))):
        numbers = [c.number for c in s.clauses if "{{ " + name + " }}" in c.statement.get("zh-Hans")]
        if not numbers:
            continue
        right = quantity(p.value, p.unit, lang)
        same_unit = {quantity(o.value, o.unit, lang) for _, _, o in limits if o.unit == p.unit}
        v = float(p.value)
        near = {quantity(x, p.unit, lang) for x in (v / 2, v * 2, *COMMON[p.unit]) if x.is_integer() and x > 0}
        from aftersales_std.render.context import fill
        clause = s.clause(numbers[0])
        statement = fill(clause.statement.get(lang) if clause else "", s.params, lang)
        cite = _cite(s, numbers[0], lang)
        add("limit", w["limit"].format(cite=cite, label=p.label.get(lang) or name), right,
            sorted((same_unit | near) - {right}), w["why_limit"].format(cite=cite, statement=statement),
            f"{s.id}:{numbers[0]}", cite)

    branches = [(s, d, b) for s in customer for d in s.script.decisions for b in d.branches]  # type: ignore[union-attr]
    all_then = [in_words(b.then.get(lang), dict(s.params), lang) for s, _, b in branches]
    for s, d, b in rng.sample(branches, len(branches)):
        if len(questions) and sum(q.kind == "decision" for q in questions) >= counts["decision"]:
            break
        right = in_words(b.then.get(lang), dict(s.params), lang)
        cite = _cite(s, b.clause or d.clause, lang)
        add("decision", w["decision"].format(check=in_words(d.check.get(lang), dict(s.params), lang),
                                             when=mid(in_words(b.when.get(lang), dict(s.params), lang), lang)),
            right, [t for t in all_then if t != right], w["why_decision"].format(cite=cite, then=right),
            f"{s.id}:{b.clause or d.clause}", cite)

    def target(s: Standard, ref: str) -> tuple[Standard, str]:
        other, sep, rest = ref.partition(":")
        return ((model.standard(other) or s), rest) if sep else (s, ref)

    escalations = []
    for s in customer:
        for e in s.script.escalation:  # type: ignore[union-attr]
            if e.within:
                ps, pname = target(s, e.within)
                p = ps.params.get(pname)
                if p is not None:
                    escalations.append((s, e, w["to_within"].format(to=mid(e.to.get(lang), lang), within=quantity(p.value, p.unit, lang))))
    combos = sorted({c for _, _, c in escalations})
    seen_when: set[str] = set()
    for s, e, right in rng.sample(escalations, len(escalations)):
        if sum(q.kind == "escalation" for q in questions) >= counts["escalation"]:
            break
        cs, number = target(s, e.clause)
        when = in_words(e.when.get(lang), dict(cs.params), lang)
        if when in seen_when:
            continue
        seen_when.add(when)
        add("escalation", w["escalation"].format(when=when), right, [c for c in combos if c != right],
            w["why_escalation"].format(cite=_cite(cs, number, lang), when=mid(when, lang),
                                       channel=mid(e.channel.get(lang), lang)),
            f"{cs.id}:{number}", _cite(cs, number, lang))

    def rule_cite(code: str) -> str:
        """'含糊的承诺（VG01，AS-STD-02 4.2 承诺时限）': the rule's name in words, its code and its clause."""
        rule = next((r for r in model.rules if r.code == code), None)
        if rule is None:
            return code
        inner = [code]
        if rule.refs:
            rs, number = target(customer[0], rule.refs[0])
            inner.append(_cite(rs, number, lang))
        lp, comma, rp = ("（", "，", "）") if key != "en" else (" (", ", ", ")")
        return f"{rule_name(rule, lang)}{lp}{comma.join(inner)}{rp}"

    def clause_of(code: str) -> str:
        """The clause a rule serves (the compliant reply's source; the rules by name are in its explanation)."""
        rule = next((r for r in model.rules if r.code == code), None)
        if rule is None or not rule.refs:
            return rule_cite(code)
        rs, number = target(customer[0], rule.refs[0])
        return _cite(rs, number, lang)

    lines = [(s, a) for s in customer for a in s.script.avoid if suits(a.say.get("zh-Hans"), "zh-Hans")]  # type: ignore[union-attr]
    taken = 0
    for s, a in rng.sample(lines, len(lines)):
        if taken >= counts["compliant"]:
            break
        right = in_words(a.instead.get(key), dict(s.params), lang)
        # distractors: the same reply with one typical fault each (close to it in length, some longer, some
        # shorter), and the scenarios' lines not to say
        faulty = {zh(t): r for t, r in faults(right, key) if lint is None or key == "en" or r in lint(t)}
        bad = {zh(x.say.get(key)): x.rule for _, x in lines if x is not a}
        wrong = faulty if len(faulty) >= 3 else {**bad, **faulty}  # near copies alone, or the lone full reply stands out
        placed = deal.place(zh(right), list(wrong))
        if placed:
            taken += 1
            rules = w["sep"].join(rule_cite(r) for r in sorted({wrong[o] for o in placed[0] if o in wrong}))
            questions.append(Question("compliant", "", placed[0], placed[1], w["why_compliant"].format(rules=rules),
                                      f"{s.id}:{a.rule}", clause_of(a.rule)))

    # a kind the content has too few questions for (English has no deprecated terms) is made up with terms
    for c in rng.sample(list(defined.values()), len(defined)):
        if len(questions) >= sum(counts.values()):
            break
        if any(q.source == c.id for q in questions):
            continue
        right = c.preferred(lang).text
        others = [o.preferred(lang).text for o in concepts if o.id != c.id]
        add("term", c.definition.get(lang), right, others,
            w["why_term"].format(term=right, definition=c.definition.get(lang)), c.id, term_cite(c))
    return Quiz(seed, tuple(questions))


# One typical fault each, as agents make them: (name, rule it breaks, how to put it into a compliant reply).
_ZH_TIME = re.compile(r"(?:在\s*)?(?:[^\s，。；：、在会将]{1,6}后\s*)?\d+(?:\.\d+)?\s*(?:分钟|小时|天|个工作日)\s*内")
_ZH_CLOCK = re.compile(r"(?:今天|明天|后天)?\s*\d{1,2}:\d{2}\s*(?:之前|前)")
_EN_TIME = re.compile(r"\b(?:within|in) \d+(?:\.\d+)? (?:min|minutes?|h|hours?|days?|working days?)\b(?: of [^,;.]+)?")
_EN_CLOCK = re.compile(r"\b(?:by|before) \d{1,2}:\d{2}(?: (?:today|tomorrow))?")


def _first_clause(text: str, marks: list[str]) -> str:
    """The text up to its first clause mark outside brackets ('' when there is none)."""
    depth = 0
    for i, ch in enumerate(text):
        depth += ch in "(（【["
        depth -= ch in ")）】]"
        if depth == 0 and i > 0 and any(text.startswith(m, i) for m in marks):
            return text[:i]
    return ""


def faults(text: str, lang: str) -> list[tuple[str, str]]:
    """Variants of a compliant reply with one fault each, and the lint rule each breaks."""
    out: list[tuple[str, str]] = []
    if lang == "en":
        vague = _EN_TIME.sub("soon", text, 1) if _EN_TIME.search(text) else _EN_CLOCK.sub("later", text, 1)
        out.append((vague, "TF01"))
        first_clause = _first_clause(text, [", ", "; ", ": "])
        if first_clause:
            out.append((first_clause + ", so please wait to hear from us.", "TF01"))
            out.append((first_clause + "; we will get back to you when there is news.", "VG01"))
        if " will " in text:
            out.append((text.replace(" will ", " should probably ", 1), "UC01"))
        out.append((text.rstrip(".") + ", and we guarantee you will be 100% satisfied.", "OP01"))
        first = text[:1].lower() + text[1:] if not text.startswith(("I ", "I'")) else text
        out.append(("That's the manufacturer's fault, but " + first, "BL01"))
    else:
        vague = _ZH_TIME.sub("尽快", text, 1) if _ZH_TIME.search(text) else _ZH_CLOCK.sub("稍后", text, 1)
        out.append((vague, "TF01"))
        first_clause = _first_clause(text, ["，", "；", "："])
        if first_clause:
            out.append((first_clause + "，请您耐心等待通知。", "TF01"))
            out.append((first_clause + "，有结果了再说。", "VG01"))
        out.append((text.replace("您", "你"), "AD01"))
        if "会" in text and "应该" not in text:
            out.append((text.replace("会", "应该会", 1), "UC01"))
        out.append((text.rstrip("。") + "，保证让您百分之百满意。", "OP01"))
        out.append(("这是厂家的问题，不过" + text, "BL01"))
    return [(t, r) for t, r in dict(out).items() if t != text]


__all__ = ["Question", "Quiz", "make_quiz", "POINTS", "Concept"]
