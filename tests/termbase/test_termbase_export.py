from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from lxml import etree
from termbase_helpers import project  # noqa: F401 (fixture)

from aftersales_std.cli import main
from aftersales_std.project import open_project
from aftersales_std.termbase import FORMATS, export, filename
from aftersales_std.termbase.csvio import COLUMNS
from aftersales_std.termbase.snapshot import load_glossary

REPO = Path(__file__).resolve().parents[2]
NS = {"t": "urn:iso:std:iso:30042:ed-2"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADMN = {"preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"}


def _schema(capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["schema", "export"]) == 0
    return json.loads(capsys.readouterr().out)


def _export(capsys: pytest.CaptureFixture[bytes], fmt: str) -> bytes:
    assert main(["glossary", "export", "--format", fmt]) == 0
    return capsys.readouterr().out


def test_json_export_matches_the_published_schema(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = _schema(capsys)
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(export(load_glossary(open_project(project)), "json"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["glossary"]["version"] == "1.0.0"
    assert [c["id"] for c in data["concepts"]] == ["first-response", "service-ticket", "warranty-period"]
    warranty = data["concepts"][2]
    assert warranty["terms"]["zh-Hant"] == [{"designation": "保固期", "status": "preferred", "region": "TW"}]
    assert "definition.zh-Hant" in warranty["derived"] and "terms.zh-Hant" not in warranty["derived"]
    ticket = data["concepts"][1]
    assert ticket["terms"]["zh-Hant"][0] == {"designation": "服務工單", "status": "preferred", "derived": True}
    broken = json.loads(json.dumps(data))
    broken["concepts"][0]["terms"]["en"][0]["status"] = "recommended"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_csv_opens_in_excel(project: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    data = _export(capsysbinary, "csv")
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == list(COLUMNS)
    glossary = load_glossary(open_project(project))
    assert len(rows) == sum(len(ds) for c in glossary.concepts for ds in c.terms.values())  # one per designation
    fr = [r for r in rows if r["id"] == "first-response" and r["lang"] == "en"]
    assert [(r["designation"], r["term_status"], r["abbreviation"]) for r in fr] == [
        ("first response", "preferred", ""), ("FR", "admitted", "yes")]
    assert {r["definition"] for r in fr} == {glossary.get("first-response").definition.get("en")}  # type: ignore[union-attr]
    assert fr[0]["tags"] == "时效; KPI"


def test_csv_cells_that_excel_would_run_are_escaped(project: Path) -> None:
    path = project / "glossary" / "concepts" / "first-response.yaml"
    path.write_text(path.read_text("utf-8").replace("usage_note: 不含系统自动回执。", 'usage_note: "=HYPERLINK(1)"'),
                    "utf-8")
    data = export(load_glossary(open_project(project)), "csv").decode("utf-8-sig")
    assert ",'=HYPERLINK(1)," in data and ",=HYPERLINK" not in data


def test_tbx_basic_structure(project: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    data = _export(capsysbinary, "tbx")
    root = etree.fromstring(data)
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx"
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == ("TBX-Basic", "dca", "zh-Hans")
    assert [e.tag.split("}")[1] for e in root] == ["tbxHeader", "text"]
    assert "1.0.0" in root.findtext("t:tbxHeader/t:fileDesc/t:titleStmt/t:title", namespaces=NS)
    assert root.find("t:tbxHeader/t:fileDesc/t:sourceDesc/t:p", NS) is not None
    entries = root.findall("t:text/t:body/t:conceptEntry", NS)
    assert [e.get("id") for e in entries] == ["first-response", "service-ticket", "warranty-period"]
    for entry in entries:
        subject = entry.findall("t:descrip[@type='subjectField']", NS)
        assert len(subject) == 1 and subject[0].text
        assert not entry.findall(".//t:langSec//t:descrip[@type='subjectField']", NS)  # conceptEntry level only
        langs = [sec.get(XML_LANG) for sec in entry.findall("t:langSec", NS)]
        assert langs == ["zh-Hans", "zh-Hant", "en"]
        for sec in entry.findall("t:langSec", NS):
            children = [c.tag.split("}")[1] for c in sec]
            assert children.index("termSec") > max((i for i, c in enumerate(children) if c != "termSec"), default=-1)
            assert sec.findtext("t:descrip[@type='definition']", namespaces=NS)
            for term_sec in sec.findall("t:termSec", NS):
                assert term_sec[0].tag == "{urn:iso:std:iso:30042:ed-2}term" and term_sec[0].text
                status = term_sec.findall("t:termNote[@type='administrativeStatus']", NS)
                assert len(status) == 1 and status[0].text in ADMN
    warranty = entries[2]
    deprecated = warranty.xpath(".//t:termSec[t:termNote='deprecatedTerm-admn-sts']/t:term/text()", namespaces=NS)
    assert deprecated == ["保质期"]
    tw = warranty.xpath(".//t:termSec[t:termNote[@type='geographicalUsage']='TW']/t:term/text()", namespaces=NS)
    assert tw == ["保固期"]
    fr = entries[0].xpath(".//t:termSec[t:termNote[@type='termType']='abbreviation']/t:term/text()", namespaces=NS)
    assert fr == ["FR"]
    assert warranty.xpath("t:ref[@type='crossReference']/@target", namespaces=NS) == ["service-ticket"]


def test_markdown_shows_the_version(project: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    text = _export(capsysbinary, "md").decode("utf-8")
    assert text.startswith("# 测试术语库 / Test glossary\n\n版本 Version 1.0.0 · 发布 released 2026-01-15 · 3 条术语")
    assert "### 保修期 / warranty period" in text and "保质期（拒用）" in text


def test_output_file_and_stable_bytes(project: Path, tmp_path: Path) -> None:
    for fmt in FORMATS:
        target = tmp_path / f"out.{fmt}"
        assert main(["glossary", "export", "--format", fmt, "-o", str(target)]) == 0
        again = export(load_glossary(open_project(project)), fmt)
        assert target.read_bytes() == again
    assert filename(load_glossary(open_project(project)), "tbx") == "aftersales-glossary-1.0.0.tbx"


@pytest.mark.parametrize("fmt", FORMATS)
def test_repository_glossary_exports(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    glossary = load_glossary(open_project(REPO))
    data = export(glossary, fmt)
    if fmt != "csv":  # CSV has no room for it: the download's file name carries it
        assert glossary.version.encode() in data
    if fmt == "json":
        jsonschema.Draft202012Validator(_schema(capsys)).validate(json.loads(data))
    elif fmt == "tbx":
        root = etree.fromstring(data)
        assert len(root.findall("t:text/t:body/t:conceptEntry", NS)) == len(glossary.concepts)
    elif fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf")
