"""Text folding for matching: simplified/traditional, full/half width, case and whitespace.

The folded text is what rules match against; every folded character comes from exactly one
character of the original text, so positions map back one to one. Folding is a single
`str.translate` call (C speed); the map back to the original is only built when a text has a match.
"""
from __future__ import annotations

import bisect
import re
import sys
from functools import cache

from aftersales_std.chinese import to_simplified, to_traditional

# Characters removed before matching: stray spaces inside a phrase must not hide it.
DELETED = (
    "\t\n\v\f\r \x85\xa0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
)
# Regional variants that OpenCC t2s keeps as they are but that mean the same in a reply.
_EXTRA = {"妳": "你", "祢": "你", "喫": "吃", "麼": "么", "衆": "众", "着": "着", "綫": "线", "線": "线"}
# Cantonese function words -> their Mandarin equivalents, one character for one, so that one pattern
# covers Hong Kong replies too (我哋 -> 我们, 唔 -> 不, 冇 -> 没, 嘅 -> 的, 睇 -> 看 ...). 係 is left out:
# OpenCC already folds it to 系, which also stands for 系 in 系统 and 关系.
_CANTONESE = {"哋": "们", "唔": "不", "冇": "没", "嘅": "的", "睇": "看", "搵": "找", "揾": "找", "咗": "了",
              "喺": "在", "佢": "他", "俾": "给", "畀": "给", "嚟": "来", "啲": "些", "吓": "下", "咩": "么",
              "噉": "这", "咁": "这", "嗰": "那"}
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@cache
def _script_map() -> dict[int, str]:
    """Traditional -> simplified, character by character (OpenCC t2s), one to one only."""
    chars = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi + 1)]
    converted = to_simplified("\n".join(chars)).split("\n")
    table: dict[int, str] = {}
    if len(converted) == len(chars):
        for src, dst in zip(chars, converted):
            if src != dst and len(dst) == 1:
                table[ord(src)] = dst
    for src, dst in (_EXTRA | _CANTONESE).items():
        table[ord(src)] = to_simplified(dst)
    return table


@cache
def table() -> dict[int, str | None]:
    """The translate table: script, width, case; whitespace deleted."""
    out: dict[int, str | None] = dict(_script_map())
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII -> ASCII
        out[code] = chr(code - 0xFEE0).lower()
    for code in range(ord("A"), ord("Z") + 1):
        out[code] = chr(code).lower()
    for ch in DELETED:
        out[ord(ch)] = None
    out[0xFFE5] = "¥"
    return out


@cache
def _fast_table() -> list[str | None]:
    """The same table as a list indexed by code point (the Basic Multilingual Plane).

    `str.translate` looks every character up in the table; a dict raises (and clears) a KeyError for
    each character it does not map, a list indexed by code point does not, which halves the cost of
    folding. Characters beyond the list (U+10000 and up, never in the table) raise IndexError, a
    LookupError, which `str.translate` reads as "keep the character".
    """
    out: list[str | None] = [chr(code) for code in range(0x10000)]
    for code, value in table().items():
        out[code] = value
    return out


@cache
def _script_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(traditional-only characters, simplified-only characters), from OpenCC both ways."""
    regional = set(_EXTRA) | set(_CANTONESE)
    traditional = frozenset(chr(c) for c in _script_map() if chr(c) not in regional)
    chars = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi + 1)]
    converted = to_traditional("\n".join(chars)).split("\n")
    simplified = frozenset(s for s, t in zip(chars, converted) if s != t and s not in traditional) \
        if len(converted) == len(chars) else frozenset()
    return traditional, simplified


@cache
def _script_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two character sets as one-class regular expressions (a bitmap test per character)."""
    traditional, simplified = _script_sets()
    return (re.compile("[" + "".join(sorted(traditional)) + "]"),
            re.compile("[" + "".join(sorted(simplified)) + "]") if simplified else re.compile("(?!)"))


def is_simplified(text: str) -> bool:
    """True when `text` is written in simplified characters: some simplified-only character and no
    traditional-only one (a text that mixes both, or uses only shared characters, is not)."""
    traditional, simplified = _script_res()
    return traditional.search(text) is None and simplified.search(text) is not None


def fold(text: str) -> str:
    """The folded form of `text` (what rules match against)."""
    return text.translate(_fast_table())


_DELETED_RE = re.compile("[" + re.escape(DELETED) + "]")


class IndexMap:
    """Folded index -> original index, from the positions of the deleted characters only."""

    def __init__(self, text: str, folded_len: int) -> None:
        self.text = text
        self.identity = folded_len == len(text)
        self.steps: list[int] | None = None

    def __getitem__(self, i: int) -> int:
        if self.identity:
            return i
        if self.steps is None:  # the j-th deleted character (at original index d) precedes folded index d - j
            self.steps = [m.start() - j for j, m in enumerate(_DELETED_RE.finditer(self.text))]
        return i + bisect.bisect_right(self.steps, i)


_META = set(".^$*+?{}[]\\|()")


def fold_pattern(pattern: str) -> str:
    """Fold the literal characters of a regular expression the way the text is folded.

    Script is folded everywhere; full-width characters become half-width (escaped when they turn
    into regex syntax, so `（` stays a literal bracket); ASCII letters become lower case (escapes such
    as \\D or \\S are kept). Whitespace never reaches the matcher, so do not match on it.
    """
    script = _script_map()
    out: list[str] = []
    escaped = False
    for ch in pattern:
        code = ord(ch)
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
            out.append(ch)
            continue
        if 0xFF01 <= code <= 0xFF5E:
            half = chr(code - 0xFEE0)
            out.append("\\" + half if half in _META else half)
        elif code == 0x3000:
            continue
        elif "A" <= ch <= "Z":
            out.append(ch.lower())
        else:
            out.append(script.get(code, ch))
    return "".join(out)



if __name__ == "__main__":  # pragma: no cover
    print(fold(" ".join(sys.argv[1:])))
