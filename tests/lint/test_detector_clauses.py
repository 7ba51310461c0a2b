"""The clause splitter: punctuation, particles, address words, markers; never inside a jieba word."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from aftersales_std.lint.detectors._text import fold_keep, tokens
from aftersales_std.lint.detectors.clauses import clause_at, clauses, sentences

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lint"
PUNCT = re.compile(r"[，。！？、；：,.!?;:~～…]")

SPLIT = [
    ("亲您好这边帮您查了哦物流显示明天到呢您耐心等一下哈",
     ["亲", "您好", "这边帮您查了哦", "物流显示明天到呢", "您耐心等一下哈"]),
    ("好的呢亲我帮您登记一下然后明天安排师傅上门吧", ["好的呢", "亲", "我帮您登记一下", "然后明天安排师傅上门吧"]),
    ("王先生您好不用您去找厂家", ["王先生", "您好", "不用您去找厂家"]),
    ("收到，我们今天寄出。谢谢！", ["收到", "我们今天寄出", "谢谢"]),
    ("已经补发了[微笑]单号稍后发您😊好吗", ["已经补发了", "单号稍后发您", "好吗"]),
    ("第一行\n第二行  第三段", ["第一行", "第二行", "第三段"]),
    ("这个情况比较特殊我们内部研究一下", ["这个情况比较特殊", "我们内部研究一下"]),
    ("我尽量帮您争取但不好说", ["我尽量帮您争取", "但不好说"]),
    ("親呢單我哋已經幫你跟進緊㗎聽日會有師傅上門", ["親", "呢單", "我哋已經幫你跟進緊㗎", "聽日會有師傅上門"]),
    ("呢個問題我哋會處理", ["呢個問題", "我哋會處理"]),           # Cantonese 呢 = "this", not a particle
    ("哈密瓜已经发货啦您注意查收", ["哈密瓜已经发货啦", "您注意查收"]),  # 哈 inside a word
    ("给您添麻烦了", ["给您添麻烦了"]),
    ("我们还有库存的", ["我们还有库存的"]),
    ("我帮您问问我们主管", ["我帮您问问我们主管"]),
    ("18:00前给您回电", ["18:00前给您回电"]),
    ("给您添麻烦了明天一定寄出", ["给您添麻烦了", "明天一定寄出"]),     # after a closing word
    ("不是质量问题是人为损坏", ["不是质量问题", "是人为损坏"]),
    ("我们会处理的您放心", ["我们会处理的", "您放心"]),
    ("呢樣嘢唔關我哋事", ["呢樣嘢唔關我哋事"]),                     # 关 takes 我们 as object
    ("可以把截图发给我看看", ["可以把截图发给我看看"]),
    ("", []),
]


@pytest.mark.parametrize("text,expected", SPLIT)
def test_clauses(text: str, expected: list[str]) -> None:
    found = clauses(text)
    assert [c.text for c in found] == expected
    assert all(text[c.start:c.end] == c.text for c in found)


def test_sentences_join_clauses_up_to_sentence_ends() -> None:
    text = "好的，我帮您查一下哦物流显示明天到。谢谢您"
    assert [s.text for s in sentences(text)] == ["好的，我帮您查一下哦", "物流显示明天到", "谢谢您"]
    assert clause_at(text, text.index("物流")).text == "物流显示明天到"
    assert clause_at(text, text.index("。")) is None


def test_spaces_between_words_change_nothing() -> None:
    text = "好的呢亲我帮您登记一下然后明天安排师傅上门吧"
    spaced = " ".join(w for w, _, _ in tokens(text))
    assert [c.text.replace(" ", "") for c in clauses(spaced)] == [c.text for c in clauses(text)]


def test_zh_hant_splits_like_zh_hans() -> None:
    hans = "亲您好这边帮您查了哦物流显示明天到呢您耐心等一下哈"
    hant = "親您好這邊幫您查了哦物流顯示明天到呢您耐心等一下哈"
    assert [(c.start, c.end) for c in clauses(hant)] == [(c.start, c.end) for c in clauses(hans)]


def _cuts(text: str) -> set[int]:
    return {c.end for c in clauses(text)[:-1]}


def _strip(text: str) -> tuple[str, dict[int, int]]:
    out: list[str] = []
    index: dict[int, int] = {}
    for i, ch in enumerate(text):
        index[i] = len(out)
        if not PUNCT.match(ch):
            out.append(ch)
    index[len(text)] = len(out)
    return "".join(out), index


# Written so that every comma stands where a particle, address word, marker or subject also stands.
SIGNALLED = [
    "亲，您好，这边帮您查了哦，物流显示明天到呢，您耐心等一下哈。",
    "好的呢，亲，我帮您登记一下，然后明天安排师傅上门吧。",
    "这个型号比较特殊，我们先核实库存，如果有货今天就发。",
    "退款已经原路退回了哦，您留意一下银行卡，另外优惠券也补给您了。",
    "李女士，您好，您反映的异响我们已经登记了，麻烦您把视频发一下。",
    "親，唔好意思呀，我哋聽日安排師傅上門㗎，您放心啦。",
]


@pytest.mark.parametrize("text", SIGNALLED)
def test_removing_punctuation_keeps_signalled_boundaries(text: str) -> None:
    stripped, index = _strip(text)
    assert {index[c] for c in _cuts(text)} == _cuts(stripped)


def test_removing_punctuation_on_the_labelled_set() -> None:
    """Metamorphic, on eval.yaml: boundaries found without punctuation are (nearly) all real, and at
    least 45% of the punctuated ones survive (49% measured, 3 extra of 373; on the holdout train sets 47%,
    70 extra of 10,711): a comma with no spoken cue (已受理，请耐心等待) cannot be recovered."""
    total = kept = extra = 0
    for reply in yaml.safe_load((FIXTURES / "eval.yaml").read_text(encoding="utf-8"))["replies"]:
        stripped, index = _strip(reply["text"])
        punctuated = {index[c] for c in _cuts(reply["text"])} - {len(stripped)}
        bare = _cuts(stripped)
        total, kept, extra = total + len(punctuated), kept + len(punctuated & bare), extra + len(bare - punctuated)
    assert total > 300
    assert kept / total >= 0.45
    assert extra / total <= 0.02


def test_never_splits_inside_a_word() -> None:
    for reply in yaml.safe_load((FIXTURES / "eval.yaml").read_text(encoding="utf-8"))["replies"]:
        stripped = PUNCT.sub("", reply["text"])
        inside = {i for _, a, b in tokens(fold_keep(stripped)) for i in range(a + 1, b)}
        assert not inside & _cuts(stripped), reply["text"]
