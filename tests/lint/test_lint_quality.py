"""Quality floors on the labelled evaluation set, and the bundled reply templates lint clean."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aftersales_std.cli import main
from aftersales_std.lint.matchers.engine import RuleSet
from aftersales_std.lint_tools.evaluate import evaluate

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "lint"
CATEGORIES = {"vague", "timeframe", "blame", "dismissive", "uncertain", "address", "overpromise", "jargon", "terms"}


def load(name: str) -> list[dict]:
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))["replies"]


def test_eval_set_shape() -> None:
    replies = load("eval.yaml")
    assert len(replies) >= 300
    hant = [r for r in replies if r["lang"] == "zh-Hant"]
    assert len(hant) >= len(replies) / 3 - 5
    acceptable = [r for r in replies if not r["expect"]]
    assert 0.4 <= len(acceptable) / len(replies) <= 0.6
    labelled = {c for r in replies for c in r["expect"]}
    assert labelled == CATEGORIES
    assert len({r["text"] for r in replies}) == len(replies)


HOLDOUTS = ["holdout2.yaml", "holdout3.yaml", "holdout4.yaml", "holdout5.yaml", "holdout6.yaml"] + \
    [f"holdout{n}.yaml" for n in range(7, 36)]
# Blind sets the phrase rules were never generalised on; the model rules were trained on them.
MODEL_TUNED = [f"holdout{n}.yaml" for n in range(36, 48)]
# The last blind round (eight writers): measured once on the rules and models as committed and never
# tuned on (recall 0.91-0.96 each, 0.94 pooled), so its floors sit a little under what it measured
# rather than at what tuning reaches.
FINAL_BLIND = [f"holdout{n}.yaml" for n in range(48, 56)]


@pytest.mark.parametrize("name, size", [("holdout2.yaml", 150), ("holdout3.yaml", 100), ("holdout4.yaml", 100),
                                        ("holdout5.yaml", 80), ("holdout6.yaml", 60)]
                         + [(f"holdout{n}.yaml", 125) for n in range(7, 56)])
def test_blind_set_shape(name: str, size: int) -> None:
    replies = load(name)
    assert len(replies) >= size
    assert len({r["text"] for r in replies}) == len(replies)
    assert {c for r in replies for c in r["expect"]} <= CATEGORIES
    assert 0.4 <= sum(1 for r in replies if not r["expect"]) / len(replies) <= 0.6
    assert sum(1 for r in replies if r["lang"] == "zh-Hant") >= len(replies) / 3 - 5


@pytest.fixture(scope="module")
def model_rules() -> RuleSet:
    """The repository's rules with the model rules (BL09, DS09, OP09) switched on: the floors below
    were set with them, and they were trained on these very files. Off by default (benchmarks/README.md,
    "What the model rules add"), so these floors test the model machinery on its training data, not
    the default linter's judgement; the default rules are measured on eval/lint/ instead."""
    from test_lint_model import rules_with_models
    return rules_with_models()


# Floors a little under what the rules reach (benchmarks/README.md), so that an engine change that moves
# one or two replies does not fail CI, while a real regression does. The blind sets were each measured
# once before the rules were generalised on them (recall 0.52-0.55 for holdout3-6, 0.71-0.92 for
# holdout7-47; the model rules were trained on all of them); these floors hold the rules to what they
# reach after that. Precision (per category) is held lower on holdout7-55: their writers file some
# replies under one of two fitting categories (blame or dismissive, vague or timeframe) where the
# rules report both; the targets are recall and false positives on acceptable replies.
@pytest.mark.parametrize("name, recall_floor, fp_ceiling, precision_floor",
                         [("eval.yaml", 0.97, 0.02, 0.97), ("holdout.yaml", 0.95, 0.03, 0.95)]
                         + [(n, 0.93, 0.03, 0.9 if n in HOLDOUTS[:5] else 0.85) for n in HOLDOUTS]
                         + [(n, 0.90, 0.04, 0.85) for n in MODEL_TUNED]
                         + [(n, 0.88, 0.03, 0.85) for n in FINAL_BLIND])
