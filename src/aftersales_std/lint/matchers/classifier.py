"""Model rules: a linear classifier over character n-grams, for categories that phrase lists cannot cover.

Blame and dismissal are open-ended: every writer finds new ways to say them, and phrase lists kept
missing about one in four on replies nobody had tuned them on. A model rule scores each sentence
with a logistic-regression model trained on the labelled replies in tests/fixtures/lint/
(`aftersales rules train`):

    score = bias + sum of the weights of the distinct 2- and 3-character strings of the folded sentence

and reports the sentence when the probability 1 / (1 + e^-score) reaches the model's threshold. The
weights live in a JSON file beside the rule file (`model: BL09.model.json`), written by the trainer;
inference needs nothing beyond the standard library.

Speed: a sentence is scored only when it holds one of the model's trigger strings (positive
n-grams chosen at training as a cheapest cover of the training replies it flags: held by 1-2 % of
acceptable sentences); the triggers go into the same automaton pass as every other rule's words, so
text without them costs nothing more.
"""
from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator, Mapping

FORMAT = 1


def ends(marks: str, guarded: str) -> re.Pattern[str]:
    """Where sentences or clauses end: a run of `marks`, or one of `guarded` not followed by a digit
    (3.5 is a number). The same matches as `[marks]+|[guarded](?!\\d)`, in a form that starts with one
    character class, which the regex engine scans for quickly (a third of the time on a reply)."""
    m, g = re.escape(marks), re.escape(guarded)
    return re.compile(f"[{m}{g}](?:(?<=[{g}])(?!\\d)|(?<=[{m}])[{m}]*)")


# Sentence ends in folded text (full-width punctuation is already half-width), as filters.accept.SENTENCE_END,
# and the bars between Markdown table cells.
_SENTENCE = ends("。!?…|", ".")  # a Markdown table cell counts as a sentence
# A letter's announcement ends its sentence too: in 现将有关情况回复如下：经核实…, what follows the colon is the
# body of the letter, scored on its own (joined to the formula, a long run sums the weights of both).
_SENTENCE = re.compile(_SENTENCE.pattern + "|(?<=如下):")
_CLAUSE = ends("。!?…,;、", ":.")
_EDGE = ",.;:、。!?…~-()[]\"'“”‘’「」『』《》〈〉【】 "
try:  # the weighted strings of a sentence in one pass (pip install ahocorasick-rs); same scores without
    import ahocorasick_rs  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    ahocorasick_rs = None  # type: ignore[assignment]
# Quoted words are not ours (客户说：“你们就是在拖”): the model never sees what is inside quotes.
_QUOTED = re.compile(r"“[^“”]{0,300}”|「[^「」]{0,300}」|『[^『』]{0,300}』|\"[^\"]{0,300}\"|‘[^‘’]{0,300}’")
FLAGS_KEPT = 1 << 14  # sentences whose answer a model remembers (Model.flags)
_QUOTE_OPEN = re.compile("[“「『\"‘]")  # what unquote looks for first: an opening mark
MAX_SENTENCE = 120  # longer runs are scored clause by clause (the model learnt on 8-80 character replies)
_add = str.__add__
_first = itemgetter(0)


