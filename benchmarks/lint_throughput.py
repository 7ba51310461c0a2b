"""Phrasing-linter throughput: a seeded corpus of 100,000 replies (~25 MB JSONL) linted with the full
default rule set, against a bare single-regex scan of the same literal phrases (the floor).

    python benchmarks/lint_throughput.py [--records 100000] [--jobs 2] [--repeat 3] [--keep FILE] [--project DIR]
                                         [--corpus FILE.jsonl]

Prints MB/s end to end (read, JSON decode, fold, scan, context checks, findings), the bare scan's
MB/s, their ratio, peak memory (max RSS) and the run with --jobs. The bare scan and the one-process
lint run alternate --repeat times; the best run of each (timeit's rule: the least disturbed by other
work on the machine) and the median are printed, the ratio from the best runs. CPU time (user +
system) of each lint run is printed too, best and median: on a shared machine it is the figure that
load moves least. The first run of a process also pays one-off work (imports, compiled expressions,
the detectors' dictionary), printed apart.

To compare two versions side by side, run this script from one checkout with the other's code and
rules: `PYTHONPATH=OTHER/src python benchmarks/lint_throughput.py --project OTHER` (the corpus is
the same seeded one).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from aftersales_std.lint import load_rules
from aftersales_std.lint.batch import Options, lint_jsonl

ROOT = Path(__file__).resolve().parents[1]

OPENINGS = ["您好", "{name}您好", "您好，感谢您的耐心等待", "您好，我是客服专员{agent}", "親愛的客戶您好", "您好，我係客服{agent}"]
BODIES = [
    "您的工单 {ticket} 已登记，服务工程师{agent}会在明天 {hh}:00 前与您联系确认上门时间。",
    "检测结果显示主板供电模块故障，属于保修范围，我们将免费为您更换，预计 {d} 个工作日内完成。",
    "退款申请已审核通过，款项会在 {d} 个工作日内原路退回您的支付账户，请留意银行短信。",
    "新机已通过顺丰发出，单号 SF{ticket}，预计 {d} 天内送达，签收时请当面验货。",
    "您反映的异响问题我们已记录，{agent}会在今天 {hh}:00 前给您回电说明处理方案。",
    "您的設備仍在保固期內，技師將於明天上午 {hh} 點到府檢測，請您預留時間。",
    "維修完成後，我們會在 {d} 個工作天內把機器寄回，並以簡訊通知您物流單號。",
    "我哋已經安排師傅聽日 {hh} 點前上門，如有任何問題可以隨時致電熱線。",
    "配件已经到货，请您携带购买凭证到就近的授权服务中心办理更换，全程约 {d} 小时。",
    "为了尽快定位问题，请您把故障视频和机身序列号发给我，我在 {d} 小时内给您答复。",
]
BAD = ["我们会尽快处理。", "这个问题我们研究一下。", "这是厂家的问题，我们也没办法。", "应该可以修好。",
       "你好，请问还有什么问题？", "我们保证100%修好。", "已经给您转二线了。", "您自己去看说明书。",
       "稍後會有專人與您聯繫。", "本机享受三保服务。", "不可能，别人都没问题。", "等我哋睇下點處理先。"]
CLOSINGS = ["祝您生活愉快。", "感谢您的理解与支持。", "如有疑问请随时联系我们。", "謝謝您的耐心。", ""]


def make_corpus(path: Path, records: int, seed: int = 20261122) -> int:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(records):
            parts = [rng.choice(OPENINGS)]
            parts += [rng.choice(BODIES) for _ in range(rng.randint(1, 2))]
            if rng.random() < 0.15:
                parts.insert(rng.randint(1, len(parts)), rng.choice(BAD))
            parts.append(rng.choice(CLOSINGS))
            text = "，".join(p for p in parts if p).format(
                name=rng.choice(["王女士", "陈先生", "李小姐"]), agent=rng.choice(["小李", "王工", "阿欣"]),
                ticket=rng.randint(10_000_000, 99_999_999), hh=rng.randint(9, 18), d=rng.randint(1, 7))
            fh.write(json.dumps({"id": i, "channel": "chat", "text": text}, ensure_ascii=False) + "\n")
    return path.stat().st_size


def bare_scan(path: Path, phrases: list[str]) -> tuple[float, int]:
    """The floor: JSON decode every record and search one alternation of the literal phrases."""
    pattern = re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))
    count = 0
    start = time.perf_counter()
    with path.open("rb") as fh:
        for raw in fh:
            text = json.loads(raw)["text"]
            count += len(pattern.findall(text))
    return time.perf_counter() - start, count


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the bare scan and of the one-process lint")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--project", type=Path, default=ROOT, help="lint with this project's rules (default: this checkout)")
    parser.add_argument("--corpus", type=Path, help="lint this JSONL file ({\"text\": ...} a line) instead of the seeded "
                        "replies (e.g. the corpora lint_compare.py --keep DIR writes)")
    args = parser.parse_args(argv)
    rules = load_rules(args.project)
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus is not None:
            corpus = args.corpus
            size = corpus.stat().st_size
            with corpus.open("rb") as fh:
                args.records = sum(1 for _ in fh)
        else:
            corpus = args.keep or Path(tmp) / "corpus.jsonl"
            size = make_corpus(corpus, args.records)
        mb = size / 1e6
        print(f"corpus: {corpus.name if args.corpus else 'seeded'}, {args.records:,} replies, {mb:.1f} MB; {len(rules)} rules, "
              f"{sum(len(r.tokens) for r in rules.rules)} phrases, {sum(len(r.patterns) for r in rules.rules)} patterns")
        phrases = [t for r in rules.rules for t in r.tokens]
        floors, ones, cpus = [], [], []
        for _ in range(max(1, args.repeat)):
            floor, bare_hits = bare_scan(corpus, phrases)
            start, cpu = time.perf_counter(), time.process_time()
            outcome = lint_jsonl(corpus, "corpus.jsonl", "text", rules, Options(), jobs=1)
            ones.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
            floors.append(floor)
        floor, one = min(floors), min(ones)
        one_cpu = cpus[ones.index(one)]
        start = time.perf_counter()
        outcome_n = lint_jsonl(corpus, "corpus.jsonl", "text", rules, Options(), jobs=args.jobs)
        many = time.perf_counter() - start
        assert len(outcome_n.findings) == len(outcome.findings)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        runs = f"best of {len(ones)}" if len(ones) > 1 else "one run"
        print(f"bare single-regex scan ({len(phrases)} literal phrases), {runs}: {floor:.2f} s, {mb / floor:.1f} MB/s, "
              f"{bare_hits:,} hits (median {statistics.median(floors):.2f} s)")
        print(f"aftersales lint, 1 process, {runs}: {one:.2f} s, {mb / one:.1f} MB/s, {len(outcome.findings):,} findings "
              f"in {outcome.records:,} records; ratio to the bare scan {one / floor:.2f}x")
        print(f"  median {statistics.median(ones):.2f} s, {mb / statistics.median(ones):.1f} MB/s; all runs "
              + ", ".join(f"{t:.2f}" for t in ones) + " s")
        print(f"  (CPU time of the best run: {one_cpu:.2f} s, {mb / one_cpu:.1f} MB/s; wall time counts waits for a "
              "shared core)")
        print(f"  CPU time: best {min(cpus):.3f} s ({mb / min(cpus):.1f} MB/s), median {statistics.median(cpus):.3f} s "
              f"({mb / statistics.median(cpus):.1f} MB/s); first run {cpus[0]:.3f} s; all " + ", ".join(f"{c:.3f}" for c in cpus))
        print(f"aftersales lint, --jobs {args.jobs}: {many:.2f} s, {mb / many:.1f} MB/s")
        print(f"peak memory (max RSS of this process): {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
