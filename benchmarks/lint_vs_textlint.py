"""`aftersales lint` side by side with textlint + textlint-rule-prh, in the same run.

    python benchmarks/lint_vs_textlint.py [--textlint-dir DIR] [--repeat 5] [--records 100000]

textlint: `npm install textlint textlint-rule-prh` into --textlint-dir (default: a new temporary
folder; the install is skipped when DIR/node_modules/.bin/textlint exists). The npm registry must be
reachable for the first install. Both tools are run as their users run them: one process per
command, from the shell, wall-clock time; the runs of the two tools alternate --repeat times and the
median (and best) of each is printed.

The prh dictionary: 40 substitutions derived from the bundled glossary (its deprecated and regional
designations -> the preferred term, the TM01 rule's own list), written as prh.yml; our side
imports the same file with `aftersales rules import-prh` and lints with `--rules` on those rules only.

(a) one small reply file, our full default rules with a warm cache, textlint with the 40 phrases;
(b) 100,000 replies (benchmarks/lint_throughput.py's corpus, one reply a line in a .txt file), the
    same 40-phrase dictionary on both sides: times and findings counted (ours must find at least
    textlint's);
(d) our first run with an empty cache (AFTERSALES_CACHE_DIR pointed at a new folder each time), and
    the same run with the cache warm.
Throughput (c) is benchmarks/lint_throughput.py.

Before timing, the package's bytecode is compiled (`python -m compileall`), as `pip install` does:
an environment with PYTHONDONTWRITEBYTECODE set (or a checkout whose sources just changed) would
otherwise compile our modules from source on every run. Besides wall-clock time, the CPU time (user +
system) of each run is printed: on a machine shared with other work, wall time counts the waits for
a core (and node runs its garbage collector on other threads), CPU time does not.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from lint_throughput import make_corpus  # noqa: E402

SMALL = "您好，您的工单已登记。我们会尽快处理，稍后给您回复。\n这台机器的保固期还没过，请提供购买证明。\n"


def aftersales() -> list[str]:
    exe = shutil.which("aftersales", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "aftersales_std"]


def install_textlint(folder: Path) -> Path:
    binary = folder / "node_modules" / ".bin" / "textlint"
    if not binary.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "init", "-y"], cwd=folder, check=True, capture_output=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "textlint", "textlint-rule-prh"],
                       cwd=folder, check=True, capture_output=True)
    return binary


def prh_dictionary(path: Path, size: int = 40) -> int:
    """40 glossary substitutions as a prh dictionary."""
    from aftersales_std.lint.rules.loader import project_glossary
    from aftersales_std.lint.rules import glossary_swaps
    from aftersales_std.project import open_project
    glossary = project_glossary(open_project(ROOT))
    assert glossary is not None
    entries: dict[str, str] = {}
    for which in ("deprecated", "regional"):
        swaps, _protect, _hant = glossary_swaps(glossary, which)
        for phrase, options in sorted(swaps.items()):
            if phrase.isascii() or phrase in entries:
                continue
            entries[phrase] = options[0]
    chosen = sorted(entries.items())[:size]
    lines = ["version: 1", "rules:"]
    for phrase, expected in chosen:
        lines += [f"  - expected: {json.dumps(expected, ensure_ascii=False)}",
                  f"    pattern: {json.dumps(phrase, ensure_ascii=False)}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(chosen)


CPU: dict[str, list[float]] = {}  # CPU time (user + system) of each timed run, by the name given


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None,
          name: str | None = None) -> tuple[float, subprocess.CompletedProcess[str]]:
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if name is not None:
        CPU.setdefault(name, []).append(_children_cpu() - cpu)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:3])}… failed ({done.returncode}): {done.stderr[-1500:]}")
    return elapsed, done


def ours_count(out: str) -> int:
    data = json.loads(out)
    return len(data["findings"] if isinstance(data, dict) else data)


def textlint_count(out: str) -> int:
    return sum(len(f["messages"]) for f in json.loads(out))


def line(name: str, times: list[float], key: str | None = None) -> str:
    out = f"{name:<46} median {statistics.median(times):6.3f} s   best {min(times):6.3f} s   ({len(times)} runs)"
    if key in CPU:
        out += f"; CPU median {statistics.median(CPU[key]):6.3f} s"
    return out


def compile_bytecode() -> None:
    """Our modules' bytecode, as an installed package has it (see the module's docstring)."""
    import aftersales_std
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(aftersales_std.__file__).parent)],
                   check=True, capture_output=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--textlint-dir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--small-only", action="store_true", help="run (a) and (d) only, not the 100,000 replies")
    args = parser.parse_args(argv)
    compile_bytecode()
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        textlint = install_textlint(args.textlint_dir or tmp / "textlint")
        work = tmp / "work"
        work.mkdir()
        phrases = prh_dictionary(work / "prh.yml")
        (work / ".textlintrc.json").write_text(json.dumps(
            {"rules": {"prh": {"rulePaths": [str(work / "prh.yml")]}}}), encoding="utf-8")
        subprocess.run([*aftersales(), "rules", "import-prh", str(work / "prh.yml"), "--output", str(work / "prh-rules")],
                       cwd=work, check=True, capture_output=True)
        small = work / "reply.txt"
        small.write_text(SMALL, encoding="utf-8")
        corpus = tmp / "replies.jsonl"
        make_corpus(corpus, args.records)
        big = work / "replies.txt"
        with corpus.open(encoding="utf-8") as src, big.open("w", encoding="utf-8") as out:
            for raw in src:
                out.write(json.loads(raw)["text"].replace("\n", " ") + "\n")
        mb = big.stat().st_size / 1e6
        cache = tmp / "cache"
        env = dict(os.environ, AFTERSALES_CACHE_DIR=str(cache))
        lint = [*aftersales(), "lint", "--project", str(ROOT), "--format", "json"]
        tl = [str(textlint), "--format", "json"]
        timed([*lint, str(small)], work, env)  # the cache is warm from here on
        results: dict[str, list[float]] = {k: [] for k in ("a_ours", "a_textlint", "b_ours", "b_textlint",
                                                              "d_cold", "d_warm")}
        counts: dict[str, int] = {}
        for i in range(args.repeat):
            pairs = [("a_ours", [*lint, str(small)]), ("a_textlint", [*tl, str(small)]),
                     ("b_ours", [*lint, "--rules", str(work / "prh-rules"), str(big)]), ("b_textlint", [*tl, str(big)])]
            if i % 2:
                pairs = [pairs[1], pairs[0], pairs[3], pairs[2]]  # alternate which tool goes first
            if args.small_only:
                pairs = pairs[:2]
            for name, cmd in pairs:
                elapsed, done = timed(cmd, work, env, name)
                results[name].append(elapsed)
                counts[name] = ours_count(done.stdout) if "ours" in name else textlint_count(done.stdout)
            cold_env = dict(os.environ, AFTERSALES_CACHE_DIR=str(tmp / f"cold{i}"))
            results["d_cold"].append(timed([*lint, str(small)], work, cold_env, "d_cold")[0])
            results["d_warm"].append(timed([*lint, str(small)], work, cold_env, "d_warm")[0])
        print(f"prh dictionary: {phrases} phrases; corpus: {args.records} replies, {mb:.1f} MB")
        med = statistics.median
        print(line("(a) one small file, ours (full rules, warm)", results["a_ours"], "a_ours")
              + f"  findings {counts['a_ours']}")
        print(line("(a) one small file, textlint + prh", results["a_textlint"], "a_textlint")
              + f"  findings {counts['a_textlint']}")
        print(f"    ours / textlint (medians): {med(results['a_ours']) / med(results['a_textlint']):.2f} wall, "
              f"{med(CPU['a_ours']) / med(CPU['a_textlint']):.2f} CPU")
        if not args.small_only:
            print(line("(b) 100k replies, ours (prh rules)", results["b_ours"], "b_ours") + f"  findings {counts['b_ours']}")
            print(line("(b) 100k replies, textlint + prh", results["b_textlint"], "b_textlint")
                  + f"  findings {counts['b_textlint']}")
            print(f"    textlint / ours (medians): {med(results['b_textlint']) / med(results['b_ours']):.1f}x wall, "
                  f"{med(CPU['b_textlint']) / med(CPU['b_ours']):.1f}x CPU")
        print(line("(d) one small file, ours, cold cache", results["d_cold"], "d_cold"))
        print(line("(d) the same, second run (warm)", results["d_warm"], "d_warm"))
        print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
