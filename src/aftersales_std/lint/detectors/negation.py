"""Negation scope: is a span of a reply negated, and by what.

    >>> is_negated("不用您去找厂家，我们直接给您换", 4, 7)  # 找厂家
    True
    >>> is_negated("不用您去找厂家，我们直接给您换", 12, 15)  # 给您换
    False
    >>> is_negated("唔係因為您冇提早登記", 2, 5)  # 因為您: Cantonese 唔係 is 不是
    True

A rule that flags blame or dismissal (找厂家, 您的问题) must not fire on the agent denying it: 不用您去找厂家,
不是您的问题, 并非人为损坏, 不会让您白跑, 无需您寄回, 唔使你搵厂家, 冇问题. A cue (不, 没, 无, 未, 别, 非, 不用, 无需,
不必, 并非, 唔使 ...) negates what follows it up to the end of its clause (see `clauses`), or up to a contrast
(而是, 但, 只是): in 不是您的问题而是我们发错了货 only 您的问题 is negated; nor past a judgement of the whole
negated event (猫不吃新粮很正常: 很正常 is asserted). Two cues cancel (不是不能换), and a
rhetorical question negates nothing (这不是您自己摔坏的吗). Words that start with a negation character but
deny nothing (不好意思, 不便, 不满, 不过, 未来, 非常, 无论, 没关系 as "never mind") are not cues.

"I can't promise X, but ...": after 没法保证 / 不能保证 / 无法承诺 / 不敢保证 / 保证不了 the promised X is negated up
to 但 / 不过 / 可是 / 只能 in the same sentence, even across commas, or else to the end of the clause (kind
`no_promise`); an A-not-A question (批唔批, 好不好) is not a negation. So a rule does not
read "我没法保证明天一定到，但今天下午会催仓库" as promising 明天一定到.

The text is folded first (traditional, Cantonese 唔 -> 不 and 冇 -> 没, full width), so zh-Hant replies are
covered; spans are positions in the original text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from aftersales_std.lint.detectors._text import cantonese_not, kept, tokens
from aftersales_std.lint.detectors.clauses import Clause, clauses, sentences

__all__ = ["Negation", "negations", "is_negated"]

CUES = frozenset({"不", "没", "没有", "无", "未", "别", "勿", "非", "并非", "并不", "并没有", "不用", "不必", "无需",
                  "无须", "毋须", "不需要", "用不着", "不会", "不是", "不能", "不可", "无法", "没法", "没办法",
                  "不再", "绝不", "决不", "从不", "从未", "未曾", "不要", "不至于", "不存在", "不使", "不算", "不属于",
                  "不得", "不可能", "不该", "不应", "不应该", "免", "不让", "不会让", "别担心", "不用担心"})
# Words that begin like a cue but deny nothing.
NOT_CUES = frozenset({"别人", "别的", "别家", "别处", "不方便", "不准",
                      # complete predicates: they deny nothing after them (与事故无关这一点毋庸置疑)
                      "无关", "没用", "没有用", "不行", "不对", "没事", "没错", "无效", "不够", "没空", "没问题",
                      "没有问题", "无误", "没了", "不好意思", "不客气", "不错", "不过", "不少", "不断", "不久", "不仅", "不但", "不管", "不论",
                      "不然", "不如", "不满", "不便", "不适", "不良", "不安", "不幸", "不足", "不得不", "不能不",
                      "未来", "非常", "无论", "无非", "没关系", "不一会", "不时", "不停", "不光", "不只", "免费",
                      "没想到", "不一定"})
_COMPLETE = tuple(w for w in NOT_CUES if len(w) <= 4)  # a cue token that starts one of them (没 + 问题) is none
_CUE_CHARS = "不没无未别勿非免"
_CUE_STARTS = frozenset({"绝不", "决不", "从不", "从没", "并不", "并没", "毫不", "永不"})
# A potential complement (抢不到, 修不好, 打不开, 找不着) negates its verb only, not the rest of the clause:
# in 抢不到优惠券是运气问题 nothing after 抢不到 is denied.
_COMPLEMENT = re.compile(r"[不没](?:到|了|动|起|住|上|下|出|开|完|好|着|清|见|懂|成|掉|过|来|去)")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _neighbour(folded: str, pos: int, step: int) -> int:
    """The index of the nearest character before (step -1) or after (step 1) `pos` that is not a space; -1 if none."""
    i = pos + step
    while 0 <= i < len(folded) and folded[i] in " \t\u3000":
        i += step
    return i if 0 <= i < len(folded) else -1


# A negation denies the words right after its cue; in a run-on clause (no punctuation) it stops after
# this many characters (不需要您自己去和楼上交涉 is 11).
MAX_SCOPE = 14


def _after_chars(folded: str, start: int, count: int) -> int:
    """The position after `count` non-space characters from `start`."""
    i = start
    while i < len(folded) and count > 0:
        count -= folded[i] not in " \t\u3000"
        i += 1
    return i


_TRAILING = "，,。.！!？?；;、~～ \t\n"
_CJK_VERB = re.compile(r"[\u4e00-\u9fff](?<![不没无未别非也都就还并绝决从永毫是会能可要])")
_CONTRAST = re.compile(r"而是|但是|但|只是|可是|不过|反而"
                       # unpunctuated chat: a space and a new subject start another clause
                       r"|[ \t\u3000]+(?=这个|那个|这是|那是|我们|我|您|你|别人|其他|大家|他们)")
# (什么, 怎么, 这么 end no question: 不是您看错了什么，是我们… denies)
_RHETORICAL = re.compile(r"(?:吗|(?<![什怎那这多])么|嘛|吧)\s*[?？]?\s*$|难道")
_NO_PROMISE = re.compile(r"(?:没法|没办法|不能够|不能|不可以|无法|不敢|不好|很难|不可能)(?:百分百|百分之百|完全|一定)?(?:保证|承诺|打包票|答应)"
                         r"|保证不了|承诺不了|答应不了|不敢打包票|不保证")
# A cause or result given after a negated verb is asserted, not denied (没定位是因为司机拔了设备).
_CAUSE = re.compile(r"(?:是|都是|就是|主要是)(?:因为|由于)|原因(?:是|在于)")
_BUT = re.compile(r"但|不过|可是|只能|然而")
# A judgement of the whole negated event is asserted, not denied (猫不吃新粮很正常, 您戴不习惯是正常的): the event is
# the topic, the judgement its predicate.
_JUDGED = re.compile(r"(?:是|也是|都是|很|挺|也很|其实很|属于|算是?)(?:很|挺|非常|比较|十分)?(?:正常|常见|普遍|常有|难免|自然)")


@dataclass(frozen=True, order=True)
class Negation:
    """A negation cue text[cue_start:cue_end] and the scope [start, end) it negates."""
    start: int
    end: int
    cue_start: int
    cue_end: int
    kind: str  # "negation" or "no_promise"


_QUOTE = re.compile(r"“[^“”]{1,200}”|「[^「」]{1,200}」|『[^『』]{1,200}』|‘[^‘’]{1,200}’|\"[^\"]{1,200}\"")


def _quotes(folded: str) -> list[tuple[int, int]]:
    """[start, end) of the words inside each pair of quotation marks."""
    if not any(q in folded for q in "“「『‘\""):
        return []
    return [(m.start() + 1, m.end() - 1) for m in _QUOTE.finditer(folded)]


def _is_cue(word: str) -> bool:
    if word in NOT_CUES:
        return False
    return word in CUES or (len(word) <= 3 and (word[0] in _CUE_CHARS or word[:2] in _CUE_STARTS))


def _clause_of(parts: list[Clause], pos: int) -> Clause | None:
    return next((c for c in parts if c.start <= pos < c.end), None)


def negations(text: str) -> list[Negation]:
    """Every negation in `text`: its cue and the scope it negates, in order."""
    folded = cantonese_not(kept(text))
    parts = clauses(text)
    out: list[Negation] = []
    quotes = _quotes(folded)
    # text with a space between most words (a tokeniser's output, some transcripts): spaces say nothing
    spaced = folded.count(" ") > 0.25 * len(folded.replace(" ", ""))
    for word, start, end in tokens(folded):
        if not _is_cue(word):
            continue
        whole = next((w for w in _COMPLETE if folded.startswith(w, start)), None)
        if whole is not None:  # 没 + 问题: it denies the rest of the predicate, nothing after it
            if start + len(whole) > end:
                out.append(Negation(end, start + len(whole), start, end, "negation"))
            continue
        before, after = _neighbour(folded, start, -1), _neighbour(folded, end - 1, 1)
        if len(word) == 1 and before >= 0 and after >= 0 and folded[before] == folded[after] \
                and _CJK.match(folded, before):  # 批唔批, 好不好 (spaced or not): a question
            continue
        if (len(word) > 1 and word[0] in "不没" and before >= 0 and folded[before] == word[1]
                and _CJK.match(folded, before)):  # 要不要, 有没有 taken as one word (要 + 不要): a question
            continue
        if (word[0] == "不" and before >= 0 and _CJK_VERB.match(folded, before)
                and _COMPLEMENT.match(folded, start) and not _is_cue(folded[before] + "不")):
            continue  # 抢不到, 修不好: a verb's complement
        clause = _clause_of(parts, start)
        if clause is None:
            continue
        stop = clause.end
        inside = next((q for q in quotes if q[0] <= start < q[1]), None)
        if inside is not None:  # a cue in quoted words (“三天没人管”是不可能的) negates nothing outside them
            stop = min(stop, inside[1])
        cause = _CAUSE.search(folded, end, stop)
        if cause is not None and folded[end:cause.start()].strip():
            stop = cause.start()  # 没定位是因为司机拔了设备: the cue denies its verb, not the cause given after it
        judged = _JUDGED.search(folded, end, stop)
        if judged is not None and folded[end:judged.start()].strip():
            stop = judged.start()  # 猫不吃新粮很正常: the cue denies 吃新粮, not the judgement 很正常
        for contrast in _CONTRAST.finditer(folded, end, stop):
            if contrast.group()[0] not in " \t\u3000" or (not spaced and folded[end:contrast.start()].strip()):
                stop = contrast.start()  # a new subject after a space ends the scope (not in word-spaced text)
                break
        if _RHETORICAL.search(folded[clause.start:clause.end]):
            continue
        if len(folded[end:stop].replace(" ", "")) > MAX_SCOPE:  # a run-on clause (no punctuation)
            stop = _after_chars(folded, end, MAX_SCOPE)
        if end < stop:
            out.append(Negation(end, stop, start, end, "negation"))
    whole = sentences(text) if _NO_PROMISE.search(folded) else []
    for m in _NO_PROMISE.finditer(folded):
        sentence = next((s for s in whole if s.start <= m.start() < s.end), None)
        if sentence is None:
            continue
        but = _BUT.search(folded, m.end(), sentence.end)
        clause = _clause_of(parts, m.start())
        stop = but.start() if but else clause.end if clause else sentence.end
        while stop > m.end() and folded[stop - 1] in "，,、 ~～":
            stop -= 1
        if m.end() < stop:
            out.append(Negation(m.end(), stop, m.start(), m.end(), "no_promise"))
    return sorted(out)


def is_negated(text: str, start: int, end: int, scopes: list[Negation] | None = None) -> bool:
    """Whether text[start:end] is negated: inside an odd number of negation scopes, or a no-promise scope.

    Pass `scopes` = negations(text) when asking about many spans of one text.
    """
    found = negations(text) if scopes is None else scopes
    while end - 1 > start and text[end - 1] in _TRAILING:  # 不用您去找厂家， : the comma a pattern took along
        end -= 1
    if any(n.kind == "no_promise" and n.start <= start and end <= n.end for n in found):
        return True
    # a hit that starts inside the cue (不是 + 是贵司的问题) is denied as a whole
    around = [n for n in found if n.kind == "negation" and (n.start <= start or n.cue_start < start < n.cue_end)
              and end <= n.end]
    return len(around) % 2 == 1
