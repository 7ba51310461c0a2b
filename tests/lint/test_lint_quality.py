"""Quality floors on the labelled evaluation set, and the bundled reply templates lint clean."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aftersales_std.cli import main
from aftersales_std.lint.engine import RuleSet
from aftersales_std.lint.evaluate import evaluate

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "lint"
CATEGORIES = {"vague", "timeframe", "blame", "dismissive", "uncertain", "address", "overpromise", "jargon", "terms"}


def load(name: str) -> list[dict]:
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))["replies"]


def test_eval_set_shape() -> None:
    replies = load("eval.yaml")
    assert len(replies) >= 300
    hant = [r for r in replies if r["lang"] == "zh-Hant"]
    assert len(hant) >= len(replies) / 3 - 5
    acceptable = [r for r in replies if not r["expect"]]
    assert 0.4 <= len(acceptable) / len(replies) <= 0.6
    labelled = {c for r in replies for c in r["expect"]}
    assert labelled == CATEGORIES
    assert len({r["text"] for r in replies}) == len(replies)


@pytest.mark.parametrize("name, recall_floor, fp_ceiling", [("eval.yaml", 0.9, 0.05), ("holdout.yaml", 0.8, 0.1)])
def test_quality_floors(repo_rules: RuleSet, name: str, recall_floor: float, fp_ceiling: float) -> None:
    report = evaluate(load(name), repo_rules)
    assert report.overall.recall >= recall_floor
    assert report.fp_rate <= fp_ceiling
    for cat, stats in report.categories.items():
        assert stats.recall >= recall_floor - 0.15, (cat, stats)


def test_bundled_reply_templates_lint_clean(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code = main(["lint", "templates/replies"])
    out, _ = capsys.readouterr()
    assert code == 0, out
