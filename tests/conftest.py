from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from repo_paths import FIXTURES, REPO  # noqa: F401  (re-exported for older imports)


@pytest.fixture
def base_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small valid project in tests/fixtures/validate/base; the cwd is set to it."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "validate" / "base", root)
    monkeypatch.chdir(root)
    return root
