from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from aftersales_std.assemble import load_model
from aftersales_std.outputs import Progress, run_builds
from aftersales_std.project import open_project

# Same names and values as tests/conftest.py: test modules elsewhere import them with `from conftest import`,
# and which conftest module that finds depends on collection order.
REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
FIXTURE = FIXTURES / "render"
KINDS = ["scripts", "training", "manuals"]


def build_project(root: Path, out: Path, lang: str = "zh-Hans", seed: int = 1) -> dict[str, list[Path]]:
    project = open_project(root)
    return run_builds(project, load_model(project), out, KINDS, lang, Progress(enabled=False), seed=seed)


@pytest.fixture
def build() -> object:
    """build(root, out, lang="zh-Hans", seed=1) -> files written per kind."""
    return build_project


@pytest.fixture
def render_project(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/render/project (a small valid project with one scenario)."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE / "project", root)
    return root


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project built once (zh-Hans, seed 1); tests only read it."""
    out = tmp_path_factory.mktemp("render-build")
    build_project(FIXTURE / "project", out)
    return out


@pytest.fixture(scope="session")
def built_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("render-build-en")
    build_project(FIXTURE / "project", out, lang="en")
    return out


# Builds in these tests write no PDF (LibreOffice takes seconds per file); test_render_pdf.py makes them.
os.environ.setdefault("AFTERSALES_NO_PDF", "1")
