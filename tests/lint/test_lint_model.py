"""Model rules (kind: model): scoring, sentence spans, triggers, the engine, loading errors, training."""
from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from aftersales_std.errors import ContentError
from aftersales_std.lint import load_rules
from aftersales_std.lint.matchers.classifier import ModelError, Sentences, from_data, spans, unquote
from aftersales_std.lint.matchers.engine import RuleSet
from aftersales_std.lint.text.fold import fold

from cli_run import run
from repo_paths import REPO


# BL09 and OP09 are off by default (severity "off" in their files: leave-one-source-out they add recall
# in too few sources, eval/lint/results/a020d74-models-loso18.md); DS09 and VG09 are on. These tests
# switch all three of the older ones on, as a project does in aftersales.yaml, and test the machinery.
MODELS_ON = {"BL09": "warning", "DS09": "warning", "OP09": "warning"}
OFF_BY_DEFAULT = ("BL09", "OP09")


def rules_with_models() -> RuleSet:
    from aftersales_std.lint.rules.loader import load_ruleset
    from aftersales_std.project import open_project
    project = open_project(REPO)
    severity = {**(project.lint.get("severity") or {}), **MODELS_ON}
    return load_ruleset(project, lint_config={**project.lint, "severity": severity}, cache=True)


@pytest.fixture(scope="module")
def model_rules() -> RuleSet:
    return rules_with_models()


def toy(**overrides: object) -> dict:
    data = {"format": 1, "category": "blame", "ngrams": [2, 3], "bias": -2.0, "threshold": 0.8,
            "triggers": ["都怪"], "weights": {"都怪": 2.5, "快递": 1.0, "我们": -0.5, "已为": -3.0}}
    data.update(overrides)
    return data


# --- the model itself -------------------------------------------------------------------------------

def test_score_is_bias_plus_the_weights_of_the_distinct_strings() -> None:
    model = from_data(toy())
    text = "都怪快递，都怪快递"  # repeated strings count once (binary features)
    assert model.score(text) == pytest.approx(-2.0 + 2.5 + 1.0)
    assert model.slow_score(text) == model.score(text)
    assert model.probability(text) == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert model.flags(text)  # p = 0.82 >= 0.8
    assert not model.flags("都怪快递，我们已为您补发")  # -0.5 and -3.0 pull it under
    assert model.evidence("都怪快递") == ["都怪", "快递"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="都怪快递我们已为您补发是的问题，。!?“”「」 abc\ud800", max_size=60))
def test_automaton_and_plain_scores_are_identical(text: str) -> None:
    model = from_data(toy(weights={"都怪": 2.5, "快递": 1.0, "我们": -0.5, "已为": -3.0, "的问题": 0.7,
                                   "问题": 0.3, "是的": -0.1, "“”": 0.2}))
    assert model.score(text) == model.slow_score(text)  # exact: math.fsum does not depend on order


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="我们会处理。!?…,.12都怪快递", max_size=300))
def test_sentences_holding_agrees_with_spans(text: str) -> None:
    sentences = Sentences(text)
    for lo, hi, end in spans(text):
        assert 0 <= lo < hi <= end <= len(text)
        assert sentences.holding(lo, lo + 1) == (lo, hi, end)
        assert sentences.holding(hi - 1, hi) == (lo, hi, end)


def test_spans_trim_punctuation_and_split_long_sentences() -> None:
    text = fold("，都怪快递。好的!")
    assert [(text[a:b], text[a:c]) for a, b, c in spans(text)] == [("都怪快递", "都怪快递。"), ("好的", "好的!")]
    long = ",".join(["这是一个很长的分句"] * 20) + "。"
    pieces = list(spans(long))
    assert len(pieces) == 20 and all(b - a <= 120 for a, b, _ in pieces)


def test_a_letters_announcement_ends_its_sentence() -> None:
    # 现将…回复如下： introduces the body of a letter: the body is scored on its own
    text = fold("现将有关情况回复如下：该路段的信号灯已调整。时间如下:3点")
    assert [text[a:b] for a, b, _ in spans(text)] == ["现将有关情况回复如下", "该路段的信号灯已调整", "时间如下", "3点"]
    ratio = fold("比例为1:2。")
    assert [ratio[a:b] for a, b, _ in spans(ratio)] == ["比例为1:2"]  # other colons do not


