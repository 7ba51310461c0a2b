"""Engine: folding, positions, one pass, context, rule loading and the rules' own examples."""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aftersales_std.errors import ContentError
from aftersales_std.lint import lint_text, load_rules
from aftersales_std.lint.matchers.classifier import spans, unquote
from aftersales_std.lint.matchers.engine import RuleSet, mask_placeholders, trie_regex
from aftersales_std.lint.text.fold import IndexMap, fold
from aftersales_std.lint.rules.safety import UnsafePattern, check_pattern, prefixes

REPO = Path(__file__).resolve().parents[2]


def codes(text: str, rules: RuleSet) -> list[str]:
    return [f.code for f in lint_text(text, rules)]


def test_fold_script_width_case_space() -> None:
    assert fold("我們 會　盡快ＲＭＡ１８：００") == "我们会尽快rma18:00"
    assert fold("妳好") == "你好"


def test_index_map_back_to_original() -> None:
    text = "尽 \u3000快"
    folded = fold(text)
    imap = IndexMap(text, len(folded))
    assert [imap[i] for i in range(len(folded))] == [0, 3]


def test_positions_point_into_the_original_text(repo_rules: RuleSet) -> None:
    text = "第一行\n您好，我們會 盡 快處理。"
    f = next(f for f in lint_text(text, repo_rules) if f.code == "TF01")
    assert (f.line, f.column, f.end_column) == (2, 8, 11)
    assert f.match == "盡 快"


@pytest.mark.parametrize("text, code", [
    ("我们会看看怎么处理。", "VG01"), ("我們會看看怎麼處理。", "VG01"), ("我们会看 看怎么处理", "VG01"),
    ("我们会尽快处理。", "TF01"), ("这是厂家的问题。", "BL01"), ("这个不归我们管。", "DS01"),
    ("应该可以。", "UC01"), ("你好", "AD01"), ("保证100%修好", "OP01"), ("保證１００％修好", "OP01"),
    ("已转二线。", "JG01"), ("本机享受三保服务。", "TM01"),
])
def test_each_category_fires(repo_rules: RuleSet, text: str, code: str) -> None:
    assert code in codes(text, repo_rules)


@pytest.mark.parametrize("text", [
    "我们会尽快处理，最迟明天 18:00 前给您结果。",  # a concrete time next to 尽快
    "客户说：“你们就是在拖，看看怎么处理都不会”。",  # quoted customer words
    "请您看看保修卡上的购买日期。",  # an instruction, not a vague promise
    "我们会在 {{ deadline }} 前给您明确的处理方案。",  # a time placeholder is a concrete time
    "请提供退货授权编号（RMA）。",  # jargon explained
    "这款迷你音箱支持蓝牙。",
    "这不是您的问题，是我们的疏忽。",
])
def test_context_makes_a_match_fine(repo_rules: RuleSet, text: str) -> None:
    assert codes(text, repo_rules) == []


def test_every_rule_example_holds_against_the_whole_rule_set(repo_rules: RuleSet) -> None:
    for rule in repo_rules.rules:
        for bad in rule.examples["bad"]:
            assert rule.code in codes(bad, repo_rules), (rule.code, bad)
        for good in rule.examples["good"]:
            assert codes(good, repo_rules) == [], (rule.code, good)


def test_glossary_deprecated_and_superseded_become_substitutions(project: Path) -> None:
    rules = load_rules(project)
    found = lint_text("产品还在保质期内，请带上报修单。", rules)
    got = {(f.match, f.suggestion) for f in found if f.code == "TM01"}
    assert got == {("保质期", "保修期"), ("报修单", "服务工单")}
    assert [f for f in found if f.code == "TM01"][0].replacement == "保修期"
    assert lint_text("产品还在保修期内。", rules) == []


def test_traditional_context_gets_the_traditional_replacement(project: Path) -> None:
    rules = load_rules(project)
    f = next(f for f in lint_text("您的產品還在保質期內。", rules) if f.code == "TM01")
    assert (f.suggestion, f.replacement) == ("保固期", "保固期")
    g = next(f for f in lint_text("本機享有三保服務。", repo_rules_of(project)) if f.code == "TM01")
    assert g.replacement == "三包"


