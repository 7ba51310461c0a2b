"""The .docx files as a reader (and Word) sees them: styles, tables, fonts, fields, properties, bytes."""
from __future__ import annotations

import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

COVERED = {"AS-TRN-001", "AS-MAN-001"}  # documents with a cover page
DOCS = ["scripts/AS-SCR-REPAIR_r1_zh-Hans.docx", "training/AS-TRN-001_r1_zh-Hans.docx", "training/AS-TRN-QUIZ-1_r1_zh-Hans.docx", "training/AS-TRN-QUIZ-1-KEY_r1_zh-Hans.docx",
        "manuals/AS-MAN-001_r1_zh-Hans.docx"]


def styles_used(document: docx.document.Document) -> list[str]:
    return [p.style.name for p in document.paragraphs]


def control_table(document: docx.document.Document) -> dict[str, str]:
    table = next(t for t in document.tables if t.rows[0].cells[0].text in ("项目", "Item"))
    return {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}


def body_tables(document: docx.document.Document) -> list:  # type: ignore[type-arg]
    """The tables after the cover page (the cover holds a logo frame and a number / revision table)."""
    cover = COVERED.intersection({document.core_properties.identifier})
    return document.tables[2:] if cover else document.tables


@pytest.mark.parametrize("name", DOCS)
def test_every_document_opens_with_title_headings_and_control_block(built: Path, name: str) -> None:
    document = docx.Document(str(built / name))
    used = styles_used(document)
    if document.core_properties.identifier in COVERED:  # the cover: logo slot, organisation, title
        assert used.count("Title") == 2 and "Title" in used[:6]
    else:
        assert used[0] == "Title"
    assert "Heading 1" in used
    if name == "training/AS-TRN-QUIZ-1_r1_zh-Hans.docx":  # the student's paper: paper number, name, date, score; nothing internal
        assert [c.text for c in document.tables[0].rows[0].cells] == ["试卷编号", "姓名", "日期", "得分"]
        return
    control = control_table(document)
    assert control["术语库版本"] == "测试术语库 2.1.0"
    assert control["编制日期"] == "2026-03-15"  # the newest date in the content, never today's
    assert control["文件编号"].startswith("AS-")
    assert body_tables(document)[0].rows[0].cells[0].text == "项目"


def test_manual_structure(built: Path) -> None:
    document = docx.Document(str(built / "manuals/AS-MAN-001_r1_zh-Hans.docx"))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "T-STD-01 维修服务") in headings
    assert ("Heading 2", "4 要求") in headings  # clause 4.x sits under its standard's section 4
    assert ("Heading 3", "4.2.1 维修周期") in headings
    body = "\n".join(p.text for p in document.paragraphs)
    assert "服务工程师应在受理后 24 小时 内上门。" in body
    assert "{{" not in body
    tables = {t.rows[0].cells[0].text: t for t in document.tables}
    raci = tables["条款"]
    assert [c.text for c in raci.rows[0].cells] == ["条款", "客服专员", "客服组长", "服务工程师"]
    assert [c.text for c in raci.rows[2].cells] == ["4.2 上门", "I", "A", "R"]
    assert [c.text for c in tables["记录名称"].rows[1].cells] == ["上门服务单", "4.2 上门", "3 年", "客服组长"]
    assert [c.text for c in tables["角色"].rows[2].cells] == ["服务工程师", "负责上门和网点维修的技术人员。"]
    kpi = tables["指标"]
    assert [c.text for c in kpi.rows[1].cells][:2] == ["上门及时率", "≥\u00a095%"]
    versions = tables["标准编号"]
    assert [c.text for c in versions.rows[1].cells] == ["T-STD-01", "维修服务", "1.2.0", "现行", "2026-04-01"]
    revisions = tables["日期"]
    assert [c.text for c in revisions.rows[1].cells] == ["2026-03-15", "T-STD-01", "1.2.0", "上门时限改为 24 小时。"]


def test_tables_have_a_style_and_a_repeating_header_row(built: Path) -> None:
    document = docx.Document(str(built / "manuals/AS-MAN-001_r1_zh-Hans.docx"))
    for table in body_tables(document):
        assert table.style.name == "Light Grid Accent 1"
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        assert all(r.bold for r in table.rows[0].cells[0].paragraphs[0].runs)


@pytest.mark.parametrize("name", DOCS)
def test_east_asian_font_on_every_run(built: Path, name: str) -> None:
    with zipfile.ZipFile(built / name) as z:
        parts = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")
                 and n.split("/")[1].startswith(("document", "header", "footer"))]
        from lxml import etree
        runs = 0
        for part in parts:
            root = etree.fromstring(z.read(part))
            for run in root.iter(qn("w:r")):
                runs += 1
                fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
                assert fonts is not None and fonts.get(qn("w:eastAsia")) == "Microsoft YaHei", part
    assert runs > 50


def test_toc_field_and_page_fields(built: Path) -> None:
    document = docx.Document(str(built / "manuals/AS-MAN-001_r1_zh-Hans.docx"))
    xml = document.element.xml
    assert 'TOC \\o "1-1" \\h \\z \\u' in xml  # the manual's contents list the standards
    assert 'w:fldCharType="begin" w:dirty="true"' in xml
    toc = [p.text for p in document.paragraphs if p.style.name.lower().startswith("toc ")]
    assert "T-STD-01 维修服务" in toc and "总则" in toc  # the cached result lists the headings
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    section = document.sections[0]
    assert section.header.paragraphs[0].text.startswith("AS-MAN-001")
    footer_xml = section.footer._element.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    assert "AS-MAN-001" in section.footer.paragraphs[0].text
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_numbered_lists_restart(built: Path) -> None:
    document = docx.Document(str(built / "scripts/AS-SCR-REPAIR_r1_zh-Hans.docx"))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert len(set(ids)) == 2  # identity check (4 items) and the steps (3 items) are separate lists
    assert ids.count(ids[0]) == 4


def test_core_properties_are_fixed(built: Path) -> None:
    props = docx.Document(str(built / "manuals/AS-MAN-001_r1_zh-Hans.docx")).core_properties
    fixed = datetime(2026, 3, 15, tzinfo=timezone.utc)
    assert props.created == fixed and props.modified == fixed
    assert props.title == "售后服务管理手册"
    assert props.identifier == "AS-MAN-001"
    assert props.author == "测试公司"
    assert props.keywords == "glossary 2.1.0; repair 1.2.0"
    assert props.language == "zh-CN"


def test_zip_entries_have_fixed_timestamps(built: Path) -> None:
    with zipfile.ZipFile(built / "scripts/AS-SCR-REPAIR_r1_zh-Hans.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in z.namelist()


def test_same_inputs_give_identical_bytes(built: Path, build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "render"

    build(FIXTURE / "project", tmp_path / "again")
    for path in sorted(built.rglob("*")):
        if path.is_file():
            again = tmp_path / "again" / path.relative_to(built)
            assert again.read_bytes() == path.read_bytes(), path.relative_to(built)


def test_english_documents(built_en: Path) -> None:
    document = docx.Document(str(built_en / "manuals/AS-MAN-001_r1_en.docx"))
    control = control_table(document)
    assert control["Glossary version"] == "Test glossary 2.1.0"
    body = "\n".join(p.text for p in document.paragraphs)
    assert "The engineer shall visit within 24 h of intake." in body
    assert "Mail-in products should be repaired within 7 days of receipt." in body
