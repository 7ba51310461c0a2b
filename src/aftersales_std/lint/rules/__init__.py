"""Rule documents -> compiled rules. Every rule is data (checks/<group>/<CODE>.yaml); this module
turns one into the matchers the engine runs, and derives the glossary's substitution rules."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from aftersales_std.errors import Finding
from aftersales_std.lint.text.fold import fold, fold_pattern
from aftersales_std.lint.filters.guard import compile_guarded
from aftersales_std.lint.matchers import MATCHERS
from aftersales_std.lint.matchers.classifier import Model
from aftersales_std.lint.filters import FilterSpec, filter_spec
from aftersales_std.lint.rules.safety import UnsafePattern, check_pattern
from aftersales_std.lint.rules.spec import DEFAULT_WINDOW, ConditionSpec, RuleSpec, spec_of
from aftersales_std.lint.matchers.trie import trie_regex
from aftersales_std.origin import Source

if TYPE_CHECKING:  # the content model is imported where rules are built, not where they are read back
    from aftersales_std.model import Concept, Glossary, RuleDoc

SEVERITIES = ("suggestion", "warning", "error")
# Jinja placeholders become marks before matching (engine.mask_placeholders): one for a placeholder
# named like a time ({{ deadline }}), which counts as a concrete time, one for any other. Rule files
# name them `{time}` and `{placeholder}` in patterns and tokens; private-use characters are refused.
MARK_TIME, MARK_OTHER = "\ue001", "\ue000"
NAMED_MARKS = {"{time}": MARK_TIME, "{placeholder}": MARK_OTHER}
_PRIVATE = re.compile(r"[\ue000-\uf8ff]|\\u[eE][0-9a-fA-F]{3}|\\u[fF][0-8][0-9a-fA-F]{2}")


def named_marks(text: str) -> str:
    """`{time}` and `{placeholder}` -> the marks the engine puts where Jinja placeholders were."""
    for name, mark in NAMED_MARKS.items():
        text = text.replace(name, mark)
    return text


def severity_rank(level: str) -> int:
    return SEVERITIES.index(level)


@dataclass(frozen=True)
class Rule:
    """A compiled rule. Tokens and patterns are already folded."""

    code: str
    name: str
    severity: str
    kind: str
    group: str
    message: Mapping[str, str]
    refs: tuple[str, ...]
    tokens: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    swap: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    suggest: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    exceptions: re.Pattern[str] | None = None
    exception_parts: tuple[re.Pattern[str], ...] = ()  # each exception pattern alone (see filters.accept.exception_overlaps)
    exception_words: re.Pattern[str] | None = None  # the exception words as one trie (idem)
    condition: re.Pattern[str] | None = None
    before: int = DEFAULT_WINDOW
    after: int = DEFAULT_WINDOW
    hant: frozenset[str] = frozenset()  # replacements that are zh-Hant terms (for traditional text)
    hans_only: frozenset[str] = frozenset()  # folded phrases flagged only in simplified text (保固, 工作天)
    adjacent: bool = False
    scope: str = "window"  # where the condition is looked for: window (characters), clause, sentence
    once: bool = False  # a condition met at one place covers later uses of the same words in the text
    in_quotes: bool = False
    detectors: tuple[FilterSpec, ...] = ()  # condition.detectors: met when one finds something in the scope
    filters: tuple[FilterSpec, ...] = ()  # unless: named filters, in order; the first that holds drops a hit
    model: Model | None = None  # kind: model (see classifier.py)
    matchers: tuple[str, ...] = ()  # detectors whose spans are hits too (matchers.py: codes)
    matcher_allow: frozenset[str] = frozenset()  # words the matchers accept (the glossary's customer-facing codes)
    # folded phrase -> (its concept's domain words, other-domain words), compiled (glossary term_context)
    contexts: Mapping[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = \
        field(default_factory=lambda: MappingProxyType({}))
    description: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    examples: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    source: Source = Source("")
    spec: RuleSpec | None = None  # what the rule file says (spec.py); None for a rule built in code

    def text(self, which: Mapping[str, str], lang: str) -> str:
        if lang in which:
            return which[lang]
        return which.get("zh-Hans", "") if lang != "en" else which.get("en", which.get("zh-Hans", ""))

    def format_message(self, lang: str, match: str, replacement: str | None) -> str:
        template = self.text(self.message, lang)
        if self.model is not None and "{evidence}" in template:
            open_q, close_q = ('"', '"') if lang == "en" else (("「", "」") if lang == "zh-Hant" else ("“", "”"))
            shown = [open_q + g + close_q for g in self.model.evidence(fold(match))]
            template = template.replace("{evidence}", (", " if lang == "en" else "、").join(shown))
        return template.replace("{match}", match).replace("{replacement}", replacement or "")

    def suggestion(self, lang: str, match_folded: str) -> str | None:
        if self.swap:
            options = self.swap.get(match_folded)
            if options:
                return " / ".join(options)
        return self.text(self.suggest, lang) or None


class RuleError(Exception):
    """A rule that cannot be compiled; carries a Finding that points into the rule file."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.format())
        self.finding = finding


