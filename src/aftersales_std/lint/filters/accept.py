"""Acceptance: the one ordered list of named steps every candidate hit goes through.

Every matcher kind hands its candidates here: the phrases, patterns and models of the engine
(`matchers/engine.py`, `RuleSet._accept`) and the detector matchers (`matchers/__init__.py`,
`matched_hits`). A candidate is a rule and a span, in two coordinates: `fs:fe` in the folded text the
rules match, `start:end` in the text as given (Jinja placeholders masked, same length as the original).
`Acceptance` holds one text's state (its three forms, the index map, and what earlier candidates left:
the spans taken, the words explained once); `Acceptance.accept` runs the rule's steps in the order of
`STEPS` and drops the candidate at the first that holds.

Each step is a small function

    def step(a: Acceptance, rule: Rule, span: str, fs: int, fe: int, start: int, end: int) -> bool

with a docstring saying what it drops (True: drop), `applies(rule)` saying which rules it can drop
anything of, and `positions(rule)` saying whether it reads the original positions; `plan(rule)` is the
rule's tuple of applicable steps, found once per rule, so a plain phrase rule pays for none of the
others, and the engine looks the original positions up only for a candidate that passes the steps
before the first that reads them. Each is unit-tested alone in tests/lint/test_lint_accept.py.
After every candidate, `FINISH` runs over the text's accepted hits (today one step: a model's hit where
a rule of its group already reports the sentence).

Add a step: write the function with its docstring, put `Step(name, fn, applies, positions)` at its place in `STEPS`
(cheap, local checks before the ones that read a wider context; a step that records state, as
`condition` does for `once`, sees only candidates the steps before it let through), and test it alone.
The rule's own named filters (`unless:`, `condition.detectors`) are the registry of `filters/__init__.py`;
the `unless` step runs them.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from aftersales_std.lint.filters import TextContext, detected, drops
from aftersales_std.lint.matchers.classifier import ends
from aftersales_std.lint.rules import MARK_OTHER, MARK_TIME, Rule, in_context
from aftersales_std.lint.text.fold import IndexMap, is_simplified

__all__ = ["Acceptance", "Step", "STEPS", "FINISH", "plan", "QUOTES", "quote_spans", "has_quote",
           "SENTENCE_END", "CLAUSE_END", "scope", "exception_overlaps", "condition_met", "without_ruled"]

QUOTES = re.compile(r"“[^“”]{0,300}”|「[^「」]{0,300}」|『[^『』]{0,300}』|\"[^\"\n]{0,300}\"|‘[^‘’\n]{0,300}’"
                    r"|^[ \t]{0,3}>[^\n]*", re.MULTILINE)
_QUOTE_CHAR = re.compile("[“「『\"‘>]")
_ASCII_WORD = re.compile(r"[0-9a-z]")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u3000]*\n")
# A clause or sentence longer than this (a 1 MB line without a full stop) has its conditions found
# once for all the matches in it, not once per match.
LONG_UNIT = 400
# Where clauses and sentences end, in folded text (full-width punctuation is already half-width).
SENTENCE_END = ends("。!?…", ".")
CLAUSE_END = ends("。!?…,;、", ":.")


class Acceptance:
    """One text's acceptance state: the text (`text`), its masked form (`masked`, placeholders masked, same
    length) and folded form (`folded`), the index map between them, and what earlier candidates left."""

    __slots__ = ("text", "masked", "folded", "imap", "known", "covered", "taken", "blocked", "modelled",
                 "_quotes", "_quote_starts", "_simplified")

    def __init__(self, text: str, masked: str, folded: str, imap: IndexMap | None = None,
                 blocked: Sequence[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.masked = masked
        self.folded = folded
        self.imap = IndexMap(masked, len(folded)) if imap is None else imap
        # clause and sentence ends, long units' conditions and the TextContext of this text, found once
        self.known: dict[Any, Any] = {}
        self.covered: set[tuple[str, str]] = set()  # (rule, words) whose condition was met where `once` holds
        self.taken: dict[str, int] = {}  # rule code -> folded end of its last accepted hit
        self.blocked = blocked  # original spans no candidate may overlap (detector matchers: hits already made)
        self.modelled = False  # a model's hit was accepted (FINISH has work)
        self._quotes: list[tuple[int, int]] | None = None
        self._quote_starts: list[int] = []
        self._simplified: bool | None = None

    def accept(self, rule: Rule, fs: int, fe: int, start: int = -1, end: int = -1) -> tuple[int, int] | None:
        """The candidate's original span if it passes every step of its rule's plan, else None. A candidate
        that passes is taken (later candidates of the same rule may not overlap it). Candidates come sorted by
        folded start (then longest first). start, end: -1 when not known yet; the index map gives them after
        the steps that read only folded coordinates (most drops happen there, so most never need them)."""
        entry = _PLANS.get(id(rule))
        if entry is None or entry[0] is not rule:
            entry = _plan(rule)
        span = self.folded[fs:fe]
        for step in entry[1]:
            if step(self, rule, span, fs, fe, start, end):
                return None
        if start < 0:
            imap = self.imap
            start = imap[fs]
            end = imap[fe - 1] + 1 if fe > fs else start
        for step in entry[2]:
            if step(self, rule, span, fs, fe, start, end):
                return None
        self.taken[rule.code] = fe
        if rule.model is not None:
            self.modelled = True
        return start, end

    def which(self, rule: Rule, fs: int, fe: int, start: int, end: int) -> str | None:
        """The name of the step that drops the candidate, or None: `accept` without taking it (to explain)."""
        span = self.folded[fs:fe]
        for step in STEPS:
            if step.applies(rule) and step.fn(self, rule, span, fs, fe, start, end):
                return step.name
        return None

    def finish(self, hits: list[Any]) -> list[Any]:
        """The accepted hits after the FINISH steps (each concerns the hits of model rules: none, nothing to do)."""
        if not self.modelled:
            return hits
        for _name, fn in FINISH:
            hits = fn(self, hits)
        return hits

    # shared, found at most once per text
    def quotes(self) -> tuple[list[tuple[int, int]], list[int]]:
        """The quoted spans of the masked text (QUOTES) and their starts."""
        if self._quotes is None:
            self._quotes = quote_spans(self.masked)
            self._quote_starts = [qs for qs, _qe in self._quotes]
        return self._quotes, self._quote_starts

    def simplified(self) -> bool:
        if self._simplified is None:
            self._simplified = is_simplified(self.text)
        return self._simplified

    def context(self) -> TextContext:
        """The named filters' view of the text (filters/__init__.py), one per text."""
        ctx = self.known.get(TextContext)
        if ctx is None:
            ctx = self.known[TextContext] = TextContext(self.masked)
        return ctx


