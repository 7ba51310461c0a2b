from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from aftersales_std.cli import main
from repo_paths import FIXTURES

NEGATIVE = sorted((FIXTURES / "validate" / "negative").iterdir())


def test_base_fixture_is_valid(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "ok: 6 files valid" in err


@pytest.mark.parametrize("case", NEGATIVE, ids=[p.name for p in NEGATIVE])
def test_negative_case(case: Path, base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meta = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    if (case / "files").is_dir():
        shutil.copytree(case / "files", base_project, dirs_exist_ok=True)
    for rel in meta.get("delete", []):
        (base_project / rel).unlink()
    code = main(["validate"])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert "Traceback" not in out + err
    lines = out.splitlines()
    for exp in meta["expect"]:
        prefix = f"{exp['path']}:{exp['line']}:{exp['col']}: {exp['code']} "
        assert any(line.startswith(prefix) for line in lines), f"expected {prefix!r} in:\n{out}"
    # every finding names file, line and column and says something after the code
    for line in lines:
        path, lineno, col, rest = line.split(":", 3)
        assert lineno.isdigit() and col.isdigit() and len(rest.split(" ", 2)) == 3


def test_python_tag_runs_nothing(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(FIXTURES / "validate" / "negative" / "python-tag" / "files", base_project, dirs_exist_ok=True)
    assert main(["validate"]) == 2
    assert not (base_project / "PWNED").exists()
    assert "AS106" in capsys.readouterr().out


def test_all_problems_reported_at_once_and_sorted(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    concept = base_project / "glossary/concepts/service-ticket.yaml"
    concept.write_text(concept.read_text(encoding="utf-8").replace("status: valid", "status: [valid"),
                       encoding="utf-8")
    std = base_project / "standards/repair.yaml"
    std.write_text(std.read_text(encoding="utf-8").replace("{{ onsite }} 内", "{{ nope }} 内"), encoding="utf-8")
    (base_project / "templates/replies/repair.yaml").write_text("scenario: repair\nreplies: []\n", encoding="utf-8")
    assert main(["validate"]) == 2
    lines = capsys.readouterr().out.splitlines()
    files = [line.split(":")[0] for line in lines]
    assert {"glossary/concepts/service-ticket.yaml", "standards/repair.yaml",
            "templates/replies/repair.yaml"} <= set(files)
    assert files == sorted(files)


def test_bom_and_crlf_are_fine(base_project: Path) -> None:
    concept = base_project / "glossary/concepts/service-ticket.yaml"
    text = concept.read_text(encoding="utf-8")
    concept.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert main(["validate"]) == 0


def test_crlf_positions_are_right(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    concept = base_project / "glossary/concepts/service-ticket.yaml"
    text = concept.read_text(encoding="utf-8").replace("status: valid", "status: vaild")
    concept.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert main(["validate"]) == 2
    assert capsys.readouterr().out.startswith("glossary/concepts/service-ticket.yaml:2:9: AS204")


def test_json_format(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    concept = base_project / "glossary/concepts/service-ticket.yaml"
    concept.write_text(concept.read_text(encoding="utf-8").replace("status: valid", "status: vaild"),
                       encoding="utf-8")
    assert main(["validate", "--format", "json"]) == 2
    payload = json.loads(capsys.readouterr().out)
    assert payload["version"] == 1 and payload["valid"] is False
    (finding,) = payload["findings"]
    assert finding == {"path": "glossary/concepts/service-ticket.yaml", "line": 2, "column": 9, "code": "AS204",
                       "severity": "error", "message": finding["message"], "json_path": "status"}
    assert "valid" in finding["message"] and "did you mean" in finding["message"]


def test_project_option_from_elsewhere(base_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--project", str(base_project)]) == 0
    assert main(["--project", str(base_project), "validate"]) == 0


def test_not_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert "aftersales.yaml" in err and "aftersales init" in err and "Traceback" not in err


def test_subfolder_finds_project(base_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(base_project / "glossary" / "concepts")
    assert main(["validate"]) == 0