def _fail(doc: RuleDoc | RuleSpec, key: str, message: str) -> RuleError:
    src = doc.source
    return RuleError(Finding(src.path or doc.code, src.line, src.col, "LT001",
                             f"rule {doc.code}: {key}: {message}", key))


def _alternatives(doc: RuleDoc | RuleSpec, key: str, tokens: Iterable[str], patterns: Iterable[str]) -> tuple[list[str], list[str]]:
    """(the folded words, the checked patterns) of an alternation."""
    words = sorted({t for t in (fold(named_marks(t)) for t in tokens) if t})
    return words, [_safe(doc, f"{key}[{i}]", pat) for i, pat in enumerate(patterns)]


def _compile_alternation(doc: RuleDoc | RuleSpec, key: str, tokens: Iterable[str], patterns: Iterable[str]) -> re.Pattern[str] | None:
    """One expression matching any of the words (one trie) or patterns: thousands of glossary words
    compile in a fraction of the time of a flat alternation."""
    words, pats = _alternatives(doc, key, tokens, patterns)
    parts = ([trie_regex(words)] if words else []) + pats
    if not parts:
        return None
    return compile_guarded("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def _safe(doc: RuleDoc | RuleSpec, key: str, pattern: str) -> str:
    if _PRIVATE.search(pattern):
        raise _fail(doc, key, f"private-use character in {pattern!r}: write {{time}} for a time placeholder "
                              "({{ deadline }}) or {placeholder} for any other")
    folded = fold_pattern(named_marks(pattern))
    try:
        check_pattern(folded)
        re.compile(folded)
    except UnsafePattern as exc:
        raise _fail(doc, key, f"{exc} (pattern {pattern!r})") from None
    except re.error as exc:  # pragma: no cover - check_pattern parses first
        raise _fail(doc, key, f"not a valid regular expression: {exc}") from None
    return folded


def compile_rule(doc: RuleDoc | RuleSpec, extra_swap: Mapping[str, str | list[str]] | None = None,
                 extra_exceptions: Iterable[str] = (), hant: Iterable[str] = (),
                 others: Mapping[str, RuleDoc | RuleSpec] | None = None, hans_only: Iterable[str] = (),
                 model: Model | None = None, matcher_allow: Iterable[str] = (),
                 contexts: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] | None = None) -> Rule:
    """A rule's spec (or its document) -> Rule. Raises RuleError (pointing into the rule file) for an
    unsafe pattern.

    `others` (rule code -> spec or document) resolves `condition.inherit`: a rule may reuse another
    rule's condition (say, TF01's list of what counts as a concrete time) instead of copying it.
    """
    spec = doc if isinstance(doc, RuleSpec) else spec_of(doc)
    swap: dict[str, tuple[str, ...]] = {}
    for phrase, repl in list(spec.swap.items()) + list((extra_swap or {}).items()):
        key = fold(phrase)
        if not key:
            continue
        options = tuple(repl) if isinstance(repl, (list, tuple)) else (repl,)
        swap[key] = tuple(dict.fromkeys(swap.get(key, ()) + options))
    tokens = tuple(dict.fromkeys(t for t in (fold(x) for x in spec.tokens) if t)) + tuple(swap)
    patterns = tuple(_safe(spec, f"patterns[{i}]", p) for i, p in enumerate(spec.patterns))
    # A replacement that contains the phrase (保修 -> 三包保修) must not flag the correct text. A case-only
    # replacement (javascript -> JavaScript) is no exception: the engine skips text written as the replacement.
    own = [r for key, opts in swap.items() for r in opts if key in fold(r) and key != fold(r)]
    exc_patterns = list(spec.exceptions)
    exceptions = _compile_alternation(spec, "exceptions", list(extra_exceptions) + own, exc_patterns)
    # Each alternative alone, for filters.accept.exception_overlaps: the patterns one by one, the words as one trie
    # tried at every place (a flat alternation can hide a longer word behind a shorter one).
    exc_words, exc_pats = _alternatives(spec, "exceptions", list(extra_exceptions) + own, exc_patterns)
    several = len(exc_words) + len(exc_pats) > 1
    exception_parts = tuple(compile_guarded(p, re.IGNORECASE) for p in exc_pats) if several else ()
    exception_words = re.compile(trie_regex(exc_words), re.IGNORECASE) if several and exc_words else None
    cond = spec.condition or ConditionSpec()
    cond_tokens, cond_patterns = list(cond.tokens), list(cond.patterns)
    for code in cond.inherit:
        other = (others or {}).get(code)
        other_spec = other if other is None or isinstance(other, RuleSpec) else spec_of(other)
        other_cond = other_spec.condition if other_spec is not None else None
        if other_cond is None or other_cond.inherit:
            raise _fail(spec, "condition.inherit", f"rule {code} is not a loaded rule with a condition of its own")
        cond_tokens += other_cond.tokens
        cond_patterns += other_cond.patterns
    condition = _compile_alternation(spec, "condition.patterns", cond_tokens, cond_patterns)
    detectors = tuple(_filter(spec, f"condition.detectors[{i}]", name, args,
                              {"scope": cond.scope, "before": cond.before, "after": cond.after})
                      for i, (name, args) in enumerate(cond.detectors))
    filters = tuple(_filter(spec, f"unless[{i}]", name, args) for i, (name, args) in enumerate(spec.unless))
    if spec.kind == "conditional" and condition is None and not detectors:
        raise _fail(spec, "condition", "a conditional rule needs condition.tokens, condition.patterns "
                                       "or condition.detectors")
    if spec.kind == "model":
        if model is None:
            raise _fail(spec, "model", "a model rule needs `model: FILE.json` (written by `aftersales rules train`)")
        if tokens or patterns or condition is not None or detectors:
            raise _fail(spec, "kind", "a model rule takes no tokens, patterns, swap or condition; "
                                      "put those in a rule of its own")
    elif not tokens and not patterns and not spec.matchers:
        raise _fail(spec, "tokens", "the rule has nothing to match: give tokens, patterns, swap or matchers")
    for i, name in enumerate(spec.matchers):
        if name not in MATCHERS:
            raise _fail(spec, f"matchers[{i}]", f"no matcher named {name!r}; the matchers are: {', '.join(sorted(MATCHERS))}")
    return Rule(
        code=spec.code, name=spec.name, severity=spec.severity, kind=spec.kind, group=spec.group,
        message=spec.message, refs=spec.refs,
        tokens=tokens, patterns=patterns, swap=MappingProxyType(swap),
        suggest=spec.suggest, exceptions=exceptions, exception_parts=exception_parts,
        exception_words=exception_words, condition=condition,
        before=cond.before, after=cond.after,
        hant=frozenset(hant), hans_only=frozenset(fold(p) for p in hans_only), adjacent=cond.adjacent,
        scope=cond.scope, once=cond.once,
        in_quotes=spec.in_quotes, detectors=detectors, filters=filters, model=model if spec.kind == "model" else None,
        matchers=spec.matchers, matcher_allow=frozenset(matcher_allow), contexts=_contexts(contexts or {}),
        description=spec.description, examples=spec.examples, source=spec.source, spec=spec)


