"""The manual as a controlled document (ISO 9001 7.5) and the Word details a Chinese reader sees: a Chinese
theme, no faked italics, rows that do not split, column widths that follow the content."""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

CONTROL = """
documents:
  organisation: 测试电器售后服务中心
  manual:
    number: AS-MAN-009
    revision: 3
    effective_date: "2026-05-01"
    prepared: {name: 张三, title: 培训专员, date: "2026-04-20"}
    reviewed: {name: 李四, title: 质量经理, date: "2026-04-22"}
    approved: {name: 王五, title: 售后服务经理, date: "2026-04-25"}
    distribution: [售后服务经理, 客服组长]
    changes:
      - {revision: 2, date: "2026-03-15", summary: 上门时限改为 24 小时。}
      - {revision: 3, date: "2026-04-25", summary: 增加分发范围。}
"""


@pytest.fixture(scope="module")
def controlled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil
    from building import FIXTURE, build_project  # type: ignore[import-not-found]
    root = tmp_path_factory.mktemp("controlled") / "project"
    shutil.copytree(FIXTURE / "project", root)
    config = root / "aftersales.yaml"
    config.write_text(config.read_text(encoding="utf-8") + CONTROL, encoding="utf-8")
    out = root.parent / "out"
    build_project(root, out)
    return out


def test_manual_carries_its_own_control_data(controlled: Path) -> None:
    text = (controlled / "manuals/service-manual.md").read_text(encoding="utf-8")
    for row in ("| 文件编号 | AS-MAN-009 |", "| 修订版次 | r3 |", "| 生效日期 | 2026-05-01 |",
                "| 发布单位 | 测试电器售后服务中心 |", "| 编制 | 张三 | 培训专员 | 2026-04-20 |",
                "| 审核 | 李四 | 质量经理 | 2026-04-22 |", "| 批准 | 王五 | 售后服务经理 | 2026-04-25 |",
                "| 01 | 售后服务经理 |", "| r3 | 2026-04-25 | 增加分发范围。 |"):
        assert row in text, row
    assert "打印件为非受控文件" in text
    assert text.index("| r3 |") < text.index("| r2 |")  # newest change first
    assert (controlled / "manuals/AS-MAN-009_r3_zh-Hans.docx").is_file()  # versioned, language-tagged name


def test_document_control_in_english_falls_back_to_chinese(tmp_path: Path) -> None:
    """English forms under `en` are used in the English manual; a text without one stays Chinese; the
    traditional edition converts the Chinese ones."""
    import shutil
    from building import FIXTURE, build_project  # type: ignore[import-not-found]
    root = tmp_path / "project"
    shutil.copytree(FIXTURE / "project", root)
    config = root / "aftersales.yaml"
    english = (CONTROL.replace("organisation: 测试电器售后服务中心", "organisation: 测试电器售后服务中心\n  en: {organisation: Test Appliances Service Centre}")
               .replace('title: 培训专员, date: "2026-04-20"}', 'title: 培训专员, date: "2026-04-20", en: {name: Zhang San, title: Trainer}}')
               .replace("distribution: [售后服务经理, 客服组长]", "distribution: [{name: 售后服务经理, en: After-sales service manager}, 客服组长]")
               .replace("summary: 增加分发范围。}", "summary: 增加分发范围。, en: {summary: Adds the distribution list.}}"))
    config.write_text(config.read_text(encoding="utf-8") + english, encoding="utf-8")
    from aftersales_std.project import open_project
    open_project(root)  # the config with its English forms is valid (raises otherwise)
    build_project(root, tmp_path / "en", lang="en")
    text = (tmp_path / "en/manuals/service-manual.md").read_text(encoding="utf-8")
    for row in ("| Issued by | Test Appliances Service Centre |", "| Prepared | Zhang San | Trainer | 2026-04-20 |",
                "| Reviewed | 李四 | 质量经理 | 2026-04-22 |", "| 01 | After-sales service manager |", "| 02 | 客服组长 |",
                "| r3 | 2026-04-25 | Adds the distribution list. |", "| r2 | 2026-03-15 | 上门时限改为 24 小时。 |"):
        assert row in text, row
    build_project(root, tmp_path / "tw", lang="zh-Hant-TW")
    text = (tmp_path / "tw/manuals/service-manual.md").read_text(encoding="utf-8")
    for row in ("| 編制 | 張三 | 培訓專員 | 2026-04-20 |", "| 01 | 售後服務經理 |", "| r3 | 2026-04-25 | 增加分發範圍。 |"):
        assert row in text, row


def test_document_control_schema_names_a_wrong_english_form(tmp_path: Path) -> None:
    import shutil
    from building import FIXTURE  # type: ignore[import-not-found]
    from aftersales_std.errors import ContentError
    from aftersales_std.project import open_project
    root = tmp_path / "project"
    shutil.copytree(FIXTURE / "project", root)
    config = root / "aftersales.yaml"
    base = config.read_text(encoding="utf-8")
    good = CONTROL.replace('title: 培训专员, date: "2026-04-20"}', 'title: 培训专员, date: "2026-04-20", en: {name: Zhang San}}')
    config.write_text(base + good.replace("[售后服务经理, 客服组长]", "[{name: 售后服务经理, en: Service manager}, 客服组长]"),
                      encoding="utf-8")
    open_project(root)
    for where, old, new in (
            ("prepared", "en: {name: Zhang San}", "en: {name: Zhang San, post: Trainer}"),  # unknown key
            ("prepared", "en: {name: Zhang San}", "en: Zhang San"),  # not a mapping
            ("distribution", "[售后服务经理, 客服组长]", "[{nom: 售后服务经理}, 客服组长]"),  # a holder without its name
            ("distribution", "[售后服务经理, 客服组长]", "[[售后服务经理], 客服组长]")):
        config.write_text(base + good.replace(old, new), encoding="utf-8")
        with pytest.raises(ContentError) as caught:
            open_project(root)
        assert any(where in f.json_path and f.line > 1 for f in caught.value.findings), caught.value.findings


