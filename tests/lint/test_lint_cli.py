"""`aftersales lint` end to end: inputs, positions, suppression, config, formats, exit codes, --fix."""
from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest

from cli_run import run

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "lint"


def lint_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict]]:
    code, out, _ = run(capsys, "lint", "--format", "json", *argv)
    return code, json.loads(out)["findings"]


REPLIES = """scenario: demo
replies:
  - id: first
    title: 首次响应
    channel: chat
    refs: ["communication:4.2"]
    text: >-
      您好，您的工单已登记，
      我们会尽快处理。
  - id: second
    title: 回访
    channel: chat
    refs: ["communication:4.2"]
    text: "你好，产品还在保质期内。"
"""


def test_clean_file_exits_0_and_findings_exit_1(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "ok.md").write_text("# 回复\n\n您好，王工明天 10:00 上门。\n", encoding="utf-8")
    (project / "bad.md").write_text("# 回复\n\n我们会看看怎么处理。\n", encoding="utf-8")
    assert run(capsys, "lint", "ok.md")[0] == 0
    code, out, err = run(capsys, "lint", "bad.md")
    assert code == 1
    assert out.splitlines()[0] == ("bad.md:3:4: VG01 error “看看怎么处理”是含糊的承诺：说清由谁、在什么时间、做什么。 "
                                   "[vague.look-into-it]")
    assert "suggestion:" in out.splitlines()[1]
    assert "1 finding(s)" in err


