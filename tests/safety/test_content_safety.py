"""Content that validates is content that builds: control characters and stray line breaks are findings."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cli, no_traceback

CONCEPT = "glossary/concepts/onsite-service.yaml"


def edit(project: Path, old: str, new: str, path: str = CONCEPT) -> None:
    target = project / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old, new, code", [
    ("id: onsite-service", 'id: "onsite-service\\n"', "AS108"),            # id ending in a newline
    ("{designation: 上门服务,", '{designation: "上门\\0服务",', "AS107"),      # NUL in a designation
    ("{designation: 上门服务,", '{designation: "上门\\x1b[31m服务",', "AS107"),  # ANSI escape
    ("{designation: 上门服务,", '{designation: "上门\\u202e服务",', "AS107"),   # right-to-left override
    ("{designation: 上门服务,", '{designation: "上门\\ud800服务",', "AS107|AS101"),  # lone surrogate
    ("{designation: 上门服务,", '{designation: "上门\\n服务",', "AS108"),      # line break in a designation
    ("{designation: 上门服务,", '{designation: "上门\\u2028服务",', "AS107"),   # Unicode line separator
    ("domain: 维修", 'domain: "维\\t修"', "AS108"),
    ("  zh-Hans: 服务工程师", '  zh-Hans: "服务\\x07工程师', "AS107"),       # BEL in a definition
])
def test_bad_characters_are_findings_not_build_failures(project: Path, old: str, new: str, code: str) -> None:
    if new.endswith("工程师"):
        edit(project, "的服务方式。", "的服务方式。\"")
    edit(project, old, new)
    done = cli("validate", cwd=project)
    assert done.returncode in (1, 2), done.stdout + done.stderr
    codes = code.split("|")  # libyaml refuses a lone surrogate escape itself (AS101)
    assert f"{CONCEPT}:" in done.stdout + done.stderr and any(c in done.stdout + done.stderr for c in codes)
    no_traceback(done)
    done = cli("build", "--only", "scripts", "--out", "out", cwd=project)
    assert done.returncode == 2 and any(c in done.stdout + done.stderr for c in codes)
    no_traceback(done)


def test_line_breaks_stay_allowed_in_prose(project: Path) -> None:
    edit(project, "  zh-Hans: 服务工程师到客户所在地点进行安装、检测或维修的服务方式。",
         "  zh-Hans: |\n    服务工程师到客户所在地点进行安装、检测或维修的服务方式。\n    第二行\t说明。")
    done = cli("validate", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr


def test_validate_does_not_echo_a_symlinked_secret(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:SECRET-LINE:/root:/bin/bash\n")
    (project / "glossary/concepts/leak.yaml").symlink_to(secret)
    done = cli("validate", cwd=project)
    assert done.returncode in (1, 2)
    assert "SECRET-LINE" not in done.stdout + done.stderr
    assert "leak.yaml" in done.stdout + done.stderr
    no_traceback(done)


def git(cwd: Path, *args: str) -> None:
    import subprocess
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=cwd,
                   check=True, capture_output=True)


def test_glossary_diff_over_a_committed_symlink(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:SECRET-LINE:/root:/bin/bash\n")
    git(project, "init", "-q")
    (project / "glossary/concepts/leak.yaml").symlink_to(secret)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "with a link")
    git(project, "tag", "old")
    (project / "glossary/concepts/leak.yaml").unlink()
    done = cli("glossary", "diff", "old", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SECRET-LINE" not in done.stdout + done.stderr
    no_traceback(done)
    (project / "glossary/concepts/leak.yaml").symlink_to(secret)  # in the working tree: a clear error
    done = cli("glossary", "diff", "old", cwd=project)
    assert done.returncode == 2 and "AS109" in done.stdout + done.stderr
    assert "SECRET-LINE" not in done.stdout + done.stderr
    no_traceback(done)
