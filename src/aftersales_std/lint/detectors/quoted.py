"""Quoted or restated customer words: the parts of a reply where the agent repeats the customer.

    >>> [(q.text, q.kind) for q in quoted_spans("您说‘你们就是在推卸责任’，我理解您的不满")]
    [('你们就是在推卸责任', 'quote')]

A rule that flags 推卸责任 or 您的问题 must ignore the words when the agent only repeats them: in
"您说‘你们就是在推卸责任’，我理解您的不满" the agent blames nobody. This detector returns two kinds of span:

- `quote`: the words inside quotation marks of any kind: “” 「」 『』 ‘’ "" '' (the straight ones paired in
  order, and only around Chinese text, so an English apostrophe is not a quote), and 《》 only when a
  speech word stands just before it (您说《…》, 原话是《…》): 《三包规定》 is a title, not a quote;
- `restatement`: what follows 您说 / 您提到 / 您反映 / 您反馈的 / 客户表示 / 您的意思是 / 您是说 / 你话 / 您講 / 您希望 / 您要求 (and
  their like, also said earlier or elsewhere: 您在聊天里说, 您在评价中提到, 您来信提到, 您头先话) up to the end of the clause (see `clauses`, so no punctuation is needed), or earlier where
  the agent's own words resume (我理解, 我们会 ...); after 您反映的 / 您提到的 it ends at the head noun
  (问题, 情况, 故障 ...) or where a predicate starts (已, 会, 不, 都 ...): in "您反映的异响问题我们已经登记" only
  异响问题 is the customer's, and "您说的不对" restates nothing. A retort is no restatement either
  (您投诉也没用, 您说怎么办吧), nor is the agent speaking (跟您说明, 帮您反馈, 同您讲咗).

The text is folded first (traditional and Cantonese forms, full width), spans are the original's.
`is_quoted(text, start, end)` tells a rule whether a span lies inside one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from aftersales_std.lint.detectors._text import kept, lit, tokens
from aftersales_std.lint.detectors.clauses import Clause, clauses

__all__ = ["QuotedSpan", "quoted_spans", "is_quoted"]

_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", "《": "》"}
_STRAIGHT = "\"'"
_MAX_QUOTE = 200
_CJK = re.compile(r"[\u3400-\u9fff]")
_SPEECH_BEFORE = re.compile(r"(?:说|讲|话|提到|表示|反映|反馈|原话|写着|写道|评价|问|抱怨|认为)(?:是|的是|过|了|的)?\s*[:：]?\s*$")

_INTRO = lit([
    "您说", "您刚才说", "您刚说", "您也说", "您提到", "您刚才提到", "您反映", "您反馈", "您投诉", "您描述", "您讲",
    "您话", "您是说", "您的意思是", "您意思是", "您觉得", "您认为", "据您所说", "如您所说", "按您说的", "正如您所说",
    "你说", "你刚才说", "你提到", "你反映", "你讲", "你话", "你是说", "你的意思是", "你们话", "你们说",
    "客户表示", "客户说", "客户反映", "客户反馈", "顾客表示", "顾客反映", "用户反映", "用户表示", "客人话",
    # the customer's wish restated: 我理解您希望我们保证下次不再漏水
    "您希望", "您要求", "您想要", "你希望", "你要求", "客户希望", "客户要求",
])
# The customer's question restated (您问是不是系统问题导致的, 你刚才问能不能退, 您询问为何理赔金额比估价少): not 您问一下快递 (go and ask).
_ASKED = (r"(?:您|你|客户|顾客)\s*(?:刚才|刚刚|刚|之前|是)?\s*(?:询问|咨询|问)(?:的是)?(?=\s*(?:是不是|是否|能不能|能否|可不可以|可否|会不会|有没有"
          r"|为什么|为何|怎么|什么|多久|哪|几|要不要|算不算|属不属于|一定))")
# Said earlier or somewhere else: 您在聊天里说, 您在评价中提到, 您来信提到, 您头先话 (the customer's words follow).
_SAID_ELSEWHERE = (r"(?:您|你)\s*(?:刚才|刚刚|头先|之前|上次|先前|来信|来电|留言|在[^,，。!?！？;；]{1,8}?(?:里|中|上|内))"
                   r"\s*(?:说|提到|话|讲|反映|表示|写道|写|问)(?!明|一下|下|清楚)")
_INTRO_RE = re.compile(r"(?<![帮给为替跟向和让请对与同])(?:" + _INTRO + "|" + _ASKED + "|" + _SAID_ELSEWHERE + r")"
                       r"(?:\s*(?P<de>的|过|了))?(?:\s*是(?!不是|否))?\s*[:：]?\s*")
# After 您反映的 / 您提到的 the customer's noun phrase ends where a predicate starts.
_PREDICATE = re.compile(r"已经|已|我|这边|会|将|正在|目前|需要|属于|确实|可能|应该|经|是|不|没|都|也|就|其实|很|挺|真的|本来")
# Not a restatement: 您投诉也没用, 您说怎么办吧 (the agent's retort or question, not the customer's words).
_NOT_CONTENT = re.compile(r"也|都|就|没|不|怎么|咋|怎样|呢|吧")
_QUOTE_MARKS = "“「『‘《\"'"
_HEAD_NOUN = re.compile(r"问题|情况|事情|事|故障|现象|情形|意见|建议|内容|这点|这一点|这个|那个|困扰|不满|诉求|需求")
# Where the agent's own words resume inside the same clause.
_AGENT = re.compile(r"我(?:们|这边)?(?:非常|十分|很|能|完全|都|也)?(?:理解|明白|知道|清楚|了解|会|已经|已|马上|这就|先|帮|给|来|核实|确认|登记|记下)"
                    r"|这边(?:会|已|马上|帮|给|先)|对此|针对|这是我们|对于(?:上次|这次|您)|(?:非常|十分|很)?抱歉"
                    # the agent's own step, said with 已 and no subject (客户反映怠速抖动已开二级工单)
                    r"|已(?:经)?(?:为您|帮您|给您|开|安排|提交|登记|派|转|申请|发起)"
                    # unpunctuated chat: after a space, a demonstrative or contrast starts the agent's reply
                    r"|\s+(?:那\s*(?:是|个|就)|这\s*(?:是|个)|其实|但是?|可是|不过|我们?(?!\s*说))"
                    r"|那\s*(?:是|就是)\s*(?:您|你)")


@dataclass(frozen=True, order=True)
class QuotedSpan:
    """Customer words at text[start:end] (quotation marks excluded) and how they were marked."""
    start: int
    end: int
    text: str
    kind: str  # "quote" or "restatement"


def _quotes(text: str, folded: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i, n = 0, len(folded)
    while i < n:
        ch = folded[i]
        close = _PAIRS.get(ch) or (ch if ch in _STRAIGHT else None)
        if close is None:
            i += 1
            continue
        j = folded.find(close, i + 1, min(n, i + 1 + _MAX_QUOTE))
        inner = folded[i + 1:j] if j > 0 else ""
        speech = ch != "《" or _SPEECH_BEFORE.search(folded[max(0, i - 8):i])
        if j > 0 and _CJK.search(inner) and speech and not (ch in _STRAIGHT and "\n" in inner):
            out.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    return out


_CONFIRM = re.compile(r"(?:对吗|是吗|对吧|对不对|没错吧|没错吗|是这样吗|是不是这样|系咪|啱唔啱|系唔系)")
_SENTENCE_END = re.compile(r"[。!?！？\n]")


def _clause_end(parts: list[Clause], pos: int, default: int) -> int:
    for c in parts:
        if c.start <= pos < c.end:
            return c.end
        if c.start > pos:
            break
    return default


def _word_ends_at(folded: str, start: int, end: int) -> bool:
    """The introducer is whole words: 您说 but not 您说明 (跟您说明), 您反映 but not a longer word."""
    window = folded[start:min(len(folded), end + 4)]
    return any(start + b == end for _, _, b in tokens(window))


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quotation and restatement of the customer in `text`, in order (quotes win on overlap)."""
    folded = kept(text)
    found = [QuotedSpan(a, b, text[a:b], "quote") for a, b in _quotes(text, folded)]
    parts: list[Clause] | None = None
    for m in _INTRO_RE.finditer(folded):
        start = m.end()
        while start < len(folded) and folded[start] in _QUOTE_MARKS:
            start += 1
        intro_end = m.start("de") if m.group("de") else m.end()
        while intro_end > m.start() and folded[intro_end - 1] in " \t\u3000:：是":
            intro_end -= 1
        if not _word_ends_at(folded, m.start(), intro_end):
            continue
        if _NOT_CONTENT.match(folded, start):
            continue
        if start >= len(folded) or any(q.start - 1 <= start < q.end + 1 for q in found):
            continue
        if parts is None:
            parts = clauses(text)
        end = _clause_end(parts, start, len(text))
        # a restatement asked back runs on to its tag question over clause breaks that are only spaces or
        # commas: 您是说 账号被封了 但是您没有用外挂 对吗
        tag = _CONFIRM.search(folded, end, min(len(folded), start + 60))
        if tag and not _SENTENCE_END.search(folded, start, tag.start()):
            end = tag.start()  # the whole question is the customer's (但是 inside it is theirs too)
        else:
            agent = _AGENT.search(folded, start + 1, end)
            if agent:
                end = agent.start()
        mark = next((i for i in range(start, end) if folded[i] in _QUOTE_MARKS), end)
        end = mark
        if m.group("de"):
            head = _HEAD_NOUN.search(folded, start, end)
            predicate = _PREDICATE.search(folded, start, end)
            end = min(head.end() if head else end, predicate.start() if predicate else end)
        while end > start and folded[end - 1] in " ，,。":
            end -= 1
        if end - start >= 2:
            found.append(QuotedSpan(start, end, text[start:end], "restatement"))
    return sorted(found)


def is_quoted(text: str, start: int, end: int, spans: list[QuotedSpan] | None = None) -> bool:
    """Whether text[start:end] lies inside quoted or restated customer words.

    Pass `spans` = quoted_spans(text) when asking about many spans of one text.
    """
    return any(q.start <= start and end <= q.end for q in (quoted_spans(text) if spans is None else spans))
