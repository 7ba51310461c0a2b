"""Clauses without punctuation: a reply split into sentences and clauses by more than its commas.

    >>> [c.text for c in clauses("亲您好这边帮您查了哦物流显示明天到呢您耐心等一下哈")]
    ['亲', '您好', '这边帮您查了哦', '物流显示明天到呢', '您耐心等一下哈']

Real chat and speech-to-text transcripts run sentences together or end them with a particle instead of
a full stop, so a rule that needs "the same clause" cannot rely on punctuation alone. Boundaries come from:

- punctuation (。！？；… end a sentence; ，、：~ end a clause), line breaks and runs of two or more spaces,
  and a single space between clauses where the text's spaces are clause ends (`fold.clause_gaps`: three CJK
  characters each side, in text whose pieces are clause-long; a space between words is no boundary:
  "adding spaces between words" must change nothing);
- emoji and chat stickers written as [表情] / [微笑] (they end a sentence and belong to no clause);
- sentence-final particles 哦 呢 吧 哈 啦 呀 喔 唷 嘛 咯 噢 㗎 喎 吗 (a run of them, 哈哈 / 呢亲, ends a sentence);
- address words: 亲 / 亲爱的 / 您好 / 你好 anywhere, and 王先生 / 李女士 at the start of a piece, end a clause;
- a first-person subject (我们, 这边, 我司 ...), 您 as a subject (您直接..., 您耐心...) or a time adverb (后续,
  届时, 以后) after a finished piece starts a clause, unless the word before takes it as an object (帮我们);
- after a word that closes a predicate (了, 问题, 抱歉, 放心, 会处理的) a time word, 您 or 是 starts a clause;
- discourse markers start a clause: 然后 但是 不过 所以 另外 因为 如果 可是 而且 因此 同时 请 请问 麻烦(您)
  还有(就是 / 一 / 您 ...).

Particles, address words and markers count only as whole jieba words, so a split never falls inside a
word: 哈密瓜, 呢绒, 亲自 and 申请 are not split. The text is folded first (traditional and Cantonese to
simplified, full width to ASCII), so zh-Hant replies split the same way; positions are the original's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from aftersales_std.lint.detectors._text import cantonese_not, kept, tokens
from aftersales_std.lint.text.fold import clause_gaps

__all__ = ["Clause", "clauses", "sentences", "boundaries", "clause_at"]

PARTICLES = frozenset("哦呢吧哈啦呀喔唷嘛咯噢㗎喎吗")
ADDRESS = frozenset({"亲", "亲亲", "亲爱的", "亲爱哒", "您好", "你好", "哈喽", "嗨"})
_NAMED_ADDRESS = re.compile(r"^.{1,3}(?:先生|女士|小姐|老师|同学)$")
MARKERS = frozenset({"然后", "但是", "不过", "所以", "另外", "因为", "如果", "可是", "而且", "因此", "同时",
                     "请", "请问", "麻烦", "还有", "要是", "假如", "其次", "但", "而是", "只是"})
_MARKER_NEEDS_NEXT = {"麻烦": ("您", "你", "亲"), "还有": ("就是", "一", "您", "你", "我", "呢", "哦", "啊", "什么")}
_NO_SPLIT_BEFORE = ("您", "你", "请", "邀", "申")
# A denial takes a whole clause as its complement: 不是您看错了, 唔係因為您冇登記 (folded 不系), 并非我们不管
_DENIES = frozenset({"不是", "并不是", "也不是", "都不是", "并非", "不系", "并不系"})
# A first-person subject after a finished piece starts a clause (这个情况比较特殊我们内部研究一下), unless
# the word before takes it as an object or attribute (帮我们, 给我, 跟我们, 我们的 follows).
SUBJECTS = frozenset({"我们", "我", "我们这边", "我这边", "这边", "我司", "咱们", "我们公司"})
_TAKES_OBJECT = frozenset({*"帮给为让替跟和与对把向找叫被是由请令使将从同及或在", "告诉", "通知", "联系", "麻烦",
                           "答复", "回复", "提醒", "协助", "帮助", "感谢", "谢谢", "建议", "希望", "理解",
                           "不用", "不必", "无需", "无须", "不需要", "需要", "不要", "要", "必须", "劳烦",
                           "说", "讲", "话", "提到", "表示", "反映", "觉得", "认为", "意思", "问",
                           "关", "发给", "交给", "转给", "寄给", "打给", "还给", "留给", "怪", "陪"}) | _DENIES
# Words that open a clause: time adverbs (后续, 届时, 之后再说), and 您 / 你 as a subject (您直接找厂家).
OPENERS = frozenset({"后续", "届时", "之后", "以后", "最近", "到时候", "回头"})
# After a word that closes a predicate (了, 问题, 抱歉, 放心 ...) these words start a new clause:
# 给您添麻烦了明天..., 不是质量问题是..., 非常抱歉您的...
_CLOSERS = frozenset({"了", "问题", "抱歉", "处理", "放心", "着急", "故障", "一下", "完成", "寄出", "提交", "退回",
                      "通过", "收到", "规定", "道歉", "担心", "理解", "不好意思", "谢谢", "感谢", "久等"})
_AFTER_CLOSER = frozenset({"您", "你", "明天", "今天", "今晚", "今日", "后天", "预计", "最迟", "这次", "本次", "师傅",
                           "工程师", "是", "不是", "这", "这个", "如", "如有", "大约", "估计", "具体", "一般", "我们",
                           "我", "这边", "今天下午", "今天上午", "明天上午", "明天下午", "本周", "下周"})
_AFTER_DE = frozenset({"您", "你", "我们", "我", "这边", "明天", "今天", "预计", "如", "如有", "麻烦"})  # 会处理的您放心
_OUR_NOUNS = ("主管", "同事", "公司", "师傅", "工程师", "部门", "客服", "门店", "仓库", "售后", "产品", "领导", "经理", "系统")
_YOU = frozenset({"您", "你", "你们"})
_YOU_THEN = ("直接", "去", "过", "可以", "需要", "要", "先", "再", "就", "也", "还", "可", "能", "稍", "耐心", "放心",
             "别", "不", "自己", "是不是", "这边", "那边", "如果", "只要", "收到", "留意", "注意", "看")
_CLASSIFIERS = "个单度部件排次位张台款种样些边份条批间"  # Cantonese 呢 = "this": 呢单, 呢个, 呢部

# Separators belong to no clause. Level 2 ends a sentence, level 1 a clause.
_SEPARATOR = re.compile(
    r"(?P<s>(?:[。！？!?；;…]|(?<!\d)\.(?!\d)|\s*\n\s*"
    r"|[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]|\[[^\[\]\s]{1,6}\])+)"
    r"|(?P<c>(?:[，,、~～]|(?<!\d)[:：](?!\d)|[\t ]{2,}|\u3000)+)"
)


@dataclass(frozen=True, order=True)
class Clause:
    """A clause of the original text: [start, end), its text and the index of its sentence."""
    start: int
    end: int
    text: str
    sentence: int


def _soft_boundaries(folded: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Boundaries inside one punctuation-free segment, in order: (position, level: 2 sentence, 1 clause)."""
    segment = folded[lo:hi]
    found = _segment_boundaries(segment) if hi - lo <= _SEGMENT_KEPT else sorted(_segment_soft(segment).items())
    return [(lo + b, level) for b, level in found]