def test_quoted_words_are_taken_out() -> None:
    assert unquote("客户说:“都怪快递”。") == "客户说:“”。"
    assert unquote("没有引号") == "没有引号"


@pytest.mark.parametrize(("change", "message"), [
    ({"format": 2}, "format"), ({"ngrams": [2, 5]}, "ngrams"), ({"ngrams": [3, 2]}, "ngrams"),
    ({"ngrams": [3, 3]}, "3 to 3"), ({"bias": "x"}, "bias"),
    ({"threshold": 1.0}, "threshold"), ({"weights": {}}, "weights"), ({"weights": {"一": 1.0}}, "2 to 3"),
    ({"weights": {"都怪": True}}, "number"), ({"triggers": []}, "triggers"),
])
def test_bad_model_data_says_what_is_wrong(change: dict, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        from_data(toy(**change))


def test_a_model_of_other_string_lengths_scores_them_all() -> None:
    """ngrams [1, 4]: single characters and 4-character strings weigh too, the same with or without
    the automaton."""
    model = from_data(toy(ngrams=[1, 4], weights={"怪": 1.0, "都怪快递": 2.0, "快递": 0.5, "已为": -3.0}))
    assert model.ngrams == (1, 4)
    assert model.score("都怪快递") == pytest.approx(-2.0 + 1.0 + 2.0 + 0.5)
    assert model.slow_score("都怪快递") == model.score("都怪快递")
    assert model.evidence("都怪快递") == ["都怪快递"]


# --- in the engine ---------------------------------------------------------------------------------

RULE = """code: BL99
name: blame.toy-model
severity: warning
kind: model
model: BL99.model.json
message:
  zh-Hans: 这句话读起来像在推卸责任（依据：{evidence}）。
  en: "Reads as blame (because of {evidence})."
refs: ["communication:4.4"]
examples:
  bad: ["这次延误都怪快递，跟商家没关系。"]
  good: ["我们已为您补发，明天送达。"]
"""


def toy_rules(folder: Path, rule: str = RULE, data: dict | str | None = None) -> Path:
    group = folder / "blame"
    group.mkdir(parents=True, exist_ok=True)
    (group / "BL99.yaml").write_text(rule, encoding="utf-8")
    if data is not None:
        (group / "BL99.model.json").write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False),
                                               encoding="utf-8")
    return folder


def test_a_model_rule_reports_the_sentence_with_its_original_positions(tmp_path: Path) -> None:
    rules = load_rules(REPO, rules_dir=toy_rules(tmp_path / "r", data=toy()))
    text = "您好！包裹  晚到，都 怪快递太慢了。我们明天联系您。"
    hits = rules.scan(text)
    assert [(h.rule.code, h.match) for h in hits] == [("BL99", "包裹  晚到，都 怪快递太慢了")]
    assert text[hits[0].start:hits[0].end] == hits[0].match
    assert rules.scan("都是快递太慢了。") == []  # no trigger: not scored at all
    assert rules.scan("客户说：“都怪快递太慢了”。") == []  # the customer's words
    message = hits[0].rule.format_message("zh-Hans", hits[0].match, None)
    assert message == "这句话读起来像在推卸责任（依据：“都怪”、“快递”）。"


def test_every_automaton_gives_the_same_model_hits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = toy_rules(tmp_path / "r", data=toy())
    texts = ["都怪快递。", "好的，都怪快递！都怪快递", "“都怪快递”", "都\u3000怪 快递 {{ x }}", "都怪"]
    expected = [[(h.rule.code, h.start, h.end) for h in load_rules(REPO, rules_dir=folder).scan(t)] for t in texts]
    for env in ("AFTERSALES_NO_AHOCORASICK_RS", "AFTERSALES_NO_AHOCORASICK"):
        monkeypatch.setenv(env, "1")
        rules = load_rules(REPO, rules_dir=folder)
        assert [[(h.rule.code, h.start, h.end) for h in rules.scan(t)] for t in texts] == expected
        assert [[(h.rule.code, h.start, h.end) for h in hits] for hits in rules.scan_many(texts)] == expected


