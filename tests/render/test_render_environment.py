"""Templates: StrictUndefined, project overrides file by file, the sandbox, errors naming file and line."""
from __future__ import annotations

from pathlib import Path

import pytest

from aftersales_std.cli import main
from aftersales_std.errors import ContentError
from aftersales_std.project import open_project
from aftersales_std.render.environment import Renderer, select_labels, template_dirs
from aftersales_std.resources import bundled_root


def renderer(root: Path, lang: str = "zh-Hans") -> Renderer:
    return Renderer(open_project(root), lang)


def write(root: Path, name: str, text: str) -> Path:
    path = root / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_project_templates_come_before_bundled(render_project: Path) -> None:
    dirs = template_dirs(open_project(render_project))
    assert dirs[0] == (render_project / "templates").resolve()
    assert dirs[-1] == (bundled_root() / "templates").resolve()


def test_override_one_file_keeps_the_others(render_project: Path, tmp_path: Path, build) -> None:  # type: ignore[no-untyped-def]
    write(render_project, "manuals/manual.md.j2", "---\nid: MY-MAN\n---\n# 我们自己的手册\n\n正文。\n")
    written = build(render_project, tmp_path / "out")
    manual = (tmp_path / "out/manuals/service-manual.md").read_text(encoding="utf-8")
    assert manual == "# 我们自己的手册\n\n正文。\n"
    script = (tmp_path / "out/scripts/repair.md").read_text(encoding="utf-8")
    assert "## 1 开场白" in script  # the bundled script template is still used
    assert len(written["manuals"]) == 2


def test_undefined_variable_names_file_and_line(render_project: Path) -> None:
    path = write(render_project, "scripts/oops.md.j2", "# 标题\n\n第二行\n{{ no_such_thing }}\n")
    with pytest.raises(ContentError) as err:
        renderer(render_project).render("scripts/oops.md.j2")
    finding = err.value.findings[0]
    assert finding.path.endswith("templates/scripts/oops.md.j2") and Path(finding.path).name == path.name
    assert (finding.line, finding.code) == (4, "AS502")
    assert "no_such_thing" in finding.message


def test_syntax_error_names_file_and_line(render_project: Path) -> None:
    write(render_project, "scripts/bad.md.j2", "# 标题\n{% for x in %}\n")
    with pytest.raises(ContentError) as err:
        renderer(render_project).render("scripts/bad.md.j2")
    finding = err.value.findings[0]
    assert finding.path.endswith("scripts/bad.md.j2")
    assert (finding.line, finding.code) == (2, "AS501")


def test_error_in_an_included_template_points_into_it(render_project: Path) -> None:
    write(render_project, "scripts/part.md.j2", "ok\n{{ missing.attr }}\n")
    write(render_project, "scripts/main.md.j2", "# 标题\n{% include 'scripts/part.md.j2' %}\n")
    with pytest.raises(ContentError) as err:
        renderer(render_project).render("scripts/main.md.j2")
    finding = err.value.findings[0]
    assert finding.path.endswith("scripts/part.md.j2") and finding.line == 2


def test_project_templates_are_sandboxed(render_project: Path) -> None:
    write(render_project, "scripts/evil.md.j2", "{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    with pytest.raises(ContentError) as err:
        renderer(render_project).render("scripts/evil.md.j2")
    assert err.value.findings[0].code in ("AS502", "AS503")
    assert "unsafe" in err.value.findings[0].message or "__class__" in err.value.findings[0].message


def test_build_with_a_broken_template_exits_2_and_keeps_previous_output(
        render_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", "--project", str(render_project), "--out", str(out), "--only", "scripts"]) == 0
    before = (out / "scripts/repair.md").read_bytes()
    write(render_project, "scripts/script.md.j2", "# {{ scenario.nope }}\n")
    capsys.readouterr()
    assert main(["build", "--project", str(render_project), "--out", str(out), "--only", "scripts"]) == 2
    captured = capsys.readouterr()
    err = captured.out + captured.err
    assert "templates/scripts/script.md.j2:1:0: AS502" in err and "nope" in err
    assert "Traceback" not in err
    assert (out / "scripts/repair.md").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["scripts"]  # no staging folder left behind


def test_labels_fall_back_to_converted_simplified_chinese() -> None:
    table = {"zh-Hans": {"a": "术语库版本"}, "en": {"a": "Glossary version"}}
    assert select_labels(table, "zh-Hant") == {"a": "術語庫版本"}
    assert select_labels(table, "en") == {"a": "Glossary version"}
    assert select_labels({"zh-Hans": {"a": "术语", "b": "版本"}, "zh-Hant": {"a": "詞彙"}}, "zh-Hant") == \
        {"a": "詞彙", "b": "版本"}
