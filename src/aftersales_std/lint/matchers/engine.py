"""The engine: every rule compiled into one pass over the folded text.

With pyahocorasick (or the faster ahocorasick_rs) one automaton holds every literal phrase and, for
each pattern, its key literals (gate.py: the most selective strings one of which every match
contains, e.g. 没关系 rather than the common start 我们). One pass gives the phrases' places and the
patterns worth trying; each of those is searched for in the text (every place where it matches, as
if tried at every position). Without an automaton, a combined expression (a trie of all phrases and
the patterns' literal prefixes) finds the places where some rule may start, and the rules are tried
there. Every candidate then goes through acceptance (filters/accept.py: placeholders, exceptions,
conditions, quotes, the rule's named filters ... in one ordered list of named steps, the same for the
detector matchers of matchers/__init__.py), so the cost of a clean text does not grow with the rules.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

from aftersales_std.lint.matchers.classifier import Sentences, unquote
from aftersales_std.lint.filters.accept import Acceptance
from aftersales_std.lint.text.fold import IndexMap, fold, is_simplified
from aftersales_std.lint.matchers.gate import key_sets, score
from aftersales_std.lint.detectors._text import sharing
from aftersales_std.lint.matchers.joined import fold_kept_many, joined_places
from aftersales_std.lint.matchers import matched_hits, matched_many
from aftersales_std.lint.rules import MARK_OTHER, MARK_TIME, Rule
from aftersales_std.lint.rules.safety import prefixes
from aftersales_std.lint.matchers.trie import WordIndex, trie_regex

try:  # optional accelerator (pip install aftersales-std[fast]); the regex scanner is the fallback
    import ahocorasick  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    ahocorasick = None
try:  # a faster automaton (Rust), used when installed: pip install ahocorasick-rs
    import ahocorasick_rs  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    ahocorasick_rs = None  # type: ignore[assignment]

PLACEHOLDER = re.compile(r"\{\{.{0,200}?\}\}|\{%.{0,500}?%\}|\{#.{0,2000}?#\}", re.DOTALL)
TIME_PLACEHOLDER = re.compile(r"deadline|due|date|time|eta|hour|day|截止|时间|日期", re.IGNORECASE)
# A pattern's second key set is looked for by the automaton when its strings are expected in at most
# SECOND_SHARE of replies (gate.score, from measured shares); a commoner one is tested in each text
# that holds the first: up to SECOND_KEY_MAX strings with one substring search each, more with one
# search of their trie (the hundreds an expanded alternation can give).
SECOND_SHARE = 0.05
SECOND_KEY_MAX = 3
# A rule set read from the cache builds its Rust automata for a batch of at least this many texts
# (or this many hundred characters); fewer are scanned with the restored pyahocorasick automaton.
FAST_AFTER = 64
# A lint of one file remembers the hits of the texts of at most REPEAT_CHARS characters it has scanned, up to
# REPEATS_CHARS characters of them (about 20-40 MB): a text that comes again is not scanned again (`Repeats`).
REPEAT_CHARS = 1000
REPEATS_CHARS = 10_000_000


@dataclass(frozen=True)
class Hit:
    """One accepted match: offsets into the original text, end exclusive."""

    rule: Rule
    start: int
    end: int
    match: str
    folded: str


def mask_placeholders(text: str) -> str:
    """Jinja tags and placeholders become a marker and spaces, keeping every position.

    A placeholder whose name looks like a time ({{ deadline }}) becomes a time marker, so that
    "会在 {{ deadline }} 前" counts as a concrete time; other tags do not match anything.
    """
    if "{" not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        body = m.group(0)
        mark = MARK_TIME if body.startswith("{{") and TIME_PLACEHOLDER.search(body) else MARK_OTHER
        if body.startswith("{#"):
            return "".join("\n" if ch == "\n" else " " for ch in body)
        return mark + "".join("\n" if ch == "\n" else " " for ch in body[1:])

    return PLACEHOLDER.sub(repl, text)


class RuleSet:
    """Compiled rules, ready to scan many texts."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self.by_code = {r.code: r for r in self.rules}
        self._matched = tuple(r for r in self.rules if r.matchers)  # rules with detector matchers (matchers.py)
        self._nkeyed = 0
        literal_rules: dict[str, list[Rule]] = {}
        for rule in self.rules:
            for token in rule.tokens:
                literal_rules.setdefault(token, []).append(rule)
        # Model rules (classifier.py): each scores the sentences that hold one of its trigger strings.
        # A trigger is found like a phrase of the rule; _sentences() turns it into its sentence.
        self._models = [rule for rule in self.rules if rule.model is not None]
        self._model_triggers = {rule.code: minimal(fold(t) for t in rule.model.triggers)
                                for rule in self._models if rule.model is not None}
        for rule in self._models:
            for trigger in self._model_triggers[rule.code]:
                literal_rules.setdefault(trigger, []).append(rule)
        self._owners = {token: tuple(owners) for token, owners in literal_rules.items()}
        self._literals: dict[str, list[tuple[str, tuple[Rule, ...]]]] = {}
        for token, owners in sorted(literal_rules.items(), key=lambda kv: -len(kv[0])):
            self._literals.setdefault(token[0], []).append((token, tuple(owners)))
        self._patterns: dict[str, list[tuple[re.Pattern[str], Rule]]] = {}  # by literal prefix
        self._any: list[tuple[re.Pattern[str], Rule]] = []
        scan_literals = set(literal_rules)
        unanchored = []
        for rule in self.rules:
            for pat in rule.patterns:
                compiled = _compile(pat)
                starts = prefixes(pat)
                if starts is None:
                    self._any.append((compiled, rule))
                    unanchored.append(f"(?:{pat})")
                    continue
                scan_literals |= starts
                for prefix in starts:
                    self._patterns.setdefault(prefix, []).append((compiled, rule))
        self._prefix_lengths = sorted({len(p) for p in self._patterns})
        # The scanner: one trie of every literal phrase and every pattern's literal prefixes, so
        # the regex engine can skip ahead on the first character; patterns without a literal
        # start (rare; none in the bundled rules) are added as they are.
        parts = ([trie_regex(scan_literals)] if scan_literals else []) + unanchored
        self.scanner: re.Pattern[str] | None = re.compile("|".join(parts)) if parts else None
        # With pyahocorasick installed: one automaton of every phrase and of each pattern's key
        # literals (the most selective strings one of which every match contains, see gate.py). One C
        # pass gives the phrases' places and which patterns can match at all; a text with no key
        # literal costs nothing more, and a pattern is searched for only in texts holding its key.
        self.automaton: Any = None
        self.fast_automaton: Any = None  # ahocorasick_rs, when installed (same words, same answers)
        self.bytes_automaton: Any = None  # the same words as UTF-8, for many texts at once (joined.py)
        keys = {pat: key_sets(pat, 2) for rule in self.rules for pat in rule.patterns}
        # A pattern with no key literal (one that can match without any fixed string) is searched for
        # in every text: its own fallback, which leaves the automaton to every other rule.
        self._unkeyed: list[tuple[re.Pattern[str], Rule]] = [
            (_compile(pat), rule) for rule in self.rules for pat in rule.patterns if not keys[pat]]
        if ahocorasick is not None and (self._owners or any(keys.values())) \
                and not os.environ.get("AFTERSALES_NO_AHOCORASICK"):
            self._build_automaton(keys)

    def _build_automaton(self, keys: dict[str, list[frozenset[str]]]) -> None:
        """Words -> (length, rules owning the phrase, indexes into self._keyed of patterns keyed on it, word)."""
        words: dict[str, tuple[list[Rule], list[int]]] = {}
        for token, owners in self._owners.items():
            words.setdefault(token, ([], []))[0].extend(owners)
        self._keyed: list[tuple[re.Pattern[str], Rule]] = []
        # A pattern's second key set, when it has one: a text must also hold one of these strings, e.g.
        # 问题 after 保证. A rare set is marked by the automaton (below); a common one is tested in the
        # text, a few strings one by one, more with one search of their trie.
        self._second: list[Any] = []
        rare: dict[int, frozenset[str]] = {}
        for rule in self.rules:
            for pat in rule.patterns:
                if not keys[pat]:
                    continue  # in self._unkeyed
                for word in keys[pat][0]:
                    words.setdefault(word, ([], []))[1].append(len(self._keyed))
                also = keys[pat][1] if len(keys[pat]) > 1 else None
                if also is not None and -score(also) <= SECOND_SHARE:
                    rare[len(self._keyed)] = also
                self._keyed.append((_compile(pat), rule))
                if also is None:
                    self._second.append(None)
                elif len(also) <= SECOND_KEY_MAX:
                    self._second.append(tuple(sorted(also)))
                else:
                    self._second.append(_second_gate(also))
        self._nkeyed = len(self._keyed)
        for rule in self._models:  # a trigger also marks "some model to run" (index len(_keyed))
            for trigger in self._model_triggers[rule.code]:
                words[trigger][1].append(self._nkeyed)
        # A second key set that few replies hold is looked for in the same pass: each of its strings
        # adds the set's mark (a number past the model's) to the text's indexes, and the pattern is
        # tried when the mark is there. The pass costs a match where a search of the text cost more.
        marks = {also: self._nkeyed + 1 + k for k, also in enumerate(dict.fromkeys(rare.values()))}
        for index, also in rare.items():
            self._second[index] = marks[also]
        for also, mark in marks.items():
            for word in also:
                words.setdefault(word, ([], []))[1].append(mark)
        values = [(len(word), tuple(owners), tuple(dict.fromkeys(ids)), word) for word, (owners, ids) in words.items()]
        automaton = ahocorasick.Automaton()
        for word, value in zip(words, values):
            automaton.add_word(word, value)
        automaton.make_automaton()
        self.automaton = automaton
        self._values = values
        self._build_fast(list(words))

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["fast_automaton"] = state["bytes_automaton"] = None  # rebuilt from the words: they do not pickle
        state.pop("_hans", None)  # rebuilt on first use
        if state.get("automaton") is not None:
            # the automaton as a dict of its words (trie.WordIndex: reading a pickled automaton back
            # cost more than a short reply's whole scan); the regex scanner's tables are not needed
            # where there is an automaton (_candidates is its fallback)
            state["automaton"] = WordIndex.of_values(self._values, 3)
            state["_literals"], state["_patterns"] = {}, {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        """From the cache: the Rust automata are rebuilt when a batch of texts comes (scan_many), not
        at once: building them costs more than a small file's whole scan with pyahocorasick's
        (restored with the rest), and both give the same places."""
        self.__dict__.update(state)
        self._fast_pending = self.automaton is not None

    def _fast_now(self) -> None:
        """The bytes automaton for a batch of texts (a text alone is scanned with the restored
        automaton, trie.WordIndex, which gives the same places: building the str automaton too cost
        as much again)."""
        if self.__dict__.pop("_fast_pending", False):
            self._build_fast([value[3] for value in self._values], one_by_one=False)

    def _build_fast(self, words: list[str], one_by_one: bool = True) -> None:
        if ahocorasick_rs is not None and not os.environ.get("AFTERSALES_NO_AHOCORASICK_RS"):
            if one_by_one:
                self.fast_automaton = ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.Standard)
            self.bytes_automaton = ahocorasick_rs.BytesAhoCorasick([word.encode("utf-8", "surrogatepass")
                                                                    for word in words])

    def _places(self, folded: str) -> list[tuple[int, tuple[int, tuple[Rule, ...], tuple[int, ...], str]]]:
        """(end index, word's value) of every occurrence of every word (overlapping ones too)."""
        if self.fast_automaton is not None:
            try:
                values = self._values
                return [(end - 1, values[index])
                        for index, _start, end in self.fast_automaton.find_matches_as_indexes(folded, overlapping=True)]
            except UnicodeEncodeError:  # lone surrogates: only pyahocorasick takes them
                pass
        assert self.automaton is not None
        return list(self.automaton.iter(folded))

    def __len__(self) -> int:
        return len(self.rules)

    def scan(self, text: str) -> list[Hit]:
        """Every accepted match in `text`, sorted by position, then code."""
        hits = self._scan(text)
        return self._with_matchers(text, hits) if self._matched and text else hits

    def _with_matchers(self, text: str, hits: list[Hit]) -> list[Hit]:
        return matched_hits(self._matched, text, mask_placeholders(text), hits)

    def _scan(self, text: str) -> list[Hit]:
        if not text or self.scanner is None:
            return []
        masked = mask_placeholders(text)
        folded = fold(masked)
        if self.automaton is not None:
            found: list[tuple[int, int, Rule]] = []
            active: set[int] = set()
            for end, (size, owners, patterns, _word) in self._places(folded):
                if owners:
                    found += [(end - size + 1, end + 1, rule) for rule in owners]
                if patterns:
                    active.update(patterns)
            return self._finish(text, masked, folded, found, active)
        raw: list[tuple[int, int, Rule]] = []
        search = self.scanner.search
        m = search(folded)
        while m is not None:
            p = m.start()
            self._candidates(folded, p, raw)
            m = search(folded, p + 1)
        if self._models:
            self._sentences(folded, raw)
        return self._accept(text, masked, folded, raw) if raw else []

    def scan_many(self, texts: Sequence[str], batch: int = 2000,
                  seen: "Repeats | None" = None) -> list[list[Hit]]:
        """[self.scan(text) for text in texts], with one fold and one automaton pass per `batch` texts.

        A text that comes again (stock replies repeat word for word) is scanned once: its hits depend on the
        text alone. `seen`: a memo (`Repeats`) the caller keeps over several calls (the blocks of one
        file); without it, repeats are found within this call only."""
        if len(texts) < 2 and seen is None:
            return self._scan_many(texts, batch)
        return (Repeats() if seen is None else seen).scan(texts, lambda fresh: self._scan_many(fresh, batch))

    def _scan_many(self, texts: Sequence[str], batch: int) -> list[list[Hit]]:
        if self.bytes_automaton is None and self.__dict__.get("_fast_pending") and \
                (len(texts) >= FAST_AFTER or sum(map(len, texts)) >= FAST_AFTER * 100):
            self._fast_now()
        if len(texts) > batch:  # a batch at a time: memory does not grow with the number of texts
            return [hits for i in range(0, len(texts), batch) for hits in self._scan_batch(texts[i:i + batch])]
        return self._scan_batch(texts)

    def _scan_batch(self, texts: Sequence[str]) -> list[list[Hit]]:
        """The hits of each text: the batch folded at once (both folds: the engine's and the detectors'
        fold_keep, which the filters and matchers then read through `_text.kept`), one automaton pass, the
        matchers' cues searched once over the batch (matchers.matched_many)."""
        masked: list[str] | None = None
        kept: list[str] | None = None
        folded: list[str] | None = None
        marked: list[str] | None = None
        if self.bytes_automaton is None or self.scanner is None:
            found = [self._scan(text) for text in texts]
        else:
            masked = [mask_placeholders(text) for text in texts]
            folded, kept, marked = fold_kept_many(masked)
            hans = self._hans_words()
            places = joined_places(self.bytes_automaton, self._values, folded, hans,
                                   (lambda i: is_simplified(texts[i])) if hans else None)
            if places is None:  # pragma: no cover - the automaton's order is not what we rely on
                found = [self._scan(text) for text in texts]
            else:
                unkeyed = bool(self._unkeyed)
                with sharing(masked, kept or ()):
                    found = [self._finish(text, m, f, *place, mk) if place is not None else
                             (self._finish(text, m, f, [], set(), mk) if unkeyed else [])
                             for text, m, f, place, mk in zip(texts, masked, folded, places, marked or [None] * len(texts))]
        if not self._matched:
            return found
        if masked is None:
            masked = [mask_placeholders(text) for text in texts]
        with sharing(masked, kept or ()):
            return matched_many(self._matched, texts, masked, found, kept, folded, marked)

    def _hans_words(self) -> dict[int, tuple[Rule, ...]]:
        """Automaton word index -> its owners less the rules that flag it only in simplified text
        (`Rule.hans_only`), for the words that have such an owner (joined_places leaves those rules out in a
        text that is not simplified). Model rules stay: `_accept` notes a model's candidate before that test.
        Built on first use (a rule set read from the cache has the words, not this)."""
        hans = self.__dict__.get("_hans")
        if hans is None:
            hans = {}
            for index, (_size, owners, _patterns, word) in enumerate(self._values):
                if any(rule.model is None and word in rule.hans_only for rule in owners):
                    hans[index] = tuple(rule for rule in owners if rule.model is not None or word not in rule.hans_only)
            self._hans = hans
        return hans

    def _finish(self, text: str, masked: str, folded: str, found: list[tuple[int, int, Rule]],
                active: set[int], marked: str | None = None) -> list[Hit]:
        """Hits from the phrases found and the patterns whose keys occur (each searched for in full)."""
        second = self._second
        nkeyed = self._nkeyed
        modelled = False
        for index in active:  # any order: _accept sorts the candidates (ties are the same hit)
            if index >= nkeyed:  # a model's trigger, or a second key set's mark
                if index == nkeyed:
                    modelled = True
                continue
            also = second[index]
            if also is not None:
                if also.__class__ is int:  # the mark of a second key set the automaton looks for
                    if also not in active:
                        continue
                elif also.__class__ is tuple:  # a loop, not any(): a generator per test cost more than the test
                    for word in also:
                        if word in folded:
                            break
                    else:
                        continue
                elif also.search(folded) is None:
                    continue
            compiled, rule = self._keyed[index]
            search = compiled.search
            pm = search(folded)
            while pm is not None:  # every place where the pattern matches, as .match tried there
                p = pm.start()
                if pm.end() > p:
                    found.append((p, pm.end(), rule))
                pm = search(folded, p + 1)
        for compiled, rule in self._unkeyed:  # the patterns no key literal can announce
            search = compiled.search
            pm = search(folded)
            while pm is not None:
                p = pm.start()
                if pm.end() > p:
                    found.append((p, pm.end(), rule))
                pm = search(folded, p + 1)
        if modelled:
            self._sentences(folded, found)
        return self._accept(text, masked, folded, found, marked) if found else []

    @staticmethod
    def _sentences(folded: str, found: list[tuple[int, int, Rule]]) -> None:
        """Replace each model trigger in `found` by its sentence, when the model flags that sentence."""
        sentences: Sentences | None = None
        seen: set[tuple[int, str]] = set()
        keep: list[tuple[int, int, Rule]] = []
        for fs, fe, rule in found:
            model = rule.model
            if model is None:
                keep.append((fs, fe, rule))
                continue
            if sentences is None:
                sentences = Sentences(folded)
            span = sentences.holding(fs, fe)
            if span is None or (span[0], rule.code) in seen:
                continue
            seen.add((span[0], rule.code))
            if model.flags(unquote(folded[span[0]:span[2]])):
                keep.append((span[0], span[1], rule))
        found[:] = keep

    def _candidates(self, folded: str, p: int, out: list[tuple[int, int, Rule]]) -> None:
        ch = folded[p]
        for token, owners in self._literals.get(ch, ()):
            if folded.startswith(token, p):
                out.extend((p, p + len(token), rule) for rule in owners)
        tried: set[int] = set()
        for length in self._prefix_lengths:
            for compiled, rule in self._patterns.get(folded[p:p + length], ()):
                if id(compiled) in tried:
                    continue
                tried.add(id(compiled))
                pm = compiled.match(folded, p)
                if pm is not None and pm.end() > p:
                    out.append((p, pm.end(), rule))
        for compiled, rule in self._any:
            pm = compiled.match(folded, p)
            if pm is not None and pm.end() > p:
                out.append((p, pm.end(), rule))

    def _accept(self, text: str, masked: str, folded: str, raw: list[tuple[int, int, Rule]],
                marked: str | None = None) -> list[Hit]:
        """The candidates that pass acceptance (filters/accept.py: the ordered steps every matcher kind's
        candidates go through), as hits. marked: mark_clauses(masked), when the caller has it (the index
        map starts from it)."""
        imap = IndexMap(masked, len(folded), marked)
        acceptance = Acceptance(text, masked, folded, imap)
        accept = acceptance.accept
        hits: list[Hit] = []
        for fs, fe, rule in sorted(raw, key=lambda h: (h[0], -(h[1] - h[0]), h[2].code)) if len(raw) > 1 else raw:
            where = accept(rule, fs, fe)
            if where is not None:
                start, end = where
                hits.append(Hit(rule, start, end, text[start:end], folded[fs:fe]))
        hits = acceptance.finish(hits)
        hits.sort(key=lambda h: (h.start, h.rule.code))
        return hits


