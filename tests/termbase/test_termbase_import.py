from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from termbase_helpers import concept, edit, project  # noqa: F401 (fixture)

from aftersales_std.cli import main
from aftersales_std.loading import load_file
from aftersales_std.project import open_project
from aftersales_std.termbase import export
from aftersales_std.termbase.snapshot import load_glossary


def _export(project: Path, fmt: str = "csv") -> bytes:
    return export(load_glossary(open_project(project)), fmt)


def _state(project: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (project / "glossary").rglob("*.yaml")}


def _write(path: Path, rows: list[str], bom: bool = True, newline: str = "\r\n") -> Path:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + newline.join(rows + [""]).encode("utf-8"))
    return path


def test_csv_round_trip_is_byte_identical_and_writes_nothing(project: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    first = _export(project)
    csv_file = tmp_path / "terms.csv"
    csv_file.write_bytes(first)
    before = _state(project)
    assert main(["glossary", "import", "--format", "csv", str(csv_file)]) == 0
    assert "0 concept(s) created, 0 updated, 3 unchanged" in capsys.readouterr().out
    assert _state(project) == before
    assert _export(project) == first


def test_csv_import_restores_what_the_csv_holds(project: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    first = _export(project)
    csv_file = tmp_path / "terms.csv"
    csv_file.write_bytes(first)
    path = concept(project, "warranty-period")
    edit(path, "    - designation: guarantee period\n      status: admitted\n", "")
    edit(path, "status: preferred\n      region: TW", "status: preferred")
    edit(path, "free of charge.", "for free.")
    edit(concept(project, "first-response"), "tags: [时效, KPI]\n", "")
    edit(concept(project, "service-ticket"), "domain: 工单与时效", "domain: 工单")
    assert _export(project) != first
    assert main(["glossary", "import", str(csv_file)]) == 0
    assert "3 updated" in capsys.readouterr().out
    assert _export(project) == first  # export -> edit -> import -> export: byte-identical
    text = path.read_text("utf-8")
    assert text.startswith("# 保修期: keep this comment") and text.endswith("# end of file comment\n")
    assert '  - {version: "1.0.0", date: "2026-01-15", change: added, summary: 首次收录。}\n' in text
    assert main(["validate"]) == 0


def test_excel_edit_round_trip(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A trainer rewords a definition, adds a term and a concept, saves as CSV UTF-8 from Excel."""
    lines = _export(project).decode("utf-8-sig").split("\r\n")
    lines = [line.replace("The record of one service request and everything done about it.",
                          "The record of a service request and all work on it.") for line in lines]
    at = next(i for i, line in enumerate(lines) if line.startswith("service-ticket,") and ",en," in line)
    lines.insert(at + 1, lines[at].replace(",service ticket,preferred,", ",ticket,admitted,"))
    new_rows = [
        "repair-quote,valid,,维修,,zh-Hans,维修报价,preferred,,,,,,,维修前向客户说明的维修费用明细。,",
        "repair-quote,valid,,维修,,zh-Hant,維修報價,preferred,,,,,,yes,維修前向客戶說明的維修費用明細。,",
        "repair-quote,valid,,维修,,en,repair quote,preferred,,,,,,,The itemised cost of a repair.,",
    ]
    at = next(i for i, line in enumerate(lines) if line.startswith("service-ticket,"))
    lines[at:at] = new_rows
    edited = ("\ufeff" + "\r\n".join(lines)).encode("utf-8")
    csv_file = tmp_path / "edited.csv"
    csv_file.write_bytes(edited)
    assert main(["glossary", "import", str(csv_file)]) == 0
    out = capsys.readouterr().out
    assert "1 concept(s) created, 1 updated, 2 unchanged" in out
    assert _export(project) == edited
    created = load_file(concept(project, "repair-quote")).data
    assert "zh-Hant" not in created["terms"] and "zh-Hant" not in created["definition"]  # derived, not written
    assert main(["validate"]) == 0


def test_editing_zh_hans_keeps_zh_hant_derived(project: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    text = _export(project).decode("utf-8-sig")
    text = text.replace(",zh-Hans,服务工单,", ",zh-Hans,服务单据,")  # the derived zh-Hant row is left as exported
    text = text.replace("记录一项服务请求及其处理全过程的单据。", "记录一次服务请求及其处理全过程的单据。")
    csv_file = tmp_path / "t.csv"
    csv_file.write_bytes(("\ufeff" + text).encode("utf-8"))
    # a renamed designation is a removal plus an addition: removing needs --replace (issue 17)
    assert main(["glossary", "import", str(csv_file), "--replace"]) == 0
    data = load_file(concept(project, "service-ticket")).data
    assert "zh-Hant" not in data["terms"] and "zh-Hant" not in data["definition"]
    assert data["terms"]["zh-Hans"][0]["designation"] == "服务单据"
    again = _export(project).decode("utf-8-sig")
    assert ",zh-Hant,服務單據,preferred," in again and "記錄一次服務請求" in again


def test_semicolons_no_bom_lf_and_partial_columns(project: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = _write(tmp_path / "de.csv", [
        "id;lang;designation;term_status",
        "first-response;en;first response;preferred",
        "first-response;en;initial reply;admitted",
        ";;;",
    ], bom=False, newline="\n")
    assert main(["glossary", "import", str(csv_file)]) == 0
    data = load_file(concept(project, "first-response")).data
    # merge (issue 17): FR, which the file does not list, is kept; the new designation is added
    assert data["terms"]["en"] == [{"designation": "first response", "status": "preferred"},
                                   {"designation": "FR", "status": "admitted", "abbreviation": True},
                                   {"designation": "initial reply", "status": "admitted"}]
    assert main(["glossary", "import", str(csv_file), "--replace"]) == 0
    data = load_file(concept(project, "first-response")).data
    assert data["terms"]["en"] == [{"designation": "first response", "status": "preferred"},
                                   {"designation": "initial reply", "status": "admitted"}]
    assert data["terms"]["zh-Hans"][0]["usage_note"] == "不含系统自动回执。"  # not in the CSV: kept
    assert data["definition"]["en"].startswith("The first reply")


def test_bad_rows_are_reported_and_nothing_is_written(project: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    rows = _export(project).decode("utf-8-sig").split("\r\n")
    rows[1] = rows[1].replace(",preferred,", ",recommended,")
    rows[3] = rows[3].replace(",The first reply", ",A different reply")
    rows.append("New Concept,valid,,维修,,en,x,preferred,,,,,,,y")
    bad_id_row = len(rows)
    csv_file = tmp_path / "bad.csv"
    csv_file.write_bytes(("\ufeff" + "\r\n".join(rows)).encode("utf-8"))
    before = _state(project)
    assert main(["glossary", "import", str(csv_file)]) == 2
    out = capsys.readouterr()
    name = str(csv_file)
    assert out.out.splitlines() == [
        f"{name}:2: term_status 'recommended' is not one of preferred, admitted, deprecated",
        f"{name}:5: definition 'The first reply a person gi...' differs from row 4 ('A different reply a person "
        "...') of the same concept in en; use the same value on every row",
        f"{name}:{bad_id_row}: id 'New Concept' is not valid: use lowercase letters, digits and single hyphens",
    ]
    assert "nothing was imported" in out.err
    assert _state(project) == before


def test_problems_found_only_after_merging_point_at_the_row(project: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = _write(tmp_path / "t.csv", [
        "id,concept_status,replaced_by,lang,designation,term_status",
        "service-ticket,superseded,no-such-concept,en,service ticket,preferred",
        "repair-quote,valid,,en,repair quote,preferred",
    ])
    before = _state(project)
    assert main(["glossary", "import", str(csv_file)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert f"{csv_file}:3: new concept 'repair-quote' needs domain, a zh-Hans designation, " \
           "a zh-Hans definition, an en definition" in lines
    assert _state(project) == before
    csv_file = _write(tmp_path / "t.csv", [
        "id,concept_status,replaced_by,lang,designation,term_status",
        "service-ticket,superseded,no-such-concept,en,service ticket,preferred",
    ])
    assert main(["glossary", "import", str(csv_file)]) == 2
    assert capsys.readouterr().out.startswith(f"{csv_file}:2: concept 'service-ticket': replacement concept "
                                              "'no-such-concept' does not exist")
    assert _state(project) == before


@pytest.mark.parametrize("encoding,bom,sep,said", [
    ("utf-8", b"\xef\xbb\xbf", ",", "UTF-8 (with BOM)"), ("utf-8", b"", ",", "UTF-8"),
    ("gbk", b"", ",", "GB18030"), ("gb18030", b"", ",", "GB18030"),
    ("utf-16-le", b"\xff\xfe", "\t", "UTF-16 LE (with BOM)"),  # Excel "Unicode text"
    ("utf-16-le", b"", "\t", "UTF-16 LE (no BOM)"), ("utf-16-be", b"\xfe\xff", ",", "UTF-16 BE (with BOM)")])
def test_csv_encodings_are_detected_and_named(encoding: str, bom: bytes, sep: str, said: str, project: Path,
                                              tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 17 point 4 (the GBK file this test once refused is now read, and the encoding said)."""
    text = _export(project).decode("utf-8-sig").replace(",", sep)
    text = text.replace("受理服务请求后由服务人员向客户作出的第一次人工答复。", "受理服务请求后由客服人员向客户作出的第一次人工答复。")
    csv_file = tmp_path / "t.csv"
    csv_file.write_bytes(bom + text.encode(encoding))
    assert main(["glossary", "import", str(csv_file)]) == 0
    out, err = capsys.readouterr()
    assert f"read as {said}" in err and "1 updated" in out
    assert load_file(concept(project, "first-response")).data["definition"]["zh-Hans"].startswith("受理服务请求后由客服")


def test_an_unreadable_csv_says_how_to_save_it(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = tmp_path / "latin.csv"
    csv_file.write_bytes(b"id,lang,designation,term_status\r\nfirst-response,en,first response,preferred\r\n"
                         b"first-response,en,r\xe9ponse \x80\xff,admitted\r\n")
    assert main(["glossary", "import", str(csv_file)]) == 2
    out = capsys.readouterr().out
    assert out.startswith(f"{csv_file}:3: the file is not UTF-8, UTF-16 or GB18030/GBK")
    assert "Excel" in out and "CSV UTF-8" in out and "LibreOffice" in out and "Unicode (UTF-8)" in out


def test_tbx_round_trip_restores_terms(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tbx_file = tmp_path / "terms.tbx"
    tbx_file.write_bytes(_export(project, "tbx"))
    first_csv = _export(project)
    assert main(["glossary", "import", str(tbx_file)]) == 0
    assert "0 concept(s) created, 0 updated, 3 unchanged" in capsys.readouterr().out
    path = concept(project, "warranty-period")
    edit(path, "      status: deprecated", "      status: admitted")
    edit(path, "free of charge.", "for free.")
    assert main(["glossary", "import", str(tbx_file)]) == 0
    assert _export(project) == first_csv


def test_tbx_with_cat_tool_locales_round_trips(project: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    tbx_file = tmp_path / "cat.tbx"
    assert main(["glossary", "export", "--format", "tbx", "--tbx-locale", "zh-Hans=zh-CN",
                 "--tbx-locale", "zh-Hant=zh-TW", "-o", str(tbx_file)]) == 0
    text = tbx_file.read_text("utf-8")
    assert '<langSec xml:lang="zh-CN">' in text and '<langSec xml:lang="zh-TW">' in text
    assert 'xml:lang="zh-Hans"' not in text
    first_csv = _export(project)
    edit(concept(project, "warranty-period"), "    - designation: 保固期\n", "    - designation: 保固期限\n")
    assert main(["glossary", "import", str(tbx_file)]) == 0  # merge: 保固期 back, 保固期限 kept
    assert [d["designation"] for d in load_file(concept(project, "warranty-period")).data["terms"]["zh-Hant"]] == [
        "保固期限", "保固期"]
    assert main(["glossary", "import", str(tbx_file), "--replace"]) == 0
    assert _export(project) == first_csv
    assert main(["glossary", "export", "--format", "tbx", "--tbx-locale", "fr=fr-FR"]) == 2


def test_tbx_v2_from_a_cat_tool(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tbx_file = tmp_path / "multiterm.tbx"
    tbx_file.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>export</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="c42">
      <descrip type="subjectField">维修</descrip>
      <langSet xml:lang="zh-CN">
        <descrip type="definition">维修前向客户说明的维修费用明细。</descrip>
        <tig><term>维修报价</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="en-US">
        <descrip type="definition">The itemised cost of a repair.</descrip>
        <tig><term>Repair Quote</term></tig>
        <tig><term>quotation</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="de"><tig><term>Kostenvoranschlag</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
""", "utf-8")
    assert main(["glossary", "import", str(tbx_file)]) == 0
    assert "created: repair-quote" in capsys.readouterr().out
    data = load_file(concept(project, "repair-quote")).data
    assert data["terms"]["en"] == [{"designation": "Repair Quote", "status": "preferred"},
                                   {"designation": "quotation", "status": "admitted"}]
    assert data["status"] == "valid" and data["domain"] == "维修"
    assert main(["validate"]) == 0


def test_tbx_problems_carry_line_numbers(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tbx_file = tmp_path / "bad.tbx"
    tbx_file.write_text('<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n'
                        '<conceptEntry id="first-response"><langSec xml:lang="en"><termSec><term>x</term>\n'
                        '<termNote type="administrativeStatus">bestTerm</termNote></termSec></langSec></conceptEntry>\n'
                        "</body></text></tbx>\n", "utf-8")
    assert main(["glossary", "import", str(tbx_file)]) == 2
    assert f"{tbx_file}:3: administrativeStatus 'bestTerm' is not a status the glossary knows" in capsys.readouterr().out
    (tmp_path / "bomb.tbx").write_text('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', "utf-8")
    assert main(["glossary", "import", str(tmp_path / "bomb.tbx")]) == 2
    assert "entities" in capsys.readouterr().out


def test_dry_run_reports_and_writes_nothing(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = _write(tmp_path / "t.csv", ["id,lang,designation,term_status",
                                           "first-response,en,first reply,preferred"])
    before = _state(project)
    assert main(["glossary", "import", str(csv_file), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith(f"would import {csv_file}: 0 concept(s) created, 1 updated")
    assert _state(project) == before
