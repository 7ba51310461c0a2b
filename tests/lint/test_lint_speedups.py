"""Speed-ups that must not change a single finding: each one compared with the plain way."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aftersales_std.lint.matchers.engine import RuleSet
from aftersales_std.lint.text.fold import fold
from aftersales_std.lint.filters.guard import compile_guarded, first_chars

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


SCAN_TEXTS = ["我们会尽快处理。", "", "   ", "为了尽快定位问题，请您把视频发给我，我在 2 小时内给您答复。", "你\ud800好，应该可以",
              "\U0001F600我们会研究一下，这是厂家的问题。", "a\x00我们会尽快\x00处理", "亲，", "RMA 二线 {{ deadline }} 前尽快",
              "稍後會有專人與您聯繫。", "ＡＢＣ 保证100%修好", "耐心等待" * 50]


def test_scan_many_equals_scan_text_by_text(repo_rules: RuleSet) -> None:
    """One joined automaton pass (bytes, surrogatepass) gives what scanning each text alone gives."""
    assert repo_rules.bytes_automaton is not None or pytest.importorskip("ahocorasick_rs")
    expected = [repo_rules.scan(text) for text in SCAN_TEXTS]
    assert repo_rules.scan_many(SCAN_TEXTS) == expected
    assert repo_rules.scan_many(SCAN_TEXTS[::-1]) == expected[::-1]
    assert [repo_rules.scan_many([text]) for text in SCAN_TEXTS] == [[hits] for hits in expected]
    assert repo_rules.scan_many([]) == []
    assert repo_rules.scan_many(SCAN_TEXTS, batch=5) == expected


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet="我们会尽快处理研究一下这是厂家的问题你您应该亲二线保证100%，。 \x00\ud800😀{}", max_size=30),
                max_size=8))
def test_scan_many_equals_scan_on_generated_texts(repo_rules: RuleSet, texts: list[str]) -> None:
    assert repo_rules.scan_many(texts) == [repo_rules.scan(text) for text in texts]


def test_scan_many_places_nested_phrases_right() -> None:
    """A phrase reported after a shorter one inside it starts before it: offsets counted backwards."""
    pytest.importorskip("ahocorasick_rs")
    from aftersales_std.lint.rules import Rule

    def rule(code: str, *tokens: str) -> Rule:
        return Rule(code=code, name=code.lower(), severity="error", kind="existence", group="vague",
                    message={"zh-Hans": "{match}"}, refs=(), tokens=tokens)

    rules = RuleSet([rule("XA01", "甲乙丙丁戊"), rule("XB01", "乙丙"), rule("XC01", "丙", "x")])
    assert rules.bytes_automaton is not None
    texts = ["甲乙丙丁戊，甲乙丙丁戊x乙丙😀甲乙丙丁戊", "x" * 3 + "甲乙丙丁戊" * 500, "乙丙"]
    assert rules.scan_many(texts) == [rules.scan(text) for text in texts]
    assert len(rules.scan_many(texts)[1]) == 1500
    # the k-th match of a word is its k-th occurrence, overlapping ones too, after 4-byte characters
    rules = RuleSet([rule("XD01", "丁丁"), rule("XE01", "丁")])
    texts = ["丁丁丁😀丁丁", "😀丁丁丁丁"]
    assert rules.scan_many(texts) == [rules.scan(text) for text in texts]
    assert [(h.rule.code, h.start) for h in rules.scan_many(texts)[0]] == [
        ("XD01", 0), ("XE01", 0), ("XE01", 1), ("XE01", 2), ("XD01", 4), ("XE01", 4), ("XE01", 5)]


def test_fold_many_equals_fold() -> None:
    from aftersales_std.lint.matchers.joined import fold_many

    texts = ["Ａ 臺灣", "", "x\x00y", "\n\t", "後"]
    assert fold_many(texts) == [fold(text) for text in texts]
    assert fold_many(texts[:1]) == [fold(texts[0])]


JSONL_LINES = [b'{"text": "a"}', b'', b'   ', b'{"text": "b"} x', b'{"text": "\\ud800"}', b'\xef\xbb\xbf{"text": "bom"}',
               b'{"text": "\xff"}', b'{"text": "c"}  \r', b'{\x00"', b'{"text": NaN}', b'{', b'[1]', b'{"text": 5}',
               b'{"a": [1', b'2]}', b'{"x": 1}, {"y": 2}', b'  {"text": "lead"}', b'{"text": "\xe6\x88\x91\xe4\xbb\xac"}',
               b'{"text": "\xe2\x80\xa8 line sep"}', b'{"text": "t", "text": "u"}', b'"text"', b'{"text": "x\\ny"}\t',
               b'{"text": "tab\tinside"}', b'{"meta": {"text": "nested"}, "text": "top"}', b'{"text": 1e400}',
               b'{"text": 123456789012345678901234567890}', b'{"text": "\\u00e9\\ud83d\\ude00\\/"}', b'{"text": "\xed\xa0\x80"}',
               b'{"meta": [], "text": "list"}', b'{"text": "x"}{"text": "y"}', b'{"text": "-0"}\x0c']


@pytest.mark.parametrize("size", [1, 3, 40, 1 << 20])
@pytest.mark.parametrize("newline_at_end", [True, False])
@pytest.mark.parametrize("parser", ["orjson", "json"])
def test_jsonl_blocks_equal_line_by_line(tmp_path: Path, size: int, newline_at_end: bool, parser: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from aftersales_std.lint.sources import jsonl
    from aftersales_std.lint.sources.inputs import jsonl_segments
    from aftersales_std.lint.sources.jsonl import blocks, jsonl_records

    if parser == "orjson":
        pytest.importorskip("orjson")
    else:
        monkeypatch.setattr(jsonl, "orjson", None)

    path = tmp_path / "r.jsonl"
    path.write_bytes(b"\n".join(JSONL_LINES) + (b"\n" if newline_at_end else b""))
    with path.open("rb") as fh:
        numbered = list(enumerate(fh, 1))
    for field_name in ("text", "meta.text"):
        problems: list = []
        expected = [(seg.line, seg.text) for seg in jsonl_segments(iter(numbered), "r", field_name, problems)]
        got_problems: list = []
        got = [record for number, block in blocks(path, 0, path.stat().st_size, 1, size)
               for record in jsonl_records(block, number, "r", field_name, got_problems)]
        assert got == expected and got_problems == problems
        assert len(expected) > (3 if field_name == "text" else 0) and len(problems) > 5


def test_jsonl_run_leaves_the_garbage_collector_as_it_was(tmp_path: Path, repo_rules: RuleSet) -> None:
    import gc

    from aftersales_std.lint.batch import Options, lint_jsonl

    path = tmp_path / "r.jsonl"
    path.write_text('{"text": "我们会尽快处理。"}\n', encoding="utf-8")
    before = gc.get_threshold()
    try:
        for thresholds in (before, (0, 10, 10)):
            gc.set_threshold(*thresholds)
            assert "TF01" in {f.code for f in lint_jsonl(path, "r.jsonl", "text", repo_rules, Options()).findings}
            assert gc.get_threshold() == thresholds and gc.get_freeze_count() == 0
    finally:
        gc.set_threshold(*before)


def test_strings_common_in_replies_are_not_chosen_as_keys() -> None:
    from aftersales_std.lint.matchers.gate import key_sets, score

    assert score(frozenset({"问题"})) < score(frozenset({"风险"}))  # same length, one reply in ten
    assert score(frozenset({"题"})) <= score(frozenset({"问题"}))  # a part is at least as common
    assert not key_sets("保证[^。]{0,8}问题", 1)[0] & {"问题", "问", "题"}  # by length alone: 问题
    # 是 and 系 (in 联系) are single characters in one reply in five or ten: the rare part is the key
    assert key_sets("(?:是|系)[^。]{1,8}(?:弄错|搞坏|发错)了", 1)[0] == {"弄错了", "搞坏了", "发错了"}


def test_shares_are_measured_on_folded_replies() -> None:
    from aftersales_std.lint_tools.shares import measure, pattern_strings

    texts = ["我們會處理", "您好", "是的，联系我们", "ＯＫ"]
    assert measure(texts, ["我们", "是", "无", "ok", ""]) == {"ok": 0.25, "我们": 0.5, "是": 0.25}
    assert measure(texts, ["我们"], floor=0.6) == {}
    assert pattern_strings(["保证[^。]{0,8}(?:没问题|不会坏)"]) >= {"保证", "没问题", "不会坏"}


def test_second_key_sets_gate_patterns_the_same_in_every_scanner(monkeypatch: pytest.MonkeyPatch) -> None:
    """保证...没问题 is keyed on 保证 and, second, on 没问题/不会坏: rare strings, which the automaton
    looks for (a mark); 保证...问题 on 会/问题: common ones, tested in the text. The keyed scanners and
    the plain regex scanner (no keys at all) agree on texts holding either part, both, or both across
    a sentence end."""
    from aftersales_std.lint.rules import Rule

    def rule(code: str, pattern: str) -> Rule:
        return Rule(code=code, name=code.lower(), severity="error", kind="existence", group="overpromise",
                    message={"zh-Hans": "{match}"}, refs=(), patterns=(pattern,))

    made = [rule("XA01", "保证[^。]{0,6}(?:没问题|不会坏)"), rule("XB01", "保证[^。]{0,6}(?:会|问题)")]
    rules = RuleSet(made)
    texts = ["我们保证修好", "修好了没问题", "保证以后没问题", "保证。没问题", "保证不会坏，有问题", "问题"]
    found = [[(h.rule.code, h.start, h.end) for h in hits] for hits in rules.scan_many(texts)]
    assert found == [[], [], [("XA01", 0, 7), ("XB01", 0, 7)], [], [("XA01", 0, 5), ("XB01", 0, 9)], []]
    assert rules.scan_many(texts) == [rules.scan(t) for t in texts]
    if rules.automaton is not None:
        assert rules._second.count(None) == 0 and any(isinstance(g, int) for g in rules._second)
    monkeypatch.setenv("AFTERSALES_NO_AHOCORASICK", "1")
    plain = RuleSet(made)
    assert plain.automaton is None
    assert [[(h.rule.code, h.start, h.end) for h in plain.scan(t)] for t in texts] == found