def _filter(spec: RuleSpec, key: str, name: str, args: tuple[tuple[str, Any], ...],
            defaults: Mapping[str, Any] | None = None) -> FilterSpec:
    """A named filter of the rule file -> FilterSpec; an unknown name or argument is a RuleError at its line."""
    values = {**(defaults or {}), **dict(args)}
    try:
        return filter_spec({name: values} if values else name, key)
    except ValueError as exc:
        raise _fail(spec, key, str(exc).split(": ", 1)[-1]) from None


def glossary_swaps(glossary: Glossary, which: str) -> tuple[dict[str, list[str]], list[str], set[str]]:
    """Substitutions derived from the glossary, and the correct designations to protect.

    which = "deprecated": every deprecated designation -> the preferred term of its language;
    which = "superseded": every designation of a superseded concept -> its replacement's preferred term;
    which = "regional": every zh-Hant term marked with a region (TW, HK) that no zh-Hans designation shares
    (保固, 工作天, 到府)
    -> the zh-Hans preferred term; the engine flags these only in simplified text (`Rule.hans_only`);
    which = "in-house": every designation marked in_house (采销, 原返) -> its concept's customer wording
    (see in_house_swaps).
    """
    if which == "regional":
        return _regional_swaps(glossary), [], set()
    if which == "in-house":
        return in_house_swaps(glossary)
    swaps: dict[str, list[str]] = {}
    correct: list[str] = []
    hant: set[str] = set()
    for concept in glossary.concepts:
        if concept.status == "superseded" and which == "superseded":
            target = glossary.get(concept.replaced_by) if concept.replaced_by else None
            if target is None:
                continue
            for lang, designations in concept.terms.items():
                for d in designations:
                    if d.status != "deprecated":
                        _add_both(swaps, hant, d.text, target)
        elif which == "deprecated":
            for lang in concept.terms:
                for d in concept.designations(lang, "deprecated"):
                    if lang == "en":
                        _add(swaps, d.text, _preferred(concept, "en"))
                    else:
                        _add_both(swaps, hant, d.text, concept)
        if concept.status != "superseded":
            correct += [d.text for ds in concept.terms.values() for d in ds if d.status != "deprecated"]
    return swaps, _holding(correct, swaps), hant


