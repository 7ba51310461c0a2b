"""Titles of the glossary's sources: glossary/sources.yaml maps a source `ref` to what readers see.

Concepts cite sources by `ref` (a file of the research notes, a regulation, a standard); agents need
the title, not "seeds/002_….txt". The file is a mapping `ref: {title: ..., note: ...}`; refs without
an entry are shown as written, and a ref that is a concept id becomes a link to that concept.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from aftersales_std.errors import ContentError, Finding

FILE_NAME = "sources.yaml"
CODE = "AS902"


def load_source_titles(path: Path, shown: str | None = None) -> dict[str, str]:
    if not path.is_file():
        return {}
    shown = shown or path.as_posix()

    def fail(line: int, col: int, message: str) -> ContentError:
        return ContentError(f"{shown}: {message}", [Finding(shown, line, col, CODE, message)])

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise fail(mark.line + 1 if mark else 0, 0, f"not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise fail(root.start_mark.line + 1, 1, "expected a mapping of source ref to {title: ...}")
    out: dict[str, str] = {}
    for key, value in root.value:
        title = None
        if isinstance(value, yaml.MappingNode):
            title = next((v.value for k, v in value.value if k.value == "title" and isinstance(v, yaml.ScalarNode)), None)
        if not title or not str(title).strip():
            raise fail(value.start_mark.line + 1, value.start_mark.column + 1,
                       f"'{key.value}': expected {{title: ...}} with a non-empty title")
        out[str(key.value)] = str(title).strip()
    return out
