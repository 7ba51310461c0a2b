"""Precision and recall of a rule set on a labelled set of replies (tests/fixtures/lint/eval.yaml).

A reply counts once per category: a true positive when the category is expected and some rule of
that group fires, a false positive when a rule of the group fires on a reply not labelled with it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from aftersales_std.lint.matchers.engine import RuleSet

CATEGORY_OF_GROUP = {"vague": "vague", "timeframe": "timeframe", "blame": "blame", "dismissive": "dismissive",
                     "uncertain": "uncertain", "address": "address", "overpromise": "overpromise",
                     "jargon": "jargon", "terms": "terms"}


@dataclass
class Stats:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    categories: dict[str, Stats] = field(default_factory=dict)
    acceptable: int = 0
    flagged_acceptable: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)
    false_alarms: list[tuple[str, str]] = field(default_factory=list)

    @property
    def overall(self) -> Stats:
        total = Stats()
        for s in self.categories.values():
            total.tp += s.tp
            total.fp += s.fp
            total.fn += s.fn
        return total

    @property
    def fp_rate(self) -> float:
        return self.flagged_acceptable / self.acceptable if self.acceptable else 0.0


def category(group: str) -> str:
    return CATEGORY_OF_GROUP.get(group, group)


def evaluate(replies: Iterable[Mapping[str, Any]], ruleset: RuleSet, *, lang: str | None = None) -> Report:
    report = Report()
    for reply in replies:
        if lang and reply.get("lang") != lang:
            continue
        expected = set(reply.get("expect") or [])
        fired = {category(h.rule.group) for h in ruleset.scan(reply["text"])}
        if not expected:
            report.acceptable += 1
            if fired:
                report.flagged_acceptable += 1
        for cat in expected | fired:
            stats = report.categories.setdefault(cat, Stats())
            if cat in expected and cat in fired:
                stats.tp += 1
            elif cat in fired:
                stats.fp += 1
                report.false_alarms.append((cat, reply["text"]))
            else:
                stats.fn += 1
                report.misses.append((cat, reply["text"]))
    return report


def table(report: Report) -> str:
    lines = ["| category | replies labelled | true positives | false positives | missed | precision | recall |",
             "|---|---|---|---|---|---|---|"]
    for cat in sorted(report.categories):
        s = report.categories[cat]
        lines.append(f"| {cat} | {s.tp + s.fn} | {s.tp} | {s.fp} | {s.fn} | {s.precision:.2f} | {s.recall:.2f} |")
    o = report.overall
    lines.append(f"| **all** | {o.tp + o.fn} | {o.tp} | {o.fp} | {o.fn} | {o.precision:.2f} | {o.recall:.2f} |")
    return "\n".join(lines)
