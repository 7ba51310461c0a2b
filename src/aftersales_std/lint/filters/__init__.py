"""Filters: small named checks, each testable alone, that let a rule drop a candidate hit in context.

A rule file lists them in order under `unless:`; the first that holds drops the hit:

    unless:
      - quoted                                   # inside quoted or restated customer words
      - negated                                  # inside a negation's scope (不用您去找厂家)
      - concrete_offer: {scope: clause, after: 1}  # a hedge followed at once by options or a slot
      - owned: {scope: sentence, after: 1, time: true}

and a conditional rule may name them as its condition (`condition: {detectors: [concrete_time]}`):
the hit is fine when the detector finds something in the condition's scope. Both read one
`TextContext` per text, which runs each detector at most once and only when a candidate hit asks.

Scopes (`scope`, widened by `before` / `after` more units; `window` counts characters):
`clause`, `sentence`, `window`, `reply`. Units come from punctuation where the text has it; where the
unit holding the hit runs on without punctuation (real chat, speech-to-text), from
`detectors.clauses`, which also ends clauses at particles (哦 呢 吧 哈), address words, discourse markers
and line breaks. Positions are those of the text the engine scans (placeholders masked, same length
as the original).

Add a filter: write `def name(ctx, start, end, spec) -> bool` with a docstring, decorate it with
`@register("name", scope=..., before=..., after=...)` (its default scope), add the name to the rule schema's
`filter` enum, and unit-test it in tests/lint/test_lint_filters.py.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from aftersales_std.lint.filters import evidence
from aftersales_std.lint.detectors._text import kept, lazy
from aftersales_std.lint.text.fold import CLAUSE_MARK, mark_clauses

__all__ = ["FilterSpec", "TextContext", "FILTERS", "register", "drops", "detected", "filter_spec", "SCOPES"]

SCOPES = ("clause", "sentence", "window", "reply")


@dataclass(frozen=True)
class FilterSpec:
    """One entry of `unless:` (or of `condition.detectors`): a filter's name and its arguments.
    Stored by name in the compiled rule (and so in the rule cache); the function is looked up when run."""

    name: str
    scope: str = "clause"
    before: int = 0
    after: int = 0
    time: bool = False  # owned: the ownership must come with a concrete time
    kinds: tuple[str, ...] = ()  # concrete_time: the kinds that count (clock, date, duration, deadline, immediate)


@dataclass(frozen=True)
class _Entry:
    fn: Callable[["TextContext", int, int, FilterSpec], bool]
    scope: str
    before: int
    after: int


FILTERS: dict[str, _Entry] = {}


def register(name: str, scope: str = "clause", before: int = 0, after: int = 0) -> Callable[[Any], Any]:
    """Add a filter to the registry under `name`, with its default scope."""
    def deco(fn: Callable[["TextContext", int, int, FilterSpec], bool]) -> Callable[..., bool]:
        FILTERS[name] = _Entry(fn, scope, before, after)
        return fn
    return deco


def filter_spec(item: str | Mapping[str, Any], where: str = "unless") -> FilterSpec:
    """`negated` or `{owned: {scope: sentence, after: 1}}` (as validated by the rule schema) -> FilterSpec.
    Raises ValueError naming the unknown filter or argument."""
    if isinstance(item, str):
        name, args = item, {}
    elif isinstance(item, Mapping) and len(item) == 1:
        name, args = next(iter(item.items()))
        args = dict(args or {})
    else:
        raise ValueError(f"{where}: write a filter name or {{name: {{arguments}}}}, not {item!r}")
    entry = FILTERS.get(name)
    if entry is None:
        raise ValueError(f"{where}: unknown filter {name!r}; known: {', '.join(sorted(FILTERS))}")
    unknown = set(args) - {"scope", "before", "after", "time", "kinds"}
    if unknown:
        raise ValueError(f"{where}: {name}: unknown argument {sorted(unknown)[0]!r}")
    scope = str(args.get("scope", entry.scope))
    if scope not in SCOPES:
        raise ValueError(f"{where}: {name}: scope {scope!r} is not one of {', '.join(SCOPES)}")
    return FilterSpec(name=name, scope=scope, before=int(args.get("before", entry.before)),
                      after=int(args.get("after", entry.after)), time=bool(args.get("time", False)),
                      kinds=tuple(args.get("kinds", ())))


# Where units end when the text has punctuation (positions of the original text).
_SENTENCE_SEP = re.compile(r"(?:[。！？!?…；;]|(?<!\d)\.(?!\d)|\s*\n\s*)+")
_CLAUSE_SEP = re.compile(r"(?:[。！？!?…；;，,、~～]|(?<!\d)[:：](?!\d)|(?<!\d)\.(?!\d)|\s*\n\s*|[ \t]{2,}|\u3000)+")
# A punctuation unit longer than this, or one holding a sentence-final particle or address word before its
# end, runs on without punctuation: its units come from detectors.clauses.
_RUN_ON = {"clause": 24, "sentence": 48}
_SOFT_END = re.compile(r"[哦呢吧哈啦呀喔唷嘛咯噢㗎喎吗亲]")


_LAST: list[Any] = [None, None]  # the last text a TextContext was made for, and its findings


class TextContext:
    """One text's units and detector results, each found at most once and only when first asked."""

    def __init__(self, text: str) -> None:
        self.text = text
        if _LAST[0] == text:  # the same text again (the engine's phrases, then matchers.py): share what was found
            self._memo: dict[Any, Any] = _LAST[1]
        else:
            self._memo = {}
            _LAST[0], _LAST[1] = text, self._memo

    def _get(self, key: Any, make: Callable[[], Any]) -> Any:
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = make()
            return value

    @property
    def folded(self) -> str:
        return self._get("folded", lambda: kept(self.text))

    def squeezed(self) -> tuple[str, list[int]]:
        """The text folded with whitespace removed ("可能 是" -> "可能是"), and each character's position
        in the text: for patterns that must not depend on spaces between words."""
        def make() -> tuple[str, list[int]]:
            from aftersales_std.lint.detectors.concrete_time import _fold
            return _fold(self.text)
        return self._get("squeezed", make)

    def to_squeezed(self, pos: int) -> int:
        """The position in `squeezed()` of the first character at or after text position `pos`."""
        return bisect.bisect_left(self.squeezed()[1], pos)

    def times(self) -> list[Any]:
        from aftersales_std.lint.detectors.concrete_time import concrete_times
        return self._get("times", lambda: concrete_times(self.text))

    def negations(self) -> list[Any]:
        from aftersales_std.lint.detectors.negation import negations
        return self._get("negations", lambda: negations(self.text))

    def quoted(self) -> list[Any]:
        from aftersales_std.lint.detectors.quoted import quoted_spans
        return self._get("quoted", lambda: quoted_spans(self.text))

    def ownerships(self) -> list[Any]:
        from aftersales_std.lint.detectors.ownership import ownerships
        return self._get("ownerships", lambda: ownerships(self.text))

    def offers(self) -> list[Any]:
        from aftersales_std.lint.detectors.offers import concrete_offers
        return self._get("offers", lambda: concrete_offers(self.text, owned=False, times=self.times()))

    def _units(self, level: str, soft: bool) -> tuple[list[int], list[int]]:
        def make() -> tuple[list[int], list[int]]:
            if soft:
                from aftersales_std.lint.detectors.clauses import clauses, sentences
                parts = clauses(self.text) if level == "clause" else sentences(self.text)
                return [c.start for c in parts], [c.end for c in parts]
            sep = _CLAUSE_SEP if level == "clause" else _SENTENCE_SEP
            # a space between clauses of unpunctuated chat ends a clause, as it does for rule patterns (fold.py)
            text = mark_clauses(self.text).replace(CLAUSE_MARK, "\u3000") if level == "clause" else self.text
            spans = [m.span() for m in sep.finditer(text)]
            starts = [0] + [e for _s, e in spans]
            ends = [s for s, _e in spans] + [len(self.text)]
            keep = [k for k in range(len(starts)) if ends[k] > starts[k]]  # no empty units
            return [starts[k] for k in keep], [ends[k] for k in keep]
        return self._get(("units", level, soft), make)

    def unit(self, scope: str, start: int, end: int, before: int = 0, after: int = 0,
             soft: bool = True) -> tuple[int, int]:
        """[lo, hi): the `scope` unit holding text[start:end], widened by `before`/`after` units
        (characters for `window`). `soft=False`: from punctuation only (a cheap, wider bound)."""
        n = len(self.text)
        if scope == "reply":
            return 0, n
        if scope == "window":
            return max(0, start - before), min(n, end + after)
        starts, ends = self._units(scope, False)
        i = max(0, bisect.bisect_right(starts, start) - 1)
        if soft and starts and (ends[i] - starts[i] > _RUN_ON[scope] or (ends[i] - starts[i] > 8 and _SOFT_END.search(
                self.folded, starts[i] + 1, ends[i] - 1))):  # no punctuation here: units from clauses.py
            soft_starts, soft_ends = self._units(scope, True)
            if soft_starts:
                starts, ends = soft_starts, soft_ends
                i = max(0, bisect.bisect_right(starts, start) - 1)
        if not starts:
            return 0, n
        j = max(i, bisect.bisect_left(ends, end))  # the unit holding the hit's end
        j = min(j, len(ends) - 1)
        lo = starts[max(0, i - before)]
        hi = ends[min(len(ends) - 1, j + after)]
        return min(lo, start), max(hi, end)

    def scope_of(self, spec: FilterSpec, start: int, end: int) -> tuple[int, int]:
        return self.unit(spec.scope, start, end, spec.before, spec.after)