class ModelError(ValueError):
    """A model file that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Model:
    """A trained linear model over the distinct 2- and 3-character strings of a folded sentence."""

    bias: float
    threshold: float  # probability at or above which a sentence is reported
    weights: Mapping[str, float]
    triggers: tuple[str, ...]
    info: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    ngrams: tuple[int, int] = (2, 3)  # the lengths of the strings weighed, shortest and longest

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_automaton", None)  # rebuilt on first use (an automaton does not pickle)
        state.pop("_flagged", None)
        return state

    @property
    def logit(self) -> float:
        return math.log(self.threshold / (1 - self.threshold))

    @cached_property
    def _automaton(self) -> tuple[Any, list[float]] | None:
        if ahocorasick_rs is None:
            return None
        words = list(self.weights)
        return (ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.Standard),
                [self.weights[w] for w in words])

    def score(self, folded: str) -> float:
        """The model's log-odds for `folded` (an already folded sentence)."""
        fast = self._automaton
        if fast is not None:
            try:
                found = set(map(_first, fast[0].find_matches_as_indexes(folded, overlapping=True)))
            except UnicodeEncodeError:  # lone surrogates: count the strings one by one
                pass
            else:
                return self.bias + math.fsum(map(fast[1].__getitem__, found))
        return self.slow_score(folded)

    def slow_score(self, folded: str) -> float:
        """score(), without the automaton: the weights of the distinct strings of the model's lengths."""
        if self.ngrams != (2, 3):
            lo, hi = self.ngrams
            found = {folded[i:i + n] for n in range(lo, hi + 1) for i in range(len(folded) - n + 1)}
            return self.bias + math.fsum(map(self.weights.get, found, repeat(0.0)))
        bigrams = list(map(_add, folded, folded[1:]))
        grams = set(bigrams)
        grams.update(map(_add, bigrams, folded[2:]))
        return self.bias + math.fsum(map(self.weights.get, grams, repeat(0.0)))

    def probability(self, folded: str) -> float:
        return 1 / (1 + math.exp(-self.score(folded)))

    @cached_property
    def _flagged(self) -> dict[str, bool]:
        return {}

    def flags(self, folded: str) -> bool:
        """Whether the model reports `folded`. Remembered per sentence (up to FLAGS_KEPT of them): replies
        repeat stock sentences (您好，感谢您的耐心等待), and the answer depends on the sentence alone."""
        memo = self._flagged
        found = memo.get(folded)
        if found is None:
            if len(memo) >= FLAGS_KEPT:
                memo.clear()
            found = memo[folded] = self.score(folded) >= self.logit
        return found

    def evidence(self, folded: str, count: int = 3) -> list[str]:
        """The strings that weigh most towards a report (punctuation left out: it says little to a
        reader), longest first where they overlap."""
        lo, hi = self.ngrams
        grams = {folded[i:i + n] for n in range(max(2, lo), hi + 1) for i in range(len(folded) - n + 1)}
        ranked = sorted((g for g in grams if self.weights.get(g, 0) > 0 and not any(c in _EDGE for c in g)),
                        key=lambda g: (-self.weights[g], g))
        out: list[str] = []
        for g in ranked:
            if any(g in kept for kept in out):
                continue
            out.append(g)
            if len(out) == count:
                break
        return out


class Sentences:
    """The sentences of one folded text, found as needed: which span (as spans() gives it) holds a
    string, without splitting the whole text."""

    __slots__ = ("folded", "ends", "closes", "pieces")

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self.ends = list(_SENTENCE.finditer(folded))  # the sentence ends (their matches)
        self.closes = list(map(_match_end, self.ends))
        # k -> the spans of the k-th sentence: one span or None for a sentence of at most MAX_SENTENCE
        # characters (the common case: no list, no generator), else (spans, their starts)
        self.pieces: dict[int, Any] = {}

    def holding(self, start: int, end: int) -> tuple[int, int, int] | None:
        """The span that holds folded[start:end]; None when it lies on punctuation or across two."""
        k = bisect.bisect_left(self.closes, end)
        pieces = self.pieces
        if k in pieces:
            cut = pieces[k]
        else:
            folded = self.folded
            lo = self.closes[k - 1] if k > 0 else 0
            if k < len(self.ends):
                mark = self.ends[k]
                hi, close = mark.start(), mark.end()
            else:
                hi = close = len(folded)
            if hi - lo > MAX_SENTENCE:
                spans = list(_trimmed(folded, lo, hi, close))
                cut = (spans, [span[0] for span in spans])
            else:  # _edges, written out
                piece = folded[lo:hi].lstrip(_EDGE)
                lo = hi - len(piece)
                hi = lo + len(piece.rstrip(_EDGE))
                cut = (lo, hi, max(hi, close)) if hi - lo >= 2 else None
            pieces[k] = cut
        if cut is None:
            return None
        if cut.__class__ is tuple and cut[0].__class__ is int:  # one span
            return cut if cut[0] <= start and end <= cut[2] else None
        spans, starts = cut
        i = bisect.bisect_right(starts, start) - 1  # spans do not overlap: the last one starting at or before
        if i >= 0 and end <= spans[i][2]:
            return spans[i]
        return None


