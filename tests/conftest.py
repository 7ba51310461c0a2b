from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def base_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small valid project in tests/fixtures/validate/base; the cwd is set to it."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "validate" / "base", root)
    monkeypatch.chdir(root)
    return root
