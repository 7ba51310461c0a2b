"""Coverage: which required terms the glossary holds, and what serves every standard clause."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aftersales_std.model import Model

SERVING_KINDS = ("replies", "rules", "scripts")


@dataclass(frozen=True)
class TermCoverage:
    term: str
    concept: str | None  # None when the glossary lacks it


@dataclass(frozen=True)
class ClauseCoverage:
    standard: str
    number: str
    title: str
    modality: str
    internal: bool
    served_by: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def status(self) -> str:
        if any(self.served_by.values()):
            return "served"
        return "needs none" if self.internal else "not served"


@dataclass(frozen=True)
class Coverage:
    terms: tuple[TermCoverage, ...]
    clauses: tuple[ClauseCoverage, ...]

    @property
    def missing_terms(self) -> tuple[str, ...]:
        return tuple(t.term for t in self.terms if t.concept is None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "missing_terms": list(self.missing_terms),
            "terms": [{"term": t.term, "concept": t.concept} for t in self.terms],
            "clauses": [{"standard": c.standard, "clause": c.number, "title": c.title, "modality": c.modality,
                         "status": c.status, "served_by": {k: list(v) for k, v in c.served_by.items()}}
                        for c in self.clauses],
        }


def term_index(model: Model) -> dict[str, str]:
    """Every preferred or admitted designation (any language, case-folded) -> concept id."""
    index: dict[str, str] = {}
    for concept in model.glossary.concepts:
        for designations in concept.terms.values():
            for d in designations:
                if d.status != "deprecated":
                    index.setdefault(d.text.casefold(), concept.id)
    return index


def compute(model: Model, required_terms: list[str], scripts: bool = False) -> Coverage:
    index = term_index(model)
    terms = tuple(TermCoverage(t, index.get(t.casefold())) for t in required_terms)
    serving: dict[str, dict[str, list[str]]] = {}
    for reply in model.replies:
        for ref in reply.refs:
            serving.setdefault(ref, {}).setdefault("replies", []).append(reply.id)
    for rule in model.rules:
        for ref in rule.refs:
            serving.setdefault(ref, {}).setdefault("rules", []).append(rule.code)
    clauses = []
    for std in model.standards:
        for clause in std.clauses:
            ref = f"{std.id}:{clause.number}"
            found = serving.get(ref, {})
            served = {kind: tuple(found.get(kind, ())) for kind in ("replies", "rules")}
            if scripts and std.scenario:
                served["scripts"] = (std.scenario,)
            clauses.append(ClauseCoverage(std.id, clause.number, clause.title.get("zh-Hans"), clause.modality,
                                          bool(clause.internal), served))
    return Coverage(terms, tuple(clauses))


def format_text(cov: Coverage) -> str:
    lines = []
    have = len(cov.terms) - len(cov.missing_terms)
    lines.append(f"Required terms: {have}/{len(cov.terms)} in the glossary")
    for t in cov.terms:
        lines.append(f"  {'ok ' if t.concept else 'MISSING'} {t.term}" + (f" -> {t.concept}" if t.concept else
                     ": add a concept with this designation (preferred or admitted)"))
    counts = {s: sum(1 for c in cov.clauses if c.status == s) for s in ("served", "needs none", "not served")}
    lines.append(f"Clauses: {len(cov.clauses)} in {len({c.standard for c in cov.clauses})} standards: "
                 f"{counts['served']} served, {counts['needs none']} need none, {counts['not served']} not served")
    for c in cov.clauses:
        parts = [f"{k}: {', '.join(v)}" for k, v in c.served_by.items() if v]
        detail = "; ".join(parts) if parts else ("internal clause" if c.internal else "nothing serves it")
        lines.append(f"  {c.standard}:{c.number:7} {c.modality:6} {c.status:10} {c.title} | {detail}")
    return "\n".join(lines) + "\n"
