"""What makes a warm lint run and a large report fast, checked for giving the same answers as the slow
way: the fold tables and the automaton's words kept in the cache, the checked configuration kept in
the cache, JSON written by orjson, findings sorted by key, and the per-phrase memo of replacements."""
from __future__ import annotations

import dataclasses
import io
import json
import pickle
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aftersales_std import report
from aftersales_std.errors import ContentError
from aftersales_std.lint.rules import cache as lint_cache
from aftersales_std.lint.text import fold
from aftersales_std.lint.report import formats
from aftersales_std.lint.rules import loader
from aftersales_std.lint.report import run
from aftersales_std.lint.matchers.engine import RuleSet
from aftersales_std.lint.report.finding import LintFinding
from aftersales_std.lint.sources.inputs import line_starts, plain
from aftersales_std.lint.matchers.trie import WordIndex
from aftersales_std.project import open_project
from repo_paths import REPO

FIXTURES = REPO / "tests" / "fixtures" / "lint"


def _fixture_texts() -> list[str]:
    import yaml
    texts: list[str] = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in (data or {}).get("replies", []) if isinstance(data, dict) else []:
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                texts.append(item["text"])
    return texts


def _hits(ruleset: RuleSet, texts: list[str]) -> list[list[tuple[str, int, int, str]]]:
    return [[(h.rule.code, h.start, h.end, h.match) for h in ruleset.scan(t)] for t in texts]


@pytest.fixture()
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "proj"
    root.mkdir()
    shutil.copy(REPO / "aftersales.yaml", root / "aftersales.yaml")
    for folder in ("checks", "glossary"):
        shutil.copytree(REPO / folder, root / folder)
    monkeypatch.setenv("AFTERSALES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("AFTERSALES_NO_CACHE", raising=False)
    return root


def test_a_rule_set_read_back_from_the_cache_scans_text_by_text_like_a_fresh_one(repo_rules: RuleSet) -> None:
    """The automaton comes back as a dict of its words (trie.WordIndex): every fixture text, one by
    one (short texts use the dict, long ones an automaton built from it), gives the same hits."""
    restored = lint_cache.loads(lint_cache.dumps(repo_rules))
    assert isinstance(restored.automaton, WordIndex) or repo_rules.automaton is None
    texts = _fixture_texts()
    assert len(texts) > 500
    texts += ["。".join(texts[:300]), "我们会尽快处理" * 2000]  # long texts: past WordIndex.LONG
    assert _hits(restored, texts) == _hits(repo_rules, texts)
    assert restored.scan_many(texts) == [restored.scan(t) for t in texts]
    assert sum(map(len, _hits(restored, texts))) > 500


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet="甲乙丙丁ab", min_size=1, max_size=4), min_size=1, max_size=12),
       st.text(alphabet="甲乙丙丁abx", max_size=60))
def test_word_index_finds_what_an_automaton_finds(words: list[str], text: str) -> None:
    ahocorasick = pytest.importorskip("ahocorasick")
    values = [(len(w), (w,), (), w) for w in dict.fromkeys(words)]
    automaton = ahocorasick.Automaton()
    for value in values:
        automaton.add_word(value[3], value)
    automaton.make_automaton()
    index = WordIndex(values, 3)
    expected = sorted(automaton.iter(text), key=lambda p: (p[0], -p[1][0]))
    assert sorted(index.iter(text), key=lambda p: (p[0], -p[1][0])) == expected
    assert sorted(index._automaton().iter(text), key=lambda p: (p[0], -p[1][0])) == expected


