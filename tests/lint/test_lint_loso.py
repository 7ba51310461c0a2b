"""lint_tools/loso.py on tiny synthetic sources: every source held out in turn, models trained and
calibrated without it, the held-out source scored with and without them."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from repo_paths import REPO

WHO = ("物流那边", "仓储那边", "供应商", "安装队", "财务那头", "门店那边")
THING = ("包裹晚到", "配件缺了", "发票开错", "漆面划了", "退款慢了", "屏幕碎了")


def write_source(folder: Path, name: str, k: int, blame: str = "{thing}这事得甩给{who}，他们弄的。",
                 span: str = "得甩给{who}", split: str | None = None) -> Path:
    """A source with blame replies (甩给 someone, a made-up wording the phrase rules do not list) and
    acceptable ones."""
    replies = []
    for i, thing in enumerate(THING):
        for j, who in enumerate(WHO):
            if (i + j + k) % 2:
                text = blame.format(thing=thing, who=who)
                replies.append({"id": f"{name}-{i}{j}", "text": text,
                                "expect": [{"category": "blame", "span": span.format(who=who)}]})
            else:
                text = f"{thing}的情况我已登记，{who}会在明天{10 + j}点前联系您。"
                replies.append({"id": f"{name}-{i}{j}", "text": text, "expect": []})
    path = folder / f"{name}.yaml"
    head = {"version": 1, "source": name, **({"split": split} if split else {})}
    path.write_text(yaml.safe_dump({**head, "replies": replies}, allow_unicode=True), "utf-8")
    return path


def test_each_source_is_held_out_and_scored_with_and_without_the_models(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from aftersales_std.lint_tools.loso import Setup, held_out, source_files, tables
    for k, name in enumerate(("s1", "s2", "s3")):
        write_source(tmp_path, name, k)
    (tmp_path / "notes.txt").write_text("not a label file", "utf-8")
    sources = tuple(source_files([tmp_path]))
    assert [p.stem for p in sources] == ["s1", "s2", "s3"]  # folders give their *.yaml files
    setup = Setup(REPO, sources, ("blame",), 3.0, 0.0, 5, fixtures=(), acceptable=())
    results = [held_out(setup, held) for held in sources]
    for r in results:
        rules, model, both = (r["scores"][k] for k in ("rules", "+blame", "+all"))
        assert rules["labels"]["blame"] == model["labels"]["blame"] == 18 and rules["acceptable"] == 18
        assert model["caught"]["blame"] >= rules["caught"]["blame"]  # a model only adds findings
        assert model["caught"]["blame"] == 18  # the wording learnt from the two other sources
        assert both["fp"] >= rules["fp"] == 0
        assert 0.8 <= r["calibration"]["blame"]["threshold"] < 1
        assert r["calibration"]["blame"]["acceptable"] == 36  # the other two sources, out of fold
    out = tables(results, ("blame",))
    assert "| BL09 blame |" in out and "3/3" in out and "| **all 3** |" in out


POT = "{thing}这口锅归{who}背。"  # another made-up blame wording, which nothing in 甩给's sources teaches


def test_train_only_files_are_trained_on_in_every_fold_and_never_scored(tmp_path: Path) -> None:
    """A train-only file (`--train`, eval/lint/train/) changes the fitted models but is never held out,
    never scored and never counted in the calibration: s3 says blame in a wording only the train-only
    file also uses, so s3's model learns it from that file alone."""
    pytest.importorskip("sklearn")
    from aftersales_std.lint_tools.loso import Setup, held_out, source_files, train_only_labels
    dev, train = tmp_path / "dev", tmp_path / "train"
    dev.mkdir()
    train.mkdir()
    write_source(dev, "s1", 0)
    write_source(dev, "s2", 1)
    write_source(dev, "s3", 0, blame=POT, span="这口锅归{who}背")
    write_source(train, "t1", 1, blame=POT, span="这口锅归{who}背", split="train")
    sources, extra = tuple(source_files([dev])), tuple(source_files([train]))
    without = Setup(REPO, sources, ("blame",), 3.0, 0.0, 5, fixtures=(), acceptable=())
    with_train = dataclasses.replace(without, train_only=extra)
    before = {s.stem: held_out(without, s) for s in sources}
    after = {s.stem: held_out(with_train, s) for s in sources}
    assert after["s3"]["train_only"] == ["t1.yaml"] and before["s3"]["train_only"] == []
    for name in ("s1", "s2", "s3"):
        b, a = before[name], after[name]
        assert a["scores"]["rules"] == b["scores"]["rules"]  # the held-out source, scored as before
        assert a["scores"]["+blame"]["labels"] == b["scores"]["+blame"]["labels"] == {"blame": 18}
        assert a["scores"]["+blame"]["acceptable"] == 18  # t1's 18 acceptable replies are not counted
        # calibrated on the other two sources' acceptable replies only, never on t1's
        assert a["calibration"]["blame"]["acceptable"] == b["calibration"]["blame"]["acceptable"] == 36
    assert before["s3"]["scores"]["+blame"]["caught"].get("blame", 0) < 18  # 甩给 does not teach 锅归…背
    assert after["s3"]["scores"]["+blame"]["caught"]["blame"] == 18  # t1 does
    assert after["s3"]["calibration"]["blame"]["weights"] != before["s3"]["calibration"]["blame"]["weights"]
    with pytest.raises(ValueError, match="may not also be a source"):
        train_only_labels(sources[:1], sources)  # a source cannot be train-only too


