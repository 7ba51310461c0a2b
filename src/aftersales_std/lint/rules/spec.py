"""The typed rule spec: what a rule file says, read once from its validated document.

A rule file (checks/<group>/<CODE>.yaml) passes the rule schema first; `spec_of` then turns its data
into a `RuleSpec`, and everything else reads the spec's fields instead of the raw YAML mapping:
`rules.compile_rule` (the matchers and filters the engine runs) and, through `Rule.spec`, whatever
shows a rule (the site's rule reference and `aftersales rules CODE`, both through lint/rules/explain.py). Glossary-derived substitutions
are not in the spec (they are not in the file): the compiled `Rule` carries them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Mapping

from aftersales_std.origin import Source

if TYPE_CHECKING:
    from aftersales_std.model import RuleDoc

DEFAULT_WINDOW = 30


@dataclass(frozen=True)
class ConditionSpec:
    """`condition:` of a conditional rule: what must stand near a match for it to be fine."""

    tokens: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    inherit: tuple[str, ...] = ()  # codes of rules whose condition is reused
    scope: str = "window"  # window (characters), clause, sentence
    before: int = DEFAULT_WINDOW
    after: int = DEFAULT_WINDOW
    adjacent: bool = False
    once: bool = False
    # named detectors (lint/filters/__init__.py) that meet the condition when they find something in its scope,
    # each as written: (name, ((argument, value), ...))
    detectors: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: str
    severity: str
    kind: str  # existence | substitution | conditional | model
    group: str
    message: Mapping[str, str]
    refs: tuple[str, ...]
    tokens: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    swap: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    suggest: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    exceptions: tuple[str, ...] = ()
    condition: ConditionSpec | None = None
    in_quotes: bool = False
    unless: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()  # filters (lint/filters/__init__.py), in order, as written
    model: str | None = None  # the model file, beside the rule file
    glossary: tuple[str, ...] = ()  # deprecated | superseded | regional
    matchers: tuple[str, ...] = ()  # detectors whose spans are hits of the rule (matchers.py)
    description: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    examples: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    source: Source = Source("")

    @property
    def phrases(self) -> tuple[str, ...]:
        """The literal phrases the rule checks, as written in the file (tokens, then swap keys)."""
        return self.tokens + tuple(self.swap)


def _texts(value: Any) -> Mapping[str, str]:
    return MappingProxyType({str(k): str(v) for k, v in (value or {}).items()})


def _named(items: Any) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    """`[negated, {owned: {scope: sentence}}]` -> (("negated", ()), ("owned", (("scope", "sentence"),)))."""
    out = []
    for item in items or ():
        if isinstance(item, Mapping) and len(item) == 1:
            name, args = next(iter(item.items()))
            out.append((str(name), tuple(sorted((str(k), tuple(v) if isinstance(v, list) else v)
                                                for k, v in (args or {}).items()))))
        else:
            out.append((str(item), ()))
    return tuple(out)


def spec_of(doc: RuleDoc) -> RuleSpec:
    """The spec of a rule document that passed the rule schema."""
    data: Mapping[str, Any] = doc.data
    cond = data.get("condition") or None
    condition = None
    if cond is not None:
        scope = cond.get("scope", "window")
        window = int(cond.get("window", DEFAULT_WINDOW if scope == "window" else 0))
        condition = ConditionSpec(
            tokens=tuple(cond.get("tokens", ())), patterns=tuple(cond.get("patterns", ())),
            inherit=tuple(cond.get("inherit", ())), scope=scope, before=int(cond.get("before", window)),
            after=int(cond.get("after", window)), adjacent=bool(cond.get("adjacent", False)),
            once=bool(cond.get("once", False)), detectors=_named(cond.get("detectors")))
    swap = {str(k): tuple(v) if isinstance(v, list) else (v,) for k, v in (data.get("swap") or {}).items()}
    model = data.get("model")
    return RuleSpec(
        code=doc.code, name=doc.name, severity=doc.severity, kind=doc.kind, group=doc.group,
        message=MappingProxyType({k: t.value for k, t in doc.message.texts.items()}), refs=tuple(doc.refs),
        tokens=tuple(data.get("tokens", ())), patterns=tuple(data.get("patterns", ())),
        swap=MappingProxyType(swap), suggest=_texts(data.get("suggest")),
        exceptions=tuple(data.get("exceptions", ())), condition=condition,
        in_quotes=bool(data.get("in_quotes", False)), unless=_named(data.get("unless")), model=model if isinstance(model, str) else None,
        glossary=tuple(data.get("glossary") or ()), matchers=tuple(data.get("matchers") or ()),
        description=_texts(data.get("description")),
        examples=MappingProxyType({k: tuple(v) for k, v in (data.get("examples") or {}).items()}),
        source=doc.source)
