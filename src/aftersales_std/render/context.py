"""Model -> what templates need: filled clause text, localized quantities, scenarios, versions, dates.

Templates receive the model objects themselves plus the helpers defined here (as Jinja2 globals), so a
template can show anything in the content; the helpers only do what templates should not: fill
{{ param }} placeholders, pick a language, collect a scenario's standards, replies, terms and rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from aftersales_std.chinese import pinyin_initial, to_traditional
from aftersales_std.model import Clause, Concept, Localized, Model, Param, Reply, RuleDoc, Standard
from aftersales_std.render.flow import in_words, reply_params, slot_label, split_ref, suits

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
UNITS: dict[str, tuple[str, str, str]] = {  # zh-Hans, zh-Hant, en
    "min": ("分钟", "分鐘", "min"), "h": ("小时", "小時", "h"), "d": ("天", "天", "days"),
    "wd": ("个工作日", "個工作日", "working days"), "month": ("个月", "個月", "months"),
    "year": ("年", "年", "years"), "%": ("%", "%", "%"), "times": ("次", "次", "times"),
    "count": ("个", "個", ""), "score": ("分", "分", "points"), "CNY": ("元", "元", "CNY"),
}
_SINGULAR = {"days": "day", "working days": "working day", "months": "month", "years": "year",
             "times": "time", "points": "point"}
FREQUENCIES: dict[str, tuple[str, str, str]] = {
    "daily": ("每日", "每日", "daily"), "weekly": ("每周", "每週", "weekly"), "monthly": ("每月", "每月", "monthly"),
    "quarterly": ("每季度", "每季度", "quarterly"), "yearly": ("每年", "每年", "yearly"),
    "annually": ("每年", "每年", "annually"), "per-ticket": ("每单", "每單", "per ticket"),
}
MODALITY = {"shall": ("应", "應", "shall"), "should": ("宜", "宜", "should"), "may": ("可", "可", "may")}
_LANG_INDEX = {"zh-Hans": 0, "zh-Hant": 1, "en": 2}


def number(value: float | int | str) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def quantity(value: float | int | str, unit: str | None, lang: str) -> str:
    """24, h -> '24 小时' (zh-Hans), '24 小時' (zh-Hant), '24 h' (en); 95, % -> '95%'."""
    shown = number(value)
    if not unit:
        return shown
    word = UNITS.get(unit, (unit, unit, unit))[_LANG_INDEX.get(lang, 0)]
    if lang == "en" and shown == "1":
        word = _SINGULAR.get(word, word)
    if unit == "%":
        return f"{shown}%"
    if unit == "CNY" and lang != "en":
        return f"{shown} 元"
    return f"{shown} {word}".strip()


def fill(text: str, params: Any, lang: str) -> str:
    """Replace {{ name }} with the standard's param (value + localized unit); unknown names stay visible."""
    def sub(m: re.Match[str]) -> str:
        p: Param | None = params.get(m.group(1))
        return quantity(p.value, p.unit, lang) if p is not None else m.group(0)
    return PLACEHOLDER.sub(sub, text)


def slot(text: str) -> str:
    """Reply-template slots written the one way agents' macro tools and the linter know: {{ name }}."""
    return PLACEHOLDER.sub(lambda m: "{{ " + m.group(1) + " }}", text)


def clauses_using(standard: Standard, name: str) -> list[str]:
    """Numbers of the clauses whose statement references the param `name`."""
    return [c.number for c in standard.clauses
            if any(m.group(1) == name for m in PLACEHOLDER.finditer(c.statement.get("zh-Hans")))]


def has_params(clause: Clause) -> bool:
    return any(PLACEHOLDER.search(clause.statement.get(lang)) for lang in ("zh-Hans", "en"))


def word(table: dict[str, tuple[str, str, str]], key: str, lang: str) -> str:
    return table.get(key, (key, key, key))[_LANG_INDEX.get(lang, 0)]


