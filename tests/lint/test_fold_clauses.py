"""Clause ends that folding keeps: whitespace between clauses of unpunctuated chat (lint/fold.py)."""
from __future__ import annotations

import re

import pytest

from aftersales_std.lint.matchers.engine import RuleSet
from aftersales_std.lint.text.fold import CLAUSE_MARK, IndexMap, clause_gaps, fold, fold_joined, fold_pattern, mark_clauses

M = CLAUSE_MARK


def test_spaces_between_clauses_become_the_mark() -> None:
    text = "洗衣液在路上漏了 不管是哪个环节弄的 都由我们来处理"
    assert clause_gaps(text) == [8, 18]
    assert fold(text) == f"洗衣液在路上漏了{M}不管是哪个环节弄的{M}都由我们来处理"


@pytest.mark.parametrize("text", [
    "我們 會　盡快處理",            # a stray space inside a phrase
    "为了 尽快 帮您解决，请提供一下订单号。",  # spaces around a short word
    "我们 会 尽快 处理 ，谢谢",      # spaces between words (jieba's words average under two characters)
    "您好 在的哦",                    # a two-character piece is no clause of its own
    "我核实一下 3分钟",              # a space before a number or a Latin word is no gap
    "开了一张 ticket 给 RD 他们会看",
])
def test_other_whitespace_is_deleted(text: str) -> None:
    assert clause_gaps(text) == []
    assert M not in fold(text)


def test_a_line_break_between_clauses_is_a_gap_and_runs_of_whitespace_give_one_mark() -> None:
    assert fold("您的包裹已经到了\n麻烦您签收一下") == f"您的包裹已经到了{M}麻烦您签收一下"
    assert fold("您的包裹已经到了 \n\t麻烦您签收一下") == f"您的包裹已经到了{M}麻烦您签收一下"


def test_positions_map_back_to_the_original() -> None:
    text = "第一行\n您好，我們會 盡 快處理。 好的呢 我们马上给您查询"
    folded = fold(text)
    imap = IndexMap(text, len(folded))
    assert len(mark_clauses(text)) == len(text)
    for i, ch in enumerate(folded):
        original = text[imap[i]]
        assert (original.isspace() if ch == M else not original.isspace()), (i, ch, original)
    # 第一行\n您好，: 您好 is two characters, so the line break is deleted like the stray spaces
    assert folded == f"第一行您好,我们会尽快处理。好的呢{M}我们马上给您查询"


def test_many_texts_folded_at_once_are_folded_one_by_one() -> None:
    texts = ["洗衣液在路上漏了 都由我们来处理", "我们 会 尽快 处理", "今天已经寄出"]
    assert fold_joined(texts, "\x00").split("\x00") == [fold(t) for t in texts]


def test_patterns_see_the_mark_where_they_see_a_comma() -> None:
    # a class with a comma holds the mark; a literal comma becomes comma-or-mark; quantifiers are kept
    assert fold_pattern("包(?:您|你)[^。,!?;]{1,10}") == f"包(?:您|你)[^。,!?;{M}]{{1,10}}"
    assert fold_pattern("吧(?=[。，!?~]|$)") == f"吧(?=[。,!?~{M}]|$)"
    assert fold_pattern("[一-龥]{0,4}，?就是") == f"[一-龥]{{0,4}}[,{M}]?就是"
    assert fold_pattern("[^。]{0,12}也可能") == "[^。]{0,12}也可能"  # no comma: the class crosses clauses anyway
    assert fold_pattern("[]a,]") == f"[]a,{M}]"
    end = fold_pattern("处理好的{clause_end}")
    for text, ok in [("我们会处理好的 您放心", True), ("我们会处理好的", True), ("会处理好的哦", True),
                     ("我们会处理好的，您放心", True), ("会处理好的东西", False)]:
        assert bool(re.search(end, fold(text))) is ok, text


def test_a_clause_end_space_keeps_a_pattern_from_joining_two_clauses(repo_rules: RuleSet) -> None:
    # 化妆包 + 您的订单: without the space as a clause end OP01 read 包您… as a guarantee
    chat = "直播时主播说下单送化妆包 您的订单里没有 我查了是后台没挂上赠品链接 化妆包今天给您单独寄出"
    assert "OP01" not in {h.rule.code for h in repo_rules.scan(chat)}


def test_a_clause_end_space_ends_a_clause_for_rule_patterns(repo_rules: RuleSet) -> None:
    # the same finding as with a comma: the pattern needs the clause to end after 处理好的
    spaced = "这个问题我们会处理好的 您放一百个心"
    comma = "这个问题我们会处理好的，您放一百个心"
    codes = lambda text: {h.rule.code for h in repo_rules.scan(text) if h.rule.group == "vague"}  # noqa: E731
    assert codes(comma) and codes(spaced) == codes(comma)


def test_a_short_opening_piece_set_off_by_a_space_is_a_gap() -> None:
    # an address or greeting that opens a chat turn (宝 / 张姐 / 家人 + a space)
    assert fold("张姐 您的柜子明天送到") == f"张姐{M}您的柜子明天送到"
    assert fold("宝 面霜漏液是运输压到了 我们给您补发") == f"宝{M}面霜漏液是运输压到了{M}我们给您补发"
    # not when what follows is short, and not inside the text
    assert M not in fold("为了 尽快 帮您解决，请提供一下订单号。")
    assert M not in fold("亲 您好")


@pytest.mark.parametrize("text, flagged", [
    ("张姐 您的柜子明天送到", True),
    ("阿姨，您这个袖带绑反了。", True),
    ("老爷子，电梯修好了。", True),
    ("家人 直播间的价格是专属的 下播后恢复原价", True),
    ("李小姐，您的订单已发出。", False),
    ("我姐您好这单已发出", False),
])
def test_kinship_address_opening_a_chat_turn(repo_rules: RuleSet, text: str, flagged: bool) -> None:
    assert ("AD02" in {h.rule.code for h in repo_rules.scan(text)}) is flagged, text