def repo_rules_of(project: Path):  # noqa: ANN201 - the fixture project's rules
    return load_rules(project)


def test_ascii_tokens_need_word_boundaries(repo_rules: RuleSet) -> None:
    assert "JG01" in codes("RMA编号", repo_rules)
    assert "JG01" not in codes("FARMAN", repo_rules)


def test_placeholders_are_masked_keeping_positions() -> None:
    text = "您好{{ name }}，{% if x %}尽快{% endif %}"
    masked = mask_placeholders(text)
    assert len(masked) == len(text)
    assert "name" not in masked and "尽快" in masked


def test_trie_regex_matches_exactly_the_words() -> None:
    words = ["尽快", "尽量", "尽快处理", "rma"]
    rx = re.compile(f"(?:{trie_regex(words)})")
    assert rx.fullmatch("尽快处理") and rx.fullmatch("尽量") and rx.fullmatch("rma")
    assert not rx.fullmatch("尽")


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a*)*b", "(a|aa)*b", "(.*a){10}", "尽快.*时间", "(?P<x>a)",
                                     "(a)\\1", "a?", "["])
def test_dangerous_or_broken_patterns_are_refused(pattern: str) -> None:
    with pytest.raises(UnsafePattern):
        check_pattern(pattern)


def test_safe_patterns_pass_and_have_literal_prefixes() -> None:
    check_pattern("尽快(?:处理)?")
    check_pattern("\\d{1,2}:\\d{2}")
    assert prefixes("(?:您|你)(?:是不是)?没按") == frozenset({"您是不", "你是不", "您没按", "你没按"})
    assert prefixes("\\d+小时") is None


def write_rule(folder: Path, code: str, body: str) -> Path:
    group = folder / "demo"
    group.mkdir(parents=True, exist_ok=True)
    path = group / f"{code}.yaml"
    path.write_text(body, encoding="utf-8")
    return path


RULE = """code: {code}
name: demo.rule-{low}
severity: error
kind: existence
message:
  zh-Hans: 不要写这个。
  en: Do not write this.
patterns: ['{pattern}']
refs: ["communication:4.2"]
examples: {{bad: ["{bad}"], good: ["好的"]}}
"""


def test_catastrophic_rule_file_is_refused_at_load_pointing_into_the_file(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "ZZ01", RULE.format(code="ZZ01", low="zz01", pattern="(a+)+$", bad="aaa"))
    start = time.perf_counter()
    with pytest.raises(ContentError) as info:
        load_rules(REPO, rules_dir=tmp_path)
    assert time.perf_counter() - start < 10
    finding = info.value.findings[0]
    assert finding.code == "LT001" and finding.path.endswith("ZZ01.yaml") and finding.line == 8
    assert "nested repetition" in finding.message
    path.unlink()


def test_broken_example_is_reported_at_its_line(tmp_path: Path) -> None:
    write_rule(tmp_path, "ZZ02", RULE.format(code="ZZ02", low="zz02", pattern="再议", bad="这个我们研究"))
    with pytest.raises(ContentError) as info:
        load_rules(REPO, rules_dir=tmp_path)
    finding = info.value.findings[0]
    assert finding.code == "LT002" and finding.line == 10 and "does not fire" in finding.message


def test_cost_does_not_grow_per_rule(repo_rules: RuleSet) -> None:
    """One scanner for all rules: the combined expression is compiled once, not once per rule."""
    assert repo_rules.scanner is not None
    assert len(repo_rules.rules) >= 13 and not repo_rules._any  # every bundled pattern has a literal start


def test_regex_scanner_and_automaton_agree(repo_rules: RuleSet, monkeypatch: pytest.MonkeyPatch) -> None:
    """With pyahocorasick installed the automaton finds the candidates; without it the one regex does."""
    import yaml

    monkeypatch.setenv("AFTERSALES_NO_AHOCORASICK", "1")
    regex_only = RuleSet(repo_rules.rules)
    assert regex_only.automaton is None
    replies = yaml.safe_load((REPO / "tests" / "fixtures" / "lint" / "eval.yaml").read_text(encoding="utf-8"))
    texts = [r["text"] for r in replies["replies"]] + ["你好 尽 快 RMA编号 {{ deadline }}", ""]
    for text in texts:
        assert [(h.rule.code, h.start, h.end) for h in regex_only.scan(text)] == \
            [(h.rule.code, h.start, h.end) for h in repo_rules.scan(text)], text


