"""aftersales lint: flag vague, evasive or off-glossary wording; exit 0 clean, 1 findings at or above
the fail level, 2 bad input or usage."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aftersales_std.errors import Exit, UsageError
from aftersales_std.lint import batch, fix
from aftersales_std.lint.engine import RuleSet
from aftersales_std.lint.formats import FORMATS, write
from aftersales_std.lint.inputs import Source, plain, read_path, reread
from aftersales_std.lint.loader import load_ruleset
from aftersales_std.lint.rules import SEVERITIES, severity_rank
from aftersales_std.lint.run import findings_for, summary
from aftersales_std.project import Project, display_path, open_project_or_bundled
from aftersales_std.report import print_findings


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("lint", parents=[common], help="check replies and templates for vague, evasive or "
                       "off-glossary wording", description=__doc__)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders (.md .txt .yaml .json .j2 .csv .jsonl); '-' reads stdin; "
                   "default: the project's lint.include globs")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--fail-level", choices=SEVERITIES, default=None,
                   help="lowest severity that fails the run (default: config lint.fail-level, else warning)")
    p.add_argument("--rules", metavar="DIR", help="lint with the rule files in DIR instead of the project's checks/")
    p.add_argument("--jsonl", metavar="FILE", help="lint one field of every record of a JSONL file")
    p.add_argument("--field", default=None, metavar="NAME", help="JSONL field holding the text (default: text; "
                   "dotted for nested fields)")
    p.add_argument("--column", metavar="NAME", help="CSV column holding the text")
    p.add_argument("--stdin-filename", default="<stdin>", metavar="NAME", help="name shown for stdin")
    p.add_argument("--fix", action="store_true", help="apply unambiguous substitutions in place")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; change no file")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="processes to use (0: one per core)")
    p.add_argument("--lang", choices=("zh-Hans", "zh-Hant", "en"), default="zh-Hans", help="message language")
    p.add_argument("--no-config-ignores", action="store_true", help="ignore lint.ignore from the config")
    p.set_defaults(run=run)




def run(args: argparse.Namespace) -> int:
    project = open_project_or_bundled(getattr(args, "project", None))
    config = project.lint
    fail_level = args.fail_level or config.get("fail-level", "warning")
    jobs = args.jobs if args.jobs > 0 else batch.cpu_count()
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per core) or more")
    rules_dir = Path(args.rules) if args.rules else None
    if rules_dir is not None and not rules_dir.is_dir():
        raise UsageError(f"--rules {args.rules}: no such folder")
    if (args.fix or args.diff) and (args.jsonl or args.column):
        raise UsageError("--fix and --diff work on text, Markdown, Jinja, YAML and JSON files, not CSV or JSONL")
    ruleset = load_ruleset(project, rules_dir, lint_config=config, cache=True)
    opts = batch.Options(lang=args.lang, column=args.column, field=args.field,
                         ignore=None if args.no_config_ignores else config.get("ignore"))
    outcome = batch.Outcome([], [])
    if args.jsonl:
        path = Path(args.jsonl)
        if not path.is_file():
            raise UsageError(f"--jsonl {args.jsonl}: no such file")
        batch._merge(outcome, batch.lint_jsonl(path, display_path(path), args.field or "text", ruleset, opts, jobs))
    paths = list(args.paths)
    if not paths and not args.jsonl:
        paths = [str(project.root)]
    if "-" in paths:
        paths.remove("-")
        source = plain(args.stdin_filename, sys.stdin.read())
        if args.fix or args.diff:
            return _fix_stdin(source, ruleset, opts, args)
        batch._merge(outcome, batch.lint_source(source, ruleset, opts))
    files = _files(paths, project)
    if args.fix or args.diff:
        return _fix_files(files, ruleset, opts, args, fail_level)
    batch._merge(outcome, batch.lint_files(files, ruleset, opts, jobs))
    return _report(outcome, ruleset, args, fail_level)


def _files(paths: list[str], project: Project) -> list[tuple[Path, str, str]]:
    config = project.lint
    include = config.get("include", [])
    exclude = config.get("exclude", [])
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    found = batch.discover([Path(p) for p in paths], project.root, include, exclude)
    return [(p, display_path(p), batch._rel(p, project.root)) for p in found]


def _report(outcome: batch.Outcome, ruleset: RuleSet, args: argparse.Namespace, fail_level: str) -> int:
    counts = summary(outcome.findings)
    info = {"files": outcome.files, "records": outcome.records, "suppressed": outcome.suppressed,
            "rules": len(ruleset), **counts, "problems": len(outcome.problems)}
    write(outcome.findings, args.format, sys.stdout, ruleset, lang=args.lang, summary=info)
    if outcome.problems:
        print_findings(outcome.problems, "text", sys.stderr)
    failing = [f for f in outcome.findings if severity_rank(f.severity) >= severity_rank(fail_level)]
    if args.format == "text":
        print(f"{len(outcome.findings)} finding(s) ({counts['error']} error, {counts['warning']} warning, "
              f"{counts['suggestion']} suggestion) in {outcome.files} file(s); {outcome.suppressed} suppressed",
              file=sys.stderr)
    if outcome.problems:
        return Exit.BAD_INPUT
    return Exit.FINDINGS if failing else Exit.OK


def _fix_files(files: list[tuple[Path, str, str]], ruleset: RuleSet, opts: batch.Options,
               args: argparse.Namespace, fail_level: str) -> int:
    remaining = batch.Outcome([], [])
    applied = 0
    for path, display, rel in files:
        source = read_path(path, display, column=opts.column, field_name=opts.field)
        if source.problems or not source.fixable:
            batch._merge(remaining, batch.lint_source(source, ruleset, opts, rel))
            continue
        before, after, count = fix.fix_source(source, lambda s: batch.lint_source(s, ruleset, opts, rel).findings)
        applied += count
        if after != before:
            if args.diff:
                sys.stdout.write(fix.unified_diff(display, before, after))
            else:
                path.write_text(after, encoding="utf-8")
        final = reread(source, after) if after != before else source
        batch._merge(remaining, batch.lint_source(final, ruleset, opts, rel))
    verb = "would apply" if args.diff else "applied"
    print(f"{verb} {applied} fix(es); {len(remaining.findings)} finding(s) left", file=sys.stderr)
    if not args.diff and remaining.findings:
        write(remaining.findings, "text", sys.stderr, ruleset, lang=args.lang)
    if remaining.problems:
        print_findings(remaining.problems, "text", sys.stderr)
        return Exit.BAD_INPUT
    failing = [f for f in remaining.findings if severity_rank(f.severity) >= severity_rank(fail_level)]
    return Exit.FINDINGS if failing else Exit.OK


def _fix_stdin(source: Source, ruleset: RuleSet, opts: batch.Options, args: argparse.Namespace) -> int:
    lint = lambda s: findings_for(s, ruleset, lang=opts.lang)[0]  # noqa: E731
    text = source.text or ""
    for _ in range(fix.MAX_ROUNDS):
        new, count = fix.apply(text, lint(plain(source.display, text)))
        if not count or new == text:
            break
        text = new
    if args.diff:
        sys.stdout.write(fix.unified_diff(source.display, source.text or "", text))
    else:
        sys.stdout.write(text)
    return Exit.OK

