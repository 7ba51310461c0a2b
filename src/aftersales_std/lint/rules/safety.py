"""Refuse regular expressions that could make a run hang or that break the combined pass.

Python's `re` backtracks and has no time limit, so a rule file with `(a+)+$` could stall CI. We
refuse, at load time, the shapes that cause catastrophic backtracking: a repeated group whose body
can itself repeat (star height > 1), a repeat over alternatives (unbounded, or bounded above
MAX_ALTERNATION_REPEAT: `(?:a|aa){1,60}c` took 24 s on 43 bytes), stacked unbounded quantifiers over
the same characters (`a+a+a+c` is cubic: over 10 minutes on 3,000 letters), back-references and
patterns that can match the empty string. Named groups are refused because every rule is compiled
into one expression, where two rules' names would clash.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

try:  # Python 3.11+
    import re._constants as _c  # type: ignore[import-not-found]
    import re._parser as _p  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

MAX_PATTERN_LENGTH = 1000
# A repeat over alternatives tries every way to split the text among them: measured on 1,000 "a"s,
# (?:a|aa){1,3}c 0.5 ms, {1,4} 9 ms, {1,8} 58 ms, {1,60} 0.11 s on 25 letters and 24 s on 43.
MAX_ALTERNATION_REPEAT = 3
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_UNBOUNDED = _c.MAXREPEAT


class UnsafePattern(ValueError):
    """A pattern the linter will not run; the message says why and what to write instead."""


def check_pattern(pattern: str) -> None:
    """Raise UnsafePattern when `pattern` is invalid or could backtrack catastrophically."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise UnsafePattern(f"pattern is {len(pattern)} characters long (limit {MAX_PATTERN_LENGTH}); "
                            "split it or use tokens")
    try:
        parsed = _p.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise UnsafePattern(f"not a valid regular expression: {exc}") from None
    if parsed.state.groupdict:
        raise UnsafePattern("named groups (?P<name>...) are not allowed; use (?:...)")
    lo, _hi = parsed.getwidth()
    if lo == 0:
        raise UnsafePattern("pattern can match empty text; every match must cover at least one character")
    _walk(list(parsed), repeated=False)


def _walk(items: list[tuple[Any, Any]], repeated: bool) -> None:
    _stacked(items)
    for op, av in items:
        if op in (_c.GROUPREF, getattr(_c, "GROUPREF_EXISTS", None)):
            raise UnsafePattern("back-references (\\1, (?(1)...)) are not allowed")
        if op in _REPEATS:
            lo, hi, body = av
            can_repeat = hi == _UNBOUNDED or hi > 1
            if repeated and lo != hi:
                raise UnsafePattern("nested repetition such as (a+)+ or (.*a){10} can take exponential "
                                    "time; remove the outer or the inner quantifier")
            if hi == _UNBOUNDED and _is_wide(list(body)):
                raise UnsafePattern("an unbounded repeat of any character (.*, .+, [^x]*) can scan the "
                                    "whole text from every match; bound it, e.g. .{0,30}")
            if can_repeat and hi == _UNBOUNDED and _has_branch(list(body)):
                raise UnsafePattern("an unbounded repeat over alternatives such as (a|aa)* can take "
                                    "exponential time; use a character class or bound the repeat {0,n}")
            if hi > MAX_ALTERNATION_REPEAT and _has_branch(list(body)):
                raise UnsafePattern(f"a repeat over alternatives such as (?:a|aa){{1,{hi}}} can take "
                                    "exponential time; use a character class, or repeat at most "
                                    f"{MAX_ALTERNATION_REPEAT} times")
            _walk(list(body), repeated or can_repeat)
        elif op is _c.SUBPATTERN:
            _walk(list(av[-1]), repeated)
        elif op is _c.BRANCH:
            for alt in av[1]:
                _walk(list(alt), repeated)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            _walk(list(av[1]), repeated)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            _walk(list(av), repeated)


def _first_set(op: Any, av: Any) -> frozenset[Any] | None:
    """The characters a repeat's body can match, when it is one literal or one class; None: unknown."""
    if op is _c.LITERAL:
        return frozenset([av])
    if op is _c.IN and not any(sub_op is _c.NEGATE for sub_op, _ in av):
        out: set[Any] = set()
        for sub_op, sub_av in av:
            if sub_op is _c.LITERAL:
                out.add(sub_av)
            elif sub_op is _c.RANGE and sub_av[1] - sub_av[0] < 4096:
                out.update(range(sub_av[0], sub_av[1] + 1))
            else:
                return None
        return frozenset(out)
    return None


