"""Sources -> findings: scan every segment, locate each hit, drop suppressed ones."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Mapping, Sequence

from aftersales_std.lint import fix
from aftersales_std.lint.channels import ChannelRules
from aftersales_std.lint.engine import Hit, RuleSet
from aftersales_std.lint.finding import LintFinding, clean
from aftersales_std.lint.fold import _script_map
from aftersales_std.lint.inputs import Segment, Source
from aftersales_std.lint.suppress import Suppressions, parse


def is_traditional(text: str) -> bool:
    table = _script_map()
    return any(ord(ch) in table for ch in text)


def choose(hit: Hit, text: str, opencc: str = "s2t") -> tuple[str | None, str | None]:
    """(suggestion, replacement): replacement only when exactly one substitution fits the script
    of the matched text (fix.written_script)."""
    rule = hit.rule
    options = rule.swap.get(hit.folded) if rule.swap else None
    if not options:
        return (rule.suggestion("zh-Hans", hit.folded), None)
    picked = fix.pick(options, rule.hant, fix.written_script(text, hit.start, hit.end), opencc)
    if len(picked) > 1:
        return " / ".join(picked), None
    choice = fix.keep_written(hit.match, picked[0])
    return choice, choice if rule.kind == "substitution" else None


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
    if hits_of is None:
        hits_of = ruleset.scan_many([seg.text for seg in source.segments])
    for seg, hits in zip(source.segments, hits_of):
        if not hits:
            continue
        sup = file_sup
        if use_suppressions and seg.line is not None:
            sup = parse(seg.text, seg.line)
        policy = channels.get(seg.channel or channel or "") if channels else None
        for hit in hits:
            finding = make_finding(source, seg, hit, lang)
            if policy is not None:
                level = policy.adjust(hit.rule.code, finding.severity, hit.match)
                if level is None:
                    suppressed += 1
                    continue
                if level != finding.severity:
                    finding = replace(finding, severity=level)
            anchor = seg.anchor_line
            if hit.rule.code in ignore or "all" in ignore or sup.covers(
                    hit.rule.code, finding.line, anchor, (anchor - 1) if anchor else None):
                suppressed += 1
                continue
            out.append(finding)
    return out, suppressed


def make_finding(source: Source, seg: Segment, hit: Hit, lang: str) -> LintFinding:
    line, col = source.locate(seg, hit.start)
    end_line, end_col = source.locate(seg, hit.end - 1)
    suggestion, replacement = choose(hit, seg.text)
    start = end = None
    if seg.line is None and source.text is not None:
        start, end = seg.offset(hit.start), seg.offset(hit.end - 1) + 1
        if source.text[start:end] != hit.match:
            replacement = None  # the value is written differently in the file (escapes, line breaks)
            start = end = None
    rule = hit.rule
    return LintFinding(
        path=source.display, line=line, column=col, code=rule.code, end_line=end_line, end_column=end_col + 1,
        name=rule.name, severity=rule.severity, message=clean(rule.format_message(lang, hit.match, suggestion)),
        match=clean(hit.match), suggestion=clean(suggestion) if suggestion else None, refs=rule.refs,
        replacement=replacement, start=start, end=end)


def summary(findings: Sequence[LintFinding]) -> Mapping[str, int]:
    counts = {"error": 0, "warning": 0, "suggestion": 0}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts
