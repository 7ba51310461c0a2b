"""Paths shared by tests in every folder (import this, never `conftest`, whose name is not unique)."""
from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
REPO = TESTS.parent


def lint_label_strings() -> list[str]:
    """Every string of the linter's labelled YAML (tests/fixtures/lint and eval/lint/dev): replies, spans
    and the writers' notes, in file order; the corpus the equivalence tests of the speed-ups check on."""
    import yaml

    def strings(node: object) -> list[str]:
        if isinstance(node, str):
            return [node]
        if isinstance(node, dict):
            return [s for v in node.values() for s in strings(v)]
        if isinstance(node, list):
            return [s for v in node for s in strings(v)]
        return []

    out: list[str] = []
    for folder in (FIXTURES / "lint", REPO / "eval" / "lint" / "dev"):
        for path in sorted(folder.glob("*.yaml")):
            out += strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out
