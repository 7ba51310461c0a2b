"""A real LSP client (pytest-lsp, on pygls) driving `aftersales lsp` in a subprocess."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from repo_paths import FIXTURES

SUBSTITUTION_RULE = """\
code: TS01
name: terms.shelf-life
severity: warning
kind: substitution
description:
  zh-Hans: 维修语境下说“保质期”是误用，应说“保修期”。
  en: In a repair context "shelf life" is the wrong word; say "warranty period".
message:
  zh-Hans: “{match}”不是规范说法，请改用“{replacement}”。
  en: "\\"{match}\\" is not the preferred term; write \\"{replacement}\\"."
swap:
  保质期: 保修期
refs: ["repair:4.2"]
examples:
  bad: [您的手机还在保质期内。]
  good: [您的手机还在保修期内。]
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project: the base fixture plus a substitution rule (保质期 -> 保修期)."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "validate" / "base", root)
    (root / "checks" / "terms").mkdir()
    (root / "checks" / "terms" / "TS01.yaml").write_text(SUBSTITUTION_RULE, encoding="utf-8")
    (root / "replies").mkdir()
    return root
