from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from termbase_helpers import NEW_CONCEPT, concept, edit, git, project, repo  # noqa: F401 (fixtures)

from aftersales_std.cli import main
from aftersales_std.loading import load_file

DATE = ["--date", "2026-11-22"]


def _commit(repo: Path, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def test_release_refuses_too_small_a_bump_then_releases(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "tag", "-a", "glossary-v1.0.0", "-m", "glossary 1.0.0")
    concept(repo, "repair-quote").write_text(NEW_CONCEPT, "utf-8")
    edit(concept(repo, "service-ticket"), "everything done about it.", "all the work done for it.")
    _commit(repo)
    before = {p: p.read_bytes() for p in (repo / "glossary").rglob("*") if p.is_file()}
    assert main(["glossary", "release", "patch", *DATE]) == 2
    err = capsys.readouterr().err
    assert "refusing a patch release (1.0.1)" in err
    assert "need at least a minor release (1.1.0)" in err and "repair-quote" in err
    assert "run `aftersales glossary release minor`" in err
    assert main(["glossary", "release", "1.0.5", *DATE]) == 2
    assert "refusing a patch release (1.0.5)" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in (repo / "glossary").rglob("*") if p.is_file()} == before  # nothing written

    assert main(["glossary", "release", *DATE]) == 0  # the smallest allowed bump: minor
    out = capsys.readouterr().out
    assert "released glossary 1.1.0" in out and "tagged glossary-v1.1.0" in out
    manifest = (repo / "glossary" / "glossary.yaml").read_text("utf-8")
    assert manifest == ("# The manifest of the test glossary.\n"
                        "name: {zh-Hans: 测试术语库, en: Test glossary}\n"
                        'version: "1.1.0"   # bumped by `aftersales glossary release`\n'
                        'released: "2026-11-22"\n'
                        "languages: [zh-Hans, zh-Hant, en]\n")
    ticket = concept(repo, "service-ticket").read_text("utf-8")
    assert ticket.endswith('    summary: 首次收录。\n  - version: "1.1.0"\n    date: "2026-11-22"\n'
                           "    change: revised\n    summary: 修订定义（en）。\n")
    new = load_file(concept(repo, "repair-quote"))
    assert new.data["history"] == [{"version": "1.1.0", "date": "2026-11-22", "change": "added",
                                    "summary": "首次收录。"}]
    assert "history" not in load_file(concept(repo, "first-response")).data  # unchanged concept
    log = (repo / "glossary" / "CHANGELOG.md").read_text("utf-8")
    assert log.startswith("# Glossary changelog\n")
    section = log[log.index("## [1.1.0]"):]
    assert section == (
        "## [1.1.0] - 2026-11-22\n\n"
        "Minor release (since 1.0.0): 1 added, 1 definition(s) reworded.\n\n"
        "### Added\n\n"
        "- `repair-quote` 维修报价 (repair quote)\n\n"
        "### Definitions\n\n"
        "- `service-ticket` 服务工单 (service ticket) (en): The record of one service request and all the work "
        "done for it.\n  (was: The record of one service request and everything done about it.)\n")
    assert git(repo, "describe", "--tags", "--exact-match", "HEAD") == "glossary-v1.1.0"
    assert git(repo, "status", "--porcelain") == ""
    assert main(["validate"]) == 0


def test_history_edit_keeps_comments_and_flow_style(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "tag", "glossary-v1.0.0")
    path = concept(repo, "warranty-period")
    edit(path, "    - designation: 保修期\n      status: preferred\n",
         "    - designation: 保修期限\n      status: preferred\n    - designation: 保修期\n      status: admitted\n")
    _commit(repo)
    before = path.read_text("utf-8")
    assert main(["glossary", "release", "minor", *DATE]) == 2  # demoting a preferred term is major
    assert "need at least a major release (2.0.0)" in capsys.readouterr().err
    assert main(["glossary", "release", "major", *DATE]) == 0
    after = path.read_text("utf-8")
    added = '  - {version: "2.0.0", date: "2026-11-22", change: revised, summary: ' \
            '“保修期”（zh-Hans）由首选改为许用；新增首选术语“保修期限”（zh-Hans）。}\n'
    anchor = '  - {version: "1.0.0", date: "2026-01-15", change: added, summary: 首次收录。}\n'
    assert after == before.replace(anchor, anchor + added)
    assert "# end of file comment" in after and "# a different thing: shelf life" in after


def test_retire_and_supersede_are_major(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "tag", "glossary-v1.0.0")
    edit(concept(repo, "first-response"), "status: valid", "status: retired")
    edit(concept(repo, "service-ticket"), "status: valid", "status: superseded\nreplaced_by: first-response")
    _commit(repo)
    assert main(["glossary", "release", "minor", *DATE]) == 2
    capsys.readouterr()
    assert main(["glossary", "release", *DATE]) == 0
    assert "released glossary 2.0.0" in capsys.readouterr().out
    log = (repo / "glossary" / "CHANGELOG.md").read_text("utf-8")
    assert "### Retired\n\n- `first-response` 首次响应 (first response): valid → retired\n" in log
    assert ("### Superseded\n\n- `service-ticket` 服务工单 (service ticket): replaced by "
            "`first-response` 首次响应 (first response)\n") in log
    history = load_file(concept(repo, "service-ticket")).data["history"][-1]
    assert history == {"version": "2.0.0", "date": "2026-11-22", "change": "superseded",
                       "summary": "由 first-response 取代。"}