@dataclass
class Scenario:
    """The standards sharing one `scenario`, with everything an agent script shows for it."""

    id: str
    standards: list[Standard]
    replies: list[Reply] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)
    rules: list[RuleDoc] = field(default_factory=list)
    superseded: list[tuple[Concept, Concept]] = field(default_factory=list)  # (old, replacement)

    @property
    def direction(self) -> str:
        """inbound | outbound | internal: the first standard's script says; no script means internal."""
        return next((s.script.direction for s in self.standards if s.script), "internal")

    @property
    def channels(self) -> list[str]:
        return list(dict.fromkeys(ch for s in self.standards if s.script for ch in s.script.channels))

    def title(self, lang: str) -> str:
        sep = ", " if lang == "en" else "、"
        return sep.join(s.title.get(lang) or s.title.get("zh-Hans") for s in self.standards)


def standards_in_order(model: Model) -> list[Standard]:
    return sorted(model.standards, key=lambda s: (s.code or "~", s.id))


def scenarios(model: Model) -> list[Scenario]:
    """One Scenario per distinct Standard.scenario, in the order of the standards' codes."""
    grouped: dict[str, list[Standard]] = {}
    for s in standards_in_order(model):
        if s.scenario:
            grouped.setdefault(s.scenario, []).append(s)
    out = []
    for scenario_id, standards in grouped.items():
        ids = {s.id for s in standards}
        replies = [r for r in model.replies  # its own replies, and others whose first clause is one of its
                   if r.scenario == scenario_id or (r.refs and r.refs[0].partition(":")[0] in ids)]
        term_ids = [t for s in standards for c in s.clauses for t in c.terms] + [t for r in replies for t in r.terms]
        named = [c for t in dict.fromkeys(term_ids) if (c := model.concept(t)) is not None]
        # A superseded concept is taught through its replacement; its old term goes under "what not to say".
        superseded = [(c, r) for c in named if c.replaced_by and (r := model.concept(c.replaced_by)) is not None]
        replaced = {old.id: new for old, new in superseded}
        concepts = list({c.id: c for c in (replaced.get(c.id, c) for c in named)}.values())
        out.append(Scenario(scenario_id, standards, replies, concepts, list(model.rules), superseded))
    return out


def examples(rule: RuleDoc, kind: str = "bad") -> list[str]:
    data = rule.data.get("examples") or {}
    return [e if isinstance(e, str) else str(e.get("text", "")) for e in data.get(kind, [])]


def suggestion(rule: RuleDoc, lang: str) -> str:
    raw = rule.data.get("suggest")
    if isinstance(raw, dict):
        return str(raw.get(lang) or raw.get("zh-Hans") or "")
    return str(raw or "")


def message(rule: RuleDoc, lang: str) -> str:
    """The rule's message without its {match} slot."""
    text = rule.message.get(lang) or rule.message.get("zh-Hans")
    return text.replace("“{match}”", "").replace('"{match}"', "").replace("{match}", "").strip(" ：:")


def doc_date(model: Model) -> str:
    """The documents' date: the latest release or revision date in the content (never the clock)."""
    dates = [model.glossary.released or ""]
    dates += [str(h.get("date", "")) for s in model.standards for h in s.history]
    return max((d for d in dates if d), default="2000-01-01")


def revisions(model: Model, lang: str = "zh-Hans") -> list[dict[str, Any]]:
    """Revision rows: the standards' history entries, newest first, then by standard code; the English
    summary (history[].en.summary) in English documents where the content has one."""
    def summary(h: Any) -> str:
        english = (h.get("en") or {}).get("summary") if lang == "en" else None
        return str(english or h.get("summary", ""))
    rows = [{"date": str(h.get("date", "")), "version": str(h.get("version", "")), "code": s.code or s.id,
             "standard": s.id, "title": s.title, "summary": summary(h)}
            for s in standards_in_order(model) for h in s.history]
    rows.sort(key=lambda r: str(r["code"]))
    rows.sort(key=lambda r: str(r["date"]), reverse=True)
    return rows