def test_fast_fold_table_equals_the_dict_table() -> None:
    """fold() translates with a list indexed by code point; it must fold exactly as the dict does."""
    from aftersales_std.lint.text.fold import _fast_table, table

    assert len(_fast_table()) == 0x10000 and max(table()) < 0x10000
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert fold(every) == every.translate(table())
    assert fold("\ud800 x\U0001F600Ｘ") == "\ud800x\U0001F600x"


def test_key_sets_pick_rare_required_parts() -> None:
    from aftersales_std.lint.matchers.gate import key_sets, necessary

    assert necessary("(?:跟|和)(?:我们|本店)[^。]{0,4}(?:无关|没关系)") is not None
    keys = key_sets("(?:跟|和)(?:我们|本店)[^。]{0,4}(?:无关|没关系)", 2)
    assert len(keys) == 2 and all(keys)
    assert key_sets("(?:零|0)(?:风险|故障)")[0] == {"零风险", "零故障", "0风险", "0故障"}
    assert key_sets("(?i)abc") == [frozenset({"abc"})]  # case-insensitive: only the literal prefix
    assert key_sets("\\d+") == []


def _matches_contain_their_keys(pattern: str, text: str) -> None:
    from aftersales_std.lint.matchers.gate import key_sets

    for m in re.finditer(f"(?=({pattern}))", text):
        span = m.group(1)
        if span:
            for key in key_sets(pattern, 3):
                assert any(word in span for word in key), (pattern, span, key)


KEY_PATTERNS = [
    "(?:跟|和|与|同)(?:我们|我哋|本店)[^。,!?;]{0,4}(?:无关|没关系|没有关系)",
    "(?:保证|确保|包|担保)(?:您|你)?(?:以后|今后)?(?:都)?(?:不|没有|无)(?:会)?(?:再)?(?:出|有)?(?:任何)?(?:问题|故障)",
    "(?:等|等待|耐心等)(?:我们|我)?的?(?:消息|回复|通知)",
    "有[^。,!?;]{1,4}(?:了|后|之后)?再(?:说|讲|算)(?=[。,!?~;]|$|吧)",
    "(?:大概|可能)[^。,!?;]{0,12}吧(?=[。,!?~]|$)",
    "亲(?:亲|爱哒|们)?(?=[,.!?~、。:;]|$)",
    "(?:a|b){1,3}c+d?(?:e|f)",
    "x(?:yz)+w",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(KEY_PATTERNS), st.text(alphabet="跟和与同我们哋本店无关没有系保证确包担您你以后今都不会再出任何问题故障等待耐心的消息回复通知"
                                                "了之说讲算大概可能吧亲爱哒。,!?;~abcdefxyzw", max_size=40))
def test_every_match_holds_a_string_of_every_key_set(pattern: str, text: str) -> None:
    _matches_contain_their_keys(pattern, text)


def _reference_scan(rules: RuleSet, text: str) -> list[tuple[str, int, int]]:
    """The engine without keys: every pattern tried at every place, every phrase found everywhere."""
    masked = mask_placeholders(text)
    folded = fold(masked)
    raw = []
    for rule in rules.rules:
        for token in rule.tokens:
            raw += [(m.start(), m.start() + len(token), rule) for m in re.finditer(f"(?={re.escape(token)})", folded)]
        for pat in rule.patterns:
            compiled = re.compile(pat)
            for p in range(len(folded)):
                pm = compiled.match(folded, p)
                if pm is not None and pm.end() > p:
                    raw.append((p, pm.end(), rule))
        if rule.model is not None:  # every sentence that holds a trigger, scored without the automaton
            for lo, hi, scored in spans(folded):
                piece = folded[lo:scored]
                if any(fold(t) in piece for t in rule.model.triggers) and \
                        rule.model.slow_score(unquote(piece)) >= rule.model.logit:
                    raw.append((lo, hi, rule))
    hits = rules._accept(text, masked, folded, raw) if raw else []
    if rules._matched and text:  # the detector matchers (matchers.py) do not use the automaton: they add their hits as the engine does
        hits = rules._with_matchers(text, hits)
    return [(h.rule.code, h.start, h.end) for h in hits]


