"""Named filters (lint/filters/__init__.py): each alone, their scopes with and without punctuation, and the
hookup: `unless:` and `condition.detectors` in rule files, load errors, the schema and the cache."""
from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from aftersales_std.errors import ContentError
from aftersales_std.lint import lint_text, load_rules
from aftersales_std.lint import filters as F
from aftersales_std.lint.detectors.offers import concrete_offers
from aftersales_std.lint.filters import FilterSpec, TextContext, drops, filter_spec
from tests.repo_paths import REPO


def at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def holds(name: str, text: str, part: str, **args: object) -> bool:
    spec = filter_spec({name: args} if args else name)
    start, end = at(text, part)
    return F.FILTERS[name].fn(TextContext(text), start, end, spec)


# --- each filter alone ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, part, expected", [
    ("不用您去找厂家，我们直接给您换", "找厂家", True),
    ("您去找厂家吧，我们不管", "找厂家", False),
    ("這不是您的問題，是我們發錯了貨", "您的問題", True),
    ("我没法保证明天一定到，但今天下午会催仓库", "明天一定到", True),
    ("唔使你搵厂家", "搵厂家", True),
])
def test_negated(text: str, part: str, expected: bool) -> None:
    assert holds("negated", text, part) is expected


@pytest.mark.parametrize("text, part, expected", [
    ("您说‘你们就是在推卸责任’，我理解您的不满", "推卸责任", True),
    ("您反映的异响问题我们已经登记", "异响问题", True),
    ("你们就是在推卸责任", "推卸责任", False),
    ("客户说“一直拖着”我们会跟进", "一直拖着", True),
])
def test_quoted(text: str, part: str, expected: bool) -> None:
    assert holds("quoted", text, part) is expected


@pytest.mark.parametrize("text, part, args, expected", [
    ("这是物流的原因，我们明天上午给您补发", "物流的原因", {}, True),
    ("这是物流的原因。", "物流的原因", {}, False),
    ("这是物流的原因，我们给您补发", "物流的原因", {"time": True}, False),
    ("这是物流的原因，我们明天上午给您补发", "物流的原因", {"time": True}, True),
    ("这是物流的原因。天气不好。我们明天给您补发", "物流的原因", {}, False),  # two sentences on
    ("这是物流的原因。天气不好。我们明天给您补发", "物流的原因", {"after": 2}, True),
])
def test_owned(text: str, part: str, args: dict[str, object], expected: bool) -> None:
    assert holds("owned", text, part, **args) is expected


@pytest.mark.parametrize("text, part, expected", [
    ("我尽量帮您申请，您可以选择换新或者退款", "尽量", True),
    ("具体看情况，明天上午10点师傅上门看", "看情况", True),
    ("我尽量帮您申请。", "尽量", False),
    ("我们尽量想想办法，有消息再说", "尽量", False),
    ("我尽量吧，王工今天下午3点前给您回电", "尽量", True),  # owner + action + time
    ("看情况吧，要么退款要么换货", "看情况", True),
    ("我们明天开会再合计合计", "合计合计", False),  # a time before the hedge does not make it concrete
])
def test_concrete_offer(text: str, part: str, expected: bool) -> None:
    assert holds("concrete_offer", text, part) is expected


@pytest.mark.parametrize("text, part, args, expected", [
    ("我们会尽快处理，最迟25号给您结果", "尽快", {}, True),
    ("我们会尽快处理", "尽快", {}, False),
    ("我们会尽快处理。明天下班前给您结果。", "尽快", {}, False),  # the next sentence
    ("我们会尽快处理。明天下班前给您结果。", "尽快", {"after": 1}, True),
    ("我们马上尽快处理", "尽快", {"kinds": ["clock", "date"]}, False),  # 马上 is immediate, not asked for
    ("马上给您处理", "马上", {}, False),  # what the hit itself says does not count
])
def test_concrete_time(text: str, part: str, args: dict[str, object], expected: bool) -> None:
    assert holds("concrete_time", text, part, **args) is expected


