"""aftersales glossary release: the smallest allowed version bump, history, changelog, tag.

The last release is the newest tag glossary-vX.Y.Z reachable from HEAD; without one, the commit
that last set the manifest's version. Outside git, name it with --since FOLDER, or use --first.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from aftersales_std import atomic
from aftersales_std.errors import UsageError
from aftersales_std.loading import load_file
from aftersales_std.project import Project, display_path
from aftersales_std.termbase import changelog, report, yamltext
from aftersales_std.termbase.diff import LEVELS, GlossaryDiff, compare
from aftersales_std.termbase.snapshot import (
    WORKTREE, Snapshot, from_git, git, load_glossary, repo_root, resolve, resolve_commit,
)

TAG_PREFIX = "glossary-v"
BUMPS = ("patch", "minor", "major")
_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def semver(text: str) -> tuple[int, int, int]:
    m = _SEMVER.match(text)
    if not m:
        raise UsageError(f"'{text}' is not a version: use major, minor, patch or X.Y.Z such as 1.2.0")
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


def bump(version: str, kind: str) -> str:
    major, minor, patch = semver(version)
    return {"major": f"{major + 1}.0.0", "minor": f"{major}.{minor + 1}.0", "patch": f"{major}.{minor}.{patch + 1}"}[kind]


def level_between(old: str, new: str) -> str | None:
    """The kind of bump from old to new; None when new is not above old."""
    a, b = semver(old), semver(new)
    if b <= a:
        return None
    return "major" if b[0] > a[0] else "minor" if b[1] > a[1] else "patch"


def today() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.date().isoformat()


@dataclass
class Plan:
    project: Project
    diff: GlossaryDiff
    current: str
    target: str
    required: str
    date: str
    top: Path | None
    files: dict[Path, str] = field(default_factory=dict)  # new text of every file to write

    @property
    def tag(self) -> str:
        return TAG_PREFIX + self.target

    def tag_command(self) -> str:
        return f'git tag -a {self.tag} -m "glossary {self.target}"'


def last_tag(top: Path) -> tuple[str, str] | None:
    """(tag, version) of the newest glossary-vX.Y.Z reachable from HEAD."""
    tags = str(git(top, "tag", "--list", f"{TAG_PREFIX}*", "--merged", "HEAD")).split()
    versions = [(semver(t[len(TAG_PREFIX):]), t) for t in tags if _SEMVER.match(t[len(TAG_PREFIX):])]
    if not versions:
        return None
    best = max(versions)
    return best[1], best[1][len(TAG_PREFIX):]


def baseline(project: Project, top: Path | None, since: str | None) -> Snapshot | None:
    """The last release; None when there is none (the first release)."""
    if since:
        return resolve(project, since)
    if top is None:
        raise UsageError("not in a git checkout, so the last release cannot be found: pass --since FOLDER "
                         "(a copy of the last release), or --first for the first release")
    found = last_tag(top)
    if found:
        return from_git(project, found[0], found[0])
    manifest = project.manifest_path.relative_to(top).as_posix()
    commit = str(git(top, "log", "-1", "--format=%H", "-G", r"^version:", "--", manifest))
    if not commit:
        return None
    return from_git(project, commit, f"commit {commit[:7]} (no {TAG_PREFIX}* tag yet)")


def make_plan(project: Project, requested: str | None, *, since: str | None = None, first: bool = False,
              date: str | None = None) -> Plan:
    glossary = load_glossary(project)
    top = repo_root(project.root)
    base = None if first else baseline(project, top, since)
    current = glossary.version
    old = base.glossary if base else None
    diff = compare(old, glossary, base.label if base else "nothing (first release)", WORKTREE)
    if date is not None and not _DATE.match(date):
        raise UsageError(f"--date {date} is not a date; use YYYY-MM-DD")
    if old is None:  # the first release: the manifest's version as it is, unless told otherwise
        required = "none"
        target = bump(current, requested) if requested in BUMPS else requested or current
        if semver(target) < semver(current):
            raise UsageError(f"{target} is below the manifest's version {current}")
    else:
        current = max(current, old.version, key=semver)
        required = diff.bump
        if required == "none":
            raise UsageError(f"nothing in the glossary changed since {old.version} ({base.label if base else ''}); "
                             "nothing to release")
        target = _target(current, requested, required, diff)
    plan = Plan(project, diff, current, target, required, date or today(), top)
    if top is not None and tag_exists(top, plan.tag):
        raise UsageError(f"tag {plan.tag} already exists; choose another version")
    plan.files = _edits(plan)
    return plan


def tag_exists(top: Path, tag: str) -> bool:
    return bool(str(git(top, "tag", "--list", tag)))


def _target(current: str, requested: str | None, required: str, diff: GlossaryDiff) -> str:
    if requested is None:
        return bump(current, required)
    level = requested if requested in BUMPS else level_between(current, requested)
    if level is None:
        raise UsageError(f"{requested} is not above the current version {current}")
    target = bump(current, level) if requested in BUMPS else requested
    if LEVELS.index(level) < LEVELS.index(required):
        needed = [c for c in diff.changes if c.level == required]
        lines = report.text(GlossaryDiff(diff.old, diff.new, diff.old_label, diff.new_label, tuple(needed)))
        shown = "\n".join(lines.splitlines()[1:11])
        more = f"\n  ... and {len(needed) - 10} more" if len(needed) > 10 else ""
        raise UsageError(
            f"refusing a {level} release ({target}): the changes since {diff.old.version if diff.old else current} "
            f"need at least a {required} release ({bump(current, required)}); {len(needed)} change(s) "
            f"need it:\n{shown}{more}\nrun `aftersales glossary release {required}` (see `aftersales glossary diff`)")
    return target


def _edits(plan: Plan) -> dict[Path, str]:
    project, diff = plan.project, plan.diff
    files: dict[Path, str] = {}
    for cid in diff.concept_ids():
        concept = diff.new.get(cid)
        assert concept is not None
        if any(h.version == plan.target for h in concept.history):
            continue
        change, summary = history_entry(diff, cid)
        entry = {"version": plan.target, "date": plan.date, "change": change, "summary": summary}
        path = project.concepts_dir / f"{cid}.yaml"
        files[path] = _edit(path, lambda text, doc: yamltext.append_item(text, doc, "history", entry),
                            lambda data: {**data, "history": [*data.get("history", []), entry]})
    manifest = project.manifest_path

    def manifest_edit(text: str, doc: yamltext.Document) -> str:
        text = yamltext.replace_scalar(text, doc, "version", plan.target)
        doc = yamltext.load(text, str(manifest))
        return yamltext.replace_scalar(text, doc, "released", plan.date, after=("version",))

    files[manifest] = _edit(manifest, manifest_edit,
                            lambda data: {**data, "version": plan.target, "released": plan.date})
    log = project.glossary_dir / "CHANGELOG.md"
    existing = log.read_text("utf-8") if log.is_file() else None
    if not changelog.has_section(existing, plan.target):  # a section written by hand beforehand is kept
        files[log] = changelog.insert(existing, plan.target, changelog.section(diff, plan.target, plan.date))
    return {path: text for path, text in files.items() if not path.is_file() or path.read_bytes() != text.encode()}


def _edit(path: Path, edit, expect) -> str:  # type: ignore[no-untyped-def]
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    doc = load_file(path, display_path(path))
    new = edit(text, doc)
    yamltext.verify(new, display_path(path), expect(doc.data))
    return ("\ufeff" if bom else "") + new


STATUS_ZH = {"preferred": "首选", "admitted": "许用", "deprecated": "拒用"}


def history_entry(diff: GlossaryDiff, cid: str) -> tuple[str, str]:
    """(change, summary in zh-Hans) for the history of one changed concept."""
    mine = [c for c in diff.changes if c.concept == cid]
    kinds = {c.kind for c in mine}
    if "renamed" in kinds:
        old = next(c.old for c in mine if c.kind == "renamed")
        return "added", f"由 {old} 更名而来。"
    if "added" in kinds:
        return "added", "首次收录。"
    if "retired" in kinds:
        return "retired", "停用。"
    if "superseded" in kinds:
        target = next(c.new for c in mine if c.kind == "superseded")
        return "superseded", f"由 {target} 取代。"
    parts: list[str] = []
    for c in mine:
        if c.kind == "status":
            parts.append(f"状态由 {c.old} 改为 {c.new}")
        elif c.kind == "designation-added":
            parts.append(f"新增{STATUS_ZH[c.new or '']}术语“{c.term}”（{c.lang}）")
        elif c.kind == "designation-removed":
            parts.append(f"删除术语“{c.term}”（{c.lang}）")
        elif c.kind == "designation-status":
            parts.append(f"“{c.term}”（{c.lang}）由{STATUS_ZH[c.old or '']}改为{STATUS_ZH[c.new or '']}")
        elif c.kind == "designation-note":
            parts.append(f"“{c.term}”（{c.lang}）修改 {c.field}")
        elif c.kind == "definition":
            parts.append(f"修订定义（{c.lang}）")
        elif c.kind == "field":
            parts.append(f"修订 {c.field}")
    demoted = any(c.kind == "designation-status" and c.new == "deprecated" for c in mine)
    return ("deprecated" if demoted else "revised"), "；".join(dict.fromkeys(parts)) + "。"


def check_clean(plan: Plan) -> None:
    """Refuse to commit and tag over uncommitted glossary changes: the tag would not hold them."""
    assert plan.top is not None
    rel = plan.project.glossary_dir.relative_to(plan.top).as_posix()
    dirty = str(git(plan.top, "status", "--porcelain", "--", rel))
    if dirty:
        first = dirty.splitlines()[0]
        raise UsageError(f"the glossary has uncommitted changes ({first.strip()} ...); commit them first, "
                         "or pass --no-commit to write the release files without committing and tagging")


JOURNAL = "aftersales-release.json"


def journal_path(project: Project, top: Path | None) -> Path:
    """Where a release in progress is recorded: inside .git (never committed), else beside aftersales.yaml."""
    if top is not None:
        return Path(str(git(top, "rev-parse", "--absolute-git-dir"))) / JOURNAL
    return project.root / f".{JOURNAL}"


def _sha(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def apply(plan: Plan, *, commit: bool = True) -> list[str]:
    """Check the edited glossary in a scratch copy, then write, commit and tag as a resumable sequence.

    The whole release (new text of every file, the commit it starts from) is first recorded in a
    journal; `resume` (run by the next `glossary release`) finishes a release a kill interrupted:
    files not yet written are written, the commit and the tag made, then the journal removed.
    """
    if commit and plan.top is not None:
        check_clean(plan)
    _check_in_copy(plan)
    root = plan.project.root
    files = []
    for path, text in plan.files.items():
        old = path.read_bytes() if path.is_file() else None
        files.append({"path": os.path.relpath(path, root), "new": text, "old_sha": _sha(old)})
    head = resolve_commit(plan.top, "HEAD") if plan.top is not None else None
    journal = {"target": plan.target, "tag": plan.tag, "commit": bool(commit and plan.top is not None),
               "head": head, "files": files,
               "describe": describe_files(plan) or "nothing (the files were up to date)",
               "kind": plan.required if plan.diff.old else "first", "date": plan.date}
    atomic.write_text(journal_path(plan.project, plan.top),
                      json.dumps(journal, ensure_ascii=False, indent=1) + "\n")
    return _finish(plan.project, plan.top, journal)


def resume(project: Project) -> list[str] | None:
    """Finish the release an interrupted run recorded; None when there is none."""
    top = repo_root(project.root)
    path = journal_path(project, top)
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the record of an interrupted release {path}: {exc}; remove it and "
                         "check the glossary with `git status` and `aftersales validate`") from None
    out = [f"finishing the release of glossary {journal['target']} that an interrupted run started"]
    result = out + _finish(project, top, journal)
    for folder in {(project.root / f["path"]).parent for f in journal["files"]}:
        atomic.clean_stale(folder, [])  # the killed run's .<name>.tmp-* files
    return result


def pending(project: Project) -> str | None:
    """The version of an interrupted release waiting to be finished, if any."""
    path = journal_path(project, repo_root(project.root))
    try:
        return str(json.loads(path.read_text(encoding="utf-8"))["target"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _finish(project: Project, top: Path | None, journal: dict) -> list[str]:  # type: ignore[type-arg]
    root = project.root
    where = journal_path(project, top)
    target, tag = journal["target"], journal["tag"]
    for f in journal["files"]:  # write what is not written yet, refuse what someone else changed
        path = root / f["path"]
        current = path.read_bytes() if path.is_file() else None
        new = f["new"].encode("utf-8")
        if current == new:
            continue
        if _sha(current) != f["old_sha"]:
            raise UsageError(f"{display_path(path)} changed since the release of {target} was interrupted; "
                             f"restore it (git checkout) or remove {where} to give up that release")
        atomic.write_bytes(path, new, root=root)
    names, kind = journal["describe"], journal["kind"]
    out = [f"released glossary {target} ({kind} release, {journal['date']}): wrote {names}"]
    tag_command = f'git tag -a {tag} -m "glossary {target}"'
    if not journal["commit"]:
        where.unlink(missing_ok=True)
        if top is None:
            return out + ["not a git checkout: commit the files and tag the release with:", f"  {tag_command}"]
        return out + ["commit these files, then tag the release with:", f"  {tag_command}"]
    assert top is not None
    rels = [(root / f["path"]).resolve().relative_to(top).as_posix() for f in journal["files"]]
    try:
        head = resolve_commit(top, "HEAD")
        if head == journal["head"]:
            if rels:
                git(top, "add", "--", *rels)
                if str(git(top, "status", "--porcelain", "--", *rels)):
                    git(top, "commit", "-q", "-m", f"glossary {target}", "--", *rels)
        else:
            subject, _, parents = str(git(top, "log", "-1", "--format=%s%n%P")).partition("\n")
            if subject != f"glossary {target}" or parents.split()[:1] != [journal["head"]]:
                raise UsageError(f"HEAD moved since the release of {target} was interrupted; remove {where}, "
                                 "check the glossary and run the release again")
        if not tag_exists(top, tag):
            git(top, "tag", "-a", tag, "-m", f"glossary {target}")
    except UsageError as exc:
        raise UsageError(f"{exc}\nthe release files are written ({names}); run `aftersales glossary release` "
                         f"again to finish it (commit and tag {tag})") from None
    where.unlink(missing_ok=True)
    return out + [f"committed and tagged {tag}; publish it with: git push origin {tag}"]


def describe_files(plan: Plan) -> str:
    """'glossary/glossary.yaml, glossary/CHANGELOG.md and the history of 3 concepts'."""
    concepts = [p for p in plan.files if p.parent == plan.project.concepts_dir]
    others = [display_path(p) for p in plan.files if p not in concepts]
    if len(concepts) <= 3:
        return ", ".join([display_path(p) for p in concepts] + others)
    return ", ".join(others) + f" and the history of {len(concepts)} concepts"


def _check_in_copy(plan: Plan) -> None:
    glossary_dir = plan.project.glossary_dir
    with tempfile.TemporaryDirectory(prefix="aftersales-release-") as tmp:
        copy_root = Path(tmp) / "project"
        rel = glossary_dir.relative_to(plan.project.root) if glossary_dir.is_relative_to(plan.project.root) \
            else Path("glossary")
        shutil.copytree(glossary_dir, copy_root / rel)
        for path, text in plan.files.items():
            target = copy_root / rel / path.resolve().relative_to(glossary_dir)
            target.write_bytes(text.encode("utf-8"))
        config = {**plan.project.config, "content": {**plan.project.config.get("content", {}),
                                                     "glossary": rel.as_posix()}}
        load_glossary(Project(root=copy_root.resolve(), config=config), "the released glossary")
