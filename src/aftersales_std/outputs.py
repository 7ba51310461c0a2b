"""Build orchestration: each output kind is built into a staging folder and swapped in on success.

A builder is `build(ctx: BuildContext) -> list[Path]` writing only below `ctx.out`. Builders are
registered in BUILDERS as "module:function" so that a kind's heavy imports load only when built.
A failed or killed build leaves the previous output of every kind intact: all kinds are staged first,
then swapped in together through atomic.swap_dirs (see run_builds).
"""
from __future__ import annotations

import importlib
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from aftersales_std import atomic
from aftersales_std.errors import UsageError
from aftersales_std.model import Model
from aftersales_std.project import DEFAULT_CONTENT, Project, display_path

OUTPUT_KINDS = ("scripts", "training", "manuals", "site")

# kind -> "module:function"; a kind missing here is not built yet.
BUILDERS: dict[str, str] = {
    "scripts": "aftersales_std.render.builders:build_scripts",
    "training": "aftersales_std.render.builders:build_training",
    "manuals": "aftersales_std.render.builders:build_manuals",
    "site": "aftersales_std.mkdocs_plugin.build:build_site",
}


class Progress:
    """One status line on a terminal, rewritten in place; silent when not a TTY or under CI."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = self.stream.isatty() and not os.environ.get("CI")
        self.enabled = enabled
        self.started = time.monotonic()

    def update(self, message: str) -> None:
        if self.enabled:
            elapsed = time.monotonic() - self.started
            self.stream.write(f"\r\033[K[{elapsed:5.1f}s] {message}")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


@dataclass
class BuildContext:
    project: Project
    model: Model
    out: Path  # the staging folder of this kind: write only below it
    lang: str = "zh-Hans"
    progress: Progress = field(default_factory=lambda: Progress(enabled=False))
    seed: int = 1  # quiz questions are drawn with random.Random(seed): same seed, same quiz


Builder = Callable[[BuildContext], list[Path]]


def builder(kind: str) -> Builder | None:
    target = BUILDERS.get(kind)
    if target is None:
        return None
    module, _, func = target.partition(":")
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


@contextmanager
def staged(final: Path) -> Iterator[Path]:
    """Yield a fresh staging folder next to `final`; on success it replaces `final`, else it is removed."""
    staging = atomic.staging_dir(final)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    atomic.fix_tree_modes(staging)
    atomic.swap_dirs(final.parent, {final.name: staging})


def check_output_root(project: Project, out_root: Path) -> None:
    """Refuse an output folder whose kinds would replace the project or its content (`output: ""`)."""
    out_root = Path(os.path.realpath(out_root))
    root = Path(os.path.realpath(project.root))
    shown = display_path(out_root)
    if out_root.exists() and not out_root.is_dir():
        raise UsageError(f"the output folder {shown} is a file; remove it or choose another --out")
    if out_root == root or out_root in root.parents:
        raise UsageError(f"the output folder {shown} is the project folder or one of its parents: a build "
                         "replaces the folders scripts/, training/, manuals/ and site/ in it; set `output` in "
                         "aftersales.yaml (or --out) to a folder of its own, such as build")
    protected = {kind: Path(os.path.realpath(project.content_dir(kind))) for kind in DEFAULT_CONTENT}
    protected["config"] = root / "aftersales.yaml"
    replaced = [out_root / kind for kind in OUTPUT_KINDS]  # what a build swaps out wholesale
    for kind, folder in protected.items():
        inside_content = folder != root and (out_root == folder or folder in out_root.parents)
        if inside_content or any(folder == r or r in folder.parents for r in replaced):
            raise UsageError(f"the output folder {shown} overlaps the {kind} content ({display_path(folder)}): "
                             "a build would replace it; choose an output folder of its own, such as build")


def run_builds(project: Project, model: Model, out_root: Path, kinds: list[str], lang: str,
               progress: Progress, seed: int = 1) -> dict[str, list[Path]]:
    """Build each available kind into out_root/<kind>; returns the files written per kind.

    All kinds are built into staging folders first and swapped in together (journalled, so the next
    build finishes a swap that a kill interrupted); a failure in any kind leaves every previous output.
    The output folder is locked: a second build into it stops with a clear message.
    """
    check_output_root(project, out_root)
    written: dict[str, list[Path]] = {}
    with atomic.lock_dir(out_root):
        atomic.clean_stale(out_root, list(OUTPUT_KINDS))
        stagings: dict[str, Path] = {}
        try:
            for kind in kinds:
                build = builder(kind)
                if build is None:
                    continue
                progress.update(f"building {kind} ...")
                staging = stagings[kind] = atomic.staging_dir(out_root / kind)
                files = build(BuildContext(project, model, staging, lang, progress, seed))
                written[kind] = [out_root / kind / f.relative_to(staging) for f in files]
            for staging in stagings.values():
                atomic.fix_tree_modes(staging)
        except BaseException:
            for staging in stagings.values():
                shutil.rmtree(staging, ignore_errors=True)
            raise
        progress.update("replacing the previous output ...")
        atomic.swap_dirs(out_root, stagings)
    progress.done()
    return written