# ---- the steps, in order -------------------------------------------------------------------------

def overlap(a: Acceptance, rule: Rule, span: str, fs: int, fe: int, start: int, end: int) -> bool:
    """Overlaps a hit already accepted for the same rule (candidates come sorted by start, so the end of
    the last one is enough), or one of the spans the caller blocked (for a detector matcher: the hits of the
    same rule and of the phrase rules of its group, made before)."""
    if a.taken.get(rule.code, -1) > fs:
        return True
    blocked = a.blocked
    if blocked:
        for s, e in blocked:
            if s < end and e > start:
                return True
    return False


def placeholder(a: Acceptance, rule: Rule, span: str, fs: int, fe: int, start: int, end: int) -> bool:
    """Holds a Jinja placeholder's mark: a placeholder is never reported (a model's sentence may hold one)."""
    return MARK_TIME in span or MARK_OTHER in span


def hans_only(a: Acceptance, rule: Rule, span: str, fs: int, fe: int, start: int, end: int) -> bool:
    """A word the rule flags only in simplified text (`hans_only`), in a text that is not: 保固 is the right
    word in Taiwan."""
    return span in rule.hans_only and not a.simplified()


def other_domain(a: Acceptance, rule: Rule, span: str, fs: int, fe: int, start: int, end: int) -> bool:
    """A glossary term used in another domain (the term's `contexts`): 保质期 of milk is not 保修期. The
    sentence holding the words is read."""
    patterns = rule.contexts.get(span)
    if patterns is None:
        return False
    lo, hi = scope(a.folded, fs, fe, SENTENCE_END, 0, 0, a.known)
    return not in_context(patterns, a.folded[lo:hi])


def exception(a: Acceptance, rule: Rule, span: str, fs: int, fe: int, start: int, end: int) -> bool:
    """One of the rule's `exceptions` overlaps the words (within 40 characters): 无法承诺它永久… where 无法承诺
    is flagged."""
    return fe > fs and exception_overlaps(rule, a.folded, fs, fe, len(a.folded))


def condition(a: Acceptance, rule: Rule, span: str, fs: int, fe: int, start: int, end: int) -> bool:
    """The rule's `condition` is met in its scope (a pattern other than the words themselves, or one of its
    `condition.detectors`): 尽快 with a concrete time. With `once`, a condition met at one use of the words
    covers their later uses in the text (SN码（机身背面那串数字）… 以SN开头)."""
    if rule.once and (rule.code, span) in a.covered:
        return True
    met = rule.condition is not None and fe > fs and condition_met(rule, a.folded, fs, fe, a.known)
    if not met and rule.detectors:
        met = detected(rule.detectors, a.context(), start, end)
    if met and rule.once:
        a.covered.add((rule.code, span))
    return met


