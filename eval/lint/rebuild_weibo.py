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
import json
import os
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _rebuild  # noqa: E402 (the scripts' shared part, beside them)

_R = _rebuild.Rebuild("rebuild_weibo", "github.com/SeanCherngTW/NTCIR-STC3-NDDQsubtask")
fail, read_source = _R.fail, _R.read_source

HERE = os.path.dirname(os.path.abspath(__file__))
LANG = "zh-Hans"
CHANNEL = "review-reply"


def render(header, replies):
    """Shared layout of r3-weibo.yaml (also used to check a hand-made copy)."""
    return _rebuild.render(["# Text of the replies listed in r3-weibo.pointers.yaml: NTCIR-14 STC-3 (Weibo), research and",
             "# evaluation use only; keep this file out of the project repository (rebuild it with eval/lint/rebuild_weibo.py)."],
                           header, replies)


def main():
    a, commit, header, pointers = _rebuild.arguments_and_pointers(
        _R, "r3-weibo", "local", ("id", "file", "dialogue", "turn", "utterance", "sha1", "industry"))
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
        if not _rebuild.check(p, text, f"{f}, dialogue {p['dialogue']}", bad):
            continue
        replies.append({"id": p["id"], "lang": LANG, "channel": CHANNEL, "industry": p["industry"],
                        "text": text, "expect": p.get("expect") or []})
    if bad:
        fail(f"{len(bad)} pointer(s) do not match the clone; nothing written:\n  " + "\n  ".join(bad))
    _rebuild.write(_R, a.out, "r3-weibo", render(header, replies), len(replies))


if __name__ == "__main__":
    main()