def _holding(correct: list[str], swaps: Mapping[str, Any]) -> list[str]:
    """The correct designations that hold a flagged phrase without being one (三包保修 holds 保修),
    in time linear in the glossary: each designation's substrings of the phrases' lengths are looked
    up in a set, instead of testing every phrase against every designation (issue 18: 10,000
    concepts with 3,000 deprecated terms took minutes)."""
    keys = {fold(k) for k in swaps}
    keys.discard("")
    lengths = sorted({len(k) for k in keys})
    out = []
    for c in correct:
        folded = fold(c)
        if folded in keys:
            continue
        n = len(folded)
        if any(folded[i:i + size] in keys for size in lengths if size <= n for i in range(n - size + 1)):
            out.append(c)
    return out


def glossary_contexts(glossary: Glossary, which: Iterable[str]) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Folded deprecated (and, with `superseded`, replaced) designations -> their concept's term_context."""
    which = set(which)
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for concept in glossary.concepts:
        domain, other = concept.term_context
        if not domain and not other:
            continue
        for designations in concept.terms.values():
            for d in designations:
                if (d.status == "deprecated" and "deprecated" in which) or (
                        concept.status == "superseded" and "superseded" in which):
                    out[fold(d.text)] = (domain, other)
    return out


def _contexts(contexts: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]
              ) -> Mapping[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]:
    def words(ws: tuple[str, ...]) -> re.Pattern[str] | None:
        folded = sorted({fold(w) for w in ws} - {""})
        return re.compile(trie_regex(folded), re.IGNORECASE) if folded else None
    return MappingProxyType({phrase: (words(domain), words(other)) for phrase, (domain, other) in contexts.items()})


