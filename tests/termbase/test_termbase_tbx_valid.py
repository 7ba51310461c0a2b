"""The TBX export is valid TBX-Basic: official core RelaxNG + TBX-Basic DCA Schematron (issue 17, point 3)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from lxml import etree
from tbx_validation import problems
from termbase_helpers import project  # noqa: F401 (fixture)

from aftersales_std.cli import main
from aftersales_std.model import Glossary
from aftersales_std.project import open_project
from aftersales_std.termbase import export, standard_citations
from aftersales_std.termbase.snapshot import load_glossary

REPO = Path(__file__).resolve().parents[2]
NS = {"t": "urn:iso:std:iso:30042:ed-2"}


@cache
def _bundled() -> tuple[Glossary, dict[str, str]]:
    project = open_project(REPO)
    return load_glossary(project), standard_citations(project)


def _bundled_tbx(**kwargs: object) -> bytes:
    glossary, citations = _bundled()
    return export(glossary, "tbx", standards=citations, **kwargs)  # type: ignore[arg-type]


def test_bundled_glossary_export_is_valid_tbx_basic() -> None:
    assert problems(_bundled_tbx()) == []
    assert problems(_bundled_tbx(locales={"zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "en": "en-US"})) == []


def test_fixture_export_is_valid(project: Path) -> None:
    assert problems(export(load_glossary(open_project(project)), "tbx")) == []


def test_the_validators_reject_what_they_should() -> None:
    """The checks can fail: the old header order, a bad status and a dangling target are all caught."""
    good = _bundled_tbx()
    swapped = good.replace(b"<publicationStmt>", b"<X>", 1)
    head, _, rest = swapped.partition(b"<titleStmt>")
    title, _, tail = rest.partition(b"</titleStmt>")
    old_order = head.replace(b"<X>", b"<titleStmt>" + title + b"</titleStmt><publicationStmt>", 1) + tail
    assert any("publicationStmt" in p for p in problems(old_order))
    bad_status = good.replace(b"admittedTerm-admn-sts", b"okTerm-admn-sts", 1)
    assert any("administrativeStatus" in p for p in problems(bad_status))
    dangling = good.replace(b'target="', b'target="nowhere-', 1)
    assert any("IDREF" in p or "ID" in p for p in problems(dangling))


def test_sources_are_titles_never_internal_paths() -> None:
    doc = etree.fromstring(_bundled_tbx())
    sources = [e.text for e in doc.iterfind(".//t:admin[@type='source']", NS)]
    assert sources and not [s for s in sources if "seeds/" in s or s.endswith(".txt")]
    # a standard clause is cited by the standard's code and title, not by its file id
    assert not [s for s in sources if s.split(":")[0] in _bundled()[1]]
    assert any(s.startswith("AS-STD-") and "《" in s for s in sources)
    assert any("《售后术语》" in s and "https://www.llvan.com/440522" in s for s in sources)


def test_cli_export_matches_the_library(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    monkeypatch.chdir(REPO)
    assert main(["glossary", "export", "--format", "tbx"]) == 0
    assert capsysbinary.readouterr().out == _bundled_tbx()