def test_clauses_sit_under_their_standards_section_and_cross_references_name_the_clause(controlled: Path) -> None:
    text = (controlled / "manuals/service-manual.md").read_text(encoding="utf-8")
    assert "## T-STD-01 维修服务" in text and "### 4 要求" in text and "#### 4.2.1 维修周期" in text
    assert "| 上门时限 | 24 小时 | 4.2 上门 |" in text  # a param's clause by number and title, not a slug
    roles = text.split("| 角色 | 说明 |")[1].split("\n\n")[0]
    assert "| - |" not in roles and "| — |" not in roles  # every role says what it does


def test_cover_page_has_organisation_number_revision_and_a_logo_slot(controlled: Path) -> None:
    document = docx.Document(str(controlled / "manuals/AS-MAN-009_r3_zh-Hans.docx"))
    texts = [p.text for p in document.paragraphs[:12]]
    assert "测试电器售后服务中心" in texts and "售后服务管理手册" in texts
    frame, numbers = document.tables[0], document.tables[1]
    assert frame.rows[0].cells[0].text == "LOGO"
    assert [[c.text for c in r.cells] for r in numbers.rows] == [["文件编号", "AS-MAN-009"], ["修订版次", "r3"],
                                                                   ["生效日期", "2026-05-01"]]


def test_a_logo_from_the_config_replaces_the_slot(render_project: Path, tmp_path: Path) -> None:
    from building import build_project  # type: ignore[import-not-found]
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00\x00\x00\xff")) + chunk(b"IEND", b""))
    (render_project / "logo.png").write_bytes(png)
    config = render_project / "aftersales.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "documents:\n  logo: logo.png\n", encoding="utf-8")
    build_project(render_project, tmp_path / "out")
    with zipfile.ZipFile(tmp_path / "out/manuals/AS-MAN-001_r1_zh-Hans.docx") as z:
        assert any(n.startswith("word/media/") for n in z.namelist())
        assert b"LOGO" not in z.read("word/document.xml")


def test_a_missing_logo_is_a_clear_error(render_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from aftersales_std.cli import main
    config = render_project / "aftersales.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "documents:\n  logo: brand/logo.png\n", encoding="utf-8")
    assert main(["build", "--project", str(render_project), "--out", str(tmp_path / "out"), "--only", "manuals"]) == 2
    err = capsys.readouterr().err
    assert "aftersales.yaml" in err and "documents.logo: cannot read brand/logo.png" in err
    assert "Traceback" not in err


def xml(path: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def test_word_theme_and_language_are_chinese_not_japanese(built: Path) -> None:
    path = built / "manuals/AS-MAN-001_r1_zh-Hans.docx"
    settings = xml(path, "word/settings.xml")
    assert settings.find(f".//{qn('w:themeFontLang')}").get(qn("w:eastAsia")) == "zh-CN"
    with zipfile.ZipFile(path) as z:
        theme = z.read("word/theme/theme1.xml").decode("utf-8")
    assert '<a:ea typeface="Microsoft YaHei"/>' in theme
    assert b"ja-JP" not in etree.tostring(settings)
    assert '<a:font script="Hans" typeface="Microsoft YaHei"/>' in theme
    styles = xml(path, "word/styles.xml")
    defaults = styles.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:eastAsia")) == "zh-CN"


def test_no_italics_on_chinese_and_rows_that_do_not_split(built: Path) -> None:
    for name in ("manuals/AS-MAN-001_r1_zh-Hans.docx", "scripts/AS-SCR-REPAIR_r1_zh-Hans.docx"):
        body = xml(built / name, "word/document.xml")
        for run in body.iter(qn("w:r")):
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            if any("\u4e00" <= ch <= "\u9fff" for ch in text):
                assert run.find(f"{qn('w:rPr')}/{qn('w:i')}") is None, text
        rows = list(body.iter(qn("w:tr")))
        assert rows and all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
    styles = xml(built / "manuals/AS-MAN-001_r1_zh-Hans.docx", "word/styles.xml")
    quote = next(s for s in styles.iter(qn("w:style")) if s.get(qn("w:styleId")) == "Quote")
    italic = quote.find(f"{qn('w:rPr')}/{qn('w:i')}")
    assert italic is None or italic.get(qn("w:val")) in ("0", "false")


def test_column_widths_follow_the_content(built: Path) -> None:
    document = docx.Document(str(built / "manuals/AS-MAN-001_r1_zh-Hans.docx"))
    kpi = next(t for t in document.tables if t.rows[0].cells[0].text == "指标")
    grid = [int(c.get(qn("w:w"))) for c in kpi._tbl.tblGrid.iterchildren(qn("w:gridCol"))]
    assert sum(grid) == 9412 and len(set(grid)) > 1  # the full text width, not equal columns
    formula = [c.text for c in kpi.rows[0].cells].index("计算公式")
    assert grid[formula] == max(grid)  # the long formula column is the widest
