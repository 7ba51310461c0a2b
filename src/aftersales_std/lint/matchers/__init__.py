"""Detectors as matchers: a rule whose hits come from a detector instead of (or as well as) its phrases.

A rule file names them: `matchers: [codes]` (JG01: unexplained internal codes, detectors/codes.py).
Each matcher takes the text (Jinja placeholders already masked, same length as the original) and
the rule, and returns spans of that text; the engine adds them to the rule's hits after its own
scan. The spans go through the same acceptance as the engine's candidates (filters/accept.py: quotes,
exceptions, conditions, the rule's `unless` filters, paragraph breaks, ASCII word edges ...), and may not
overlap a hit of the same rule or of a phrase rule of its group (JG01's own list already reported RMA; BL01
already reported 这是厂家的问题, so BL03's attribution matcher does not report it again; a model rule hides
nothing). The registry below is the list of names a rule
file may use; an unknown name is a load error naming the rule file.
"""
from __future__ import annotations

import bisect
import re
from itertools import repeat
from typing import Callable, Container, Sequence

from aftersales_std.lint.detectors import cues
from aftersales_std.lint.detectors._text import fold_keep, word_view
from aftersales_std.lint.text.fold import IndexMap, fold

__all__ = ["MATCHERS", "matched_hits", "matched_many"]

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


def matched_hits(rules: Sequence, text: str, masked: str, hits: list, only: Container[str] | None = None,
                 folded: str | None = None, marked: str | None = None) -> list:
    """`hits` (sorted) plus the hits of the rules' matchers in `text` (`masked`: placeholders masked). Each
    matcher's spans go through acceptance (filters/accept.py), the steps the engine's candidates go through,
    in folded coordinates from `IndexMap.folded_index`; they may not overlap a hit of the same rule or of a
    phrase rule of their group. only: the matchers that may find something in the text (the others are known
    to find nothing); None: all. folded, marked: fold(masked) and mark_clauses(masked), when the caller has them."""
    added = []
    view: str | None = None
    acceptance = None
    for rule in rules:
        spans: list[tuple[int, int]] = []
        for name in rule.matchers:
            if only is not None and name not in only:
                continue
            gate = _GATES.get(name)
            if gate is not None:  # the detector's cue, before the detector (and its module) is reached
                if gate[0]:
                    view = word_view(masked)[0] if view is None else view
                    if gate[1].search(view) is None:
                        continue
                elif gate[1].search(masked) is None:
                    continue
            spans += MATCHERS[name](masked, rule.matcher_allow)
        if not spans:
            continue
        if acceptance is None:
            from aftersales_std.lint.filters.accept import Acceptance
            if folded is None:
                folded = fold(masked)
            acceptance = Acceptance(text, masked, folded, IndexMap(masked, len(folded), marked))
            from aftersales_std.lint.matchers.engine import Hit
        acceptance.blocked = [(h.start, h.end) for h in hits if h.rule.code == rule.code
                              or (h.rule.group == rule.group and h.rule.model is None)]
        folded_index = acceptance.imap.folded_index
        for start, end in sorted(spans, key=lambda s: (s[0], s[0] - s[1])) if len(spans) > 1 else spans:
            if acceptance.accept(rule, folded_index(start), folded_index(end), start, end) is not None:
                match = text[start:end]
                added.append(Hit(rule, start, end, match, fold(match)))
    if not added:
        return hits
    return sorted(hits + added, key=lambda h: (h.start, h.rule.code))


# For many texts at once (`matched_many`): per matcher, (searched in the word view?, expressions one of which
# finds something in every text in which the detector finds something). The word views (or the masked texts)
# of a batch are joined by "\n" and each expression is searched once over them: only the texts it finds
# something in go through `matched_hits`. Where a detector's cue holds most texts, its module names sharper
# necessary conditions (its shapes, or the gates it checks before each shape) as BATCH_GATES.
_BATCH: dict[str, tuple[bool, tuple[re.Pattern[str], ...] | str]] = {
    "codes": (False, (_LATIN,)), "process_words": (False, (cues.PROCESS_WORDS,)),
    "refusals": (True, (cues.REFUSALS,)), "normalising": (True, (cues.NORMALISING,)),
    "attribution": (True, "attribution"), "commitments": (True, "commitments")}
# Fewer texts than this are matched one by one (joining them saves nothing).
BATCH_MIN = 16


