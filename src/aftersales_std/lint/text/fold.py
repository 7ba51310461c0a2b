"""Text folding for matching: simplified/traditional, full/half width, case and whitespace.

The folded text is what rules match against; every folded character comes from exactly one
character of the original text, so positions map back one to one. Folding is a single
`str.translate` call (C speed); the map back to the original is only built when a text has a match.

Whitespace is deleted (a stray space inside a phrase must not hide it, and spaces put between words
change nothing), except where it ends a clause: real chat without punctuation ends its clauses with a
space or a line break ("洗衣液在路上漏了 都由我们来处理"). There the first whitespace character
becomes CLAUSE_MARK, which rule patterns see as they see a comma: every character class of a
pattern that holds a comma holds the mark too (`[^。,!?]{0,8}` stops at it, `(?=[,。])` accepts it),
and `{clause_end}` in a pattern is a lookahead for a clause end (punctuation, the mark, a
sentence-final particle or the end of the text). See `clause_gaps` for which whitespace ends a clause.
"""
from __future__ import annotations

import bisect
import re
import sys
from typing import Any, Callable, TypeVar

# OpenCC (aftersales_std.chinese) is imported when the tables are built, not when they come back
# from the compiled-rules cache (state() / restore()): a warm lint run never loads it.

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

# Whitespace that ends a clause in the folded text becomes this mark (private use: never in a rule
# pattern, which names it `{clause_end}` or gets it with a comma in a character class).
CLAUSE_MARK = "\ue002"
# Sentence-final particles: in chat they end a clause as a full stop does (好的呢 我们马上...).
PARTICLES = "哦呢吧哈啦呀喔唷嘛咯噢㗎喎吗亲"
# `{clause_end}` in a rule pattern: punctuation, the mark, a particle or the end of the text comes next.
CLAUSE_END = "(?=[,.;:!?~、。…" + CLAUSE_MARK + PARTICLES + "]|$)"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of visible whitespace (not the zero-width characters) with three CJK characters on each side.
# Written whitespace first, the three characters before it checked after it (a lookbehind over them and the
# whitespace character): the same matches as (?<=[CJK]{3})[ws]+(?=[CJK]{3}), but a search skips ahead to
# whitespace instead of trying the lookbehind at every character.
_WS = "[ \t\n\r\v\f\x85\xa0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_GAP = re.compile(f"{_WS}(?<=[{_CJK}]{{3}}{_WS}){_WS}*(?=[{_CJK}]{{3}})")
# ... and after a short first piece that opens the text (宝 面霜漏液了, 张姐 您的柜子明天送): an address or a
# greeting set off by a space.
_OPENING_GAP = re.compile(f"^[{_CJK}]{{1,3}}([ \\t\\u3000]+)(?=[{_CJK}]{{3}})")
_PIECES = re.compile(r"\S+")
_QUANTIFIER = re.compile(r"\{\d*,\d*\}")
# Text whose whitespace-separated pieces are this long on average has its spaces between clauses; shorter
# pieces are words with spaces between them (jieba's words average under two characters).
CLAUSE_PIECE = 3.2

_T = TypeVar("_T")
_TABLES: dict[str, Any] = {}  # the tables below, built once per process or restored from the cache


def _once(build: Callable[[], _T]) -> Callable[[], _T]:
    """`build()` memoised in _TABLES under its name (restore() fills _TABLES from the cache)."""
    name = build.__name__

    def get() -> _T:
        try:
            return _TABLES[name]  # type: ignore[no-any-return]
        except KeyError:
            value = _TABLES[name] = build()
            return value

    get.__name__ = get.__qualname__ = name
    get.__doc__ = build.__doc__
    return get


@_once
def _script_map() -> dict[int, str]:
    """Traditional -> simplified, character by character (OpenCC t2s), one to one only."""
    saved = _TABLES.get("saved")
    if saved is not None:
        keys, values = saved["script"]
        return dict(zip(map(ord, keys), values))
    from aftersales_std.chinese import to_simplified
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


@_once
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


@_once
def _fast_table() -> list[str | None]:
    """The same table as a list indexed by code point (the Basic Multilingual Plane).

    `str.translate` looks every character up in the table; a dict raises (and clears) a KeyError for
    each character it does not map, a list indexed by code point does not, which halves the cost of
    folding. Characters beyond the list (U+10000 and up, never in the table) raise IndexError, a
    LookupError, which `str.translate` reads as "keep the character".
    """
    saved = _TABLES.get("saved")
    if saved is not None:
        out: list[str | None] = list(saved["bmp"])
        for ch in DELETED:
            out[ord(ch)] = None
        return out
    out = [chr(code) for code in range(0x10000)]
    for code, value in table().items():
        out[code] = value
    return out


