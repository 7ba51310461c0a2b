"""Our concrete-time grammar against jionlp's time extractor, on labelled sentences (eval/time/).

    python benchmarks/time_detector.py [SET.yaml ...]      (jionlp in another venv: --jionlp PYTHON)

Issue 14 asks to evaluate a well-kept time-expression parser against a grammar of our own and keep
the better on our data. Each labelled sentence lists the concrete times in it (exact substrings; an
empty list when it has none). Reported for each extractor:
- sentence accuracy on "has a concrete time" (what a rule condition asks), with misses and false alarms;
- span recall (a labelled time overlapped by a found one) and span precision;
- time per sentence.
jionlp is not a dependency of the project (2.5 s to import, 19 MB); install it in a scratch venv and
pass that venv's python with --jionlp.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import yaml

from aftersales_std.lint.detectors.concrete_time import concrete_times

ROOT = Path(__file__).resolve().parents[1]

JIONLP_SCRIPT = r"""
import json, sys, time
import jionlp as jio
texts = json.load(sys.stdin)
base = time.mktime((2026, 12, 7, 10, 0, 0, 0, 0, -1))
out = []
t0 = time.perf_counter()
for text in texts:
    try:
        found = jio.ner.extract_time(text, time_base=base, with_parsing=False)
    except Exception:
        found = []
    out.append([f["offset"] for f in found])
print(json.dumps({"spans": out, "seconds": time.perf_counter() - t0}))
"""


def ours(texts: list[str]) -> tuple[list[list[tuple[int, int]]], float]:
    t0 = time.perf_counter()
    spans = [[(t.start, t.end) for t in concrete_times(text)] for text in texts]
    return spans, time.perf_counter() - t0


def jionlp(python: str, texts: list[str]) -> tuple[list[list[tuple[int, int]]], float]:
    proc = subprocess.run([python, "-c", JIONLP_SCRIPT], input=json.dumps(texts), capture_output=True,
                          text=True, check=True)
    doc = json.loads(proc.stdout.strip().splitlines()[-1])
    return [[tuple(o) for o in s] for s in doc["spans"]], doc["seconds"]


def labelled(items: list[dict]) -> list[list[tuple[int, int]]]:
    out = []
    for item in items:
        spans = []
        for t in item.get("times") or []:
            start = item["text"].index(t)
            spans.append((start, start + len(t)))
        out.append(spans)
    return out


def report(name: str, items: list[dict], gold: list, found: list, seconds: float, show: bool) -> None:
    n = len(items)
    right = sum(bool(g) == bool(f) for g, f in zip(gold, found))
    labels = sum(len(g) for g in gold)
    caught = sum(any(a < d and b > c for c, d in f) for g, f in zip(gold, found) for a, b in g)
    spans = sum(len(f) for f in found)
    good = sum(any(a < d and b > c for a, b in g) for g, f in zip(gold, found) for c, d in f)
    print(f"{name:8} sentence accuracy {right}/{n} = {right / n:.1%}; span recall {caught}/{labels} = "
          f"{caught / max(labels, 1):.1%}; span precision {good}/{spans} = {good / max(spans, 1):.1%}; "
          f"{seconds / n * 1e6:.0f} µs per sentence")
    if show:
        for item, g, f in zip(items, gold, found):
            if bool(g) != bool(f):
                kind = "MISS " if g else "FALSE"
                print(f"  {kind} {item['text']}  found={[item['text'][a:b] for a, b in f]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", type=Path)
    ap.add_argument("--jionlp", help="a python that has jionlp installed")
    ap.add_argument("--errors", action="store_true", help="list the sentences each extractor gets wrong")
    args = ap.parse_args(argv)
    paths = args.sets or sorted((ROOT / "eval" / "time").glob("*.yaml"))
    if not paths:
        print("no labelled sets (eval/time/*.yaml)", file=sys.stderr)
        return 2
    items: list[dict] = []
    for p in paths:
        items += yaml.safe_load(p.read_text("utf-8"))["items"]
    texts = [i["text"] for i in items]
    gold = labelled(items)
    print(f"{len(items)} sentences from {', '.join(p.name for p in paths)}")
    found, secs = ours(texts)
    report("ours", items, gold, found, secs, args.errors)
    if args.jionlp:
        found, secs = jionlp(args.jionlp, texts)
        report("jionlp", items, gold, found, secs, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
