"""AS314: numbers in reply templates and glossary examples checked against the standards' params."""
from __future__ import annotations

import shutil
from pathlib import Path

from aftersales_std.commitments import Governing, contradictions
from aftersales_std.project import open_project
from aftersales_std.validate import validate

REPO = Path(__file__).resolve().parents[1]
REFUND = Governing("returns-refunds", "refund", 7, "d", ("退款",))
WARRANTY = Governing("repair-service", "repair_warranty", 90, "d", ("更换的部位",))


def stated(text: str, *params: Governing) -> list[str]:
    return [s for _, s, _, _ in contradictions(text, list(params))]


def test_a_number_next_to_a_keyword_must_equal_the_param() -> None:
    assert stated("仓库验收后 3 个工作日内原路退款。", REFUND) == ["3 个工作日"]
    assert stated("仓库验收后 7 天内原路退款。", REFUND) == []
    assert stated("收到后 {{ refund }} 内退款。", REFUND) == []  # the param itself
    assert stated("这次更换的部位享有一年保修。", WARRANTY) == ["一年"]
    assert stated("这次更换的部位享有三个月保修。", WARRANTY) == ["三个月"]
    assert stated("这次更换的部位自今天起享有 90 天保修。", WARRANTY) == []


def test_other_clauses_ordinals_and_dates_are_not_commitments() -> None:
    assert stated("退款已发起，银行卡一般 1 至 3 个工作日到账。", REFUND) == []  # keyword in another clause
    assert stated("购买第 10 天退款。", REFUND) == []  # an ordinal day
    assert stated("2027 年 3 月 5 日前退款。", REFUND) == []  # a date
    assert stated("退款 299 元。", REFUND) == []  # an amount against a duration param


def test_the_bundled_content_passes_and_a_contradiction_is_reported(tmp_path: Path) -> None:
    assert [f for f in validate(open_project(REPO)).findings if f.code == "AS314"] == []
    root = tmp_path / "p"
    root.mkdir()
    for name in ("aftersales.yaml", "glossary", "standards", "checks", "templates"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    replies = root / "templates/replies/repair.yaml"
    text = replies.read_text(encoding="utf-8")
    replies.write_text(text.replace("在收到产品后 {{ repair_turnaround }} 内修好并寄回", "在 2 个工作日内修好并寄回"),
                       encoding="utf-8")
    (finding,) = [f for f in validate(open_project(root)).findings if f.code == "AS314"]
    line = next(i for i, text in enumerate(replies.read_text(encoding="utf-8").splitlines(), 1) if "2 个工作日内修好" in text)
    assert finding.path.endswith("templates/replies/repair.yaml") and finding.line == line
    assert "2 个工作日" in finding.message and "repair-service.repair_turnaround = 7 d" in finding.message
    assert "{{ repair_turnaround }}" in finding.message
