"""Defects found by running `aftersales lint` the way users do (issue 13, item 3; issue 18's lint items):
folders, nothing to lint, 0 rules, --fix script and atomic write, SARIF cap and coordinates, input
problems in the output stream, odd file names, unsafe patterns, Ctrl-C with --jobs."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from aftersales_std.lint.report import fix
from aftersales_std.lint.report.finding import LintFinding
from aftersales_std.lint.report.formats import SARIF_MAX_RESULTS, sarif
from aftersales_std.lint.rules.safety import UnsafePattern, check_pattern
from cli_run import run

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "lint"
OFFICIAL = json.loads((FIXTURES / "sarif-2.1.0-rtm.5.schema.json").read_text(encoding="utf-8"))
SUBSET = json.loads((FIXTURES / "sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))


def valid_sarif(log: dict) -> None:
    jsonschema.Draft4Validator(OFFICIAL, format_checker=jsonschema.FormatChecker()).validate(log)
    jsonschema.Draft4Validator(SUBSET, format_checker=jsonschema.FormatChecker()).validate(log)


def lint_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code, out, _ = run(capsys, "lint", "--format", "json", *argv)
    return code, json.loads(out)


# ---- folders and nothing to lint ----------------------------------------------------------------

def test_a_named_folder_outside_the_include_globs_is_linted(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "exports" / "deep").mkdir(parents=True)
    (project / "exports" / "deep" / "r.yaml").write_text("text: 我们研究一下。\n", encoding="utf-8")
    (project / "exports" / "a.json").write_text('{"text": "稍后回复"}', encoding="utf-8")
    (project / "exports" / ".hidden").mkdir()
    (project / "exports" / ".hidden" / "x.md").write_text("我们研究一下。\n", encoding="utf-8")
    code, out = lint_json(capsys, "exports")
    assert code == 1
    assert {f["path"] for f in out["findings"]} == {"exports/deep/r.yaml", "exports/a.json"}
    assert out["summary"]["files"] == 2
    # the default run (no path) still uses lint.include: exports/ is not a reply folder there
    (project / "ok.md").write_text("您好。\n", encoding="utf-8")
    code, out = lint_json(capsys)
    assert code == 0 and "exports/deep/r.yaml" not in {f["path"] for f in out["findings"]}


def test_recursing_skips_the_projects_rules_and_glossary(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "a.md").write_text("您好。\n", encoding="utf-8")
    code, out = lint_json(capsys, ".")
    assert code == 0 and out["summary"]["files"] == 1  # checks/ holds bad examples on purpose
    code, out = lint_json(capsys, "checks/vague/VG01.yaml")  # named explicitly: linted
    assert out["summary"]["files"] == 1 and out["findings"]


def test_any_folder_outside_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "replies").mkdir()
    (tmp_path / "replies" / "a.md").write_text("我们研究一下。\n", encoding="utf-8")
    (tmp_path / "replies" / "b.txt").write_text("您好。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = lint_json(capsys, "replies")
    assert code == 1 and out["summary"]["files"] == 2
    assert [f["code"] for f in out["findings"]] == ["VG01"]
    code, _out, err = run(capsys, "lint")
    assert code == 2 and "nothing to lint" in err and "aftersales.yaml" in err


def test_nothing_to_lint_is_an_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "empty" / "sub").mkdir(parents=True)
    (project / "empty" / "sub" / "notes.docx").write_bytes(b"PK")
    code, out, err = run(capsys, "lint", "empty")
    assert code == 2 and out == ""
    assert "nothing to lint: no supported file under empty" in err
    (project / "aftersales.yaml").write_text("version: 1\nname: x\nlint:\n  include: ['replies/**/*.yaml']\n",
                                             encoding="utf-8")
    code, _out, err = run(capsys, "lint")
    assert code == 2 and "lint.include" in err


def test_a_rules_folder_with_no_rules_is_an_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "a.md").write_text("我们研究一下。\n", encoding="utf-8")
    (project / "norules").mkdir()
    (project / "norules" / "README.txt").write_text("nothing here\n", encoding="utf-8")
    code, _out, err = run(capsys, "lint", "--rules", "norules", "a.md")
    assert code == 2 and "no lint rules" in err


# ---- --fix: script and atomic write ---------------------------------------------------------------

@pytest.mark.parametrize("text, fixed", [
    ("这台華碩笔记本还在保质期内。\n", "这台華碩笔记本还在保修期内。\n"),  # one traditional brand name nearby
    ("這台筆記型電腦還在保質期內。\n", "這台筆記型電腦還在保固期內。\n"),  # traditional: the zh-Hant term
    ("這個產品的三保卡。\n", "這個產品的三包卡。\n"),  # neutral match, traditional sentence
])
def test_fix_keeps_the_script_of_the_matched_text(project: Path, capsys: pytest.CaptureFixture[str],
                                                  text: str, fixed: str) -> None:
    path = project / "r.md"
    path.write_text(text, encoding="utf-8")
    run(capsys, "lint", "r.md", "--fix")
    assert path.read_text(encoding="utf-8") == fixed


def test_fix_never_converts_japanese(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = project / "jarules" / "ja"
    rules.mkdir(parents=True)
    (rules / "JA01.yaml").write_text(
        "code: JA01\nname: ja.terms\nseverity: warning\nkind: substitution\n"
        "message: {zh-Hans: '请改为“{replacement}”。', en: 'Write {replacement}.'}\n"
        "swap: {レキシカルに: 静的に}\nrefs: [communication:4.1]\n"
        "examples: {bad: [レキシカルに決まる], good: [静的に決まる]}\n", encoding="utf-8")
    path = project / "ja.md"
    path.write_text("變數の體系はレキシカルに決まります。\n", encoding="utf-8")  # traditional kanji around
    run(capsys, "lint", "--rules", "jarules", "ja.md", "--fix")
    assert path.read_text(encoding="utf-8") == "變數の體系は静的に決まります。\n"


def test_written_script_decides_by_the_match_then_its_sentence() -> None:
    assert fix.written_script("華碩電腦人为破坏", 4, 8) == "hans"
    assert fix.written_script("這是人為破壞", 2, 6) == "hant"
    assert fix.written_script("這個產品保质期", 4, 7) == "hans"  # the match is simplified
    assert fix.written_script("這個產品保修", 4, 6) == "hant"  # neutral match, traditional sentence
    assert fix.written_script("静的に決まる", 0, 2) == "ja"
    assert fix.keep_written("人為破壞", "人爲損壞") == "人為損壞"
    assert fix.keep_written("javascript", "JavaScript") == "JavaScript"


def test_fix_keeps_bom_and_line_endings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "r.md"
    path.write_bytes(b"\xef\xbb\xbf" + "你好\r\n产品在保质期内。\r\n".encode("utf-8"))
    run(capsys, "lint", "r.md", "--fix")
    assert path.read_bytes() == b"\xef\xbb\xbf" + "您好\r\n产品在保修期内。\r\n".encode("utf-8")


def test_fix_refuses_a_symlink_leaving_the_project(project: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("你好\n", encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "link.md").symlink_to(outside)
    (project / "site" / "own.md").write_text("你好\n", encoding="utf-8")
    code, _out, err = run(capsys, "lint", "--fix", "site")
    assert code == 2 and "outside the project" in err and "LT011" in err
    assert outside.read_text(encoding="utf-8") == "你好\n"
    assert (project / "site" / "own.md").read_text(encoding="utf-8") == "您好\n"  # the others are fixed
    assert not [p for p in (project / "site").iterdir() if ".tmp-" in p.name]


def test_fix_refuses_a_file_changed_since_it_was_read(project: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = project / "r.md"
    path.write_text("你好\n", encoding="utf-8")
    real = fix.fix_source

    def editor_saves_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real(*args, **kwargs)
        with path.open("a", encoding="utf-8") as fh:
            fh.write("新的一行\n")
        return result

    monkeypatch.setattr(fix, "fix_source", editor_saves_meanwhile)
    code, _out, err = run(capsys, "lint", "r.md", "--fix")
    assert code == 2 and "changed" in err
    assert path.read_text(encoding="utf-8") == "你好\n新的一行\n"  # the appended line is not lost


# ---- SARIF ---------------------------------------------------------------------------------------

def _finding(i: int, severity: str = "warning") -> LintFinding:
    return LintFinding(path="big.md", line=i + 1, column=1, code="VG01", end_line=i + 1, end_column=3,
                       name="vague.look-into-it", severity=severity, message="m", match="研究")


def test_sarif_is_capped_with_a_notification(repo_rules, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert SARIF_MAX_RESULTS == 25_000  # GitHub code scanning's limit per run
    findings = [_finding(i) for i in range(12)] + [_finding(100, "error")]
    log = sarif(findings, repo_rules, limit=10)
    valid_sarif(log)
    run_ = log["runs"][0]
    assert len(run_["results"]) == 10
    assert run_["results"][0]["level"] == "error" or any(r["level"] == "error" for r in run_["results"])
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert any("3 of 13 results left out" in n["message"]["text"] for n in notes)
    assert run_["properties"]["resultsLeftOut"] == 3
    assert "invocations" in sarif(findings[:3], repo_rules, limit=10)["runs"][0]


def test_sarif_fingerprints_survive_lines_added_above(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "a.md"
    path.write_text("我们研究一下。\n我们研究一下。\n", encoding="utf-8")
    first = json.loads(run(capsys, "lint", "a.md", "--format", "sarif")[1])
    path.write_text("# 标题\n\n我们研究一下。\n我们研究一下。\n", encoding="utf-8")
    second = json.loads(run(capsys, "lint", "a.md", "--format", "sarif")[1])
    prints = [[r["partialFingerprints"]["aftersalesFinding/v1"] for r in log["runs"][0]["results"]]
              for log in (first, second)]
    assert prints[0] == prints[1] and len(set(prints[0])) == 2  # same two, and two distinct ones
    valid_sarif(second)


def test_sarif_regions_are_file_coordinates_for_csv_and_jsonl(project: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    csv_text = 'id,reply\n1,"他说""好的""，\n我们研究一下"\n'
    (project / "c.csv").write_text(csv_text, encoding="utf-8")
    jsonl_text = '{"id": 1, "meta": {"x": "\\u4f60"}, "text": "\\u60a8\\u597d\\n\\"\\u6536\\u5230\\"\\uff0c我们研究一下"}\n'
    (project / "t.jsonl").write_text(jsonl_text, encoding="utf-8")
    for argv, text, snippet in ((["c.csv", "--column", "reply"], csv_text, "我们研究一下"),
                                (["t.jsonl"], jsonl_text, "我们研究一下")):
        log = json.loads(run(capsys, "lint", *argv, "--format", "sarif")[1])
        valid_sarif(log)
        result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "VG01")
        region = result["locations"][0]["physicalLocation"]["region"]
        line = text.split("\n")[region["startLine"] - 1]
        assert line[region["startColumn"] - 1:region["endColumn"] - 1] == snippet


# ---- inputs that cannot be read, odd names -------------------------------------------------------

def test_unreadable_inputs_join_the_machine_formats(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "latin1.txt").write_bytes("caf\xe9 我们研究一下".encode("latin-1", "replace"))
    (project / "bad.md").write_text("我们研究一下。\n", encoding="utf-8")
    code, out = lint_json(capsys, "latin1.txt", "bad.md")
    assert code == 2
    assert {(f["path"], f["code"]) for f in out["findings"]} == {("latin1.txt", "LT010"), ("bad.md", "VG01")}
    code, stdout, err = run(capsys, "lint", "latin1.txt", "bad.md", "--format", "sarif")
    log = json.loads(stdout)
    valid_sarif(log)
    assert code == 2 and "LT010" in {r["ruleId"] for r in log["runs"][0]["results"]}
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
    code, stdout, _ = run(capsys, "lint", "latin1.txt", "bad.md", "--format", "github")
    assert code == 2 and stdout.startswith("::error file=bad.md") and "::error file=latin1.txt" in stdout


def test_a_file_name_with_a_newline_keeps_one_finding_per_line(project: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    (project / "a\nb.md").write_text("我们研究一下。\n", encoding="utf-8")
    code, out, _ = run(capsys, "lint", "a\nb.md")
    assert code == 1
    assert out.splitlines()[0].startswith("a\\nb.md:1:1: VG01 ")
    assert len([line for line in out.splitlines() if not line.startswith("    ")]) == 1


# ---- patterns that would make a run hang -----------------------------------------------------------

@pytest.mark.parametrize("pattern", ["(?:a|aa){1,60}c", "(?:您|您好){1,10}", "a+a+a+c", "\\d+[0-9]+",
                                     "a+b?a+", "(?:a{1,5}){1,60}"])
def test_bounded_alternation_repeats_and_stacked_quantifiers_are_refused(pattern: str) -> None:
    with pytest.raises(UnsafePattern):
        check_pattern(pattern)


@pytest.mark.parametrize("pattern", ["(?:a|aa){1,3}c", "a+xa+", "\\d{1,3}[天日]", "(?:保修|保固)期", "a+b+"])
def test_harmless_shapes_still_load(pattern: str) -> None:
    check_pattern(pattern)


def test_an_unsafe_pattern_in_a_rule_file_is_a_load_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = project / "slow" / "demo"
    rules.mkdir(parents=True)
    (rules / "SL01.yaml").write_text(
        "code: SL01\nname: demo.slow\nseverity: warning\nkind: existence\nmessage: {zh-Hans: 慢, en: slow}\n"
        "patterns: ['(?:a|aa){1,60}c']\nrefs: [communication:4.1]\nexamples: {bad: [aac], good: [b]}\n",
        encoding="utf-8")
    (project / "a.md").write_text("a" * 43 + "\n", encoding="utf-8")
    code, out, err = run(capsys, "lint", "--rules", "slow", "a.md")
    assert code == 2 and "SL01.yaml" in out and "alternatives" in out


# ---- Ctrl-C --------------------------------------------------------------------------------------

@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to see the worker processes")
def test_sigint_during_jobs_2_exits_130_with_one_line(tmp_path: Path) -> None:
    for i in range(200):
        (tmp_path / f"f{i}.md").write_text("您好，我们研究一下，稍后回复，应该可以。\n" * 2000, encoding="utf-8")
    exe = [sys.executable, "-m", "aftersales_std", "lint", "--jobs", "2", "."]
    proc = subprocess.Popen(exe, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    kids: list[str] = []
    for _ in range(600):
        time.sleep(0.1)
        try:
            kids = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        except OSError:
            kids = []
        if len(kids) >= 2 or proc.poll() is not None:
            break
    assert len(kids) >= 2, "the workers never started"
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert err.decode().strip() == "aftersales: interrupted"


# ---- the project's own files -------------------------------------------------------------------------

def test_the_repository_lints_clean_with_its_documentation_excluded_on_purpose(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code, out, err = run(capsys, "lint", ".")
    assert code == 0, out
    assert "0 finding(s)" in err
    code, _out, err = run(capsys, "lint", "README.md")
    assert code == 2 and "excluded by lint.exclude" in err  # on purpose, and it says so


def test_the_readme_linter_section_passes_its_own_linter(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Phrasing linter"):readme.index("### Glossary site")]
    monkeypatch.chdir(REPO)
    monkeypatch.setattr("sys.stdin", io.StringIO(section))
    code, out, _ = run(capsys, "lint", "-", "--stdin-filename", "README-linter-section.md")
    assert code == 0, out
