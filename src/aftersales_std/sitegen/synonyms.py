"""Everyday words per concept, for search only: glossary/search-synonyms.yaml.

Agents paste what customers say ("东西坏了能退吗"), which names no term. A short list of the everyday
words customers use for a concept lets search find it. The file maps a concept id to a list of words:

    return: [退东西, 不想要了]

An unknown id or a value that is not a list of strings is a content error at its line.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from aftersales_std.errors import ContentError, Finding
from aftersales_std.model import Model

FILE_NAME = "search-synonyms.yaml"
CODE = "AS901"


def load_synonyms(path: Path, model: Model, shown: str | None = None) -> dict[str, tuple[str, ...]]:
    """{concept id: words}; {} when the file does not exist."""
    if not path.is_file():
        return {}
    shown = shown or path.as_posix()

    def fail(node: yaml.Node | None, message: str) -> ContentError:
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (0, 0)
        return ContentError(f"{shown}: {message}", [Finding(shown, line, col, CODE, message)])

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        message = f"not valid YAML ({getattr(exc, 'problem', None) or exc}); fix the file or delete it"
        raise ContentError(f"{shown}: {message}", [Finding(shown, line, 0, CODE, message)]) from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise fail(root, "expected a mapping of concept id to a list of everyday words")
    known = {c.id for c in model.glossary.concepts}
    out: dict[str, tuple[str, ...]] = {}
    for key, value in root.value:
        concept_id = key.value
        if concept_id not in known:
            raise fail(key, f"unknown concept id '{concept_id}': use an id from glossary/concepts/ or remove the entry")
        if not isinstance(value, yaml.SequenceNode) or not all(
                isinstance(v, yaml.ScalarNode) and str(v.value).strip() for v in value.value):
            raise fail(value, f"'{concept_id}': expected a list of words, e.g. [退东西, 不想要了]")
        out[concept_id] = tuple(str(v.value).strip() for v in value.value)
    return out
