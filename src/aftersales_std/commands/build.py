"""aftersales build: validate the content and produce the documents and the site from it."""
from __future__ import annotations

import argparse
import sys

from aftersales_std.assemble import load_model
from aftersales_std.errors import Exit
from aftersales_std.project import display_path, open_project

OUTPUT_KINDS = ("scripts", "training", "manuals", "site")
PLANNED = {
    "scripts": "agent scripts (话术手册), one per scenario, in Markdown and Word",
    "training": "onboarding handbook, quiz with answer key, Anki flashcards",
    "manuals": "service-management manual with clause, KPI, RACI and records tables",
    "site": "the glossary site (MkDocs + Material), searchable in Chinese",
}


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("build", parents=[common], help="validate, then generate documents and the site",
                       description=__doc__)
    p.add_argument("--out", metavar="DIR", help="output folder (overrides `output` in aftersales.yaml)")
    p.add_argument("--only", action="append", choices=OUTPUT_KINDS, help="build only this kind (repeatable)")
    p.add_argument("--lang", choices=("zh-Hans", "zh-Hant", "en"), default="zh-Hans", help="document language")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = open_project(getattr(args, "project", None))
    model = load_model(project)
    out = display_path(project.root / args.out) if args.out else display_path(project.output_dir)
    g = model.glossary
    print(f"content valid: glossary {g.version} with {len(g.concepts)} concepts, {len(model.standards)} standards, "
          f"{len(model.replies)} reply templates, {len(model.rules)} lint rules", file=sys.stderr)
    print(f"the document generators have not landed yet; `aftersales build` will write into {out}/:",
          file=sys.stderr)
    for kind in args.only or OUTPUT_KINDS:
        print(f"  {kind:9} {PLANNED[kind]} ({args.lang})", file=sys.stderr)
    return Exit.OK