def _outside(s: int, e: int, start: int, end: int) -> bool:
    """A detector's span [s, e) says something of its own: it is not inside the hit [start, end)."""
    return not (start <= s and e <= end)


_NEGATION_CUE = re.compile(r"[不没无未别非免勿冇毋甭]|保证不了|承诺不了|答应不了")


@register("negated", scope="sentence")
def negated(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """The hit lies inside a negation's scope (不用您去找厂家, 不是您的问题, 没法保证明天一定到, 唔使你搵厂家);
    see `detectors.negation`. Two cues cancel; a rhetorical question negates nothing."""
    lo, _hi = ctx.unit(spec.scope, start, end, spec.before, spec.after, soft=False)
    if not _NEGATION_CUE.search(ctx.folded, lo, start):  # no cue before the hit: nothing can negate it
        return False
    if not evidence.may_be_negated(ctx, start):  # no cue in the hit's clause, no "can't promise" in its sentence
        return False
    from aftersales_std.lint.detectors.negation import is_negated
    return is_negated(ctx.text, start, end, ctx.negations())


_QUOTE_MARK = re.compile(r"[“「『‘\"'《]")
_QUOTE_CUE = lazy(r"[“「『‘\"'《]|(?:您|你|客户|顾客|用户|客人|据|如|按|正如)[^,，。!?！？]{0,4}"
                        r"(?:说|讲|话|提到|表示|反映|反馈|投诉|描述|觉得|认为|意思|问|希望|要求|想要)")


@register("quoted", scope="reply")
def quoted(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """The hit lies inside quoted or restated customer words (您说"你们就是在推卸责任", 您反映的问题);
    see `detectors.quoted`."""
    folded = ctx.folded
    if not _QUOTE_MARK.search(folded, 0, start) and not _QUOTE_CUE.search(folded, max(0, start - 40), start):
        return False  # no quotation mark before the hit and no 您说 / 您反映 just before it
    from aftersales_std.lint.detectors.quoted import is_quoted
    return is_quoted(ctx.text, start, end, ctx.quoted())


@register("owned", scope="sentence", after=1)
def owned(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """An owner (we, a named person or department) doing a concrete action stands in the scope, not inside
    the hit (是仓库发错了，我今天下午给您重新寄出); with `time: true` the action must come with a
    concrete time. See `detectors.ownership`."""
    if not evidence.may_own(ctx, 0, len(ctx.text)):  # no owner with an action anywhere: no scope, no units
        return False
    lo, hi = ctx.scope_of(spec, start, end)
    if not evidence.may_own(ctx, lo, hi):  # no owner in the scope with an action after it: no jieba run
        return False
    return any(lo <= o.owner_start < hi and _outside(o.owner_start, o.action_end, start, end)
               and (o.time or not spec.time) for o in ctx.ownerships())


@register("remedied", scope="reply")
def remedied(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """We own the case in the scope (the whole reply by default): an owner doing a concrete action (see
    `owned`), or a remedy given to the customer with no owner named (已为您申请 20 元补偿, 给您免费更换, 为您补发;
    `detectors.ownership.remedies`). A cause stated as fact and then owned is no blame."""
    if owned(ctx, start, end, spec):
        return True
    lo, hi = ctx.scope_of(spec, start, end)
    from aftersales_std.lint.detectors.ownership import remedies
    return any(lo <= s < hi and _outside(s, e, start, end) for s, e in ctx._get("remedies", lambda: remedies(ctx.text)))


@register("handover", scope="reply")
def handover(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """A refusal is fine when we hand the case on or offer something else in the scope (the whole reply by
    default), outside the hit: our own next step (我帮您联系厂家, 我给您约师傅上门), a contrast leading to what
    we can do (不过质量问题我们照样给您退), a way back to us (有问题直接找我), concrete options (see
    `concrete_offer`; a time alone is none), a price for the paid way on (维修费180元), or ownership or a remedy (see `remedied`). See `detectors.offers.handovers`."""
    lo, hi = ctx.scope_of(spec, start, end)
    from aftersales_std.lint.detectors.offers import handovers
    if any(lo <= s < hi and _outside(s, e, start, end) for s, e in ctx._get("handovers", lambda: handovers(ctx.text))):
        return True
    if any(lo <= o.start < hi and o.kind == "options" and _outside(o.start, o.end, start, end) for o in ctx.offers()):
        return True
    return remedied(ctx, start, end, spec)


# What an offer can start with: a number or a day (a slot), or a word of choice (options).
_OFFER_CUE = lazy(r"[0-9零〇一二两三四五六七八九十百半今明后周星礼本这下月号日点时天内前底当即立马①⑴]|选|或|还是|要么|方案|办法")


@register("concrete_offer", scope="clause", after=1)
def concrete_offer(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """Concrete options, a confirmed slot, or an owner + action + time follow the hit at once: in the
    scope (its clause and the next, by default) and before the sentence's full stop (尽量帮您争取，您可以
    选择换新或者退款; 看情况，明天上午10点师傅上门看). A time before the hedge does not make it concrete
    (我们明天开会再合计合计). See `detectors.offers`."""
    _hlo, hard = ctx.unit("sentence", start, end, soft=False)  # "at once": not past the sentence's 。！？
    if not _OFFER_CUE.search(ctx.folded, end, hard):  # nothing after the hit an offer could start with
        return False
    lo, hi = ctx.scope_of(spec, start, end)
    hi = min(hi, hard)
    if any(end <= o.start < hi for o in ctx.offers()):
        return True
    _slo, shi = ctx.unit("sentence", max(end, hi - 1), max(end, hi), soft=False)
    if not any(end <= t.start < shi for t in ctx.times()):
        return False  # no time after the hit in the scope's sentences: no owner + action + time (no jieba run)
    return evidence.may_own(ctx, end, hi) and any(end <= o.owner_start < hi and o.time for o in ctx.ownerships())


# Times that date no commitment: a past day (昨天已经回复过您), a day used as an attribute (今天的订单),
# and "at once" after an event nobody can date (一有结果就即刻通知您, 零件到了马上发).
_PAST = lazy(r"(?:昨天|昨日|昨晚|前天|寻日|琴日|上周|上个?星期|上个?礼拜|上个月|去年|刚才)")
# A week, month or year names a deadline with 内 / 前 / 底 (本月底前, 这周内), before a verb (这周就会寄出) or
# after 在 / 于; before a noun it describes something (这个月套餐多收费).
_PERIOD = lazy(r"(?:本|这个?|今个|呢个)(?:周|星期|礼拜|月)|今年|本年")
_PERIOD_DEADLINE = lazy(r"(?:之内|以内|内|之前|以前|前|底|末|中旬|下旬|就|会|能|可以|可|将|要|给|安排|[,，。!?！？\s]|$)")
_EVENT = lazy(r"一到|到了|到货|有消息|有结果|有回复|有进展|出来后|出来之后|处理完|排好|确定后|批下来|一有|完成后|之后就|后就")


def _commitment_times(ctx: TextContext) -> list[Any]:
    def make() -> list[Any]:
        out = []
        folded = ctx.folded
        for t in ctx.times():
            if _PAST.match(folded, t.start) or folded.startswith("的", t.end):
                continue
            if _PERIOD.fullmatch(folded, t.start, t.end) and not _PERIOD_DEADLINE.match(folded, t.end) \
                    and not folded[max(0, t.start - 1):t.start] in ("在", "于"):
                continue
            if t.kind == "immediate":
                lo, _hi = ctx.unit("sentence", t.start, t.end)
                if _EVENT.search(folded, lo, t.start):
                    continue
            out.append(t)
        return out
    return ctx._get("commitment_times", make)


@register("concrete_time", scope="sentence")
def concrete_time(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """A concrete time or deadline (25号, 周五前, 下班前, 3个工作日内, 18:00, 马上; `kinds` narrows which)
    stands in the scope, not inside the hit. See `detectors.concrete_time`. Times that date no commitment
    do not count: a past day (昨天已经回复过您), a day as an attribute (今天的订单), and 马上 / 即刻 after
    an event nobody can date (一有结果就即刻通知您)."""
    lo, hi = ctx.scope_of(spec, start, end)
    kinds = spec.kinds
    return any(lo <= t.start < hi and _outside(t.start, t.end, start, end) and (not kinds or t.kind in kinds)
               for t in _commitment_times(ctx))


# A hedge about a cause: a clause naming a fault (老化, 松动, 故障, 引起 ...) or a hedge + 是 / 跟…有关, and no
# word of an outcome, an entitlement or a time (可以退, 在保修期内, 没问题, 周四过去, 一年): 好像是在保修期内
# is a guess about what the customer gets, not about what went wrong.
_HEDGED_CAUSE = lazy(r"(?:可能|应该|估计|好像|也许|或许|大概|多半|八成|怀疑|初步判断|初步看)(?:是|系|跟|与|和|因为|由于|属于)")
_FAULT = lazy(r"引起|导致|造成|所致|有关|原因|老化|损坏|松动|不良|磨损|堵塞|堵住|脏了|没电|坏了|变形|过载|故障|异常|(?<!没)问题")
_SAID = 16
_SPACE = re.compile(r"\s")
_SAID_NEXT = re.compile(r"[^,，。！？!?；;\n]{0,8}")
# 退 / 换 / 赔 as an outcome (退款, 换新, 给您换, 赔), not inside a cause (换粮太快, 交换机端口, 切换频道).
_OUTCOME = lazy(r"可以|(?<![可功性智技效职体机本])能|会|行|不大|不严重|不影响|没问题|没事|就好|保修|保固|期内|"
                      r"退(?!化|烧|色)|(?<![交切转替])换(?![粮季气挡线水油])|赔|理赔|承担|免费|通用|收费|费用|到账|入账|[0-9一二两三四五六七八九十几半]"
                      r"(?:个|年|月|天|日|周|小时|分钟|号)|时间")
# A firm next step for the customer: an instruction with a concrete verb (请您先把网线拔下, 建议新旧粮混着喂).
_INSTRUCTION = lazy(r"(?:请您?|建议您?|您先|您可以先|麻烦您|需要您|您这边先)(?:先|再|今天|现在)?[^。!?？！]{0,6}?"
                          r"(?:把|关闭|关掉|打开|重启|拔|插|检查|更换|换|清洁|清理|擦|带|来|到|拨打|联系|发|拍|试|混|停用|"
                          r"喂|调|设置|升级|备份|断电|充电|寄|送|去|按)")
# A later hedge ends the firm part (可能是系统问题，升级一下应该就好了): what follows it is a guess too. Another
# cause (也可能是…) is not such a hedge.
_HEDGE = lazy(r"(?:应该|可能|大概|估计|好像|也许|或许|似乎|说不定)(?!是|系|跟|与|和|因为|由于)")
# The agent's own firm step (我马上远程登录, 我已经给您派了抢修, 师傅四十分钟之内到).
_FIRM = lazy(r"(?:我|我们|这边|我司|师傅|工程师|技师)(?:这边)?(?:(?:现在|马上|这就|已经|已|今天|会|将|直接)+(?:给您|为您|帮您)?"
                   r"|给您|为您|帮您)(?:派|安排|约|预留|登记|上门|到场|远程|换|退|补|寄|发|检测|检查|处理|联系|打|回电|投诉|改)")


@register("cause_then_action", scope="window", after=80)
def cause_then_action(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """The hedge is about a physical cause (可能是门锁回路接触不良, 应该是水垢把探针盖住了) and a firm action
    follows in the scope: a confirmed slot or options, an owner doing a concrete action, the agent's own
    firm step, or a concrete instruction to the customer (请您先把网线拔下重新插紧). A guess about an
    outcome or a time (应该明天能到, 大概要一周) is not a cause and stays flagged."""
    said = _SAID_NEXT.match(ctx.folded, end)  # cheap first: a guess about an outcome right after the hedge
    if said and _OUTCOME.search(ctx.folded, start, said.end()):  # (应该可以修好, 大概三天)
        if not _SPACE.search(ctx.folded, start, said.end() + 1):
            return False
        text, _index = ctx.squeezed()  # 可能 是 换 粮: spaces between words must not make an outcome (换 + space)
        said = _SAID_NEXT.match(text, ctx.to_squeezed(end))
        if said and _OUTCOME.search(text, ctx.to_squeezed(start), said.end()):
            return False
    text, index = ctx.squeezed()  # spaces between words change nothing
    at = ctx.to_squeezed
    clo, chi = ctx.unit("clause", start, end)
    # what the hedge says: the rest of its clause, a few words at most (counted without spaces)
    far = at(end) + _SAID
    chi = max(end, min(chi, index[far] if far < len(index) else len(ctx.text)))
    if _OUTCOME.search(text, at(start), at(chi)) or any(start <= t.start < chi for t in ctx.times()):
        return False
    if not (_FAULT.search(text, at(clo), at(chi)) or _HEDGED_CAUSE.search(text, at(clo), at(chi))):
        return False
    lo, hi = ctx.scope_of(spec, start, end)
    lo = max(lo, end)
    later = _HEDGE.search(text, at(lo), at(hi))
    if later:
        hi = index[later.start()]
    if any(lo <= o.start < hi for o in ctx.offers()):
        return True
    if _INSTRUCTION.search(text, at(lo), at(hi)) or _FIRM.search(text, at(lo), at(hi)):
        return True
    return evidence.may_own(ctx, lo, hi) and any(lo <= o.owner_start < hi for o in ctx.ownerships())


# --- chat: what an agent says while acting in the conversation ---------------------------------------
# A short wait while the agent looks something up now (稍等, 请耐心等待一下 + 正在为您核实): the reply comes in
# the chat, minutes later; it is no commitment to date. A wait for a notice or a result is not such a wait.
_WAIT_HIT = re.compile(r"等|候|耐心")
_CHECK_HIT = re.compile(r"核实|核查|核对|确认|查|问|看")
_LONG_WAIT = lazy(r"通知|消息|结果|回复|回电|答复|回音|进展|短信|电话")
_LOOKUP_VERB = r"(?:查|核实|核查|核对|确认|看|翻|调取|调一下|问)"
_LOOKUP_NOW = lazy(r"(?:正在|马上|立刻|立即|这就|现在|先)(?:为您|帮您|给您|替您|为你|帮你)?" + _LOOKUP_VERB
                         + r"|(?:我|我们|这边)(?:这边)?(?:正在|马上|这就|现在|先)?(?:为您|帮您|给您|替您|为你|帮你)" + _LOOKUP_VERB)
_SHORT_WAIT = lazy(r"稍等|稍候|片刻|等一下|等下|等等我|一会儿?就好|一分钟|几分钟|马上(?:回复|告诉|答复)")


@register("checking_now", scope="clause", before=1, after=1)
def checking_now(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """A wait the agent asks for while looking something up now, in the chat: a wait (请耐心等待一下, 您稍等)
    next to a lookup the agent is doing (正在为您核实, 我这边马上帮您查), or a lookup (我帮您核实一下) next
    to a short wait (您稍等, 片刻). The scope is the hit's clause and its neighbours (clauses from particles
    and spaces where chat has no punctuation). A wait for a notice, a result or a call (耐心等待通知,
    等待回复) is a commitment and stays; so does 正在处理 (the back office's step, not a lookup in the chat)."""
    folded = ctx.folded
    hit = folded[start:end]
    wait = _WAIT_HIT.search(hit) is not None
    if not wait and _CHECK_HIT.search(hit) is None:
        return False
    if _LONG_WAIT.search(folded, start, min(len(folded), end + 3)):
        return False
    lo, hi = ctx.scope_of(spec, start, end)
    cue = _LOOKUP_NOW if wait else _SHORT_WAIT
    return any(_outside(m.start(), m.end(), start, end) for m in cue.finditer(folded, lo, hi))


# A closing that invites the customer to come back (有问题随时联系我们 我们会第一时间处理): what follows
# answers a contact that has not happened; it can carry no date.
_INVITE = lazy(r"(?:有|如有|若有|如果有|如还有|遇到|还有|再有|后续有|之后有|以后有)(?:什么|任何|其他|其它|别的)?"
                     r"(?:问题|疑问|需要|需求|不明白|不清楚|困难|不满意|售后问题)[^。!?！？\n]{0,8}?"
                     r"(?:联系|找|咨询|留言|反馈|告诉|call|私信|戳|滴滴|问)")


@register("polite_closing", scope="sentence", before=1)
def polite_closing(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """The hit answers an invitation to get in touch that comes just before it (有问题随时联系我们 我们会第一时间
    帮您处理; 后续有任何问题可以随时找我 我会尽快回复): a promise conditional on the customer's future
    contact cannot name a time. The invitation must stand before the hit in its sentence or the one before,
    within 30 characters."""
    lo, _hi = ctx.scope_of(spec, start, end)
    return any(m.end() <= start for m in _INVITE.finditer(ctx.folded, max(lo, start - 30), start))


# "I cannot promise X, but ..." (不敢跟您保证一定能退 不过我可以帮您申请): an honest limit followed at once by
# a concrete step of ours is a definite answer, not a guess or an absolute promise.
_CANNOT_PROMISE = lazy(r"(?:不能|不敢|没法|没办法|无法|不好|很难|难以|不可以)(?:跟您|向您|给您|和您|跟你|给你)?"
                             r"(?:说|讲|保证|承诺|打包票|打包单|确定|肯定|答应)|(?:保证|承诺|答应|确定)不了|不好说|说不好|不敢说")
_BUT = lazy(r"但是|但|不过|可是|只是")
_OUR_STEP = lazy(r"(?:会|可以|能|先|马上|立即|今天|明天|已经|正在|这就|帮您|给您|为您|替您|帮你|给你|师傅|工程师)"
                       r"[^。!?！？\n]{0,8}?(?:申请|反馈|催|加急|联系|安排|上门|检查|检测|补发|退|换|修|赔|负责|登记|提交|核实|查|寄|发|处理|跟进)")


@register("cannot_promise_but", scope="sentence")
def cannot_promise_but(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """The hit lies in "I can't promise X" (没法跟您保证百分百能修好, 我不好说一定能到) and a but-clause right
    after offers a concrete step of ours (但是我可以帮您申请, 不过师傅明天会上门检查). 但是我们会尽力 names no
    step and does not count."""
    folded = ctx.folded
    lo, hi = ctx.scope_of(spec, start, end)
    limit = None
    for m in _CANNOT_PROMISE.finditer(folded, max(lo, start - 12), min(hi, end + 2)):
        if m.start() <= end:
            limit = m
    if limit is None:
        return False
    but = _BUT.search(folded, max(end, limit.end()), min(hi, max(end, limit.end()) + 24))
    if but is None:
        return False
    return _OUR_STEP.search(folded, but.end(), min(hi, but.end() + 24)) is not None


def drops(filters: Iterable[FilterSpec], ctx: TextContext, start: int, end: int) -> str | None:
    """The name of the first filter that drops the hit text[start:end], or None when none does."""
    for spec in filters:
        if FILTERS[spec.name].fn(ctx, start, end, spec):
            return spec.name
    return None


def detected(detectors: Iterable[FilterSpec], ctx: TextContext, start: int, end: int) -> bool:
    """Whether one of a condition's detectors finds something in its scope (the condition is met)."""
    return drops(detectors, ctx, start, end) is not None