def blank_line(a: Acceptance, rule: Rule, span: str, fs: int, fe: int, start: int, end: int) -> bool:
    """Runs across a paragraph break (a heading and the text under it)."""
    text = a.text
    return "\n" in text[start:end] and _BLANK_LINE.search(text, start, end) is not None


def ascii_word(a: Acceptance, rule: Rule, span: str, fs: int, fe: int, start: int, end: int) -> bool:
    """Starts or ends with a Latin letter or digit inside a longer ASCII word (app in apple, 3 in 30)."""
    if not span:
        return False
    masked = a.masked
    if start > 0 and _ASCII_WORD.match(span[0]) and masked[start - 1].isascii() and masked[start - 1].isalnum():
        return True
    return end < len(masked) and _ASCII_WORD.match(span[-1]) is not None \
        and masked[end].isascii() and masked[end].isalnum()


def swapped(a: Acceptance, rule: Rule, span: str, fs: int, fe: int, start: int, end: int) -> bool:
    """Already written as the replacement (JavaScript for javascript: the folded words match, the text does
    not need the change)."""
    return a.text[start:end] in rule.swap.get(span, ())


def quoted(a: Acceptance, rule: Rule, span: str, fs: int, fe: int, start: int, end: int) -> bool:
    """Starts inside quotation marks of any kind or a Markdown block quote (the customer's words), unless the
    rule says `in_quotes`. Quotes do not overlap: only the last one opening before the words can hold them."""
    quotes = a._quotes
    if quotes is None:
        quotes = a.quotes()[0]
    if not quotes:
        return False
    starts = a._quote_starts
    k = bisect.bisect_left(starts, start) - 1
    return k >= 0 and start < quotes[k][1]


def unless(a: Acceptance, rule: Rule, span: str, fs: int, fe: int, start: int, end: int) -> bool:
    """One of the rule's `unless:` filters holds (filters/__init__.py; the first that holds drops the hit)."""
    return drops(rule.filters, a.context(), start, end) is not None


@dataclass(frozen=True)
class Step:
    """A named acceptance step: `fn` drops a candidate (True); `applies(rule)`: it can drop one of this rule;
    `positions(rule)`: it reads the original positions (start, end) for this rule (the others read the folded
    ones only, and run before the original positions are looked up)."""

    name: str
    fn: Callable[[Acceptance, Rule, str, int, int, int, int], bool]
    applies: Callable[[Rule], bool]
    positions: Callable[[Rule], bool]


def _always(rule: Rule) -> bool:
    return True


def _never(rule: Rule) -> bool:
    return False


STEPS: tuple[Step, ...] = (
    Step("overlap", overlap, _always, _never),  # `blocked` (original spans) only where they are known up front
    Step("placeholder", placeholder, lambda r: r.model is None, _never),
    Step("hans_only", hans_only, lambda r: bool(r.hans_only), _never),
    Step("other_domain", other_domain, lambda r: bool(r.contexts), _never),
    Step("exception", exception, lambda r: r.exceptions is not None, _never),
    Step("condition", condition, lambda r: r.condition is not None or bool(r.detectors), lambda r: bool(r.detectors)),
    Step("blank_line", blank_line, _always, _always),
    Step("ascii_word", ascii_word, _always, _always),
    Step("swapped", swapped, lambda r: bool(r.swap), _always),
    Step("quoted", quoted, lambda r: not r.in_quotes, _always),
    Step("unless", unless, lambda r: bool(r.filters), _always),
)

_PLANS: dict[int, tuple[Rule, tuple[Callable[..., bool], ...], tuple[Callable[..., bool], ...]]] = {}


def _plan(rule: Rule) -> tuple[Rule, tuple[Callable[..., bool], ...], tuple[Callable[..., bool], ...]]:
    """(rule, the steps before the first that reads original positions, the rest): its plan, found once."""
    steps = [step for step in STEPS if step.applies(rule)]
    cut = next((i for i, step in enumerate(steps) if step.positions(rule)), len(steps))
    if len(_PLANS) > 50_000:  # rule sets built and dropped again and again (tests): start afresh
        _PLANS.clear()
    entry = _PLANS[id(rule)] = (rule, tuple(s.fn for s in steps[:cut]), tuple(s.fn for s in steps[cut:]))
    return entry


def plan(rule: Rule) -> tuple[Callable[..., bool], ...]:
    """The functions of the steps that apply to `rule`, in order (found once per rule object)."""
    entry = _PLANS.get(id(rule))
    if entry is None or entry[0] is not rule:
        entry = _plan(rule)
    return entry[1] + entry[2]


# ---- after every candidate ------------------------------------------------------------------------