@pytest.mark.parametrize("text, part, expected", [
    ("可能是网线松动，也可能是交换机端口故障。请您先把网线拔下重新插紧", "可能", True),
    ("故障原因可能是门锁回路接触不良 我们的维保组长张工今天下午3点半到现场检查", "可能", True),
    ("可能是静脉炎。请您今天到护士站，护士长陈敏会在今天14:00前为您检查", "可能", True),
    ("应该是表计通讯故障，不影响计费，请放心。", "应该", False),  # no action follows
    ("可能是系统问题，升级一下应该就好了。升级约需 20 分钟", "可能", False),  # a later hedge ends it
    ("應該是馬達老化，大概下個月才有料可以換", "應該", False),
    ("好像是在保修期内，您先寄过来试试。", "好像", False),  # a guess about an entitlement, not a cause
    ("这种情况应该是可以退的，您先申请试试。", "应该", False),
    ("估计问题不大，我们明天上午派人过去", "估计", False),  # a guess about the outcome
    # 换 / 退 inside a cause word is no outcome (换粮, 交换机); 换 as an outcome still is
    ("狗狗吃了拉肚子 可能是换粮太快了哈 建议新旧粮混着喂7天过渡一下", "可能", True),
    ("可能是网线松动，也可能是交换机端口故障。请您先把网线拔下重新插紧", "可能是网线松动，也可能", True),
    ("估计给您换一台，您先把旧机寄回来", "估计", False),
    ("估计能退一半，请您先把订单号发我", "估计", False),
])
def test_cause_then_action(text: str, part: str, expected: bool) -> None:
    assert holds("cause_then_action", text, part) is expected


@pytest.mark.parametrize("text, part, expected", [
    ("这个问题我昨天就回复过您了", "回复", False),  # a past day dates no commitment
    ("今天的订单我们会尽快发", "尽快", False),  # a day as an attribute
    ("化验报告一有结果就即刻通知您", "通知", False),  # 即刻 after an event nobody can date
    ("我们即刻通知您", "通知", True),
    ("这个月套餐多收费的情况，后续会有人跟进", "跟进", False),  # a month before a noun describes the bill
    ("估计这周就会寄出", "寄出", True),
    ("本月底前给您答复", "答复", True),
])
def test_times_that_date_no_commitment(text: str, part: str, expected: bool) -> None:
    assert holds("concrete_time", text, part) is expected


def test_the_first_filter_that_holds_names_itself() -> None:
    text = "不用您去找厂家，我们明天上午给您换"
    ctx = TextContext(text)
    start, end = at(text, "找厂家")
    assert drops([filter_spec("quoted"), filter_spec("negated"), filter_spec("owned")], ctx, start, end) == "negated"
    assert drops([filter_spec("quoted")], ctx, start, end) is None


def test_offers_detector_kinds() -> None:
    found = [(o.text, o.kind) for o in concrete_offers("我尽量帮您申请，您可以选择换新或者退款")]
    assert found == [("可以选择", "options"), ("换新或者退款", "options")]
    assert [o.kind for o in concrete_offers("周五下午3点可以吗")] == ["slot"]
    assert concrete_offers("我们马上看看") == []  # 马上 is no slot
    assert concrete_offers("是质量问题还是人为损坏") == []  # a question, not remedies


# --- scopes ---------------------------------------------------------------------------------------

def test_units_come_from_punctuation_where_there_is_some() -> None:
    text = "您好，我们会尽快处理。明天给您结果。"
    ctx = TextContext(text)
    s, e = at(text, "尽快")
    assert text[slice(*ctx.unit("clause", s, e))] == "我们会尽快处理"
    assert text[slice(*ctx.unit("sentence", s, e))] == "您好，我们会尽快处理"
    assert text[slice(*ctx.unit("sentence", s, e, after=1))] == "您好，我们会尽快处理。明天给您结果"
    assert ctx.unit("reply", s, e) == (0, len(text))
    assert ctx.unit("window", s, e, 2, 2) == (s - 2, e + 2)


def test_units_of_run_on_chat_come_from_particles_and_markers() -> None:
    text = "亲您好这边帮您查了哦物流显示明天到呢您耐心等一下哈我们会尽快催一下快递的"
    ctx = TextContext(text)
    s, e = at(text, "尽快")
    assert text[slice(*ctx.unit("sentence", s, e))] == "我们会尽快催一下快递的"
    assert not holds("concrete_time", text, "尽快")  # 明天 is two sentences back
    assert holds("concrete_time", text, "尽快", before=2)


def test_each_detector_runs_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from aftersales_std.lint.detectors import concrete_time

    calls: list[str] = []
    real = concrete_time.concrete_times

    def counting(text: str):  # type: ignore[no-untyped-def]
        calls.append(text)
        return real(text)

    monkeypatch.setattr(concrete_time, "concrete_times", counting)
    text = "我们会尽快处理，稍后给您回复，尽早告诉您"
    ctx = TextContext(text)
    spec = filter_spec("concrete_time")
    for part in ("尽快", "稍后", "尽早"):
        F.concrete_time(ctx, *at(text, part), spec)
    assert calls == [text]
    assert TextContext("没有线索").folded == "没有线索" and calls == [text]  # nothing asked: nothing run


