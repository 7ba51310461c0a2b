"""lint_tools/loso.py on tiny synthetic sources: every source held out in turn, models trained and
calibrated without it, the held-out source scored with and without them."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from repo_paths import REPO

WHO = ("物流那边", "仓储那边", "供应商", "安装队", "财务那头", "门店那边")
THING = ("包裹晚到", "配件缺了", "发票开错", "漆面划了", "退款慢了", "屏幕碎了")


def write_source(folder: Path, name: str, k: int) -> Path:
    """A source with blame replies (甩给 someone, a made-up wording the phrase rules do not list) and
    acceptable ones."""
    replies = []
    for i, thing in enumerate(THING):
        for j, who in enumerate(WHO):
            if (i + j + k) % 2:
                text = f"{thing}这事得甩给{who}，他们弄的。"
                replies.append({"id": f"{name}-{i}{j}", "text": text,
                                "expect": [{"category": "blame", "span": f"得甩给{who}"}]})
            else:
                text = f"{thing}的情况我已登记，{who}会在明天{10 + j}点前联系您。"
                replies.append({"id": f"{name}-{i}{j}", "text": text, "expect": []})
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "source": name, "replies": replies}, allow_unicode=True), "utf-8")
    return path


def test_each_source_is_held_out_and_scored_with_and_without_the_models(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from aftersales_std.lint_tools.loso import Setup, held_out, source_files, tables
    for k, name in enumerate(("s1", "s2", "s3")):
        write_source(tmp_path, name, k)
    (tmp_path / "notes.txt").write_text("not a label file", "utf-8")
    sources = tuple(source_files([tmp_path]))
    assert [p.stem for p in sources] == ["s1", "s2", "s3"]  # folders give their *.yaml files
    setup = Setup(REPO, sources, ("blame",), 3.0, 0.0, 5, fixtures=(), acceptable=())
    results = [held_out(setup, held) for held in sources]
    for r in results:
        rules, model, both = (r["scores"][k] for k in ("rules", "+blame", "+all"))
        assert rules["labels"]["blame"] == model["labels"]["blame"] == 18 and rules["acceptable"] == 18
        assert model["caught"]["blame"] >= rules["caught"]["blame"]  # a model only adds findings
        assert model["caught"]["blame"] == 18  # the wording learnt from the two other sources
        assert both["fp"] >= rules["fp"] == 0
        assert 0.8 <= r["calibration"]["blame"]["threshold"] < 1
        assert r["calibration"]["blame"]["acceptable"] == 36  # the other two sources, out of fold
    out = tables(results, ("blame",))
    assert "| BL09 blame |" in out and "3/3" in out and "| **all 3** |" in out


def test_the_command_line_names_its_categories() -> None:
    from aftersales_std.lint_tools.loso import main
    with pytest.raises(SystemExit):
        main(["--categories", "weather", "eval/lint/dev"])