_SEGMENT_KEPT = 200  # segments up to this long have their boundaries kept (the last 16,384 of them)


@lru_cache(maxsize=16384)
def _segment_boundaries(segment: str) -> tuple[tuple[int, int], ...]:
    """_soft_boundaries of one segment, positions from its start: they depend on the segment alone, and
    replies share stock segments (您好, 感谢您的耐心等待, 如有疑问请随时联系我们), so they are kept."""
    return tuple(sorted(_segment_soft(segment).items()))


def _segment_soft(folded: str) -> dict[int, int]:
    lo = 0
    out: dict[int, int] = {}
    words = [(w, a, b) for w, a, b in tokens(folded) if not w.isspace()]
    last = lo  # start of the current piece
    for i, (word, start, end) in enumerate(words):
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if not nxt:
            break
        prev = words[i - 1][0] if i else ""
        if word in MARKERS and start - last >= 2 and not prev.endswith(_NO_SPLIT_BEFORE) and prev not in MARKERS \
                and prev not in _DENIES:
            need = _MARKER_NEEDS_NEXT.get(word)
            if need is None or nxt.startswith(need):
                out[start] = max(out.get(start, 0), 1)
                last = start
        opener = word in SUBJECTS or word in OPENERS or (word in _YOU and nxt.startswith(_YOU_THEN)) \
            or (prev in _CLOSERS and word in _AFTER_CLOSER and not nxt.startswith("的")) \
            or (prev == "的" and word in _AFTER_DE and not nxt.startswith("的"))
        if opener and start - last >= 2 and prev not in _TAKES_OBJECT and prev not in SUBJECTS | _YOU \
                and not nxt.startswith(("的", "们", *_OUR_NOUNS)) and prev not in MARKERS and prev not in ADDRESS:
            out[start] = max(out.get(start, 0), 1)
            last = start
        after = words[i + 2][0] if i + 2 < len(words) else ""
        nxt_particle = set(nxt) <= PARTICLES and not (nxt == "呢" and after[:1] in _CLASSIFIERS)
        if set(word) <= PARTICLES and start > last and not nxt_particle \
                and not (word == "呢" and nxt[0] in _CLASSIFIERS):
            out[end] = 2
            last = end
        elif word in ADDRESS or (last == start and _NAMED_ADDRESS.match(word)):
            if not nxt_particle:
                out[end] = max(out.get(end, 0), 1)
                last = end
    return out