def test_a_filter_that_needs_no_detector_does_not_run_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from aftersales_std.lint.detectors import negation

    monkeypatch.setattr(negation, "negations", lambda text: pytest.fail("ran the negation detector"))
    assert holds("negated", "您去找厂家吧", "找厂家") is False  # no cue before the hit


# --- specs ----------------------------------------------------------------------------------------

def test_filter_spec_defaults_and_arguments() -> None:
    assert filter_spec("owned") == FilterSpec("owned", "sentence", 0, 1)
    assert filter_spec({"owned": {"scope": "reply", "time": True}}) == FilterSpec("owned", "reply", 0, 1, True)
    assert filter_spec({"concrete_time": {"kinds": ["clock"]}}).kinds == ("clock",)
    with pytest.raises(ValueError, match="unknown filter 'nope'"):
        filter_spec("nope")
    with pytest.raises(ValueError, match="unknown argument 'size'"):
        filter_spec({"owned": {"size": 3}})
    with pytest.raises(ValueError, match="scope 'page'"):
        filter_spec({"owned": {"scope": "page"}})


def test_the_schema_names_exactly_the_registered_filters() -> None:
    schema = json.loads((REPO / "src/aftersales_std/schemas/rule.schema.json").read_text(encoding="utf-8"))
    named = schema["$defs"]["filter"]["oneOf"]
    assert set(named[0]["enum"]) == set(F.FILTERS) == set(named[1]["properties"])
    for entry in F.FILTERS.values():
        assert entry.fn.__doc__, "every filter says what it does"


# --- rule files -----------------------------------------------------------------------------------

RULE = """code: {code}
name: demo.{low}
severity: error
kind: {kind}
message:
  zh-Hans: 坏。
  en: Bad.
patterns: ['{pattern}']
{extra}
refs: ["communication:4.3"]
examples: {{bad: ["{bad}"], good: ["好的"]}}
"""


def rules_with(folder: Path, code: str, kind: str, pattern: str, extra: str, bad: str | None = None):  # type: ignore[no-untyped-def]
    group = folder / "demo"
    group.mkdir(parents=True, exist_ok=True)
    (group / f"{code}.yaml").write_text(RULE.format(code=code, low=code.lower(), kind=kind, pattern=pattern,
                                                    extra=extra, bad=bad or pattern), encoding="utf-8")
    return load_rules(REPO, rules_dir=folder)


def codes(text: str, rules) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in lint_text(text, rules)]


def test_unless_drops_hits_in_order(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, "ZZ20", "existence", "找厂家", "unless: [quoted, negated]")
    assert codes("您直接找厂家吧。", rules) == ["ZZ20"]
    assert codes("不用您去找厂家，我们直接给您换。", rules) == []
    assert codes("您说“让我找厂家”，我们来处理。", rules) == []


def test_a_condition_met_by_a_detector(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, "ZZ21", "conditional", "尽快",
                       "condition:\n  detectors: [concrete_time]\n  scope: sentence\n  after: 1")
    assert codes("我们会尽快处理。", rules) == ["ZZ21"]
    assert codes("我们会尽快处理，25号前给您结果。", rules) == []
    assert codes("我们会尽快处理。周五下班前回复您。", rules) == []  # the next sentence
    assert codes("我们会尽快处理哦周五下班前回复您哈", rules) == []  # no punctuation at all
    assert codes("我们会尽快处理。好的。周五下班前回复您。", rules) == ["ZZ21"]


def test_detector_arguments_override_the_conditions_scope(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, "ZZ22", "conditional", "尽快",
                       "condition:\n  detectors: [{concrete_time: {kinds: [clock]}}]\n  scope: sentence")
    assert codes("我们会尽快处理，25号给您结果。", rules) == ["ZZ22"]
    assert codes("我们会尽快处理，18:00前给您结果。", rules) == []


def test_an_unknown_filter_is_a_load_error_naming_the_rule_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        rules_with(tmp_path, "ZZ23", "existence", "找厂家", "unless:\n  - negated\n  - maybe_fine")
    finding = info.value.findings[0]
    assert finding.path.endswith("ZZ23.yaml") and "maybe_fine" in finding.message and finding.line == 11


def test_a_conditional_rule_may_have_detectors_only_and_model_rules_none(tmp_path: Path) -> None:
    assert rules_with(tmp_path / "a", "ZZ24", "conditional", "稍后", "condition: {detectors: [concrete_time]}")
    with pytest.raises(ContentError):
        rules_with(tmp_path / "b", "ZZ25", "conditional", "稍后", "condition: {scope: sentence}")


