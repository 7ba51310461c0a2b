"""lint/rules/explain.py: one account of a rule (what it looks for, what makes a match fine) for `aftersales
rules CODE` and the site's rule reference, read off the typed spec the linter compiles."""
from __future__ import annotations

from pathlib import Path

from aftersales_std.assemble import load_model
from aftersales_std.lint.rules.explain import LABELS, describe, label, lines_en, lines_zh
from aftersales_std.lint.filters import FILTERS
from aftersales_std.lint.matchers import MATCHERS
from aftersales_std.lint.rules.spec import spec_of
from aftersales_std.project import open_project

REPO = Path(__file__).resolve().parents[2]


def _specs():  # type: ignore[no-untyped-def]
    model = load_model(open_project(REPO))
    return model, {doc.code: spec_of(doc) for doc in model.rules}


def test_every_filter_detector_and_matcher_has_words() -> None:
    # a new filter or matcher needs its words here, or the site and `rules CODE` show a bare name
    assert set(FILTERS) | set(MATCHERS) <= set(LABELS), sorted(set(FILTERS) | set(MATCHERS) - set(LABELS))
    assert label("no-such-filter") == "no-such-filter"


def test_each_part_of_a_spec_is_shown() -> None:
    model, specs = _specs()
    for code, spec in specs.items():
        how = describe(spec, model.glossary)
        looks, fine = lines_zh(how)
        english = "\n".join(lines_en(how))
        for name, _ in spec.unless:
            assert label(name, "zh-Hans") in fine and name in english, (code, name)
        if spec.condition is not None:
            for name, _ in spec.condition.detectors:
                assert any(label(name, "zh-Hans") in line for line in fine), (code, name)
        for name in spec.matchers:
            assert any(label(name, "zh-Hans") in line for line in looks), (code, name)
        if spec.patterns:
            assert f"{len(spec.patterns)} 个句式" in "".join(looks) and f"{len(spec.patterns)} patterns" in english
        if spec.exceptions:
            assert any(f"{len(spec.exceptions)} 种已知的合格用法" in line for line in fine), code


def test_glossary_rule_counts_what_the_glossary_adds() -> None:
    model, specs = _specs()
    tm = next(s for s in specs.values() if s.code == "TM01")
    how = describe(tm, model.glossary)
    assert how.glossary_phrases > 10  # the bundled glossary has dozens of deprecated designations
    assert describe(tm, None).glossary_phrases == 0
    looks, _ = lines_zh(how)
    assert f"（共 {how.glossary_phrases} 个）" in looks[0]
    assert f"{how.glossary_phrases} phrases from the glossary" in lines_en(how)[0]
    # JG02 counts the in-house designations (原返 is its own example word, so not counted again)
    jg = describe(next(s for s in specs.values() if s.code == "JG02"), model.glossary)
    in_house = {d.text for c in model.glossary.concepts for ds in c.terms.values() for d in ds if d.in_house}
    assert jg.glossary_phrases == len(in_house - {"原返"}) > 0
    assert lines_zh(jg)[0][0].startswith("术语库派生的说法：术语库中标为内部用语")


def test_scope_words() -> None:
    from aftersales_std.lint.rules.explain import _where_zh
    assert _where_zh("sentence", 1, 1) == "同一句及前 1 句、后 1 句中"
    assert _where_zh("clause", 0, 1) == "同一分句及后 1 分句中"
    assert _where_zh("clause", 0, 0) == "同一分句中"
    assert _where_zh("window", 40, 40) == "前后 40 字内"
    assert _where_zh("window", 1, 3) == "前 1 字到后 3 字内"
    assert _where_zh("reply", 0, 0) == "整条回复中"
    model, specs = _specs()
    timed = [s for s in specs.values() if s.condition and s.condition.scope == "sentence"
             and ("concrete_time", ()) in s.condition.detectors]
    assert timed
    c = timed[0].condition
    _, fine = lines_zh(describe(timed[0], model.glossary))
    assert _where_zh("sentence", c.before, c.after) + label("concrete_time", "zh-Hans") in fine
