"""`aftersales rules` (list, explain), `rules import-prh`, `lint --rules DIR` and the pre-commit hooks."""
from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cli_run import run

REPO = Path(__file__).resolve().parents[2]


def test_rules_lists_every_rule_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    listed = {line.split()[0] for line in out.splitlines()}
    on_disk = {p.stem for p in (REPO / "checks").rglob("*.yaml")}
    assert code == 0 and listed == on_disk
    data = json.loads(run(capsys, "rules", "--format", "json")[1])
    assert all(r["refs"] and r["examples"]["bad"] for r in data)


def test_rules_code_explains_one_rule(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "tf01")
    assert code == 0
    assert out.startswith("TF01 timeframe.no-concrete-time")
    assert "communication:4.3" in out and "flagged: 我们会尽快为您处理。" in out
    assert run(capsys, "rules", "XX99")[0] == 2


def test_rules_code_shows_what_the_compiled_rule_runs(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The explanation is read off the rule's spec, as the linter compiles it: what it looks for (phrases,
    patterns, detector matchers) and what makes a match fine (exceptions, condition with its detectors,
    the `unless` filters in their order)."""
    from aftersales_std.lint.rules.loader import load_ruleset
    from aftersales_std.project import open_project_or_bundled

    rules = {r.code: r for r in load_ruleset(open_project_or_bundled(None)).rules}
    for code in ("TF01", "BL03", "JG01"):
        spec = rules[code].spec
        assert spec is not None
        out = run(capsys, "rules", code)[1]
        looks = next(line for line in out.splitlines() if line.startswith("  looks for: "))
        if spec.patterns:
            assert f"{len(spec.patterns)} patterns" in looks
        for name in spec.matchers:
            assert name in looks
        fine = next(line for line in out.splitlines() if line.startswith("  fine when: "))
        if spec.unless:
            assert "unless (in order): " + ", ".join(n for n, _ in spec.unless) in fine \
                or all(n in fine for n, _ in spec.unless)
        if spec.condition is not None:
            for name, _args in spec.condition.detectors:
                assert name in fine
    assert "detectors concrete_time" in run(capsys, "rules", "TF01")[1]
    assert "detectors: codes" in run(capsys, "rules", "JG01")[1]


def test_rules_explain_cites_the_clause_text(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code, out, _ = run(capsys, "rules", "AD01")
    if (REPO / "standards" / "communication.yaml").is_file():
        assert "clause not found" not in out


PRH = """version: 1
rules:
  - expected: 三包
    pattern: 三保
    prh: 《部分商品修理更换退货责任规定》的说法
  - expected: 售后服务
    patterns: [售後服務, 售后服物]
  - expected: 服务工单
    pattern: /服务(?:单子|单)/
    specs:
      - from: 请提供服务单号
        to: 请提供服务工单号
  - expected: JavaScript
    pattern: /javascript/i
    specs: [{from: javascript, to: JavaScript}]
"""


def test_import_prh_writes_rules_that_lint(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    dictionary = tmp_path / "prh.yml"
    dictionary.write_text(PRH, encoding="utf-8")
    out_dir = tmp_path / "rules"
    code, out, err = run(capsys, "rules", "import-prh", str(dictionary), "--output", str(out_dir))
    assert code == 0, err
    written = sorted(p.name for p in out_dir.iterdir())
    # a regular expression whose matches can be listed joins the substitutions (fixable) since issue 13
    assert written == ["PR01.yaml"]
    first = yaml.safe_load((out_dir / "PR01.yaml").read_text(encoding="utf-8"))
    assert first["kind"] == "substitution" and first["swap"]["三保"] == "三包" and first["swap"]["售后服物"] == "售后服务"
    assert first["swap"]["服务单"] == "服务工单" and first["swap"]["javascript"] == "JavaScript"
    assert "imported 4 prh entries, merged 0 duplicate(s), skipped 0" in err
    target = tmp_path / "reply.md"
    target.write_text("本机享受三保，请提供服务单号。\n", encoding="utf-8")
    code, out, _ = run(capsys, "lint", "--rules", str(out_dir), "--format", "json", str(target))
    found = json.loads(out)["findings"]
    assert {(f["code"], f["match"]) for f in found} == {("PR01", "三保"), ("PR01", "服务单")}
    assert run(capsys, "rules", "import-prh", str(tmp_path / "none.yml"), "--output", str(out_dir))[0] == 2


def hooks() -> list[dict]:
    return yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_pre_commit_hooks_are_well_formed() -> None:
    ids = {h["id"] for h in hooks()}
    assert ids == {"aftersales-lint", "aftersales-lint-fix"}
    for hook in hooks():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert re.search(hook["files"], "templates/replies/repair.yaml")
        assert re.search(hook["files"], "replies/refund.md")
        assert hook["types"] == ["text"]
        # reply templates only by default (issue 13): READMEs, CI configs and other docs are not linted
        for other in ("README.md", "docs/reply.md", ".github/workflows/ci.yml", "mkdocs.yml", "site/index.md"):
            assert not re.search(hook["files"], other), other
        assert re.search(hook["exclude"], "checks/vague/VG01.yaml")


@pytest.mark.parametrize("hook_id", ["aftersales-lint", "aftersales-lint-fix"])
def test_pre_commit_hook_entries_run(project: Path, hook_id: str) -> None:
    hook = next(h for h in hooks() if h["id"] == hook_id)
    entry = shlex.split(hook["entry"])
    assert entry[0] == "aftersales"
    command = [sys.executable, "-m", "aftersales_std", *entry[1:]]
    (project / "ok.md").write_text("您好，王工明天 10:00 上门。\n", encoding="utf-8")
    (project / "bad.md").write_text("你好，本机享受三保服务。\n", encoding="utf-8")
    assert subprocess.run([*command, "ok.md"], cwd=project, capture_output=True).returncode == 0
    result = subprocess.run([*command, "bad.md"], cwd=project, capture_output=True, text=True)
    if hook_id == "aftersales-lint":
        assert result.returncode == 1 and "AD01" in result.stdout
    else:
        assert (project / "bad.md").read_text(encoding="utf-8") == "您好，本机享受三包服务。\n"
        assert result.returncode == 0
