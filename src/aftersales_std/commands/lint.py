"""aftersales lint: flag vague, evasive or off-glossary wording; exit 0 clean, 1 findings at or above
the fail level, 2 bad input or usage (an unreadable input, or nothing to lint), 130 interrupted."""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from aftersales_std import report
from aftersales_std.errors import Exit, UsageError
from aftersales_std.lint import batch
from aftersales_std.lint.report import fix
from aftersales_std.lint.rules.channels import NAME, policies
from aftersales_std.lint.matchers.engine import RuleSet
from aftersales_std.lint.report.formats import FORMATS, input_problem, lint_report, safe_text
from aftersales_std.lint.sources.inputs import SUPPORTED, Source, discover, file_positions, plain, read_path, rel_path, reread
from aftersales_std.lint.rules.loader import load_ruleset
from aftersales_std.lint.rules import SEVERITIES, severity_rank
from aftersales_std.lint.report.run import findings_for, summary
from aftersales_std.project import Project, display_path, find_root, open_project_or_bundled


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("lint", parents=[common], help="check replies and templates for vague, evasive or "
                       "off-glossary wording", description=__doc__)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders (.md .txt .yaml .json .j2 .csv .jsonl); a folder gives every "
                   "supported file under it; '-' reads stdin; default: the project's lint.include globs")
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
    p.add_argument("--channel", metavar="NAME", type=_channel_name, default=None,
                   help="where the replies are sent (chat, phone, email, sms ...): the config's "
                   "lint.channels settings for it apply; a YAML reply's or a JSONL record's own "
                   "`channel` takes precedence")
    p.add_argument("--lang", choices=("zh-Hans", "zh-Hant", "en"), default="zh-Hans", help="message language")
    p.add_argument("--no-config-ignores", action="store_true", help="ignore lint.ignore from the config")
    p.set_defaults(run=run)


def _channel_name(value: str) -> str:
    if not NAME.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a channel name: lower-case letters, digits and "
                                         "hyphens, e.g. chat, phone, email, sms")
    return value


# Worker processes (--jobs N) leave Ctrl-C to the main process: it stops the pool and prints one
# line (exit 130); a worker that took the signal too would print its own traceback.
_QUIET_CHILDREN = False


def _child_ignores_sigint() -> None:
    if _QUIET_CHILDREN:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_child_ignores_sigint)


def _in_project(args: argparse.Namespace) -> bool:
    if getattr(args, "project", None):
        return True
    try:
        find_root(None)
    except UsageError:
        return False
    return True


def run(args: argparse.Namespace) -> int:
    global _QUIET_CHILDREN
    _QUIET_CHILDREN = True
    try:
        return _run(args)
    finally:
        _QUIET_CHILDREN = False


