"""Load every content file of a project, check it against its schema, then cross-check.

Every problem in every file is collected; nothing stops the run.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from aftersales_std import schema
from aftersales_std.crossref import cross_check
from aftersales_std.errors import Finding
from aftersales_std.loading import Document, load_file
from aftersales_std.project import Project, display_path


@dataclass
class Content:
    """Loaded documents of a project, by kind. A document in `valid` passed its schema."""

    manifest: Document | None = None
    concepts: list[Document] = field(default_factory=list)
    standards: list[Document] = field(default_factory=list)
    rules: list[Document] = field(default_factory=list)
    replies: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    schema_ok: set[int] = field(default_factory=set)

    def valid(self, docs: list[Document]) -> list[Document]:
        return [d for d in docs if id(d) in self.schema_ok]

    @property
    def manifest_ok(self) -> bool:
        return self.manifest is not None and id(self.manifest) in self.schema_ok

    def counts(self) -> dict[str, int]:
        return {"concepts": len(self.concepts), "standards": len(self.standards),
                "rules": len(self.rules), "reply_files": len(self.replies)}


def load_content(project: Project) -> Content:
    content = Content()
    limit = project.max_file_bytes

    bases = {Path(os.path.realpath(project.root))}

    def load(path: Path, kind: str) -> Document:
        real = Path(os.path.realpath(path))
        if path.is_symlink() and not any(b == real or b in real.parents for b in bases):
            doc = Document(path=path, display=display_path(path))  # never read: it may be a secret
            doc.findings.append(Finding(doc.display, 1, 1, "AS109",
                                        "is a symbolic link to a file outside the project; it was not read: "
                                        "replace the link with the file itself"))
            content.findings.extend(doc.findings)
            return doc
        doc = load_file(path, display_path(path), max_bytes=limit)
        problems = doc.findings + schema.check(doc, kind)
        content.findings.extend(problems)
        if not problems:
            content.schema_ok.add(id(doc))
        return doc

    bases.update(Path(os.path.realpath(project.content_dir(k))) for k in ("glossary", "standards", "checks", "replies"))
    if project.manifest_path.is_file():
        content.manifest = load(project.manifest_path, "glossary")
    else:
        content.findings.append(Finding(
            display_path(project.manifest_path), 1, 1, "AS300",
            "the glossary manifest is missing; create it with name, version and languages (see README)"))
    content.concepts = [load(p, "concept") for p in project.files("concept")]
    content.standards = [load(p, "standard") for p in project.files("standard")]
    content.rules = [load(p, "rule") for p in project.files("rule")]
    content.replies = [load(p, "replies") for p in project.files("replies")]
    return content


def validate(project: Project) -> Content:
    """Load, schema-check and cross-check; findings are sorted by path and position."""
    content = load_content(project)
    content.findings.extend(cross_check(content))
    content.findings = sorted(set(content.findings))
    return content
