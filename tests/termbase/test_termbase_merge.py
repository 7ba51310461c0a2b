"""Merge semantics, dry run, languages and statuses of other tools (issue 17, points 1 and 2)."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from termbase_helpers import FIXTURE, concept, project  # noqa: F401 (fixture)

from aftersales_std.cli import main
from aftersales_std.loading import load_file
from aftersales_std.termbase.tbxread import STATUSES, map_lang

TOOLS = FIXTURE / "tools"
README = Path(__file__).resolve().parents[2] / "README.md"


def _state(root: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "glossary").rglob("*.yaml")}


def _tbx(path: Path, body: str, lang: str = "en") -> Path:
    path.write_text(f'<?xml version="1.0"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="{lang}" '
                    f'xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc>'
                    f"</fileDesc></tbxHeader><text><body>\n{body}\n</body></text></tbx>\n", "utf-8")
    return path


def test_dry_run_prints_the_diff_in_the_words_of_glossary_diff(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = _state(project)
    assert main(["glossary", "import", str(TOOLS / "weblate.tbx"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert _state(project) == state
    assert re.search(r"major\s+designation-status\s+service-ticket\s+zh-Hans 工单: admitted -> deprecated", out)
    assert re.search(r"minor\s+designation-added\s+service-ticket\s+zh-Hans \+ 派工单 \(deprecated\)", out)
    assert "needs a major release" in out


def test_removal_needs_replace_and_is_listed_in_the_dry_run(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tt = str(TOOLS / "translate-toolkit.tbx")
    assert main(["glossary", "import", tt, "--dry-run"]) == 0
    assert "designation-removed" not in capsys.readouterr().out
    assert main(["glossary", "import", tt, "--dry-run", "--replace"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"minor\s+designation-removed\s+first-response\s+en - FR \(admitted\)", out)
    assert re.search(r"minor\s+designation-removed\s+warranty-period\s+zh-Hans - 保质期 \(deprecated\)", out)
    assert main(["glossary", "import", tt, "--replace"]) == 0
    en = load_file(concept(project, "first-response")).data["terms"]["en"]
    assert en == [{"designation": "First Response", "status": "preferred"}]  # --replace: the file's spelling


def test_prune_removes_concepts_the_file_does_not_hold_only_when_asked(project: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    memoq = str(TOOLS / "memoq.tbx")
    assert main(["glossary", "import", memoq, "--prune"]) == 2  # needs --replace
    assert "needs --replace" in capsys.readouterr().err
    assert main(["glossary", "import", memoq, "--replace", "--prune", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "removed: service-ticket, warranty-period" in out and re.search(r"major\s+removed\s+service-ticket", out)
    assert concept(project, "service-ticket").exists()
    assert main(["glossary", "import", memoq, "--replace", "--prune"]) == 0
    assert not concept(project, "service-ticket").exists() and concept(project, "repair-quote").exists()
    assert main(["validate"]) == 0


def test_case_and_punctuation_are_kept_exactly(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _tbx(tmp_path / "case.tbx", '<conceptEntry id="first-response"><langSec xml:lang="en">'
                '<termSec><term>First-Response (FR)</term></termSec><termSec><term>ＦＲ</term></termSec>'
                "</langSec></conceptEntry>")
    assert main(["glossary", "import", str(path)]) == 0
    err = capsys.readouterr().err
    en = load_file(concept(project, "first-response")).data["terms"]["en"]
    texts = [d["designation"] for d in en]
    assert texts == ["first response", "FR", "First-Response (FR)"]  # ＦＲ is FR (width); a new term kept as written
    assert "'ＦＲ' is kept as 'FR'" in err


def test_region_tags_and_lang_map(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert map_lang("zh-CN") == map_lang("zh_SG") == map_lang("ZH-Hans-CN") == "zh-Hans"
    assert map_lang("zh-TW") == map_lang("zh-hk") == map_lang("zh-Hant-MO") == "zh-Hant"
    assert map_lang("en-US") == map_lang("EN-GB") == "en"
    assert map_lang("de-DE") is None and map_lang("zh", {"zh": "zh-Hant"}) == "zh-Hant"
    body = ('<conceptEntry id="warranty-period"><langSec xml:lang="x-trad"><termSec><term>保用期</term>'
            "</termSec></langSec><langSec xml:lang=\"ja\"><termSec><term>保証期間</term></termSec></langSec>"
            "</conceptEntry>")
    path = _tbx(tmp_path / "langs.tbx", body)
    assert main(["glossary", "import", str(path), "--dry-run"]) == 0
    err = capsys.readouterr().err
    assert "language 'x-trad' is not kept" in err and "language 'ja' is not kept" in err
    assert main(["glossary", "import", str(path), "--lang-map", "x-trad=zh-Hant"]) == 0
    hant = load_file(concept(project, "warranty-period")).data["terms"]["zh-Hant"]
    assert {"designation": "保用期", "status": "admitted"} in hant
    assert main(["glossary", "import", str(path), "--lang-map", "ja=ja"]) == 2


@pytest.mark.parametrize("value,status", [("obsolete", "deprecated"), ("forbidden", "deprecated"),
                                          ("supersededTerm-admn-sts", "deprecated"), ("notRecommended", "deprecated"),
                                          ("standardizedTerm-admn-sts", "preferred"), ("admittedTerm", "admitted"),
                                          ("legalTerm-admn-sts", "admitted")])
def test_statuses_of_other_tools(value: str, status: str, project: Path, tmp_path: Path) -> None:
    body = ('<conceptEntry id="service-ticket"><langSec xml:lang="en"><termSec><term>help request</term>'
            f'<termNote type="administrativeStatus">{value}</termNote></termSec></langSec></conceptEntry>')
    assert main(["glossary", "import", str(_tbx(tmp_path / "s.tbx", body))]) == 0
    en = load_file(concept(project, "service-ticket")).data["terms"]["en"]
    assert {"designation": "help request", "status": status} in en


def test_readme_status_table_matches_the_mapping() -> None:
    text = README.read_text("utf-8")
    section = text[text.index("### Statuses of other tools"):]
    rows = re.findall(r"^\| `([^`]+)` \| (preferred|admitted|deprecated) \|", section, re.M)
    assert rows, "README lists the mapped statuses"
    table = {value.lower(): status for value, status in rows}
    assert table == STATUSES


def test_all_problems_are_reported_at_once(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = ('<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>brand new thing</term></termSec></langSec>'
            '</conceptEntry>\n<conceptEntry id="first-response"><langSec xml:lang="en"><termSec><term>x</term>'
            '<termNote type="administrativeStatus">bestTerm</termNote></termSec></langSec></conceptEntry>\n'
            '<conceptEntry id="c3"><langSec xml:lang="en"><termSec><term/></termSec></langSec></conceptEntry>')
    state = _state(project)
    assert main(["glossary", "import", str(_tbx(tmp_path / "bad.tbx", body))]) == 2
    out = capsys.readouterr().out
    assert ":3: the entry en 'brand new thing' matches no concept" in out
    assert ":4: administrativeStatus 'bestTerm'" in out and ":5: termSec without a term" in out
    assert _state(project) == state


def test_a_second_term_in_one_termsec_is_kept(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = ('<conceptEntry id="service-ticket"><langSec xml:lang="en"><termSec><term>job ticket</term>'
            "<term>work ticket</term></termSec></langSec></conceptEntry>")
    assert main(["glossary", "import", str(_tbx(tmp_path / "two.tbx", body))]) == 0
    assert "termSec holds 2 terms" in capsys.readouterr().err
    texts = [d["designation"] for d in load_file(concept(project, "service-ticket")).data["terms"]["en"]]
    assert texts == ["service ticket", "job ticket", "work ticket"]


def test_csv_region_tags_lang_map_and_unkept_languages(project: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tags.csv"
    path.write_text("id,lang,designation,term_status\r\n"
                    "service-ticket,zh-CN,客服工单,admitted\r\n"
                    "warranty-period,zh-HK,保養期,admitted\r\n"
                    "first-response,en-US,initial reply,admitted\r\n"
                    "first-response,de-DE,Erstantwort,preferred\r\n"
                    "first-response,de-DE,Erste Antwort,admitted\r\n"
                    "first-response,zh,首次回覆,preferred\r\n", "utf-8")
    assert main(["glossary", "import", str(path), "--lang-map", "zh=zh-Hant"]) == 0
    err = capsys.readouterr().err
    assert f"{path}:5: language 'de-DE' is not kept" in err and "2 row(s) not imported" in err
    data = {cid: load_file(concept(project, cid)).data["terms"]
            for cid in ("service-ticket", "warranty-period", "first-response")}
    assert {"designation": "客服工单", "status": "admitted"} in data["service-ticket"]["zh-Hans"]
    assert {"designation": "保養期", "status": "admitted"} in data["warranty-period"]["zh-Hant"]
    assert {"designation": "initial reply", "status": "admitted"} in data["first-response"]["en"]
    assert {"designation": "首次回覆", "status": "preferred"} in data["first-response"]["zh-Hant"]
