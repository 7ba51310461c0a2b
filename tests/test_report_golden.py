"""Byte-for-byte outputs of every reporting path (lint writers, validate, errors printed by the CLI).

Written before the finding types and writers were merged into one (issue #13): a refactoring of the
reporters must leave these bytes alone. To accept a deliberate change, run the tests once with
AFTERSALES_REGEN_GOLDEN=1 and review the diff of tests/fixtures/report/.
"""
from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from aftersales_std.cli import main
from repo_paths import FIXTURES

GOLDEN = FIXTURES / "report"
REGEN = bool(os.environ.get("AFTERSALES_REGEN_GOLDEN"))


def check(name: str, got: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.write_text(got, encoding="utf-8", newline="")
        return
    assert path.exists(), f"no golden file {path}; run with AFTERSALES_REGEN_GOLDEN=1 once"
    assert got == path.read_bytes().decode("utf-8"), f"{name} differs from its golden file"


def _rule(code: str, name: str, severity: str, kind: str, group: str, refs: tuple[str, ...]) -> SimpleNamespace:
    rule = SimpleNamespace(code=code, name=name, severity=severity, kind=kind, group=group, refs=refs,
                           description={"zh-Hans": f"{name} 的说明", "en": f"about {name}"},
                           message={"zh-Hans": f"{name} 的提示"})
    rule.text = lambda which, lang: which.get(lang) or which.get("en" if lang == "en" else "zh-Hans", "")
    return rule


RULESET = SimpleNamespace(rules=[_rule("VG01", "vague.look-into-it", "error", "phrase", "vague", ("communication:4.2",)),
                                 _rule("TM01", "terms.warranty", "warning", "substitution", "terms", ()),
                                 _rule("AD02", "address.dear", "suggestion", "phrase", "address", ())])


def _lint_findings() -> tuple[list, list]:
    from aftersales_std.lint.report.formats import input_problem
    from aftersales_std.lint.report.run import LintFinding
    from aftersales_std.errors import Finding
    findings = [
        LintFinding(path="replies/b.yaml", line=9, column=10, code="TM01", end_line=9, end_column=13,
                    name="terms.warranty", severity="warning", message="用“保修期”，不用“保质期”。", match="保质期",
                    suggestion="保修期", replacement="保修期", start=40, end=43),
        LintFinding(path="a.md", line=3, column=4, code="VG01", end_line=4, end_column=2, name="vague.look-into-it",
                    severity="error", message="“看看\n怎么处理”是含糊的承诺", match="看看\n怎么处理",
                    refs=("communication:4.2",)),
        LintFinding(path="a.md", line=3, column=4, code="AD02", end_line=3, end_column=6, name="address.dear",
                    severity="suggestion", message="亲, 100%: 别这样称呼", match="亲亲"),
        LintFinding(path="we:ird,name\n.md", line=1, column=1, code="VG01", end_line=1, end_column=3,
                    name="vague.look-into-it", severity="error", message="看看 \x1b[31m", match="看看",
                    refs=("communication:4.2",)),
        LintFinding(path="<stdin>", line=2, column=1, code="TM01", end_line=2, end_column=4, name="terms.warranty",
                    severity="warning", message="m", match="保质期", suggestion="保修期 / 保固期"),
    ]
    problems = [input_problem(Finding("latin1.txt", 1, 1, "LT010", "byte 0xe9 is not valid UTF-8; save as UTF-8")),
                input_problem(Finding("gone.md", 0, 0, "LT010", "cannot read file: Permission denied"))]
    return findings, problems


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_lint_writers(fmt: str) -> None:
    from aftersales_std.lint.report.formats import write
    findings, problems = _lint_findings()
    out = io.StringIO()
    write(findings, fmt, out, RULESET, lang="zh-Hans", summary={"files": 3, "error": 2}, problems=problems)
    check(f"lint.{fmt}", out.getvalue().replace(_version(), "VERSION"))
    out = io.StringIO()
    write(findings, fmt, out, RULESET, lang="en")
    check(f"lint-en-no-problems.{fmt}", out.getvalue().replace(_version(), "VERSION"))


def _version() -> str:
    from aftersales_std import __version__
    return f'"{__version__}"'


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return f"exit {code}\n--- stdout\n{out}--- stderr\n{err}"


NEGATIVE = FIXTURES / "validate" / "negative"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_validate_outputs(fmt: str, base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check(f"validate-ok.{fmt}", _run(capsys, "validate", "--format", fmt))
    for case in ("unknown-field", "syntax-error", "rule-ref-missing", "not-utf8"):
        shutil.copytree(NEGATIVE / case / "files", base_project, dirs_exist_ok=True)
    check(f"validate-bad.{fmt}", _run(capsys, "validate", "--format", fmt))


def test_content_error_printed_by_the_cli(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(NEGATIVE / "unknown-field" / "files", base_project, dirs_exist_ok=True)
    check("build-invalid.text", _run(capsys, "build", "--only", "scripts", "--no-pdf", "--out", "out"))


def test_lint_cli_text_and_github(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules" / "vague"
    rules.mkdir(parents=True)
    (rules / "ZZ01.yaml").write_text(
        "code: ZZ01\nname: vague.golden\nseverity: error\nkind: existence\n"
        "description:\n  zh-Hans: 测试规则。\n  en: A test rule.\n"
        "message:\n  zh-Hans: “{match}”不够具体。\n  en: '{match} is vague.'\n"
        "tokens: ['斟酌办理']\nrefs: [\"communication:4.7\"]\nexamples:\n  bad: [我们斟酌办理。]\n  good: [我们明天办理。]\n",
        encoding="utf-8")
    work = tmp_path / "w"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("AFTERSALES_CACHE_DIR", str(tmp_path / "cache"))
    (work / "a.md").write_text("# 回复\n\n这件事我们斟酌办理。\n", encoding="utf-8")
    (work / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    for fmt in ("text", "github"):
        got = _run(capsys, "lint", "--rules", str(tmp_path / "rules"), "--format", fmt, "a.md", "latin1.txt")
        check(f"lint-cli.{fmt}", got.replace(str(tmp_path), "TMP"))


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_validate_machine_formats(fmt: str, base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """validate speaks the lint formats too (one registry): each content finding is a result/annotation."""
    for case in ("unknown-field", "rule-ref-missing"):
        shutil.copytree(NEGATIVE / case / "files", base_project, dirs_exist_ok=True)
    check(f"validate-bad.{fmt}", _run(capsys, "validate", "--format", fmt).replace(_version(), "VERSION"))


def test_validate_coverage_refuses_machine_formats(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--coverage", "--format", "sarif"]) == 2
    assert "--coverage is reported as text or json" in capsys.readouterr().err


def test_every_writer_is_registered_and_refuses_nothing() -> None:
    from aftersales_std import report
    assert report.formats() == ("text", "json", "sarif", "github")
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        report.write(report.Report([]), "xml", io.StringIO())


def test_text_writer_puts_problems_on_their_own_stream() -> None:
    from aftersales_std import report
    from aftersales_std.errors import Finding
    finding = Finding("b.md", 2, 1, "VG01", "m", end_line=2, end_column=3, name="vague.x")
    problem = report.input_problem(Finding("a.md", 0, 0, "LT010", "cannot read file"))
    out, err = io.StringIO(), io.StringIO()
    report.write(report.Report([finding], [problem], report.LINT, problem_stream=err), "text", out)
    assert out.getvalue() == "b.md:2:1: VG01 error m [vague.x]\n"
    assert err.getvalue() == "a.md:0:0: LT010 error cannot read file [input.unreadable]\n"
    together = io.StringIO()
    report.write(report.Report([finding], [problem], report.LINT), "text", together)
    assert together.getvalue() == err.getvalue() + out.getvalue()  # sorted by path: a.md first


def test_one_finding_type() -> None:
    from aftersales_std.errors import Finding
    from aftersales_std.lint import LintFinding
    assert LintFinding is Finding
    content = Finding("p.yaml", 3, 7, "AS203", "unknown field", "domain")
    assert (content.col, content.column, content.format()) == (7, 7, "p.yaml:3:7: AS203 unknown field (domain)")
    # the content order (path, position, code, message, JSON path) holds with the span end added
    a, b = Finding("p", 1, 1, "C", "a", "z"), Finding("p", 1, 1, "C", "b", "a")
    assert sorted([b, a]) == [a, b] and a < b and not b <= a


def test_validate_sarif_validates_against_the_sarif_schema(base_project: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    import json

    import jsonschema
    for case in ("unknown-field", "rule-ref-missing"):
        shutil.copytree(NEGATIVE / case / "files", base_project, dirs_exist_ok=True)
    assert main(["validate", "--format", "sarif"]) == 2
    log = json.loads(capsys.readouterr().out)
    for name in ("sarif-2.1.0-rtm.5.schema.json", "sarif-2.1.0-subset.schema.json"):
        schema = json.loads((FIXTURES / "lint" / name).read_text(encoding="utf-8"))
        jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["properties"].get("jsonPath")) for r in results] == [("AS305", "refs[0]"),
                                                                               ("AS203", "domian")]


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_broken_rules_are_reported_in_the_format_asked_for(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A rule file that does not validate stops lint (exit 2); with --format json/sarif/github its
    findings are written in that format (they were text lines on stdout: a defect for a JSON reader)."""
    import json
    rules = tmp_path / "rules" / "vague"
    rules.mkdir(parents=True)
    (rules / "ZZ01.yaml").write_text("code: ZZ01\nname: [oops\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AFTERSALES_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "a.md").write_text("好的\n", encoding="utf-8")
    code = main(["lint", "--rules", str(tmp_path / "rules"), "--format", fmt, "a.md"])
    out, err = capsys.readouterr()
    assert code == 2 and "problem(s) in the lint rules" in err
    if fmt == "json":
        doc = json.loads(out)
        assert doc["version"] == 1 and doc["findings"][0]["path"].endswith("ZZ01.yaml")
        assert doc["findings"][0]["code"].startswith("AS") and doc["findings"][0]["line"] >= 1
    elif fmt == "sarif":
        assert json.loads(out)["runs"][0]["results"][0]["ruleId"].startswith("AS")
    else:
        assert out.startswith("::error file=") and "ZZ01.yaml,line=" in out