# Patterns compiled once per process: loading the rules builds two rule sets from the same patterns
# (one checks the examples), and re's own cache holds only 512.
_compile = lru_cache(maxsize=16384)(re.compile)


@lru_cache(maxsize=4096)
def _second_gate(words: frozenset[str]) -> Any:
    """The trie of `words`, searched once per text (cached: loading the rules builds two rule sets)."""
    return re.compile(trie_regex(words))


class Repeats:
    """The hits of texts scanned so far (RuleSet.scan_many's `seen`): the texts of at most REPEAT_CHARS
    characters, up to REPEATS_CHARS characters of them in all (then it starts again, empty)."""

    __slots__ = ("hits", "chars")

    def __init__(self) -> None:
        self.hits: dict[str, tuple[Hit, ...]] = {}
        self.chars = 0

    def scan(self, texts: Sequence[str], scan: Any) -> list[list[Hit]]:
        """Each text's hits, scanning (with `scan`) only the texts not remembered, once each, in order.
        Every text gets its own list."""
        memo = self.hits
        fresh = [text for text in dict.fromkeys(texts) if text not in memo]
        if not fresh:
            return [list(memo[text]) for text in texts]
        found = dict(zip(fresh, scan(fresh)))
        out = [list(found[text]) if text in found else list(memo[text]) for text in texts]
        short = [(text, tuple(hits)) for text, hits in found.items() if len(text) <= REPEAT_CHARS]
        if self.chars + sum(len(text) for text, _hits in short) > REPEATS_CHARS:
            memo.clear()
            self.chars = 0
        for text, hits in short:
            if self.chars + len(text) > REPEATS_CHARS:
                break
            memo[text] = hits
            self.chars += len(text)
        return out


def minimal(strings: Iterable[str]) -> list[str]:
    """The strings that hold no other of them: a text holds one of these exactly when it holds one of
    all (任何问 needs no looking for once 任何 is looked for), so fewer places are handed over."""
    unique = sorted({s for s in strings if s}, key=lambda s: (len(s), s))
    kept: list[str] = []
    for s in unique:
        if not any(k in s for k in kept):
            kept.append(s)
    return kept