def test_without_a_tag_the_commit_that_set_the_version_is_the_last_release(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(concept(repo, "service-ticket"), "everything done about it.", "all the work done for it.")
    _commit(repo)
    assert main(["glossary", "release", "--dry-run", *DATE]) == 0
    out = capsys.readouterr().out
    assert out.startswith("would release glossary 1.0.1 (from 1.0.0; the changes need a patch release)")
    assert "## [1.0.1] - 2026-11-22" in out
    assert git(repo, "status", "--porcelain") == ""  # dry run: nothing written


def test_nothing_changed_and_dirty_tree_are_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "tag", "glossary-v1.0.0")
    assert main(["glossary", "release"]) == 2
    assert "nothing in the glossary changed since 1.0.0" in capsys.readouterr().err
    concept(repo, "repair-quote").write_text(NEW_CONCEPT, "utf-8")
    assert main(["glossary", "release", *DATE]) == 2
    assert "uncommitted changes" in capsys.readouterr().err
    assert main(["glossary", "release", "--no-commit", *DATE]) == 0
    out = capsys.readouterr().out
    assert 'git tag -a glossary-v1.1.0 -m "glossary 1.1.0"' in out
    assert git(repo, "tag", "--list", "glossary-v1.1.0") == ""


def test_outside_git_with_since_folder_prints_the_tag_command(project: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    last = tmp_path / "last-release"
    shutil.copytree(project, last)
    assert main(["glossary", "release", *DATE]) == 2
    assert "pass --since FOLDER" in capsys.readouterr().err
    concept(project, "repair-quote").write_text(NEW_CONCEPT, "utf-8")
    assert main(["glossary", "release", "--since", str(last), *DATE]) == 0
    out = capsys.readouterr().out
    assert "not a git checkout" in out and 'git tag -a glossary-v1.1.0 -m "glossary 1.1.0"' in out
    assert load_file(project / "glossary" / "glossary.yaml").data["version"] == "1.1.0"


def test_first_release_keeps_the_manifest_version(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "release", "--first", *DATE]) == 0
    assert "released glossary 1.0.0" in capsys.readouterr().out
    log = (project / "glossary" / "CHANGELOG.md").read_text("utf-8")
    assert "## [1.0.0] - 2026-11-22\n\nFirst release: 3 concepts.\n" in log
    # concepts with a 1.0.0 entry keep it; the one without gets one
    assert len(load_file(concept(project, "service-ticket")).data["history"]) == 1
    assert load_file(concept(project, "first-response")).data["history"][0]["change"] == "added"


def test_lifecycle_first_release_then_rename(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "release", "--first", *DATE]) == 0
    assert "tagged glossary-v1.0.0" in capsys.readouterr().out
    assert git(repo, "status", "--porcelain") == ""
    # rename first-response -> initial-response (same definition: the diff sees a rename)
    old = concept(repo, "first-response")
    concept(repo, "initial-response").write_text(
        old.read_text("utf-8").replace("id: first-response", "id: initial-response"), "utf-8")
    old.unlink()
    _commit(repo, "rename")
    assert main(["glossary", "diff", "glossary-v1.0.0", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "  major  renamed" in out and "initial-response  was first-response" in out
    assert main(["glossary", "release", "minor", "--date", "2026-12-01"]) == 2
    capsys.readouterr()
    assert main(["glossary", "release", "--date", "2026-12-01"]) == 0
    assert git(repo, "tag", "--list", "glossary-v*").split() == ["glossary-v1.0.0", "glossary-v2.0.0"]
    history = load_file(concept(repo, "initial-response")).data["history"]
    assert history[-1] == {"version": "2.0.0", "date": "2026-12-01", "change": "added",
                           "summary": "由 first-response 更名而来。"}
    log = (repo / "glossary" / "CHANGELOG.md").read_text("utf-8")
    assert log.index("## [2.0.0] - 2026-12-01") < log.index("## [1.0.0] - 2026-11-22")  # newest first
    assert "### Renamed\n\n- `first-response` → `initial-response` 首次响应 (first response)\n" in log


def test_diff_from_before_the_glossary_existed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = git(repo, "commit-tree", "4b825dc642cb6eb9a060e54bf8d69288fbee4904", "-m", "empty")
    assert main(["glossary", "diff", empty, "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["from"]["version"] is None and payload["bump"] == "minor"
    assert [c["kind"] for c in payload["changes"]] == ["added"] * 3


def test_repository_changelog_has_a_section_for_the_current_version() -> None:
    repo_root = Path(__file__).resolve().parents[2]
    version = load_file(repo_root / "glossary" / "glossary.yaml").data["version"]
    log = (repo_root / "glossary" / "CHANGELOG.md").read_text("utf-8")
    assert log.startswith("# Glossary changelog\n")
    assert f"\n## [{version}] - " in log
