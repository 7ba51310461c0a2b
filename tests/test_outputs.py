from __future__ import annotations

from pathlib import Path

import pytest

from aftersales_std import outputs
from aftersales_std.assemble import load_model
from aftersales_std.outputs import BuildContext, Progress, run_builds, staged
from aftersales_std.project import open_project


def test_staged_replaces_on_success(tmp_path: Path) -> None:
    final = tmp_path / "out" / "scripts"
    final.mkdir(parents=True)
    (final / "old.md").write_text("old", encoding="utf-8")
    with staged(final) as staging:
        (staging / "new.md").write_text("new", encoding="utf-8")
    assert [p.name for p in final.iterdir()] == ["new.md"]
    assert [p.name for p in final.parent.iterdir()] == ["scripts"]  # no leftovers


def test_failed_build_keeps_previous_output(tmp_path: Path) -> None:
    final = tmp_path / "scripts"
    final.mkdir()
    (final / "good.md").write_text("good", encoding="utf-8")
    with pytest.raises(RuntimeError), staged(final) as staging:
        (staging / "half.md").write_text("half", encoding="utf-8")
        raise RuntimeError("template error")
    assert (final / "good.md").read_text(encoding="utf-8") == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["scripts"]


def fake_builder(ctx: BuildContext) -> list[Path]:
    target = ctx.out / "hello.md"
    target.write_text(f"glossary {ctx.model.glossary.version}", encoding="utf-8")
    return [target]


def test_run_builds_uses_registry(base_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(outputs.BUILDERS, "scripts", f"{__name__}:fake_builder")
    project = open_project()
    written = run_builds(project, load_model(project), base_project / "build", ["scripts"], "zh-Hans",
                         Progress(enabled=False))
    assert written == {"scripts": [base_project / "build" / "scripts" / "hello.md"]}
    assert (base_project / "build/scripts/hello.md").read_text(encoding="utf-8") == "glossary 1.0.0"
