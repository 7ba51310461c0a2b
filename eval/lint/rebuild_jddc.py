"""Rebuild the blind sets of real JD.com agent chat turns (r1-jddc, r2-jddc) from a clone of their source.

The sets' text is not kept in this repository: its source (github.com/xiaolinAndy/CSDS, built on JD.com's
JDDC corpus) states no licence. Each `eval/lint/*-jddc.pointers.yaml` holds, for each reply, the file, line and
character range of its text at the recorded commit, a hash of the text and the hand-made labels.

    git clone https://github.com/xiaolinAndy/CSDS /tmp/CSDS
    python eval/lint/rebuild_jddc.py /tmp/CSDS          # writes eval/lint/local/<source>.yaml (git-ignored)
    python benchmarks/lint_blind.py eval/lint/local/r1-jddc.yaml eval/lint/local/r2-jddc.yaml

A second argument names one pointers file; without it every `*-jddc.pointers.yaml` beside this script is rebuilt.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(__doc__, file=sys.stderr)
        return 2
    repo = Path(argv[0])
    pointers = [Path(argv[1])] if len(argv) == 2 else sorted(HERE.glob("*-jddc.pointers.yaml"))
    for path in pointers:
        code = rebuild(repo, path)
        if code:
            return code
    return 0


def rebuild(repo: Path, path: Path) -> int:
    if not path.is_file():
        print(f"{path}: no such pointers file", file=sys.stderr)
        return 2
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    out = HERE / "local" / f"{spec['source']}.yaml"
    out.parent.mkdir(exist_ok=True)
    head = {k: spec[k] for k in ("version", "source", "split", "brief")}
    out.write_text(yaml.safe_dump({**head, "replies": replies}, allow_unicode=True, sort_keys=False, width=200),
                   encoding="utf-8")
    print(f"{out}: {len(replies)} replies")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
