from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aftersales_std.lint import load_rules
from aftersales_std.lint.matchers.engine import RuleSet

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "lint"


@pytest.fixture(scope="session")
def repo_rules() -> RuleSet:
    """The repository's own rules and glossary (the default rule set)."""
    return load_rules(REPO)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small project (tests/fixtures/lint/project) with the repository's checks/; cwd set to it."""
    root = tmp_path / "proj"
    shutil.copytree(FIXTURES / "project", root)
    shutil.copytree(REPO / "checks", root / "checks")
    monkeypatch.chdir(root)
    return root
