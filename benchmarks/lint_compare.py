"""Do two versions of the linter give the same findings? Runs a base revision's linter and this
checkout's on the same corpora and diffs their findings.

    python benchmarks/lint_compare.py [--base REV] [--records 20000] [--fuzz 20000] [--keep DIR]

The base revision (its code, rules and glossary) is exported with `git archive` into a temporary
folder and run from there (PYTHONPATH=<export>/src, --project <export>) with this environment's
Python and packages; both run without the rules cache. Corpora:
- the throughput corpus (benchmarks/lint_throughput.py's seeded replies), as JSONL;
- a fuzz corpus: seeded random texts built from every rule's examples, phrases and swap entries cut
  and joined with punctuation, quotes, Jinja placeholders, Markdown, traditional characters, ASCII
  words, digits and line breaks, as JSONL;
- every string of the labelled reply files of tests/fixtures/lint/, as JSONL;
- every string of the dev evaluation sets, eval/lint/dev/*.yaml (real-shaped chat, unpunctuated and
  spaced replies, Hong Kong and Taiwan wording), as JSONL.
Findings are compared on (file, line, column, end, code, severity, match, message, suggestion,
replacement); the script prints the counts and the first differences, and exits 1 when they differ.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from lint_throughput import make_corpus  # noqa: E402

KEYS = ("path", "line", "column", "end_line", "end_column", "code", "severity", "match", "message",
        "suggestion", "replacement")
NOISE = ["，", "。", "！", "？", "、", "；", "：", ",", ".", " ", "\n", "\n\n", "“", "”", "「", "」", "\"", "(", ")",
         "> ", "# ", "- ", "{{ deadline }}", "{{ name }}", "{% if x %}", "{# note #}", "OK", "SN", "app", "3", "18:00",
         "明天", "3 个工作日内", "您", "我们", "哦", "呢", "吧", "亲", "客服", "售後", "維修", "保固"]


def fuzz_texts(count: int, seed: int = 13) -> list[str]:
    import yaml
    pieces: list[str] = []
    for path in sorted((ROOT / "checks").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for kind in ("bad", "good"):
            pieces += (data.get("examples") or {}).get(kind, [])
        pieces += data.get("tokens", []) + list((data.get("swap") or {}))
        pieces += [str(v) for v in (data.get("swap") or {}).values() if isinstance(v, str)]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 8)):
            piece = rng.choice(pieces)
            if rng.random() < 0.3 and len(piece) > 2:  # a cut piece: a match may start or end anywhere
                a = rng.randrange(len(piece))
                piece = piece[a:a + rng.randint(1, len(piece))]
            parts.append(piece)
            if rng.random() < 0.6:
                parts.append(rng.choice(NOISE))
        out.append("".join(parts))
    return out


def label_texts(folder: Path = ROOT / "tests" / "fixtures" / "lint") -> list[str]:
    """Every string in the labelled reply files of `folder` (tests/fixtures/lint/ by default)."""
    import yaml
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted(folder.glob("*.yaml")):
        walk(yaml.safe_load(path.read_text("utf-8")))
    return out


def export(rev: str, into: Path) -> Path:
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src", "checks", "glossary", "aftersales.yaml"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def run(tree: Path, args: list[str], cwd: Path) -> list[dict]:
    """Lint with the code and the rules of `tree` (a checkout or an export)."""
    env = dict(os.environ, PYTHONPATH=str(tree / "src"), AFTERSALES_NO_CACHE="1")
    done = subprocess.run([sys.executable, "-m", "aftersales_std", "lint", "--project", str(tree),
                           "--format", "json", *args], capture_output=True, text=True, env=env, cwd=cwd)
    if done.returncode not in (0, 1):
        raise SystemExit(f"lint failed ({done.returncode}) with {tree}: {done.stderr[-2000:]}")
    data = json.loads(done.stdout)
    findings = data["findings"] if isinstance(data, dict) else data
    return sorted((tuple(str(f.get(k)) for k in KEYS) for f in findings))  # type: ignore[misc]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="main", help="git revision to compare with (default: main)")
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--fuzz", type=int, default=20000)
    parser.add_argument("--keep", type=Path, help="write the corpora here and keep them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpora = args.keep or tmp
        corpora.mkdir(parents=True, exist_ok=True)
        replies = corpora / "replies.jsonl"
        make_corpus(replies, args.records)
        fuzz = corpora / "fuzz.jsonl"
        with fuzz.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(fuzz_texts(args.fuzz)):
                fh.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
        labelled = corpora / "labelled.jsonl"
        with labelled.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(label_texts()):
                fh.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
        dev = corpora / "dev.jsonl"
        with dev.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(label_texts(ROOT / "eval" / "lint" / "dev")):
                fh.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
        base_src = export(args.base, tmp / "base")
        ours_src = ROOT
        differ = 0
        for name, lint_args in (("replies", ["--jsonl", str(replies)]), ("fuzz", ["--jsonl", str(fuzz)]),
                                ("labelled", ["--jsonl", str(labelled)]), ("dev", ["--jsonl", str(dev)])):
            base = run(base_src, lint_args, corpora)
            ours = run(ours_src, lint_args, corpora)
            only_base = sorted(set(base) - set(ours))
            only_ours = sorted(set(ours) - set(base))
            same = base == ours
            print(f"{name}: base {len(base)} findings, ours {len(ours)}: {'identical' if same else 'DIFFERENT'}")
            for row in only_base[:10]:
                print("  only base:", dict(zip(KEYS, row)))
            for row in only_ours[:10]:
                print("  only ours:", dict(zip(KEYS, row)))
            differ += not same
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