@_once
def _script_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(traditional-only characters, simplified-only characters), from OpenCC both ways."""
    saved = _TABLES.get("saved")
    if saved is not None:
        return frozenset(saved["traditional"]), frozenset(saved["simplified"])
    from aftersales_std.chinese import to_traditional
    regional = set(_EXTRA) | set(_CANTONESE)
    traditional = frozenset(chr(c) for c in _script_map() if chr(c) not in regional)
    chars = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi + 1)]
    converted = to_traditional("\n".join(chars)).split("\n")
    simplified = frozenset(s for s, t in zip(chars, converted) if s != t and s not in traditional) \
        if len(converted) == len(chars) else frozenset()
    return traditional, simplified


@_once
def _script_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two character sets as one-class regular expressions (a bitmap test per character)."""
    traditional, simplified = _script_sets()
    return (re.compile("[" + "".join(sorted(traditional)) + "]"),
            re.compile("[" + "".join(sorted(simplified)) + "]") if simplified else re.compile("(?!)"))


# The first texts are checked against the character sets themselves; from the _SETS_UNTIL-th on (or
# for a long text) the two one-class expressions are compiled (about 10 ms, once) and used: a search
# of one costs a fifth of the set test, which only many texts or a long one repay.
_SETS_UNTIL = 64
_SHORT = 4096
_calls = [0]


def is_simplified(text: str) -> bool:
    """True when `text` is written in simplified characters: some simplified-only character and no
    traditional-only one (a text that mixes both, or uses only shared characters, is not)."""
    if len(text) < _SHORT and "_script_res" not in _TABLES:
        _calls[0] += 1
        if _calls[0] < _SETS_UNTIL:
            traditional_set, simplified_set = _script_sets()
            return traditional_set.isdisjoint(text) and not simplified_set.isdisjoint(text)
    traditional, simplified = _script_res()
    return traditional.search(text) is None and simplified.search(text) is not None


def state() -> dict[str, Any]:
    """The tables built from OpenCC, in a form that loads fast (strings), for the compiled-rules
    cache: building them converts every CJK character twice (about 0.1 s), reading them back
    costs about a millisecond."""
    script = _script_map()
    traditional, simplified = _script_sets()
    bmp = "".join(_fast_table()[code] or "\0" for code in range(0x10000))
    return {"script": ("".join(map(chr, script)), "".join(script.values())),
            "traditional": "".join(sorted(traditional)), "simplified": "".join(sorted(simplified)),
            "bmp": bmp, "deleted": DELETED}


def restore(saved: Any) -> bool:
    """Use tables saved by state() from now on (each is built from them when first needed); False
    when `saved` is not such a value (the caller rebuilds the cache)."""
    try:
        keys, values = saved["script"]
        ok = (len(keys) == len(values) and len(saved["bmp"]) == 0x10000 and saved["deleted"] == DELETED
              and isinstance(saved["traditional"], str) and isinstance(saved["simplified"], str))
    except (TypeError, KeyError, ValueError):
        return False
    if ok:
        _TABLES.setdefault("saved", saved)
    return ok


# A text shorter than this is folded with the dict table (the list table costs a few milliseconds to
# build, which only a long text repays).
_LIST_AFTER = 2048


def clause_gaps(text: str) -> list[int]:
    """Where whitespace in `text` ends a clause: the index of the first whitespace character of each gap.

    A gap is a run of whitespace (a space, a line break, an ideographic space) with at least three CJK
    characters on each side (我们会 尽 快处理, 为了 尽快 帮您: a stray space inside or around a word is no
    gap; 化妆包 您的订单里没有 is one), or after a first piece of one to three CJK characters that opens the
    text (宝 面霜漏液了, 张姐 您的柜子: an address or greeting set off by a space). The gaps end
    clauses only in text whose whitespace-separated pieces average CLAUSE_PIECE characters or more: text
    with spaces between words ("我们 会 尽快 处理") has none, so adding spaces between words changes nothing.
    """
    first = _GAP.search(text)
    opening = _OPENING_GAP.match(text)
    if first is None and opening is None:
        return []
    pieces = _PIECES.findall(text)
    if sum(map(len, pieces)) < CLAUSE_PIECE * len(pieces):
        return []
    gaps = [m.start() for m in _GAP.finditer(text)]
    if opening is not None and opening.start(1) not in gaps:
        gaps.insert(0, opening.start(1))
    return gaps


