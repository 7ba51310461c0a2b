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

from aftersales_std.lint.detectors._text import fold_keep

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


class TextContext:
    """One text's units and detector results, each found at most once and only when first asked."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._memo: dict[Any, Any] = {}

    def _get(self, key: Any, make: Callable[[], Any]) -> Any:
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = make()
            return value

    @property
    def folded(self) -> str:
        return self._get("folded", lambda: fold_keep(self.text))

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
        return self._get("offers", lambda: concrete_offers(self.text, owned=False))

    def _units(self, level: str, soft: bool) -> tuple[list[int], list[int]]:
        def make() -> tuple[list[int], list[int]]:
            if soft:
                from aftersales_std.lint.detectors.clauses import clauses, sentences
                parts = clauses(self.text) if level == "clause" else sentences(self.text)
                return [c.start for c in parts], [c.end for c in parts]
            sep = _CLAUSE_SEP if level == "clause" else _SENTENCE_SEP
            starts, ends, pos = [], [], 0
            for m in [*sep.finditer(self.text), None]:
                stop = m.start() if m else len(self.text)
                if stop > pos:
                    starts.append(pos)
                    ends.append(stop)
                if m:
                    pos = m.end()
            return starts, ends
        return self._get(("units", level, soft), make)

    def unit(self, scope: str, start: int, end: int, before: int = 0, after: int = 0) -> tuple[int, int]:
        """[lo, hi): the `scope` unit holding text[start:end], widened by `before`/`after` units
        (characters for `window`)."""
        n = len(self.text)
        if scope == "reply":
            return 0, n
        if scope == "window":
            return max(0, start - before), min(n, end + after)
        starts, ends = self._units(scope, False)
        i = max(0, bisect.bisect_right(starts, start) - 1)
        if starts and (ends[i] - starts[i] > _RUN_ON[scope] or (ends[i] - starts[i] > 8 and _SOFT_END.search(
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
    lo, _hi = ctx.scope_of(spec, start, end)
    if not _NEGATION_CUE.search(ctx.folded, lo, start):  # no cue before the hit: nothing can negate it
        return False
    from aftersales_std.lint.detectors.negation import is_negated
    return is_negated(ctx.text, start, end, ctx.negations())


_QUOTE_CUE = re.compile(r"[“「『‘\"'《]|说|讲|话|提到|表示|反映|反馈|投诉|描述|觉得|认为|意思")


@register("quoted", scope="reply")
def quoted(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """The hit lies inside quoted or restated customer words (您说"你们就是在推卸责任", 您反映的问题);
    see `detectors.quoted`."""
    lo, _hi = ctx.scope_of(spec, start, end)
    if not _QUOTE_CUE.search(ctx.folded, lo, start):
        return False
    from aftersales_std.lint.detectors.quoted import is_quoted
    return is_quoted(ctx.text, start, end, ctx.quoted())


@register("owned", scope="sentence", after=1)
def owned(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """An owner (we, a named person or department) doing a concrete action stands in the scope, not inside
    the hit (是仓库发错了，我今天下午给您重新寄出); with `time: true` the action must come with a
    concrete time. See `detectors.ownership`."""
    lo, hi = ctx.scope_of(spec, start, end)
    return any(lo <= o.owner_start < hi and _outside(o.owner_start, o.action_end, start, end)
               and (o.time or not spec.time) for o in ctx.ownerships())


@register("concrete_offer", scope="clause", after=1)
def concrete_offer(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """Concrete options, a confirmed slot, or an owner + action + time stand in the scope, not inside
    the hit (尽量帮您争取，您可以选择换新或者退款; 看情况，明天上午10点师傅上门看). See `detectors.offers`."""
    lo, hi = ctx.scope_of(spec, start, end)
    if any(lo <= o.start < hi and _outside(o.start, o.end, start, end) for o in ctx.offers()):
        return True
    return owned(ctx, start, end, FilterSpec("owned", spec.scope, spec.before, spec.after, time=True))


@register("concrete_time", scope="sentence")
def concrete_time(ctx: TextContext, start: int, end: int, spec: FilterSpec) -> bool:
    """A concrete time or deadline (25号, 周五前, 下班前, 3个工作日内, 18:00; `kinds` narrows which)
    stands in the scope, not inside the hit. See `detectors.concrete_time`."""
    lo, hi = ctx.scope_of(spec, start, end)
    kinds = spec.kinds
    return any(lo <= t.start < hi and _outside(t.start, t.end, start, end) and (not kinds or t.kind in kinds)
               for t in ctx.times())


def drops(filters: Iterable[FilterSpec], ctx: TextContext, start: int, end: int) -> str | None:
    """The name of the first filter that drops the hit text[start:end], or None when none does."""
    for spec in filters:
        if FILTERS[spec.name].fn(ctx, start, end, spec):
            return spec.name
    return None


def detected(detectors: Iterable[FilterSpec], ctx: TextContext, start: int, end: int) -> bool:
    """Whether one of a condition's detectors finds something in its scope (the condition is met)."""
    return drops(detectors, ctx, start, end) is not None
