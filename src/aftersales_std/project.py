"""The project folder: found by its aftersales.yaml, with the paths of every kind of content."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aftersales_std.errors import ContentError, UsageError

# The YAML reader (loading) and the schema check (jsonschema: the largest import of a lint run) are
# imported when a configuration is read and checked, not when a checked one comes from the cache.
MAX_BYTES = 1_048_576  # loading.MAX_BYTES (a test keeps them equal)

CONFIG_NAME = "aftersales.yaml"
DEFAULT_CONTENT = {
    "glossary": "glossary",
    "standards": "standards",
    "checks": "checks",
    "templates": "templates",
    "replies": "templates/replies",
    "site": "site",
}


@dataclass(frozen=True)
class Project:
    root: Path
    config: dict[str, Any]

    def content_dir(self, kind: str) -> Path:
        rel = self.config.get("content", {}).get(kind, DEFAULT_CONTENT[kind])
        return (self.root / rel).resolve()

    @property
    def glossary_dir(self) -> Path:
        return self.content_dir("glossary")

    @property
    def manifest_path(self) -> Path:
        return self.glossary_dir / "glossary.yaml"

    @property
    def concepts_dir(self) -> Path:
        return self.glossary_dir / "concepts"

    @property
    def output_dir(self) -> Path:
        return (self.root / self.config.get("output", "build")).resolve()

    @property
    def languages(self) -> list[str]:
        return list(self.config.get("languages", ["zh-Hans", "zh-Hant", "en"]))

    @property
    def opencc(self) -> str:
        return str(self.config.get("opencc", "s2t"))

    @property
    def max_file_bytes(self) -> int:
        return int(self.config.get("max_file_bytes", MAX_BYTES))

    @property
    def lint(self) -> dict[str, Any]:
        return dict(self.config.get("lint", {}))

    def display(self, path: Path) -> str:
        """How a path is shown in messages: relative to the working directory when inside it."""
        return display_path(path)

    def files(self, kind: str) -> list[Path]:
        """Content files of one kind, sorted. kind: concept | standard | rule | replies."""
        base = {"concept": self.concepts_dir, "standard": self.content_dir("standards"),
                "rule": self.content_dir("checks"), "replies": self.content_dir("replies")}[kind]
        if not base.is_dir():
            return []
        pattern = "**/*" if kind == "rule" else "*"
        return sorted(p for p in base.glob(pattern) if p.suffix in (".yaml", ".yml") and p.is_file())


def display_path(path: Path) -> str:
    try:
        rel = os.path.relpath(path, Path.cwd())
    except ValueError:
        return path.as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else path.as_posix()


def find_root(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The project folder: --project DIR, or the nearest folder upwards holding aftersales.yaml."""
    if explicit is not None:
        root = Path(explicit).expanduser().resolve()
        if not root.is_dir():
            raise UsageError(f"project folder {explicit} does not exist; check --project")
        if not (root / CONFIG_NAME).is_file():
            raise UsageError(f"{display_path(root)} is not a project folder: it has no {CONFIG_NAME}; "
                             "run `aftersales init DIR` to create one")
        return root
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise UsageError(f"no {CONFIG_NAME} in {here} or its parents; run the command inside a "
                     "project folder, pass --project DIR, or create one with `aftersales init DIR`")


def open_project(explicit: str | os.PathLike[str] | None = None, *, cached: bool = False) -> Project:
    """The project (its configuration read and checked against the schema; ContentError if not valid).

    cached: use a configuration checked before (lint/rules/cache.py: keyed by the file's bytes, the schema
    and this code), and keep a valid one for next time. A lint run in a hook or an editor would
    otherwise spend most of its start on importing the YAML reader and jsonschema for it.
    """
    root = find_root(explicit)
    path = root / CONFIG_NAME
    if cached:
        from aftersales_std.lint.rules import cache as lint_cache
        found = lint_cache.read_config(root, path)
        if found is not None:
            return Project(root=root, config=found)
    from aftersales_std import schema
    from aftersales_std.loading import load_file
    doc = load_file(path, display_path(path))
    findings = doc.findings or schema.check(doc, "config")
    if findings:
        raise ContentError(f"{CONFIG_NAME} is not valid", findings)
    if cached:
        lint_cache.write_config(root, path, doc.data)
    return Project(root=root, config=doc.data)


def open_project_or_bundled(explicit: str | os.PathLike[str] | None = None, *, cached: bool = False) -> Project:
    """The project, or when there is none here (and none was named) the bundled default content.
    cached: see open_project."""
    try:
        find_root(explicit)
    except UsageError:
        if explicit is not None:
            raise
        from aftersales_std.resources import bundled_root

        return open_project(bundled_root(), cached=cached)
    return open_project(explicit, cached=cached)
