"""Cheap evidence for the filters: can a detector find anything here at all?

The detectors behind the filters (negation, ownership) read a whole reply with jieba and its clauses; a
filter asks about one hit. Each function below is a *necessary condition* of the detector's answer,
read off the folded text with a regular expression or two: when it says no, the detector would have
found nothing for that hit, so it is not run. When it says yes, the detector decides. The filters'
answers are the same either way (tests/lint/test_lint_evidence.py checks each condition against its
detector on the fixtures, the dev replies and generated text); only the work differs.

Each condition follows its detector's own words and limits (cue words, owner and action expressions,
the gap between them), read from the detector's module, so that a change there moves the condition
with it. A detector whose structure changes (an action before its owner, a negation that reaches past
its clause) must change its condition here too: the tests fail until it does.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from aftersales_std.lint.filters import TextContext

__all__ = ["may_be_negated", "may_own", "cue_starts"]

# Separators after which a clause (and a sentence) of `detectors.clauses` always starts, as they are
# written in the folded text (fold_keep turns ，！？； into ,!?;). The clauses of a reply are cut at
# these and at more places (particles, address words, spaces, …), so a clause never spans one of them.
# A line break is not a cut here: the detectors' sentences run across one (没法保证\n我们但 is one sentence).
_CLAUSE_CUT = re.compile(r"[。!?;…,、~]+")
_SENTENCE_CUT = re.compile(r"[。!?;…]+")


def _cuts(ctx: "TextContext", which: re.Pattern[str]) -> list[int]:
    return ctx._get(("cuts", which.pattern), lambda: [m.end() for m in which.finditer(ctx.folded)])


def _unit_start(ctx: "TextContext", which: re.Pattern[str], pos: int) -> int:
    """Where the clause or sentence (by `which`) holding `pos` starts at the latest."""
    cuts = _cuts(ctx, which)
    i = bisect.bisect_right(cuts, pos) - 1
    return cuts[i] if i >= 0 else 0


_NEGATION: dict[str, Any] = {}


def cue_starts() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(first characters of every negation cue, the "can't promise" expression) of detectors.negation."""
    if not _NEGATION:
        from aftersales_std.lint.detectors import negation as n
        firsts = {w[0] for w in n.CUES} | set(n._CUE_CHARS) | {w[0] for w in n._CUE_STARTS}
        _NEGATION["cue"] = re.compile("[" + "".join(re.escape(c) for c in sorted(firsts)) + "]")
        _NEGATION["no_promise"] = n._NO_PROMISE
    return _NEGATION["cue"], _NEGATION["no_promise"]


def may_be_negated(ctx: "TextContext", start: int) -> bool:
    """A necessary condition of `negation.is_negated` for a hit starting at `start`: a negation scope
    covers the hit only when its cue (a jieba word whose first character is a cue's) starts before the
    hit in the hit's clause, or when a "can't promise" (没法保证, 很难保证) starts before it in its
    sentence."""
    cue, no_promise = cue_starts()
    folded = ctx.folded
    if cue.search(folded, _unit_start(ctx, _CLAUSE_CUT, start), start):
        return True
    m = no_promise.search(folded, _unit_start(ctx, _SENTENCE_CUT, start))
    return m is not None and m.start() < start


def _owners(ctx: "TextContext") -> list[int]:
    """The start of each owner of `detectors.ownership` (as ownerships() finds them) that has one of its
    actions within its gap after it, and is not an object (跟我们) or the customer (您这边).

    A text with whitespace is read a second time with the whitespace taken out (王 工 会 补发 is 王工会补发),
    without the object test, and the owners found either way count: the detector may read words spaced
    apart as one (a tokeniser's output), and the gap is then counted without the spaces."""
    def make() -> list[int]:
        from aftersales_std.lint.detectors import ownership as o
        folded = ctx.folded
        out = []
        for owner in o._OWNER.finditer(folded):
            s = owner.start()
            if s > 0 and (folded[s - 1] in o._TAKES_OWNER or folded[s - 1] in "您你"):
                continue
            if o._ACTION.search(folded, owner.end(), owner.end() + o._GAP) is not None:
                out.append(s)
        if _SPACE.search(folded):
            squeezed, index = ctx.squeezed()
            out += [index[owner.start()] for owner in o._OWNER.finditer(squeezed)
                    if o._ACTION.search(squeezed, owner.end(), owner.end() + o._GAP) is not None]
            out = sorted(set(out))
        return out
    return ctx._get("owners", make)


_SPACE = re.compile(r"\s")


def may_own(ctx: "TextContext", lo: int, hi: int) -> bool:
    """A necessary condition of an `ownership.ownerships` result whose owner starts in [lo, hi): an owner
    there with an action at most the detector's gap after it (the detector also ends the search at the
    clause's end, and drops hedged, negated and customer's actions)."""
    owners = _owners(ctx)
    i = bisect.bisect_left(owners, lo)
    return i < len(owners) and owners[i] < hi
