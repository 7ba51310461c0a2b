"""Shared helpers of the detectors: a same-length fold and jieba tokens on it.

`fold_keep` folds script, width and case like `lint.fold` but keeps every character (whitespace
too), so a position in the folded text is the same position in the original: detectors match on the
folded text and return spans of the original without an index map.
"""
from __future__ import annotations

import logging
import re
from functools import cache, lru_cache
from typing import Iterable

from aftersales_std.lint.fold import table as fold_table

__all__ = ["fold_keep", "tokens", "lit"]


@cache
def _keep_table() -> dict[int, str]:
    return {code: value for code, value in fold_table().items() if value is not None and len(value) == 1}


@cache
def _keep_list() -> list[str]:
    """_keep_table as a list indexed by code point (the Basic Multilingual Plane): str.translate with a
    list does not raise and clear a KeyError for every character it leaves alone, as with a dict."""
    out = [chr(code) for code in range(0x10000)]
    for code, value in _keep_table().items():
        if code < 0x10000:
            out[code] = value
    return out


def fold_keep(text: str) -> str:
    """`text` folded to simplified, half-width, lower case; same length, whitespace kept."""
    return text.translate(_keep_list())


@cache
def _tokenizer() -> object:
    import jieba  # imported late: loading its dictionary takes about a second

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


@lru_cache(maxsize=256)
def _tokens(folded: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(_tokenizer().tokenize(folded, HMM=False))  # type: ignore[attr-defined]


def tokens(folded: str) -> list[tuple[str, int, int]]:
    """jieba words of `folded` as (word, start, end); dictionary only (no HMM), so it is deterministic.

    The last few hundred texts are cached: the detectors of one reply tokenise the same text.
    """
    return list(_tokens(folded))


def lit(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first, tolerating spaces between their characters."""
    parts = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(r"\s*".join(re.escape(ch) for ch in w) for w in parts) + ")"