def mark_clauses(text: str) -> str:
    """`text` with the first character of each clause gap (`clause_gaps`) replaced by CLAUSE_MARK: same
    length, so positions are unchanged."""
    gaps = clause_gaps(text)
    if not gaps:
        return text
    parts: list[str] = []
    pos = 0
    for g in gaps:
        parts.append(text[pos:g])
        parts.append(CLAUSE_MARK)
        pos = g + 1
    parts.append(text[pos:])
    return "".join(parts)


def _translate(text: str) -> str:
    if len(text) < _LIST_AFTER and "_fast_table" not in _TABLES:
        return text.translate(table())
    return text.translate(_fast_table())


def fold(text: str) -> str:
    """The folded form of `text` (what rules match against); whitespace that ends a clause is kept as
    CLAUSE_MARK, other whitespace deleted."""
    return _translate(mark_clauses(text))


def fold_joined(texts: list[str], sep: str) -> str:
    """fold(sep.join(texts)), each text's clause gaps found on its own (one translate call for all)."""
    return _translate(sep.join(map(mark_clauses, texts)))


_DELETED_RE = re.compile("[" + re.escape(DELETED) + "]")


class IndexMap:
    """Folded index -> original index, from the positions of the deleted characters only."""

    def __init__(self, text: str, folded_len: int, marked: str | None = None) -> None:
        self.text = text  # as given to fold(): its clause gaps are found again when needed
        self.marked = marked  # mark_clauses(text), when the caller has it
        self.identity = folded_len == len(text)
        self.steps: list[int] | None = None

    def __getitem__(self, i: int) -> int:
        if self.identity:
            return i
        if self.steps is None:  # the j-th deleted character (at original index d) precedes folded index d - j
            marked = mark_clauses(self.text) if self.marked is None else self.marked
            self.steps = [m.start() - j for j, m in enumerate(_DELETED_RE.finditer(marked))]
        return i + bisect.bisect_right(self.steps, i)

    def folded_index(self, i: int) -> int:
        """Original index -> folded index (the inverse of indexing): `i` less the characters deleted before it.
        An index of a deleted character gives the folded index of the next kept one."""
        if self.identity:
            return i
        self[0]  # the steps, found once
        deleted = self.__dict__.get("_deleted")
        if deleted is None:  # the j-th deleted character is at original index steps[j] + j
            deleted = self._deleted = [step + j for j, step in enumerate(self.steps or ())]
        return i - bisect.bisect_left(deleted, i)


_META = set(".^$*+?{}[]\\|()")


def fold_pattern(pattern: str) -> str:
    """Fold the literal characters of a regular expression the way the text is folded.

    Script is folded everywhere; full-width characters become half-width (escaped when they turn
    into regex syntax, so `（` stays a literal bracket); ASCII letters become lower case (escapes such
    as \\D or \\S are kept). Whitespace never reaches the matcher, so do not match on it; a clause
    end does: `{clause_end}` becomes CLAUSE_END, and a character class holding a comma (`[^。,，]`,
    `[,。!?]`) holds CLAUSE_MARK too.
    """
    script = _script_map()
    out: list[str] = []
    escaped = False
    klass = -1  # index in `out` of the open character class's "[", -1 outside a class
    pattern = pattern.replace("{clause_end}", CLAUSE_END)
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        i += 1
        code = ord(ch)
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
            out.append(ch)
            continue
        if klass < 0 and ch == "{":
            quantifier = _QUANTIFIER.match(pattern, i - 1)
            if quantifier:  # {1,10}: its comma is no comma of the text
                out.append(quantifier.group())
                i = quantifier.end()
                continue
        if klass < 0 and ch == "[":
            klass = len(out)
            out.append(ch)
            continue
        if klass >= 0 and ch == "]" and len(out) > klass + 1 and out[-1] != "[" and \
                not (len(out) == klass + 2 and out[-1] == "^"):  # "[]" and "[^]" open a class that holds "]"
            inside = "".join(out[klass + 1:])
            if "," in inside and CLAUSE_MARK not in inside:
                out.append(CLAUSE_MARK)
            klass = -1
            out.append(ch)
            continue
        if klass < 0 and ch in ",\uff0c":  # a comma of the text: the mark stands where chat has none
            out.append("[," + CLAUSE_MARK + "]")
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
