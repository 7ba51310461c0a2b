"""Normalising: the customer's problem called normal, usual or nothing to worry about.

    >>> [n.text for n in normalisings("冷氣機都用咗八年啦，壞都好正常啫？")]
    ['都好正常啫']

Clause 4.5 of the communication standard: saying a problem is normal is fine only when what we can do
follows. Lists of such phrases do not carry over; the shapes do, at the end of a clause:

- a degree word + 正常 / 常见 / 普遍 (很正常, 好常見㗎啦, 其实很正常, 太常见了);
- "they are all like that": 都这样, 就是这样, 本来就这样啦, 一直都是这样的, 每家都會有啦, 谁家都有;
- a rhetorical "which one never breaks": 哪有不坏的, 边有唔坏㗎;
- no effect on use: 不影响穿的呢, 不影响使用.

The detector finds the shape only; whether a check, an exchange or another offer follows is for the rule's
condition and `unless:` filters (owned, handover). Text is folded first (traditional and Cantonese forms);
spans are positions in the original. Cue-gated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from aftersales_std.lint.detectors._text import lazy, word_view
from aftersales_std.lint.detectors.cues import NORMALISING as _CUE

__all__ = ["Normalising", "normalisings"]

_TAIL = r"(?:的|了|啦|喇|㗎|啫|嘅|呢|哦|喔|哈|嘛|呀|啊|吧|咯|罢了|而已)*(?=[\s,，。!！?？;；~～…]|$)"
_SHAPES = [
    lazy(r"(?:好|都好|也好|很|挺|其实很|其实是|太|蛮|算|属于|都是|是)(?:正常|常见|普遍)(?:现象|情况|的事)?" + _TAIL),
    lazy(r"(?:都|本来就|本来都|一直都|向来|一向|全部都|基本都|一般都|就是|就系)(?:是)?(?:这样|咁|如此|这个样子?)" + _TAIL),
    lazy(r"(?:每家|每个|每台|每部|谁家|人人|家家|大家|个个)(?:都|也)(?:会)?(?:有|这样|咁|一样)" + _TAIL),
    lazy(r"哪(?:有|里有)不(?:坏|出问题|生锈|老化|掉色|起球|坏的)"),
    lazy(r"不影响(?:使用|正常使用|穿|吃|喝|用|效果|功能|戴|睡)" + _TAIL),
]
# What the customer said (您说的很正常?) or a condition (如果都这样) is no normalising.
_NOT_BEFORE = re.compile(r"(?:如果|若|假如|要是|是否|是不是)\S{0,4}$")


@dataclass(frozen=True, order=True)
class Normalising:
    """A problem called normal at text[start:end]."""
    start: int
    end: int
    text: str


def normalisings(text: str) -> list[Normalising]:
    """Every place in `text` where the customer's problem is called normal, in order (no overlaps)."""
    folded, index = word_view(text)
    if _CUE.search(folded) is None:
        return []
    spans: list[tuple[int, int]] = []
    for shape in _SHAPES:
        for m in shape.finditer(folded):
            s, e = m.span()
            if _NOT_BEFORE.search(folded, max(0, s - 8), s) or any(a < e and s < b for a, b in spans):
                continue
            spans.append((s, e))
    if index is not None:  # words spaced apart: back to positions of the text
        spans = [(index[s], index[e - 1] + 1) for s, e in spans]
    return sorted(Normalising(s, e, text[s:e]) for s, e in spans)
