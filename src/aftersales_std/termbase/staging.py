"""Writing an import: all or nothing, one import at a time.

The whole concepts folder is staged beside the original (unchanged files hard-linked, changed ones
written anew and fsynced), then the two folders are exchanged in one atomic step (Linux renameat2
RENAME_EXCHANGE; elsewhere the journalled swap of aftersales_std.atomic). A kill or a full disk
leaves the glossary as it was, or wholly imported; `recover` (run by the next import, under the
lock) removes what a killed run left. `locked` is an flock on the glossary folder itself.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from aftersales_std import atomic
from aftersales_std.project import Project

if TYPE_CHECKING:
    from aftersales_std.termbase.importer import ImportPlan


def write(plan: ImportPlan, project: Project) -> None:
    """Stage the whole concepts folder with the plan applied, then exchange it with the original."""
    if not plan.files and not plan.removed:
        return
    concepts = project.concepts_dir
    parent = concepts.parent
    staging = atomic.staging_dir(concepts)
    try:
        # unchanged files are hard links (same file system, nothing copied); a changed file is unlinked
        # in the staging folder and written anew, so the original is never touched
        shutil.copytree(concepts, staging, symlinks=True, dirs_exist_ok=True, copy_function=_link_or_copy)
        for path in plan.removed:
            (staging / path.name).unlink()
        for path, text in plan.files.items():
            target = staging / path.relative_to(concepts)
            target.unlink(missing_ok=True)
            with open(target, "xb") as fh:
                fh.write(text.encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise atomic.WriteError.from_os(exc, "stage the imported concepts in", staging) from None
    if _exchange(staging, concepts):  # one atomic step: the old folder is now at `staging`
        shutil.rmtree(staging, ignore_errors=True)
    else:
        atomic.swap_dirs(parent, {concepts.name: staging})


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    import ctypes
    import ctypes.util
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        fd = os.open(b.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
        return True
    return False  # EINVAL (file system without exchange), ENOSYS ...: the journalled swap instead


@contextmanager
def locked(project: Project) -> Iterator[None]:
    """Keep a second import (or its clean-up) out of the glossary folder while this one runs: an flock
    on the folder itself (no lock file in the content; a killed holder releases it)."""
    import fcntl

    folder = project.concepts_dir.parent
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise atomic.WriteError.from_os(exc, "open", folder) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise atomic.WriteError(f"another glossary import is writing to {folder}; wait for it to finish "
                                    "and run the command again") from None
        yield
    finally:
        os.close(fd)


def recover(project: Project) -> None:
    """Finish or clean up what a killed import left beside the concepts folder."""
    parent = project.concepts_dir.parent
    if parent.is_dir():
        atomic.clean_stale(parent, [project.concepts_dir.name])
