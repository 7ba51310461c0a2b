"""The lint package's layout: one package per part, the tools outside it."""
from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import aftersales_std.lint as lint

PARTS = {"sources", "text", "rules", "matchers", "filters", "detectors", "report"}


def test_every_module_lives_in_a_part() -> None:
    root = Path(lint.__file__).parent
    loose = sorted(p.name for p in root.glob("*.py") if p.name not in ("__init__.py", "batch.py"))
    assert loose == []
    assert {p.name for p in root.iterdir() if p.is_dir() and p.name != "__pycache__"} == PARTS
    assert not (root / "tools").exists() and (root.parent / "lint_tools" / "train.py").is_file()


def test_old_module_paths_are_gone() -> None:
    """The paths from before the layout answered through an alias while other branches moved over;
    every branch is merged, so an old path is an import error, not a second name for a module."""
    for old in ("aftersales_std.lint.engine", "aftersales_std.lint.fold", "aftersales_std.lint.tools"):
        with pytest.raises(ImportError):
            importlib.import_module(old)


def test_a_warm_lint_imports_no_alias_and_no_tool() -> None:
    code = ("import sys, aftersales_std.lint as L; L.lint_text('我们会尽快处理。');"
            "print(sorted(m for m in sys.modules if m.startswith(('aftersales_std.lint.engine', "
            "'aftersales_std.lint.fold', 'aftersales_std.lint_tools', 'aftersales_std.lint.tools'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
