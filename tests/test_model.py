from __future__ import annotations

from pathlib import Path

import pytest

from aftersales_std.assemble import load_model
from aftersales_std.chinese import pinyin_display, pinyin_initial, pinyin_sort_key
from aftersales_std.errors import ContentError
from aftersales_std.project import open_project


def test_model_from_valid_project(base_project: Path) -> None:
    model = load_model(open_project())
    ticket = model.concept("service-ticket")
    assert ticket is not None and ticket.term == "服务工单"
    # zh-Hant not written: derived with OpenCC and marked
    (hant,) = ticket.designations("zh-Hant")
    assert hant.text == "服務工單" and hant.derived
    assert ticket.definition.text("zh-Hant").derived
    assert ticket.definition.get("zh-Hant").startswith("記錄")
    # zh-Hant written explicitly: kept as written, not derived
    period = model.concept("warranty-period")
    assert period.preferred("zh-Hant").text == "保固期" and not period.preferred("zh-Hant").derived
    assert period.preferred("zh-Hant").region == "TW"
    assert model.versions == {"glossary": "1.0.0", "repair": "1.0.0"}
    clause = model.standard("repair").clause("4.1")
    assert clause.raci["R"] == ("agent",) and clause.source.line > 1


def test_model_is_frozen(base_project: Path) -> None:
    model = load_model(open_project())
    with pytest.raises(AttributeError):
        model.glossary.version = "9.9.9"  # type: ignore[misc]


def test_invalid_project_gives_content_error(base_project: Path) -> None:
    (base_project / "standards/repair.yaml").write_text("id: repair\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_model(open_project())
    assert info.value.findings


def test_pinyin_helpers() -> None:
    assert pinyin_display("安装调试") == "ān zhuāng tiáo shì"
    assert pinyin_initial("三包") == "S" and pinyin_initial("NPS") == "N" and pinyin_initial("7天") == "#"
    terms = ["退款", "安装调试", "保修期", "三包"]
    assert sorted(terms, key=pinyin_sort_key) == ["安装调试", "保修期", "三包", "退款"]
