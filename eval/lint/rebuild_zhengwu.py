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
import argparse
import hashlib
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "r4-zhengwu"
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ID_COL, REPLY_COL = "留言编号", "答复意见"


def fail(msg):
    print(f"rebuild_zhengwu: error: {msg}", file=sys.stderr)
    sys.exit(1)


def git_dir_of(clone):
    for cand in (os.path.join(clone, ".git"), clone):
        if os.path.isfile(os.path.join(cand, "HEAD")) and os.path.isdir(os.path.join(cand, "objects")):
            return cand
    return None


def read_source(clone, commit, path):
    """Return the bytes of PATH at COMMIT (git) or from the work tree."""
    gd = git_dir_of(clone)
    if gd:
        r = subprocess.run(["git", "--git-dir", gd, "show", f"{commit}:{path}"], capture_output=True)
        if r.returncode == 0 and r.stdout:
            return r.stdout
    wt = os.path.join(clone, path)
    if os.path.isfile(wt):
        return open(wt, "rb").read()
    fail(f"{path} at commit {commit} is not in {clone} (neither in its git history nor in its work tree); "
         "pass a full clone of github.com/15625103741/Text-Mining")


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


def dump(doc):
    return yaml.dump(doc, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)


def render(header, replies):
    """Shared layout of r4-zhengwu.yaml (also used to check a hand-made copy)."""
    lines = ["# Text of the replies listed in r4-zhengwu.pointers.yaml: 2020 Teddy Cup problem C (智慧政务) data, collected",
             "# from public message boards, no licence; keep this file out of the project repository (rebuild it with rebuild_zhengwu.py).",
             dump(header).rstrip("\n"), "replies:"]
    for r in replies:
        item = dump([{"id": r["id"], "lang": r["lang"], "channel": r["channel"], "industry": r["industry"],
                      "text": r["text"], "expect": r["expect"]}])
        lines.append(item.rstrip("\n"))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description="Rebuild r4-zhengwu.yaml from its pointers and a clone.")
    ap.add_argument("clone")
    ap.add_argument("--pointers", default=os.path.join(HERE, f"{NAME}.pointers.yaml"))
    ap.add_argument("--out", default=os.path.join(HERE, "local-blind", f"{NAME}.yaml"))
    a = ap.parse_args()
    if not os.path.isdir(a.clone):
        fail(f"clone directory {a.clone} does not exist")
    try:
        ptr = yaml.safe_load(open(a.pointers, encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        fail(f"cannot read pointers file {a.pointers}: {e}")
    try:
        commit = ptr["origin"]["commit"]
        pointers = ptr["pointers"]
        header = {"version": ptr.get("version", 1), "source": ptr["source"], "split": ptr["split"],
                  "brief": ptr["brief"]}
        for p in pointers:
            for k in ("id", "file", "sheet", "row", "dialogue", "column", "start", "end", "sha1",
                      "lang", "channel", "industry"):
                p[k]
    except (TypeError, KeyError) as e:
        fail(f"{a.pointers}: missing key {e}; expected version, source, split, brief, origin.commit and "
             "pointers with id, file, sheet, row, dialogue, column, start, end, sha1, lang, channel, industry, expect")
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
        sha = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        if sha != str(p["sha1"]):
            bad.append(f"{p['id']}: sha1 {sha} differs from the recorded {p['sha1']} ({p['file']}, row {p['row']})")
            continue
        for e in p.get("expect") or []:
            if e["span"] not in text:
                bad.append(f"{p['id']}: span {e['span']!r} is not in the text")
        replies.append({"id": p["id"], "lang": p["lang"], "channel": p["channel"], "industry": p["industry"],
                        "text": text, "expect": p.get("expect") or []})
    if bad:
        fail(f"{len(bad)} pointer(s) do not match the clone; nothing written:\n  " + "\n  ".join(bad))
    out = render(header, replies)
    d = os.path.dirname(os.path.abspath(a.out))
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=d, prefix=f".{NAME}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(out)
    os.replace(tmp, a.out)
    print(f"rebuild_zhengwu: wrote {len(replies)} replies to {a.out} (all {len(replies)} hashes match)")


if __name__ == "__main__":
    main()
