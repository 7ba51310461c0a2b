"""Rule files: a rule's group is checked against its dotted name; named placeholders ({time}) instead
of private-use marker characters."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aftersales_std.errors import ContentError
from aftersales_std.lint import lint_text, load_rules
from repo_paths import REPO


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "checks"
    shutil.copytree(REPO / "checks", folder)
    return folder


def test_a_name_outside_its_group_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    rule = folder / "vague" / "VG02.yaml"
    text = rule.read_text("utf-8")
    name = next(line for line in text.splitlines() if line.startswith("name:"))
    rule.write_text(text.replace(name, "name: blame.moved-here", 1), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load_rules(REPO, rules_dir=folder, cache=False)
    (finding,) = exc.value.findings
    assert finding.code == "LT001" and finding.path.endswith("VG02.yaml") and finding.line == 2
    assert "'vague.moved-here'" in finding.message


def test_rules_at_the_top_of_a_rules_folder_take_any_name(tmp_path: Path) -> None:
    folder = tmp_path / "flat"
    folder.mkdir()
    shutil.copy(REPO / "checks" / "timeframe" / "TF01.yaml", folder / "TF01.yaml")
    assert len(load_rules(REPO, rules_dir=folder, cache=False)) == 1


@pytest.mark.parametrize("marker", ["'\\ue001'", '"\\ue001"'])
def test_private_marker_characters_are_refused(tmp_path: Path, marker: str) -> None:
    folder = _copy(tmp_path)
    rule = folder / "timeframe" / "TF01.yaml"
    rule.write_text(rule.read_text("utf-8").replace("'{time}'", marker, 1), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load_rules(REPO, rules_dir=folder, cache=False)
    found = [f for f in exc.value.findings if f.path.endswith("TF01.yaml")]
    assert found and all("{time}" in f.message for f in exc.value.findings)
    assert found[0].line > 100 and found[0].code == "LT001"


def test_the_time_placeholder_counts_as_a_concrete_time() -> None:
    rules = load_rules(REPO, cache=False)
    assert not [f for f in lint_text("我们会尽快处理，{{ deadline }} 前给您结果。", rules) if f.code == "TF01"]
    assert [f for f in lint_text("我们会尽快处理，{{ name }} 会联系您。", rules) if f.code == "TF01"]
    assert "{time}" in (REPO / "checks" / "timeframe" / "TF01.yaml").read_text("utf-8")


def test_every_compiled_rule_carries_its_typed_spec() -> None:
    import yaml
    rules = load_rules(REPO, cache=False)
    for rule in rules.rules:
        spec = rule.spec
        assert spec is not None and spec.code == rule.code
        data = yaml.safe_load(Path(spec.source.path).read_text("utf-8"))  # shown relative to the working directory
        assert spec.phrases == tuple(data.get("tokens", [])) + tuple(data.get("swap", {}))
        assert spec.patterns == tuple(data.get("patterns", []))
        assert dict(spec.examples) == {k: tuple(v) for k, v in (data.get("examples") or {}).items()}
        assert spec.glossary == tuple(data.get("glossary", ()))
        cond = data.get("condition")
        assert (spec.condition is None) == (not cond)
        if cond:
            assert spec.condition.inherit == tuple(cond.get("inherit", ()))  # type: ignore[union-attr]
            assert spec.condition.scope == cond.get("scope", "window")  # type: ignore[union-attr]
            assert (rule.before, rule.after, rule.scope) == (spec.condition.before, spec.condition.after,  # type: ignore[union-attr]
                                                             spec.condition.scope)  # type: ignore[union-attr]
