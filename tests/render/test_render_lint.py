"""Every generated document passes the phrasing linter; the quoted bad phrasing is marked, not hidden."""
from __future__ import annotations

from pathlib import Path

import pytest

from aftersales_std.lint import lint_text, load_rules


@pytest.fixture(scope="module")
def rules():  # type: ignore[no-untyped-def]
    FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "render"
    return load_rules(FIXTURE / "project")


def test_every_generated_markdown_document_passes_the_linter(built: Path, built_en: Path, rules) -> None:  # type: ignore[no-untyped-def]
    documents = sorted(built.rglob("*.md")) + sorted(built_en.rglob("*.md"))
    assert len(documents) == 12
    for path in documents:
        findings = lint_text(path.read_text(encoding="utf-8"), rules, path=str(path))
        assert findings == [], f"{path}: {[f.code + ' ' + f.match for f in findings]}"


def test_template_wording_passes_the_repository_rules_too(built: Path, built_en: Path) -> None:
    """The bundled rules are many more than the fixture's one: the templates' own words must pass them."""
    from aftersales_std.errors import ContentError

    repo = Path(__file__).resolve().parents[2]
    try:
        rules = load_rules(repo)
    except ContentError as exc:
        pytest.skip(f"the repository's rules do not load right now: {exc}")
    for path in sorted(built.rglob("*.md")) + sorted(built_en.rglob("*.md")):
        findings = lint_text(path.read_text(encoding="utf-8"), rules, path=str(path))
        assert findings == [], f"{path}: {[f.code + ' ' + f.match for f in findings]}"


def test_the_what_not_to_say_section_would_fail_without_its_suppressions(built: Path, rules) -> None:  # type: ignore[no-untyped-def]
    text = (built / "scripts/repair.md").read_text(encoding="utf-8")
    found = {f.match for f in lint_text(text, rules, suppressions=False)}
    assert "研究一下" in found  # the rule's bad example is shown to agents
    for finding in lint_text(text, rules, suppressions=False):
        line = text.splitlines()[finding.line - 1]
        assert line.endswith("<!-- aftersales: disable=all -->"), line  # suppressed line by line, no blanket


def test_the_rules_bad_examples_are_in_every_script(built: Path) -> None:
    text = (built / "scripts/repair.md").read_text(encoding="utf-8")
    assert "这个问题我们研究一下。" in text.split("## 7 禁用说法")[1]
