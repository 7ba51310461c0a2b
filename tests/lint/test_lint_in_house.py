"""The glossary's in-house words (designations marked `in_house: true`) checked by JG02, and AS316."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from aftersales_std.lint import lint_text, load_rules
from aftersales_std.lint.matchers.engine import RuleSet
from aftersales_std.lint.rules import customer_wording, in_house_swaps
from aftersales_std.lint.rules.loader import project_glossary
from aftersales_std.project import open_project
from cli_run import run

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "lint"


def jg02(text: str, rules: RuleSet) -> list[tuple[str, str | None]]:
    return [(f.match, f.suggestion) for f in lint_text(text, rules) if f.code == "JG02"]


def test_the_bundled_in_house_words_are_flagged_with_the_customer_wording(repo_rules: RuleSet) -> None:
    assert jg02("退款已经原返了，请留意。", repo_rules) == [("原返", "退款")]
    assert jg02("亲亲这边的电话是只能外呼的哦", repo_rules) == [("外呼", "回电")]
    assert jg02("您下次进线直接报订单号就可以", repo_rules) == [("进线", "服务热线")]
    assert [m for m, _ in jg02("已經幫您轉接坐席，請稍候。", repo_rules)] == ["坐席"]  # traditional script too


def test_an_in_house_word_explained_at_once_is_fine(repo_rules: RuleSet) -> None:
    assert jg02("退款已原返（即按原支付方式退回），今天 18:00 前到账。", repo_rules) == []
    assert jg02("我们这边外呼，也就是由我们打电话给您，今天 17:00 前。", repo_rules) == []


def test_the_plain_wording_is_not_flagged(repo_rules: RuleSet) -> None:
    for text in ["退款已按原支付方式退回，今天 18:00 前到账。", "我们会在今天 17:00 前打电话给您。",
                 "您联系客服时报一下订单号就可以。", "客服专员王敏会在今天 16:00 前回电。"]:
        assert jg02(text, repo_rules) == [], text


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(FIXTURES / "project", root)
    shutil.copytree(REPO / "checks", root / "checks")
    return root


def _concept(root: Path, terms: dict[str, list[dict[str, object]]]) -> None:
    concepts = root / "glossary" / "concepts"
    concepts.mkdir(parents=True, exist_ok=True)
    (concepts / "queue-word.yaml").write_text(yaml.safe_dump({
        "id": "queue-word", "status": "valid", "domain": "测试",
        "terms": terms,
        "definition": {"zh-Hans": "测试用的概念。", "en": "A concept for the test."},
    }, allow_unicode=True), encoding="utf-8")


def test_a_team_records_its_own_in_house_word_and_the_linter_checks_it(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _concept(root, {"zh-Hans": [{"designation": "异常退款", "status": "preferred"},
                                {"designation": "拦退", "status": "admitted", "in_house": True}],
                    "en": [{"designation": "blocked refund", "status": "preferred"}]})
    rules = load_rules(root)
    assert jg02("您的订单已经拦退了。", rules) == [("拦退", "异常退款")]
    assert jg02("您的订单已按异常退款处理。", rules) == []


def test_customer_wording_skips_in_house_and_deprecated_designations(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _concept(root, {"zh-Hans": [{"designation": "外呼回访", "status": "preferred", "in_house": True},
                                {"designation": "电话回访", "status": "admitted"}],
                    "en": [{"designation": "outbound follow-up call", "status": "preferred"}]})
    rules = load_rules(root)
    assert jg02("下周会给您外呼回访。", rules) == [("外呼回访", "电话回访")]
    glossary = project_glossary(open_project(root))
    assert glossary is not None
    concept = next(c for c in glossary.concepts if c.id == "queue-word")
    assert customer_wording(concept, "zh-Hans") == "电话回访"
    swaps, _protect, _hant = in_house_swaps(glossary)
    assert swaps["外呼回访"] == ["电话回访"]


def test_an_in_house_word_with_nothing_to_suggest_is_a_content_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "proj"
    shutil.copytree(FIXTURES / "project", root)  # the glossary alone: no rules naming standards
    _concept(root, {"zh-Hans": [{"designation": "拦退", "status": "preferred", "in_house": True}],
                    "en": [{"designation": "blocked refund", "status": "preferred"}]})
    monkeypatch.chdir(root)
    code, out, err = run(capsys, "validate")
    assert code != 0
    assert "AS316" in out + err and "queue-word.yaml" in out + err and "拦退" in out + err
    # with a designation a customer understands, the same glossary is valid
    _concept(root, {"zh-Hans": [{"designation": "拦退", "status": "admitted", "in_house": True},
                                {"designation": "异常退款", "status": "preferred"}],
                    "en": [{"designation": "blocked refund", "status": "preferred"}]})
    code, out, err = run(capsys, "validate")
    assert code == 0, out + err


def test_exports_and_the_site_mark_in_house_words() -> None:
    import json

    from aftersales_std.sitegen.concept import _designation_list
    from aftersales_std.termbase import export
    from aftersales_std.termbase.snapshot import load_glossary

    glossary = load_glossary(open_project(REPO))
    data = json.loads(export(glossary, "json"))
    refund = next(c for c in data["concepts"] if c["id"] == "refund")
    marked = [d for d in refund["terms"]["zh-Hans"] if d.get("in_house")]
    assert [d["designation"] for d in marked] == ["原返"]
    assert all("in_house" not in d for d in refund["terms"]["en"])
    concept = glossary.get("refund")
    assert concept is not None
    shown = _designation_list(concept.terms["zh-Hans"])
    assert "原返（许用，内部用语，不对客户说" in shown, shown
