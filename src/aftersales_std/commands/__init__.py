"""One module per subcommand; each has add_parser(subparsers, common) and sets `run`."""
from __future__ import annotations

from aftersales_std.commands import build, glossary, init, lint, lsp, rules, schema, validate

SUBCOMMANDS = (validate, build, schema, init, glossary, lint, rules, lsp)