def test_the_bundled_model_rules_are_off_unless_the_config_switches_them_on(
        repo_rules: RuleSet, model_rules: RuleSet, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "洗衣机排水不畅，是您家下水管自己装得不规范造成的。"
    assert not set(OFF_BY_DEFAULT) & repo_rules.by_code.keys() and "DS09" in repo_rules.by_code
    assert repo_rules.scan(text) == []
    assert [(h.rule.code, h.rule.severity) for h in model_rules.scan(text)] == [("BL09", "warning")]
    # through the command line: a project whose aftersales.yaml switches one on
    project = tmp_path / "proj"
    shutil.copytree(REPO / "tests" / "fixtures" / "lint" / "project", project)
    shutil.copytree(REPO / "checks", project / "checks")
    reply = project / "reply.txt"
    reply.write_text(text + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "lint", "--project", str(project), str(reply))
    assert code == 0 and "BL09" not in out
    config = yaml.safe_load((project / "aftersales.yaml").read_text("utf-8")) or {}
    config.setdefault("lint", {})["severity"] = {"BL09": "warning"}
    (project / "aftersales.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    code, out, _ = run(capsys, "lint", "--project", str(project), str(reply))
    assert code == 1 and "BL09 warning" in out
    code, out, _ = run(capsys, "rules", "--project", str(REPO))
    assert code == 0 and all(f"{c}  " in out for c in MODELS_ON)
    assert [line.split()[2] for line in out.splitlines() if line.split()[:1] in (["BL09"], ["DS09"], ["OP09"])] == [
        "off", "warning", "off"]


@pytest.mark.parametrize("written", ['"off"', "off"])
def test_a_rule_file_may_say_severity_off(tmp_path: Path, written: str) -> None:
    folder = toy_rules(tmp_path / "r", RULE.replace("severity: warning", f"severity: {written}"), toy())
    assert load_rules(REPO, rules_dir=folder).scan("这次延误都怪快递，跟商家没关系。") == []  # examples still checked


def test_a_model_adds_nothing_where_a_rule_of_its_group_reports(model_rules: RuleSet) -> None:
    codes = [h.rule.code for h in model_rules.scan("这是厂家的问题，我们也没办法。")]
    assert "BL01" in codes and "BL09" not in codes
    assert [h.rule.code for h in model_rules.scan("洗衣机排水不畅，是您家下水管自己装得不规范造成的。")] == ["BL09"]


def test_keyed_scan_with_the_models_on_never_drops_a_match(model_rules: RuleSet) -> None:
    """The brute-force scan of test_lint_engine, with the model rules on: every sentence that holds a
    trigger scored without the automaton gives the same hits."""
    from test_lint_engine import _reference_scan
    replies = yaml.safe_load((REPO / "tests" / "fixtures" / "lint" / "eval.yaml").read_text(encoding="utf-8"))
    # the phrase rules report nearly every reply of eval.yaml before a model may: replies the models
    # report (the examples of the model rules) are added so that the model path is taken
    texts = [r["text"] for r in replies["replies"]][1::4] + [
        "洗衣机排水不畅，是您家下水管自己装得不规范造成的。", "您这个问题改天再来问吧。", "具体怎么处理，要等上面的意见。", "这件事我们会协调相关部门处理。",
        "您好，洗衣机排水不畅，是您家下水管自己装得不规范造成的，您这个问题改天再来问吧。您的问题我们已经记录了，会有结果的。"]
    assert sum(h.rule.model is not None for t in texts for h in model_rules.scan(t)) >= 4
    for text in texts:
        assert [(h.rule.code, h.start, h.end) for h in model_rules.scan(text)] == _reference_scan(model_rules, text), text


def test_bundled_models_are_small_readable_and_cover_their_training_flags() -> None:
    for path in sorted((REPO / "checks").rglob("*.model.json")):
        data = json.loads(path.read_text("utf-8"))
        model = from_data(data)
        # 0.8, or calibrated for precision on the independent sources (loso --final: VG09 0.9084)
        assert 100 <= len(model.weights) <= 2000 and 0.8 <= model.threshold < 1
        assert path.stat().st_size < 64_000
        assert data["trigger_cover"] == 1.0 and data["trigger_share"] < 0.05
        assert data["cv"]["false_positives_on_acceptable"] <= 0.01
        rule = path.with_name(path.name.replace(".model.json", ".yaml"))
        assert yaml.safe_load(rule.read_text("utf-8"))["model"] == path.name


# --- loading errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "message"), [
    (None, "BL99.model.json not found"),
    ("{not json", "line 1 column 2"),
    (toy(threshold=2), "threshold must be a probability"),
])
def test_a_broken_model_file_is_reported_at_the_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   data: dict | str | None, message: str) -> None:
    folder = toy_rules(tmp_path / "r", data=data)
    reply = tmp_path / "reply.txt"
    reply.write_text("都怪快递。", encoding="utf-8")
    code, out, err = run(capsys, "lint", "--project", str(REPO), "--rules", str(folder), str(reply))
    assert code == 2 and "Traceback" not in out + err
    assert "blame/BL99.yaml:5:8: LT001 rule BL99: model:" in out and message in out


