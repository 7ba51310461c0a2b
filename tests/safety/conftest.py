"""Fixtures of the safety suite: a small project, a tmpfs of a given size (root only), the CLI in a child."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RENDER_PROJECT = REPO / "tests" / "fixtures" / "render" / "project"
HOSTILE = REPO / "tests" / "fixtures" / "safety"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small render project (4 concepts, one scenario); the cwd is set to it."""
    root = tmp_path / "project"
    shutil.copytree(RENDER_PROJECT, root)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """mount(size="1m", ro=False) -> a fresh tmpfs folder; skipped unless the tests run as root."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a tmpfs needs root (mount)")
    mounted: list[Path] = []

    def mount(size: str = "1m", ro: bool = False) -> Path:
        point = tmp_path / f"fs-{uuid.uuid4().hex[:6]}"
        point.mkdir()
        opts = f"size={size}" + (",ro" if ro else "")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(point)], capture_output=True)
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode(errors='replace').strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def cli(*argv: str, cwd: Path | None = None, timeout: float = 300,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`aftersales ARGV` in a child process (so that limits, signals and exit codes are real)."""
    return subprocess.run([sys.executable, "-m", "aftersales_std.cli", *argv], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    text = done.stdout + done.stderr
    assert "Traceback" not in text and "internal error" not in text, text
