"""A glossary as it is in a folder or at a git revision, read without touching the working tree.

A git revision is read with `git archive` into a temporary folder and loaded with the normal
loader and model, so an old release is checked exactly like the current content.
"""
from __future__ import annotations

import io
import sys
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from aftersales_std.assemble import build_model
from aftersales_std.errors import ContentError, UsageError
from aftersales_std.loading import Document
from aftersales_std.model import Glossary
from aftersales_std.project import CONFIG_NAME, Project, display_path, open_project
from aftersales_std.validate import validate

_NOWHERE = ".aftersales-glossary-only"  # a folder that does not exist: standards, rules, replies are skipped
WORKTREE = "working tree"


@dataclass(frozen=True)
class Snapshot:
    label: str  # what it is called in reports: a tag, a revision, a folder or "working tree"
    glossary: Glossary | None  # None: no glossary yet (before the first release)
    commit: str | None = None

    @property
    def version(self) -> str:
        return self.glossary.version if self.glossary else "none"


def glossary_only(project: Project) -> Project:
    """The same project, with only its glossary: other content is not loaded or checked."""
    content = dict(project.config.get("content", {}))
    for kind in ("standards", "checks", "replies"):
        content[kind] = _NOWHERE
    return Project(root=project.root, config={**project.config, "content": content})


def concept_documents(project: Project) -> dict[str, Document]:
    """The loaded concept files of a valid glossary, by id (ContentError when it is not valid)."""
    content = validate(glossary_only(project))
    if content.findings:
        raise ContentError(f"the glossary is not valid ({len(content.findings)} problem(s)); fix it (see "
                           "`aftersales validate`) and run again", content.findings)
    return {doc.data["id"]: doc for doc in content.concepts}


def load_glossary(project: Project, label: str = WORKTREE, *, strict: bool = True) -> Glossary:
    """The project's glossary. strict: any problem is a ContentError; else (old revisions) files that do
    not pass their schema are left out with a warning, and cross-reference problems are tolerated."""
    content = validate(glossary_only(project))
    if content.findings and (strict or not content.manifest_ok):
        raise ContentError(f"the glossary in {label} is not valid ({len(content.findings)} problem(s)); "
                           "fix it (see `aftersales validate`) and run again", content.findings)
    if content.findings:
        skipped = len(content.concepts) - len(content.valid(content.concepts))
        print(f"aftersales: warning: {label}: {len(content.findings)} problem(s) in the glossary"
              + (f"; {skipped} concept file(s) that do not pass their schema are left out" if skipped else ""),
              file=sys.stderr)
        content.concepts = content.valid(content.concepts)
        content.findings = []
    return build_model(content, project.opencc).glossary


def _no_links(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    """tarfile's data filter, and symbolic or hard links left out (a concept file must be a file)."""
    if member.issym() or member.islnk():
        print(f"aftersales: warning: {member.name} is a link in the revision; it is left out", file=sys.stderr)
        return None
    return tarfile.data_filter(member, dest)


def _relabel(exc: ContentError, prefix: str, label: str) -> ContentError:
    findings = [replace(f, path=label + ":" + f.path[len(prefix):].lstrip("/")) if f.path.startswith(prefix)
                else f for f in exc.findings]
    return ContentError(str(exc), findings)


def git(cwd: Path, *args: str, binary: bool = False) -> str | bytes:
    """Run git; UsageError with git's own message when it fails."""
    try:
        result = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise UsageError("git is not installed; install git or compare folders instead") from exc
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]} failed: {message[-1] if message else 'exit ' + str(result.returncode)}")
    return result.stdout if binary else result.stdout.decode("utf-8", "replace").strip()


def repo_root(path: Path) -> Path | None:
    """The top folder of the git checkout holding `path`, or None when it is not in one."""
    try:
        result = subprocess.run(["git", "-C", str(path), "rev-parse", "--show-toplevel"],
                                capture_output=True, check=False, text=True)
    except FileNotFoundError:
        return None
    return Path(result.stdout.strip()).resolve() if result.returncode == 0 else None


def resolve_commit(top: Path, rev: str) -> str | None:
    result = subprocess.run(["git", "-C", str(top), "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
                            capture_output=True, check=False, text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def from_folder(folder: Path, label: str | None = None) -> Snapshot:
    """A project folder (aftersales.yaml), a glossary folder (glossary.yaml) or a folder holding glossary/."""
    folder = folder.resolve()
    if (folder / CONFIG_NAME).is_file():
        project = open_project(folder)
    elif (folder / "glossary.yaml").is_file():
        project = Project(root=folder, config={"content": {"glossary": "."}})
    elif (folder / "glossary" / "glossary.yaml").is_file():
        project = Project(root=folder, config={})
    else:
        raise UsageError(f"{folder} holds no glossary: expected aftersales.yaml, glossary.yaml or "
                         "glossary/glossary.yaml in it")
    name = label or str(folder)
    return Snapshot(name, load_glossary(project, name, strict=False))


def from_git(project: Project, rev: str, label: str | None = None) -> Snapshot:
    """The project's glossary as committed at `rev` (tag, branch, commit)."""
    top = repo_root(project.root)
    if top is None:
        raise UsageError(f"'{rev}' is not a folder, and {project.root} is not in a git checkout")
    commit = resolve_commit(top, rev)
    if commit is None:
        raise UsageError(f"'{rev}' is neither a folder nor a git revision (tag, branch or commit) of {top}")
    glossary_rel = project.glossary_dir.relative_to(top).as_posix()
    listing = git(top, "ls-tree", "--name-only", commit, "--", glossary_rel)
    if not listing:
        return Snapshot(label or rev, None, commit)
    archive = git(top, "archive", "--format=tar", commit, "--", glossary_rel, binary=True)
    assert isinstance(archive, bytes)
    with tempfile.TemporaryDirectory(prefix="aftersales-rev-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter=_no_links)  # a committed link to /etc/passwd is neither followed nor fatal
        root = Path(tmp) / project.root.relative_to(top)
        copy = Project(root=root.resolve(), config=project.config)
        name = label or rev
        try:
            return Snapshot(name, load_glossary(copy, name, strict=False), commit)
        except ContentError as exc:
            raise _relabel(exc, display_path(Path(tmp).resolve()), rev) from None


def resolve(project: Project, spec: str) -> Snapshot:
    """A folder when `spec` names one, else a git revision of the project's checkout."""
    if spec in ("", "WORKTREE", "worktree"):
        return Snapshot(WORKTREE, load_glossary(project))
    path = Path(spec).expanduser()
    if path.is_dir():
        return from_folder(path, spec)
    return from_git(project, spec)
