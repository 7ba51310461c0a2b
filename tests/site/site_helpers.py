"""Helpers for the site tests (a uniquely named module: `conftest` is not importable reliably)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "site" / "project"


def make_project(dest: Path) -> Path:
    """The small site fixture project with the repository's own mkdocs.yml and hand-written pages."""
    shutil.copytree(FIXTURE, dest)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "site", dest / "site")
    return dest


def mkdocs_build(project: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
                           "-d", str(out), *extra], cwd=project, env=env, capture_output=True, text=True,
                          timeout=300)


