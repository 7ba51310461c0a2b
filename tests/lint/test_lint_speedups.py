"""Speed-ups that must not change a single finding: each one compared with the plain way."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aftersales_std.lint.engine import RuleSet
from aftersales_std.lint.fold import fold
from aftersales_std.lint.guard import compile_guarded, first_chars

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("pattern", "expected"), [
    ("你们|迷你", {"你", "迷"}),
    ("(?:a|b)?c", {"a", "b", "c"}),
    (r"(?<!不能)(?:立即|马上)|\d+点", {"立", "马", "0", "5", "٣"}),
    ("[一二三]{1,3}点", {"一", "三"}),
])
def test_first_chars_hold_every_first_character(pattern: str, expected: set[str]) -> None:
    first = first_chars(pattern)
    assert first is not None
    assert all(re.fullmatch(f"[{first}]", ch) for ch in expected)


@pytest.mark.parametrize("pattern", ["a?", "[^。]x", ".x", "(a)?\\1b", "(?i:a)b", "(?i)ab", "x|$"])
def test_no_guard_where_the_first_character_is_unknown(pattern: str) -> None:
    assert first_chars(pattern) is None
    assert compile_guarded(pattern).pattern == pattern


GUARD_PATTERNS = [
    r"(?:\d{1,2}:\d{2})|(?:\d{1,2}(?:点|时))|(?:今天|明天)|(?:(?<!没法|不能)(?:立即|马上))",
    "(?:(?:请|麻烦)(?:您|你)?(?:稍候|尽快))|(?:稍候片刻)|(?:(?:为了|以便)[^。,]{0,6}尽快)",
    "(?:ab|c)+d?|(?=x)xy|k",
    "(?:你们|迷你)|(?:[父母]亲)|(?:亲(?:自|人))",
    "(?:AB|é)c|ſ|K",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(GUARD_PATTERNS), st.booleans(),
       st.text(alphabet="0123456789:点时今天明没法不能立即马上请麻烦您你稍候尽快片刻为了以便。,abcdxyzkABKKsſSéÉ迷们父母亲自人",
               max_size=40), st.integers(0, 45), st.integers(0, 45))
def test_guarded_alternation_matches_exactly_as_the_plain_one(pattern: str, icase: bool, text: str,
                                                              pos: int, endpos: int) -> None:
    flags = re.IGNORECASE if icase else 0
    plain, guarded = re.compile(pattern, flags), compile_guarded(pattern, flags)
    assert guarded.pattern != pattern
    assert [m.span() for m in plain.finditer(text, pos, endpos)] == [m.span() for m in guarded.finditer(text, pos, endpos)]
    found, again = plain.search(text, pos, endpos), guarded.search(text, pos, endpos)
    assert (found and found.span()) == (again and again.span())


def test_rule_context_checks_are_guarded_and_unchanged(repo_rules: RuleSet) -> None:
    """Every bundled exception and condition alternation gets a guard and finds the same matches."""
    import yaml

    replies = yaml.safe_load((REPO / "tests" / "fixtures" / "lint" / "eval.yaml").read_text(encoding="utf-8"))
    texts = [fold(r["text"]) for r in replies["replies"]] + ["明天18:00前尽快", "没法立即答复"]
    checked = 0
    for rule in repo_rules.rules:
        for compiled in (rule.exceptions, rule.condition):
            if compiled is None:
                continue
            assert compiled.pattern.startswith("(?=[") and compiled.pattern.endswith(")")
            plain = re.compile(compiled.pattern[compiled.pattern.index("])(?:") + 5:-1], compiled.flags)
            for text in texts:
                assert [m.span() for m in plain.finditer(text)] == [m.span() for m in compiled.finditer(text)]
            checked += 1
    assert checked >= 10
