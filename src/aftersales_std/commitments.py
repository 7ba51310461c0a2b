"""AS314: a reply template or glossary example that states a duration, deadline, fee or warranty period
contradicting a param of a standard it references.

Every param with a duration or amount unit (min, h, d, wd, month, year, CNY) governs the clauses of a text
(text up to the next ，。；) that speak of it: each duration (分钟, 小时, 天, 个工作日, 个月, 年) or amount (元) stated
in such a clause must equal the value of one governing param (or be written as the param itself, {{ refund }}).
A clause speaks of a param when it holds one of the param's `keywords` (修好, 退款 ...). A param that lists
none gets words from its label instead: the glossary's terms in it and its other content words; a clause holding
two of them speaks of it (关闭 and 确认 of 关闭确认等待时限; 标准回复 and 复核 of 标准回复复核时限), and so does a
label's only word when it is a glossary term (上门时段 of 上门时段最长跨度). A label with one ordinary word
(纠正时限) marks nothing: list keywords for it, or `keywords: []`, which says that no customer text
states the param (training hours, internal deadlines). params_by_standard() names such params (a test
keeps the bundled content free of them; validate does not fail a project for one).
A reply references the standards of its `refs`; a glossary concept the standards whose clauses list it.
Texts: a reply's text and subject; a concept's zh-Hans examples, approved phrasing and what to say instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from aftersales_std.errors import Finding
from aftersales_std.loading import Document

_CN = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
QUANTITY = re.compile(r"(?<![第\d.])(?<!第 )(\d+(?:\.\d+)?|[一两二三四五六七八九十]{1,2})\s*(分钟|小时|个工作日|工作日|天|个月|年(?!\s*\d)|元)")
SENTENCE = re.compile(r"[^。；！？，,!?;\n]+")  # clauses: a keyword governs the numbers of its own clause
# unit -> (dimension, factor): equal values in one dimension are the same commitment (24 小时 == 1 天)
DIMENSION = {"min": ("time", 1), "h": ("time", 60), "d": ("time", 1440), "wd": ("wd", 1),
             "month": ("months", 1), "year": ("months", 12), "CNY": ("money", 1)}
WORDS = {"分钟": "min", "小时": "h", "天": "d", "个工作日": "wd", "工作日": "wd", "个月": "month", "年": "year",
         "元": "CNY"}


# words of a label that say what kind of param it is, not what it is about
GENERIC = frozenset({"时限", "期限", "时间", "时长", "期间", "周期", "上限", "下限", "最长", "最短", "最多", "最少",
                     "完成", "要求", "标准", "规定", "同一", "客户", "间隔", "窗口", "跨度", "年限", "学时"})


@dataclass(frozen=True)
class Governing:
    standard: str
    name: str
    value: float
    unit: str
    keywords: tuple[str, ...]
    words: tuple[str, ...] = ()  # from the label when no keywords are listed: two of them mark a clause

    def shown(self) -> str:
        return f"{self.standard}.{self.name} = {_number(self.value)} {self.unit}"

    def speaks_of(self, clause: str) -> bool:
        return any(k in clause for k in self.keywords) or sum(w in clause for w in self.words) >= 2


def label_words(label: str, terms: set[str]) -> tuple[str, ...]:
    """The words of a param without listed keywords: the glossary terms its label holds (the longest where
    they overlap) and the label's other content words."""
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    found = sorted((t for t in terms if len(t) >= 2 and t in label), key=lambda t: (-len(t), t))
    keywords: list[str] = []
    for t in found:
        if not any(t in k for k in keywords):
            keywords.append(t)
    rest = label
    for k in keywords:
        rest = rest.replace(k, " ")
    words = [w for w in jieba.lcut(rest) if len(w.strip()) >= 2 and w not in GENERIC and re.search(r"[\u4e00-\u9fff]", w)]
    return tuple(dict.fromkeys(keywords + words))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _value(text: str) -> float:
    """'24' -> 24; '三' -> 3; '十二' -> 12; '二十' -> 20."""
    if text[0].isdigit():
        return float(text)
    if len(text) == 1:
        return float(_CN[text])
    if text[0] == "十":
        return float(10 + _CN[text[1]])
    if text[1] == "十":
        return float(_CN[text[0]] * 10)
    return float(_CN[text[0]] * 10 + _CN[text[1]])


def _normal(value: float, unit: str) -> tuple[str, float] | None:
    dim = DIMENSION.get(unit)
    return (dim[0], value * dim[1]) if dim else None


