"""PDF next to every .docx, made by LibreOffice when it is installed.

With LibreOffice's UNO bridge (a Python that can `import uno`, e.g. Debian's python3-uno) the documents
are opened in one headless LibreOffice, their table of contents and fields are updated (page numbers in
the TOC) and exported; without the bridge, `soffice --convert-to pdf` converts them as they are (the TOC
then lists the headings without page numbers). Without LibreOffice no PDF is written and `missing()`
says why. AFTERSALES_NO_PDF=1 (or `aftersales build --no-pdf`) skips PDFs.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path

UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python", "/opt/libreoffice/program/python")
TIMEOUT = 600


def wanted() -> bool:
    return os.environ.get("AFTERSALES_NO_PDF", "") in ("", "0")


@cache
def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@cache
def uno_python() -> str | None:
    for candidate in UNO_PYTHONS:
        if Path(candidate).is_file():
            try:
                done = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                continue
            if done.returncode == 0:
                return candidate
    return None


def missing() -> str | None:
    """Why no PDF can be made here, or None."""
    if soffice() is None:
        return ("no PDF written: LibreOffice was not found (install it, e.g. `apt-get install "
                "libreoffice-writer-nogui`, and build again; the .docx files are complete without it)")
    return None


def to_pdf(documents: list[Path]) -> tuple[list[Path], list[str]]:
    """Write <name>.pdf next to each .docx; (PDFs written, problems)."""
    office = soffice()
    if office is None or not documents:
        return [], ([missing() or ""] if office is None and documents else [])
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="aftersales-office-") as profile:
        python = uno_python()
        if python is not None:
            helper = resources.files("aftersales_std.render").joinpath("pdf_uno.py")
            with resources.as_file(helper) as script:
                done = subprocess.run([python, str(script), office, profile, *map(str, documents)],
                                      capture_output=True, text=True, timeout=TIMEOUT)
            problems += [line for line in done.stdout.splitlines() if line.startswith("error ")]
            if done.returncode != 0 and not problems:
                problems.append(f"LibreOffice failed: {done.stderr.strip()[-300:]}")
        else:
            for folder in sorted({d.parent for d in documents}):
                batch = [str(d) for d in documents if d.parent == folder]
                done = subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless",
                                       "--convert-to", "pdf", "--outdir", str(folder), *batch],
                                      capture_output=True, text=True, timeout=TIMEOUT)
                if done.returncode != 0:
                    problems.append(f"LibreOffice failed in {folder}: {done.stderr.strip()[-300:]}")
    written = [d.with_suffix(".pdf") for d in documents if d.with_suffix(".pdf").is_file()]
    return written, problems