_match_end = re.Match.end


def spans(folded: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, scored end) of each sentence of `folded`: start to end without the punctuation at
    its edges (what is reported), start to scored end with the punctuation that closes it (what is
    scored: the model learnt on replies with their punctuation). A sentence longer than MAX_SENTENCE
    characters is given clause by clause."""
    start = 0
    for m in _SENTENCE.finditer(folded):
        yield from _trimmed(folded, start, m.start(), m.end())
        start = m.end()
    yield from _trimmed(folded, start, len(folded), len(folded))


def _trimmed(folded: str, lo: int, hi: int, close: int) -> Iterator[tuple[int, int, int]]:
    if hi - lo > MAX_SENTENCE:
        start = lo
        for m in _CLAUSE.finditer(folded, lo, hi):
            yield from _edges(folded, start, m.start(), m.end())
            start = m.end()
        lo = start
    yield from _edges(folded, lo, hi, close)


def _edges(folded: str, lo: int, hi: int, close: int) -> Iterator[tuple[int, int, int]]:
    piece = folded[lo:hi].lstrip(_EDGE)  # the punctuation and spaces at its edges left out
    lo = hi - len(piece)
    hi = lo + len(piece.rstrip(_EDGE))
    if hi - lo >= 2:
        yield lo, hi, max(hi, close)


def unquote(folded: str) -> str:
    """`folded` with what is inside quotation marks taken out (the marks stay): what a model scores."""
    if _QUOTE_OPEN.search(folded) is None:
        return folded
    return _QUOTED.sub(lambda m: m.group()[0] + m.group()[-1], folded)


def from_data(data: Any) -> Model:
    """A Model from the decoded JSON of a model file; ModelError says what is wrong."""
    if not isinstance(data, dict):
        raise ModelError("a model file holds one JSON object")
    if data.get("format") != FORMAT:
        raise ModelError(f"unknown model format {data.get('format')!r}; this version reads format {FORMAT}")
    ngrams = data.get("ngrams")
    if not (isinstance(ngrams, list) and len(ngrams) == 2 and all(type(n) is int for n in ngrams)
            and 1 <= ngrams[0] <= ngrams[1] <= 4):
        raise ModelError("ngrams must be [shortest, longest] string lengths, 1 to 4 (e.g. [2, 3])")
    bias, threshold = data.get("bias"), data.get("threshold")
    if not isinstance(bias, (int, float)) or isinstance(bias, bool) or not math.isfinite(bias):
        raise ModelError("bias must be a number")
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not 0 < threshold < 1:
        raise ModelError("threshold must be a probability between 0 and 1 (exclusive)")
    weights = data.get("weights")
    if not isinstance(weights, dict) or not weights:
        raise ModelError("weights must be a non-empty object of string -> number")
    for key, value in weights.items():
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            raise ModelError(f"weights[{key!r}] must be a number")
        if not ngrams[0] <= len(key) <= ngrams[1]:
            raise ModelError(f"weights[{key!r}]: keys are strings of {ngrams[0]} to {ngrams[1]} characters")
    triggers = data.get("triggers")
    if not isinstance(triggers, list) or not triggers or not all(isinstance(t, str) and t for t in triggers):
        raise ModelError("triggers must be a non-empty list of strings")
    info = {k: v for k, v in data.items() if k not in ("format", "ngrams", "bias", "threshold", "weights", "triggers")}
    return Model(bias=float(bias), threshold=float(threshold),
                 weights=MappingProxyType({k: float(v) for k, v in weights.items()}),
                 triggers=tuple(dict.fromkeys(triggers)), info=MappingProxyType(info), ngrams=(ngrams[0], ngrams[1]))


def load_model(path: Path) -> Model:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ModelError(f"model file {path.name} not found beside the rule file") from None
    except OSError as exc:
        raise ModelError(f"cannot read model file {path.name}: {exc.strerror}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ModelError(f"model file {path.name} is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise ModelError(f"model file {path.name}: line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    try:
        return from_data(data)
    except ModelError as exc:
        raise ModelError(f"model file {path.name}: {exc}") from None