def test_compiled_filters_survive_the_cache(tmp_path: Path) -> None:
    from aftersales_std.lint.rules import cache

    rules = rules_with(tmp_path, "ZZ26", "existence", "找厂家", "unless: [negated, {owned: {time: true}}]")
    back = cache.loads(cache.dumps(rules))
    assert back.by_code["ZZ26"].filters == rules.by_code["ZZ26"].filters
    assert codes("不用您去找厂家。", back) == [] and codes("您找厂家吧。", back) == ["ZZ26"]
    assert pickle.loads(pickle.dumps(filter_spec("negated"))) == filter_spec("negated")


# --- the bundled timeframe, vague and uncertain rules, with and without punctuation -------------------

JUDGED = [
    # (reply, the code it must raise, or None for a reply none of TF/VG/UC may flag)
    ("我们会尽快处理，最迟25号前给您结果。", None),
    ("我们会尽快处理。", "TF01"),
    ("您的订单已经到前置仓了，等分拣完就派送。", "TF02"),
    ("零件到了就通知您。", "TF02"),
    ("零件预计周五到，到了当天给您寄出。", None),
    ("我尽量帮您申请，您可以选择换新或者退款。", None),
    ("这个问题我们研究一下。", "VG01"),
    ("您的投诉已记录，后续将由专人跟进。", "VG02"),
    ("可能是网线松动，请您先把网线拔下重新插紧。", None),
    ("应该可以修好。", "UC01"),
    ("大概要一周左右。", "UC01"),
    ("营业时间周一至周五 9:00-18:00，我们会尽快处理。", "TF01"),  # opening hours are no deadline
    # the customer's own hedge restated is not the agent's guess
    ("您说好像少了一个零件，我对照照片看了，确实少了一块侧板，今天就给您补发。", None),
    ("您刚才说大概是上周三开始响的，对吧？我记下了。", None),
    # handed on to nobody in particular, or to "someone", with no time
    ("已经交给相关部门了，您等通知吧。", "VG02"),
    ("情况已经被层层上报了，您放心。", "VG02"),
    ("这件事已经被反映到技术经理那边了，您先开着。", "VG02"),
    ("我们会安排人去收。", "VG02"),
    ("已经反馈给相关同事了，仓库主管王经理今天17:00前给您回电。", None),
    # waiting on someone else's step with no time; the customer's own step is no such wait
    ("已开二级工单，等技术支持回复。", "TF01"),
    ("TDS超标，已建售后二级单，待网点响应。", "TF01"),
    ("已开二级工单，技术支持今天17:00前回复，我再打给您。", None),
    ("期待您的回复。", None),
    # an action after an event nobody dates
    ("等配件回来就给您装上，您放心。", "TF01"),
    ("零件到了就会有人过去换。", "TF01"),
    ("配件周四到，到了就给您装上，周四下午3点师傅上门。", None),
    # a check promised with nothing after it; with a time, or the answer right after it, it is fine
    ("我问一下主任。", "TF01"),
    ("我们核实一下哈", "TF01"),
    ("我核实一下，3分钟后回复您。", None),
    # the agent's own reckoning, and a rule of thumb given as the answer
    ("退款我看问题不大，您先申请试试。", "UC01"),
    ("这种一般是快递员放驿站了，您去附近驿站找找看呢。", "UC01"),
    ("我看了一下，是地址填错了，今天给您重新发出。", None),
    # handling promised in a stock phrase, or left to somebody else, with no time
    ("退费的事情我们会另行安排的，放心哈。", "VG02"),
    ("这个事情已经反映了，上面会给个说法的。", "VG02"),
    ("退费我们会按流程处理，财务王会计明天17:00前给您回电。", None),
]


def _judged(text: str, rules) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.code for f in lint_text(text, rules) if f.code[:2] in ("TF", "VG", "UC")}


@pytest.mark.parametrize("text, code", JUDGED)
def test_judgement_of_the_bundled_rules(repo_rules, text: str, code: str | None) -> None:  # type: ignore[no-untyped-def]
    found = _judged(text, repo_rules)
    assert (code in found) if code else not found, found


@pytest.mark.parametrize("text, code", JUDGED)
def test_the_same_judgement_without_punctuation_or_with_spaces(repo_rules, text: str,  # type: ignore[no-untyped-def]
                                                              code: str | None) -> None:
    import jieba

    bare = "".join(ch for ch in text if ch not in "，。、；：！？,.;:!?（）()") or text
    spaced = " ".join(w for w in jieba.cut(text) if w.strip())
    for variant in (bare, spaced):
        assert bool(_judged(variant, repo_rules)) == bool(code), (variant, _judged(variant, repo_rules))
