"""The concepts' situations (when an agent needs the concept, in the customer's words) in every export,
and back through import: JSON field, CSV column (one situation per line of the cell), TBX notes
`situation: ...` in the language section (TBX-Basic has no data category for them)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from lxml import etree
from tbx_validation import problems
from termbase_helpers import concept, edit, project  # noqa: F401 (fixture)

from aftersales_std.cli import main
from aftersales_std.loading import load_file
from aftersales_std.project import open_project
from aftersales_std.termbase import export
from aftersales_std.termbase.snapshot import load_glossary

REPO = Path(__file__).resolve().parents[2]
NS = {"t": "urn:iso:std:iso:30042:ed-2"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITUATIONS = ("situations:\n"
              "  zh-Hans: [东西坏了还在保修吗, 保修到什么时候]\n"
              "  zh-Hant: [保固還有嗎]\n"
              "  en: [is it still under warranty]\n")


def _with_situations(project: Path) -> Path:
    path = concept(project, "warranty-period")
    edit(path, "related:\n", SITUATIONS + "related:\n")
    return path


def _export(project: Path, fmt: str) -> bytes:
    return export(load_glossary(open_project(project)), fmt)


def _situations(path: Path) -> object:
    return load_file(path).data.get("situations")


def test_json_carries_situations_with_derived_marked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _with_situations(project)
    data = json.loads(_export(project, "json"))
    assert main(["schema", "export"]) == 0
    jsonschema.Draft202012Validator(json.loads(capsys.readouterr().out)).validate(data)
    warranty = next(c for c in data["concepts"] if c["id"] == "warranty-period")
    assert warranty["situations"] == {"zh-Hans": ["东西坏了还在保修吗", "保修到什么时候"],
                                      "zh-Hant": ["東西壞了還在保修嗎", "保修到什麼時候", "保固還有嗎"],
                                      "en": ["is it still under warranty"]}
    assert "situations.zh-Hant" not in warranty["derived"]  # one of them is written
    ticket = next(c for c in data["concepts"] if c["id"] == "service-ticket")
    assert ticket["situations"] == {}


def test_csv_column_holds_one_situation_per_line_and_round_trips(project: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = _with_situations(project)
    first = _export(project, "csv")
    rows = list(csv.DictReader(io.StringIO(first.decode("utf-8-sig"), newline="")))
    assert list(rows[0])[-1] == "situations"
    by_lang = {r["lang"]: r["situations"] for r in rows if r["id"] == "warranty-period"}
    assert by_lang == {"zh-Hans": "东西坏了还在保修吗\n保修到什么时候",
                       "zh-Hant": "東西壞了還在保修嗎\n保修到什麼時候\n保固還有嗎", "en": "is it still under warranty"}
    csv_file = tmp_path / "terms.csv"
    csv_file.write_bytes(first)
    assert main(["glossary", "import", str(csv_file)]) == 0
    assert "0 updated, 3 unchanged" in capsys.readouterr().out
    before = _situations(path)
    edit(path, SITUATIONS, "")
    assert main(["glossary", "import", str(csv_file)]) == 0
    assert "1 updated" in capsys.readouterr().out
    assert _situations(path) == before  # zh-Hant keeps only the written wording, not the converted ones
    assert _export(project, "csv") == first
    assert main(["validate"]) == 0


def test_csv_situations_edited_in_excel(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _with_situations(project)
    rows = list(csv.reader(io.StringIO(_export(project, "csv").decode("utf-8-sig"), newline="")))
    header = rows[0]
    col, lang = header.index("situations"), header.index("lang")
    for row in rows[1:]:
        if row[0] == "warranty-period" and row[lang] == "zh-Hans":
            row[col] = "保修到什么时候\r\n买了多久还能免费修"  # Excel's Alt+Enter, an item replaced
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    csv_file = tmp_path / "edited.csv"
    csv_file.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    assert main(["glossary", "import", "--replace", str(csv_file)]) == 0
    capsys.readouterr()
    got = _situations(path)
    assert got["zh-Hans"] == ["保修到什么时候", "买了多久还能免费修"]
    assert got["zh-Hant"] == ["保固還有嗎"]  # the converted 東西壞了還在保修嗎 is dropped, not written


def test_csv_rows_of_one_language_must_agree(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _with_situations(project)
    text = _export(project, "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    col = rows[0].index("situations")
    en = [r for r in rows if r[0] == "warranty-period" and r[5] == "en"]
    assert len(en) == 2
    en[1][col] = "something else"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text(buffer.getvalue(), encoding="utf-8")
    assert main(["glossary", "import", str(csv_file)]) == 2
    assert "situations 'something else' differs from row" in capsys.readouterr().out


def test_tbx_notes_carry_situations_valid_and_round_trip(project: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = _with_situations(project)
    data = _export(project, "tbx")
    assert problems(data) == []
    root = etree.fromstring(data)
    entry = root.find(".//t:conceptEntry[@id='warranty-period']", NS)
    notes = {sec.get(XML_LANG): [n.text for n in sec.findall("t:note", NS)] for sec in entry.findall("t:langSec", NS)}
    assert notes["zh-Hans"] == ["situation: 东西坏了还在保修吗", "situation: 保修到什么时候"]
    assert notes["zh-Hant"][-1] == "situation: 保固還有嗎" and notes["en"] == ["situation: is it still under warranty"]
    tbx_file = tmp_path / "terms.tbx"
    tbx_file.write_bytes(data)
    first_csv = _export(project, "csv")
    before = _situations(path)
    edit(path, SITUATIONS, "")
    assert main(["glossary", "import", str(tbx_file)]) == 0
    assert "1 updated" in capsys.readouterr().out
    assert _situations(path) == before
    assert _export(project, "csv") == first_csv


def test_bundled_glossary_exports_every_situation() -> None:
    glossary = load_glossary(open_project(REPO))
    count = sum(len(c.situations.items.get(lang, ())) for c in glossary.concepts for lang in ("zh-Hans", "zh-Hant", "en"))
    assert count > 500
    assert export(glossary, "tbx").count(b"<note>situation: ") == count
    data = json.loads(export(glossary, "json"))
    assert sum(len(v) for c in data["concepts"] for v in c["situations"].values()) == count
