"""A deprecated glossary term is flagged only in its concept's domain (the concept's `term_context`)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from aftersales_std.lint import lint_text, load_rules
from aftersales_std.lint.matchers.engine import RuleSet
from aftersales_std.lint.rules import in_context
from cli_run import run

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "lint"


def tm01(text: str, rules: RuleSet) -> list[str]:
    return [f.match for f in lint_text(text, rules) if f.code == "TM01"]


def test_shelf_life_of_food_and_cosmetics_is_right(repo_rules: RuleSet) -> None:
    for text in ["这款猫粮保质期是18个月 您收到的这批是今年3月生产的 到明年9月才到期 放心喂哈",
                 "牛奶的保质期只有7天哈 收到后请放冰箱冷藏",
                 "口红的保质期是开封后12个月，未开封是3年。",
                 "清洗用的除垢剂保质期是两年，那批已经过期，建议不要再用。",
                 "這款奶粉的保質期是18個月，生產日期印在罐底。"]:
        assert tm01(text, repo_rules) == [], text


def test_a_warranty_period_called_shelf_life_is_flagged(repo_rules: RuleSet) -> None:
    assert tm01("您的沙发还在保质期内，安装师傅12月10日上午会上门免费维修。", repo_rules) == ["保质期"]
    assert tm01("车架的保质期是5年，电池是2年。", repo_rules) == ["保质期"]  # no word of another domain
    # a word of another domain does not excuse it where the sentence is about repair
    assert tm01("这批电池的生产日期是今年3月，还在保质期内，坏了可以免费维修。", repo_rules) == ["保质期"]
    # only the sentence counts: the next one may be about milk
    assert tm01("冰箱还在保质期内。牛奶请放冷藏室。", repo_rules) == ["保质期"]


def test_in_context_rules() -> None:
    own, other = re.compile("维修"), re.compile("奶粉")
    assert in_context((own, other), "保质期内免费维修")
    assert not in_context((own, other), "奶粉的保质期")
    assert in_context((own, other), "奶粉保质期内坏了维修")  # both: its own domain wins
    assert in_context((own, other), "保质期两年")  # neither: flagged
    assert not in_context((own, None), "保质期两年")  # domain words alone: flagged only with one of them
    assert in_context((own, None), "保质期内免费维修")
    assert in_context((None, None), "保质期两年")


def test_context_comes_from_the_glossary_not_the_rule(tmp_path: Path) -> None:
    rule = yaml.safe_load((REPO / "checks" / "terms" / "TM01.yaml").read_text(encoding="utf-8"))
    assert not any("奶粉" in e or "保质期" in e for e in rule["exceptions"])  # no food list in the rule
    project = tmp_path / "proj"
    shutil.copytree(FIXTURES / "project", project)
    shutil.copytree(REPO / "checks", project / "checks")
    text = "这款奶粉的保质期是18个月。"
    assert tm01(text, load_rules(project, cache=False)) == ["保质期"]  # this glossary says nothing of food
    concept = project / "glossary" / "concepts" / "warranty-period.yaml"
    concept.write_text(concept.read_text(encoding="utf-8") + "term_context:\n  domain: [维修]\n",
                       encoding="utf-8")
    rules = load_rules(project, cache=False)
    assert tm01(text, rules) == []  # domain words only: flagged only next to one of them
    assert tm01("产品还在保质期内，维修免费。", rules) == ["保质期"]


def test_validate_refuses_a_malformed_term_context(tmp_path: Path, capsys, monkeypatch) -> None:
    project = tmp_path / "proj"
    shutil.copytree(FIXTURES / "project", project)
    concept = project / "glossary" / "concepts" / "warranty-period.yaml"
    concept.write_text(concept.read_text(encoding="utf-8") + "term_context:\n  domian: [维修]\n", encoding="utf-8")
    monkeypatch.chdir(project)
    code, out, _err = run(capsys, "validate")
    assert code == 2 and "warranty-period.yaml" in out and "domian" in out