def test_fold_tables_restored_from_the_cache_fold_alike(repo_rules: RuleSet) -> None:
    """A warm run folds with the tables read from the cache, not built from OpenCC: the same table,
    the same script sets, the same answers."""
    saved = fold.state()
    built = {name: fold._TABLES[name] for name in ("_script_map", "_script_sets")} | {"table": fold.table()}
    kept = dict(fold._TABLES)
    try:
        fold._TABLES.clear()
        assert fold.restore(pickle.loads(pickle.dumps(saved)))  # plain strings, as the cache stores them
        assert fold._script_map() == built["_script_map"]
        assert fold._script_sets() == built["_script_sets"]
        assert fold.table() == built["table"]
        assert fold._fast_table() == [fold.table().get(c, chr(c)) for c in range(0x10000)]
        for text in _fixture_texts()[:300] + ["這台機器 ＡＢＣ\u3000哋", "x" * 5000 + "會"]:
            assert fold.fold(text) == text.translate(built["table"])
        assert not fold.restore({"script": ("ab", "a")}) and not fold.restore(None)
    finally:
        fold._TABLES.clear()
        fold._TABLES.update(kept)


def test_is_simplified_by_sets_and_by_expressions_agree() -> None:
    texts = [t for t in _fixture_texts()[:400]] + ["这台机器", "這台機器", "这台機器", "abc", "", "华硕笔记本人为破坏"]
    traditional, simplified = fold._script_sets()
    expected = [traditional.isdisjoint(t) and not simplified.isdisjoint(t) for t in texts]
    assert [fold.is_simplified(t) for t in texts] == expected  # past the first texts: the expressions
    assert {True, False} <= set(expected)


def test_the_checked_configuration_is_kept_and_a_changed_one_is_checked_again(copy: Path) -> None:
    first = open_project(copy, cached=True)
    stored = list((copy.parent / "cache" / "config").glob(f"*{lint_cache.CONFIG_SUFFIX}"))
    assert len(stored) == 1
    assert open_project(copy, cached=True).config == first.config == open_project(copy).config
    # a broken configuration is reported, cached or not, and never stored
    config = copy / "aftersales.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "opencc: 42\n", encoding="utf-8")
    for cached in (True, False):
        with pytest.raises(ContentError) as info:
            open_project(copy, cached=cached)
        assert info.value.findings
    assert len(list((copy.parent / "cache" / "config").glob("*.config"))) == 1
    # a corrupt cache file is read again from the YAML
    stored[0].write_bytes(b"garbage")
    config.write_text(config.read_text(encoding="utf-8").replace("opencc: 42\n", ""), encoding="utf-8")
    assert open_project(copy, cached=True).config == first.config


