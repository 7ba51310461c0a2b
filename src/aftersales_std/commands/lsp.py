"""aftersales lsp: a language server for editors (stdio): lint diagnostics as you type, quick fixes for
substitutions, hover text with the rule's explanation and the clause it enforces."""
from __future__ import annotations

import argparse
import logging
import sys

from aftersales_std.errors import Exit, UsageError

INSTALL = "pip install 'aftersales-std[lsp]'"


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("lsp", help="run the language server for editors (stdio)", description=__doc__)
    p.add_argument("--stdio", action="store_true",
                   help="talk over standard input and output (the default and only transport)")
    p.add_argument("--lang", choices=("zh-Hans", "zh-Hant", "en"), default="zh-Hans",
                   help="language of messages, hover text and fix titles (default: zh-Hans)")
    p.add_argument("--debounce", type=int, default=300, metavar="MS",
                   help="milliseconds to wait after the last change before linting (default: 300)")
    p.add_argument("--all-files", action="store_true",
                   help="lint every .md/.txt/.yaml/.json/.j2 file opened, not only those named by the "
                   "config's lint.include globs")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.debounce < 0:
        raise UsageError("--debounce must be 0 or more milliseconds")
    try:
        import pygls  # noqa: F401
    except ImportError:
        raise UsageError(f"`aftersales lsp` needs the pygls package, which is not installed; install it with: "
                         f"{INSTALL}") from None
    from aftersales_std.lsp.handlers import create_server
    from aftersales_std.lsp.server import Options

    # the editor shows a server's stderr as its log
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="aftersales lsp: %(levelname)s: %(message)s")
    if sys.stdin.isatty():
        print("aftersales lsp speaks the Language Server Protocol on standard input and output: start it "
              "from your editor (README, section \"Editors\"). Ctrl-D quits.", file=sys.stderr)
    server = create_server(Options(lang=args.lang, debounce=args.debounce / 1000, all_files=args.all_files))
    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must never corrupt the protocol stream
    try:
        server.start_io(sys.stdin.buffer, protocol_out)
    finally:
        sys.stdout = sys.__stdout__
    return Exit.OK
