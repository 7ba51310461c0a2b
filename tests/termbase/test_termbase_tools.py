"""Files shaped like the exports of real tools: lossless import and round trip (issue 17, points 1, 2, 5).

The fixtures in tests/fixtures/termbase/tools were written for these tests in the shapes of
Translate Toolkit (csv2tbx/po2tbx), Weblate, memoQ, Trados MultiTerm and the LTAC TBX-Basic samples
(DCA and DCT style); README "Exchange with other tools" lists what import does with each.
"""
from __future__ import annotations

import hashlib
import shutil
import unicodedata
from pathlib import Path

import pytest
from lxml import etree
from termbase_helpers import FIXTURE, concept, project  # noqa: F401 (fixture)

from aftersales_std.cli import main
from aftersales_std.loading import load_file
from aftersales_std.project import open_project
from aftersales_std.termbase import export
from aftersales_std.termbase.snapshot import load_glossary

TOOLS = FIXTURE / "tools"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _lang(tag: str) -> str | None:
    t = tag.lower().replace("_", "-")
    if t.startswith("zh"):
        return "zh-Hant" if any(x in t for x in ("tw", "hk", "mo", "hant")) else "zh-Hans"
    return "en" if t.startswith("en") else None


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _file_terms(path: Path) -> set[tuple[str, str]]:
    """(lang, folded term) of every term in a kept language, read with lxml (not our reader)."""
    out = set()
    for sec in etree.parse(str(path)).iter():
        if isinstance(sec.tag, str) and etree.QName(sec).localname in ("langSec", "langSet"):
            lang = _lang(sec.get(XML_LANG, ""))
            for term in sec.iter("{*}term", "term"):
                if lang:
                    out.add((lang, _fold("".join(term.itertext()))))
    return out


def _glossary_terms(root: Path) -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set[tuple[str, str]]] = {}
    for path in sorted((root / "glossary" / "concepts").glob("*.yaml")):
        data = load_file(path).data
        out[data["id"]] = {(lang, d["designation"]) for lang, items in data["terms"].items() for d in items}
    return out


def _state(root: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "glossary").rglob("*.yaml")}


TOOL_FILES = ["translate-toolkit.tbx", "weblate.tbx", "memoq.tbx", "multiterm.tbx", "ltac-dca.tbx", "ltac-dct.tbx"]