def test_train_only_paths_must_exist_and_hold_label_files(tmp_path: Path) -> None:
    from aftersales_std.lint_tools.loso import main
    for name in ("s1", "s2"):
        write_source(tmp_path, name, 0)
    with pytest.raises(SystemExit):
        main([str(tmp_path), "--train", str(tmp_path / "missing")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(SystemExit):
        main([str(tmp_path), "--train", str(tmp_path / "empty")])
    with pytest.raises(SystemExit):  # a source given as train-only too
        main([str(tmp_path), "--train", str(tmp_path / "s1.yaml")])


def test_the_command_line_names_its_categories() -> None:
    from aftersales_std.lint_tools.loso import main
    with pytest.raises(SystemExit):
        main(["--categories", "weather", "eval/lint/dev"])


def _naive_triggers(weights: dict[str, float], flagged: list[str], benign: list[str]) -> list[str]:
    """train._triggers as first written (each string searched for in every text), for comparison."""
    from aftersales_std.lint_tools.train import TRIGGER_MAX_SHARE
    positive = sorted(g for g, w in weights.items() if w > 0)
    share = {g: sum(g in s for s in benign) / max(1, len(benign)) for g in positive}
    spare = [g for g in positive if share[g] <= TRIGGER_MAX_SHARE]
    chosen: list[str] = []
    uncovered = list(flagged)
    while uncovered and spare:
        best = min(spare, key=lambda g: ((share[g] + 1e-4) / max(1e-9, sum(g in t for t in uncovered)), g))
        if not any(best in t for t in uncovered):
            break
        chosen.append(best)
        spare.remove(best)
        uncovered = [t for t in uncovered if best not in t]
    return sorted(chosen) or positive[:1]


def test_triggers_are_the_cover_the_string_search_gives() -> None:
    import random
    from aftersales_std.lint_tools.train import _triggers
    rng = random.Random(7)
    alphabet = "甩给物流那边仓储供应商我们已登记明天联系您的情况"
    flagged = ["".join(rng.choice(alphabet) for _ in range(rng.randint(4, 14))) for _ in range(60)]
    benign = ["".join(rng.choice(alphabet) for _ in range(rng.randint(4, 14))) for _ in range(400)]
    grams = sorted({t[i:i + n] for t in flagged for n in (1, 2, 3, 4) for i in range(len(t) - n + 1)})
    weights = {g: rng.choice((-1.0, 0.5, 1.0)) for g in grams[::3]}
    chosen, rate = _triggers(weights, flagged, benign)
    assert chosen == _naive_triggers(weights, flagged, benign)
    assert len(chosen) > 3  # a cover of several strings, not the fallback
    assert rate == sum(any(g in s for g in chosen) for s in benign) / len(benign)


def test_the_primed_matrix_fits_what_the_vectorizer_fits() -> None:
    pytest.importorskip("sklearn")
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from aftersales_std.lint_tools import loso
    from aftersales_std.lint_tools.train import _fit
    texts = [f"{thing}这事得甩给{who}。" for thing in THING for who in WHO]
    texts += [f"{thing}我已登记，{who}明天{10 + j}点前联系您。" for thing in THING for j, who in enumerate(WHO)]
    labels = [i < 36 for i in range(len(texts))]
    loso.prime(texts + ["别的句子不会进入训练。"], "chars", (2, 3))
    part = texts[::2]  # a fit on some of the primed texts: min_df counts their rows only
    expected = _fit(CountVectorizer, LogisticRegression, part, labels[::2], 3.0)
    assert loso.fit(part, labels[::2], 3.0, (2, 3), "balanced", "chars") == expected
    assert loso._MATRIX[0].fit(part, labels[::2], 3.0, "balanced") == expected
    loso._MATRIX.clear()


def test_extra_features_are_keys_no_text_holds() -> None:
    from aftersales_std.lint_tools.loso import CUE, PAIR, WORD, FeatureModel, cue_features, features
    text = "维修师傅明天下午3点前上门，我们已为您安排。"
    chars = features(text)
    assert "维修" in chars and "维修师" in chars and all(2 <= len(f) <= 3 for f in chars)
    words = features(text, "words") - chars
    assert WORD + "维修" in words and any(f.startswith(PAIR) for f in words)
    assert CUE + "time" in cue_features(text)
    assert CUE + "time" not in cue_features("我们会尽快处理，请您耐心等待。")
    assert all(f.startswith("\x00") for f in features(text, "words+cues") - chars)
    model = FeatureModel(bias=-1.0, threshold=0.5, weights={"上门": 0.5, CUE + "time": 2.0}, triggers=("上门",),
                         kind="cues")
    assert model.score(text) == pytest.approx(1.5)  # the cue's weight counts, not only the string's
    plain = FeatureModel(bias=-1.0, threshold=0.5, weights={"上门": 0.5, CUE + "time": 2.0}, triggers=("上门",))
    assert plain.score(text) == pytest.approx(-0.5)  # chars: strings of the text only


def test_several_fp_targets_come_from_one_calibration(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from aftersales_std.lint_tools.loso import Setup, held_out, source_files
    for k, name in enumerate(("s1", "s2", "s3")):
        write_source(tmp_path, name, k)
    sources = tuple(source_files([tmp_path]))
    setup = Setup(REPO, sources, ("blame",), 3.0, 0.0, 5, fixtures=(), acceptable=(), more_targets=(0.5,))
    r = held_out(setup, sources[0])
    more = r["more"]["0.5"]
    assert more["scores"]["rules"] == r["scores"]["rules"]
    # a looser target never gives a higher threshold
    assert more["calibration"]["blame"]["threshold"] <= r["calibration"]["blame"]["threshold"]
    assert more["calibration"]["blame"]["oof_fp"] >= r["calibration"]["blame"]["oof_fp"]


def test_final_thresholds_are_for_character_models_only() -> None:
    from aftersales_std.lint_tools.loso import main
    with pytest.raises(SystemExit):
        main(["--final", "--features", "words", "eval/lint/dev"])


def test_sentence_units_put_the_category_on_the_sentence_holding_the_span(tmp_path: Path) -> None:
    from aftersales_std.lint_tools.loso import OTHER, labelled_from_dev, sentence_units
    text = "您好，已收到您的反馈。这事得甩给物流那边，他们弄的。有问题再联系。"
    units = sentence_units(text, [("blame", "得甩给物流那边")])
    assert [c for _t, c in units] == [{OTHER}, {"blame"}, {OTHER}]
    assert "甩给" in units[1][0] and "甩给" not in units[0][0] + units[2][0]
    assert sentence_units(text, [("blame", "不在文中的片段")]) == []  # a span not found: stays whole
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "source": "s", "replies": [
        {"id": "a", "text": text, "expect": [{"category": "blame", "span": "得甩给物流那边"}]},
        {"id": "b", "text": "好的，明天10点前给您回电。", "expect": []}]}, allow_unicode=True), "utf-8")
    assert [e for _n, _t, e in labelled_from_dev(path)] == [{"blame"}, set()]
    assert [e for _n, _t, e in labelled_from_dev(path, "sentence")] == [{OTHER}, {"blame"}, {OTHER}, set()]