def _stacked(items: list[tuple[Any, Any]]) -> None:
    """Refuse two unbounded repeats in one sequence that can match the same character with only
    optional or overlapping items between them (a+a+, \\d+[0-9]+, a+b?a+): each extra one
    multiplies the work by the length of the text."""
    open_sets: list[frozenset[Any] | None] = []  # unbounded repeats still reachable from here
    for op, av in items:
        if op in _REPEATS:
            lo, hi, body = av
            body = list(body)
            chars = _first_set(*body[0]) if len(body) == 1 else None
            if hi == _UNBOUNDED:
                for other in open_sets:
                    if other is None or chars is None or other & chars:
                        raise UnsafePattern("two unbounded repeats over the same characters (such as a+a+ or "
                                            "\\d+\\d*) can take polynomial time in the text length; "
                                            "merge them into one")
                open_sets.append(chars)
                continue
            if lo == 0:
                continue  # optional: the repeats before it still meet the ones after it
            if chars is not None and all(o is not None and o >= chars for o in open_sets):
                continue  # a bounded run inside what the open repeats match anyway (a+a{2}a+)
            open_sets = []
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        else:
            chars = _first_set(op, av)
            if chars is not None and open_sets and all(o is not None and o >= chars for o in open_sets):
                continue  # a literal both sides can match keeps them meeting (a+aa+)
            open_sets = []


def _is_wide(items: list[tuple[Any, Any]]) -> bool:
    """True for a body that matches (nearly) any character: ., [^...], \\D, \\S, \\W."""
    for op, av in items:
        if op in (_c.ANY, _c.NOT_LITERAL):
            return True
        if op is _c.IN and any(sub_op is _c.NEGATE or (sub_op is _c.CATEGORY and "NOT" in str(sub_av))
                               for sub_op, sub_av in av):
            return True
        if op is _c.SUBPATTERN and _is_wide(list(av[-1])):
            return True
    return False


def _has_branch(items: list[tuple[Any, Any]]) -> bool:
    for op, av in items:
        if op is _c.BRANCH:
            return True
        if op is _c.SUBPATTERN and _has_branch(list(av[-1])):
            return True
    return False


MAX_PREFIXES = 3000


@lru_cache(maxsize=8192)  # loading the rules builds two rule sets from the same patterns
def prefixes(pattern: str, k: int = 3) -> frozenset[str] | None:
    """Literal strings (up to k characters) one of which starts every match; None when unknown.

    Used to build the one-pass scanner: a trie of these prefixes finds every place where a
    pattern may match, and only there is the pattern itself tried.
    """
    try:
        parsed = _p.parse(pattern)
    except re.error:  # pragma: no cover - checked before
        return None
    for depth in range(k, 0, -1):
        got = _expand(list(parsed), depth)
        if got is not None and len(got) <= MAX_PREFIXES:
            return None if "" in got else frozenset(got)
    return None


def _chars(op: Any, av: Any) -> set[str] | None:
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN:
        out: set[str] = set()
        for sub_op, sub_av in av:
            if sub_op is _c.LITERAL:
                out.add(chr(sub_av))
            elif sub_op is _c.RANGE and sub_av[1] - sub_av[0] < 64:
                out.update(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
            else:
                return None
        return out
    return None


def _expand(items: list[tuple[Any, Any]], k: int) -> set[str] | None:
    if k <= 0 or not items:
        return {""}
    op, av = items[0]
    rest = items[1:]
    chars = _chars(op, av)
    if chars is not None:
        tails = _expand(rest, k - 1)
        if tails is None or len(chars) * len(tails) > MAX_PREFIXES:
            return None
        return {c + t for c in chars for t in tails}
    if op is _c.SUBPATTERN:
        return _expand(list(av[-1]) + rest, k)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            got = _expand(list(alt) + rest, k)
            if got is None:
                return None
            out |= got
            if len(out) > MAX_PREFIXES:
                return None
        return out
    if op in _REPEATS:
        lo, hi, body = av
        first = _expand(list(body) + rest, k) if hi == 1 else _expand(list(body), k)
        if first is None:
            return None
        if lo >= 1:
            return first
        skipped = _expand(rest, k)
        return None if skipped is None else first | skipped
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _expand(rest, k)
    return {""}
