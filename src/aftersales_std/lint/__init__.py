"""The phrasing linter: rules as data, one pass over folded text, positions in the original.

Python API (for document generators and other tools)::

    from aftersales_std.lint import load_rules, lint_text
    rules = load_rules(project)            # a Project, a folder path, or None (the bundled rules)
    for f in lint_text("我们会尽快处理。", rules):
        print(f.line, f.column, f.code, f.message, f.suggestion)

`load_rules` raises ContentError (with findings) when a rule file is broken. `lint_text` never
raises for any text and returns LintFinding values sorted by position.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from aftersales_std.lint.rules.channels import policies
from aftersales_std.lint.matchers.engine import Hit, RuleSet
from aftersales_std.lint.report.finding import LintFinding
from aftersales_std.lint.sources.inputs import plain
from aftersales_std.lint.rules.loader import load_ruleset
from aftersales_std.lint.report.run import findings_for
from aftersales_std.project import Project, open_project

__all__ = ["Hit", "LintFinding", "RuleSet", "lint_text", "load_rules", "default_rules"]


def load_rules(project: Project | str | os.PathLike[str] | None = None, *,
               rules_dir: str | os.PathLike[str] | None = None, apply_config: bool = True,
               cache: bool = True) -> RuleSet:
    """The project's rules (checks/ plus the glossary's substitutions), config applied.

    project: a Project, a project folder, or None for the bundled default content.
    rules_dir: lint with the rule files in this folder instead of the project's checks/.
    cache: use the compiled-rules cache (lint/rules/cache.py); False rebuilds and re-checks every example.
    """
    if project is None:
        from aftersales_std.resources import bundled_root
        project = bundled_root()
    if not isinstance(project, Project):
        project = open_project(project)
    return load_ruleset(project, Path(rules_dir) if rules_dir is not None else None,
                        lint_config=project.lint if apply_config else {}, cache=cache)


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The bundled rules, loaded once per process."""
    return load_rules(None)


def lint_text(text: str, rules: RuleSet | None = None, *, path: str = "<text>", lang: str = "zh-Hans",
              suppressions: bool = True, channel: str | None = None,
              channels: Mapping[str, Any] | None = None) -> list[LintFinding]:
    """Lint one text (e.g. a generated reply or document); findings sorted by position.

    channel: where the text is sent (chat, email ...); `channels` is the `lint.channels` part of a
    project's config (`project.lint.get("channels")`) that says what each channel accepts.
    """
    ruleset = rules if rules is not None else default_rules()
    findings, _ = findings_for(plain(path, text), ruleset, lang=lang, use_suppressions=suppressions,
                               channels=policies({"channels": channels}) if channels else None, channel=channel)
    return sorted(findings)