def _batch_gates(name: str) -> tuple[bool, tuple[re.Pattern[str], ...]] | None:
    entry = _BATCH.get(name)
    if entry is None:
        return None
    on_view, gates = entry
    if isinstance(gates, str):  # the detector module's own BATCH_GATES
        from importlib import import_module
        gates = tuple(import_module("aftersales_std.lint.detectors." + gates).BATCH_GATES)
        _BATCH[name] = (on_view, gates)
    return on_view, gates


def texts_with(pattern: re.Pattern[str], joined: str, starts: Sequence[int]) -> list[int]:
    """The indexes of the texts (joined, each starting at `starts[i]`) in which a search of `pattern` finds
    something: after a match in text i the search goes on from the start of text i + 1, so a match that runs
    on into the next text (or that the text's end or the separator let through) only adds text i, and never
    hides a match of the next one. For a pattern that matches no separator and does not look for one or for
    the ends of the string, this finds every text in which `pattern.search(text)` finds something."""
    out: list[int] = []
    search = pattern.search
    n = len(starts)
    pos = 0
    while True:
        m = search(joined, pos)
        if m is None:
            return out
        i = bisect.bisect_right(starts, m.start()) - 1
        out.append(i)
        if i + 1 >= n:
            return out
        pos = starts[i + 1]


def matched_many(rules: Sequence, texts: Sequence[str], masked: Sequence[str], hits_of: Sequence[list],
                 kept: Sequence[str] | None = None, folded: Sequence[str] | None = None,
                 marked: Sequence[str | None] | None = None) -> list[list]:
    """[matched_hits(rules, text, m, hits) for each text] (empty texts keep their hits), the detectors
    called only for the texts that one search over the whole batch finds a necessary condition in.
    kept, folded, marked: fold_keep, fold and mark_clauses of each masked text, when the caller has them."""
    n = len(texts)
    if n < BATCH_MIN:
        return [matched_hits(rules, t, m, h, None, folded[i] if folded else None, marked[i] if marked else None)
                if t else h for i, (t, m, h) in enumerate(zip(texts, masked, hits_of))]
    need: dict[int, set[str] | None] = {}  # text -> the matchers whose batch gates found it (None: all)
    names = dict.fromkeys(name for rule in rules for name in rule.matchers)
    joined_masked = "\n".join(masked)
    starts: list[int] = []
    pos = 0
    for m in masked:
        starts.append(pos)
        pos += len(m) + 1
    views: tuple[str, list[int]] | None = None
    for name in names:
        gates = _batch_gates(name)
        if gates is None:
            need = dict.fromkeys(range(n))
            break
        on_view, patterns = gates
        if on_view:
            if views is None:
                views = _views(masked, joined_masked, starts, kept)
            joined, at = views
        else:
            joined, at = joined_masked, starts
        for pattern in patterns:
            for i in texts_with(pattern, joined, at):
                need.setdefault(i, set()).add(name)
    if not need:
        return list(hits_of)
    out = list(hits_of)
    for i, only in need.items():
        if texts[i]:
            out[i] = matched_hits(rules, texts[i], masked[i], hits_of[i], only, folded[i] if folded else None,
                                  marked[i] if marked else None)
    return out


def _views(masked: Sequence[str], joined_masked: str, starts: list[int],
           kept_parts: Sequence[str] | None) -> tuple[str, list[int]]:
    """The word views (`word_view`) of `masked` joined by "\n", and where each starts: one fold of the whole
    batch (or the folds given); a text whose words are spaced apart has its own view (with its spaces
    dropped). fold_keep keeps every space and turns nothing into one, so the spaces are counted in `masked`."""
    # same length, "\n" kept: the texts' folds joined
    kept = "\n".join(kept_parts) if kept_parts is not None else fold_keep(joined_masked)
    spaced = [i for i, spaces in enumerate(map(str.count, masked, repeat(" ")))
              if spaces >= 2 and spaces > 0.25 * (len(masked[i]) - spaces)]
    if not spaced:
        return kept, starts
    parts = [kept[s:s + len(m)] for s, m in zip(starts, masked)]
    for i in spaced:
        parts[i] = word_view(masked[i])[0]
    at: list[int] = []
    pos = 0
    for part in parts:
        at.append(pos)
        pos += len(part) + 1
    return "\n".join(parts), at
