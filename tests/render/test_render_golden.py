"""Golden files: the generated Markdown, the flashcards and the .docx body XML of the fixture project.

A change to a template or to the writer shows up here as a diff. After checking the diff is intended,
refresh with:  AFTERSALES_UPDATE_GOLDEN=1 python -m pytest tests/render/test_render_golden.py
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "render" / "golden"
TEXT = ["scripts/repair.md", "scripts/index.md", "training/handbook.md", "training/quiz.md",
        "training/quiz-answers.md", "training/flashcards.csv", "manuals/service-manual.md"]
DOCX = ["scripts/AS-SCR-REPAIR_r1_zh-Hans.docx", "manuals/AS-MAN-001_r1_zh-Hans.docx"]


def check(name: str, actual: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("AFTERSALES_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="\n")
    assert golden.is_file(), f"missing golden file {golden}; run with AFTERSALES_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", TEXT)
def test_text_output_matches_golden(built: Path, name: str) -> None:
    check(name.replace("/", "__"), (built / name).read_text(encoding="utf-8"))


def document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return etree.tostring(root, pretty_print=True, encoding="unicode")


@pytest.mark.parametrize("name", DOCX)
def test_docx_body_matches_golden(built: Path, name: str) -> None:
    check(name.replace("/", "__") + ".document.xml", document_xml(built / name))


def test_english_script_matches_golden(built_en: Path) -> None:
    check("en__scripts__repair.md", (built_en / "scripts/repair.md").read_text(encoding="utf-8"))
