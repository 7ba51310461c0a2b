"""Hostile templates: every one ends in a finding at file:line (exit 2), within loop, size and time limits."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HOSTILE as FIXTURES
from conftest import cli, no_traceback
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aftersales_std.cli import main
from aftersales_std.errors import ContentError
from aftersales_std.project import open_project
from aftersales_std.render import sandbox
from aftersales_std.render.environment import Renderer

# One hostile template per file in tests/fixtures/safety/templates/<case>.md.j2.
HOSTILE = {p.name.removesuffix(".md.j2"): p.read_text(encoding="utf-8").rstrip("\n")
           for p in sorted((FIXTURES / "templates").glob("*.md.j2"))}


@pytest.fixture
def limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits small enough to hit in a test (the defaults are 60 s and 50 million characters)."""
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 3.0)
    monkeypatch.setattr(sandbox, "MAX_OUTPUT", 5_000_000)
    monkeypatch.setattr(sandbox, "MAX_LOOP", 200_000)


def put(project: Path, name: str, source: str) -> str:
    path = project / "templates" / "scripts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    return f"scripts/{name}"


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_template_is_a_finding(project: Path, limits: None, case: str) -> None:
    name = put(project, f"{case}.md.j2", "# title\n" + HOSTILE[case] + "\n")
    with pytest.raises(ContentError) as err:
        Renderer(open_project(project), "zh-Hans").render(name)
    finding = err.value.findings[0]
    assert finding.path.endswith(f"templates/scripts/{case}.md.j2")
    assert finding.code in ("AS501", "AS502", "AS503", "AS504")
    if case in ("big-output", "surrogate"):  # found in the output as a whole: no line to name
        assert finding.line in (0, 2), finding.format()
    elif case != "deep-nesting":
        assert finding.line == 2, finding.format()


@pytest.mark.parametrize("case", ["nested-loops", "big-output", "recursion", "surrogate", "format-map"])
def test_build_with_a_hostile_template_exits_2(project: Path, limits: None, case: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    put(project, "script.md.j2", HOSTILE[case] + "\n")
    assert main(["build", "--only", "scripts", "--out", "out"]) == 2
    captured = capsys.readouterr()
    assert "templates/scripts/script.md.j2:" in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err
    assert not (project / "out" / "scripts").exists()


@pytest.mark.parametrize("case", ["syntax", "unknown-filter", "deep-nesting"])
def test_validate_reports_template_syntax_errors(project: Path, case: str) -> None:
    put(project, "broken.md.j2", "# ok\n" + HOSTILE[case] + "\n")
    done = cli("validate", cwd=project)
    assert done.returncode == 2
    assert "templates/scripts/broken.md.j2:" in done.stdout and "AS501" in done.stdout
    no_traceback(done)


def test_validate_passes_good_templates(project: Path) -> None:
    put(project, "fine.md.j2", "{% for i in range(3) %}{{ i }}{% endfor %}\n")
    done = cli("validate", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ordinary_ranges_still_work(project: Path, limits: None) -> None:
    name = put(project, "ok.md.j2", "{{ range(5) | length }} {{ range(5)[2] }} "
               "{% for i in range(3) %}{{ i }}{% endfor %} {{ 'ab' * 3 }} {{ 2 ** 10 }}\n")
    assert Renderer(open_project(project), "zh-Hans").render(name).strip() == "5 2 012 ababab 1024"


FRAGMENTS = st.sampled_from([
    "{{ x }}", "{{ 'a' * n }}", "{% for i in range(n) %}", "{% endfor %}", "{% if n %}", "{% endif %}",
    "{{ n ** n }}", "{{ range(n) | list }}", "{{ '\\ud800' }}", "{{ '{0}'.format(n) }}",
    "{% macro m(k) %}{{ m(k) }}{% endmacro %}", "{{ m(1) }}", "{{ n // 0 }}", "{{ nope }}", "{{ x.y.z }}",
    "{%", "}}", "{{ x | nope }}", "text 文本 ", "{{ [n] * n }}", "{% set x = x ~ x %}",
])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(FRAGMENTS, max_size=12), n=st.sampled_from([0, 3, 10**5, 10**9]))
def test_fuzzed_templates_render_or_give_a_finding(project: Path, limits: None, parts: list[str], n: int) -> None:
    name = put(project, "fuzz.md.j2", "{% set x = 'ab' %}{% set n = " + str(n) + " %}" + "".join(parts) + "\n")
    renderer = Renderer(open_project(project), "zh-Hans")
    try:
        text = renderer.render(name)
    except ContentError as exc:
        assert exc.findings and exc.findings[0].path.endswith("fuzz.md.j2")
        return
    assert isinstance(text, str) and len(text) <= sandbox.MAX_OUTPUT
    text.encode("utf-8")
