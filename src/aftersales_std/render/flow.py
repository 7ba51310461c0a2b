"""What an agent script needs beyond the model: slots in words, clause citations, the rows of "what not
to say", the escalation paths with their time limits, and which lines suit a document's script.

A reply template's {{ name }} is a param when a standard the reply references declares it (filled in with
its value and unit, 24 小时) and otherwise a slot the agent fills, shown in words: 【客户称呼】 / [customer's name].
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Callable

import yaml

from aftersales_std.chinese import to_simplified
from aftersales_std.model import Concept, Model, Param, Reply, Standard

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# a placeholder with the spaces around it: a Chinese slot in brackets needs none (维修报价为【金额】元)
SPACED = re.compile(r" ?\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\} ?")
# Characters that only written Cantonese uses: such a line is for Hong Kong replies, not a Mandarin script.
CJK = re.compile(r"[\u3400-\u9fff]")
CANTONESE = re.compile(r"[哋唔冇嘅咗係睇啲嗰喺佢乜嘢咁嚟俾畀冧㗎喇囉]")


@cache
def slot_words() -> dict[str, tuple[str, str]]:
    text = resources.files("aftersales_std.render").joinpath("slots.yaml").read_text(encoding="utf-8")
    return {name: (zh, en) for name, (zh, en) in yaml.safe_load(text).items()}


def slot_label(name: str, lang: str) -> str:
    zh, en = slot_words().get(name, (name.replace("_", " "), name.replace("_", " ")))
    return f"[{en}]" if lang == "en" else f"【{zh}】"


def reply_params(model: Model, reply: Reply) -> dict[str, Param]:
    """The params of the standards a reply references (first reference wins on a name clash)."""
    out: dict[str, Param] = {}
    for ref in reply.refs:
        standard = model.standard(ref.partition(":")[0])
        for name, p in (standard.params.items() if standard else ()):
            out.setdefault(name, p)
    return out


def in_words(text: str, params: dict[str, Param], lang: str) -> str:
    """{{ param }} -> its value and unit; any other {{ slot }} -> the slot in words."""
    from aftersales_std.render.context import quantity

    def sub(m: re.Match[str]) -> str:
        p = params.get(m.group(1))
        if p is not None:
            return m.group(0).replace(m.group(0).strip(" "), quantity(p.value, p.unit, lang))
        return slot_label(m.group(1), lang) if lang != "en" else m.group(0).replace(m.group(0).strip(" "),
                                                                                     slot_label(m.group(1), lang))
    # 【{{ brand }}】 (an SMS signature) is already bracketed: one pair of brackets, not two
    text = re.sub(r"【(\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\})】", r"\1", text)
    return SPACED.sub(sub, text)


def suits(text: str, lang: str) -> bool:
    """A line written in another variety has no place in this document: no Cantonese outside Hong Kong
    editions, no traditional characters in a simplified one."""
    if CANTONESE.search(text) and lang != "zh-Hant-HK":
        return False
    return not (lang == "zh-Hans" and to_simplified(text) != text)


def split_ref(standard: Standard, ref: str, model: Model) -> tuple[Standard, str]:
    """'4.2' -> (standard, '4.2'); 'complaint-handling:4.8' -> (that standard, '4.8')."""
    other, sep, rest = ref.partition(":")
    if sep:
        return model.standard(other) or standard, rest
    return standard, ref


@dataclass(frozen=True)
class AvoidRow:
    say: str
    instead: str
    why: str


def rule_explainer(project: Any, model: Model, lang: str) -> Callable[[str, str], str]:
    """(rule code, zh-Hans line) -> why the line is wrong: the rule's message as the linter gives it for
    that very line (the matched words filled in); in English the rule's description."""
    from aftersales_std.chinese import to_traditional
    from aftersales_std.lint import lint_text, load_rules
    rules = load_rules(project)
    by_code = {r.code: r for r in model.rules}

    def explain(code: str, line: str) -> str:
        rule = by_code.get(code)
        if rule is None:
            return code
        if lang == "en":
            described = rule.data.get("description") or {}
            text = described.get("en") if isinstance(described, dict) else None
            return f"{code} {text or rule.message.get('en')}".replace("{match}", "").strip()
        found = next((f for f in lint_text(line, rules) if f.code == code), None)
        message = found.message if found else rule.message.get("zh-Hans").replace("“{match}”", "")
        return f"{code} {to_traditional(message, model.opencc) if lang.startswith('zh-Hant') else message}"
    return explain


def avoid_rows(model: Model, scenario: Any, lang: str, explain: Callable[[str, str], str],
               edition: str | None = None) -> list[AvoidRow]:
    """The scenario's own lines not to say (script.avoid, with the rule they break), then the avoid phrasing
    of its concepts; each with what to say instead. Lines in another variety are left out; no duplicates.
    Chinese lines are returned in zh-Hans for Chinese editions (the template converts them)."""
    rows: list[AvoidRow] = []
    seen: set[str] = set()
    key = "en" if lang == "en" else "zh-Hans"
    for s in scenario.standards:
        for a in (s.script.avoid if s.script else ()):
            say = a.say.get(key)
            instead = in_words(a.instead.get(key), dict(s.params), lang)
            if say and say not in seen and suits(say, edition or lang):
                seen.add(say)
                rows.append(AvoidRow(say, instead, explain(a.rule, a.say.get("zh-Hans"))))
    term_lang = "en" if lang == "en" else "zh-Hans"
    deprecated, superseded = ("non-standard term", "superseded term") if lang == "en" else ("不规范用语", "已被取代的术语")
    for c in scenario.concepts:
        for d in c.designations(term_lang, "deprecated"):
            if d.text not in seen:
                seen.add(d.text)
                note = f"{'; ' if lang == 'en' else '：'}{d.usage_note}" if d.usage_note else ""
                rows.append(AvoidRow(d.text, c.preferred(term_lang).text, deprecated + note))
    for old, new in scenario.superseded:
        rows.append(AvoidRow(old.preferred(term_lang).text, new.preferred(term_lang).text, superseded))
    # A Chinese word to avoid (三保, 退钱) is a matter of Chinese wording: the English edition leaves it out
    words = {d.text for c in model.glossary.concepts for d in c.designations("zh-Hans")} if lang == "en" else set()
    for c in scenario.concepts:
        for original in c.avoid:
            p = original.get(lang)  # English text for en; a phrase not written in English is left out
            if p is None or p.text in seen or not p.instead or not suits(original.text, edition or lang):
                continue
            if original.text in words or (lang == "en" and CJK.search(p.text)):
                continue
            seen.add(p.text)
            see = "See the glossary: " if lang == "en" else "参见术语："
            rows.append(AvoidRow(p.text, p.instead, p.reason or see + c.preferred(term_lang).text))
    return rows
