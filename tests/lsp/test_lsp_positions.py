"""Linter positions (characters) <-> LSP positions (UTF-16, UTF-8 or UTF-32 code units)."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from aftersales_std.lsp.positions import LineIndex, units

EMOJI, RARE = "😀", "𠀀"  # U+1F600 and U+20000 (CJK Extension B): two UTF-16 units, four UTF-8 bytes


def test_units_per_encoding() -> None:
    text = f"a保{EMOJI}{RARE}"
    assert units(text, "utf-32") == 4
    assert units(text, "utf-16") == 1 + 1 + 2 + 2
    assert units(text, "utf-8") == 1 + 3 + 4 + 4
    assert units("\ud800", "utf-16") == 1  # a lone surrogate is one unit, not a crash


def test_astral_characters_shift_later_columns() -> None:
    text = f"{EMOJI}{RARE}保质期\n"
    start = text.index("保")
    assert LineIndex(text, "utf-16").position(start) == (0, 4)
    assert LineIndex(text, "utf-8").position(start) == (0, 8)
    assert LineIndex(text, "utf-32").position(start) == (0, 2)
    for enc, col in (("utf-16", 4), ("utf-8", 8), ("utf-32", 2)):
        assert LineIndex(text, enc).offset(0, col) == start


def test_position_inside_a_surrogate_pair_is_the_character_start() -> None:
    text = f"a{EMOJI}b"
    index = LineIndex(text, "utf-16")
    assert index.offset(0, 2) == 1  # between the two halves of the emoji
    assert index.offset(0, 3) == 2
    assert LineIndex(text, "utf-8").offset(0, 3) == 1


def test_lsp_line_breaks_only() -> None:
    text = "一\r\n二\r三\n四\u2028五\x0c六"
    index = LineIndex(text)
    assert index.position(text.index("二")) == (1, 0)
    assert index.position(text.index("三")) == (2, 0)
    assert index.position(text.index("四")) == (3, 0)
    assert index.position(text.index("五")) == (3, 2)  # U+2028 and form feed do not end an LSP line
    assert index.position(text.index("六")) == (3, 4)
    assert index.offset(0, 99) == 1  # past the end of a line: its end, before "\r\n"
    assert index.offset(9, 0) == len(text)


def test_linter_positions_count_lines_at_newline_only() -> None:
    text = "一\r二\n三四"
    index = LineIndex(text)
    # the linter sees "一\r二" as line 1, so 三 is line 2 column 1 and 四 column 2
    assert index.linter_offset(2, 2) == text.index("四")
    assert index.position(index.linter_offset(2, 2)) == (2, 1)


texts = st.text(alphabet=st.sampled_from(["a", "保", "期", EMOJI, RARE, "\n", "\r", " ", "\u2028"]), max_size=40)


@given(texts, st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_round_trip_matches_an_independent_encoder(text: str, encoding: str) -> None:
    index = LineIndex(text, encoding)
    lines = re.split(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)", text)
    for offset in range(len(text) + 1):
        if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
            continue  # between "\r" and "\n": no LSP position
        line, character = index.position(offset)
        start = sum(len(x) for x in lines[:line])
        codec, width = {"utf-8": ("utf-8", 1), "utf-16": ("utf-16-le", 2), "utf-32": ("utf-32-le", 4)}[encoding]
        assert character == len(text[start:offset].encode(codec)) // width
        assert index.offset(line, character) == offset
