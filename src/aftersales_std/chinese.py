"""Chinese text helpers: OpenCC script conversion and pinyin for display and sorting."""
from __future__ import annotations

import re
from functools import cache

import opencc

# pypinyin (about 0.6 s to import: its dictionaries) is imported by the functions that use it, so that
# commands which show no pinyin (lint) do not pay for it.


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(f"{config}.json")


_TITLE = re.compile(r"《[^》\n]*》")


def to_traditional(text: str, config: str = "s2t") -> str:
    """zh-Hans -> zh-Hant with the project's OpenCC configuration (s2t, s2tw, s2twp, s2hk).

    A title in 《》 (a law, a standard, a book) is a name: a phrase-level configuration (s2twp) converts
    only its characters (s2tw), so that 《个人信息保护法》 stays 《個人信息保護法》, not 《個人資訊保護法》."""
    converter = _converter(config)
    if not config.endswith("p") or "《" not in text:
        return converter.convert(text)
    names = _converter(config[:-1])
    out, last = [], 0
    for m in _TITLE.finditer(text):
        out.append(converter.convert(text[last:m.start()]))
        out.append(names.convert(m.group(0)))
        last = m.end()
    out.append(converter.convert(text[last:]))
    return "".join(out)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


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
