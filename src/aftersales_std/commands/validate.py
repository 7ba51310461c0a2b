"""aftersales validate: every problem in every file at once; exit 0 when valid, 2 when not."""
from __future__ import annotations

import argparse
import sys

from aftersales_std.errors import Exit
from aftersales_std.project import open_project
from aftersales_std.report import print_findings
from aftersales_std.validate import validate


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("validate", parents=[common], help="check every content file against its schema and "
                       "cross-check references", description=__doc__)
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = open_project(getattr(args, "project", None))
    content = validate(project)
    counts = content.counts()
    print_findings(content.findings, args.format, extra={"counts": counts})
    files = sum(counts.values()) + (1 if content.manifest else 0)
    if content.findings:
        where = len({f.path for f in content.findings})
        print(f"{len(content.findings)} problem(s) in {where} file(s); fix them and run again", file=sys.stderr)
        return Exit.BAD_INPUT
    if args.format == "text":
        print(f"ok: {files} files valid ({counts['concepts']} concepts, {counts['standards']} standards, "
              f"{counts['rules']} lint rules, {counts['reply_files']} reply files)", file=sys.stderr)
    return Exit.OK
