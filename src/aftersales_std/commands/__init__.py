"""One module per subcommand; each has add_parser(subparsers, common) and sets `run`.

The modules are imported when needed (`module(name)`): a run of one command imports that command's
module only, so `aftersales lint` does not pay for the document builders' imports.
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

NAMES = ("validate", "build", "schema", "init", "glossary", "lint", "rules", "lsp")


def module(name: str) -> ModuleType:
    return importlib.import_module(f"aftersales_std.commands.{name}")


def __getattr__(name: str) -> Any:
    if name == "SUBCOMMANDS":  # every subcommand module, in order (imports them all)
        return tuple(module(n) for n in NAMES)
    raise AttributeError(name)