def test_keyed_scan_never_drops_a_match(repo_rules: RuleSet) -> None:
    """The automaton looks only for each pattern's key literals; a brute-force scan finds the same."""
    import yaml

    assert repo_rules.automaton is not None
    replies = yaml.safe_load((REPO / "tests" / "fixtures" / "lint" / "eval.yaml").read_text(encoding="utf-8"))
    texts = [r["text"] for r in replies["replies"]][::3] + ["你好 尽 快 RMA编号 {{ deadline }}", "亲，", ""]
    for text in texts:
        assert [(h.rule.code, h.start, h.end) for h in repo_rules.scan(text)] == _reference_scan(repo_rules, text), text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["我们", "会", "尽快", "处理", "研究一下", "看看", "怎么", "厂家", "的问题", "你", "您", "应该",
                                 "可以", "保证", "100%", "二线", "亲", "，", "。", " ", "「", "」", "明天", "18:00", "前",
                                 "吧", "再说", "無關", "跟我們", "沒關係", "{{ deadline }}", "x"]), max_size=25))
def test_keyed_scan_equals_brute_force_on_generated_replies(repo_rules: RuleSet, parts: list[str]) -> None:
    text = "".join(parts)
    assert [(h.rule.code, h.start, h.end) for h in repo_rules.scan(text)] == _reference_scan(repo_rules, text)


def test_rust_automaton_when_installed_gives_the_same_hits(repo_rules: RuleSet, monkeypatch: pytest.MonkeyPatch) -> None:
    """ahocorasick_rs (optional) and pyahocorasick find the same places; lone surrogates fall back."""
    pytest.importorskip("ahocorasick_rs")
    repo_rules = RuleSet(repo_rules.rules)  # built here: one read from the cache builds them for a batch only
    assert repo_rules.fast_automaton is not None
    monkeypatch.setenv("AFTERSALES_NO_AHOCORASICK_RS", "1")
    plain_ac = RuleSet(repo_rules.rules)
    assert plain_ac.fast_automaton is None and plain_ac.automaton is not None
    texts = ["你好 尽 快 RMA编号 {{ deadline }}", "\U0001F600我们会研究一下，这是厂家的问题。", "你\ud800好，应该可以", ""]
    for text in texts:
        assert [(h.rule.code, h.start, h.end) for h in repo_rules.scan(text)] == \
            [(h.rule.code, h.start, h.end) for h in plain_ac.scan(text)], text


def _decode_both(raw: bytes) -> tuple[object, object]:
    from aftersales_std.lint.sources.inputs import _SLOW, _fast_record

    try:
        slow: object = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        slow = type(exc)
    fast = _fast_record(raw)
    return (slow if fast is _SLOW else fast), slow


@pytest.mark.parametrize("raw", [b'{"text": "a"}\n', b'{"text": "b"} x\n', b'{"text": "\\ud800"}', b'\xef\xbb\xbf{"a": 1}',
                                 b'{"text": "\xff"}', b'{"a": [1, {"b": null}]}  \r\n', b'{\x00"', b'{"a": NaN}', b'{', b'[1]'])
def test_fast_jsonl_decoding_equals_json_loads(raw: bytes) -> None:
    fast, slow = _decode_both(raw)
    assert fast == slow or (fast != fast and slow != slow)


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(), lambda c: st.lists(c, max_size=3)
                    | st.dictionaries(st.text(max_size=5), c, max_size=3), max_leaves=8),
       st.sampled_from(["", " ", "\n", " x", "}", ",{}"]))
def test_fast_jsonl_decoding_equals_json_loads_on_generated_records(value: object, tail: str) -> None:
    raw = (json.dumps({"v": value}, ensure_ascii=False) + tail).encode("utf-8", "surrogatepass")
    fast, slow = _decode_both(raw)
    assert fast == slow
