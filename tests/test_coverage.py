from __future__ import annotations

import json
from pathlib import Path

import pytest

from aftersales_std.cli import main


def test_coverage_all_present(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--coverage"]) == 0
    out = capsys.readouterr().out
    assert "Required terms: 3/3 in the glossary" in out
    assert "ok  保修期 -> warranty-period" in out
    assert "repair:4.1" in out and "replies: repair-ack" in out and "rules: CL01" in out
    assert "needs none" in out  # 4.2 is internal


def test_coverage_missing_term_fails(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = base_project / "aftersales.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("service ticket]", "service ticket, 三包]"),
                   encoding="utf-8")
    assert main(["validate", "--coverage"]) == 1
    out, err = capsys.readouterr()
    assert "MISSING 三包" in out and "三包" in err


def test_deprecated_designation_does_not_cover(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = base_project / "aftersales.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("[保修期,", "[保质期,"), encoding="utf-8")
    assert main(["validate", "--coverage"]) == 1


def test_coverage_json(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--coverage", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["missing_terms"] == []
    by_clause = {c["clause"]: c for c in data["clauses"]}
    assert by_clause["4.1"]["status"] == "served" and by_clause["4.2"]["status"] == "needs none"


def test_repository_covers_every_required_term(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from repo_paths import REPO

    monkeypatch.chdir(REPO)
    code = main(["validate", "--coverage"])
    out, err = capsys.readouterr()
    assert code == 0, out[-3000:] + err[-3000:]
