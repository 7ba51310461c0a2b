"""Session 8's speed-ups (benchmarks/README.md, "Session 8"), each compared with the plain way: the same
matches, the same words, the same folds. Behaviour only; the timing is in the benchmarks."""
from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from aftersales_std.lint.detectors import _text, attribution, cues
from aftersales_std.lint.text import fold as fold_mod
from repo_paths import lint_label_strings

TEXTS = lint_label_strings()
_WS = "[ \t\n\r\v\f\x85\xa0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
# the clause-gap expression as it was written before (a lookbehind first: tried at every character)
PLAIN_GAP = re.compile(f"(?<=[{fold_mod._CJK}]{{3}}){_WS}+(?=[{fold_mod._CJK}]{{3}})")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="我们会尽快处理您好 \t\n\u3000\u2003ab1，。", max_size=40))
def test_clause_gaps_whitespace_first_equal_the_lookbehind_first_expression(text: str) -> None:
    assert [m.span() for m in fold_mod._GAP.finditer(text)] == [m.span() for m in PLAIN_GAP.finditer(text)]


def test_clause_gaps_equal_on_fixture_and_dev_texts() -> None:
    assert TEXTS
    for text in TEXTS:
        assert [m.span() for m in fold_mod._GAP.finditer(text)] == [m.span() for m in PLAIN_GAP.finditer(text)], text


def test_fold_keep_dict_table_is_the_list_table() -> None:
    text = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000) + "\U0001d400𠀀"
    assert text.translate(_text._keep_bmp()) == text.translate(_text._keep_list())


def test_fold_keep_is_the_same_before_and_after_the_list_table() -> None:
    sample = TEXTS[:200]
    first = [_text.fold_keep(t) for t in sample]  # the first calls of the process may use the dict
    for _ in range(70):
        _text.fold_keep("臺灣ＡＢＣ")
    assert [_text.fold_keep(t) for t in sample] == first == [t.translate(_text._keep_list()) for t in sample]


def test_attribution_gates_hold_wherever_their_shape_matches() -> None:
    """Each shape's gates are necessary conditions: a text where the shape matches passes every gate."""
    generated = [a + b for a in ("是", "可能是", "您", "你们自己", "孩子", "快递") for b in
                 ("没选对", "不小心摔了", "用错了充电器", "快递那边的问题", "系统不让申请", "自己不小心", "下次注意", "使用不当")]
    for text in TEXTS + generated:
        folded = _text.word_view(text)[0]
        for _party, shape, gate, more in attribution._SHAPES:
            if shape.search(folded):
                assert gate.search(folded) and all(g.search(folded) for g in more), (text, shape.pattern[:40])


def test_refusal_cue_equals_the_plain_alternation() -> None:
    plain = re.compile(r"[不没]|无能|无法|无权|无据|难办|自己|再打|缺乏|符合")
    for text in TEXTS + ["无能为力", "很难办", "你自己去", "明天再打来吧", "无法", "无效", "难过", "自行", "我司无权变更",
                         "于法无据", "缺乏依据", "符合规定", "缺货", "符号"]:
        folded = _text.word_view(text)[0]
        assert (cues.REFUSALS.search(folded) is None) == (plain.search(folded) is None), text


def test_matcher_cues_are_the_detectors_own() -> None:
    from aftersales_std.lint import matchers
    from aftersales_std.lint.detectors import commitments, normalising, process_words, refusals
    assert matchers._GATES["commitments"][1] is commitments._CUE
    assert matchers._GATES["refusals"][1] is refusals._CUE
    assert matchers._GATES["normalising"][1] is normalising._CUE
    assert matchers._GATES["process_words"][1] is process_words.CUES


def test_lazy_pattern_behaves_as_the_compiled_one() -> None:
    lazy = _text.lazy(r"(?:没|不)(?:办法|行)")
    plain = re.compile(r"(?:没|不)(?:办法|行)")
    text = "这个我们没办法，不行就算了"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert lazy.search(text).span() == plain.search(text).span()  # type: ignore[union-attr]
    assert lazy.pattern == plain.pattern


def test_jieba_imported_without_pkg_resources_gives_the_same_words() -> None:
    """In a fresh process: jieba imported the package's way cuts as jieba imported plainly, and
    pkg_resources can still be imported afterwards."""
    code = ("import sys\n"
            "from aftersales_std.lint.detectors._text import _import_jieba\n"
            "j = _import_jieba()\n"
            "assert sys.modules.get('pkg_resources', 0) is not None\n"
            "t = j.Tokenizer(); t.initialize()\n"
            "print('|'.join(t.cut('我们会尽快帮您处理这个问题，师傅明天上门', HMM=False)))\n")
    ours = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    plain = subprocess.run([sys.executable, "-c", "import jieba; t = jieba.Tokenizer(); t.initialize(); "
                            "print('|'.join(t.cut('我们会尽快帮您处理这个问题，师傅明天上门', HMM=False)))"],
                           capture_output=True, text=True, check=True).stdout
    assert ours == plain and ours.strip()


_CODE_PIECES = list("ABTDEZabz019+-_./@#* \u3000，号码\u212a") + ["T+1", "ERR 77", "SLA-2", "MID/TID", "pending",
                                                                   "ON-HOLD", "wip", "SF123"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CODE_PIECES), max_size=12).map("".join))
def test_code_matches_equal_the_plain_finditer(text: str) -> None:
    from aftersales_std.lint.detectors import codes
    assert [m.span(1) for m in codes._code_matches(text)] == [m.span(1) for m in codes._CODE.finditer(text)]


def test_code_matches_equal_on_fixture_and_dev_texts() -> None:
    from aftersales_std.lint.detectors import codes
    for text in TEXTS:
        half = text.translate(codes._HALF)
        assert [m.span(1) for m in codes._code_matches(half)] == [m.span(1) for m in codes._CODE.finditer(half)], text


def test_kept_is_fold_keep() -> None:
    for text in TEXTS[:300]:
        assert _text.kept(text) == _text.fold_keep(text)


def test_attribution_later_gate_holds_wherever_a_later_shape_gate_does() -> None:
    """The one search before the later shapes finds something wherever one of their first gates does."""
    generated = ["您自己不小心摔了", "快递不让退", "请您下次注意", "属于使用不当", "没选对型号", "这是正常的"]
    for _party, _shape, gate, _more in attribution._LATER:  # a class gate holds plain characters only
        assert not gate.pattern.startswith("[") or re.fullmatch(r"\[[^\]\\^-]+\]", gate.pattern)
    for text in TEXTS + generated:
        folded = _text.word_view(text)[0]
        if any(gate.search(folded) for _party, _shape, gate, _more in attribution._LATER):
            assert attribution._LATER_GATE.search(folded), text
