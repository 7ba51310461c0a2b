"""A glossary diff as text, Markdown or JSON; the Markdown body is also the changelog section."""
from __future__ import annotations

import json
from collections import Counter

from aftersales_std.termbase.diff import Change, GlossaryDiff

JSON_FORMAT_VERSION = 1
STATUS_ZH = {"preferred": "首选", "admitted": "许用", "deprecated": "拒用"}
SECTIONS = (  # heading, kinds
    ("Removed", ("removed",)),
    ("Retired", ("retired",)),
    ("Superseded", ("superseded",)),
    ("Renamed", ("renamed",)),
    ("Status changed", ("status",)),
    ("Added", ("added",)),
    ("Designations", ("designation-status", "designation-removed", "designation-added", "designation-note")),
    ("Definitions", ("definition",)),
    ("Other changes", ("field", "manifest")),
)
_NOUNS = {"removed": "removed", "retired": "retired", "superseded": "superseded", "renamed": "renamed",
          "status": "status change(s)", "added": "added", "designation-status": "term status change(s)",
          "designation-removed": "designation(s) removed", "designation-added": "designation(s) added",
          "definition": "definition(s) reworded"}


def summary(diff: GlossaryDiff) -> str:
    """'2 added, 1 retired, 1 definition(s) reworded' (concept-level counts)."""
    counts = Counter(c.kind for c in diff.changes)
    parts = [f"{counts[k]} {noun}" for k, noun in _NOUNS.items() if counts[k]]
    other = sum(n for k, n in counts.items() if k not in _NOUNS)
    if other:
        parts.append(f"{other} other change(s)")
    return ", ".join(parts) or "no changes"


def verdict(diff: GlossaryDiff) -> str:
    return "no release needed" if diff.bump == "none" else f"needs a {diff.bump} release"


def text(diff: GlossaryDiff) -> str:
    head = (f"glossary {_version(diff.old)} ({diff.old_label}) -> {diff.new.version} ({diff.new_label}): "
            f"{summary(diff)}; {verdict(diff)}")
    lines = [head]
    width = max((len(c.concept) for c in diff.changes), default=0)
    for c in diff.changes:
        lines.append(f"  {c.level:<5}  {c.kind:<19}  {c.concept or '(manifest)':<{width}}  {_detail(diff, c)}".rstrip())
    return "\n".join(lines) + "\n"


def markdown(diff: GlossaryDiff, heading: str | None = None) -> str:
    title = heading or (f"## Glossary changes: {_version(diff.old)} ({diff.old_label}) → {diff.new.version} "
                        f"({diff.new_label})")
    out = [title, "", f"{summary(diff)}; **{verdict(diff)}**.", ""]
    return "\n".join(out + body(diff))


def body(diff: GlossaryDiff) -> list[str]:
    """The Markdown subsections (### Added ...), shared by `diff --format markdown` and the changelog."""
    out: list[str] = []
    for heading, kinds in SECTIONS:
        items = diff.of(*kinds)
        if not items:
            continue
        out += [f"### {heading}", ""]
        out += [_md_item(diff, c) for c in items]
        out.append("")
    return out


def as_json(diff: GlossaryDiff) -> str:
    payload = {
        "version": JSON_FORMAT_VERSION,
        "from": {"label": diff.old_label, "version": diff.old.version if diff.old else None},
        "to": {"label": diff.new_label, "version": diff.new.version},
        "bump": diff.bump,
        "summary": summary(diff),
        "changes": [c.as_dict() for c in diff.changes],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _version(glossary: object) -> str:
    return getattr(glossary, "version", None) or "(none)"


def _status(status: str | None) -> str:
    return f"{status} {STATUS_ZH.get(status or '', '')}".strip() if status else "-"


def _detail(diff: GlossaryDiff, c: Change) -> str:
    if c.kind == "renamed":
        return f"was {c.old}"
    if c.kind == "superseded":
        return f"replaced by {c.new}"
    if c.kind in ("retired", "status"):
        return f"{c.old} -> {c.new}"
    if c.kind == "designation-status":
        return f"{c.lang} {c.term}: {c.old} -> {c.new}"
    if c.kind == "designation-added":
        return f"{c.lang} + {c.term} ({c.new})"
    if c.kind == "designation-removed":
        return f"{c.lang} - {c.term} ({c.old})"
    if c.kind == "designation-note":
        return f"{c.lang} {c.term}: {c.field} {c.old or '-'} -> {c.new or '-'}"
    if c.kind == "definition":
        return f"{c.lang}: {c.new or '(removed)'}"
    if c.kind in ("field", "manifest"):
        return f"{c.field} changed" + (f": + {c.new}" if c.new else f": - {c.old}" if c.old else "")
    return diff.label(c.concept).split(" ", 1)[-1] if c.kind in ("added", "removed") else ""


def _md_item(diff: GlossaryDiff, c: Change) -> str:
    who = diff.label(c.concept) if c.concept else "manifest"
    if c.kind == "renamed":
        return f"- `{c.old}` → {who}"
    if c.kind == "superseded":
        target = diff.label(c.new) if c.new else "(no replacement)"
        return f"- {who}: replaced by {target}"
    if c.kind in ("retired", "status"):
        return f"- {who}: {c.old} → {c.new}"
    if c.kind == "designation-status":
        return f"- {who}, {c.lang} **{c.term}**: {_status(c.old)} → {_status(c.new)}"
    if c.kind == "designation-added":
        return f"- {who}, {c.lang}: added **{c.term}** ({_status(c.new)})"
    if c.kind == "designation-removed":
        return f"- {who}, {c.lang}: removed **{c.term}** ({_status(c.old)})"
    if c.kind == "designation-note":
        return f"- {who}, {c.lang} **{c.term}**: {c.field} {c.old or '-'} → {c.new or '-'}"
    if c.kind == "definition":
        if c.old is None:
            return f"- {who} ({c.lang}): added: {c.new}"
        if c.new is None:
            return f"- {who} ({c.lang}): removed"
        return f"- {who} ({c.lang}): {c.new}\n  (was: {c.old})"
    if c.kind in ("field", "manifest"):
        extra = f": added {c.new}" if c.new else f": removed {c.old}" if c.old else ""
        return f"- {who}: {c.field} changed{extra}"
    return f"- {who}"
