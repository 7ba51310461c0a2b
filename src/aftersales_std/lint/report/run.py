"""Sources -> findings: scan every segment, locate each hit, drop suppressed ones."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from aftersales_std.lint.report import fix
from aftersales_std.lint.rules.channels import ChannelRules
from aftersales_std.lint.matchers.engine import Hit, RuleSet
from aftersales_std.lint.report.finding import LintFinding, clean
from aftersales_std.lint.text.fold import _script_map
from aftersales_std.lint.sources.inputs import Segment, Source
from aftersales_std.lint.sources.suppress import Suppressions, parse


def is_traditional(text: str) -> bool:
    table = _script_map()
    return any(ord(ch) in table for ch in text)


def choose(hit: Hit, text: str, opencc: str = "s2t") -> tuple[str | None, str | None]:
    """(suggestion, replacement): replacement only when exactly one substitution fits the script
    of the matched text (fix.written_script)."""
    return _choice(hit, text, opencc)[:2]


def _choice(hit: Hit, text: str, opencc: str = "s2t") -> tuple[str | None, str | None, bool]:
    """choose(), and whether the answer holds wherever the rule matches these characters (it does
    not depend on the script of the text around them)."""
    rule = hit.rule
    options = rule.swap.get(hit.folded) if rule.swap else None
    if not options:
        return rule.suggestion("zh-Hans", hit.folded), None, True
    substitution = rule.kind == "substitution"
    seen = _SEEN[options, hit.match] = _SEEN.get((options, hit.match), 0) + 1
    if seen > _FITS_AFTER and len(_SEEN) < 4096:
        fits = _fits(options, rule.hant, opencc, hit.match, substitution)
        if fits is not None:
            return fits[0], fits[1], True
    # the options may differ by script: find the one the text is written in
    return (*_chosen(options, rule.hant, fix.written_script(text, hit.start, hit.end), opencc, hit.match,
                     substitution), False)


_SCRIPTS = ("hans", "hant", "ja")
# A phrase found this many times in the process (a large report) is looked at for every script at
# once (which may load OpenCC for the traditional form): when all give the same answer, the script of
# each of its places is not worked out.
_FITS_AFTER = 16
_SEEN: dict[tuple[tuple[str, ...], str], int] = {}


@lru_cache(maxsize=4096)
def _fits(options: tuple[str, ...], hant: frozenset[str], opencc: str, match: str,
          substitution: bool) -> tuple[str | None, str | None] | None:
    """What choose() gives whatever the script of the text, or None when that depends on it (a
    report of 30,000 findings of a few phrases works the script out only where it matters)."""
    first, *rest = (_chosen(options, hant, script, opencc, match, substitution) for script in _SCRIPTS)
    return first if all(r == first for r in rest) else None


@lru_cache(maxsize=4096)
def _chosen(options: tuple[str, ...], hant: frozenset[str], script: str, opencc: str, match: str,
            substitution: bool) -> tuple[str | None, str | None]:
    picked = fix.pick(options, hant, script, opencc)
    if len(picked) > 1:
        return " / ".join(picked), None
    choice = fix.keep_written(match, picked[0])
    return choice, choice if substitution else None


def findings_for(source: Source, ruleset: RuleSet, *, lang: str = "zh-Hans",
                 ignore: Iterable[str] = (), use_suppressions: bool = True,
                 hits_of: Sequence[list[Hit]] | None = None,
                 channels: Mapping[str, ChannelRules] | None = None,
                 channel: str | None = None) -> tuple[list[LintFinding], int]:
    """Findings of one source, and how many were suppressed.

    hits_of: the hits of each segment, when the caller has scanned them already.
    channels: the config's per-channel settings (channels.policies); a segment's own channel (a YAML
    reply's or a JSONL record's `channel`), else `channel`, picks the settings that apply to it. A
    finding the channel accepts counts as suppressed.
    """
    ignore = set(ignore)
    file_sup = parse(source.text) if use_suppressions and source.text is not None else Suppressions()
    out: list[LintFinding] = []
    suppressed = 0
    texts: dict[Any, Any] = {}  # see make_finding
    if hits_of is None:
        hits_of = ruleset.scan_many([seg.text for seg in source.segments])
    for seg, hits in zip(source.segments, hits_of):
        if not hits:
            continue
        sup = file_sup
        if use_suppressions and seg.line is not None:
            sup = parse(seg.text, seg.line)
        none = not sup.lines and not sup.file  # no directive: nothing to look up per finding
        policy = channels.get(seg.channel or channel or "") if channels else None
        for hit in hits:
            finding = make_finding(source, seg, hit, lang, texts)
            if policy is not None:
                level = policy.adjust(hit.rule.code, finding.severity, hit.match)
                if level is None:
                    suppressed += 1
                    continue
                if level != finding.severity:
                    finding = replace(finding, severity=level)
            anchor = seg.anchor_line
            if hit.rule.code in ignore or "all" in ignore or not none and sup.covers(
                    hit.rule.code, finding.line, anchor, (anchor - 1) if anchor else None):
                suppressed += 1
                continue
            out.append(finding)
    return out, suppressed


def make_finding(source: Source, seg: Segment, hit: Hit, lang: str,
                 texts: dict[Any, Any] | None = None) -> LintFinding:
    """texts: a memo the caller keeps for one language while its rules are alive (keys hold the
    rule's id): the suggestion, replacement and shown texts of each rule and matched characters when
    they do not depend on the text around them, and the shown texts (message, match, suggestion) of
    each rule, match and suggestion; for a report of thousands of findings of a few phrases."""
    line, col = source.locate(seg, hit.start)
    if seg.offsets is None and "\n" not in hit.match and hit.end <= len(seg.text):
        end_line, end_col = line, col + (hit.end - 1 - hit.start)  # on the same line, contiguous
    else:
        end_line, end_col = source.locate(seg, hit.end - 1)
    rule = hit.rule
    same = ("=", id(rule), hit.folded, hit.match)
    known = texts.get(same) if texts is not None else None
    if known is not None:
        suggestion, replacement, shown = known
    else:
        suggestion, replacement, invariant = _choice(hit, seg.text)
        key = (id(rule), hit.match, suggestion)
        shown = texts.get(key) if texts is not None else None
        if shown is None:
            shown = (clean(rule.format_message(lang, hit.match, suggestion)), clean(hit.match),
                     clean(suggestion) if suggestion else None)
            if texts is not None:
                texts[key] = shown
        if invariant and texts is not None:
            texts[same] = (suggestion, replacement, shown)
    start = end = None
    if seg.line is None and source.text is not None:
        start, end = seg.offset(hit.start), seg.offset(hit.end - 1) + 1
        if source.text[start:end] != hit.match:
            replacement = None  # the value is written differently in the file (escapes, line breaks)
            start = end = None
    return LintFinding(
        path=source.display, line=line, column=col, code=rule.code, end_line=end_line, end_column=end_col + 1,
        name=rule.name, severity=rule.severity, message=shown[0], match=shown[1], suggestion=shown[2],
        refs=rule.refs, replacement=replacement, start=start, end=end)


def summary(findings: Sequence[LintFinding]) -> Mapping[str, int]:
    counts = {"error": 0, "warning": 0, "suggestion": 0}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts
