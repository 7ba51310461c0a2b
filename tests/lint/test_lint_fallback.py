"""A pattern with no key literal is searched for in every text on its own, and the automaton stays
on for every other rule (before, one such pattern turned the automaton off for the whole rule set)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aftersales_std.lint import load_rules
from aftersales_std.lint.matchers.engine import RuleSet, ahocorasick
from aftersales_std.lint.matchers.gate import key_sets
from repo_paths import REPO

PATTERN = r"(?<!\d)\d{6}(?:\d{5})?(?!\d)"  # a raw number: no fixed string announces it
RULE = f"""code: JG90
name: jargon.raw-number
severity: suggestion
kind: existence
message:
  zh-Hans: “{{match}}”是一串没有说明的数字：说明它是什么（单号、工单号……）。
  en: "\\"{{match}}\\" is a bare number: say what it is."
refs: [communication:4.1]
patterns:
  - '{PATTERN}'
examples:
  bad:
    - 请记下123456。
  good:
    - 请记下工单号 12345。
"""


@pytest.mark.skipif(ahocorasick is None, reason="needs pyahocorasick")
def test_an_unkeyed_pattern_keeps_the_automaton(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert key_sets(PATTERN, 2) == []
    folder = tmp_path / "checks"
    shutil.copytree(REPO / "checks", folder)
    (folder / "jargon" / "JG90.yaml").write_text(RULE, encoding="utf-8")
    rules = load_rules(REPO, rules_dir=folder, cache=False)
    assert rules.automaton is not None
    monkeypatch.setenv("AFTERSALES_NO_AHOCORASICK", "1")
    plain = RuleSet(rules.rules)
    assert plain.automaton is None
    texts = ["请记下123456。", "编号 98765432101 已登记。", "您好", "我们会尽快处理，单号123456。",
             "请记下工单号 12345。", "1234567"] + [ex for r in rules.rules for k in ("bad", "good")
                                                 for ex in r.examples.get(k, ())]

    def spans(hits_of):  # type: ignore[no-untyped-def]
        return [[(h.rule.code, h.start, h.end) for h in hits] for hits in hits_of]
    expected = spans(plain.scan(t) for t in texts)
    assert spans(rules.scan(t) for t in texts) == expected
    assert spans(rules.scan_many(texts)) == expected
    assert ("JG90", 3, 9) in expected[0] and ("JG90", 3, 14) in expected[1]
