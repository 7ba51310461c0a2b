"""Precision and recall of the bundled lint rules on tests/fixtures/lint/eval.yaml.

    python benchmarks/lint_quality.py [--misses]
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from aftersales_std.lint import load_rules
from aftersales_std.lint.evaluate import evaluate, table

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "lint" / "eval.yaml").read_text("utf-8"))
    rules = load_rules(ROOT)
    replies = data["replies"]
    report = evaluate(replies, rules)
    print(f"{len(replies)} replies, {report.acceptable} acceptable, "
          f"{sum(1 for r in replies if r['lang'] == 'zh-Hant')} zh-Hant\n")
    print(table(report))
    print(f"\nfalse positives on acceptable replies: {report.flagged_acceptable}/{report.acceptable} "
          f"= {report.fp_rate:.1%}")
    for lang in ("zh-Hans", "zh-Hant"):
        sub = evaluate(replies, rules, lang=lang)
        o = sub.overall
        print(f"{lang}: precision {o.precision:.2f}, recall {o.recall:.2f}, FP on acceptable {sub.fp_rate:.1%}")
    if "--misses" in argv:
        for cat, text in report.misses:
            print(f"MISS  {cat:<12} {text}")
        for cat, text in report.false_alarms:
            print(f"FALSE {cat:<12} {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
