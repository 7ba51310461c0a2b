"""The engine: every rule compiled into one expression, one pass over the folded text.

A combined expression (a trie of all literal phrases, then every rule pattern) finds the places
where some rule matches; only there do we look up which rules match (a dictionary of phrases by
first character, and the patterns that can start with that character). Context checks (quotes,
exceptions, conditions) run per candidate, so the cost of a clean text does not grow with the rules.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from aftersales_std.lint.fold import IndexMap, fold
from aftersales_std.lint.rules import Rule
from aftersales_std.lint.safety import prefixes

try:  # optional accelerator (pip install aftersales-std[fast]); the regex scanner is the fallback
    import ahocorasick  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    ahocorasick = None

PLACEHOLDER = re.compile(r"\{\{.{0,200}?\}\}|\{%.{0,500}?%\}|\{#.{0,2000}?#\}", re.DOTALL)
TIME_PLACEHOLDER = re.compile(r"deadline|due|date|time|eta|hour|day|截止|时间|日期", re.IGNORECASE)
MARK_TIME, MARK_OTHER = "\ue001", "\ue000"
QUOTES = re.compile(r"“[^“”]{0,300}”|「[^「」]{0,300}」|『[^『』]{0,300}』|\"[^\"\n]{0,300}\"|‘[^‘’\n]{0,300}’"
                    r"|^[ \t]{0,3}>[^\n]*", re.MULTILINE)
_ASCII_WORD = re.compile(r"[0-9a-z]")


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


def trie_regex(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, factored as a trie (longest first)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        end = "" in node
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if len(alts) > 3:  # one set test rejects most places before trying each branch
            body = "(?=[" + "".join(re.escape(ch) for ch in sorted(node) if ch) + "])" + body
        if end:
            return f"(?:{body})?" if len(alts) > 1 else (f"(?:{body})?" if len(body) > 1 else body + "?")
        return body

    alts = [re.escape(ch) + emit(child) for ch, child in sorted(trie.items()) if ch]
    return "|".join(alts)


class RuleSet:
    """Compiled rules, ready to scan many texts."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self.by_code = {r.code: r for r in self.rules}
        literal_rules: dict[str, list[Rule]] = {}
        for rule in self.rules:
            for token in rule.tokens:
                literal_rules.setdefault(token, []).append(rule)
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
                compiled = re.compile(pat)
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
        # The same literals in an Aho-Corasick automaton, when pyahocorasick is installed: one C pass
        # gives every place where some literal starts (the regex scanner is kept as the fallback).
        self.automaton = None
        if ahocorasick is not None and scan_literals and not unanchored and not os.environ.get("AFTERSALES_NO_AHOCORASICK"):
            automaton = ahocorasick.Automaton()
            for literal in scan_literals:
                automaton.add_word(literal, literal)
            automaton.make_automaton()
            self.automaton = automaton

    def __len__(self) -> int:
        return len(self.rules)

    def scan(self, text: str) -> list[Hit]:
        """Every accepted match in `text`, sorted by position, then code."""
        if self.scanner is None or not text:
            return []
        masked = mask_placeholders(text)
        folded = fold(masked)
        if self.automaton is not None:
            found: list[tuple[int, int, Rule]] = []
            tried: set[tuple[int, int]] = set()
            for end, literal in self.automaton.iter(folded):
                p = end - len(literal) + 1
                for rule in self._owners.get(literal, ()):
                    found.append((p, end + 1, rule))
                for compiled, rule in self._patterns.get(literal, ()):
                    if (p, id(compiled)) in tried:
                        continue
                    tried.add((p, id(compiled)))
                    pm = compiled.match(folded, p)
                    if pm is not None and pm.end() > p:
                        found.append((p, pm.end(), rule))
            return self._accept(text, masked, folded, found) if found else []
        search = self.scanner.search
        m = search(folded)
        if m is None:
            return []
        raw: list[tuple[int, int, Rule]] = []
        while m is not None:
            p = m.start()
            self._candidates(folded, p, raw)
            m = search(folded, p + 1)
        return self._accept(text, masked, folded, raw)

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

    def _accept(self, text: str, masked: str, folded: str, raw: list[tuple[int, int, Rule]]) -> list[Hit]:
        imap = IndexMap(masked, len(folded))
        quotes: list[tuple[int, int]] | None = None
        taken: dict[str, int] = {}
        hits: list[Hit] = []
        n = len(folded)
        for fs, fe, rule in sorted(raw, key=lambda h: (h[0], -(h[1] - h[0]), h[2].code)) if len(raw) > 1 else raw:
            if taken.get(rule.code, -1) > fs:
                continue  # overlaps an accepted match of the same rule
            span = folded[fs:fe]
            if MARK_TIME in span or MARK_OTHER in span:
                continue  # never report a placeholder
            if rule.exceptions is not None and any(
                    e.start() < fe and e.end() > fs
                    for e in rule.exceptions.finditer(folded, max(0, fs - 40), min(n, fe + 40))):
                continue
            if rule.condition is not None and _condition_met(rule, folded, fs, fe):
                continue
            start = imap[fs]
            end = imap[fe - 1] + 1
            if _ASCII_WORD.match(span[0]) and start > 0 and masked[start - 1].isascii() and masked[start - 1].isalnum():
                continue
            if _ASCII_WORD.match(span[-1]) and end < len(masked) and masked[end].isascii() and masked[end].isalnum():
                continue
            if rule.swap and text[start:end] in rule.swap.get(span, ()):
                continue  # already written as the replacement (e.g. JavaScript for javascript)
            if not rule.in_quotes:
                if quotes is None:
                    quotes = [(q.start(), q.end()) for q in QUOTES.finditer(masked)] if _has_quote(masked) else []
                if any(qs < start < qe for qs, qe in quotes):
                    continue
            taken[rule.code] = fe
            hits.append(Hit(rule, start, end, text[start:end], span))
        hits.sort(key=lambda h: (h.start, h.rule.code))
        return hits


def _condition_met(rule: Rule, folded: str, fs: int, fe: int) -> bool:
    cond = rule.condition
    assert cond is not None
    if not rule.adjacent:
        return cond.search(folded, max(0, fs - rule.before), min(len(folded), fe + rule.after)) is not None
    if rule.after and cond.match(folded, fe) is not None:
        return True
    if rule.before:
        return any(m.end() == fs for m in cond.finditer(folded, max(0, fs - rule.before), fs))
    return False


def _has_quote(text: str) -> bool:
    return any(q in text for q in "“「『\"‘>")