def test_quality_floors(model_rules: RuleSet, name: str, recall_floor: float, fp_ceiling: float,
                        precision_floor: float) -> None:
    replies = load(name)
    report = evaluate(replies, model_rules)
    assert report.overall.recall >= recall_floor, report.misses
    # Blame and dismissal overlap (您找别家吧 sends the customer away and shifts the case; 说明书您没仔细看吧
    # blames and brushes off): a reply labelled with one and reported under the other is no false alarm
    # for precision. Alarms on acceptable replies count in full (fp_rate).
    expect = {r["text"]: set(r["expect"]) for r in replies}
    sibling = {"blame": "dismissive", "dismissive": "blame"}
    alarms = [(c, t) for c, t in report.false_alarms if sibling.get(c) not in expect.get(t, set())]
    precision = report.overall.tp / (report.overall.tp + len(alarms)) if report.overall.tp + len(alarms) else 1.0
    assert precision >= precision_floor, alarms
    assert report.fp_rate <= fp_ceiling, report.false_alarms
    if name in FINAL_BLIND or name in MODEL_TUNED:
        return  # rules untuned: a category of 3-12 labels may miss a few; the sets are judged as a whole
    for cat, stats in report.categories.items():
        assert stats.recall >= recall_floor - 0.15, (cat, stats)


@pytest.mark.parametrize("models", [False, True], ids=["default", "models on"])
def test_hard_negatives_from_the_issue_stay_clean(repo_rules: RuleSet, model_rules: RuleSet, models: bool) -> None:
    rules = model_rules if models else repo_rules
    for text in ["我们会尽快处理，最迟明天18:00前给您答复。", "请您看看保修卡上的购买日期。",
                 "您应该已经收到了我们的短信通知。", "您说“你们会看看怎么处理”，我们已安排工程师今天下午上门。",
                 "可能是电源适配器故障，工程师明天上午10点前上门检测。", "我們無法保證非原廠零件的品質。",
                 "RMA（退货授权编号）已生成，请在包裹上注明。", "为了 尽快 定位问题，请您提供故障视频。"]:
        assert rules.scan(text) == [], text


def test_bundled_reply_templates_lint_clean(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code = main(["lint", "templates/replies"])
    out, _ = capsys.readouterr()
    assert code == 0, out


# Issue 14's own examples (blame, dismissal, overpromise by paraphrase) and their hard negatives: a
# cause followed by ownership, negated blame or dismissal, "I can't promise X, but ...".
@pytest.mark.parametrize(("text", "code"), [
    ("初步判断属于操作方式的原因", "BL03"), ("这是平台规则定的", "BL03"), ("您这个属于使用不当", "BL03"),
    ("这不是跟您说过了吗", "DS02"), ("肯定不会再出问题", "OP01"), ("包您满意", "OP01"),
    ("亲 您联系下快递哦", "BL03"), ("这个是骑手的问题哈 跟我们平台没关系的", "BL01"),
    ("别家客户都用得好好的", "DS02"), ("色差是正常现象哦", "DS03"), ("我这边做主给您免掉全年的服务费", "OP01"),
])
def test_paraphrased_blame_dismissal_and_overpromise_are_flagged(repo_rules: RuleSet, text: str, code: str) -> None:
    assert code in {h.rule.code for h in repo_rules.scan(text)}, text


@pytest.mark.parametrize("text", [
    "初步判断属于操作方式的原因，我们免费为您更换。", "这是平台规则定的，我们今天下午为您办理退款。",
    "您这个属于使用不当，我们先帮您免费检测，明天上午告诉您结果。",
    "不是您的问题，我们明天给您补发。", "不用您去找厂家，我们直接给您换。", "不用您去找厂家 我来联系 今天下午3点前回复您",
    "我不能保证明天一定到，但今天下午会催仓库。", "我没法跟您打包票说绝对不会坏，但是我们提供180天保修。",
    "运行时有轻微声音属于正常现象，如果您觉得比以往大，我可以安排师傅明天上午上门检查。",
    "您说“你们就是在推卸责任”，我理解您的不满，已安排主管今天18:00前给您回电。",
    "我们保证在48小时内给出检测结论。", "为保证安装顺利，请您提前清空橱柜。", "是我们的失误，本次上门费全部免除。",
])
def test_owned_negated_or_quoted_blame_dismissal_and_overpromise_are_fine(repo_rules: RuleSet, text: str) -> None:
    found = {h.rule.code for h in repo_rules.scan(text)} & {"BL01", "BL02", "BL03", "DS01", "DS02", "DS03", "OP01"}
    assert not found, (text, found)
