"""A first-character guard for the context checks' alternations (exceptions, conditions).

A rule's exceptions and condition are one alternation of many phrases and patterns, searched for in
a window around every candidate. Python's `re` finds no literal prefix or character set to skip
ahead with in `(?:a...)|(?:b...)|(?:\\d...)`, so it tries every branch at every position of the
window: for TF01's condition (13 branches) that was 80 % of the cost of a check. Prefixed with a
lookahead of every character a match can start with, `(?=[ab\\d])(?:...)`, a position is rejected
after one set test.

Equivalence: the pattern cannot match empty (we give up otherwise), so every match starts with a
character, and that character is in the set (built from the parse tree, under the same flags, so
IGNORECASE covers the same case variants). The guarded pattern therefore matches at exactly the
same positions with the same spans, for `search`, `match` and `finditer`, with any pos/endpos; it
adds no groups. Shapes we cannot analyse (negated classes, `.`, back-references, scoped flags)
leave the pattern as it is.
"""
from __future__ import annotations

import re
from typing import Any

from aftersales_std.lint.rules.safety import _c, _p

_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_WORD: r"\w",
               _c.CATEGORY_NOT_WORD: r"\W", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S"}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}


def compile_guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, prefixed with a first-character lookahead when one is known."""
    compiled = re.compile(pattern, flags)
    first = first_chars(pattern, flags)
    if first is None:
        return compiled
    return re.compile(f"(?=[{first}])(?:{pattern})", flags)


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """The body of a character class holding the first character of every match; None if unknown."""
    try:
        parsed = _p.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError):
        return None
    if parsed.state.flags & ~(flags | _c.SRE_FLAG_UNICODE):
        return None  # global inline flags such as (?i): they cannot follow our prefix
    items: list[str] = []
    nullable = _sequence(list(parsed), items)
    if nullable is not False or not items:
        return None
    return "".join(dict.fromkeys(items))


def _sequence(seq: list[tuple[Any, Any]], out: list[str]) -> bool | None:
    """Add the class items that can start a match of `seq` to `out`.

    Returns whether `seq` can match the empty string (then what follows it can start a match too),
    or None when an element is not understood.
    """
    for op, av in seq:
        nullable = _element(op, av, out)
        if nullable is None or not nullable:
            return nullable
    return True


def _element(op: Any, av: Any, out: list[str]) -> bool | None:
    if op is _c.LITERAL:
        out.append(_escape(av))
        return False
    if op is _c.IN:
        for sub_op, sub_av in av:
            if sub_op is _c.LITERAL:
                out.append(_escape(sub_av))
            elif sub_op is _c.RANGE:
                out.append(f"{_escape(sub_av[0])}-{_escape(sub_av[1])}")
            elif sub_op is _c.CATEGORY and sub_av in _CATEGORIES:
                out.append(_CATEGORIES[sub_av])
            else:  # a negated class matches nearly anything: no useful guard
                return None
        return False
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        return None if add_flags or del_flags else _sequence(list(body), out)
    if op is _c.BRANCH:
        nullable = False
        for alt in av[1]:
            got = _sequence(list(alt), out)
            if got is None:
                return None
            nullable = nullable or got
        return nullable
    if op in _REPEATS:
        lo, _hi, body = av
        got = _sequence(list(body), out)
        return None if got is None else (got or lo == 0)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av), out)
    if op in _ZERO_WIDTH:
        return True  # consumes nothing: the next element gives the first character
    return None  # ., back-references, conditional groups ...


def _escape(code: int) -> str:
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
