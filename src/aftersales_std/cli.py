"""The `aftersales` command: main(argv) -> int. Subcommands live in aftersales_std.commands."""
from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from collections.abc import Sequence


def _interrupted_while_starting(signum: int, frame: object) -> None:
    """Ctrl-C while the modules below are imported: no traceback of an import, exit 130."""
    sys.stderr.write("aftersales: interrupted\n")
    os._exit(130)


def _set_sigint(handler: object) -> None:
    try:
        signal.signal(signal.SIGINT, handler)  # type: ignore[arg-type]
    except ValueError:  # not the main thread: leave the handler alone
        pass


_set_sigint(_interrupted_while_starting)  # main() puts Python's own handler back

from aftersales_std import __version__  # noqa: E402
from aftersales_std.commands import NAMES, module  # noqa: E402
from aftersales_std.errors import AftersalesError, ContentError, Exit  # noqa: E402
from aftersales_std import report  # noqa: E402


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or of `only` that one (its module alone is imported)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project", metavar="DIR", default=argparse.SUPPRESS,
                        help="project folder (default: the nearest folder upwards with aftersales.yaml)")
    parser = argparse.ArgumentParser(
        prog="aftersales",
        description="After-sales service terms and standards: validate, lint, build documents and the glossary site.")
    parser.add_argument("--version", action="version", version=f"aftersales-std {__version__}")
    parser.add_argument("--project", metavar="DIR", default=None, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in NAMES:
        if only is None or name == only:
            module(name).add_parser(sub, common)
    return parser


def chosen(argv: Sequence[str]) -> str | None:
    """The subcommand named in `argv` (after the global options), or None."""
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--project":
            i += 2
            continue
        if arg.startswith("--project="):
            i += 1
            continue
        return arg if arg in NAMES else None
    return None


def _print_content_error(exc: ContentError, args: argparse.Namespace) -> None:
    """The findings of content that stopped a command, in the format the command was asked for when
    the registry has it (`lint --format json` with a broken rule file still writes JSON), else text."""
    fmt = getattr(args, "format", None)
    if fmt not in report.WRITERS:
        fmt = "text"
    # text keeps the content line (`path:line:col: CODE message (json.path)`) for every command
    kind = report.LINT if args.command == "lint" and fmt != "text" else report.CONTENT
    report.write(report.Report(exc.findings, kind=kind), fmt, sys.stdout)


def main(argv: Sequence[str] | None = None) -> int:
    if signal.getsignal(signal.SIGINT) is _interrupted_while_starting:
        _set_sigint(signal.default_int_handler)  # from here a Ctrl-C unwinds (staging removed), exit 130
    parser = build_parser(chosen(sys.argv[1:] if argv is None else argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        return int(exc.code or 0) if isinstance(exc.code, int) else Exit.BAD_INPUT
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return Exit.BAD_INPUT
    try:
        return int(args.run(args))
    except ContentError as exc:
        if exc.findings:
            _print_content_error(exc, args)
        print(f"aftersales: {exc}", file=sys.stderr)
        return exc.exit_code
    except AftersalesError as exc:
        print(f"aftersales: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("aftersales: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return Exit.OK
    except OSError as exc:  # a file or folder we were not able to use: say which and what to do
        from aftersales_std.atomic import describe_os_error
        where = f"cannot use {exc.filename}: " if exc.filename is not None else ""
        print(f"aftersales: error: {where}{describe_os_error(exc)}", file=sys.stderr)
        return Exit.BAD_INPUT
    except RecursionError:
        print("aftersales: error: the input is nested too deeply to be processed; simplify it", file=sys.stderr)
        return Exit.BAD_INPUT
    except Exception as exc:  # a bug of ours: say so plainly, keep the traceback for the report
        print(f"aftersales: internal error: {type(exc).__name__}: {exc}\n"
              "This is a bug in aftersales-std; please report it with the command you ran"
              " (set AFTERSALES_DEBUG=1 to see the traceback).", file=sys.stderr)
        if os.environ.get("AFTERSALES_DEBUG"):
            traceback.print_exc()
        return Exit.INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
