"""Build helpers for render tests that need their own build (module-scoped fixtures). Imported by path
(`building` next to the tests), not through `conftest`, whose module name several test folders share."""
from __future__ import annotations

from pathlib import Path

from aftersales_std.assemble import load_model
from aftersales_std.outputs import Progress, run_builds
from aftersales_std.project import open_project

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "render"
KINDS = ["scripts", "training", "manuals"]


def build_project(root: Path, out: Path, lang: str = "zh-Hans", seed: int = 1) -> dict[str, list[Path]]:
    project = open_project(root)
    return run_builds(project, load_model(project), out, KINDS, lang, Progress(enabled=False), seed=seed)
