"""Key literals: strings one of which every match of a pattern contains.

The engine looks for these in one automaton pass and tries a pattern only in texts that hold one of
its keys, so texts that cannot match cost no Python work per pattern. A pattern's first characters
are often common (会, 您, 我们) while a later part is rare (尽量, 研究, 没关系): we compute every
required literal set of the pattern (from its parse tree) and key it on the most selective one.
Soundness matters more than selectivity: a wrong key would drop matches; the tests compare the keyed
scan with a brute-force one.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from aftersales_std.lint.safety import _c, _chars, _p, prefixes

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


# Strings that are common in any after-sales reply, good or bad, with the share of replies holding
# them: the bundled reply templates and the acceptable replies of tests/fixtures/lint (1,927 replies,
# 2026-11-22), for the key strings of the bundled rules held by at least 3 % of them. 问题 or 故障
# look selective by their length but are in one reply in ten, so a pattern keyed on them is tried
# nearly everywhere. Only which texts a pattern is tried on changes, never what it finds.
COMMON = {
    "您": 0.79, "我": 0.51, "我们": 0.31, "到": 0.26, "会": 0.25, "修": 0.21, "给": 0.21, "保": 0.17,
    "给您": 0.16, "内": 0.16, "了": 0.16, "发": 0.14, "好": 0.14, "理": 0.13, "可以": 0.13, "退": 0.12,
    "换": 0.11, "为": 0.11, "有": 0.11, "问": 0.11, "出": 0.11, ",我们": 0.10, "查": 0.10, "上门": 0.10,
    "用": 0.10, "问题": 0.09, "能": 0.08, "师傅": 0.08, "看": 0.08, "帮": 0.07, "处理": 0.07, "帮您": 0.07,
    "确认": 0.07, "保修": 0.07, "就": 0.07, "说": 0.07, "免费": 0.07, "定": 0.07, "寄": 0.06, "打": 0.06,
    "为您": 0.06, "再": 0.06, "告": 0.05, "包": 0.05, "安排": 0.05, "结果": 0.05, "您可以": 0.05,
    "故障": 0.05, "没": 0.05, "你": 0.05, "完成": 0.05, "知": 0.04, "照": 0.04, "卡": 0.04, "行": 0.04,
    "回复": 0.04, "可能": 0.04, "来": 0.04, "我们会": 0.04, "售后": 0.04, "全": 0.04, "等": 0.04,
    "保证": 0.04, "客服": 0.04, "年": 0.04, "按": 0.03, "的问题": 0.03, "快递": 0.03, "我们已": 0.03,
    "都": 0.03, "回电": 0.03, "即": 0.03, "联系": 0.03, "通知": 0.03, "不会": 0.03, "应该": 0.03,
}


def score(strings: frozenset[str] | set[str]) -> float:
    """Higher is more selective: minus the expected number of places a text holds one of `strings`.

    A model with a little data: a string of n characters occurs about once in 30**n places, so one
    character (会, 我) is nearly everywhere, and three characters (零风险) are much rarer than two
    (风险); strings in COMMON, and their parts, count with the measured share instead.
    """
    return -sum(_share(s) for s in strings)


@lru_cache(maxsize=65536)
def _share(string: str) -> float:
    """The expected share of places holding `string`: the length model, or more when the string is
    part of a common one (题 is in every 问题)."""
    return max([30.0 ** -len(string)] + [share for common, share in COMMON.items() if string in common])


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