def without_ruled(hits: list[Any]) -> list[Any]:
    """The hits, less each model hit that overlaps a non-model hit of its group (in log time per hit: a 1 MB
    text can hold thousands of both)."""
    by_group: dict[str, tuple[list[int], list[int]]] = {}
    for h in sorted((h for h in hits if h.rule.model is None), key=lambda h: h.start):
        starts, reach = by_group.setdefault(h.rule.group, ([], []))
        starts.append(h.start)
        reach.append(max(h.end, reach[-1]) if reach else h.end)  # the furthest end so far
    out = []
    for h in hits:
        if h.rule.model is not None and h.rule.group in by_group:
            starts, reach = by_group[h.rule.group]
            j = bisect.bisect_left(starts, h.end)  # the rule hits that start before this one ends
            if j and reach[j - 1] > h.start:
                continue
        out.append(h)
    return out


def ruled(a: Acceptance, hits: list[Any]) -> list[Any]:
    """A model adds nothing where a rule of its group already reports the sentence."""
    return without_ruled(hits) if a.modelled else hits


FINISH: tuple[tuple[str, Callable[[Acceptance, list[Any]], list[Any]]], ...] = (("ruled", ruled),)


# ---- what the steps read ----------------------------------------------------------------------------

def quote_spans(masked: str) -> list[tuple[int, int]]:
    """The spans of `masked` in quotation marks or in a Markdown block quote."""
    return [(q.start(), q.end()) for q in QUOTES.finditer(masked)] if has_quote(masked) else []


def has_quote(text: str) -> bool:
    return _QUOTE_CHAR.search(text) is not None


def scope(folded: str, fs: int, fe: int, ends: re.Pattern[str], before: int, after: int,
          known: dict[Any, Any] | None = None) -> tuple[int, int]:
    """The clause or sentence holding folded[fs:fe], widened by `before`/`after` more of them.
    `known` keeps each text's clause and sentence ends between calls (a long text has many matches)."""
    marks = known.get(ends) if known is not None else None
    if marks is None:
        marks = [m.end() for m in ends.finditer(folded)]
        if known is not None:
            known[ends] = marks
    i = bisect.bisect_right(marks, fs)  # marks[i - 1] <= fs < marks[i]: the unit holding the match
    lo = marks[i - 1 - before] if i - 1 - before >= 0 else 0
    j = bisect.bisect_left(marks, fe)  # the unit holding the match's end ends at marks[j]
    hi = marks[j + after] if j + after < len(marks) else len(folded)
    return lo, hi


def exception_overlaps(rule: Rule, folded: str, fs: int, fe: int, n: int) -> bool:
    """An exception match within 40 characters overlaps folded[fs:fe].

    The combined alternation answers at once in the common cases: nothing matches nearby (no
    alternative does), or a match overlaps. When something matches nearby but not over the span,
    an earlier or shorter alternative may have hidden a longer one (无法承诺 hiding
    无法承诺它永久…), so each alternative is then tried on its own.
    """
    assert rule.exceptions is not None
    lo, hi = max(0, fs - 40), min(n, fe + 40)
    nearby = False
    for e in rule.exceptions.finditer(folded, lo, hi):
        if e.start() < fe and e.end() > fs:
            return True
        nearby = True
    if nearby:
        for part in rule.exception_parts:
            for e in part.finditer(folded, lo, hi):
                if e.start() < fe and e.end() > fs:
                    return True
        words = rule.exception_words
        if words is not None:  # the longest word starting at each place up to the match's end
            match = words.match
            for p in range(lo, fe):
                e = match(folded, p, hi)
                if e is not None and e.end() > fs and e.end() > p:
                    return True
    return False


def condition_met(rule: Rule, folded: str, fs: int, fe: int, known: dict[Any, Any] | None = None) -> bool:
    """The rule's condition pattern matches in its scope (window, clause or sentence), other than by the
    words folded[fs:fe] alone."""
    cond = rule.condition
    assert cond is not None
    if rule.scope != "window":
        unit_ends = SENTENCE_END if rule.scope == "sentence" else CLAUSE_END
        lo, hi = scope(folded, fs, fe, unit_ends, rule.before, rule.after, known)
    elif not rule.adjacent:
        lo, hi = max(0, fs - rule.before), min(len(folded), fe + rule.after)
    else:
        lo = hi = -1
    if lo >= 0:
        # what the match itself says does not count ("批下来马上退": 马上 after an event is no time;
        # "是因为您" holds 为您 but takes no ownership)
        if hi - lo > LONG_UNIT and known is not None:  # many matches share it: find its conditions once
            found = known.get((cond, lo, hi))
            if found is None:
                found = known[(cond, lo, hi)] = [(m.start(), m.end()) for m in cond.finditer(folded, lo, hi)]
            return any(s < fs or e > fe for s, e in found)
        return any(m.start() < fs or m.end() > fe for m in cond.finditer(folded, lo, hi))
    if rule.after and cond.match(folded, fe) is not None:
        return True
    if rule.before:
        return any(m.end() == fs for m in cond.finditer(folded, max(0, fs - rule.before), fs))
    return False
