"""The lint package's layout: one package per part, the tools outside it, and the module paths from
before the layout still importing (the same module objects) for code written against them."""
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


@pytest.mark.parametrize("old, new", [
    ("aftersales_std.lint.engine", "aftersales_std.lint.matchers.engine"),
    ("aftersales_std.lint.fold", "aftersales_std.lint.text.fold"),
    ("aftersales_std.lint.inputs", "aftersales_std.lint.sources.inputs"),
    ("aftersales_std.lint.cache", "aftersales_std.lint.rules.cache"),
    ("aftersales_std.lint.run", "aftersales_std.lint.report.run"),
    ("aftersales_std.lint.tools.train", "aftersales_std.lint_tools.train"),
    ("aftersales_std.lint.train", "aftersales_std.lint_tools.train"),
])
def test_old_module_paths_give_the_same_module(old: str, new: str) -> None:
    module = importlib.import_module(old)
    assert module is importlib.import_module(new)
    assert module.__spec__.name == new and module.__name__ == new  # its own identity, not the alias's


def test_from_imports_of_old_names() -> None:
    from aftersales_std.lint.fold import fold  # noqa: F401
    from aftersales_std.lint import engine, filters  # noqa: F401
    from aftersales_std.lint.matchers import engine as real
    assert engine is real
    with pytest.raises(ImportError):
        importlib.import_module("aftersales_std.lint.no_such_part")
    with pytest.raises(ImportError):
        importlib.import_module("aftersales_std.lint.toolsx")


def test_a_warm_lint_imports_no_alias_and_no_tool() -> None:
    code = ("import sys, aftersales_std.lint as L; L.lint_text('我们会尽快处理。');"
            "print(sorted(m for m in sys.modules if m.startswith(('aftersales_std.lint.engine', "
            "'aftersales_std.lint.fold', 'aftersales_std.lint_tools', 'aftersales_std.lint.tools'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
