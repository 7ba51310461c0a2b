"""Chinese text helpers: OpenCC script conversion and pinyin for display and sorting."""
from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    import opencc

# OpenCC is imported when a conversion is first asked for: a warm lint run converts nothing.
# pypinyin (about 0.6 s to import: its dictionaries) is imported by the functions that use it, so that
# commands which show no pinyin (lint) do not pay for it.


@cache
def _converter(config: str) -> opencc.OpenCC:
    import opencc
    return opencc.OpenCC(f"{config}.json")


# Conversions known in advance: (OpenCC configuration, text) -> converted text. The lint cache
# stores those of every replacement its rules can suggest (lint/cache.py), so that a warm run that
# suggests one in traditional text does not load OpenCC's dictionaries for it.
_KNOWN: dict[tuple[str, str], str] = {}


def remember(conversions: Iterable[tuple[str, str, str]]) -> None:
    """(configuration, text, converted) triples, as OpenCC gave them; used instead of OpenCC."""
    for config, text, converted in conversions:
        _KNOWN[config, text] = converted


def to_traditional(text: str, config: str = "s2t") -> str:
    """zh-Hans -> zh-Hant with the project's OpenCC configuration (s2t, s2tw, s2twp, s2hk)."""
    known = _KNOWN.get((config, text))
    return known if known is not None else _converter(config).convert(text)


def to_simplified(text: str) -> str:
    known = _KNOWN.get(("t2s", text))
    return known if known is not None else _converter("t2s").convert(text)


@cache
def pinyin_display(text: str) -> str:
    """'售后服务' -> 'shòu hòu fú wù' (phrase-aware, so 调试 reads tiáo shì)."""
    from pypinyin import Style, pinyin
    return " ".join(syllable[0] for syllable in pinyin(text, style=Style.TONE, errors="default"))


@cache
def pinyin_sort_key(text: str) -> str:
    """A key that orders Chinese terms by pinyin, then tone, then the characters themselves."""
    from pypinyin import Style, lazy_pinyin
    plain = " ".join(lazy_pinyin(text, style=Style.NORMAL, errors="default")).lower()
    tones = "".join(lazy_pinyin(text, style=Style.TONE3, errors="default"))
    return f"{plain}\x00{tones}\x00{text}"


@cache
def pinyin_initial(text: str) -> str:
    """The index letter of a term: the first pinyin letter, upper case; '#' for other starts."""
    from pypinyin import Style, lazy_pinyin
    first = lazy_pinyin(text[:1], style=Style.FIRST_LETTER, errors="default")
    letter = first[0][:1].upper() if first and first[0] else ""
    return letter if "A" <= letter <= "Z" else "#"
