"""aftersales validate: every problem in every file at once; exit 0 when valid, 2 when not.

With --coverage, also report which required terms (aftersales.yaml coverage.required_terms) the
glossary holds and what serves every standard clause; exit 1 when a required term is missing.
"""
from __future__ import annotations

import argparse
import json
import sys

from aftersales_std import coverage
from aftersales_std.assemble import build_model
from aftersales_std.errors import Exit, UsageError
from aftersales_std.outputs import BUILDERS
from aftersales_std.project import open_project
from aftersales_std.render.sandbox import template_findings
from aftersales_std.report import formats, print_findings
from aftersales_std.validate import validate


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("validate", parents=[common], help="check every content file against its schema and "
                       "cross-check references", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--format", choices=formats(), default="text",
                   help="output format (default: text); sarif and github as for lint")
    p.add_argument("--coverage", action="store_true",
                   help="report required-term and clause coverage; exit 1 when a required term is missing")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.coverage and args.format not in ("text", "json"):
        raise UsageError(f"--coverage is reported as text or json, not {args.format}")
    project = open_project(getattr(args, "project", None))
    content = validate(project)
    content.findings = sorted(content.findings + template_findings(project))  # templates: syntax only
    counts = content.counts()
    if content.findings or not args.coverage:
        print_findings(content.findings, args.format, extra={"counts": counts})
    files = sum(counts.values()) + (1 if content.manifest else 0)
    if content.findings:
        where = len({f.path for f in content.findings})
        print(f"{len(content.findings)} problem(s) in {where} file(s); fix them and run again", file=sys.stderr)
        return Exit.BAD_INPUT
    if args.format == "text":
        print(f"ok: {files} files valid ({counts['concepts']} concepts, {counts['standards']} standards, "
              f"{counts['rules']} lint rules, {counts['reply_files']} reply files)", file=sys.stderr)
    if not args.coverage:
        return Exit.OK
    model = build_model(content, project.opencc)
    required = list(project.config.get("coverage", {}).get("required_terms", []))
    cov = coverage.compute(model, required, scripts="scripts" in BUILDERS)
    if args.format == "json":
        json.dump(cov.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(coverage.format_text(cov))
    if cov.missing_terms:
        print(f"{len(cov.missing_terms)} required term(s) missing from the glossary: "
              f"{', '.join(cov.missing_terms)}", file=sys.stderr)
        return Exit.FINDINGS
    return Exit.OK
