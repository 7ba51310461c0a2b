"""The jieba user dictionary: every designation of the glossary, so that 三包 or 满意度调查 stays one token.

Material's search segments only runs of Han characters with jieba, so the dictionary holds each Han run
of two or more characters of every designation, in every language and status (zh-Hant and deprecated
variants included: agents search for the words they hear).
"""
from __future__ import annotations

import re

from aftersales_std.model import Model

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]{2,}")
# High enough that jieba keeps the word whole inside a sentence, as measured in the tests.
FREQUENCY = 100000


def words(model: Model) -> list[str]:
    seen: dict[str, None] = {}
    for concept in model.glossary.concepts:
        for designations in concept.terms.values():
            for d in designations:
                for run in _HAN.findall(d.text):
                    seen.setdefault(run)
    return sorted(seen)


def user_dictionary(model: Model) -> str:
    """jieba's user-dictionary format: one `word frequency` per line, UTF-8."""
    return "".join(f"{w} {FREQUENCY}\n" for w in words(model))
