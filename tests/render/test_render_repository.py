"""Smoke test on the repository's own content (which grows): everything builds and reads sanely."""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import docx
import pytest

from aftersales_std.assemble import load_model
from aftersales_std.errors import ContentError
from aftersales_std.lint import lint_text, load_rules
from aftersales_std.outputs import Progress, run_builds
from aftersales_std.project import open_project

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def repo_build(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    project = open_project(REPO)
    try:
        model = load_model(project)
    except ContentError as exc:  # content is being edited; the validate tests report it
        pytest.skip(f"repository content does not validate right now: {exc}")
    out = tmp_path_factory.mktemp("repo-build")
    written = run_builds(project, model, out, ["scripts", "training", "manuals"], "zh-Hans", Progress(enabled=False))
    return project, model, out, written


def test_repository_builds_every_kind(repo_build) -> None:  # type: ignore[no-untyped-def]
    _, model, out, written = repo_build
    scenarios = {s.scenario for s in model.standards if s.scenario and s.script and s.script.direction != "internal"}
    assert {p.stem for p in written["scripts"] if p.suffix == ".md"} == scenarios | {"index"}
    assert {p.name for p in written["scripts"] if p.suffix == ".docx"} == {
        f"AS-SCR-{s.upper()}_r1_zh-Hans.docx" for s in scenarios}  # versioned, language-tagged
    assert len(scenarios) == 10  # the two internal processes (training, improvement) get no call script
    for name in ("follow-up", "satisfaction"):  # outbound calls open and close as outbound calls
        text = (out / "scripts" / f"{name}.md").read_text(encoding="utf-8")
        assert "请问有什么可以帮您" not in text and "感谢您的来电" not in text, name
        assert "您现在方便吗" in text and "感谢您抽出时间接听" in text, name
    for path in (out / "scripts").glob("*.md"):  # no template syntax and no Cantonese in simplified scripts
        text = path.read_text(encoding="utf-8")
        assert "{{" not in text and "{evidence}" not in text and "{replacement}" not in text, path
        assert not re.search("[哋唔冇嘅咗]", text), path
    assert {p.name for p in written["training"]} >= {
        "handbook.md", "AS-TRN-001_r1_zh-Hans.docx", "quiz.md", "AS-TRN-QUIZ-1_r1_zh-Hans.docx", "quiz-answers.md",
        "AS-TRN-QUIZ-1-KEY_r1_zh-Hans.docx", "flashcards.csv"}
    manual = docx.Document(str(out / "manuals/AS-MAN-001_r2_zh-Hans.docx"))  # revision 2 in aftersales.yaml
    headings = [p.text for p in manual.paragraphs if p.style.name == "Heading 1"]
    for standard in model.standards:
        assert any(standard.title.get("zh-Hans") in h for h in headings), standard.id
    text = "\n".join(p.text for p in manual.paragraphs)
    assert "{{" not in text


def content_strings(value: object) -> Iterator[str]:
    """Every string in the model (terms, definitions, notes, clauses, replies ...)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from content_strings(getattr(value, f.name))
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from content_strings(item)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from content_strings(item)


def test_repository_documents_add_no_lint_finding_of_their_own(repo_build) -> None:  # type: ignore[no-untyped-def]
    """The generated documents may quote content that the linter flags (a content matter, reported by
    `aftersales lint` on the content); the templates' own wording must add nothing."""
    project, model, out, _ = repo_build
    rules = load_rules(project)
    from_content = {(f.code, f.match) for text in set(content_strings(model.glossary))
                    | set(content_strings(model.standards)) | set(content_strings(model.replies))
                    for f in lint_text(text, rules)}
    problems = []
    for path in sorted(out.rglob("*.md")):
        problems += [f"{path.relative_to(out)}:{f.line}: {f.code} {f.match}"
                     for f in lint_text(path.read_text(encoding="utf-8"), rules, path=str(path))
                     if (f.code, f.match) not in from_content]
    assert problems == []


def test_every_generated_markdown_file_passes_the_linter(repo_build) -> None:  # type: ignore[no-untyped-def]
    """README's claim: the generated Markdown lints clean with the project's own rules (lines quoting on
    purpose carry the suppression comment)."""
    project, _, out, _ = repo_build
    rules = load_rules(project)
    documents = sorted(out.rglob("*.md"))
    assert len(documents) >= 15
    for path in documents:
        findings = lint_text(path.read_text(encoding="utf-8"), rules, path=str(path))
        assert findings == [], f"{path.name}: {[(f.line, f.code, f.match) for f in findings]}"
