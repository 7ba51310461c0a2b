"""Bare commitments: a promise to act that says neither what will be done nor when.

    >>> [(c.text, c.kind) for c in commitments("好的 这边帮您跟进哈")]
    [('这边帮您跟进哈', 'bare')]

Clause 4.2 of the communication standard asks for what happens next in words the customer can check.
Lists of vague phrases (我们会看看怎么处理) do not carry over to other writers; the shape does: a
commitment verb (处理, 跟进, 反馈, 沟通, 协调, 同步, 审核, 核实, 安排, 看, follow up ...) after a promise word
(会, 将, 帮您, 给您, 为您, 正在, 已经在, 在…中) with nothing after it in its clause but a particle: 帮您跟进哈,
我们核实后给您处理哈, 在跟进中哈, 我们会处理好的, 我们会跟地接沟通, 我哋會 follow up 㗎喇, 他們會看.

A commitment whose sentence speaks of time at all (尽快, 稍后, 请耐心等待, 另行通知, 明天, 3个工作日) is left to
the timeframe rules (TF01: a time word with no time), and so is one bound to an undated event (零件到了就会处理):
the writers of the labelled sets file those under timeframe.

The rule's condition (concrete_time) still looks for a time near it. Text is folded
first (traditional and Cantonese forms, full width, lower case); spans are positions in the original.
Cue-gated: a text with no commitment verb costs one regular-expression search.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from aftersales_std.lint.detectors._text import lazy, word_view
from aftersales_std.lint.detectors.cues import COMMITMENTS as _CUE

__all__ = ["Commitment", "commitments"]

_VERB = (r"(?:跟进处理|跟进|处理好|处理|反馈|沟通|协调|同步|审核|核实|落实|安排|解决|follow ?up|handle|看)")
# What may stand between the promise word and the verb: the beneficiary and manner words that add nothing.
_FILL = (r"(?:积极|认真|好好|妥善|持续|继续|进一步|一起|帮您|给您|为您|替您|帮你|给你|同你"
         r"|(?:跟|和|与|同)[^\s,，。!！?？;；这那]{1,4}?)")
_PROMISE = r"(?:会|将|帮您|给您|为您|替您|帮你|给你|同你|在(?=\S{2,4}中)|正在|已经在|这边|我来)"
_END = r"(?:中)?(?:了|的|好|哈|哦|呢|啦|喇|㗎|吧|哟|嘛|喔|呀|啊|先|哈亲|亲)*(?=[\s,，。!！?？;；~～…]|$)"
_BARE = re.compile(_PROMISE + r"(?:" + _FILL + r")??\s?" + _VERB + _END)
# For many texts at once (lint.matchers.matched_many): every commitment is a match of the shape (the cue holds
# far more texts). A line break ends its clause as the end of the text does.
BATCH_GATES = (_BARE,)
# A time word, however vague (尽快, 稍后, 等通知, 过几天), makes it a question of time (timeframe), not of content.
_TIMEISH = lazy(r"尽快|尽速|尽早|从速|稍后|稍等|马上|立即|立刻|第一时间|等通知|静候|耐心等|请等|等待|等候|过几天|过段时间|"
                      r"这几天|近期|随后|后再|另行|再通知|再告知|通知您|告知您|到账|今天|今晚|明天|明早|本周|下周|周[一二三四五六日末]|"
                      r"[0-9一二两三四五六七八九十]+\s?个?(?:小时|分钟|天|日|号|点|工作日|周|月)")
# Not a commitment: the customer acts (您可以安排, 请您核实), a question (怎么处理), or what we will not do.
_NOT = lazy(r"绝对|一定|肯定|保证|能(?:给|帮|为)|就$|您(?:可以|可|先|再|自己|需要|要)|请|麻烦|建议|怎么|如何|是否|不会|不能|无法|没法|可以为您|能为您")


@dataclass(frozen=True, order=True)
class Commitment:
    """A commitment with no content and no time at text[start:end] (kind `bare`)."""
    start: int
    end: int
    text: str
    kind: str


def commitments(text: str) -> list[Commitment]:
    """Every bare commitment in `text`, in order."""
    folded, index = word_view(text)
    if _CUE.search(folded) is None:
        return []
    out: list[Commitment] = []
    for kind, shape in (("bare", _BARE),):
        for m in shape.finditer(folded):
            s, e = m.span()
            if _NOT.search(folded, max(0, s - 4), e) or _NOT.search(folded, max(0, s - 2), s):
                continue
            lo = max(folded.rfind(p, 0, s) for p in "。!?;！？；\n")
            hi = min((i for i in (folded.find(p, e) for p in "。!?;！？；\n") if i >= 0), default=len(folded))
            if _TIMEISH.search(folded, lo + 1, hi):
                continue  # 会尽快处理, 正在处理中，请耐心等待: a timeframe without a time (TF01), said about time
            if kind == "bare" and folded[s:e].rstrip("了的好哈哦呢啦喇㗎吧哟嘛喔呀啊先亲中").endswith("看") and \
                    not re.search(r"(?:会|将)[^\s,，。!！?？;；]{0,2}看$", folded[s:e].rstrip("了的好哈哦呢啦喇㗎吧哟嘛喔呀啊先亲中")):
                continue  # 看 alone is a promise only after 会 / 将 (他们会看), not 在看 / 给您看
            if any(c.start < e and s < c.end for c in out):
                continue
            out.append(Commitment(s, e, text[s:e], kind))
    if index is not None:  # words spaced apart: back to positions of the text
        out = [Commitment(index[x.start], index[x.end - 1] + 1, text[index[x.start]:index[x.end - 1] + 1], x.kind)
               for x in out]
    return sorted(out)
