"""glossary/CHANGELOG.md: one section per release, newest first (Keep a Changelog layout)."""
from __future__ import annotations

import re

from aftersales_std.termbase import report
from aftersales_std.termbase.diff import GlossaryDiff

HEADER = """# Glossary changelog

All notable changes to the glossary (`glossary/`) are recorded here, newest first. Versions follow
semantic versioning: removing, retiring, superseding or renaming a concept, or demoting or removing a
preferred term, is a major change; adding a concept or a designation is a minor one; rewording
(definitions, notes, examples, sources, phrasing) is a patch. `aftersales glossary release` writes
these sections; `aftersales glossary diff A B` shows the changes between any two versions.
"""
_SECTION = re.compile(r"^## \[(\d+\.\d+\.\d+)\]", re.M)


def section(diff: GlossaryDiff, version: str, date: str) -> str:
    if diff.old is None:
        lead = f"First release: {len(diff.new.concepts)} concepts."
    else:
        kind = f"{diff.bump} release" if diff.bump != "none" else "release"
        lead = f"{kind.capitalize()} (since {diff.old.version}): {report.summary(diff)}."
    lines = [f"## [{version}] - {date}", "", lead, ""]
    return "\n".join(lines + report.body(diff)).rstrip("\n") + "\n"


def has_section(existing: str | None, version: str) -> bool:
    return any(m.group(1) == version for m in _SECTION.finditer(existing or ""))


def insert(existing: str | None, version: str, text: str) -> str:
    """The changelog with `text` as the section of `version`: replaces that section, else goes first."""
    doc = existing if existing and existing.strip() else HEADER
    matches = list(_SECTION.finditer(doc))
    for i, m in enumerate(matches):
        if m.group(1) == version:
            end = matches[i + 1].start() if i + 1 < len(matches) else len(doc)
            return doc[:m.start()] + text + ("\n" if end < len(doc) else "") + doc[end:]
    if matches:
        at = matches[0].start()
        return doc[:at] + text + "\n" + doc[at:]
    return doc.rstrip("\n") + "\n\n" + text
