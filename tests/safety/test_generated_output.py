"""Generated Markdown carries no live HTML from content; flashcards.csv carries no formula cells."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from conftest import cli

CONCEPT = "glossary/concepts/onsite-service.yaml"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"


def hostile_project(project: Path) -> None:
    path = project / CONCEPT
    text = path.read_text(encoding="utf-8")
    text = text.replace("{designation: 上门服务, status: preferred}",
                        "{designation: \"=cmd|' /C calc'!A0\", status: preferred}")
    text = text.replace("  zh-Hans: 服务工程师到客户所在地点进行安装、检测或维修的服务方式。",
                        f"  zh-Hans: '服务工程师上门{SCRIPT}维修 {IMG} <!-- x --> <https://evil.example>'")
    text = text.replace("  en: Service in which", "  en: \"@SUM(1) Service in which", 1)
    text = text.replace("where the customer is.", "where the customer is.\"", 1)
    path.write_text(text, encoding="utf-8")


def test_markdown_outputs_escape_content_html(project: Path) -> None:
    hostile_project(project)
    done = cli("build", "--only", "scripts", "--only", "training", "--only", "manuals", "--out", "out", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    mds = list((project / "out").rglob("*.md"))
    seen = False
    for md in mds:
        text = md.read_text(encoding="utf-8")
        assert not re.search(r"<(script|img)\b", text, re.I), md
        assert "<https://evil" not in text, md
        seen |= "&lt;script>" in text
    assert seen, "the hostile definition did not reach any Markdown output"


def test_word_shows_the_text_as_written(project: Path) -> None:
    from docx import Document

    hostile_project(project)
    done = cli("build", "--only", "training", "--out", "out", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    # the handbook is a controlled document: its Word file is named by number, revision and language
    (handbook,) = (project / "out" / "training").glob("AS-TRN-001_r*_zh-Hans.docx")
    doc = Document(str(handbook))
    body = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert SCRIPT in body and "&lt;" not in body


def test_flashcards_have_no_formula_cells(project: Path) -> None:
    hostile_project(project)
    for lang in ("zh-Hans", "en"):
        done = cli("build", "--only", "training", "--lang", lang, "--out", f"out-{lang}", cwd=project)
        assert done.returncode == 0, done.stdout + done.stderr
        data = (project / f"out-{lang}" / "training" / "flashcards.csv").read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO("\n".join(l for l in data.splitlines() if not l.startswith("#")))))
        assert rows
        for row in rows:
            for cell in row:
                assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), row
        assert "&#61;cmd" in data or lang == "en"
