"""What the rebuild scripts of the pointer-only sources share (rebuild_weibo.py, rebuild_zhengwu.py):
reading a file of the source's clone at the recorded commit, the labelled set's layout, and errors."""
import os
import subprocess
import sys

import yaml


class Rebuild:
    """One script's name (for its messages) and the repository its source comes from."""

    def __init__(self, tool, repository):
        self.tool, self.repository = tool, repository

    def fail(self, msg):
        print(f"{self.tool}: error: {msg}", file=sys.stderr)
        sys.exit(1)

    def read_source(self, clone, commit, path):
        """The bytes of PATH at COMMIT (when the clone has that commit), else from its work tree."""
        gd = git_dir_of(clone)
        if gd:
            r = subprocess.run(["git", "--git-dir", gd, "show", f"{commit}:{path}"], capture_output=True)
            if r.returncode == 0 and r.stdout:
                return r.stdout
        wt = os.path.join(clone, path)
        if os.path.isfile(wt):
            with open(wt, "rb") as fh:
                return fh.read()
        self.fail(f"{path} at commit {commit} is not in {clone} (neither in its git history nor in its work tree); "
                  f"pass a full clone of {self.repository}")


def git_dir_of(clone):
    for cand in (os.path.join(clone, ".git"), clone):
        if os.path.isfile(os.path.join(cand, "HEAD")) and os.path.isdir(os.path.join(cand, "objects")):
            return cand
    return None


def dump(doc):
    return yaml.dump(doc, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)


def render(comment, header, replies):
    """The labelled set: comment lines, the header, then each reply's id, lang, channel, industry, text, expect."""
    lines = [*comment, dump(header).rstrip("\n"), "replies:"]
    for r in replies:
        item = dump([{"id": r["id"], "lang": r["lang"], "channel": r["channel"], "industry": r["industry"],
                      "text": r["text"], "expect": r["expect"]}])
        lines.append(item.rstrip("\n"))
    return "\n".join(lines) + "\n"


def check(p, text, where, bad):
    """The reply's text against its pointer: the recorded sha1 prefix and every labelled span; problems
    go to `bad`. True when the text is the one that was labelled."""
    import hashlib
    sha = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    if sha != str(p["sha1"]):
        bad.append(f"{p['id']}: sha1 {sha} differs from the recorded {p['sha1']} ({where})")
        return False
    for e in p.get("expect") or []:
        if e["span"] not in text:
            bad.append(f"{p['id']}: span {e['span']!r} is not in the text")
    return True


def write(rebuild, out_path, name, text, count):
    """Write the rebuilt set atomically (a temporary file beside it, then a rename) and say so."""
    import tempfile
    d = os.path.dirname(os.path.abspath(out_path))
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=d, prefix=f".{name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, out_path)
    print(f"{rebuild.tool}: wrote {count} replies to {out_path} (all {count} hashes match)")


def arguments_and_pointers(rebuild, name, folder, keys):
    """Parse CLONE [--pointers FILE] [--out FILE] and read the pointers file: (args, commit, header,
    pointers), or a message and exit 1 when the clone is missing or the file lacks a key."""
    import argparse
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=f"Rebuild {name}.yaml from its pointers and a clone.")
    ap.add_argument("clone")
    ap.add_argument("--pointers", default=os.path.join(here, f"{name}.pointers.yaml"))
    ap.add_argument("--out", default=os.path.join(here, folder, f"{name}.yaml"))
    a = ap.parse_args()
    if not os.path.isdir(a.clone):
        rebuild.fail(f"clone directory {a.clone} does not exist")
    try:
        with open(a.pointers, encoding="utf-8") as fh:
            ptr = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as e:
        rebuild.fail(f"cannot read pointers file {a.pointers}: {e}")
    try:
        commit = ptr["origin"]["commit"]
        pointers = ptr["pointers"]
        header = {"version": ptr.get("version", 1), "source": ptr["source"], "split": ptr["split"],
                  "brief": ptr["brief"]}
        for p in pointers:
            for k in keys:
                p[k]
    except (TypeError, KeyError) as e:
        rebuild.fail(f"{a.pointers}: missing key {e}; expected version, source, split, brief, origin.commit and "
                     f"pointers with {', '.join(keys)}, expect")
    return a, commit, header, pointers
