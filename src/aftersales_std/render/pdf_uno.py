"""Run by a Python that has LibreOffice's UNO bridge (Debian: /usr/bin/python3 with python3-uno), never
imported by the package: python3 pdf_uno.py SOFFICE PROFILE_DIR DOCX...

Starts one headless LibreOffice, and for each .docx: loads it hidden, updates every index (the table of
contents gets its page numbers) and every field, lays the tables out afresh, updates again, exports
<name>.pdf next to it. Prints one line per file,
"ok <path>" or "error <path>: <reason>"; exit 0 when every file was converted.
"""
import os
import subprocess
import sys
import time
import uuid

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(soffice, profile):
    pipe = f"aftersales{uuid.uuid4().hex}"
    office = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return office, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            if office.poll() is not None:
                raise RuntimeError("LibreOffice exited before accepting connections")
            time.sleep(0.5)
    office.kill()
    raise RuntimeError("LibreOffice did not start within 60 s")


def update(doc):
    indexes = doc.getDocumentIndexes()
    for i in range(indexes.getCount()):
        indexes.getByIndex(i).update()
    doc.getTextFields().refresh()
    doc.refresh()


def relayout(doc):
    """Touch every table's repeat-heading flag: after the TOC update LibreOffice keeps a stale layout in which
    a long table with a repeated heading row jumps to the next page and leaves half a page empty."""
    tables = doc.getTextTables()
    for i in range(tables.getCount()):
        table = tables.getByIndex(i)
        repeat = table.RepeatHeadline
        table.RepeatHeadline = not repeat
        table.RepeatHeadline = repeat


def convert(desktop, path):
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True), prop("ReadOnly", True)))
    try:
        update(doc)
        relayout(doc)
        update(doc)
        target = os.path.splitext(os.path.abspath(path))[0] + ".pdf"
        doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "writer_pdf_Export"),))
    finally:
        doc.close(True)


def main(argv):
    soffice, profile, files = argv[1], argv[2], argv[3:]
    office, desktop = connect(soffice, profile)
    failed = 0
    try:
        for path in files:
            try:
                convert(desktop, path)
                print(f"ok {path}", flush=True)
            except Exception as exc:  # one broken file does not stop the others
                failed += 1
                print(f"error {path}: {exc}", flush=True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
