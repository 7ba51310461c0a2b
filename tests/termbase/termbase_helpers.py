"""Fixtures and helpers of the termbase tests.

Not a conftest.py: the top-level tests import `conftest` by name, and a second conftest.py would
shadow it. Test modules import the fixtures they use from here.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "termbase"


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    return result.stdout.strip()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of tests/fixtures/termbase/project (glossary 1.0.0, three concepts); cwd set to it."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE / "project", root)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def repo(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture project as a scratch git repository with one commit (never /work/main)."""
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(key, raising=False)
    git(project, "init", "-q", "-b", "main")
    git(project, "config", "user.email", "tests@example.invalid")
    git(project, "config", "user.name", "Tests")
    git(project, "config", "commit.gpgsign", "false")
    git(project, "config", "tag.gpgsign", "false")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "glossary 1.0.0")
    return project


def concept(root: Path, cid: str) -> Path:
    return root / "glossary" / "concepts" / f"{cid}.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


NEW_CONCEPT = """id: repair-quote
status: valid
domain: 维修
terms:
  zh-Hans:
    - designation: 维修报价
      status: preferred
  en:
    - designation: repair quote
      status: preferred
definition:
  zh-Hans: 维修前向客户说明的维修费用明细。
  en: The itemised cost of a repair, given to the customer before the work starts.
"""
