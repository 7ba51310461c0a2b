"""The atomic-write layer: replace whole or not at all, stay in the project, never lose a concurrent edit."""
from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from aftersales_std import atomic
from aftersales_std.atomic import WriteError


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_write_replaces_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old\n", encoding="utf-8")
    atomic.write_text(target, "新内容\n")
    assert target.read_text(encoding="utf-8") == "新内容\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_new_file_gets_the_umask_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic.write_text(tmp_path / "n.txt", "x")
        os.umask(0o027)
        atomic.write_text(tmp_path / "m.txt", "x")
    finally:
        os.umask(old)
    assert mode_of(tmp_path / "n.txt") == 0o644
    assert mode_of(tmp_path / "m.txt") == 0o640


def test_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "script.sh"
    target.write_text("echo 1\n")
    os.chmod(target, 0o751)
    atomic.write_text(target, "echo 2\n")
    assert mode_of(target) == 0o751


def test_symlink_inside_the_project_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("a")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    written = atomic.write_text(link, "b", root=tmp_path)
    assert written == real.resolve()
    assert link.is_symlink() and real.read_text() == "b"


def test_symlink_leaving_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    (project / "link.md").symlink_to(outside)
    with pytest.raises(WriteError, match="outside the project folder"):
        atomic.write_text(project / "link.md", "evil", root=project)
    assert outside.read_text() == "keep me"
    # a symlinked folder on the way out is caught too
    (project / "sub").symlink_to(tmp_path)
    with pytest.raises(WriteError, match="outside the project"):
        atomic.write_text(project / "sub" / "x.txt", "evil", root=project)
    assert not (tmp_path / "x.txt").exists()


def test_a_change_since_reading_is_detected(tmp_path: Path) -> None:
    target = tmp_path / "reply.md"
    target.write_text("line 1\n")
    snap = atomic.read_snapshot(target)
    with open(target, "a") as fh:  # another program appends while we work
        fh.write("line 2\n")
    with pytest.raises(WriteError, match="changed while it was being processed"):
        atomic.write_text(target, "fixed line 1\n", expect=snap)
    assert target.read_text() == "line 1\nline 2\n"
    # unchanged: the write goes through
    snap = atomic.read_snapshot(target)
    atomic.write_text(target, "fixed\n", expect=snap)
    assert target.read_text() == "fixed\n"


def test_removed_since_reading_is_detected(tmp_path: Path) -> None:
    target = tmp_path / "gone.md"
    target.write_text("x")
    snap = atomic.read_snapshot(target)
    target.unlink()
    with pytest.raises(WriteError, match="removed"):
        atomic.write_text(target, "y", expect=snap)
    assert not target.exists()


def test_a_folder_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "out.json").mkdir()
    with pytest.raises(WriteError, match="not a regular file"):
        atomic.write_text(tmp_path / "out.json", "{}")


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="does not exist"):
        atomic.write_text(tmp_path / "no" / "such" / "x.txt", "x")


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("old")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    with pytest.raises(WriteError, match="no space left"):
        atomic.write_text(target, "new" * 1000)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("code, words", [
    (errno.ENOSPC, "no space left"), (errno.EROFS, "read-only"), (errno.EACCES, "permission denied"),
    (errno.ENAMETOOLONG, "too long"), (errno.EEXIST, "already exists"),
])
def test_every_os_error_kind_has_a_sentence(code: int, words: str) -> None:
    err = WriteError.from_os(OSError(code, os.strerror(code), "/x/y"), "write", "/x/y")
    assert words in str(err) and "/x/y" in str(err)
    assert err.exit_code == 2


def test_unencodable_text_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="cannot be encoded"):
        atomic.write_text(tmp_path / "s.txt", "lone \ud800 surrogate")
    assert not (tmp_path / "s.txt").exists()


def test_staging_dir_has_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        staging = atomic.staging_dir(tmp_path / "site")
    finally:
        os.umask(old)
    assert staging.parent == tmp_path and staging.name.startswith(".site.new-")
    assert mode_of(staging) == 0o755


def _tree(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in folder.iterdir() if p.is_file()}


def test_swap_dirs_replaces_every_folder_and_cleans(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "f").write_text(f"old {name}")
    pairs = {}
    for name in ("a", "b", "c"):
        s = atomic.staging_dir(tmp_path / name)
        (s / "f").write_text(f"new {name}")
        pairs[name] = s
    atomic.swap_dirs(tmp_path, pairs)
    assert {n: (tmp_path / n / "f").read_text() for n in "abc"} == {n: f"new {n}" for n in "abc"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "c"]


def test_recover_finishes_a_swap_killed_halfway(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "f").write_text(f"old {name}")
    entries = []
    for name in ("a", "b"):
        s = atomic.staging_dir(tmp_path / name)
        (s / "f").write_text(f"new {name}")
        entries.append({"name": name, "staging": s.name, "old": f".{name}.old-x"})
    (tmp_path / atomic.JOURNAL_NAME).write_text(json.dumps({"swap": entries}))
    # the killed run had moved `a` only
    (tmp_path / "a").rename(tmp_path / ".a.old-x")
    (tmp_path / entries[0]["staging"]).rename(tmp_path / "a")
    assert atomic.recover_swap(tmp_path) is True
    assert (tmp_path / "a" / "f").read_text() == "new a"
    assert (tmp_path / "b" / "f").read_text() == "new b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]
    assert atomic.recover_swap(tmp_path) is False


def test_clean_stale_removes_leftovers_of_killed_runs(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / ".site.new-abc").mkdir()
    (tmp_path / ".site.old-123").mkdir()
    (tmp_path / ".x.json.tmp-zz").write_text("")
    (tmp_path / ".keep-me").write_text("")
    removed = atomic.clean_stale(tmp_path, ["site"])
    assert sorted(p.name for p in removed) == [".site.new-abc", ".site.old-123", ".x.json.tmp-zz"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".keep-me", "site"]


def test_lock_dir_refuses_a_second_holder(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from aftersales_std import atomic
        with atomic.lock_dir({str(tmp_path)!r}):
            print("locked", flush=True)
            sys.stdin.readline()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(WriteError, match=f"another build is writing to .*pid {holder.pid}"):
            with atomic.lock_dir(tmp_path):
                pass
    finally:
        holder.communicate("\n", timeout=30)
    with atomic.lock_dir(tmp_path):  # released when the holder ends
        pass


def test_make_dirs_onto_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file")
    with pytest.raises(WriteError, match="a file of that name exists|it is a file"):
        atomic.make_dirs(tmp_path / "out")
