"""mkdocs.yml cannot run code: Python tags refused at file:line, hooks/plugins/extensions only when trusted."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import HOSTILE, cli, no_traceback

from aftersales_std.errors import ContentError
from aftersales_std.mkdocs_plugin.trust import check_mkdocs_config
from aftersales_std.project import Project

CASES = {  # fixture -> (line of the finding, words of its message)
    "python-tag.yml": (3, "!!python/object/apply:os.system is refused"),
    "python-name.yml": (4, "!!python/name:os.system is refused"),
    "hooks.yml": (3, "the hook 'evil_hook.py'"),
    "plugin.yml": (4, "the plugin 'macros'"),
    "extension.yml": (4, "the Markdown extension 'evil_ext'"),
    "custom-dir.yml": (4, "custom_dir"),
    "extra-templates.yml": (2, "'evil.html'"),
    "inherit.yml": (3, "the hook 'evil_hook.py'"),
    "unknown-tag.yml": (1, "tag !custom is refused"),
    "alias-bomb.yml": (10, "!!python/object/apply:os.system"),
}


def project_with(tmp_path: Path, trust: dict | None = None) -> Project:  # type: ignore[type-arg]
    config = {"version": 1, **({"trust": trust} if trust else {})}
    return Project(root=tmp_path, config=config)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_mkdocs_config_is_refused_at_its_line(tmp_path: Path, name: str) -> None:
    for f in (HOSTILE / "mkdocs").iterdir():
        shutil.copy(f, tmp_path / f.name)
    with pytest.raises(ContentError) as err:
        check_mkdocs_config(project_with(tmp_path), tmp_path / name)
    line, words = CASES[name]
    findings = err.value.findings
    assert any(f.line == line and words in f.message for f in findings), [f.format() for f in findings]


@pytest.mark.parametrize("name, trust", [
    ("hooks.yml", {"mkdocs-hooks": ["evil_hook.py"]}),
    ("plugin.yml", {"mkdocs-plugins": ["macros"]}),
    ("extension.yml", {"markdown-extensions": ["evil_ext"]}),
    ("custom-dir.yml", {"theme-custom-dir": ["overrides"]}),
    ("extra-templates.yml", {"extra-templates": ["evil.html"]}),
])
def test_trusted_by_name_in_aftersales_yaml(tmp_path: Path, name: str, trust: dict) -> None:  # type: ignore[type-arg]
    shutil.copy(HOSTILE / "mkdocs" / name, tmp_path / name)
    check_mkdocs_config(project_with(tmp_path, trust), tmp_path / name)  # no error


def test_python_tags_cannot_be_trusted(tmp_path: Path) -> None:
    shutil.copy(HOSTILE / "mkdocs" / "python-name.yml", tmp_path / "m.yml")
    with pytest.raises(ContentError):
        check_mkdocs_config(project_with(tmp_path, {"markdown-extensions": ["pymdownx.emoji"]}), tmp_path / "m.yml")


def test_the_bundled_mkdocs_yml_passes() -> None:
    from repo_paths import REPO

    check_mkdocs_config(project_with(REPO), REPO / "mkdocs.yml")


@pytest.mark.parametrize("attack", ["tag", "hook"])
def test_build_runs_nothing_from_mkdocs_yml(project: Path, tmp_path: Path, attack: str) -> None:
    marker = tmp_path / "PWNED"
    (project / "site").mkdir()
    (project / "site" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (project / "evil_hook.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n")
    if attack == "tag":
        text = f'site_name: x\ndocs_dir: site\nextra:\n  x: !!python/object/apply:os.system ["touch {marker}"]\n'
    else:
        text = "site_name: x\ndocs_dir: site\nhooks:\n  - evil_hook.py\n"
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    done = cli("build", "--only", "site", "--out", "out", cwd=project)
    assert done.returncode == 2, done.stderr
    assert "mkdocs.yml:4:" in done.stdout + done.stderr
    assert not marker.exists()
    assert not (project / "out" / "site").exists()
    no_traceback(done)