def localize(value: Localized | str | None, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("zh-Hans")


def template_globals(model: Model, lang: str) -> dict[str, Any]:
    """Helpers every template can call."""
    def clause_text(standard: Standard, clause: Clause, part: str = "statement") -> str:
        return fill(localize(getattr(clause, part), lang), standard.params, lang)

    def term(concept_id: str) -> str:
        concept = model.concept(concept_id)
        return concept.preferred(lang).text if concept else concept_id

    def role(standard: Standard, role_id: str) -> str:
        found = standard.role(role_id)
        return localize(found.name, lang) if found else role_id

    def zh(text: str) -> str:
        """Text written only in zh-Hans (replies, phrasing, rule examples), converted for zh-Hant documents."""
        return to_traditional(text, model.opencc) if lang == "zh-Hant" and text else text

    def cite(standard: Standard, ref: str) -> str:
        """A clause by number and title; another standard's clause with that standard's code first."""
        target, number = split_ref(standard, ref, model)
        clause = target.clause(number)
        title = localize(clause.title, lang) if clause else ""
        prefix = f"{target.code or target.id} " if target is not standard else ""
        return f"{prefix}{number} {title}".strip()

    def within(standard: Standard, ref: str | None) -> str:
        if not ref:
            return ""
        target, name = split_ref(standard, ref, model)
        p = target.params.get(name)
        return quantity(p.value, p.unit, lang) if p else name

    def words(standard: Standard, text: Localized | str, ref: str = "") -> str:
        """Text of a script step with the params of its standard (or of the clause's standard) filled in."""
        target = split_ref(standard, ref, model)[0] if ref else standard
        return in_words(localize(text, lang), dict(target.params), lang)

    def role_duties(standard: Standard, role_id: str) -> str:
        """A role without a description: the clauses where it is responsible (R) or accountable (A)."""
        words = {"R": ("执行", "執行", "carries out"), "A": ("负责", "負責", "is accountable for")}
        parts = []
        for key in ("R", "A", "C", "I"):
            numbers = [c.number for c in standard.clauses if role_id in c.raci.get(key, ())]
            if numbers and key in words:
                parts.append(f"{word(words, key, lang)} {', '.join(numbers)}" if lang == "en"
                             else f"{word(words, key, lang)} {'、'.join(numbers)}")
        if not parts:
            informed = [c.number for c in standard.clauses if any(role_id in c.raci.get(k, ()) for k in "CI")]
            parts.append(("consulted or informed in " if lang == "en" else "参与或知会 ") + ", ".join(informed))
        return ("; " if lang == "en" else "；").join(parts)

    def reply_text(reply: Reply, part: str = "text") -> str:
        if lang == "en" and reply.in_english:
            return in_words(reply.english.get(part) or "", reply_params(model, reply), lang)
        raw = reply.subject or "" if part == "subject" else reply.text
        return zh(in_words(raw, reply_params(model, reply), lang))

    def doc_text(value: Any, field: str = "name") -> str:
        """A text of `documents:` in aftersales.yaml (organisation, a signature's name or title, a holder, a
        change summary) in the edition's language: its `en` form in English (the Chinese when there is none),
        converted for zh-Hant. `value` is the mapping holding `field`, or a plain string."""
        if isinstance(value, str):
            return zh(value)
        if not hasattr(value, "get"):
            return ""
        text = value.get(field) or ""
        if lang == "en":
            english = value.get("en")
            if isinstance(english, str) and field == "name":
                return english
            if hasattr(english, "get") and english.get(field):
                return str(english.get(field))
            return str(text)
        return zh(str(text))

    return {
        "doc_text": doc_text,
        "cite": cite, "within": within, "role_duties": role_duties,
        "reply_title": lambda r: r.english.get("title") if lang == "en" and r.in_english else zh(r.title), "words": words, "reply_text": reply_text, "suits": lambda x: suits(x, lang),
        "slot_label": lambda name: slot_label(name, lang),
        "zh": zh, "model": model, "glossary": model.glossary, "versions": model.versions, "date": doc_date(model),
        "standards": standards_in_order(model), "t": lambda v: localize(v, lang),
        "clause_text": clause_text, "term": term, "role": role, "slot": slot, "has_params": has_params,
        "clauses_using": clauses_using, "pinyin_initial": pinyin_initial,
        # the index letter from the sort key, so that 重复维修 (chóng) files under C where it sorts
        "pinyin_initial_of": lambda c: (c.sort_key[:1].upper() if c.sort_key[:1].isalpha() else "#"),
        "quantity": lambda v, u: quantity(v, u, lang), "modality": lambda m: word(MODALITY, m, lang),
        "frequency": lambda f: word(FREQUENCIES, f, lang), "examples": examples,
        "suggestion": lambda r: suggestion(r, lang), "message": lambda r: message(r, lang),
        "revisions": revisions(model, lang),
    }