def params_by_standard(standards: list[Document], terms: set[str] | None = None,
                       unmarked: list[tuple[Document, str]] | None = None) -> dict[str, list[Governing]]:
    """The params that customer text can state, per standard; `terms` are the glossary's zh-Hans terms.
    `unmarked` collects (standard, param name) of a param with a duration or amount unit that lists no
    keywords and whose label gives no words to find it by: it would be checked nowhere."""
    out: dict[str, list[Governing]] = {}
    for doc in standards:
        data = doc.data
        for name, p in (data.get("params") or {}).items():
            if not isinstance(p.get("value"), (int, float)) or p.get("unit") not in DIMENSION:
                continue
            if "keywords" in p:
                keywords, words = tuple(p["keywords"] or ()), ()
            else:
                label = (p.get("label") or {}).get("zh-Hans") or ""
                words = label_words(label, terms or set())
                # one word alone marks a clause only when it is a glossary term (上门时段), not 纠正 or 调查
                keywords, words = (words, ()) if len(words) == 1 and words[0] in (terms or set()) else ((), words)
                if len(words) <= 1 and not keywords:
                    if unmarked is not None:
                        unmarked.append((doc, name))
                    continue
            if keywords or words:
                out.setdefault(data["id"], []).append(
                    Governing(data["id"], name, float(p["value"]), p["unit"], keywords, words))
    return out


def contradictions(text: str, governing: list[Governing]) -> Iterator[tuple[int, str, str, list[Governing]]]:
    """(offset in text, stated quantity, sentence, the params it contradicts) for each contradiction."""
    for sentence in SENTENCE.finditer(text):
        body = sentence.group(0)
        relevant = [g for g in governing if g.speaks_of(body)]
        if not relevant:
            continue
        for m in QUANTITY.finditer(body):
            stated = _normal(_value(m.group(1)), WORDS[m.group(2)])
            if stated is None:
                continue
            same_dim = [g for g in relevant if (_normal(g.value, g.unit) or ("", 0))[0] == stated[0]
                        or {stated[0], DIMENSION[g.unit][0]} <= {"time", "wd", "months"}]
            if same_dim and not any(_normal(g.value, g.unit) == stated for g in same_dim):
                yield sentence.start() + m.start(), m.group(0), body, same_dim


def _position(doc: Document, path: tuple[Any, ...], text: str, offset: int) -> tuple[int, int]:
    mark = doc.mark(path)
    before = text[:offset]
    if "\n" in text:  # a block scalar: its text starts on the line after the key
        return mark.line + 1 + before.count("\n"), len(before.rsplit("\n", 1)[-1]) + 1
    return mark.line, mark.col + 1 + offset


def _finding(doc: Document, path: tuple[Any, ...], text: str, offset: int, stated: str,
             params: list[Governing]) -> Finding:
    from aftersales_std.loading import format_json_path
    line, col = _position(doc, path, text, offset)
    names = ", ".join(g.shown() for g in params)
    placeholders = " or ".join(dict.fromkeys("{{ " + g.name + " }}" for g in params))
    return Finding(doc.display, line, col, "AS314",
                   f"states {stated} where the standard sets {names}; write {placeholders} instead of the "
                   f"number, or change the param", format_json_path(path))


def glossary_terms(concepts: list[Document]) -> set[str]:
    return {str(d.get("designation")) for doc in concepts
            for d in ((doc.data.get("terms") or {}).get("zh-Hans") or []) if d.get("status") != "deprecated"}


def check_commitments(replies: list[Document], concepts: list[Document], standards: list[Document]) -> list[Finding]:
    governing = params_by_standard(standards, glossary_terms(concepts))
    out: list[Finding] = []
    for doc in replies:
        for i, reply in enumerate(doc.data["replies"]):
            params = [g for ref in dict.fromkeys(r.partition(":")[0] for r in reply["refs"])
                      for g in governing.get(ref, [])]
            for part in ("text", "subject"):
                text = reply.get(part)
                if text and params:
                    for offset, stated, _, bad in contradictions(text, params):
                        out.append(_finding(doc, ("replies", i, part), text, offset, stated, bad))
    users: dict[str, list[str]] = {}
    for doc in standards:
        for clause in doc.data.get("clauses", []):
            for term in clause.get("terms", []):
                users.setdefault(term, [])
                if doc.data["id"] not in users[term]:
                    users[term].append(doc.data["id"])
    for doc in concepts:
        params = [g for sid in users.get(doc.data["id"], []) for g in governing.get(sid, [])]
        if not params:
            continue
        texts = [(("examples", "zh-Hans", j), t) for j, t in enumerate((doc.data.get("examples") or {}).get("zh-Hans", []))]
        for j, p in enumerate((doc.data.get("phrasing") or {}).get("approved", [])):
            texts.append((("phrasing", "approved", j) + (() if isinstance(p, str) else ("text",)),
                          p if isinstance(p, str) else p["text"]))
        for j, p in enumerate((doc.data.get("phrasing") or {}).get("avoid", [])):
            if isinstance(p, dict) and p.get("instead"):  # what to say instead is said to customers too
                texts.append((("phrasing", "avoid", j, "instead"), p["instead"]))
        for path, text in texts:
            for offset, stated, _, bad in contradictions(text, params):
                out.append(_finding(doc, path, text, offset, stated, bad))
    return out
