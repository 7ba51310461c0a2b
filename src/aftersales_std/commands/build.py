"""aftersales build: validate the content and produce the documents and the site from it."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from aftersales_std.assemble import load_model
from aftersales_std.errors import Exit
from aftersales_std.outputs import OUTPUT_KINDS, Progress, builder, run_builds
from aftersales_std.project import display_path, open_project

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
    p.add_argument("--lang", choices=("zh-Hans", "zh-Hant-TW", "zh-Hant-HK", "zh-Hant", "en"), default="zh-Hans",
                   help="document language: zh-Hant-TW (Taiwan) or zh-Hant-HK (Hong Kong) for the regional "
                        "traditional editions; zh-Hant is the Taiwan edition")
    p.add_argument("--no-pdf", action="store_true", help="write no PDF next to the Word files")
    p.add_argument("--seed", type=int, default=1, metavar="N",
                   help="quiz number: the same seed and content give the same quiz (default 1)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if getattr(args, "no_pdf", False):
        os.environ["AFTERSALES_NO_PDF"] = "1"
    project = open_project(getattr(args, "project", None))
    model = load_model(project)
    out_root = Path(args.out).resolve() if args.out else project.output_dir
    kinds = list(dict.fromkeys(args.only or OUTPUT_KINDS))
    g = model.glossary
    print(f"content valid: glossary {g.version}, {len(g.concepts)} concepts, {len(model.standards)} standards, "
          f"{len(model.replies)} reply templates, {len(model.rules)} lint rules", file=sys.stderr)
    written = run_builds(project, model, out_root, kinds, args.lang, Progress(), seed=args.seed)
    for kind in kinds:
        if kind in written:
            print(f"  {kind:9} {len(written[kind]):4} files in {display_path(out_root / kind)}/", file=sys.stderr)
        elif builder(kind) is None:
            print(f"  {kind:9} not yet available: {PLANNED[kind]}", file=sys.stderr)
    if written:
        print(f"outputs in {display_path(out_root)}/ (language {args.lang})", file=sys.stderr)
    return Exit.OK
