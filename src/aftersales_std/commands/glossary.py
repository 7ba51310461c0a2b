"""aftersales glossary diff|release|export|import: versions and exchange formats of the glossary."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aftersales_std.errors import Exit, UsageError
from aftersales_std.project import display_path, open_project

EPILOG = """examples:
  aftersales glossary diff glossary-v1.0.0            changes since a release, in the working tree
  aftersales glossary diff glossary-v1.0.0 HEAD --format markdown
  aftersales glossary release                        the smallest allowed bump, history, changelog, tag
  aftersales glossary release major                  refused (exit 2) when too small for the changes
  aftersales glossary export --format csv -o terms.csv
  aftersales glossary import terms.csv               a CSV edited in Excel, back into the YAML files
"""


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("glossary", parents=[common], help="diff, release, export and import the glossary",
                       description=__doc__, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    d = actions.add_parser("diff", parents=[common], help="what changed between two versions",
                           description="A and B are git revisions (tags such as glossary-v1.0.0, branches, "
                           "commits) or folders; B defaults to the working tree.")
    d.add_argument("old", metavar="A")
    d.add_argument("new", metavar="B", nargs="?", default="", help="default: the working tree")
    d.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    d.set_defaults(run=run_diff)
    r = actions.add_parser("release", parents=[common], help="bump the version, write history and changelog, tag",
                           description="Works out the smallest allowed bump from the changes since the last "
                           "release (tag glossary-vX.Y.Z) and refuses a smaller one (exit 2).")
    r.add_argument("version", nargs="?", metavar="major|minor|patch|X.Y.Z",
                   help="default: the smallest bump the changes allow")
    r.add_argument("--since", metavar="REV|DIR", help="the last release, when it is not a glossary-v* tag")
    r.add_argument("--first", action="store_true", help="the first release: there is nothing before it")
    r.add_argument("--date", metavar="YYYY-MM-DD", help="release date (default: today, UTC)")
    r.add_argument("--dry-run", action="store_true", help="show the release and its changelog; write nothing")
    r.add_argument("--no-commit", action="store_true", help="write the files but do not commit or tag")
    r.set_defaults(run=run_release)
    e = actions.add_parser("export", parents=[common], help="the glossary as JSON, CSV, TBX or Markdown")
    e.add_argument("--format", choices=("json", "csv", "tbx", "md"), required=True)
    e.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    e.add_argument("--tbx-locale", metavar="LANG=TAG", action="append", default=[],
                   help="TBX language tag for a CAT tool, e.g. zh-Hans=zh-CN zh-Hant=zh-TW (repeatable)")
    e.set_defaults(run=run_export)
    i = actions.add_parser("import", parents=[common], help="merge a CSV or TBX file into the concept files",
                           description="Updates the concepts the file holds and creates new ones; writes "
                           "nothing when any row is wrong (problems as file:row: message).")
    i.add_argument("file", metavar="FILE")
    i.add_argument("--format", choices=("csv", "tbx"), help="default: from the file name")
    i.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    i.set_defaults(run=run_import)
    p.set_defaults(run=lambda args: (p.print_help(sys.stderr), Exit.BAD_INPUT)[1])


def run_diff(args: argparse.Namespace) -> int:
    from aftersales_std.termbase import report
    from aftersales_std.termbase.diff import compare
    from aftersales_std.termbase.snapshot import resolve

    project = open_project(getattr(args, "project", None))
    old, new = resolve(project, args.old), resolve(project, args.new)
    if new.glossary is None:
        raise UsageError(f"{new.label} has no glossary")
    diff = compare(old.glossary, new.glossary, old.label, new.label)
    render = {"text": report.text, "markdown": report.markdown, "json": report.as_json}[args.format]
    sys.stdout.write(render(diff))
    return Exit.OK


def run_release(args: argparse.Namespace) -> int:
    from aftersales_std.termbase import changelog, report
    from aftersales_std.termbase.release import apply, describe_files, make_plan, pending, resume

    project = open_project(getattr(args, "project", None))
    if args.dry_run and pending(project):
        print(f"the release of glossary {pending(project)} was interrupted; run `aftersales glossary release` "
              "(without --dry-run) to finish it first")
        return Exit.OK
    finished = None if args.dry_run else resume(project)  # an interrupted release is finished first
    if finished is not None:
        print("\n".join(finished))
        return Exit.OK
    plan = make_plan(project, args.version, since=args.since, first=args.first, date=args.date)
    if args.dry_run:
        files = describe_files(plan) or "nothing (the files are up to date)"
        print(f"would release glossary {plan.target} (from {plan.current}; the changes need "
              f"{'no particular' if plan.required == 'none' else 'a ' + plan.required} release); would write "
              f"{files}; would tag {plan.tag}\n")
        log = plan.project.glossary_dir / "CHANGELOG.md"
        if log in plan.files or not log.is_file():
            sys.stdout.write(changelog.section(plan.diff, plan.target, plan.date))
        else:
            print(f"{display_path(log)} already has a section for {plan.target}; it is kept")
        return Exit.OK
    for line in apply(plan, commit=not args.no_commit):
        print(line)
    print(report.summary(plan.diff), file=sys.stderr)
    return Exit.OK


def run_export(args: argparse.Namespace) -> int:
    from aftersales_std.termbase import export
    from aftersales_std.termbase.snapshot import load_glossary

    locales = {}
    for item in args.tbx_locale:
        lang, _, tag = item.partition("=")
        if lang not in ("zh-Hans", "zh-Hant", "en") or not tag.strip():
            raise UsageError(f"--tbx-locale {item}: use LANG=TAG with LANG one of zh-Hans, zh-Hant, en")
        locales[lang] = tag.strip()
    data = export(load_glossary(open_project(getattr(args, "project", None))), args.format, locales=locales)
    if args.output:
        from aftersales_std import atomic

        atomic.write_bytes(Path(args.output), data)
        print(f"wrote {args.output} ({len(data):,} bytes)", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return Exit.OK


def run_import(args: argparse.Namespace) -> int:
    from aftersales_std.termbase.entry import ImportProblems
    from aftersales_std.termbase.importer import plan_import, write

    project = open_project(getattr(args, "project", None))
    path = Path(args.file)
    fmt = args.format or {".csv": "csv", ".tbx": "tbx", ".xml": "tbx"}.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(f"cannot tell the format of {args.file}; pass --format csv or --format tbx")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror}") from None
    try:
        if fmt == "csv":
            from aftersales_std.termbase.csvio import read_csv
            entries = read_csv(data, args.file)
        else:
            from aftersales_std.termbase.tbx import read_tbx
            entries = read_tbx(data, args.file, frozenset(p.stem for p in project.files("concept")))
        plan = plan_import(project, entries, args.file)
    except ImportProblems as exc:
        for problem in exc.problems:
            print(problem)
        print(f"aftersales: {len(exc.problems)} problem(s) in {args.file}; nothing was imported", file=sys.stderr)
        return Exit.BAD_INPUT
    verb = "would import" if args.dry_run else "imported"
    print(f"{verb} {args.file}: {len(plan.created)} concept(s) created, {len(plan.updated)} updated, "
          f"{len(plan.unchanged)} unchanged")
    for label, ids in (("created", plan.created), ("updated", plan.updated)):
        if ids:
            more = f" and {len(ids) - 20} more" if len(ids) > 20 else ""
            print(f"  {label}: {', '.join(ids[:20])}{more}")
    if not args.dry_run:
        write(plan)
    return Exit.OK