# A sentence that tells two things apart by name (保修期…和电池保质期不是一回事) mentions the deprecated
# designation in its other sense, as the thing the concept is not
_DISTINGUISHED = re.compile(r"两回事|不是一回事|不是同一回事|不是一个概念|不是同一个概念|两个概念|不要混淆|别混淆|不能混为一谈")


def in_context(patterns: tuple[re.Pattern[str] | None, re.Pattern[str] | None], sentence: str) -> bool:
    """Whether a deprecated designation is wrong in `sentence` (folded): not when the sentence holds a
    word of another domain and none of the concept's own; with own words only, only when it holds one;
    never when the sentence tells two things apart by name (…和保修期是两回事)."""
    if _DISTINGUISHED.search(sentence):
        return False
    domain, other = patterns
    own = domain is not None and domain.search(sentence) is not None
    if other is not None:
        return own or other.search(sentence) is None
    return own or domain is None


def customer_wording(concept: Concept, lang: str) -> str | None:
    """The first designation of `lang` that is neither in-house nor deprecated (what a reply should say
    instead of the team's in-house word), or None when the concept has none in that language."""
    for status in ("preferred", "admitted"):
        for d in concept.designations(lang, status):
            if not d.in_house:
                return d.text
    return None


def in_house_swaps(glossary: Glossary) -> tuple[dict[str, list[str]], list[str], set[str]]:
    """The glossary's in-house designations (a team's own words for its steps, queues and roles: 采销,
    原返, 外呼) -> the concept's customer wording in the same script; the correct designations that hold
    one of them (采销部门的同事 is not 采销) are protected. Deprecated designations are left to the
    terms rule (TM01), which replaces them anyway."""
    swaps: dict[str, list[str]] = {}
    hant: set[str] = set()
    for concept in glossary.concepts:
        if concept.status == "superseded":
            continue
        for lang in ("zh-Hans", "zh-Hant", "en"):
            plain = customer_wording(concept, lang)
            for d in concept.terms.get(lang, ()):
                if not d.in_house or d.status == "deprecated" or not fold(d.text):
                    continue
                swaps.setdefault(d.text, [])
                if plain is not None and fold(plain) != fold(d.text) and plain not in swaps[d.text]:
                    swaps[d.text].append(plain)
                    if lang == "zh-Hant":
                        hant.add(plain)
    correct = [d.text for c in glossary.concepts if c.status != "superseded"
               for ds in c.terms.values() for d in ds if d.status != "deprecated" and not d.in_house]
    return swaps, _holding(correct, swaps), hant


def _regional_swaps(glossary: Glossary) -> dict[str, list[str]]:
    hans = {fold(d.text) for c in glossary.concepts for d in c.terms.get("zh-Hans", ())}
    swaps: dict[str, list[str]] = {}
    for concept in glossary.concepts:
        if concept.status == "superseded":
            continue
        for d in concept.terms.get("zh-Hant", ()):
            if d.region and not d.derived and d.status != "deprecated" and fold(d.text) not in hans:
                _add(swaps, d.text, _preferred(concept, "zh-Hans"))
    return swaps


def _add_both(swaps: dict[str, list[str]], hant: set[str], phrase: str, concept: Concept) -> None:
    """A Chinese phrase -> the zh-Hans preferred term, and the written zh-Hant one for traditional text."""
    _add(swaps, phrase, _preferred(concept, "zh-Hans"))
    written = [d for d in concept.designations("zh-Hant", "preferred") if not d.derived]
    if written and written[0].text != _preferred(concept, "zh-Hans"):
        _add(swaps, phrase, written[0].text)
        hant.add(written[0].text)


def _preferred(concept: Concept, lang: str) -> str:
    return concept.preferred(lang).text


def _add(swaps: dict[str, list[str]], phrase: str, replacement: str) -> None:
    if fold(phrase) and fold(phrase) != fold(replacement):
        options = swaps.setdefault(phrase, [])
        if replacement not in options:
            options.append(replacement)
