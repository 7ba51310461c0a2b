#!/usr/bin/env python3
"""Rebuild r3-weibo.yaml (reply text + labels) from r3-weibo.pointers.yaml and a clone of
github.com/SeanCherngTW/NTCIR-STC3-NDDQsubtask.

The NTCIR-14 STC-3 dialogues are for non-commercial research and evaluation only, so only the
pointers (file, dialogue id, turn, utterance, sha1 prefix, labels) are kept with the project; this
script fetches each reply's text from the clone, checks its hash and writes the labelled set.

usage: python eval/lint/rebuild_weibo.py CLONE [--pointers FILE] [--out FILE]
  CLONE  a clone of the repository: a work tree (CLONE/data/...) or a git directory; the file is
         read at the pointers' commit with `git show` when the clone has that commit, otherwise
         from the work tree.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
LANG = "zh-Hans"
CHANNEL = "review-reply"


def fail(msg):
    print(f"rebuild_weibo: error: {msg}", file=sys.stderr)
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
         "pass a full clone of github.com/SeanCherngTW/NTCIR-STC3-NDDQsubtask")


def dump(doc):
    return yaml.dump(doc, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)


def render(header, replies):
    """Shared layout of r3-weibo.yaml (also used to check a hand-made copy)."""
    lines = ["# Text of the replies listed in r3-weibo.pointers.yaml: NTCIR-14 STC-3 (Weibo), research and",
             "# evaluation use only; keep this file out of the project repository (rebuild it with eval/lint/rebuild_weibo.py).",
             dump(header).rstrip("\n"), "replies:"]
    for r in replies:
        item = dump([{"id": r["id"], "lang": r["lang"], "channel": r["channel"], "industry": r["industry"],
                      "text": r["text"], "expect": r["expect"]}])
        lines.append(item.rstrip("\n"))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description="Rebuild r3-weibo.yaml from its pointers and a clone.")
    ap.add_argument("clone")
    ap.add_argument("--pointers", default=os.path.join(HERE, "r3-weibo.pointers.yaml"))
    ap.add_argument("--out", default=os.path.join(HERE, "local", "r3-weibo.yaml"))
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
            for k in ("id", "file", "dialogue", "turn", "utterance", "sha1", "industry"):
                p[k]
    except (TypeError, KeyError) as e:
        fail(f"{a.pointers}: missing key {e}; expected version, source, split, brief, origin.commit and "
             "pointers with id, file, dialogue, turn, utterance, sha1, industry, expect")
    cache, replies, bad = {}, [], []
    for p in pointers:
        f = p["file"]
        if f not in cache:
            try:
                cache[f] = {dlg["id"]: dlg for dlg in json.loads(read_source(a.clone, commit, f).decode("utf-8"))}
            except (ValueError, KeyError, TypeError) as e:
                fail(f"{f} in {a.clone} is not the expected JSON dialogue list: {e}")
        dlg = cache[f].get(str(p["dialogue"]))
        try:
            turn = dlg["turns"][p["turn"]]
            text = turn["utterances"][p["utterance"]]
        except (TypeError, IndexError, KeyError):
            bad.append(f"{p['id']}: dialogue {p['dialogue']} turn {p['turn']} utterance {p['utterance']} not found in {f}")
            continue
        if turn.get("sender") != "helpdesk":
            bad.append(f"{p['id']}: turn {p['turn']} of dialogue {p['dialogue']} is not a helpdesk turn")
        sha = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        if sha != str(p["sha1"]):
            bad.append(f"{p['id']}: sha1 {sha} differs from the recorded {p['sha1']} ({f}, dialogue {p['dialogue']})")
            continue
        for e in p.get("expect") or []:
            if e["span"] not in text:
                bad.append(f"{p['id']}: span {e['span']!r} is not in the text")
        replies.append({"id": p["id"], "lang": LANG, "channel": CHANNEL, "industry": p["industry"],
                        "text": text, "expect": p.get("expect") or []})
    if bad:
        fail(f"{len(bad)} pointer(s) do not match the clone; nothing written:\n  " + "\n  ".join(bad))
    out = render(header, replies)
    d = os.path.dirname(os.path.abspath(a.out))
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".r3-weibo.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(out)
    os.replace(tmp, a.out)
    print(f"rebuild_weibo: wrote {len(replies)} replies to {a.out} (all {len(replies)} hashes match)")


if __name__ == "__main__":
    main()
