"""Detectors as matchers (lint/matchers/__init__.py): a rule's hits from a detector, JG01 with `codes`."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aftersales_std.errors import ContentError
from aftersales_std.lint import lint_text, load_rules
from aftersales_std.lint.matchers.engine import RuleSet

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "lint"

RULE = """code: ZZ05
name: demo.codes
severity: warning
kind: existence
message:
  zh-Hans: “{{match}}”没有解释。
  en: "\\"{{match}}\\" is not explained."
tokens: [二线]
matchers: [{matcher}]
refs: ["communication:4.9"]
examples: {{bad: ["状态是PEND。"], good: ["状态是待处理。"]}}
"""


def codes(text: str, rules: RuleSet) -> list[tuple[str, str]]:
    return [(f.code, f.match) for f in lint_text(text, rules)]


def demo_rules(tmp_path: Path, matcher: str = "codes", project: Path = REPO) -> RuleSet:
    folder = tmp_path / "rules" / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ZZ05.yaml").write_text(RULE.format(matcher=matcher), encoding="utf-8")
    return load_rules(project, rules_dir=tmp_path / "rules", cache=False)


def test_jg01_reports_unexplained_codes_of_any_trade(repo_rules: RuleSet) -> None:
    assert ("JG01", "OOW") in codes("您这台是OOW的，需要付费维修。", repo_rules)
    assert ("JG01", "T+3") in codes("证书的话T+3出哦 到时候在个人中心下载就行", repo_rules)
    assert ("JG01", "E07") in codes("【安澜燃气】您的表具已上报E07异常，请知悉。", repo_rules)
    # explained, an identifier, a unit or a product: nothing
    for text in ["您的手机已进入 RMA 流程（即寄回厂家维修中心维修）。", "您的订单号 AB12345678 已受理。",
                 "洗衣机显示 E21 表示排水超时，请先清理过滤器。", "您购买的是 64G 版本，糖安G3血糖仪已寄出。"]:
        assert [c for c in codes(text, repo_rules) if c[0] == "JG01"] == [], text


def test_a_code_the_list_already_reports_is_reported_once(repo_rules: RuleSet) -> None:
    assert codes("请提供 RMA 编号。", repo_rules).count(("JG01", "RMA")) == 1


def test_codes_in_quotes_and_placeholders_are_not_ours(repo_rules: RuleSet) -> None:
    assert codes("您说“系统一直显示PEND”，我们已安排工程师今天 18:00 前回电。", repo_rules) == []
    assert codes("请在 {{ SLA_DEADLINE }} 前回复，工单 {{ ticket }} 已登记。", repo_rules) == []


def test_scan_and_scan_many_agree(repo_rules: RuleSet) -> None:
    texts = ["状态是PEND，已转2L", "", "您好", "退款T+1到账", "RMA（退货授权）号稍后发您"]
    assert repo_rules.scan_many(texts) == [repo_rules.scan(t) for t in texts]


def test_a_matcher_rule_loads_from_a_rule_file(tmp_path: Path) -> None:
    rules = demo_rules(tmp_path)
    assert codes("已转二线，状态是PEND。", rules) == [("ZZ05", "二线"), ("ZZ05", "PEND")]


def test_an_unknown_matcher_is_a_load_error_naming_the_rule_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        demo_rules(tmp_path, matcher="cdoes")
    finding = info.value.findings[0]
    assert finding.path.endswith("ZZ05.yaml") and "matchers" in finding.message and "cdoes" in finding.message


def test_customer_facing_codes_from_the_glossary_are_accepted(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    shutil.copytree(FIXTURES / "project", project)
    concept = project / "glossary" / "concepts" / "warranty-period.yaml"
    text = concept.read_text(encoding="utf-8")
    # an abbreviation customers use themselves, marked in the glossary
    concept.write_text(text.replace("    - designation: 保质期\n",
                                    "    - designation: PWK码\n      status: admitted\n      customer_facing: true\n"
                                    "    - designation: 保质期\n"), encoding="utf-8")
    rules = demo_rules(tmp_path, project=project)
    assert codes("请把机身上的PWK码发给我们，状态是PEND。", rules) == [("ZZ05", "PEND")]
    without = demo_rules(tmp_path / "plain")
    assert ("ZZ05", "PWK") in codes("请把机身上的PWK码发给我们，状态是PEND。", without)


RULE_WITH_EXCEPTION = RULE.replace("matchers: [{matcher}]\n", "matchers: [{matcher}]\n{extra}")


def test_a_matchers_hits_pass_the_rules_exceptions_and_condition(tmp_path: Path) -> None:
    """A detector's hit is accepted as a phrase's is: the rule's exceptions and condition patterns drop it
    (before session 11 only its detectors and unless filters did)."""
    for extra, text in [("exceptions: ['PEND(?:即|也就是)']\n", "状态是PEND即待处理。"),
                        ("kind: conditional\ncondition: {patterns: ['已为您'], scope: sentence}\n",
                         "状态是PEND，已为您加急。")]:
        folder = tmp_path / extra[:4] / "rules" / "demo"
        folder.mkdir(parents=True)
        body = RULE_WITH_EXCEPTION.format(matcher="codes", extra=extra)
        if extra.startswith("kind:"):
            body = body.replace("kind: existence\n", "")
        (folder / "ZZ05.yaml").write_text(body, encoding="utf-8")
        rules = load_rules(REPO, rules_dir=folder.parent, cache=False)
        assert codes("状态是PEND。", rules) == [("ZZ05", "PEND")]
        assert codes(text, rules) == [], extra


def test_bl03_takes_an_admitted_fault_for_ownership(repo_rules: RuleSet) -> None:
    assert [c for c in codes("這是我們美甲師操作不當，這次費用全退。", repo_rules) if c[0] == "BL03"] == []
    assert [c for c in codes("是我排班时把您家地址写错了，阿姨现在改道过去。", repo_rules) if c[0] == "BL03"] == []
    assert ("BL03", "与酒店无关") in codes("房间的烟味是前一位客人留下的，与酒店无关。", repo_rules)
    assert [c for c in codes("这是使用者的问题，不属于我行责任。", repo_rules) if c[0] == "BL03"] != []
