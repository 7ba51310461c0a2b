"""One atomic-write layer for every command that writes: nothing half-written, nothing outside the project.

Files: `write_bytes` / `write_text` write beside the target (a hidden temporary file in the same folder),
fsync it, give it the user's umask (or the mode of the file it replaces) and rename it over the target,
then fsync the folder. A reader sees the old content or the new one, never a mix; a kill or a full disk
leaves the old file and at most a `.<name>.tmp-*` file that `clean_stale` removes.

Guards, all optional and all raising `WriteError` (exit 2, a message naming the file and what to do):
- `root=`: the resolved target (symlinks followed) must stay below the project root, so a symlink in the
  project cannot make us write to /etc or a home folder.
- `expect=`: the `Snapshot` taken by `read_snapshot` when the file was read; if the file changed since
  (an editor saved, a line was appended), the write is refused instead of losing that edit.

Folders: `staging_dir` makes a hidden sibling folder with the user's umask (tempfile makes 0700);
`swap_dirs` moves several staged folders over their targets as one journalled step that a re-run
finishes after a kill (`recover_swap`); `lock_dir` keeps two writers out of one output folder.
`describe_os_error` turns any OSError into a sentence; `WriteError.from_os` wraps it.
"""
from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from aftersales_std.errors import AftersalesError

JOURNAL_NAME = ".aftersales-swap.json"
LOCK_NAME = ".aftersales.lock"
_TMP_MARK = ".tmp-"
_NEW_MARK = ".new-"
_OLD_MARK = ".old-"

_ERRNO_ADVICE = {
    errno.ENOSPC: "no space left on the device; free some space and run the command again",
    errno.EDQUOT: "disk quota exceeded; free some space and run the command again",
    errno.EROFS: "the file system is read-only; choose a writable place",
    errno.EACCES: "permission denied; check the folder's permissions or choose another place",
    errno.EPERM: "operation not permitted; check the folder's permissions or choose another place",
    errno.ENAMETOOLONG: "the file name is too long; use a shorter name or path",
    errno.EEXIST: "it already exists; remove it or choose another name",
    errno.ENOTDIR: "a part of the path is a file, not a folder; choose another place",
    errno.EISDIR: "it is a folder, not a file; name a file",
    errno.ENOENT: "it does not exist (or a folder on its path does not)",
    errno.ELOOP: "too many levels of symbolic links",
    errno.ENOTEMPTY: "the folder is not empty",
    errno.EBUSY: "the file or folder is busy (in use or a mount point)",
    errno.EXDEV: "it is on another file system than its staging folder",
    errno.EIO: "an input/output error occurred on the device",
    errno.EMFILE: "too many open files",
}


def describe_os_error(exc: OSError) -> str:
    """A sentence for an OSError: what went wrong and what to do, without a traceback."""
    advice = _ERRNO_ADVICE.get(exc.errno or 0)
    if advice is None:
        advice = exc.strerror or type(exc).__name__
    return advice


class WriteError(AftersalesError):
    """A write could not be done safely; nothing was changed (exit 2)."""

    @classmethod
    def from_os(cls, exc: OSError, action: str, path: Path | str) -> WriteError:
        where = exc.filename if exc.filename is not None else path
        return cls(f"cannot {action} {where}: {describe_os_error(exc)}")


@dataclass(frozen=True)
class Snapshot:
    """What a file was when it was read: its bytes and their digest, to detect a later change."""

    path: Path
    data: bytes
    digest: str


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_snapshot(path: Path) -> Snapshot:
    """Read a file whole and remember its digest; pass the result as `expect=` when writing it back."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise WriteError.from_os(exc, "read", path) from None
    return Snapshot(Path(path), data, _digest(data))


def current_umask() -> int:
    """The process umask (read without leaving it changed)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_inside(path: Path, root: Path) -> Path:
    """The real path of `path` (symlinks followed); WriteError if it leaves `root`."""
    real = Path(os.path.realpath(path))
    base = Path(os.path.realpath(root))
    if real != base and base not in real.parents:
        shown = f"{path} (a symbolic link to {real})" if real != Path(os.path.abspath(path)) else str(path)
        raise WriteError(f"refusing to write {shown}: it is outside the project folder {base}; "
                         "replace the link with a regular file inside the project")
    return real


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder; the rename is still atomic
        pass
    finally:
        os.close(fd)


def write_bytes(path: Path, data: bytes, *, root: Path | None = None, expect: Snapshot | None = None,
                mode: int | None = None) -> Path:
    """Replace `path` with `data` atomically; returns the real path written (symlinks are followed).

    mode: permissions of a new file (default 0o666 minus the umask); an existing file keeps its own.
    """
    path = Path(path)
    target = check_inside(path, root) if root is not None else Path(os.path.realpath(path))
    folder = target.parent
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise WriteError.from_os(exc, "write", path) from None
    if existing is not None and not _is_regular(existing.st_mode):
        raise WriteError(f"cannot write {path}: it is not a regular file; remove it or choose another name")
    if expect is not None:
        _check_unchanged(path, target, expect)
    if existing is not None:
        perms = existing.st_mode & 0o7777
    else:
        perms = (0o666 if mode is None else mode) & ~current_umask()
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:64]}{_TMP_MARK}", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, perms)
        if expect is not None:  # narrow the window: check again just before the rename
            _check_unchanged(path, target, expect)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise WriteError.from_os(exc, "write", path) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    _fsync_dir(folder)
    return target


