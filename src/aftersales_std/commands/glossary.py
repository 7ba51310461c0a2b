"""aftersales glossary diff|release|export|import: versions and exchange formats of the glossary."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from aftersales_std.errors import Exit, UsageError
from aftersales_std.project import display_path, open_project

if TYPE_CHECKING:
    from aftersales_std.project import Project
    from aftersales_std.termbase.importer import ImportPlan

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
                           description="Updates what the file states and keeps everything it does not state "
                           "(other languages, designations it does not list, notes, sources, history); creates "
                           "new concepts; writes nothing when any row is wrong (all problems as file:row: "
                           "message), and either all of the import or none of it.")
    i.add_argument("file", metavar="FILE")
    i.add_argument("--format", choices=("csv", "tbx"), help="default: from the file name")
    i.add_argument("--dry-run", action="store_true",
                   help="check and print the changes per concept, in the words of `glossary diff`; write nothing")
    i.add_argument("--replace", action="store_true",
                   help="the file's designations, notes and examples replace those of the languages it states "
                   "(removes what it does not list)")
    i.add_argument("--prune", action="store_true",
                   help="with --replace: also remove the concepts the file does not hold")
    i.add_argument("--lang-map", metavar="TAG=LANG", action="append", default=[],
                   help="read the file's language TAG as LANG (zh-Hans, zh-Hant or en), e.g. zh=zh-Hant "
                   "(repeatable); region tags such as zh-CN, zh-TW, zh-HK, en-US are mapped without it")
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
    from aftersales_std.termbase import export, standard_citations
    from aftersales_std.termbase.snapshot import load_glossary

    locales = {}
    for item in args.tbx_locale:
        lang, _, tag = item.partition("=")
        if lang not in ("zh-Hans", "zh-Hant", "en") or not tag.strip():
            raise UsageError(f"--tbx-locale {item}: use LANG=TAG with LANG one of zh-Hans, zh-Hant, en")
        locales[lang] = tag.strip()
    project = open_project(getattr(args, "project", None))
    data = export(load_glossary(project), args.format, locales=locales, standards=standard_citations(project))
    if args.output:
        from aftersales_std import atomic

        atomic.write_bytes(Path(args.output), data)
        print(f"wrote {args.output} ({len(data):,} bytes)", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return Exit.OK


def run_import(args: argparse.Namespace) -> int:
    from aftersales_std.termbase.entry import printable
    from aftersales_std.termbase.staging import locked, recover, write

    if args.prune and not args.replace:
        raise UsageError("--prune removes every concept the file does not hold; it needs --replace as well")
    lang_map = {}
    for item in args.lang_map:
        tag, _, lang = item.partition("=")
        if not tag.strip() or lang.strip() not in ("zh-Hans", "zh-Hant", "en"):
            raise UsageError(f"--lang-map {item}: use TAG=LANG with LANG one of zh-Hans, zh-Hant, en")
        lang_map[tag.strip()] = lang.strip()
    project = open_project(getattr(args, "project", None))
    path = Path(args.file)
    fmt = args.format or {".csv": "csv", ".tbx": "tbx", ".xml": "tbx", ".txt": "csv", ".tsv": "csv"}.get(
        path.suffix.lower())
    if fmt is None:
        raise UsageError(f"cannot tell the format of {args.file}; pass --format csv or --format tbx")
    if args.dry_run:
        result = _plan(args, project, path, fmt, lang_map)
    else:
        with locked(project):
            recover(project)
            result = _plan(args, project, path, fmt, lang_map)
            if isinstance(result, int):
                return result
            write(result, project)  # before the summary: a failed write never follows an "imported" line
    if isinstance(result, int):
        return result
    plan = result
    verb = "would import" if args.dry_run else "imported"
    pruned = f", {len(plan.pruned)} removed" if args.prune else ""
    print(f"{verb} {printable(args.file)}: {len(plan.created)} concept(s) created, {len(plan.updated)} updated, "
          f"{len(plan.unchanged)} unchanged{pruned}")
    for label, ids in (("created", plan.created), ("updated", plan.updated), ("removed", plan.pruned)):
        if ids:
            more = f" and {len(ids) - 20} more" if len(ids) > 20 else ""
            print(f"  {label}: {', '.join(ids[:20])}{more}")
    if args.dry_run:
        if plan.after is not None:
            from aftersales_std.termbase import report
            from aftersales_std.termbase.diff import compare
            diff = compare(plan.before, plan.after, "glossary", args.file)
            sys.stdout.write(printable(report.text(diff), lines=True))
    return Exit.OK


def _plan(args: argparse.Namespace, project: Project, path: Path, fmt: str,
          lang_map: dict[str, str]) -> ImportPlan | int:
    """Read the file and plan the import; prints warnings; the problems and exit 2 when there are any."""
    from aftersales_std.termbase import standard_citations
    from aftersales_std.termbase.entry import ImportProblems, printable
    from aftersales_std.termbase.importer import plan_import
    from aftersales_std.termbase.limits import read_input

    warnings: list[str] = []
    try:
        data = read_input(path, args.file)
        if fmt == "csv":
            from aftersales_std.termbase.csvio import read_csv
            reading = read_csv(data, args.file, lang_map, frozenset(p.stem for p in project.files("concept")))
        else:
            from aftersales_std.termbase.tbxread import read_tbx
            reading = read_tbx(data, args.file, frozenset(p.stem for p in project.files("concept")), lang_map)
        warnings = reading.warnings
        if reading.encoding:
            print(f"{printable(args.file)}: read as {reading.encoding}", file=sys.stderr)
        plan = plan_import(project, reading, args.file, replace=args.replace, prune=args.prune,
                           citations=standard_citations(project), diff=args.dry_run)
    except ImportProblems as exc:
        for warning in exc.warnings or warnings:
            print(printable(f"warning: {warning}"), file=sys.stderr)
        for problem in exc.problems:
            print(printable(problem))
        print(f"aftersales: {len(exc.problems)} problem(s) in {printable(args.file)}; nothing was imported",
              file=sys.stderr)
        return int(Exit.BAD_INPUT)
    for warning in plan.warnings:
        print(printable(f"warning: {warning}"), file=sys.stderr)
    return plan
