"""PDFs made by LibreOffice next to the .docx files: Chinese text, a TOC with page numbers, sane page
counts, the cover; and a clear note (and no PDF) when LibreOffice is missing."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from aftersales_std.render import pdf

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(not (SOFFICE and shutil.which("pdftotext") and shutil.which("pdftoppm")),
                                  reason="needs LibreOffice and poppler-utils (installed by .ci/run)")


def text_of(path: Path, first: int = 1, last: int = 0) -> str:
    args = ["pdftotext", "-layout", "-f", str(first)] + (["-l", str(last)] if last else []) + [str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def with_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from building import FIXTURE, build_project  # type: ignore[import-not-found]
    out = tmp_path_factory.mktemp("render-pdf")
    mp = pytest.MonkeyPatch()
    mp.setenv("AFTERSALES_NO_PDF", "0")
    try:
        build_project(FIXTURE / "project", out)
    finally:
        mp.undo()
    return out


@needs_office
def test_every_docx_gets_a_pdf_next_to_it(with_pdf: Path) -> None:
    documents = sorted(with_pdf.rglob("*.docx"))
    assert len(documents) == 5
    for document in documents:
        assert document.with_suffix(".pdf").is_file(), document.name


@needs_office
def test_manual_pdf_has_cover_chinese_text_and_a_toc_with_page_numbers(with_pdf: Path, tmp_path: Path) -> None:
    manual = with_pdf / "manuals/AS-MAN-001_r1_zh-Hans.pdf"
    cover = text_of(manual, 1, 1)
    assert "售后服务管理手册" in cover and "LOGO" in cover and "AS-MAN-001" in cover
    text = text_of(manual)
    for expected in ("文件控制", "服务工程师应在受理后 24 小时 内上门", "上门及时率", "职责分配（RACI）",
                     "测试术语库 2.1.0"):
        assert expected in text, expected
    # LibreOffice updated the TOC field: each entry ends with its page number
    assert re.search(r"T-STD-01 维修服务\s*\.{3,}\s*\d+", text), text[:2000]
    squeezed = "".join(text.split())
    assert f"第1页/共{squeezed.count('AS-MAN-001第')}页" in squeezed  # footer: PAGE and NUMPAGES fields
    info = subprocess.run(["pdfinfo", str(manual)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 3 <= pages <= 10  # cover, control block and contents, then one standard with its tables
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(manual), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == pages  # every page renders


def test_no_libreoffice_gives_a_note_and_no_pdf(render_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from aftersales_std.cli import main
    monkeypatch.setenv("AFTERSALES_NO_PDF", "0")
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    assert main(["build", "--project", str(render_project), "--out", str(tmp_path / "out"), "--only", "manuals"]) == 0
    err = capsys.readouterr().err
    assert "no PDF written: LibreOffice was not found" in err
    assert not list((tmp_path / "out").rglob("*.pdf"))
    assert (tmp_path / "out/manuals/AS-MAN-001_r1_zh-Hans.docx").is_file()
