"""aftersales schema KIND: print the JSON Schema of one file kind, or export them all for editors."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aftersales_std import atomic, schema
from aftersales_std.errors import Exit, UsageError


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    kinds = ", ".join(schema.KINDS)
    p = sub.add_parser("schema", help="print the JSON Schema of a file kind", description=__doc__,
                       epilog=f"kinds: {kinds}")
    p.add_argument("kind", nargs="?", choices=sorted(schema.KINDS), metavar="KIND", help=f"one of: {kinds}")
    p.add_argument("--list", action="store_true", help="list the kinds and the files they describe")
    p.add_argument("--export", metavar="DIR", help="write every schema as DIR/<kind>.schema.json")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        for kind, what in schema.KINDS.items():
            print(f"{kind:10} {what}")
        return Exit.OK
    if args.export:
        written = export(Path(args.export))
        print(f"wrote {len(written)} schemas to {args.export}", file=sys.stderr)
        return Exit.OK
    if not args.kind:
        raise UsageError("name a kind (aftersales schema concept) or use --list / --export DIR")
    sys.stdout.write(schema.schema_text(args.kind))
    return Exit.OK


def export(folder: Path) -> list[Path]:
    """Write every schema as folder/<kind>.schema.json, each file replaced atomically."""
    atomic.make_dirs(folder)
    out = []
    for kind in schema.KINDS:
        target = folder / f"{kind}.schema.json"
        atomic.write_text(target, schema.schema_text(kind))
        out.append(target)
    return out