def test_a_model_rule_takes_no_patterns_and_needs_a_model(tmp_path: Path) -> None:
    folder = toy_rules(tmp_path / "r", RULE.replace("model: BL99.model.json\n", "model: BL99.model.json\npatterns: ['x']\n"),
                       toy())
    with pytest.raises(ContentError) as info:
        load_rules(REPO, rules_dir=folder)
    assert "takes no tokens, patterns" in info.value.findings[0].message
    folder = toy_rules(tmp_path / "s", RULE.replace("model: BL99.model.json\n", ""), toy())
    with pytest.raises(ContentError) as info:
        load_rules(REPO, rules_dir=folder)
    assert "model" in info.value.findings[0].message


def test_rules_explains_a_model_rule(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "BL09")
    assert code == 0 and "kind: model" in out and "weighted strings, threshold 0.8" in out
    assert "cross-validation: recall" in out and "strongest for:" in out
    data = json.loads(run(capsys, "rules", "BL09", "--format", "json")[1])
    assert data["model"]["threshold"] == 0.8 and data["model"]["trained"]["replies"] > 5000


# --- training -------------------------------------------------------------------------------------------

def labels(path: Path) -> Path:
    bad = [f"{what}这个{thing}都怪{who}，跟我们没关系。" for what in ("唉，", "嗯，", "")
           for thing in ("延误", "破损", "错发", "漏发") for who in ("快递", "仓库", "厂家")]
    good = [f"{thing}的情况我们已为您登记，{who}会在明天{h}点前联系您。" for thing in ("延误", "破损", "错发", "漏发")
            for who in ("王工", "客服小李", "师傅") for h in (10, 15, 18)]
    replies = [{"lang": "zh-Hans", "expect": ["blame"], "text": t} for t in bad] + \
              [{"lang": "zh-Hans", "expect": [], "text": t} for t in good]
    path.write_text(yaml.safe_dump({"version": 1, "replies": replies}, allow_unicode=True), encoding="utf-8")
    return path


def test_train_writes_a_model_that_a_rule_can_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sklearn")
    folder = toy_rules(tmp_path / "r")
    output = folder / "blame" / "BL99.model.json"
    first = labels(tmp_path / "a.yaml")
    second = tmp_path / "b.yaml"
    shutil.copy(first, second)
    accept = tmp_path / "replies.md"
    accept.write_text("您的包裹已由快递发出，明天送达。\n", encoding="utf-8")
    code, out, err = run(capsys, "rules", "train", "blame", str(first), str(second), "--acceptable", str(accept),
                         "--output", str(output))
    assert code == 0, err
    assert "BL99.model.json: blame" in out and "cross-validation (3 groups of files)" in err
    data = json.loads(output.read_text("utf-8"))
    assert data["trained"]["replies"] == 145 and data["trained"]["positives"] == 72
    assert data["trigger_cover"] == 1.0
    rules = load_rules(REPO, rules_dir=folder)  # its examples hold
    assert [h.rule.code for h in rules.scan("这次破损都怪物流，跟我们没关系。")] == ["BL99"]
    assert rules.scan("破损的情况我们已为您登记，王工会在明天10点前联系您。") == []


