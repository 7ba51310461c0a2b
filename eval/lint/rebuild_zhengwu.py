#!/usr/bin/env python3
"""Rebuild r4-zhengwu.yaml (reply text + labels) from r4-zhengwu.pointers.yaml and a clone of
github.com/15625103741/Text-Mining (it carries the data of the 2020 Teddy Cup (泰迪杯) data-mining
challenge, problem C, "智慧政务"; 附件4 holds citizens' messages and the departments' replies).

The data were collected by the challenge organisers from public government message boards and come
with no licence, so only the pointers (file, row, message id, character range, sha1 prefix, labels)
are kept with the project; this script reads each reply from the clone, checks its hash and writes
the labelled set. It needs only the Python standard library and PyYAML (the .xlsx file is read with
zipfile/ElementTree).

usage: python eval/lint/rebuild_zhengwu.py CLONE [--pointers FILE] [--out FILE]
  CLONE  a clone of the repository: a work tree (CLONE/data/...) or a git directory; the file is
         read at the pointers' commit with `git show` when the clone has that commit, otherwise
         from the work tree.
"""
import io
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _rebuild  # noqa: E402 (the scripts' shared part, beside them)

_R = _rebuild.Rebuild("rebuild_zhengwu", "github.com/15625103741/Text-Mining")
fail, read_source = _R.fail, _R.read_source

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "r4-zhengwu"
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ID_COL, REPLY_COL = "留言编号", "答复意见"


def col_index(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_sheet(data, sheet):
    """Rows of an .xlsx worksheet as {row number: {column index: cell text}} (stdlib only)."""
    z = zipfile.ZipFile(io.BytesIO(data))
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(NS + "si"):
            strings.append("".join(t.text or "" for t in si.iter(NS + "t")))
    rows = {}
    for row in ET.fromstring(z.read(sheet)).iter(NS + "row"):
        cells = {}
        for c in row.findall(NS + "c"):
            v = c.find(NS + "v")
            if c.get("t") == "s" and v is not None:
                val = strings[int(v.text)]
            elif c.get("t") == "inlineStr":
                val = "".join(x.text or "" for x in c.iter(NS + "t"))
            else:
                val = v.text if v is not None else None
            cells[col_index(c.get("r"))] = val
        rows[int(row.get("r"))] = cells
    return rows


def render(header, replies):
    """Shared layout of r4-zhengwu.yaml (also used to check a hand-made copy)."""
    return _rebuild.render(["# Text of the replies listed in r4-zhengwu.pointers.yaml: 2020 Teddy Cup problem C (智慧政务) data, collected",
             "# from public message boards, no licence; keep this file out of the project repository (rebuild it with rebuild_zhengwu.py)."],
                           header, replies)


def main():
    a, commit, header, pointers = _rebuild.arguments_and_pointers(
        _R, "r4-zhengwu", "local", ("id", "file", "sheet", "row", "dialogue", "column", "start", "end", "sha1", "lang", "channel", "industry"))
    cache, replies, bad = {}, [], []
    for p in pointers:
        key = (p["file"], p["sheet"])
        if key not in cache:
            try:
                rows = read_sheet(read_source(a.clone, commit, p["file"]), p["sheet"])
            except (zipfile.BadZipFile, KeyError, ET.ParseError, ValueError) as e:
                fail(f"{p['file']} in {a.clone} is not the expected .xlsx workbook: {e}")
            head = {v: i for i, v in (rows.get(1) or {}).items()}
            if ID_COL not in head or REPLY_COL not in head:
                fail(f"{p['file']}: header row lacks the columns {ID_COL} and {REPLY_COL}")
            cache[key] = (rows, head)
        rows, head = cache[key]
        if p["column"] not in head:
            bad.append(f"{p['id']}: column {p['column']!r} is not in the header of {p['file']}")
            continue
        cells = rows.get(int(p["row"]))
        if cells is None:
            bad.append(f"{p['id']}: row {p['row']} not found in {p['file']}")
            continue
        if str(cells.get(head[ID_COL])) != str(p["dialogue"]):
            bad.append(f"{p['id']}: row {p['row']} holds message {cells.get(head[ID_COL])}, not {p['dialogue']}")
            continue
        text = (cells.get(head[p["column"]]) or "")[p["start"]:p["end"]]
        if not _rebuild.check(p, text, f"{p['file']}, row {p['row']}", bad):
            continue
        replies.append({"id": p["id"], "lang": p["lang"], "channel": p["channel"], "industry": p["industry"],
                        "text": text, "expect": p.get("expect") or []})
    if bad:
        fail(f"{len(bad)} pointer(s) do not match the clone; nothing written:\n  " + "\n  ".join(bad))
    _rebuild.write(_R, a.out, NAME, render(header, replies), len(replies))


if __name__ == "__main__":
    main()
