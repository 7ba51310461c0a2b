"""Precision and recall of the bundled lint rules on a labelled set of replies.

    python benchmarks/lint_quality.py [--misses] [--markdown] [SET ...]

SET is a file name under tests/fixtures/lint/ (default: eval.yaml), e.g. holdout2.yaml holdout3.yaml.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from aftersales_std.lint import load_rules
from aftersales_std.lint_tools.evaluate import evaluate, table

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "lint"


def report_set(name: str, rules, misses: bool) -> None:
    path = Path(name) if Path(name).is_file() else FIXTURES / name
    data = yaml.safe_load(path.read_text("utf-8"))
    replies = data["replies"]
    report = evaluate(replies, rules)
    print(f"== {path.name}: {len(replies)} replies, {report.acceptable} acceptable, "
          f"{sum(1 for r in replies if r['lang'] == 'zh-Hant')} zh-Hant\n")
    print(table(report))
    print(f"\nfalse positives on acceptable replies: {report.flagged_acceptable}/{report.acceptable} "
          f"= {report.fp_rate:.1%}")
    for lang in ("zh-Hans", "zh-Hant"):
        sub = evaluate(replies, rules, lang=lang)
        o = sub.overall
        print(f"{lang}: precision {o.precision:.2f}, recall {o.recall:.2f}, FP on acceptable {sub.fp_rate:.1%}")
    if misses:
        for cat, text in report.misses:
            print(f"MISS  {cat:<12} {text}")
        for cat, text in report.false_alarms:
            print(f"FALSE {cat:<12} {text}")
    print()


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("--")] or ["eval.yaml"]
    rules = load_rules(ROOT)
    for name in names:
        report_set(name, rules, "--misses" in argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
