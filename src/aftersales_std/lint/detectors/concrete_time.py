"""Concrete time: the times and deadlines a customer can check, found in a reply.

    >>> [(t.text, t.kind) for t in concrete_times("我会在明天下午3点前给您回电，3个工作日内寄回。")]
    [('明天下午3点前', 'clock'), ('3个工作日内', 'duration')]

Clause 4.3 of the communication standard asks for "a time or a period the customer can check"
(今天 18:00 前, 24 小时内, 3 个工作日内). This detector finds them so that rules can ask whether a vague
commitment (尽快, 稍后, 有消息通知您) has one in its scope, instead of keeping their own lists.

It is a grammar, not a list: a day (今天, 明天, 周五, 下周一, 12月3日, 25号, 2026-12-03), a part of the day
(上午, 下班前), a clock time (18:00, 3点半, 下午三点), a period with a number (48小时内, 两个工作日, 半小时后)
and deadline words (最迟, 前, 之前, 以内), in Arabic or Chinese numerals as typed or as speech-to-text
writes them (二十四小时, 三点半). Vague periods are not times: 几天, 过段时间, 一段时间, 近期, 改天, 快一点.

The text is folded first (traditional and Cantonese forms to simplified, full-width to ASCII, spaces
removed; see `lint.fold`), so 聽日、禮拜五、3個工作天內 and "3 个 工作日" are found as well; the spans
returned are positions in the original text.

Kinds: `clock` (a time of day), `date` (a calendar day, weekday or a named day), `duration` (a
period with a number, e.g. a deadline "48小时内"), `deadline` (by a named moment: 下班前, 月底前, 最迟),
`immediate` (当场, 立即, 马上, 现在就; not when negated: 没法马上). A rule decides which kinds count.
Opening hours are no deadline: a range of days or clock times (周一至周五 9:00-18:00) or a time after
服务时间 / 营业时间 is left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterator, Sequence

from aftersales_std.lint.detectors._text import kept as kept_fold
from aftersales_std.lint.text.fold import fold, table as fold_table

__all__ = ["TimeSpan", "concrete_times", "has_concrete_time"]

# Numbers: Arabic, or Chinese numerals as typed and as speech-to-text writes them. Never 几/多/数/若干.
_CN = "零〇一二两三四五六七八九十百"
# [数字] stands for a number in anonymised chat logs (JDDC writes every digit run so): 预计[数字]小时内.
_NUM = rf"(?:\d+(?:\.\d+)?|\[数字\]|[{_CN}]{{1,4}}(?:点五)?|半)"
_DAY_NUM = rf"(?:[0-3]?\d|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_MONTH_NUM = rf"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_WEEKDAY = r"(?:周|星期|礼拜)(?:[一二三四五六日天]|[1-7](?!\d))"
_WEEK_PREFIX = r"(?:本|这|这个|今个|呢个|下|下个|下下|下下个|上)"
_NAMED_DAY = (r"(?:今天|今日|今晚|今早|今夜|今明两天|明天|明日|明早|明晚|听日|后天|大后天|次日|翌日|第二天|隔天|"
              r"昨天|昨日|昨晚|前天|寻日|琴日|节后第一个工作日|下一?个工作日|下个工作天|"
              r"当天|即日|本周|这周|这星期|这礼拜|本星期|本礼拜|下周|下星期|下礼拜|本月|这个月|下个月|月底|月初|月中|"
              r"年底|周末)")
_DAY_PART = r"(?:上午|下午|中午|晚上|早上|傍晚|凌晨|夜里|夜晚|午饭|白天|今晚|明早|午后|下昼|晏昼|朝早|早|晚)"
_CLOCK = (rf"(?:\d{{1,2}}[:：]\d{{2}}(?:\s*(?:am|pm))?"
          rf"|\d{{1,2}}\s*(?:am|pm)"
          rf"|(?:\d{{1,2}}(?:点|时)|(?<!第)[一二三四五六七八九十]{{1,3}}点)(?!档)(?:钟|半|整|一刻|三刻|过|\d{{1,2}}分?|[一二三四五]十[一二三四五六七八九]?分?|[一二三四五六七八九十]分)?)")
_DURATION_UNIT = (r"(?:个?小时|个?钟头|个钟(?!头)|分钟|秒钟?|个?工作日|个?工作天|个?营业日|天|日|个?礼拜|个?星期|周|个?月|年)")
_DEADLINE_SUFFIX = r"(?:之内|以内|内|之前|以前|前|为止|之后|以后|后)"

_DATE = (rf"(?:\d{{4}}[-/.年]\d{{1,2}}(?:[-/.月]\d{{1,2}}[日号]?)?"
         rf"|{_MONTH_NUM}月{_DAY_NUM}[日号]"
         rf"|(?<![\d./])\d{{1,2}}/\d{{1,2}}(?![\d/的])"
         rf"|(?<![\d个第编单订工房排座栋楼室床柜车])(?:{_DAY_NUM})(?:号|日)"
         rf"(?=[之以前后上下中晚早当内,，。!！?？~左那开起截再会给到发寄统安送处回联通完来去就]|$"
         rf"|[0-9一二三四五六七八九十]+[点时:：])"
         rf"|{_WEEK_PREFIX}?{_WEEKDAY}"
         rf"|{_NAMED_DAY})")

# A period with a number is concrete (3天, 48小时内, 两个工作日); a number of "几" or 一段 is not.
_DURATION = (rf"(?<![\d.几多数第这那呢含送剩共余×x*])(?<!过)(?<!过一)(?:{_NUM})(?:多)?{_DURATION_UNIT}(?:左右)?{_DEADLINE_SUFFIX}?"
             r"(?!无理由|无条件|包退|包换|保价|价保|试用|鉴赏)")

# A named moment with a deadline word: 下班前, 中午前, 月底前, 今天内, 本周内, 营业结束前.
_DEADLINE = (r"(?:下班|上班|营业结束|打烊|午饭|中午|晚饭|睡前|发货|出发|到达|上门|出门)(?:之前|以前|前)"
             r"|(?:今天|今日|今晚|明天|本周|这周|本月|月底|周末|年底|当天|当日)(?:之内|以内|内|之前|以前|前)"
             r"|(?:春节|国庆|中秋|元旦|端午|清明|五一|圣诞|新年|过年)(?:节)?(?:之前|以前|前|假期后|后第一天|之后)"
             r"|提前(?:[一二两三半]|\d+)个?(?:小时|天|日|周|工作日|钟头|分钟)")

_IMMEDIATE = r"(?<!没法|不能|无法|办法|没有)(?:当场|立即|立刻|马上|即刻|现在就|随即|即时|稍等片刻)"

_PARTS = [
    ("clock", rf"(?:{_DATE})?(?:{_DAY_PART})?{_CLOCK}{_DEADLINE_SUFFIX}?"),
    ("date", rf"(?:{_DATE})(?:{_DAY_PART})?{_DEADLINE_SUFFIX}?"),
    ("duration", _DURATION),
    ("deadline", _DEADLINE),
    ("immediate", _IMMEDIATE),
]


@dataclass(frozen=True, order=True)
class TimeSpan:
    """A concrete time in the original text: [start, end) in characters, its text and kind."""
    start: int
    end: int
    text: str
    kind: str


@cache
def _regex() -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{kind}>{body})" for kind, body in _PARTS))


# Every character a time can start with (the first characters of _PARTS' alternatives): the grammar is
# tried only where one stands, which is several times faster than trying it at every position.
_FIRST = re.compile(r"[\[0-9零〇一二两三四五六七八九十百半周星礼本这今呢下上明听后大次翌第隔昨前寻琴节当即月年"
                    r"中晚早傍凌夜午白晏朝营打睡发出到春国元端清圣新过提立马现随稍]")


def _matches(folded: str) -> Iterator[re.Match[str]]:
    """The same matches as _regex().finditer(folded)."""
    grammar, first = _regex().match, _FIRST.search
    pos = 0
    while True:
        f = first(folded, pos)
        if f is None:
            return
        m = grammar(folded, f.start())
        if m is not None and m.end() > m.start():
            yield m
            pos = m.end()
        else:
            pos = f.start() + 1


# Clock-like words that are not times: 一点 (a little), 两点 (two points), 有点, 重点, 特点, 优点, 缺点.
_NOT_CLOCK = re.compile(r"^(?:一点|两点|几点|三点)(?![钟半整前后过0-9一二三四五六七八九十])")
_CLOCK_CONTEXT = re.compile(r"(?:[0-9]|上午|下午|中午|晚上|早上|傍晚|凌晨|今天|明天|今晚|明早|号|日|[一二三四五六日天])$")


# "不能保证今天", "恐怕24小时内处理不完": a time that is denied is not a commitment.
_NEGATED = re.compile(r"(?:不能保证|无法保证|没法保证|不保证|保证不了|不一定|恐怕|未必|不敢说|唔保证得)[^，。,!?]{0,3}$")
# "周一到周五都有人值班", "每天": opening hours and frequencies, not a time for this customer.
_RECURRING = re.compile(r"^(?:到|至|-|~)?(?:周[一二三四五六日天]|星期[一二三四五六日天])?(?:都|全天|营业|值班|在线|上班|开放)")
# "周一至周五 9:00-18:00", "服务时间 8:00": the days and hours a service is open are no deadline.
_WEEKDAY_RANGE = re.compile(r"(?:周|星期|礼拜)[一二三四五六日天](?:至|到|-|~|—|–)(?:周|星期|礼拜)?[一二三四五六日天]")
_HOURS_BEFORE = re.compile(r"(?:营业|服务|工作|办公|热线|客服|上班|接待|开放|值班|受理)时间(?:为|是|:|：)?[(（]?$")


@cache
def _irregular() -> re.Pattern[str]:
    """The characters the fold deletes (whitespace) or writes as more than one character."""
    odd = sorted(chr(code) for code, value in fold_table().items() if value is None or len(value) != 1)
    return re.compile("[" + "".join(re.escape(ch) for ch in odd) + "]")


@lru_cache(maxsize=16)  # the filters of one text ask for it in turn (times, offers, hand-overs, the squeezed view)
def _fold(text: str) -> tuple[str, Sequence[int]]:
    """The folded text and, for each of its characters, the index of its character in `text`. Shared
    between the callers of one text: read it, do not change it."""
    odd = _irregular()
    if not odd.search(text):  # one character for one: str.translate, positions unchanged
        return fold(text), range(len(text))
    tbl = fold_table()
    kept = kept_fold(text)  # fold_keep(text), shared with the batch; the odd characters are then dropped or written out
    parts: list[str] = []
    index: list[int] = []
    pos = 0
    for m in odd.finditer(text):
        parts.append(kept[pos:m.start()])
        index.extend(range(pos, m.start()))
        out = tbl.get(ord(m.group()))
        if out:
            parts.append(out)
            index.extend([m.start()] * len(out))
        pos = m.end()
    parts.append(kept[pos:])
    index.extend(range(pos, len(text)))
    return "".join(parts), index


def concrete_times(text: str) -> list[TimeSpan]:
    """Every concrete time or deadline in `text`, in order, with positions in `text`."""
    folded, index = _fold(text)
    spans: list[TimeSpan] = []
    for m in _matches(folded):
        kind = m.lastgroup or "date"
        body = m.group()
        if kind == "clock" and _NOT_CLOCK.match(body) and not _CLOCK_CONTEXT.search(folded[:m.start()]):
            continue
        if kind == "duration" and _vague_duration(folded, m.start(), m.end()):
            continue
        if _NEGATED.search(folded[max(0, m.start() - 6):m.start()]) or _RECURRING.match(folded[m.end():m.end() + 6]):
            continue
        if kind in ("clock", "date") and _opening_hours(folded, m.start(), m.end()):
            continue  # 周一至周五 9:00-18:00
        start, end = index[m.start()], index[m.end() - 1] + 1
        spans.append(TimeSpan(start, end, text[start:end], kind))
    return spans


def _opening_hours(folded: str, start: int, end: int) -> bool:
    """The span is part of opening hours: a range of weekdays, a time right after one (周一至周五 9:00-18:00),
    or a time after 服务时间 / 营业时间."""
    for r in _WEEKDAY_RANGE.finditer(folded, max(0, start - 16), min(len(folded), end + 8)):
        if r.start() < end and (start < r.end() or start - r.end() <= 12):
            return True
    return bool(_HOURS_BEFORE.search(folded[max(0, start - 10):start]))


def _vague_duration(folded: str, start: int, end: int) -> bool:
    """一天到晚, 一日三餐, 半天也没人: a number word that is not a period the customer can check."""
    body = folded[start:end]
    if body[0] in "一半" and len(body) <= 2:
        after = folded[end:end + 2]
        return not after.startswith(("内", "之内", "以内", "后", "之后", "前")) and body not in ("一周", "一月")
    return False


def has_concrete_time(text: str, kinds: frozenset[str] | None = None) -> bool:
    """Whether `text` holds a concrete time (of one of `kinds`, when given)."""
    return any(kinds is None or t.kind in kinds for t in concrete_times(text))
