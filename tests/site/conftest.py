from __future__ import annotations

from pathlib import Path

import pytest

from site_helpers import make_project, mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project built once with `mkdocs build --strict`, shared by the build and browser tests."""
    root = tmp_path_factory.mktemp("site")
    project = make_project(root / "project")
    out = root / "out"
    result = mkdocs_build(project, out, "--strict")
    assert result.returncode == 0, result.stderr
    return out
