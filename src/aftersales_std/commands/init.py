"""aftersales init DIR: write a new project folder holding the bundled default content."""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from aftersales_std import atomic
from aftersales_std.commands.schema import export
from aftersales_std.errors import Exit, UsageError
from aftersales_std.resources import BUNDLED_ITEMS, bundled_root

GITIGNORE = "build/\n.cache/\n"


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", help="create a project folder with the bundled glossary, standards, rules "
                       "and templates", description=__doc__)
    p.add_argument("dir", metavar="DIR", help="the new project folder (must not exist, or be empty)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    target = Path(args.dir).expanduser().absolute()
    if target.is_symlink() or (target.exists() and (not target.is_dir() or any(target.iterdir()))):
        raise UsageError(f"{args.dir} already exists and is not an empty folder; choose a new folder name")
    source = bundled_root()
    staging = atomic.staging_dir(target)  # beside the target, with the user's umask (not 0700)
    try:
        for item in BUNDLED_ITEMS:
            src = source / item
            if src.is_dir():
                shutil.copytree(src, staging / item, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            elif src.is_file():
                shutil.copy2(src, staging / item)
        export(staging / ".schemas")
        atomic.write_text(staging / ".gitignore", GITIGNORE)
        atomic.fix_tree_modes(staging)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise atomic.WriteError.from_os(exc, "create the project folder", args.dir) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    print(f"created project folder {args.dir}\nnext: cd {args.dir} && aftersales validate", file=sys.stderr)
    return Exit.OK
