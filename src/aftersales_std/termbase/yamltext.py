"""Minimal edits to YAML text: append a list item, replace or insert one top-level field.

Comments and layout outside the edited field survive; nothing is round-tripped through a YAML
dumper. Every edit is checked by loading the result with the normal loader (see `verify`).
"""
from __future__ import annotations

import json
import re
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from aftersales_std.loading import Document, load_text

_BAD_START = set("-?:,[]{}#&*!|>'\"%@` \t")
_ITEM = re.compile(r"^(\s*)-(\s+)(\{)?")
_RESOLVER = yaml.resolver.Resolver()


class EditError(Exception):
    """The edited text would not load back as intended (a bug, or a file layout we cannot edit)."""


def scalar(value: Any, *, quote: bool = False) -> str:
    """One YAML scalar: plain when that reads back as the same text, else double-quoted (JSON)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    plain = (not quote and text and text[0] not in _BAD_START and text[-1] not in " \t:"
             and ": " not in text and " #" not in text and text.isprintable()
             and _RESOLVER.resolve(ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str")
    return text if plain else json.dumps(text, ensure_ascii=False)


def emit(key: str, value: Any, indent: int = 0) -> list[str]:
    """`key: value` in block style (the house style of the content files)."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = [f"{pad}{key}:"]
        for k, v in value.items():
            lines += emit(k, v, indent + 2)
        return lines
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: []"]
        lines = [f"{pad}{key}:"]
        for item in value:
            lines += emit_item(item, indent + 2)
        return lines
    return [f"{pad}{key}: {scalar(value, quote=key == 'version')}"]


def emit_item(item: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(item, dict):
        lines: list[str] = []
        for i, (k, v) in enumerate(item.items()):
            sub = emit(k, v, indent + 2)
            lines += [f"{pad}- {sub[0].lstrip()}"] + sub[1:] if i == 0 else sub
        return lines
    return [f"{pad}- {scalar(item)}"]


def flow_item(item: dict[str, Any], indent: int) -> str:
    inner = ", ".join(f"{k}: {scalar(v, quote=k == 'version')}" for k, v in item.items())
    return f"{' ' * indent}- {{{inner}}}"


def spans(text: str, doc: Document) -> dict[str, tuple[int, int]]:
    """Top-level key -> (first line, line after its last content line), 0-based."""
    lines = text.splitlines()
    starts = sorted((m.line - 1, path[0]) for path, m in doc.key_positions.items() if len(path) == 1)
    out = {}
    for i, (start, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(lines)
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
                                   or lines[end - 1].strip() in ("---", "...")):
            end -= 1
        out[str(key)] = (start, end)
    return out


def _join(lines: list[str], newline: str, trailing: bool) -> str:
    return newline.join(lines) + (newline if trailing else "")


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def append_item(text: str, doc: Document, key: str, item: dict[str, Any]) -> str:
    """Append `item` to the top-level list `key`, in the style of its existing items."""
    nl, lines = _newline(text), text.splitlines()
    trailing = text.endswith(("\n", "\r"))
    where = spans(text, doc).get(key)
    if where is None:  # no such field yet: add it at the end of the file
        while lines and not lines[-1].strip():
            lines.pop()
        return _join(lines + emit(key, [item]), nl, True)
    start, end = where
    first = next((_ITEM.match(line) for line in lines[start + 1:end] if _ITEM.match(line)), None)
    if first is None:  # flow list on the key line (`history: []`) or an unusual layout: rewrite the field
        return replace_field(text, doc, key, [*doc.data.get(key, []), item])
    indent = len(first.group(1))
    if first.group(3):
        new = [flow_item(item, indent)]
    else:
        new = emit_item(item, indent)
        gap = len(first.group(2)) - 1
        if gap:  # items written as "-   key: value": keep their spacing
            new = [line.replace("- ", "-" + " " * (gap + 1), 1) if j == 0 else " " * gap + line
                   for j, line in enumerate(new)]
    return _join(lines[:end] + new + lines[end:], nl, trailing)


def replace_field(text: str, doc: Document, key: str, value: Any, after: tuple[str, ...] = ()) -> str:
    """Set top-level `key` to `value` (None removes it); a new key goes after the last of `after` present."""
    nl, lines = _newline(text), text.splitlines()
    trailing = text.endswith(("\n", "\r"))
    where = spans(text, doc)
    new = [] if value is None else emit(key, value)
    if key in where:
        start, end = where[key]
        return _join(lines[:start] + new + lines[end:], nl, trailing)
    if value is None:
        return text
    anchor = [where[k][1] for k in after if k in where]
    at = max(anchor) if anchor else len(lines)
    return _join(lines[:at] + new + lines[at:], nl, trailing or at == len(lines))


_SCALAR = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'|(?:[^#\s]|\s(?!#)|#(?<=\S#))*?(?=\s+#|\s*$)')


def replace_scalar(text: str, doc: Document, key: str, value: Any, after: tuple[str, ...] = ()) -> str:
    """Set a top-level scalar in place, keeping the quoting style and a comment after it on the line."""
    where = spans(text, doc).get(key)
    mark = doc.positions.get((key,))
    lines = text.splitlines(keepends=True)
    if where is None or mark is None or where[1] - where[0] != 1 or mark.line - 1 != where[0]:
        return replace_field(text, doc, key, value, after)
    line = lines[where[0]]
    col = mark.col - 1
    found = _SCALAR.match(line, col)
    if found is None:
        return replace_field(text, doc, key, value, after)
    token = found.group(0)
    if token.startswith("'"):
        new = "'" + str(value).replace("'", "''") + "'"
    else:
        new = json.dumps(str(value), ensure_ascii=False) if token.startswith('"') else scalar(value)
    lines[where[0]] = line[:col] + new + line[found.end():]
    return "".join(lines)


def load(text: str, display: str) -> Document:
    from pathlib import Path
    return load_text(text, Document(path=Path(display), display=display))


def verify(text: str, display: str, expected: Any) -> Document:
    """Load the edited text; EditError unless it holds exactly `expected`."""
    doc = load(text, display)
    if doc.findings or doc.data != expected:
        problem = doc.findings[0].format() if doc.findings else "the edited file does not hold the intended data"
        raise EditError(f"{display}: could not edit the file safely ({problem}); edit it by hand")
    return doc