def test_train_takes_folders_of_label_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder (eval/lint/dev, eval/lint/train) gives its *.yaml label files: the same model as naming them."""
    pytest.importorskip("sklearn")
    folder = tmp_path / "train"
    folder.mkdir()
    first = labels(folder / "a.yaml")
    shutil.copy(first, folder / "b.yaml")
    (folder / "README.md").write_text("not a label file", encoding="utf-8")
    by_files, by_folder = tmp_path / "files.json", tmp_path / "folder.json"
    assert run(capsys, "rules", "train", "blame", str(first), str(folder / "b.yaml"), "--output", str(by_files))[0] == 0
    code, out, err = run(capsys, "rules", "train", "blame", str(folder), "--output", str(by_folder))
    assert code == 0, err
    assert "from 2 label file(s)" in out
    assert json.loads(by_folder.read_text("utf-8")) == json.loads(by_files.read_text("utf-8"))
    (tmp_path / "empty").mkdir()
    code, _out, err = run(capsys, "rules", "train", "blame", str(tmp_path / "empty"), "--output", str(by_folder))
    assert code == 2 and "no label files" in err


def test_train_refuses_bad_input_without_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sklearn")
    output = tmp_path / "m.json"
    output.write_text('{"kept": true}', encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("replies: [ {text: 'x'\n", encoding="utf-8")
    code, out, err = run(capsys, "rules", "train", "blame", str(broken), "--output", str(output))
    assert code == 2 and "broken.yaml:2:1: LT003" in out and "Traceback" not in out + err
    few = tmp_path / "few.yaml"
    few.write_text(yaml.safe_dump({"replies": [{"text": "都怪快递", "expect": ["blame"]}]}, allow_unicode=True), "utf-8")
    code, _out, err = run(capsys, "rules", "train", "blame", str(few), "--output", str(output))
    assert code == 2 and "too few replies" in err
    assert run(capsys, "rules", "train", "blame", str(few), "--output", str(tmp_path / "m.txt"))[0] == 2
    assert json.loads(output.read_text("utf-8")) == {"kept": True}  # nothing lost


def test_triggers_are_a_cheap_cover_of_the_flagged_replies() -> None:
    """Every flagged reply holds a trigger; a string common in acceptable sentences (甲乙, in half of
    them) is never one, though it is in two flagged replies; only positive strings are."""
    from aftersales_std.lint_tools.train import TRIGGER_MAX_SHARE, _triggers
    weights = {"甲乙": 2.0, "丙丁": 1.0, "戊己": 1.0, "庚辛": 0.7, "负数": -1.0}
    flagged = ["甲乙丙丁", "甲乙戊己", "丙丁啊", "负数庚辛"]
    benign = ["甲乙好"] * 50 + ["丙丁好"] + ["好好"] * 49
    chosen, rate = _triggers(weights, flagged, benign)
    assert all(any(g in t for g in chosen) for t in flagged)
    assert "甲乙" not in chosen and "负数" not in chosen and set(chosen) <= set(weights)
    assert rate == 0.01 and 0.5 > TRIGGER_MAX_SHARE
    assert chosen == ["丙丁", "庚辛", "戊己"]  # 丙丁, in one acceptable sentence, covers the two replies left


def test_triggers_that_hold_another_trigger_are_not_looked_for() -> None:
    from aftersales_std.lint.matchers.engine import minimal
    assert minimal(["任何问", "任何", "何问", "", "保证", "我们保证"]) == ["任何", "何问", "保证"]


def test_a_long_text_with_thousands_of_sentences_and_hits(model_rules: RuleSet) -> None:
    """One 'sentence' of 6,000 clauses (cut into pieces for the model) and 12,000 hits: each model
    trigger finds its piece by bisection and each model hit its overlaps by bisection (this took
    22 s for 128,000 characters when both were linear scans)."""
    text = "这是厂家的问题，是您家自己装的，" * 6000
    hits = model_rules.scan(text)
    assert len(hits) == 12000
    assert {h.rule.code for h in hits[:2]} == {"BL01", "BL09"}
    assert all(text[h.start:h.end] == h.match for h in hits)


def test_loso_calibrates_the_threshold_on_the_independent_sources_only() -> None:
    """tools/loso.py: the calibrated threshold is at least 0.8 and flags no acceptable reply of the
    independent files out of fold (fp_target 0); the fixtures' acceptable replies do not count."""
    pytest.importorskip("sklearn")
    from aftersales_std.lint_tools.loso import calibrate
    bad = [f"{what}这个{thing}都怪{who}，跟我们没关系。" for what in ("唉，", "嗯，", "")
           for thing in ("延误", "破损", "错发", "漏发") for who in ("快递", "仓库", "厂家")]
    good = [f"{thing}的情况我们已为您登记，{who}会在明天{h}点前联系您。" for thing in ("延误", "破损", "错发", "漏发")
            for who in ("王工", "客服小李", "师傅") for h in (10, 15, 18)]
    tricky = [f"{thing}的事我们核实过了，跟{who}没关系，我们明天{h}点前给您补发。" for thing in ("延误", "破损")
              for who in ("快递", "仓库") for h in (10, 15)]
    labelled = [(f"fixture{i % 3}.yaml", t, {"blame"}) for i, t in enumerate(bad)] + \
               [(f"fixture{i % 3}.yaml", t, set()) for i, t in enumerate(good)] + \
               [(f"dev{i % 2}.yaml", t, set()) for i, t in enumerate(tricky)] + \
               [(f"dev{i % 2}.yaml", t, {"blame"}) for i, t in enumerate(bad[:8])]
    threshold, info = calibrate(labelled, "blame", 3.0, 0.0, independent=frozenset({"dev0.yaml", "dev1.yaml"}))
    assert 0.8 <= threshold < 1 and info["oof_fp"] == 0 and info["acceptable"] == len(tricky)
    assert info["positives"] == 8  # only the independent files' replies are counted