def _run(args: argparse.Namespace) -> int:
    project = open_project_or_bundled(getattr(args, "project", None), cached=True)
    config = project.lint
    fail_level = args.fail_level or config.get("fail-level", "warning")
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per core) or more")
    jobs = args.jobs if args.jobs > 0 else batch.cpu_count()
    rules_dir = Path(args.rules) if args.rules else None
    if rules_dir is not None and not rules_dir.is_dir():
        raise UsageError(f"--rules {args.rules}: no such folder")
    if (args.fix or args.diff) and (args.jsonl or args.column):
        raise UsageError("--fix and --diff work on text, Markdown, Jinja, YAML and JSON files, not CSV or JSONL")
    if args.jsonl and not Path(args.jsonl).is_file():
        raise UsageError(f"--jsonl {args.jsonl}: no such file")
    paths = list(args.paths)
    given = bool(paths)
    if not paths and not args.jsonl:
        if not _in_project(args):
            raise UsageError("nothing to lint: no path given and no aftersales.yaml in this folder or above; "
                             "name the files or folders to lint (e.g. `aftersales lint replies/`)")
        paths = [str(project.root)]
    use_stdin = "-" in paths
    paths = [p for p in paths if p != "-"]
    files = _files(paths, project, given, with_csv=bool(args.column))
    if not files and not use_stdin and not args.jsonl:
        raise UsageError(_nothing_found(paths, project, given))
    ruleset = load_ruleset(project, rules_dir, lint_config=config, cache=True)
    if len(ruleset) == 0:
        where = f"--rules {args.rules}" if args.rules else display_path(project.content_dir("checks"))
        raise UsageError(f"{where}: no lint rules to run (no rule files there, or the config turns every "
                         "rule off); lint would check nothing")
    opts = batch.Options(lang=args.lang, column=args.column, field=args.field,
                         ignore=None if args.no_config_ignores else config.get("ignore"),
                         channels=policies(config), channel=args.channel)
    outcome = batch.Outcome([], [])
    if args.jsonl:
        path = Path(args.jsonl)
        part = batch.lint_jsonl(path, display_path(path), args.field or "text", ruleset, opts, jobs)
        part.findings = file_positions(part.findings, path, "jsonl", field_name=args.field or "text")
        batch._merge(outcome, part)
    if use_stdin:
        source = plain(args.stdin_filename, sys.stdin.read())
        if args.fix or args.diff:
            return _fix_stdin(source, ruleset, opts, args)
        batch._merge(outcome, batch.lint_source(source, ruleset, opts))
    if args.fix or args.diff:
        return _fix_files(files, ruleset, opts, args, fail_level, project.root if _in_project(args) else Path.cwd())
    part = batch.lint_files(files, ruleset, opts, jobs)
    part.findings = _to_file_positions(part.findings, files, opts)
    batch._merge(outcome, part)
    return _report(outcome, ruleset, args, fail_level)


def _files(paths: list[str], project: Project, given: bool, with_csv: bool) -> list[tuple[Path, str, str]]:
    config = project.lint
    include = config.get("include", []) or []
    exclude = config.get("exclude", []) or []
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(safe_text(m) for m in missing)}")
    # the project's own data quotes bad wording on purpose: rule examples, deprecated terms, the
    # standards' lists of phrases to avoid (named explicitly, a file there is still linted)
    data_dirs = [project.content_dir("checks"), project.glossary_dir, project.content_dir("standards")]
    found = discover([Path(p) for p in paths], project.root, include, exclude, given=given,
                     data_dirs=data_dirs, skip_files=[project.root / "aftersales.yaml"], with_csv=with_csv)
    return [(p, display_path(p), rel_path(p, project.root)) for p in found]


def _nothing_found(paths: list[str], project: Project, given: bool) -> str:
    shown = ", ".join(safe_text(p) for p in paths) or "."
    kinds = " ".join(sorted(SUPPORTED))
    excluded = [p for p in paths if Path(p).is_file()]
    if excluded and len(excluded) == len(paths):
        globs = ", ".join(project.lint.get("exclude", []) or [])
        return (f"nothing to lint: {shown} excluded by lint.exclude ({globs}) in "
                f"{display_path(project.root / 'aftersales.yaml')}")
    if not given:
        include = ", ".join(project.lint.get("include", []) or []) or "(none)"
        return (f"nothing to lint: no file of the project matches lint.include ({include}) in "
                f"{display_path(project.root / 'aftersales.yaml')}; name files or folders, or widen lint.include")
    return (f"nothing to lint: no supported file under {shown} (supported: {kinds}; CSV files need --column; "
            "lint.exclude, hidden folders, aftersales.yaml and the project's checks/, glossary/ and standards/ are skipped)")


