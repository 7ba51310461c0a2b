"""The one module of the language server that reaches into the linter beyond its public API.

`aftersales_std.lint` exports `load_rules` and `lint_text`; `lint_text` treats every text as plain
text, while the editor must see a file the way `aftersales lint FILE` sees it: Markdown code
skipped, YAML/JSON string values mapped back into the file, suppression comments and the config's
per-path ignores and excludes applied. Those live in lint/sources/inputs.py, lint/batch.py and
lint/sources/suppress.py; they are reached from here only, so that a change to the engine's layout
touches this file and nothing else of the server.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from aftersales_std.errors import Finding
from aftersales_std.lint import LintFinding, RuleSet, load_rules
from aftersales_std.lint import batch as _batch
from aftersales_std.lint.sources import inputs as _inputs
from aftersales_std.lint.rules.channels import policies
from aftersales_std.lint.sources.suppress import glob_match
from aftersales_std.project import Project

# What the editor lints: the file kinds `aftersales lint` reads whole. CSV and JSONL need a column
# or field name and are batch inputs, not documents one edits.
SUFFIXES = frozenset(_inputs.TEXT_SUFFIXES | _inputs.JINJA_SUFFIXES | _inputs.DATA_SUFFIXES)
# Unsaved buffers have no file name: their language id stands for it.
LANGUAGE_SUFFIX = {"markdown": ".md", "plaintext": ".txt", "text": ".txt", "yaml": ".yaml", "json": ".json",
                   "jinja": ".j2", "jinja2": ".j2", "jinja-md": ".j2"}

__all__ = ["SUFFIXES", "Outcome", "matches", "kind_suffix", "lint_document", "load", "rule_of"]


@dataclass
class Outcome:
    findings: list[LintFinding]
    problems: list[Finding]  # the document could not be read (e.g. a YAML syntax error)


def kind_suffix(path: Path | None, language_id: str | None) -> str | None:
    """The suffix that decides how a document is read; None: not a kind the linter reads."""
    if path is not None and path.suffix.lower() in SUFFIXES:
        return path.suffix.lower()
    if path is not None and path.suffix:
        return None
    return LANGUAGE_SUFFIX.get((language_id or "").lower())


def load(project: Project) -> RuleSet:
    """The project's compiled rules, config applied (ContentError when a rule file is broken)."""
    return load_rules(project)


def lint_document(text: str, path: Path, display: str, suffix: str, rules: RuleSet, *, lang: str,
                  rel: str, ignore: Mapping[str, Sequence[str]] | None,
                  channels: Mapping[str, Any] | None = None) -> Outcome:
    """Findings of one document's current text, read as `aftersales lint` reads a file of that kind
    (`channels`: the config's lint.channels, applied to YAML replies that say their channel)."""
    named = path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
    if suffix in _inputs.DATA_SUFFIXES:
        source = _inputs.read_data(named, display, text)
    else:
        kind = "jinja" if suffix in _inputs.JINJA_SUFFIXES else "text"
        source = _inputs.plain(display, text, named, kind)
    options = _batch.Options(lang=lang, ignore={k: list(v) for k, v in (ignore or {}).items()},
                             channels=policies({"channels": channels}) if channels else None)
    result = _batch.lint_source(source, rules, options, rel)
    return Outcome(sorted(result.findings), list(result.problems))


def matches(rel: str, patterns: Sequence[str]) -> bool:
    """True when one of the config's lint globs (include or exclude) names this project-relative path."""
    return any(glob_match(rel, g) for g in patterns)


def rule_of(rules: RuleSet, code: str) -> Any | None:
    """The compiled rule with this code (message, description, suggest, refs), or None."""
    return rules.by_code.get(code)
