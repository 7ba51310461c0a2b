"""PDF next to every .docx, made by LibreOffice when it is installed.

With LibreOffice's UNO bridge (a Python that can `import uno`, e.g. Debian's python3-uno) the documents
are opened in one headless LibreOffice, their table of contents and fields are updated (page numbers in
the TOC) and exported; without the bridge, `soffice --convert-to pdf` converts them as they are (the TOC
then lists the headings without page numbers). Without LibreOffice no PDF is written and `missing()`
says why. AFTERSALES_NO_PDF=1 (or `aftersales build --no-pdf`) skips PDFs.
"""
from __future__ import annotations

import hashlib
import os
import re
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
    # LibreOffice works on copies in a private folder: a LibreOffice left running by a killed build then
    # writes nowhere near the output (it would otherwise re-create a staging folder the next build removed)
    with tempfile.TemporaryDirectory(prefix="aftersales-office-") as profile, \
            tempfile.TemporaryDirectory(prefix="aftersales-pdf-") as work:
        copies: dict[Path, Path] = {}
        for n, d in enumerate(documents):
            copy = Path(work) / str(n) / d.name
            copy.parent.mkdir()
            shutil.copyfile(d, copy)
            copies[d] = copy
        documents = list(copies.values())
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
        written = []
        for original, copy in copies.items():
            made = copy.with_suffix(".pdf")
            if made.is_file():
                reproducible(made)
                shutil.copyfile(made, original.with_suffix(".pdf"))
                written.append(original.with_suffix(".pdf"))
        for original, copy in copies.items():  # problems name the documents, not their copies
            problems = [p.replace(str(copy), str(original)) for p in problems]
    return written, problems


# What LibreOffice writes differently on every run: the time of the conversion and the file identifiers
# derived from it (the PDF's /ID pair and LibreOffice's /DocChecksum).
_VOLATILE = re.compile(rb"/CreationDate\(D:(\d{14})|/ID \[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>|/DocChecksum /([0-9A-Fa-f]+)")


def reproducible(pdf: Path) -> None:
    """Make a PDF's bytes depend only on its content, as the .docx files' do: the creation time becomes
    SOURCE_DATE_EPOCH (or 2000-01-01) and the identifiers a hash of the rest of the file. Every field
    keeps its length, so the cross-reference offsets stay right."""
    data = pdf.read_bytes()
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    import time
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(int(epoch))) if epoch.isdigit() else "20000101000000"

    def blank(m: re.Match[bytes]) -> bytes:
        out = m.group(0)
        for g in range(1, 5):
            if m.group(g) is not None:
                out = out.replace(m.group(g), b"0" * len(m.group(g)))
        return out

    digest = hashlib.md5(_VOLATILE.sub(blank, data)).hexdigest().upper().encode()

    def fill(m: re.Match[bytes]) -> bytes:
        out = m.group(0)
        if m.group(1) is not None:
            return out.replace(m.group(1), stamp.encode())
        for g in range(2, 5):
            if m.group(g) is not None:
                out = out.replace(m.group(g), (digest * 2)[:len(m.group(g))])
        return out

    fixed = _VOLATILE.sub(fill, data)
    if fixed != data:
        tmp = pdf.with_name(pdf.name + ".tmp")
        tmp.write_bytes(fixed)
        os.replace(tmp, pdf)
