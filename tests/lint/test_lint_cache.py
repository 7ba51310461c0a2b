"""The compiled-rules cache (lint/rules/cache.py): hit, rebuild on change, corrupt files, no caching of
broken rules, identical findings, and the glossary-derived rules built in linear time."""
from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from aftersales_std.errors import ContentError
from aftersales_std.lint.rules import cache as lint_cache
from aftersales_std.lint.matchers import engine
from aftersales_std.lint.rules import loader
from aftersales_std.lint.rules.cache import LazyPattern
from aftersales_std.project import open_project
from repo_paths import REPO

TEXTS = ["我们会尽快处理您的问题。", "这台机器的保固期还没过，请提供购买证明。", "您好，{{ name }}，我们会在 {{ deadline }} 前回复。",
         "客户说：“你们就是在拖”。我们今天 18:00 前给您回电。", "這個問題我們研究一下，稍後回覆您。"]


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled project (rules and glossary), its cache in tmp_path/cache."""
    root = tmp_path / "proj"
    root.mkdir()
    shutil.copy(REPO / "aftersales.yaml", root / "aftersales.yaml")
    for folder in ("checks", "glossary"):
        shutil.copytree(REPO / folder, root / folder)
    monkeypatch.delenv("AFTERSALES_CACHE_DIR", raising=False)
    monkeypatch.delenv("AFTERSALES_NO_CACHE", raising=False)
    return root


def _files(root: Path) -> list[Path]:
    return sorted((root / ".aftersales-cache" / "lint").glob("*.pickle"))


def _scan(ruleset, texts=TEXTS):  # type: ignore[no-untyped-def]
    return [[(h.rule.code, h.start, h.end, h.match) for h in ruleset.scan(t)] for t in texts]


def test_second_load_reads_the_cache_and_checks_no_example(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = open_project(project)
    first = loader.load_ruleset(p, cache=True)
    assert len(_files(project)) == 1
    assert (project / ".aftersales-cache" / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"

    def fail(*_args: object) -> None:
        raise AssertionError("the rules were rebuilt")
    monkeypatch.setattr(loader, "_build", fail)
    monkeypatch.setattr(loader, "check_all_examples", fail)
    second = loader.load_ruleset(p, cache=True)
    assert second is not first
    assert [r.code for r in second.rules] == [r.code for r in first.rules]
    assert _scan(second) == _scan(first)
    assert any(_scan(second))


def test_cached_rules_find_what_fresh_ones_find(project: Path) -> None:
    p = open_project(project)
    fresh = loader.load_ruleset(p, cache=False)
    loader.load_ruleset(p, cache=True)
    cached = loader.load_ruleset(p, cache=True)
    texts = TEXTS + [ex for r in fresh.rules for kind in ("bad", "good") for ex in r.examples.get(kind, ())]
    assert _scan(cached, texts) == _scan(fresh, texts)  # one by one: the restored pyahocorasick automaton
    many = [[(h.rule.code, h.start, h.end, h.match) for h in hits] for hits in cached.scan_many(texts * 2)]
    assert len(texts) * 2 >= engine.FAST_AFTER
    assert many == _scan(fresh, texts * 2)  # a batch: the Rust automata, built on the way
    if engine.ahocorasick_rs is not None:
        assert cached.bytes_automaton is not None


def test_a_changed_input_rebuilds(project: Path) -> None:
    p = open_project(project)
    loader.load_ruleset(p, cache=True)
    rule = project / "checks" / "timeframe" / "TF01.yaml"
    rule.write_text(rule.read_text("utf-8").replace("耐心等候", "耐心等候吧", 1), encoding="utf-8")
    loader.load_ruleset(p, cache=True)
    assert len(_files(project)) == 2
    concept = next((project / "glossary" / "concepts").glob("*.yaml"))
    concept.write_text(concept.read_text("utf-8") + "\n# changed\n", encoding="utf-8")
    loader.load_ruleset(p, cache=True)
    assert len(_files(project)) == 3


def test_a_corrupt_cache_is_rebuilt_silently(project: Path) -> None:
    p = open_project(project)
    expected = _scan(loader.load_ruleset(p, cache=True))
    (path,) = _files(project)
    for damage in (path.read_bytes()[:1000], b"", b"not a cache at all"):
        path.write_bytes(damage)
        assert _scan(loader.load_ruleset(p, cache=True)) == expected
        assert path.read_bytes()[:len(lint_cache.MAGIC)] == lint_cache.MAGIC  # written again, whole


def test_broken_rules_are_never_cached(project: Path) -> None:
    rule = project / "checks" / "timeframe" / "TF01.yaml"
    rule.write_text(rule.read_text("utf-8").replace("稍后给您回复。", "一句不会触发规则的话。", 1), encoding="utf-8")
    p = open_project(project)
    for _ in range(2):
        with pytest.raises(ContentError) as exc:
            loader.load_ruleset(p, cache=True)
        assert any("does not fire the rule" in f.message for f in exc.value.findings)
    assert _files(project) == []


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_project_uses_the_user_cache(project: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:  # pragma: no cover
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    project.chmod(0o555)
    try:
        loader.load_ruleset(open_project(project), cache=True)
    finally:
        project.chmod(0o755)
    assert list((tmp_path / "xdg" / "aftersales-std" / "lint").glob("*.pickle"))


def test_cache_dir_override_and_off_switch(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFTERSALES_CACHE_DIR", str(tmp_path / "elsewhere"))
    loader.load_ruleset(open_project(project), cache=True)
    assert list((tmp_path / "elsewhere" / "lint").glob("*.pickle")) and not _files(project)
    monkeypatch.setenv("AFTERSALES_NO_CACHE", "1")
    monkeypatch.setenv("AFTERSALES_CACHE_DIR", str(tmp_path / "third"))
    loader.load_ruleset(open_project(project), cache=True)
    assert not (tmp_path / "third").exists()


def test_an_unwritable_cache_folder_still_lints(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("AFTERSALES_CACHE_DIR", str(blocker))
    ruleset = loader.load_ruleset(open_project(project), cache=True)
    assert any(_scan(ruleset))


def test_write_is_atomic_and_pruned(tmp_path: Path) -> None:
    for i in range(lint_cache.KEEP + 3):
        assert lint_cache.write(tmp_path, f"{i:032x}", {"n": i}) is not None
    left = sorted(tmp_path.glob("*.pickle"))
    assert len(left) == lint_cache.KEEP
    assert not list(tmp_path.glob(".tmp-*"))
    assert lint_cache.read(tmp_path, f"{lint_cache.KEEP + 2:032x}") == {"n": lint_cache.KEEP + 2}
    assert lint_cache.read(tmp_path, "0" * 31 + "f") is None or True  # pruned or not: never raises


def test_lazy_pattern_behaves_like_the_compiled_one() -> None:
    source, flags = r"(?=[尽稍])(?:尽快|稍后)(?P<x>处理)?", re.IGNORECASE
    compiled = re.compile(source, flags)
    restored = lint_cache.loads(lint_cache.dumps(compiled))
    assert isinstance(restored, LazyPattern)
    text = "我们尽快处理，稍后回复，尽快。"
    assert [m.span() for m in restored.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert restored.search(text, 3).span() == compiled.search(text, 3).span()
    assert restored.match(text, 2).group("x") == "处理"
    assert restored.pattern == source
    assert lint_cache.loads(lint_cache.dumps(restored)).search(text).span() == (2, 6)


def test_glossary_rules_are_built_in_linear_time(tmp_path: Path) -> None:
    """Issue 18: many deprecated terms. Building from 4x the concepts must not take 16x the work:
    counted in calls of fold() (the quadratic version folded every phrase once per designation)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from big_glossary import write_project

    from aftersales_std.lint import rules as rules_module
    calls = {"n": 0}
    real = rules_module.fold

    def counting(text: str) -> str:
        calls["n"] += 1
        return real(text)

    counts = []
    for n in (300, 1200):
        root = write_project(tmp_path / f"g{n}", concepts=n, deprecated=n * 3 // 10)
        project = open_project(root)
        glossary = loader.project_glossary(project)
        assert glossary is not None and len(glossary.concepts) == n
        calls["n"] = 0
        rules_module.fold = counting
        try:
            swaps, protect, _hant = rules_module.glossary_swaps(glossary, "deprecated")
        finally:
            rules_module.fold = real
        assert len(swaps) >= n * 3 // 10 and protect is not None
        counts.append(calls["n"])
        ruleset = loader.load_ruleset(project, cache=False)  # its examples hold
        assert ruleset.scan(ruleset.rules[0].examples["bad"][0])
    assert counts[1] < counts[0] * 6, counts
