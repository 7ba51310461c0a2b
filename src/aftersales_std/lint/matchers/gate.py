"""Key literals: strings one of which every match of a pattern contains.

The engine looks for these in one automaton pass and tries a pattern only in texts that hold one of
its keys, so texts that cannot match cost no Python work per pattern. A pattern's first characters
are often common (会, 您, 我们) while a later part is rare (尽量, 研究, 没关系): we compute every
required literal set of the pattern (from its parse tree) and key it on the most selective one.
Soundness matters more than selectivity: a wrong key would drop matches; the tests compare the keyed
scan with a brute-force one.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from aftersales_std.lint.rules.safety import _c, _chars, _p, prefixes

# Measured shares of key strings (written by python -m aftersales_std.lint_tools.shares).
TABLE = Path(__file__).with_name("shares.json")
MAX_SET = 64  # at most this many strings in one literal set


def necessary(pattern: str) -> frozenset[str] | None:
    """A set of non-empty strings one of which occurs in every match of `pattern`; None if unknown.

    Case-insensitive patterns give None (their literals may match in another case).
    """
    try:
        parsed = _p.parse(pattern)
    except (re.error, RecursionError, OverflowError):  # pragma: no cover - checked before
        return None
    if parsed.state.flags & re.IGNORECASE or _has_flags(list(parsed)):
        return None
    got = _required(list(parsed))
    return frozenset(got) if got else None


def required_sets(pattern: str) -> list[frozenset[str]]:
    """Every set of strings found such that each match of `pattern` contains one of the set."""
    try:
        parsed = _p.parse(pattern)
    except (re.error, RecursionError, OverflowError):  # pragma: no cover - checked before
        return []
    if parsed.state.flags & re.IGNORECASE or _has_flags(list(parsed)):
        return []
    found: list[set[str]] = []
    _required(list(parsed), found)
    return list(dict.fromkeys(frozenset(f) for f in found))


def score(strings: frozenset[str] | set[str]) -> float:
    """Higher is more selective: minus the expected number of places a text holds one of `strings`.

    A model with a little data: a string of n characters occurs about once in 30**n places, so one
    character (会, 我) is nearly everywhere, and three characters (零风险) are much rarer than two
    (风险); a string measured in shares.json (shares.py), or part of one, counts with the measured
    share when that is higher (题 is in every 问题).
    """
    common = _common()
    return -sum(max(30.0 ** -len(s), common.get(s, 0.0)) for s in strings)


@lru_cache(maxsize=1)
def _common() -> dict[str, float]:
    """{string: the highest measured share of a string in shares.json that holds it}."""
    try:
        data = json.loads(TABLE.read_text("utf-8"))
        shares = data["shares"]
    except (OSError, ValueError, KeyError, TypeError):  # pragma: no cover - the table ships with the package
        return {}
    out: dict[str, float] = {}
    for string, share in shares.items():
        for i in range(len(string)):
            for j in range(i + 1, len(string) + 1):
                part = string[i:j]
                if share > out.get(part, 0.0):
                    out[part] = share
    return out


def key_sets(pattern: str, most: int = 2) -> list[frozenset[str]]:
    """Up to `most` literal sets, each required by every match of `pattern`, best first (cached:
    loading the rules builds more than one rule set from the same patterns)."""
    return list(_key_sets(pattern, most))


@lru_cache(maxsize=8192)
def _key_sets(pattern: str, most: int) -> tuple[frozenset[str], ...]:
    """Up to `most` literal sets, each required by every match of `pattern`, best first.

    A text can match only if it holds a string of every set. The sets after the first come from
    other parts of the pattern (no string of one is part of a string of another), so that a common
    part (我们) and a rare part (没关系) together let through only texts holding both.
    """
    start = prefixes(pattern)
    pool = set(required_sets(pattern)) | ({start} if start else set())
    candidates = sorted(pool, key=lambda c: (score(c), sorted(c)), reverse=True)
    chosen: list[frozenset[str]] = []
    for cand in candidates:
        if len(chosen) >= most:
            break
        if not any(a in b or b in a for other in chosen for a in cand for b in other):
            chosen.append(cand)
    return tuple(chosen)


def _has_flags(items: list[tuple[Any, Any]]) -> bool:
    for op, av in items:
        if op is _c.SUBPATTERN:
            if av[1] or av[2] or _has_flags(list(av[-1])):
                return True
        elif op is _c.BRANCH:
            if any(_has_flags(list(alt)) for alt in av[1]):
                return True
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)):
            if _has_flags(list(av[2])):
                return True
        elif op is getattr(_c, "ATOMIC_GROUP", None) and _has_flags(list(av)):
            return True
    return False


def _exact(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Every string the sequence `items` can match, when that is a small finite set (may hold "")."""
    out = {""}
    for op, av in items:
        got = _exact_one(op, av)
        if got is None:
            return None
        out = {a + b for a in out for b in got}
        if len(out) > MAX_SET:
            return None
    return out


def _exact_one(op: Any, av: Any) -> set[str] | None:
    if op is _c.LITERAL or op is _c.IN:  # one character of a set: the same expansion as safety's prefixes
        chars = _chars(op, av)
        return chars if chars is not None and len(chars) <= MAX_SET else None
    if op is _c.SUBPATTERN:
        return _exact(list(av[-1]))
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            got = _exact(list(alt))
            if got is None:
                return None
            out |= got
        return out if len(out) <= MAX_SET else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[1] <= 3:
        lo, hi, body = av
        one = _exact(list(body))
        if one is None:
            return None
        out = set()
        run = {""}
        for n in range(hi + 1):
            if n >= lo:
                out |= run
            run = {a + b for a in run for b in one}
            if len(run) > MAX_SET:
                return None
        return out if len(out) <= MAX_SET else None
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {""}  # zero width: matches no characters
    return None


def _required(items: list[tuple[Any, Any]], found: list[set[str]] | None = None) -> set[str] | None:
    """The most selective set of strings one of which every match of the sequence contains.

    found: when given, every such set seen is appended to it (each one alone is required).
    """
    best: set[str] | None = None

    def offer(cand: set[str] | None) -> None:
        nonlocal best
        if cand and "" not in cand:
            if found is not None:
                found.append(cand)
            if best is None or score(cand) > score(best):
                best = cand

    # Runs of consecutive elements with finite exact sets: their concatenations are required.
    n = len(items)
    for i in range(n):
        run: set[str] = {""}
        for j in range(i, n):
            got = _exact_one(*items[j])
            if got is None:
                break
            run = {a + b for a in run for b in got}
            if len(run) > MAX_SET:
                break
            offer(run)
    # Elements that must occur and whose own body has a requirement.
    for op, av in items:
        if op is _c.SUBPATTERN:
            offer(_required(list(av[-1]), found))
        elif op is _c.BRANCH:
            union: set[str] = set()
            for alt in av[1]:
                got = _required(list(alt))
                if not got:
                    union = set()
                    break
                union |= got
            if len(union) <= MAX_SET:
                offer(union)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)) and av[0] >= 1:
            offer(_required(list(av[2]), found))
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            offer(_required(list(av), found))
    return best