def _with_gaps(folded: str, gaps: list[int]) -> str:
    """`folded` with the first character of each gap written as an ideographic space (a clause separator)."""
    parts, pos = [], 0
    for g in gaps:
        parts += [folded[pos:g], "\u3000"]
        pos = g + 1
    return "".join(parts) + folded[pos:]


def boundaries(text: str) -> list[tuple[int, int, int]]:
    """Every boundary as (start, end, level): the separator text[start:end] (empty for a soft one)."""
    folded = cantonese_not(kept(text))
    gaps = clause_gaps(text)
    if gaps:  # a space between clauses of unpunctuated chat (fold.clause_gaps) ends a clause like a comma
        folded = _with_gaps(folded, gaps)
    out: list[tuple[int, int, int]] = []
    pos = 0
    for m in [*_SEPARATOR.finditer(folded), None]:
        seg_end = m.start() if m else len(folded)
        if seg_end > pos:
            out.extend((b, b, lvl) for b, lvl in _soft_boundaries(folded, pos, seg_end))
        if m:
            final = m.start() > 0 and folded[m.start() - 1] in PARTICLES  # 㗎， ends a sentence as 㗎。 does
            out.append((m.start(), m.end(), 2 if m.group("s") or final else 1))
            pos = m.end()
    return out


def clauses(text: str) -> list[Clause]:
    """The clauses of `text` in order (separators and surrounding spaces left out; none empty)."""
    return list(_clauses(text))


@lru_cache(maxsize=256)  # the detectors of one reply ask for the clauses of the same text
def _clauses(text: str) -> tuple[Clause, ...]:
    result: list[Clause] = []
    sentence, pos = 0, 0
    for start, end, level in [*boundaries(text), (len(text), len(text), 2)]:
        piece = text[pos:start]
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        if body:
            result.append(Clause(pos + lead, pos + lead + len(body), body, sentence))
        if level == 2 and result and result[-1].sentence == sentence:
            sentence += 1
        pos = end
    return tuple(result)


def sentences(text: str) -> list[Clause]:
    """The sentences of `text`: its clauses joined per sentence (spans of the original)."""
    out: list[Clause] = []
    for c in clauses(text):
        if out and out[-1].sentence == c.sentence:
            prev = out[-1]
            out[-1] = Clause(prev.start, c.end, text[prev.start:c.end], prev.sentence)
        else:
            out.append(c)
    return out


def clause_at(text: str, pos: int, parts: list[Clause] | None = None) -> Clause | None:
    """The clause holding position `pos` (pass `parts` = clauses(text) when asking many times)."""
    for c in parts if parts is not None else clauses(text):
        if c.start <= pos < c.end:
            return c
    return None