@pytest.mark.parametrize("name", TOOL_FILES)
def test_import_is_lossless_and_round_trips(name: str, project: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    before = _glossary_terms(project)
    assert main(["glossary", "import", str(TOOLS / name)]) == 0, capsys.readouterr()
    after = _glossary_terms(project)
    for cid, terms in before.items():  # nothing the glossary had is lost
        assert terms <= after[cid], (cid, terms - after[cid])
    kept = {(lang, _fold(text)) for terms in after.values() for lang, text in terms}
    assert _file_terms(TOOLS / name) <= kept  # every term of a kept language arrived
    assert main(["validate"]) == 0
    capsys.readouterr()
    # importing the same file again changes nothing; our export of the result round-trips
    state = _state(project)
    assert main(["glossary", "import", str(TOOLS / name)]) == 0
    assert " 0 updated" in capsys.readouterr().out and _state(project) == state
    out = tmp_path / "again.tbx"
    out.write_bytes(export(load_glossary(open_project(project)), "tbx"))
    assert main(["glossary", "import", str(out)]) == 0
    assert "0 concept(s) created, 0 updated" in capsys.readouterr().out and _state(project) == state


def test_translate_toolkit_keeps_admitted_deprecated_notes_and_case(project: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The scenario of issue 17: en + zh-CN (zh_CN) without statuses over a richer glossary."""
    assert main(["glossary", "import", str(TOOLS / "translate-toolkit.tbx")]) == 0
    err = capsys.readouterr().err
    assert "'First Response' is kept as 'first response'" in err
    assert "en note 'Shown on the ticket list page.' not imported" in err
    fr = load_file(concept(project, "first-response")).data
    assert fr["terms"]["en"][1] == {"designation": "FR", "status": "admitted", "abbreviation": True}
    assert fr["terms"]["zh-Hans"][0]["usage_note"] == "不含系统自动回执。"
    wp = load_file(concept(project, "warranty-period")).data
    assert {"designation": "保质期", "status": "deprecated"} in wp["terms"]["zh-Hans"]
    assert wp["terms"]["zh-Hant"][0]["region"] == "TW"
    st = load_file(concept(project, "service-ticket")).data
    assert {"designation": "工单", "status": "admitted"} in st["terms"]["zh-Hans"]


def test_weblate_statuses_and_explanations(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "import", str(TOOLS / "weblate.tbx")]) == 0
    st = load_file(concept(project, "service-ticket")).data
    zh = {d["designation"]: d for d in st["terms"]["zh-Hans"]}
    assert zh["工单"]["status"] == "deprecated" and zh["派工单"]["status"] == "deprecated"  # obsolete, forbidden
    assert zh["工单"]["usage_note"].startswith("旧系统的叫法")
    assert zh["服务工单"]["status"] == "preferred"
    assert {"designation": "ticket", "status": "admitted"} in st["terms"]["en"]  # no status: never a 2nd preferred
    assert "客服系统界面统一用“服务工单”。" in st["notes"]["zh-Hans"]
    assert "The record customers see in the help centre." in st["notes"]["en"]


def test_memoq_creates_a_concept_and_warns_about_what_it_cannot_keep(project: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "import", str(TOOLS / "memoq.tbx")]) == 0
    out, err = capsys.readouterr()
    assert "created: repair-quote" in out and "updated: first-response" in out
    assert "language 'de-de' is not kept" in err and "1 term(s) not imported" in err
    assert "1 termNote partOfSpeech, 1 transacGrp" in err
    rq = load_file(concept(project, "repair-quote")).data
    assert rq["domain"] == "维修" and rq["terms"]["zh-Hans"][1] == {"designation": "估价单", "status": "deprecated"}
    assert rq["definition"]["en"].startswith("The itemised price")
    fr = load_file(concept(project, "first-response")).data
    assert {"designation": "FRT", "status": "admitted", "abbreviation": True} in fr["terms"]["en"]


def test_multiterm_region_tags(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "import", str(TOOLS / "multiterm.tbx")]) == 0
    wp = load_file(concept(project, "warranty-period")).data
    assert wp["terms"]["zh-Hant"] == [{"designation": "保固期", "status": "preferred", "region": "TW"},
                                      {"designation": "保養期", "status": "admitted", "region": "HK"}]
    assert {"ref": "消费者保护法施行细则", "relation": "related"} in wp["sources"]


def test_ltac_samples_without_zh_hans_update_by_designation(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "import", str(TOOLS / "ltac-dca.tbx")]) == 0
    out, err = capsys.readouterr()
    assert "updated: service-ticket" in out and "language 'fr' is not kept" in err
    st = load_file(concept(project, "service-ticket")).data
    assert {"designation": "case", "status": "deprecated"} in st["terms"]["en"]  # supersededTerm-admn-sts
    assert main(["glossary", "import", str(TOOLS / "ltac-dct.tbx")]) == 0
    wp = load_file(concept(project, "warranty-period")).data
    assert {"designation": "guarantee term", "status": "admitted"} in wp["terms"]["en"]


def test_real_ltac_shapes_unknown_concepts_say_what_is_needed(project: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """An entry that matches nothing and lacks zh-Hans: one message per entry, all at once, nothing written."""
    text = (TOOLS / "ltac-dca.tbx").read_text("utf-8").replace("service ticket", "open cluster").replace(
        "<term>case</term>", "<term>galactic cluster</term>")
    text = text.replace('<conceptEntry id="c1">', '<conceptEntry id="c1">', 1)
    second = text[text.index("<conceptEntry"):text.index("</conceptEntry>") + len("</conceptEntry>")]
    text = text.replace("</body>", second.replace('id="c1"', 'id="c2"').replace("open cluster", "globular cluster")
                        + "\n</body>")
    path = tmp_path / "astro.tbx"
    path.write_text(text, "utf-8")
    state = _state(project)
    assert main(["glossary", "import", str(path)]) == 2
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "matches no concept" in line]
    assert len(lines) == 2
    assert "en 'open cluster'" in lines[0] and "needs domain" not in lines[0]
    assert "a zh-Hans designation" in lines[0] and "--lang-map" in lines[0]
    assert _state(project) == state


def test_real_translate_toolkit_file_over_the_bundled_glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 17's finding, with a file made by Translate Toolkit 3.20.4 itself: `csv2tbx` of the bundled
    glossary's preferred en -> zh-Hans terms ("Net Promoter Score" lower-cased, as some tools write it).
    csv2tbx writes the target language as `xx`, so the user maps it. Nothing of the glossary is lost."""
    repo = Path(__file__).resolve().parents[2]
    root = tmp_path / "bundled"
    shutil.copytree(repo / "glossary", root / "glossary")
    shutil.copy(repo / "aftersales.yaml", root / "aftersales.yaml")
    monkeypatch.chdir(root)
    tt = str(TOOLS / "translate-toolkit-csv2tbx.tbx")
    before = _glossary_terms(root)
    state = _state(root)
    assert main(["glossary", "import", tt]) == 0  # matched by the en terms; xx is named, not dropped silently
    out, err = capsys.readouterr()
    assert "language 'xx' is not kept" in err and "131 term(s) not imported" in err and "131 unchanged" in out
    assert _state(root) == state
    assert main(["glossary", "import", tt, "--lang-map", "xx=zh-Hans", "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert "131 unchanged" in out and "designation-removed" not in out
    assert "'net promoter score' is kept as 'Net Promoter Score'" in err
    assert main(["glossary", "import", tt, "--lang-map", "xx=zh-Hans"]) == 0
    assert _glossary_terms(root) == before and _state(root) == state


@pytest.mark.parametrize("name,said", [("excel-gbk.csv", "GB18030"), ("excel-unicode-text.txt", "UTF-16 LE"),
                                       ("libreoffice-semicolon.csv", "UTF-8")])
def test_csv_from_excel_and_libreoffice(name: str, said: str, project: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    before = _glossary_terms(project)
    assert main(["glossary", "import", str(TOOLS / name)]) == 0
    out, err = capsys.readouterr()
    assert f"read as {said}" in err and "2 updated" in out
    after = _glossary_terms(project)
    for cid, terms in before.items():
        assert terms <= after[cid]
    assert ("zh-Hans", "客服工单") in after["service-ticket"] and ("en", "+1 reply") in after["first-response"]
    st = load_file(concept(project, "service-ticket")).data["terms"]["zh-Hans"]
    assert {"designation": "客服工单", "status": "admitted", "usage_note": "呼叫中心系统里的叫法。"} in st
    state = _state(project)
    assert main(["glossary", "import", str(TOOLS / name)]) == 0 and _state(project) == state
    out_csv = tmp_path / "again.csv"
    out_csv.write_bytes(export(load_glossary(open_project(project)), "csv"))
    capsys.readouterr()
    assert main(["glossary", "import", str(out_csv)]) == 0
    assert " 0 updated" in capsys.readouterr().out and _state(project) == state


# CSV exports of other tools (issue 17, point 5): the header decides the shape; every term of a kept
# language arrives, nothing the glossary had is lost, unkept columns are named, the round trip is stable.
CSV_SHAPES = {
    "weblate-glossary-zh_Hans.csv": ("Weblate glossary CSV", ["'context' (1 cell(s))"],
                                     {("en", "ticket"), ("zh-Hans", "工单"), ("en", "guarantee period")}),
    "memoq.csv": ("memoQ term base CSV", ["'Entry_Created' (5 cell(s))", "'Entry_Note' (1 cell(s))",
                                          "'Entry_Subject' (2 cell(s))", "'German' (1 cell(s))"],
                  {("en", "ticket"), ("en", "repair estimate"), ("zh-Hans", "估价单"), ("zh-Hant", "維修報價"),
                   ("zh-Hant", "備品"), ("zh-Hans", "备品")}),
    "trados.csv": ("one column per language", ["'Created By' (5 cell(s))"],
                   {("en", "ticket"), ("en", "repair estimate"), ("zh-Hant", "維修報價"), ("en", "spare part")}),
    "excel-sheet.csv": ("one column per language", ["'负责人' (6 cell(s))"],
                        {("zh-Hans", "首次回复"), ("zh-Hant", "維修報價"), ("zh-Hans", "备件")}),
}


@pytest.mark.parametrize("name", sorted(CSV_SHAPES))
def test_csv_of_other_tools_is_lossless_and_round_trips(name: str, project: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    shape, unkept, arrived = CSV_SHAPES[name]
    before = _glossary_terms(project)
    assert main(["glossary", "import", str(TOOLS / name)]) == 0, capsys.readouterr()
    out, err = capsys.readouterr()
    assert "in the shape of" in err and shape in err
    warning = next(line for line in err.splitlines() if "columns the glossary does not keep" in line)
    for column in unkept:
        assert column in warning
    after = _glossary_terms(project)
    for cid, terms in before.items():
        assert terms <= after[cid], (cid, terms - after[cid])
    glossary = load_glossary(open_project(project))  # zh-Hant the same as OpenCC's stays derived
    kept = {(lang, d.text) for c in glossary.concepts for lang, items in c.terms.items() for d in items}
    assert arrived <= kept, arrived - kept
    assert main(["validate"]) == 0
    capsys.readouterr()
    state = _state(project)
    assert main(["glossary", "import", str(TOOLS / name)]) == 0  # again: nothing changes
    assert " 0 updated" in capsys.readouterr().out and _state(project) == state
    out_csv = tmp_path / "again.csv"
    out_csv.write_bytes(export(load_glossary(open_project(project)), "csv"))
    assert main(["glossary", "import", str(out_csv)]) == 0
    assert "0 concept(s) created, 0 updated" in capsys.readouterr().out and _state(project) == state


def test_csv_shapes_keep_statuses_definitions_and_notes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "import", str(TOOLS / "memoq.csv")]) == 0
    rq = load_file(concept(project, "repair-quote")).data
    assert rq["domain"] == "维修" and rq["definition"]["zh-Hans"] == "维修开始前向客户说明的费用明细与总价。"
    assert rq["terms"]["zh-Hans"] == [{"designation": "维修报价", "status": "preferred"},
                                      {"designation": "估价单", "status": "admitted"}]
    st = load_file(concept(project, "service-ticket")).data
    assert {"designation": "工单", "status": "admitted"} in st["terms"]["zh-Hans"]  # never made preferred
    assert main(["glossary", "import", str(TOOLS / "excel-sheet.csv")]) == 0
    st = load_file(concept(project, "service-ticket")).data
    assert "旧系统的叫法，新文档少用。" in st["notes"]["zh-Hans"]
    assert main(["glossary", "import", str(TOOLS / "weblate-glossary-zh_Hans.csv")]) == 0
    fr = load_file(concept(project, "first-response")).data
    assert "不含系统自动回执。" in fr["notes"]["zh-Hans"]


def test_csv_sheet_status_column_and_bad_status(project: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """状态 is the status of the row's first 中文 term; an unknown one is a problem naming the row."""
    sheet = tmp_path / "术语表.csv"
    sheet.write_text("中文,英文,状态\n工单,,拒用\n服务工单,service ticket,草稿\n", "utf-8")
    state = _state(project)
    assert main(["glossary", "import", str(sheet)]) == 2
    out = capsys.readouterr().out
    assert "术语表.csv:3: status '草稿' is not one the glossary knows" in out and _state(project) == state
    sheet.write_text("中文,英文,状态\n工单,,拒用\n", "utf-8")
    assert main(["glossary", "import", str(sheet)]) == 0
    st = load_file(concept(project, "service-ticket")).data
    assert {"designation": "工单", "status": "deprecated"} in st["terms"]["zh-Hans"]


def test_weblate_csv_needs_its_target_language(project: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "import", str(TOOLS / "weblate-glossary-zh_Hans.csv"), "--dry-run"]) == 0
    assert "'fuzzy'" not in capsys.readouterr().err  # fuzzy False on every row: nothing to say
    plain = tmp_path / "glossary.csv"
    shutil.copy(TOOLS / "weblate-glossary-zh_Hans.csv", plain)
    assert main(["glossary", "import", str(plain)]) == 2
    assert "--lang-map target=zh-Hans" in capsys.readouterr().out
    assert main(["glossary", "import", str(plain), "--lang-map", "target=zh-Hans"]) == 0
    st = load_file(concept(project, "service-ticket")).data
    assert {"designation": "ticket", "status": "admitted"} in st["terms"]["en"]
