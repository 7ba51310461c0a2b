"""Frozen dataclasses built only from valid documents. Everything after validation takes these."""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

from aftersales_std.chinese import pinyin_display, pinyin_sort_key, to_traditional
from aftersales_std.origin import Source  # noqa: F401 - defined there, part of the model

LANGS = ("zh-Hans", "zh-Hant", "en")


@dataclass(frozen=True)
class Text:
    value: str
    derived: bool = False  # True when produced by OpenCC rather than written


@dataclass(frozen=True)
class Localized:
    """Text per language. zh-Hant not written is derived from zh-Hans (Text.derived)."""

    texts: Mapping[str, Text] = field(default_factory=lambda: MappingProxyType({}))

    def get(self, lang: str, default: str = "") -> str:
        for candidate in (lang, "zh-Hans") if lang != "en" else (lang,):
            if candidate in self.texts:
                return self.texts[candidate].value
        return default

    def text(self, lang: str) -> Text | None:
        return self.texts.get(lang)

    def __contains__(self, lang: object) -> bool:
        return lang in self.texts

    def __bool__(self) -> bool:
        return bool(self.texts)


@dataclass(frozen=True)
class LocalizedList:
    items: Mapping[str, tuple[Text, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def get(self, lang: str) -> tuple[str, ...]:
        for candidate in (lang, "zh-Hans") if lang != "en" else (lang,):
            if candidate in self.items:
                return tuple(t.value for t in self.items[candidate])
        return ()


@dataclass(frozen=True)
class Designation:
    text: str
    status: str  # preferred | admitted | deprecated
    lang: str
    abbreviation: bool = False
    pinyin: str | None = None
    sort_key: str | None = None
    region: str | None = None
    usage_note: str | None = None
    derived: bool = False
    customer_facing: bool = False  # an abbreviation or code customers know (the linter's code detector accepts it)
    in_house: bool = False  # the team's in-house word customers do not understand (the linter's JG02 flags it)


@dataclass(frozen=True)
class Phrase:
    text: str
    instead: str | None = None
    reason: str | None = None
    en: "Phrase | None" = None  # the phrase in English (text, instead, reason), for the English edition

    def get(self, lang: str) -> "Phrase | None":
        """The phrase as an `lang` document shows it: the English one (None when not written) for en."""
        return self.en if lang == "en" else self


@dataclass(frozen=True)
class Related:
    type: str
    ref: str


@dataclass(frozen=True)
class HistoryEntry:
    version: str
    date: str
    change: str
    summary: str = ""


@dataclass(frozen=True)
class SourceRef:
    ref: str
    clause: str | None = None
    relation: str = "modified"
    note: str | None = None


@dataclass(frozen=True)
class Concept:
    id: str
    status: str
    domain: str
    terms: Mapping[str, tuple[Designation, ...]]
    definition: Localized
    notes: LocalizedList
    examples: LocalizedList
    tags: tuple[str, ...] = ()
    replaced_by: str | None = None
    sources: tuple[SourceRef, ...] = ()
    approved: tuple[Phrase, ...] = ()
    avoid: tuple[Phrase, ...] = ()
    related: tuple[Related, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    source: Source = Source("")
    # term_context: (domain words, other-domain words) deciding where a deprecated designation is wrong
    term_context: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    # situations: when an agent needs the concept, in the customer's words (zh-Hant: the converted zh-Hans
    # list followed by the written Taiwan/Hong Kong wordings)
    situations: LocalizedList = field(default_factory=lambda: LocalizedList())

    def designations(self, lang: str, status: str | None = None) -> tuple[Designation, ...]:
        return tuple(d for d in self.terms.get(lang, ()) if status is None or d.status == status)

    def preferred(self, lang: str = "zh-Hans") -> Designation:
        found = self.designations(lang, "preferred") or self.designations("zh-Hans", "preferred")
        return found[0]

    @property
    def term(self) -> str:
        return self.preferred("zh-Hans").text

    @property
    def pinyin(self) -> str:
        first = self.preferred("zh-Hans")
        return first.pinyin or pinyin_display(first.text)

    @property
    def sort_key(self) -> str:
        first = self.preferred("zh-Hans")
        return first.sort_key or pinyin_sort_key(first.text)


@dataclass(frozen=True)
class Glossary:
    name: Localized
    version: str
    languages: tuple[str, ...]
    concepts: tuple[Concept, ...]
    released: str | None = None
    description: Localized = Localized()
    publisher: str | None = None
    license: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({c.id: c for c in self.concepts}))

    def get(self, concept_id: str) -> Concept | None:
        return self._by_id.get(concept_id)  # type: ignore[attr-defined]

    def by_pinyin(self) -> tuple[Concept, ...]:
        return tuple(sorted(self.concepts, key=lambda c: c.sort_key))

    def by_english(self) -> tuple[Concept, ...]:
        """Alphabetical by the English preferred term (case-insensitive), for English editions."""
        return tuple(sorted(self.concepts, key=lambda c: (c.preferred("en").text.casefold(), c.id)))


@dataclass(frozen=True)
class Param:
    name: str
    value: float | int | str
    unit: str | None
    label: Localized
    keywords: tuple[str, ...] = ()  # zh-Hans words marking a sentence that states this param (AS314)


@dataclass(frozen=True)
class Role:
    id: str
    name: Localized
    description: Localized = Localized()


@dataclass(frozen=True)
class Record:
    name: Localized
    retention_value: int | None = None
    retention_unit: str | None = None
    owner: str | None = None
    medium: str | None = None


@dataclass(frozen=True)
class Clause:
    number: str
    title: Localized
    statement: Localized
    modality: str
    guidance: Localized = Localized()
    raci: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    records: tuple[Record, ...] = ()
    terms: tuple[str, ...] = ()
    internal: bool = False
    source: Source = Source("")

    @property
    def depth(self) -> int:
        return self.number.count(".") + 1


@dataclass(frozen=True)
class KPI:
    id: str
    name: Localized
    op: str
    target: float
    unit: str
    formula: Localized
    frequency: str
    data_source: Localized = Localized()
    clauses: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Branch:
    when: Localized
    then: Localized
    clause: str | None = None


@dataclass(frozen=True)
class Decision:
    """A decision point of the flow: what the agent checks, and what to do on each branch."""

    check: Localized
    clause: str
    branches: tuple[Branch, ...]


@dataclass(frozen=True)
class DiagnosisQuestion:
    ask: Localized
    clause: str


@dataclass(frozen=True)
class Escalation:
    """When to escalate, to whom, through which channel, within which param, under which clause.

    `clause` and `within` may name another standard (complaint-handling:4.8)."""

    when: Localized
    to: Localized
    channel: Localized
    clause: str
    within: str | None = None


@dataclass(frozen=True)
class AvoidLine:
    """A line not to say in this scenario, the lint rule it breaks, and what to say instead."""

    say: Localized
    instead: Localized
    rule: str


@dataclass(frozen=True)
class Script:
    """How agents talk through a standard: direction, channels and the steps of the flow."""

    direction: str  # inbound | outbound | internal
    channels: tuple[str, ...] = ()
    purpose: Localized = Localized()
    diagnosis: tuple[DiagnosisQuestion, ...] = ()
    decisions: tuple[Decision, ...] = ()
    escalation: tuple[Escalation, ...] = ()
    avoid: tuple[AvoidLine, ...] = ()
    situation: Localized = Localized()  # role-play: the customer's situation
    goal: Localized = Localized()  # role-play: what the agent must achieve


@dataclass(frozen=True)
class Standard:
    id: str
    title: Localized
    version: str
    status: str
    scope: Localized
    clauses: tuple[Clause, ...]
    code: str | None = None
    effective_date: str | None = None
    scenario: str | None = None
    normative_references: tuple[Mapping[str, str], ...] = ()
    params: Mapping[str, Param] = field(default_factory=lambda: MappingProxyType({}))
    roles: tuple[Role, ...] = ()
    kpis: tuple[KPI, ...] = ()
    maps_to: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    history: tuple[Mapping[str, str], ...] = ()
    script: Script | None = None
    source: Source = Source("")

    def clause(self, number: str) -> Clause | None:
        return next((c for c in self.clauses if c.number == number), None)

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)


@dataclass(frozen=True)
class Reply:
    id: str
    scenario: str
    title: str
    channel: str
    refs: tuple[str, ...]
    text: str
    subject: str | None = None
    terms: tuple[str, ...] = ()
    source: Source = Source("")
    english: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # title, subject, text

    @property
    def in_english(self) -> bool:
        return bool(self.english.get("text"))


@dataclass(frozen=True)
class RuleDoc:
    """A lint rule as data; the linter compiles these."""

    code: str
    name: str
    severity: str
    kind: str
    message: Localized
    refs: tuple[str, ...]
    data: Mapping[str, Any]
    group: str = ""
    source: Source = Source("")


@dataclass(frozen=True)
class Model:
    glossary: Glossary
    standards: tuple[Standard, ...]
    replies: tuple[Reply, ...]
    rules: tuple[RuleDoc, ...]
    opencc: str = "s2t"

    def standard(self, standard_id: str) -> Standard | None:
        return next((s for s in self.standards if s.id == standard_id), None)

    def concept(self, concept_id: str) -> Concept | None:
        return self.glossary.get(concept_id)

    @property
    def versions(self) -> Mapping[str, str]:
        """The glossary version and the version of every standard: stamped on every output."""
        out = {"glossary": self.glossary.version}
        out.update({s.id: s.version for s in self.standards})
        return MappingProxyType(out)


def derive_hant(text: str, config: str) -> Text:
    return Text(to_traditional(text, config), derived=True)
