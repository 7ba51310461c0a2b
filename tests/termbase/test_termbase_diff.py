from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from aftersales_std.cli import main
from aftersales_std.model import Related
from aftersales_std.project import open_project
from aftersales_std.termbase.diff import compare
from aftersales_std.termbase.snapshot import load_glossary

from termbase_helpers import NEW_CONCEPT, concept, edit, git, project, repo  # noqa: F401 (fixtures)


def _diff_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["glossary", "diff", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def _kinds(payload: dict) -> set[tuple[str, str]]:
    return {(c["kind"], c["concept"]) for c in payload["changes"]}


def test_no_changes_between_identical_folders(project: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(project, tmp_path / "copy")
    payload = _diff_json(capsys, str(tmp_path / "copy"))
    assert payload["changes"] == [] and payload["bump"] == "none"


def test_every_kind_of_change_between_folders(project: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old"
    shutil.copytree(project, old)
    concept(project, "repair-quote").write_text(NEW_CONCEPT, "utf-8")
    edit(concept(project, "warranty-period"), "    - designation: guarantee period\n      status: admitted",
         "    - designation: guarantee period\n      status: deprecated")
    edit(concept(project, "service-ticket"), "everything done about it.", "all the work done for it.")
    edit(concept(project, "service-ticket"), "    - designation: 工单\n      status: admitted\n",
         "    - designation: 工单\n      status: admitted\n    - designation: 服务单\n      status: admitted\n")
    edit(concept(project, "first-response"), "status: valid", "status: retired")
    payload = _diff_json(capsys, str(old))
    assert _kinds(payload) == {
        ("added", "repair-quote"), ("retired", "first-response"), ("designation-status", "warranty-period"),
        ("definition", "service-ticket"), ("designation-added", "service-ticket")}
    assert payload["bump"] == "major"
    levels = {c["kind"]: c["level"] for c in payload["changes"]}
    assert levels == {"added": "minor", "retired": "major", "designation-status": "major",
                      "definition": "patch", "designation-added": "minor"}
    status = next(c for c in payload["changes"] if c["kind"] == "designation-status")
    assert status == {"kind": "designation-status", "concept": "warranty-period", "level": "major", "lang": "en",
                      "term": "guarantee period", "old": "admitted", "new": "deprecated"}
    definition = next(c for c in payload["changes"] if c["kind"] == "definition")
    assert definition["lang"] == "en" and definition["new"].endswith("all the work done for it.")


def test_derived_zh_hant_is_not_reported_twice(project: Path) -> None:
    before = load_glossary(open_project(project))
    edit(concept(project, "service-ticket"), "记录一项服务请求", "记录一次服务请求")
    diff = compare(before, load_glossary(open_project(project)))
    assert [(c.kind, c.lang) for c in diff.changes] == [("definition", "zh-Hans")]
    assert diff.bump == "patch"


def test_rename_detected_through_supersedes_and_through_identical_definition(project: Path) -> None:
    before = load_glossary(open_project(project))
    old_path = concept(project, "first-response")
    text = old_path.read_text("utf-8").replace("id: first-response", "id: initial-response")
    old_path.unlink()
    concept(project, "initial-response").write_text(text, "utf-8")
    diff = compare(before, load_glossary(open_project(project)))
    assert [(c.kind, c.concept, c.old) for c in diff.changes] == [("renamed", "initial-response", "first-response")]
    assert diff.bump == "major"


def test_rename_detected_through_replaced_by_or_supersedes(project: Path) -> None:
    before = load_glossary(open_project(project))
    ticket = before.get("service-ticket")
    assert ticket is not None
    new_ticket = replace(ticket, id="ticket", definition=before.get("first-response").definition)  # type: ignore[union-attr]
    after = replace(before, concepts=tuple(c for c in before.concepts if c.id != "service-ticket") + (new_ticket,))
    assert compare(before, after).of("renamed") == []  # nothing links them: removed + added
    assert {c.kind for c in compare(before, after).changes} == {"removed", "added"}
    old_superseded = replace(before, concepts=tuple(
        replace(c, status="superseded", replaced_by="ticket") if c.id == "service-ticket" else c
        for c in before.concepts))
    renamed = compare(old_superseded, after).of("renamed")
    assert [(c.old, c.concept) for c in renamed] == [("service-ticket", "ticket")]
    with_supersedes = replace(after, concepts=tuple(
        replace(c, related=(Related("supersedes", "service-ticket"),)) if c.id == "ticket" else c
        for c in after.concepts))
    assert [(c.old, c.concept) for c in compare(before, with_supersedes).of("renamed")] == [("service-ticket", "ticket")]


def test_superseded_names_its_replacement(project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(project, old)
    edit(concept(project, "service-ticket"), "status: valid", "status: superseded\nreplaced_by: first-response")
    payload = _diff_json(capsys, str(old))
    assert payload["changes"] == [{"kind": "superseded", "concept": "service-ticket", "level": "major",
                                   "old": "valid", "new": "first-response"}]
    assert main(["glossary", "diff", str(old), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "### Superseded" in out
    assert "- `service-ticket` 服务工单 (service ticket): replaced by `first-response` 首次响应 (first response)" in out


def test_diff_git_revisions_without_touching_the_working_tree(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "tag", "glossary-v1.0.0")
    concept(repo, "repair-quote").write_text(NEW_CONCEPT, "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "add repair-quote")
    edit(concept(repo, "service-ticket"), "everything done about it.", "all the work done for it.")
    status_before = git(repo, "status", "--porcelain")
    head_before = git(repo, "rev-parse", "HEAD")
    assert main(["glossary", "diff", "glossary-v1.0.0", "HEAD", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("glossary 1.0.0 (glossary-v1.0.0) -> 1.0.0 (HEAD): 1 added; needs a minor release")
    assert "repair-quote" in out and "service-ticket" not in out
    payload = _diff_json(capsys, "glossary-v1.0.0")  # against the working tree
    assert _kinds(payload) == {("added", "repair-quote"), ("definition", "service-ticket")}
    assert git(repo, "status", "--porcelain") == status_before and git(repo, "rev-parse", "HEAD") == head_before


def test_unknown_revision_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "diff", "no-such-tag"]) == 2
    assert "'no-such-tag' is neither a folder nor a git revision" in capsys.readouterr().err


def test_repository_content_diffs_against_itself(capsys: pytest.CaptureFixture[str]) -> None:
    repo_root = Path(__file__).resolve().parents[2]
    assert main(["glossary", "diff", str(repo_root), str(repo_root), "--project", str(repo_root)]) == 0
    assert "no changes; no release needed" in capsys.readouterr().out


def test_levels_of_designation_status_and_manifest_changes(project: Path) -> None:
    before = load_glossary(open_project(project))
    path = concept(project, "first-response")
    edit(path, "    - designation: first response\n      status: preferred\n",
         "    - designation: initial response\n      status: preferred\n")  # preferred term removed
    edit(path, "      usage_note: 不含系统自动回执。", "      usage_note: 不含自动回执。")
    edit(path, "    - designation: FR\n      status: admitted", "    - designation: FR\n      status: deprecated")
    edit(concept(project, "service-ticket"), "status: valid", "status: draft")
    edit(project / "glossary" / "glossary.yaml", "languages: [zh-Hans, zh-Hant, en]", "languages: [zh-Hans, en]")
    diff = compare(before, load_glossary(open_project(project)))
    got = {(c.kind, c.concept, c.term or c.field, c.level) for c in diff.changes}
    assert got == {
        ("status", "service-ticket", None, "major"),  # valid -> draft: withdrawn
        ("designation-removed", "first-response", "first response", "major"),
        ("designation-added", "first-response", "initial response", "minor"),
        ("designation-status", "first-response", "FR", "major"),
        ("designation-note", "first-response", "首次响应", "patch"),
        ("manifest", "", "languages", "major"),
    }
    back = compare(load_glossary(open_project(project)), before)
    promoted = {(c.kind, c.level) for c in back.changes if c.concept == "service-ticket" or c.term == "FR"}
    assert promoted == {("status", "minor"), ("designation-status", "minor")}