def test_calibrating_on_sentences_scores_a_long_reply_by_its_best_sentence() -> None:
    """calibrate(score_unit="sentence") gives a held-out reply the highest probability of its sentences,
    as the runtime reports a reply when one of its sentences reaches the threshold. A long acceptable
    reply whose sentences each hold a little of the wording learnt as blame scores near 1 whole and far
    lower sentence by sentence, so it no longer drives the threshold to its ceiling."""
    pytest.importorskip("sklearn")
    from aftersales_std.lint_tools.loso import calibrate
    bad = [f"{thing}这事得甩给{who}，他们弄的。" for thing in THING for who in WHO]
    good = [f"{thing}的情况我已登记，{who}会在明天{10 + j}点前联系您。" for thing in THING for j, who in enumerate(WHO)]
    # each sentence names someone else (as the blame replies do) and is fine; together they weigh a lot
    letter = "".join(f"{who}已经收到{thing}的登记。" for thing, who in zip(THING, WHO))
    labelled = ([(f"fixture{i % 3}.yaml", t, {"blame"}) for i, t in enumerate(bad)]
                + [(f"fixture{i % 3}.yaml", t, set()) for i, t in enumerate(good)]
                + [(f"dev{i % 2}.yaml", t, {"blame"}) for i, t in enumerate(bad[:8])]
                + [(f"dev{i % 2}.yaml", t, set()) for i, t in enumerate(good[:8])]
                + [("dev0.yaml", letter, set()), ("dev1.yaml", letter, set())])
    indep = frozenset({"dev0.yaml", "dev1.yaml"})
    whole, info_whole = calibrate(labelled, "blame", 3.0, 0.0, independent=indep)
    best, info_best = calibrate(labelled, "blame", 3.0, 0.0, independent=indep, score_unit="sentence")
    assert info_best["acceptable"] == info_whole["acceptable"] == 10
    assert info_best["positives"] == info_whole["positives"] == 8
    assert 0.8 <= best <= whole < 1
    assert info_best["oof_fp"] == 0