def _to_file_positions(findings: list, files: list[tuple[Path, str, str]], opts: batch.Options) -> list:
    """CSV and JSONL findings located within their field -> line and column of the file."""
    tabular = {display: path for path, display, _rel in files
               if path.suffix.lower() in (".csv", ".jsonl", ".ndjson")
               or (opts.field is not None and path.suffix.lower() not in (".yaml", ".yml", ".json", ".csv"))}
    if not tabular:
        return findings
    by_path: dict[str, list] = {}
    rest = []
    for f in findings:
        (by_path.setdefault(f.path, []) if f.path in tabular else rest).append(f)
    for display, group in by_path.items():
        path = tabular[display]
        kind = "csv" if path.suffix.lower() == ".csv" else "jsonl"
        rest += file_positions(group, path, kind, field_name=opts.field or "text", column=opts.column)
    return rest


def _report(outcome: batch.Outcome, ruleset: RuleSet, args: argparse.Namespace, fail_level: str) -> int:
    counts = summary(outcome.findings)
    info = {"files": outcome.files, "records": outcome.records, "suppressed": outcome.suppressed,
            "rules": len(ruleset), **counts, "problems": len(outcome.problems)}
    problems = [input_problem(p) for p in outcome.problems]
    # one stream: the machine formats hold the unreadable inputs with the findings; text prints them on stderr
    report.write(lint_report(outcome.findings, ruleset, lang=args.lang, summary=info, problems=problems,
                             problem_stream=sys.stderr), args.format, sys.stdout)
    failing = [f for f in outcome.findings if severity_rank(f.severity) >= severity_rank(fail_level)]
    if args.format == "text":
        print(f"{len(outcome.findings)} finding(s) ({counts['error']} error, {counts['warning']} warning, "
              f"{counts['suggestion']} suggestion) in {outcome.files} file(s); {outcome.suppressed} suppressed"
              + (f"; {len(problems)} input(s) could not be read" if problems else ""), file=sys.stderr)
    if outcome.problems:
        return Exit.BAD_INPUT
    return Exit.FINDINGS if failing else Exit.OK


def _fix_files(files: list[tuple[Path, str, str]], ruleset: RuleSet, opts: batch.Options,
               args: argparse.Namespace, fail_level: str, root: Path) -> int:
    remaining = batch.Outcome([], [])
    applied = 0
    for path, display, rel in files:
        snap, problem = fix.snapshot(path, display)
        if problem is not None:
            remaining.problems.append(problem)
            continue
        source = read_path(path, display, column=opts.column, field_name=opts.field)
        if source.problems or not source.fixable:
            batch._merge(remaining, batch.lint_source(source, ruleset, opts, rel))
            continue
        before, after, count = fix.fix_source(source, lambda s: batch.lint_source(s, ruleset, opts, rel).findings)
        if after != before:
            if args.diff:
                sys.stdout.write(fix.unified_diff(display, before, after))
            else:
                problem = fix.write_fixed(path, display, before, after, root=root, snap=snap)
                if problem is not None:
                    remaining.problems.append(problem)
                    batch._merge(remaining, batch.lint_source(source, ruleset, opts, rel))
                    continue
        applied += count
        final = reread(source, after) if after != before else source
        batch._merge(remaining, batch.lint_source(final, ruleset, opts, rel))
    verb = "would apply" if args.diff else "applied"
    print(f"{verb} {applied} fix(es); {len(remaining.findings)} finding(s) left", file=sys.stderr)
    if not args.diff and remaining.findings:
        report.write(lint_report(remaining.findings, ruleset, lang=args.lang), "text", sys.stderr)
    if remaining.problems:
        report.write(lint_report([], ruleset, problems=[input_problem(p) for p in remaining.problems],
                                 problem_stream=sys.stderr), "text", sys.stderr)
        return Exit.BAD_INPUT
    failing = [f for f in remaining.findings if severity_rank(f.severity) >= severity_rank(fail_level)]
    return Exit.FINDINGS if failing else Exit.OK


def _fix_stdin(source: Source, ruleset: RuleSet, opts: batch.Options, args: argparse.Namespace) -> int:
    lint = lambda s: findings_for(s, ruleset, lang=opts.lang, channels=opts.channels,  # noqa: E731
                                  channel=opts.channel)[0]
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
