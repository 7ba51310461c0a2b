"""Rebuild the r1-jddc blind set (real JD.com agent chat turns) from a clone of its source.

The set's text is not kept in this repository: its source (github.com/xiaolinAndy/CSDS, built on JD.com's
JDDC corpus) states no licence. `r1-jddc.pointers.yaml` holds, for each reply, the file, line and character
range of its text at the recorded commit, a hash of the text and the hand-made labels.

    git clone https://github.com/xiaolinAndy/CSDS /tmp/CSDS
    python eval/lint/rebuild_r1.py /tmp/CSDS            # writes eval/lint/local/r1-jddc.yaml (git-ignored)
    python benchmarks/lint_blind.py eval/lint/local/r1-jddc.yaml
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    repo = Path(argv[0])
    spec = yaml.safe_load((HERE / "r1-jddc.pointers.yaml").read_text(encoding="utf-8"))
    commit = spec["origin"]["commit"]
    files: dict[str, list[str]] = {}
    replies = []
    for p in spec["pointers"]:
        if p["file"] not in files:
            shown = subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{p['file']}"],
                                   capture_output=True, text=True)
            if shown.returncode != 0:
                print(f"{repo}: cannot read {p['file']} at {commit}: {shown.stderr.strip()}", file=sys.stderr)
                return 1
            files[p["file"]] = shown.stdout.split("\n")
        line = files[p["file"]][p["line"] - 1]
        text = line[p["start"]:p["start"] + p["length"]]
        if hashlib.sha1(text.encode()).hexdigest()[:12] != p["sha1"]:
            print(f"{p['id']}: the text at {p['file']}:{p['line']} does not match its hash", file=sys.stderr)
            return 1
        replies.append({"id": p["id"], "lang": "zh-Hans", "channel": "chat", "industry": p["industry"],
                        "text": text, "expect": p["expect"]})
    out = HERE / "local" / "r1-jddc.yaml"
    out.parent.mkdir(exist_ok=True)
    head = {k: spec[k] for k in ("version", "source", "split", "brief")}
    out.write_text(yaml.safe_dump({**head, "replies": replies}, allow_unicode=True, sort_keys=False, width=200),
                   encoding="utf-8")
    print(f"{out}: {len(replies)} replies")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
