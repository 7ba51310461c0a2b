"""The manual converted by LibreOffice: the Chinese text comes through and the page count is sane."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(not (SOFFICE and shutil.which("pdftotext")),
                                reason="needs LibreOffice and poppler-utils (installed by .ci/run)")


def test_manual_converts_to_pdf_with_chinese_text(built: Path, tmp_path: Path) -> None:
    source = built / "manuals/service-manual.docx"
    profile = tmp_path / "lo-profile"  # a private profile: no clash with another soffice running
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "service-manual.pdf"
    assert pdf.is_file()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    for expected in ("售后服务管理手册", "文件控制", "服务工程师应在受理后 24 小时 内上门", "上门及时率",
                     "职责分配（RACI）", "测试术语库 2.1.0", "AS-MAN-001"):
        assert expected in text, expected
    squeezed = "".join(text.split())
    assert f"第1页/共{squeezed.count('AS-MAN-001第')}页" in squeezed  # footer: PAGE and NUMPAGES fields
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 2 <= pages <= 10  # title, control block and TOC, then one standard with its tables