# --- VG09, on by default (session 8: leave-one-source-out on 15 sources; retrained on 18 in session 9, on the 20
# in-domain sources in session 10: 具体怎么处理，要等上面的意见。 holds none of its trigger strings now) ---
# (这个问题比较复杂，还得再看看。 was a third example: the session-9 model scores it 0.942, under its
# calibrated threshold 0.9465; the session-8 one scored it 0.946 against 0.9084.)

@pytest.mark.parametrize("text", ["您的问题我们已经记录了，会有结果的。", "这件事我们会协调相关部门处理。"])
def test_vg09_is_on_by_default_and_flags_a_vague_reply(repo_rules: RuleSet, text: str) -> None:
    assert [(h.rule.code, h.rule.severity) for h in repo_rules.scan(text)] == [("VG09", "warning")]


@pytest.mark.parametrize("text", ["退款已在今天14:20原路退回，1-3个工作日到账。",
                                  "我已为您登记换货，快递员明天上午上门取件。",
                                  "能否补偿由售后主管审核，今天17:00前电话告诉您结果。"])
def test_vg09_leaves_a_concrete_reply_alone(repo_rules: RuleSet, text: str) -> None:
    assert repo_rules.scan(text) == []


def test_vg09_can_be_switched_off(tmp_path: Path) -> None:
    from aftersales_std.lint.rules.loader import load_ruleset
    from aftersales_std.project import open_project
    project = open_project(REPO)
    rules = load_ruleset(project, lint_config={**project.lint, "severity": {"VG09": "off"}})
    assert "VG09" not in rules.by_code and rules.scan("您的问题我们已经记录了，会有结果的。") == []


# --- DS09, on by default since session 9 (leave-one-source-out on 18 sources: more in 9 of 17) ----------

@pytest.mark.parametrize("text", ["您这个问题改天再来问吧。", "后面还有人排队呢，您这个问题改天再来问吧。"])
def test_ds09_is_on_by_default_and_flags_a_brush_off(repo_rules: RuleSet, text: str) -> None:
    assert ("DS09", "warning") in [(h.rule.code, h.rule.severity) for h in repo_rules.scan(text)]


@pytest.mark.parametrize("text", ["冰箱运行时有轻微声音属于正常现象，如果您觉得声音比以往大，我可以安排师傅明天上门检查。",
                                  "我已为您登记换货，快递员明天上午上门取件。"])
def test_ds09_leaves_a_helpful_reply_alone(repo_rules: RuleSet, text: str) -> None:
    assert repo_rules.scan(text) == []


def test_ds09_can_be_switched_off() -> None:
    from aftersales_std.lint.rules.loader import load_ruleset
    from aftersales_std.project import open_project
    project = open_project(REPO)
    rules = load_ruleset(project, lint_config={**project.lint, "severity": {"DS09": "off"}})
    assert "DS09" not in rules.by_code
    assert "DS09" not in {h.rule.code for h in rules.scan("您这个问题改天再来问吧。")}
