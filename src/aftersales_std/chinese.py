"""Chinese text helpers: OpenCC script conversion and pinyin for display and sorting."""
from __future__ import annotations

import re
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
# stores those of every replacement its rules can suggest (lint/rules/cache.py), so that a warm run that
# suggests one in traditional text does not load OpenCC's dictionaries for it.
_KNOWN: dict[tuple[str, str], str] = {}


def remember(conversions: Iterable[tuple[str, str, str]]) -> None:
    """(configuration, text, converted) triples, as OpenCC gave them; used instead of OpenCC."""
    for config, text, converted in conversions:
        _KNOWN[config, text] = converted


# Words that OpenCC's phrase-level Taiwan vocabulary (s2twp) rewrites as computing terms, where a service
# document means the everyday word Taiwan writes too: 文件 (a document, not 檔案 "a file"), 发布 (發布, not
# 釋出), 审核 (審核, not 稽核 "audit"), 运行 (a machine's 運行, not 執行), 调试 (commissioning, not 除錯
# "debugging"), 程序 (a procedure, not 程式 "a program"), 项目 (an item, not 專案 "a project").
# Text already traditional (converted twice, or written so) keeps them too.
KEEP_WORDS = {"文件": "文件", "发布": "發布", "审核": "審核", "运行": "運行", "调试": "調試", "程序": "程序", "项目": "項目",
              "發佈": "發布", "發布": "發布", "審核": "審核", "運行": "運行", "調試": "調試", "項目": "項目"}
_KEPT = re.compile("《[^》\n]*》|" + "|".join(KEEP_WORDS))


def to_traditional(text: str, config: str = "s2t") -> str:
    """zh-Hans -> zh-Hant with the project's OpenCC configuration (s2t, s2tw, s2twp, s2hk).

    A title in 《》 (a law, a standard, a book) is a name: a phrase-level configuration (s2twp) converts
    only its characters (s2tw), so that 《个人信息保护法》 stays 《個人信息保護法》, not 《個人資訊保護法》;
    and it keeps the words of KEEP_WORDS (文件, not 檔案)."""
    known = _KNOWN.get((config, text))
    if known is not None:
        return known
    converter = _converter(config)
    if not config.endswith("p"):
        return converter.convert(text)
    names = _converter(config[:-1])
    out, last = [], 0
    for m in _KEPT.finditer(text):
        out.append(converter.convert(text[last:m.start()]))
        word = m.group(0)
        out.append(KEEP_WORDS.get(word) or names.convert(word))
        last = m.end()
    out.append(converter.convert(text[last:]))
    return "".join(out)


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