@pytest.mark.parametrize("argv", [["missing.md"], ["--rules", "nowhere", "x.md"], ["--jobs", "-1"], ["--bogus"]])
def test_usage_errors_exit_2(project: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    (project / "x.md").write_text("好的\n", encoding="utf-8")
    assert run(capsys, "lint", *argv)[0] == 2


def test_unreadable_inputs_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "broken.yaml").write_text("a: [1, 2\n", encoding="utf-8")
    (project / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    code, out, err = run(capsys, "lint", "broken.yaml", "latin1.txt")
    assert code == 2 and "LT010" in err and "latin1.txt" in err


def test_yaml_values_report_their_file_line_and_column(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "replies").mkdir()
    (project / "replies" / "demo.yaml").write_text(REPLIES, encoding="utf-8")
    code, found = lint_json(capsys, "replies")
    assert code == 1
    got = {(f["code"], f["line"], f["column"], f["end_column"], f["match"]) for f in found}
    assert ("TF01", 9, 10, 12, "尽快") in got
    assert ("AD01", 14, 12, 13, "你") in got
    assert ("TM01", 14, 19, 22, "保质期") in got
    tm = next(f for f in found if f["code"] == "TM01")
    assert tm["suggestion"] == "保修期" and tm["refs"] == ["communication:4.1"] and tm["fixable"] is True
    assert set(tm) >= {"path", "line", "column", "end_column", "code", "name", "severity", "message", "match",
                       "suggestion", "refs"}


def test_json_and_jinja_and_markdown_inputs(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "r.json").write_text(json.dumps({"replies": [{"text": "好的，稍后回复您。"}]}, ensure_ascii=False),
                                    encoding="utf-8")
    (project / "t.j2").write_text("{% if vip %}尊敬的{{ name }}{% endif %}您好，\n"
                                  "我们会在 {{ deadline }} 前处理，{# 尽快 #}研究一下。\n", encoding="utf-8")
    code, found = lint_json(capsys, "r.json", "t.j2")
    got = {(f["path"], f["code"], f["line"], f["column"]) for f in found}
    assert got == {("r.json", "TF01", 1, 27), ("t.j2", "VG01", 2, 33)}


def test_csv_column_and_jsonl_field_positions(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "chats.csv").write_text("id,reply\n1,好的\n2,\"多行\n内容，我们研究一下\"\n3,应该可以\n", encoding="utf-8")
    code, found = lint_json(capsys, "chats.csv", "--column", "reply")
    # file coordinates: the multi-line field's second line, the field after "3,"
    assert {(f["code"], f["line"], f["column"]) for f in found} == {("VG01", 4, 4), ("UC01", 5, 3)}
    records = [{"text": "您好"}, {"msg": {"text": "亲亲，稍后联系您"}}, {"text": "这是厂家的问题"}]
    (project / "t.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                                     encoding="utf-8")
    code, found = lint_json(capsys, "--jsonl", "t.jsonl", "--field", "msg.text")
    # the column of the line, not of the field: {"msg": {"text": " is 18 characters
    assert {(f["code"], f["line"], f["column"]) for f in found} == {("AD02", 2, 19), ("TF01", 2, 22)}
    code, found = lint_json(capsys, "--jsonl", "t.jsonl")
    assert [(f["code"], f["line"], f["column"], f["end_column"]) for f in found] == [("BL01", 3, 11, 18)]
    assert run(capsys, "lint", "chats.csv")[0] == 2  # a CSV needs --column


def test_jsonl_bad_line_is_reported_and_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "t.jsonl").write_text('{"text": "好"}\n{oops\n{"text": "\\ud800 尽快"}\n', encoding="utf-8")
    code, out, err = run(capsys, "lint", "--jsonl", "t.jsonl")
    assert code == 2 and "t.jsonl:2:1: LT010" in err and "TF01" in out


def test_stdin(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("您好\n我们研究一下。\n"))
    code, out, _ = run(capsys, "lint", "-", "--stdin-filename", "reply.txt")
    assert code == 1 and out.startswith("reply.txt:2:1: VG01")


def test_inline_suppression(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "a.md").write_text(
        "我们研究一下。 <!-- aftersales: disable=VG01 -->\n"
        "<!-- aftersales: disable-next-line=TF01,UC01 -->\n"
        "稍后回复，应该可以。\n"
        "稍后回复。\n", encoding="utf-8")
    code, found = lint_json(capsys, "a.md")
    assert [(f["code"], f["line"]) for f in found] == [("TF01", 4)]
    (project / "b.md").write_text("{# aftersales: disable-file=all #}\n我们研究一下。\n", encoding="utf-8")
    assert run(capsys, "lint", "b.md")[0] == 0


def test_yaml_comment_above_the_key_covers_a_multiline_value(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = REPLIES.replace("    text: >-\n", "    # aftersales: disable-next-line=TF01\n    text: >-\n", 1)
    (project / "r.yaml").write_text(text, encoding="utf-8")
    code, found = lint_json(capsys, "r.yaml")
    assert "TF01" not in {f["code"] for f in found} and "AD01" in {f["code"] for f in found}


def set_lint_config(project: Path, extra: str) -> None:
    cfg = project / "aftersales.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_config_groups_severity_ignore_and_fail_level(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "a.md").write_text("你好，我们研究一下，RMA 编号稍后发您。\n", encoding="utf-8")
    (project / "ignored").mkdir()
    (project / "ignored" / "b.md").write_text("我们研究一下。\n", encoding="utf-8")
    code, found = lint_json(capsys, "a.md")
    assert {f["code"] for f in found} == {"AD01", "VG01", "JG01", "TF01"}
    set_lint_config(project, "  groups: {jargon: false}\n  severity: {AD01: off, VG01: suggestion, TF01: suggestion}\n"
                    "  ignore: {\"docs/**\": [VG01]}\n")
    code, found = lint_json(capsys, "a.md")
    assert {(f["code"], f["severity"]) for f in found} == {("VG01", "suggestion"), ("TF01", "suggestion")}
    assert code == 0  # fail-level warning; only suggestions left
    assert run(capsys, "lint", "a.md", "--fail-level", "suggestion")[0] == 1
    (project / "docs").mkdir()
    (project / "docs" / "c.md").write_text("我们研究一下。\n", encoding="utf-8")
    assert lint_json(capsys, "docs/c.md")[1] == []
    # folders recurse with include/exclude: ignored/** is excluded
    code, found = lint_json(capsys, ".")
    assert {f["path"] for f in found} == {"a.md"}


def test_sarif_output_validates_against_the_sarif_schema(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "a.md").write_text("你好，我们研究一下，产品在保质期内。\n", encoding="utf-8")
    code, out, _ = run(capsys, "lint", "a.md", "--format", "sarif")
    log = json.loads(out)
    # The published SARIF 2.1.0 JSON Schema (final release candidate rtm.5, as shipped in Microsoft's
    # @microsoft/jest-sarif npm package, MIT), and our stricter subset with additionalProperties: false.
    official = json.loads((FIXTURES / "sarif-2.1.0-rtm.5.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(official, format_checker=jsonschema.FormatChecker()).validate(log)
    schema = json.loads((FIXTURES / "sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    run_ = log["runs"][0]
    results = run_["results"]
    assert {r["ruleId"] for r in results} == {"AD01", "VG01", "TM01"}
    rules = run_["tool"]["driver"]["rules"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == 1 and region["endColumn"] > region["startColumn"]
    fix = next(r for r in results if r["ruleId"] == "AD01")["fixes"][0]
    assert fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "您"
    broken = json.loads(out)
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(official).validate(broken)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(broken)


def test_github_annotations(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "a b.md").write_text("好的\n我们研究一下。\n", encoding="utf-8")
    code, out, _ = run(capsys, "lint", "a b.md", "--format", "github")
    assert code == 1
    assert out.startswith("::error file=a b.md,line=2,col=1,endLine=2,endColumn=7,title=VG01 vague.look-into-it::")
    assert "\n" not in out.strip()


def test_fix_applies_only_unambiguous_substitutions(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "r.yaml"
    path.write_text(REPLIES, encoding="utf-8")
    code, out, err = run(capsys, "lint", "r.yaml", "--diff")
    assert "-    text: \"你好，产品还在保质期内。\"" in out and "+    text: \"您好，产品还在保修期内。\"" in out
    assert path.read_text(encoding="utf-8") == REPLIES  # --diff changes nothing
    code, out, err = run(capsys, "lint", "r.yaml", "--fix")
    fixed = path.read_text(encoding="utf-8")
    assert "您好，产品还在保修期内。" in fixed and "尽快" in fixed  # TF01 has no automatic fix
    assert code == 1 and "applied 2 fix(es)" in err
    assert run(capsys, "lint", "r.yaml", "--fix")[2].startswith("applied 0 fix(es)")  # stable


def test_fix_never_touches_suppressed_spans(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "a.md"
    path.write_text("你好 <!-- aftersales: disable=AD01 -->\n你好\n", encoding="utf-8")
    run(capsys, "lint", "a.md", "--fix")
    assert path.read_text(encoding="utf-8") == "你好 <!-- aftersales: disable=AD01 -->\n您好\n"


def test_fix_from_stdin_prints_the_fixed_text(project: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("你的三保卡"))
    code, out, _ = run(capsys, "lint", "-", "--fix")
    assert out == "您的三包卡"


def test_jobs_give_the_same_findings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "replies").mkdir()
    for i in range(4):
        (project / "replies" / f"f{i}.md").write_text(f"第{i}条：我们研究一下，稍后回复。\n", encoding="utf-8")
    records = "".join(json.dumps({"text": f"{i} 尽快处理"}) + "\n" for i in range(50))
    (project / "big.jsonl").write_text(records, encoding="utf-8")
    # (a folder named on the command line lints every supported file in it, .jsonl too: keep big.jsonl out)
    one = lint_json(capsys, "replies", "--jsonl", "big.jsonl")[1]
    two = lint_json(capsys, "replies", "--jsonl", "big.jsonl", "--jobs", "2")[1]
    assert one == two and len(one) == 4 * 2 + 50


def test_markdown_code_is_not_linted(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Inline code and fenced blocks are examples, not our wording (as in Vale); positions stay right."""
    (project / "doc.md").write_text(
        "搜索示例：`我们研究一下`、``研究一下 ` 也行``。\n"
        "```text\n我们研究一下。\n```\n"
        "~~~\n回头再说\n~~~\n"
        "这个问题我们研究一下。\n", encoding="utf-8")
    code, found = lint_json(capsys, "doc.md")
    assert code == 1
    assert [(f["line"], f["code"]) for f in found] == [(8, "VG01")]
    line8 = "这个问题我们研究一下。"
    col, end = found[0]["column"], found[0]["end_column"]
    assert line8[col - 1:end - 1] == found[0]["match"] and "研究一下" in found[0]["match"]