def write_text(path: Path, text: str, *, encoding: str = "utf-8", root: Path | None = None,
               expect: Snapshot | None = None, mode: int | None = None) -> Path:
    """write_bytes of `text` encoded (no newline translation: what you pass is what is written)."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise WriteError(f"cannot write {path}: the text cannot be encoded as {encoding} "
                         f"(character {exc.object[exc.start:exc.end]!r} at offset {exc.start})") from None
    return write_bytes(path, data, root=root, expect=expect, mode=mode)


def _is_regular(st_mode: int) -> bool:
    return stat.S_ISREG(st_mode)


def _check_unchanged(shown: Path, target: Path, expect: Snapshot) -> None:
    try:
        now = target.read_bytes()
    except FileNotFoundError:
        raise WriteError(f"{shown} was removed while it was being processed; nothing was written") from None
    except OSError as exc:
        raise WriteError.from_os(exc, "re-read", shown) from None
    if _digest(now) != expect.digest:
        raise WriteError(f"{shown} changed while it was being processed (another program wrote to it); "
                         "nothing was written: run the command again")


def make_dirs(folder: Path) -> None:
    """mkdir -p with a clear error (WriteError) instead of an OSError."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WriteError(f"cannot create the folder {folder}: a file of that name exists; "
                         "remove it or choose another place") from None
    except OSError as exc:
        raise WriteError.from_os(exc, "create the folder", folder) from None
    if not Path(folder).is_dir():
        raise WriteError(f"cannot use {folder} as a folder: it is a file; remove it or choose another place")


def staging_dir(final: Path) -> Path:
    """A new empty hidden folder beside `final` (same file system), with the user's umask."""
    final = Path(final)
    make_dirs(final.parent)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{final.name}{_NEW_MARK}", dir=final.parent))
        os.chmod(staging, 0o777 & ~current_umask())
    except OSError as exc:
        raise WriteError.from_os(exc, "create a staging folder in", final.parent) from None
    return staging


def fix_tree_modes(folder: Path) -> None:
    """Give every folder and file below `folder` the user's umask (tempfile-made ones are 0700/0600)."""
    umask = current_umask()
    for dirpath, dirnames, filenames in os.walk(folder):
        os.chmod(dirpath, 0o777 & ~umask)
        for name in filenames:
            p = os.path.join(dirpath, name)
            if not os.path.islink(p) and (os.stat(p).st_mode & 0o077) == 0:
                os.chmod(p, 0o666 & ~umask)


def _rmtree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)


def swap_dirs(parent: Path, pairs: dict[str, Path]) -> None:
    """Move each staged folder over parent/<name>, as one step that `recover_swap` completes after a kill.

    pairs: name -> staging folder (a sibling made by `staging_dir`). A journal is written first; the
    previous folders are kept as `.<name>.old-*` until every new one is in place, then removed.
    """
    parent = Path(parent)
    token = f"{os.getpid()}-{os.urandom(4).hex()}"
    entries = [{"name": name, "staging": staging.name, "old": f".{name}{_OLD_MARK}{token}"}
               for name, staging in pairs.items()]
    write_text(parent / JOURNAL_NAME, json.dumps({"swap": entries}, indent=1) + "\n")
    _complete(parent, entries)


def _complete(parent: Path, entries: list[dict[str, str]]) -> None:
    try:
        for e in entries:
            staging, final, old = parent / e["staging"], parent / e["name"], parent / e["old"]
            if staging.is_dir():
                if final.exists() or final.is_symlink():
                    if final.is_dir() and not final.is_symlink():
                        if not old.exists():
                            final.rename(old)
                        else:  # cannot happen in the sequence, but never lose the old copy twice
                            _rmtree(final)
                    else:
                        raise WriteError(f"cannot replace {final}: it is not a folder; remove it and build again")
                staging.rename(final)
        _fsync_dir(parent)
        (parent / JOURNAL_NAME).unlink(missing_ok=True)
        for e in entries:
            _rmtree(parent / e["old"])
    except OSError as exc:
        raise WriteError.from_os(exc, "replace the output in", parent) from None


def recover_swap(parent: Path) -> bool:
    """Finish a swap that a killed run left half done; True if there was one."""
    journal = Path(parent) / JOURNAL_NAME
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))["swap"]
    except FileNotFoundError:
        return False
    except (OSError, ValueError, KeyError, TypeError):
        journal.unlink(missing_ok=True)  # a torn journal: the swap had not started (it is written first)
        return False
    _complete(Path(parent), entries)
    return True


def clean_stale(parent: Path, names: list[str] | None = None) -> list[Path]:
    """Remove staging, old and temporary leftovers of killed runs in `parent` (call under `lock_dir`)."""
    parent = Path(parent)
    removed: list[Path] = []
    if not parent.is_dir():
        return removed
    recover_swap(parent)
    for child in parent.iterdir():
        n = child.name
        if not n.startswith("."):
            continue
        stem = n[1:]
        for mark in (_NEW_MARK, _OLD_MARK, _TMP_MARK):
            head, sep, _ = stem.rpartition(mark)
            if sep and (names is None or head in names or mark == _TMP_MARK):
                _rmtree(child)
                removed.append(child)
                break
    return removed


@contextmanager
def lock_dir(folder: Path, what: str = "build") -> Iterator[None]:
    """Hold an exclusive lock on `folder` (a `.aftersales.lock` file in it); WriteError if another holds it.

    The lock is an flock, so a killed holder releases it; the empty lock file stays.
    """
    folder = Path(folder)
    make_dirs(folder)
    lock = folder / LOCK_NAME
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666 & ~current_umask())
    except OSError as exc:
        raise WriteError.from_os(exc, "lock", folder) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
            raise WriteError(f"another {what} is writing to {folder} (pid {holder}); "
                             "wait for it to finish or choose another output folder") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)