def test_a_warm_lint_run_reads_no_yaml_and_checks_no_schema(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = open_project(copy, cached=True)
    loader.load_ruleset(p, cache=True)

    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("read or checked again")
    monkeypatch.setattr("aftersales_std.loading.load_file", fail)
    monkeypatch.setattr("aftersales_std.schema.check", fail)
    monkeypatch.setattr(loader, "_build", fail)
    again = loader.load_ruleset(open_project(copy, cached=True), cache=True)
    assert any(again.scan("我们会尽快处理您的问题。"))


def test_project_max_bytes_is_the_loaders() -> None:
    from aftersales_std import loading, project
    assert project.MAX_BYTES == loading.MAX_BYTES


def _finding(rng: random.Random) -> LintFinding:
    text = "".join(rng.choice(["a", "中", "\n", "\t", "\"", "\\", "\x00", "\x1f", "\x7f", "\u2028", "😀", "é"])
                   for _ in range(rng.randint(0, 8)))
    return LintFinding(path=rng.choice(["a.md", "b/c.txt", text]), line=rng.randint(0, 3), column=rng.randint(0, 3),
                       code=rng.choice(["TF01", "VG01", "LT010"]), end_line=rng.randint(0, 3),
                       end_column=rng.randint(0, 4), name="x.y", severity=rng.choice(["error", "warning", "suggestion"]),
                       message=text, match=text[:3], suggestion=rng.choice([None, text]), refs=("AS-STD-01 4.1",),
                       replacement=rng.choice([None, text]))


def test_json_and_sarif_are_the_same_bytes_by_orjson_and_by_json(repo_rules: RuleSet,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("orjson")
    rng = random.Random(7)
    findings = [_finding(rng) for _ in range(700)]
    for fmt in ("json", "sarif"):
        outputs = []
        for threshold in (0, 10**9):  # orjson, then the standard encoder
            monkeypatch.setattr(report, "ORJSON_AFTER", threshold)
            out = io.StringIO()
            formats.write(findings, fmt, out, repo_rules, summary={"files": 1, "findings": len(findings)})
            outputs.append(out.getvalue())
        assert outputs[0] == outputs[1]
        assert outputs[0].endswith("}\n") and json.loads(outputs[0])
    # what orjson refuses (a lone surrogate in a path) is written by the standard encoder
    monkeypatch.setattr(report, "ORJSON_AFTER", 0)
    odd = [dataclasses.replace(findings[0], path="\udcff.md")]
    out = io.StringIO()
    formats.dump_json({"findings": [f.as_dict() for f in odd]}, out)
    assert json.loads(out.getvalue())["findings"][0]["path"] == "\udcff.md"


def test_findings_are_written_in_the_dataclass_order() -> None:
    one = LintFinding("p", 1, 2, "C", "m", "j", 3, 4)
    assert formats._ORDER(one) == one.sort_key() == ("p", 1, 2, "C", 3, 4, "m", "j")
    rng = random.Random(3)
    findings = [_finding(rng) for _ in range(500)]
    assert formats.in_order(findings) == sorted(findings)


def test_the_replacement_memo_gives_what_each_finding_would_get_alone(repo_rules: RuleSet) -> None:
    """choose() skips working out the script of the text once a phrase has been seen often, only
    when every script gives the same answer: findings of a long mixed text equal those found with
    the memo empty at every finding."""
    body = ["这台机器的保固期还没过", "這台機器的保固期還沒過", "您的三保服务", "您的設備仍在保固期內", "我哋會盡快處理",
            "我们会尽快处理", "人为破坏不在保修范围", "人為破壞不在保修範圍"]
    text = "。\n".join(body[i % len(body)] for i in range(400))
    source = plain("long.txt", text)
    run._SEEN.clear()
    with_memo, _ = run.findings_for(source, repo_rules)
    alone = []
    for seg, hits in zip(source.segments, repo_rules.scan_many([s.text for s in source.segments])):
        for hit in hits:
            run._SEEN.clear()
            alone.append(run.make_finding(source, seg, hit, "zh-Hans"))
    assert with_memo == alone
    assert len(with_memo) > 300 and any(f.replacement for f in with_memo)
    assert len({f.suggestion for f in with_memo if f.code == "TM01"}) > 1  # both scripts present


def test_line_starts() -> None:
    for text in ["", "a", "\n", "a\nb\n", "\n\nx", "中文\r\n第二行"]:
        assert line_starts(text) == [0] + [n + 1 for n, ch in enumerate(text) if ch == "\n"]


def test_the_cache_holds_opencc_conversions_of_every_replacement(repo_rules: RuleSet) -> None:
    """A warm run suggests a replacement in traditional text without loading OpenCC: the cache holds
    OpenCC's own conversions of each replacement, and they are what OpenCC gives."""
    from aftersales_std import chinese
    stored = pickle.loads(lint_cache.dumps(repo_rules))["opencc"]
    options = {o for rule in repo_rules.rules for opts in rule.swap.values() for o in opts if not o.isascii()}
    assert options and {text for _config, text, _done in stored} == options
    for config, text, done in stored[::7]:
        assert done == chinese._converter(config).convert(text)
    chinese._KNOWN.clear()
    lint_cache.loads(lint_cache.dumps(repo_rules))
    assert len(chinese._KNOWN) == len(stored)
    assert chinese.to_traditional("售后保修") == chinese._converter("s2t").convert("售后保修")
