"""Detectors as matchers: a rule whose hits come from a detector instead of (or as well as) its phrases.

A rule file names them: `matchers: [codes]` (JG01: unexplained internal codes, detectors/codes.py).
Each matcher takes the text (Jinja placeholders already masked, same length as the original) and
the rule, and returns spans of that text; the engine adds them to the rule's hits after its own
scan, skipping spans in quotation marks (the customer's words) and spans that overlap a hit of the
same rule or of a phrase rule of its group (JG01's own list already reported RMA; BL01 already reported
这是厂家的问题, so BL03's attribution matcher does not report it again; a model rule hides nothing), and spans that the rule's `condition.detectors` or `unless`
filters accept (filters.py), as for its phrases. The registry below is the list of names a rule
file may use; an unknown name is a load error naming the rule file.
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

from aftersales_std.lint.detectors import cues
from aftersales_std.lint.detectors._text import word_view
from aftersales_std.lint.text.fold import fold

__all__ = ["MATCHERS", "matched_hits"]

# the cheap test first: no Latin letter, no code
_LATIN = re.compile(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]")  # full-width too (ＲＭＡ)


_BOUND: dict[str, Callable] = {}  # each detector's function, imported on its first use (not on every call)


def _bound(name: str) -> Callable:
    fn = _BOUND.get(name)
    if fn is None:
        from importlib import import_module
        module, attr = _DETECTORS[name]
        fn = _BOUND[name] = getattr(import_module("aftersales_std.lint.detectors." + module), attr)
    return fn


_DETECTORS = {"codes": ("codes", "unexplained_codes"), "attribution": ("attribution", "attributions"),
              "commitments": ("commitments", "commitments"), "refusals": ("refusals", "refusals"),
              "normalising": ("normalising", "normalisings"), "process_words": ("process_words", "spans")}


def _codes(text: str, allow: frozenset[str]) -> list[tuple[int, int]]:
    if _LATIN.search(text) is None:
        return []
    return [(c.start, c.end) for c in (_BOUND.get("codes") or _bound("codes"))(text, allow)]


def _attribution(text: str, allow: frozenset[str]) -> list[tuple[int, int]]:
    return [(a.start, a.end) for a in (_BOUND.get("attribution") or _bound("attribution"))(text)]


def _commitments(text: str, allow: frozenset[str]) -> list[tuple[int, int]]:
    return [(c.start, c.end) for c in (_BOUND.get("commitments") or _bound("commitments"))(text)]


def _refusals(text: str, allow: frozenset[str]) -> list[tuple[int, int]]:
    return [(r.start, r.end) for r in (_BOUND.get("refusals") or _bound("refusals"))(text)]


def _normalising(text: str, allow: frozenset[str]) -> list[tuple[int, int]]:
    return [(n.start, n.end) for n in (_BOUND.get("normalising") or _bound("normalising"))(text)]


def _process_words(text: str, allow: frozenset[str]) -> list[tuple[int, int]]:
    return (_BOUND.get("process_words") or _bound("process_words"))(text)


# name -> (text, allowed words) -> spans
MATCHERS: dict[str, Callable[[str, frozenset[str]], list[tuple[int, int]]]] = {
    "codes": _codes, "attribution": _attribution, "commitments": _commitments,
    "refusals": _refusals, "normalising": _normalising, "process_words": _process_words}


# name -> (searched in the word view?, the detector's cue): checked here before the detector is called
# (attribution's cue is in nearly every reply: it is left to the detector)
_GATES: dict[str, tuple[bool, re.Pattern[str]]] = {
    "codes": (False, _LATIN), "commitments": (True, cues.COMMITMENTS), "refusals": (True, cues.REFUSALS),
    "normalising": (True, cues.NORMALISING), "process_words": (False, cues.PROCESS_WORDS)}


def matched_hits(rules: Sequence, text: str, masked: str, hits: list,
                 quotes: Callable[[str], list[tuple[int, int]]]) -> list:
    """`hits` (sorted) plus the hits of the rules' matchers in `text` (`masked`: placeholders masked;
    `quotes(masked)`: the quoted spans, found only when a matcher finds something)."""
    added = []
    quoted: list[tuple[int, int]] | None = None
    ctx = None
    view: str | None = None
    for rule in rules:
        taken: list[tuple[int, int]] | None = None
        for name in rule.matchers:
            gate = _GATES.get(name)
            if gate is not None:  # the detector's cue, before the detector (and its module) is reached
                if gate[0]:
                    view = word_view(masked)[0] if view is None else view
                    if gate[1].search(view) is None:
                        continue
                elif gate[1].search(masked) is None:
                    continue
            for start, end in MATCHERS[name](masked, rule.matcher_allow):
                if taken is None:
                    taken = [(h.start, h.end) for h in hits if h.rule.code == rule.code
                             or (h.rule.group == rule.group and h.rule.model is None)]
                    quoted = quotes(masked) if quoted is None else quoted
                if any(s < end and e > start for s, e in taken) or any(qs <= start < qe for qs, qe in quoted or ()):
                    continue
                if rule.detectors or rule.filters:  # the rule's condition.detectors and unless, as for its phrases
                    from aftersales_std.lint.filters import TextContext, detected, drops
                    ctx = TextContext(masked) if ctx is None else ctx
                    if (rule.detectors and detected(rule.detectors, ctx, start, end)) or \
                            (rule.filters and drops(rule.filters, ctx, start, end) is not None):
                        continue
                taken.append((start, end))
                match = text[start:end]
                from aftersales_std.lint.matchers.engine import Hit
                added.append(Hit(rule, start, end, match, fold(match)))
    if not added:
        return hits
    return sorted(hits + added, key=lambda h: (h.start, h.rule.code))
