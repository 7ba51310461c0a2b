"""What every page generator needs besides the model: reverse look-ups computed once, in linear time."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from aftersales_std.chinese import to_traditional
from aftersales_std.model import Clause, Concept, Model, RuleDoc, Standard

# Page paths (Markdown sources; MkDocs turns concepts/return.md into concepts/return/).
HOME = "index.md"
PINYIN_INDEX = "terms/index.md"
DOMAIN_INDEX = "domains/index.md"
STANDARDS_INDEX = "standards/index.md"
RULES = "rules/index.md"
CHANGELOG = "changelog.md"
CHANGELOG_EN = "changelog/en.md"  # glossary/CHANGELOG.md: the English change notes
DOWNLOADS = "downloads/index.md"

STATUS = {"draft": "草案", "valid": "有效", "superseded": "已被取代", "retired": "已停用"}
TERM_STATUS = {"preferred": "首选", "admitted": "许用", "deprecated": "不要使用"}
LANG_LABEL = {"zh-Hans": "简体", "zh-Hant": "繁體", "en": "English"}


def prerendered(path: str) -> bool:
    """Whether a generated page's body is HTML already (front matter, then HTML, see sitegen.htmlout):
    the pages whose number grows with the glossary (concept pages, the two indexes)."""
    return path.startswith("concepts/") or path in (PINYIN_INDEX, DOMAIN_INDEX)


def concept_path(concept_id: str) -> str:
    return f"concepts/{concept_id}.md"


def standard_path(standard_id: str) -> str:
    return f"standards/{standard_id}.md"


def clause_anchor(number: str) -> str:
    return "clause-" + number.replace(".", "-")


def rel(from_page: str, to_page: str) -> str:
    """A relative link between two Markdown sources (MkDocs validates and rewrites it)."""
    depth = from_page.count("/")
    return "../" * depth + to_page


@dataclass
class SiteContext:
    model: Model
    changelog: str | None = None  # glossary/CHANGELOG.md, when present
    downloads: dict[str, bytes] = field(default_factory=dict)  # file name -> content
    downloads_note: str = ""
    source_titles: dict[str, str] = field(default_factory=dict)  # glossary/sources.yaml: ref -> title

    @cached_property
    def clauses_by_concept(self) -> dict[str, list[tuple[Standard, Clause]]]:
        out: dict[str, list[tuple[Standard, Clause]]] = defaultdict(list)
        for std in self.model.standards:
            for clause in std.clauses:
                for concept_id in dict.fromkeys(clause.terms):
                    out[concept_id].append((std, clause))
        return out

    @cached_property
    def kpis_by_concept(self) -> dict[str, list[tuple[Standard, str]]]:
        out: dict[str, list[tuple[Standard, str]]] = defaultdict(list)
        for std in self.model.standards:
            for kpi in std.kpis:
                for concept_id in dict.fromkeys(kpi.terms):
                    out[concept_id].append((std, kpi.name.get("zh-Hans")))
        return out

    @cached_property
    def rules_by_concept(self) -> dict[str, list[RuleDoc]]:
        """A rule uses a concept when one of the concept's designations appears in the rule's phrases."""
        owner: dict[str, str] = {}
        for concept in self.model.glossary.concepts:
            for designations in concept.terms.values():
                for d in designations:
                    if len(d.text) >= 2:
                        owner.setdefault(d.text.casefold(), concept.id)
        out: dict[str, list[RuleDoc]] = defaultdict(list)
        for rule in self.model.rules:
            haystack = _rule_phrases(rule).casefold()
            hits = {cid for word, cid in owner.items() if word in haystack}
            # Rules generated from the glossary (`glossary: [deprecated, superseded]`) use every concept
            # with a deprecated designation, or every superseded concept.
            derived = set(rule.data.get("glossary", ()))
            for concept in self.model.glossary.concepts:
                if ("superseded" in derived and concept.status == "superseded") or (
                        "deprecated" in derived and any(concept.designations(lang, "deprecated")
                                                        for lang in concept.terms)):
                    hits.add(concept.id)
            for cid in sorted(hits):
                out[cid].append(rule)
        return out

    @cached_property
    def by_pinyin(self) -> tuple[Concept, ...]:
        """Concepts in pinyin order, computed once (pinyin is the costliest step of generation)."""
        return self.model.glossary.by_pinyin()

    @cached_property
    def _pinyin(self) -> dict[str, str]:
        return {}

    def pinyin(self, concept: Concept) -> str:
        value = self._pinyin.get(concept.id)
        if value is None:
            value = self._pinyin[concept.id] = concept.pinyin
        return value

    def hant(self, value: str) -> str:
        return to_traditional(value, self.model.opencc)

    def concept(self, concept_id: str) -> Concept | None:
        return self.model.concept(concept_id)


def _rule_phrases(rule: RuleDoc) -> str:
    data = rule.data
    parts: list[str] = [*data.get("tokens", []), *data.get("patterns", [])]
    for key, value in dict(data.get("swap", {})).items():
        parts += [key, value]
    for key in ("suggest", "message"):
        parts += [str(v) for v in dict(data.get(key, {})).values()]
    return "\n".join(parts)
