"""Faults of the machine and of the command line: clear messages, exit 2, nothing lost or half-written."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import cli, no_traceback

from aftersales_std import atomic

BUILD = ("build", "--only", "scripts", "--only", "training", "--only", "manuals")


def listing(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fill(path: Path) -> None:
    """Write to `path` until the file system is full."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while True:
            os.write(fd, b"\0" * 1024)
    except OSError:
        pass
    finally:
        os.close(fd)


def test_build_out_onto_an_existing_file(project: Path) -> None:
    (project / "out.txt").write_text("mine")
    done = cli(*BUILD, "--out", "out.txt", cwd=project)
    assert done.returncode == 2 and "is a file" in done.stderr
    no_traceback(done)
    assert (project / "out.txt").read_text() == "mine"


def test_schema_export_onto_a_file(tmp_path: Path) -> None:
    (tmp_path / "schemas").write_text("mine")
    done = cli("schema", "--export", str(tmp_path / "schemas"))
    assert done.returncode == 2 and "a file of that name exists" in done.stderr
    no_traceback(done)
    assert (tmp_path / "schemas").read_text() == "mine"


def test_init_below_a_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    done = cli("init", str(tmp_path / "f" / "p"))
    assert done.returncode == 2 and "f" in done.stderr
    no_traceback(done)


def test_init_in_a_read_only_place(tmpfs) -> None:  # type: ignore[no-untyped-def]
    ro = tmpfs("1m", ro=True)
    done = cli("init", str(ro / "p"))
    assert done.returncode == 2 and "read-only" in done.stderr
    no_traceback(done)


def test_init_gives_the_project_the_users_umask(tmp_path: Path) -> None:
    done = cli("init", str(tmp_path / "p"), env={})
    assert done.returncode == 0, done.stderr
    mask = atomic.current_umask()
    assert stat.S_IMODE(os.stat(tmp_path / "p").st_mode) == 0o777 & ~mask
    assert stat.S_IMODE(os.stat(tmp_path / "p" / "glossary").st_mode) == 0o777 & ~mask
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_export_name_too_long(project: Path) -> None:
    done = cli("glossary", "export", "--format", "csv", "-o", "x" * 300 + ".csv", cwd=project)
    assert done.returncode == 2 and "too long" in done.stderr
    no_traceback(done)


@pytest.mark.parametrize("output", ["", ".", "..", "templates", "glossary/concepts", "aftersales.yaml"])
def test_destructive_output_is_refused(project: Path, output: str) -> None:
    config = project / "aftersales.yaml"
    config.write_text(config.read_text() + f"\noutput: {output!r}\n")
    before = listing(project)
    done = cli(*BUILD, cwd=project)
    assert done.returncode == 2, done.stderr
    assert "output folder" in done.stderr
    no_traceback(done)
    assert listing(project) == before


def test_outputs_have_the_users_umask(project: Path) -> None:
    done = cli(*BUILD, "--out", "out", cwd=project)
    assert done.returncode == 0, done.stderr
    mask = atomic.current_umask()
    for p in (project / "out").rglob("*"):
        want = (0o777 if p.is_dir() else 0o666) & ~mask
        assert stat.S_IMODE(os.stat(p).st_mode) == want, p


def test_a_second_build_into_the_same_folder_is_refused(project: Path) -> None:
    with atomic.lock_dir(project / "out"):
        done = cli(*BUILD, "--out", "out", cwd=project)
    assert done.returncode == 2 and "another build is writing to" in done.stderr
    no_traceback(done)


def test_stale_staging_is_cleaned_on_start(project: Path) -> None:
    out = project / "out"
    (out / ".site.new-abc123").mkdir(parents=True)
    (out / ".scripts.old-99-ff").mkdir()
    (out / ".scripts.new-zz" / "x.md").parent.mkdir()
    done = cli(*BUILD, "--out", "out", cwd=project)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["manuals", "scripts", "training"]


def test_full_disk_keeps_the_previous_output(project: Path, tmpfs) -> None:  # type: ignore[no-untyped-def]
    disk = tmpfs("1m")
    out = disk / "out"
    done = cli(*BUILD, "--out", str(out), cwd=project)
    assert done.returncode == 0, done.stderr
    before = listing(out)
    filler = disk / "filler"
    fill(filler)
    done = cli(*BUILD, "--out", str(out), "--lang", "en", cwd=project)
    assert done.returncode == 2, done.stderr
    assert "no space left" in done.stderr
    no_traceback(done)
    assert listing(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["manuals", "scripts", "training"]
    filler.unlink()
    done = cli("glossary", "export", "--format", "csv", "-o", str(disk / "terms.csv"), cwd=project)
    assert done.returncode == 0, done.stderr


def test_full_disk_export_keeps_the_previous_file(project: Path, tmpfs) -> None:  # type: ignore[no-untyped-def]
    disk = tmpfs("64k")
    target = disk / "terms.tbx"
    target.write_text("previous")
    fill(disk / "filler")
    done = cli("glossary", "export", "--format", "tbx", "-o", str(target), cwd=project)
    assert done.returncode == 2 and "no space left" in done.stderr
    no_traceback(done)
    assert target.read_text() == "previous"
    assert sorted(p.name for p in disk.iterdir()) == ["filler", "terms.tbx"]


def test_read_only_output_folder(project: Path, tmpfs) -> None:  # type: ignore[no-untyped-def]
    ro = tmpfs("1m", ro=True)
    done = cli(*BUILD, "--out", str(ro), cwd=project)
    assert done.returncode == 2 and "read-only" in done.stderr
    no_traceback(done)


def test_output_whose_kind_folder_is_content_is_refused(project: Path) -> None:
    (project / "docs" / "site").mkdir(parents=True)
    (project / "docs" / "site" / "index.md").write_text("# 首页\n", encoding="utf-8")
    config = project / "aftersales.yaml"
    config.write_text(config.read_text() + "\ncontent: {site: docs/site}\noutput: docs\n")
    if config.read_text().count("content:") > 1:
        pytest.skip("the fixture config already sets content:")
    done = cli(*BUILD, cwd=project)
    assert done.returncode == 2 and "overlaps the site content" in done.stderr, done.stderr
    assert (project / "docs" / "site" / "index.md").is_file()
    assert sorted(p.name for p in (project / "docs").iterdir()) == ["site"]
