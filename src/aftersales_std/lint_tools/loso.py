"""What the model rules (BL09, DS09, OP09) add, leave-one-source-out, on the development sets.

    python -m aftersales_std.lint_tools.loso [eval/lint/dev] [--fp-target 0.003] [--markdown OUT]

For each development source S (one file of eval/lint/dev/, one writer with one brief) and each model
category (blame, dismissive, overpromise):

1. train the model as `aftersales rules train` does (L1 logistic regression over the distinct 2- and
   3-character strings) on everything but S: tests/fixtures/lint/*.yaml, the other dev sources (a
   reply counts for a category when one of its labels has it) and every sentence of the vetted reply
   templates and glossary as acceptable examples;
2. calibrate its threshold for precision without looking at S: the lowest probability at which the
   model flags at most `--fp-target` of the acceptable replies of the training files, scored out of
   fold (grouped by file, 5 folds), with 0.8 (the shipped threshold) as the floor;
3. lint S with the phrase rules alone, with the shipped models, and with the retrained ones, and count
   per category the labelled spans caught (a finding of the category overlapping the span, as
   benchmarks/lint_blind.py counts them) and the acceptable replies with any finding.

The linter is run in process (RuleSet.scan) with the project's rules; a model rule is put in or left
out by building the rule set with or without it. Nothing is written to checks/. Needs scikit-learn.
"""
from __future__ import annotations

import argparse
import dataclasses
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, Sequence

import yaml

from aftersales_std.lint.matchers.classifier import Model
from aftersales_std.lint.matchers.engine import RuleSet, mask_placeholders
from aftersales_std.lint.text.fold import fold
from aftersales_std.lint.matchers.classifier import unquote

CATEGORIES = {"blame": "BL09", "dismissive": "DS09", "overpromise": "OP09"}
MODEL_CODES = frozenset(CATEGORIES.values())


def dev_set(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text("utf-8"))
    return list(data["replies"])


def labelled_from_dev(path: Path) -> list[tuple[str, str, set[str]]]:
    return [(path.name, r["text"], {e["category"] for e in r.get("expect") or []}) for r in dev_set(path)]


def _fit_model(labelled: Sequence[tuple[str, str, set[str]]], category: str, c: float,
               threshold: float) -> Model:
    from sklearn.feature_extraction.text import CountVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from aftersales_std.lint.matchers.classifier import spans
    from aftersales_std.lint_tools.train import _fit, _triggers
    texts = [unquote(fold(mask_placeholders(t))) for _n, t, _e in labelled]
    labels = [category in e for _n, _t, e in labelled]
    weights, bias = _fit(CountVectorizer, LogisticRegression, texts, labels, c)
    draft = Model(bias=bias, threshold=threshold, weights=weights, triggers=("-",))
    flagged = [t for t in texts if draft.flags(t)]
    benign = [t[lo:end] for t, (_n, _t, e) in zip(texts, labelled) if not e for lo, _hi, end in spans(t)]
    triggers, _share = _triggers(weights, flagged, benign)
    return Model(bias=bias, threshold=threshold, weights=weights, triggers=tuple(triggers))


def calibrate(labelled: Sequence[tuple[str, str, set[str]]], category: str, c: float, fp_target: float,
              floor: float = 0.8, folds: int = 5, independent: frozenset[str] = frozenset()
              ) -> tuple[float, dict[str, Any]]:
    """The lowest threshold (>= floor) at which out-of-fold scores flag at most fp_target of the
    acceptable labelled replies (those of label files, not the template sentences).

    `independent`: label files from independent sources (the other dev sets). Each is a fold of its
    own, and when given only their acceptable replies count: the fixtures were written by the same
    hands as one another, so a model scores them out of fold far better than text from elsewhere."""
    from sklearn.feature_extraction.text import CountVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from aftersales_std.lint_tools.train import _fit
    files = sorted({n for n, _t, _e in labelled if not n.startswith("acceptable:") and n not in independent})
    group = {name: i % folds for i, name in enumerate(files)}
    group.update({name: folds + i for i, name in enumerate(sorted(independent))})
    texts = [unquote(fold(mask_placeholders(t))) for _n, t, _e in labelled]
    labels = [category in e for _n, _t, e in labelled]
    scores: list[tuple[float, bool, bool]] = []  # (probability, positive, acceptable reply)
    for k in sorted(set(group.values())):
        train = [i for i, (n, _t, _e) in enumerate(labelled) if group.get(n, -1) != k]
        test = [i for i, (n, _t, _e) in enumerate(labelled) if group.get(n, -1) == k]
        weights, bias = _fit(CountVectorizer, LogisticRegression, [texts[i] for i in train],
                             [labels[i] for i in train], c)
        model = Model(bias=bias, threshold=0.5, weights=weights, triggers=("-",))
        for i in test:
            counted = not independent or labelled[i][0] in independent
            scores.append((model.probability(texts[i]), labels[i] and counted, not labelled[i][2] and counted))
    acceptable = sorted((p for p, _pos, ok in scores if ok), reverse=True)
    allowed = int(math.floor(fp_target * len(acceptable)))
    # flag p >= t: at most `allowed` acceptable replies may score t or more
    cut = acceptable[allowed] if allowed < len(acceptable) else 0.0
    threshold = max(floor, min(0.999, cut + 1e-6))
    positives = [p for p, pos, _ok in scores if pos]
    info = {"threshold": round(threshold, 4), "oof_recall": round(sum(p >= threshold for p in positives)
                                                                  / max(1, len(positives)), 3),
            "oof_fp": round(sum(p >= threshold for p in acceptable) / max(1, len(acceptable)), 4),
            "acceptable": len(acceptable), "positives": len(positives)}
    return threshold, info


@dataclasses.dataclass
class Tally:
    labels: dict[str, int] = dataclasses.field(default_factory=lambda: defaultdict(int))
    caught: dict[str, int] = dataclasses.field(default_factory=lambda: defaultdict(int))
    alarms: dict[str, int] = dataclasses.field(default_factory=lambda: defaultdict(int))
    acceptable: int = 0
    fp: int = 0


def score(ruleset: RuleSet, replies: Sequence[dict[str, Any]]) -> Tally:
    t = Tally()
    for r in replies:
        text = r["text"].replace("\r", " ").replace("\n", " ")
        hits = [(h.rule.group, h.start, h.end) for h in ruleset.scan(text)]
        labels = r.get("expect") or []
        if not labels:
            t.acceptable += 1
            t.fp += bool(hits)
        cats = {e["category"] for e in labels}
        for e in labels:
            s = text.index(e["span"])
            t.labels[e["category"]] += 1
            t.caught[e["category"]] += any(g == e["category"] and a < s + len(e["span"]) and b > s for g, a, b in hits)
        for g in {g for g, _a, _b in hits} - cats:
            t.alarms[g] += 1
    return t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dev", nargs="?", type=Path, default=Path("eval/lint/dev"))
    ap.add_argument("--project", type=Path, default=Path("."))
    ap.add_argument("--fp-target", type=float, default=0.003,
                    help="share of acceptable training replies a model may flag out of fold (default 0.003)")
    ap.add_argument("--c", type=float, default=3.0)
    ap.add_argument("--calibrate-on", choices=("all", "independent"), default="independent",
                    help="acceptable replies the threshold is calibrated on: every training label file, or "
                         "only the other dev sources, each scored by a model that did not see it (default)")
    ap.add_argument("--markdown", type=Path, help="write the table here as well")
    ap.add_argument("--final", action="store_true",
                    help="instead: calibrate each model on all the dev sources (each a fold of its own) and print "
                         "the thresholds to train the bundled models with (`aftersales rules train ... --threshold`)")
    args = ap.parse_args(argv)
    from aftersales_std.lint.rules.loader import load_ruleset
    from aftersales_std.lint_tools.train import read_acceptable, read_labels
    from aftersales_std.project import open_project
    project = open_project(args.project)
    on = {code: "warning" for code in MODEL_CODES}  # the model rules are off by default: switch them on
    full = load_ruleset(project, lint_config={**project.lint, "severity": {**(project.lint.get("severity") or {}), **on}})
    shipped = {r.code: r for r in full.rules if r.code in MODEL_CODES}
    base_rules = [r for r in full.rules if r.code not in MODEL_CODES]
    base = RuleSet(base_rules)
    with_shipped = RuleSet(full.rules)
    fixtures = read_labels(sorted((args.project / "tests/fixtures/lint").glob("*.yaml")))
    acceptable = read_acceptable([args.project / "templates/replies", args.project / "glossary"])
    sources = sorted(args.dev.glob("*.yaml"))
    if args.final:
        everything = fixtures + [lab for p in sources for lab in labelled_from_dev(p)]
        for cat, code in CATEGORIES.items():
            threshold, info = calibrate(everything, cat, args.c, args.fp_target,
                                        independent=frozenset(p.name for p in sources))
            print(f"{code} {cat}: threshold {threshold:.4f} (out of fold: recall {info['oof_recall']}, "
                  f"false positives {info['oof_fp']:.2%} of {info['acceptable']} acceptable dev replies)")
        return 0
    rows: list[str] = []
    totals: dict[str, Tally] = {}
    calib: list[str] = []
    for held in sources:
        replies = dev_set(held)
        others = [lab for p in sources if p != held for lab in labelled_from_dev(p)]
        train_set = fixtures + others
        rules = list(base_rules)
        for cat, code in CATEGORIES.items():
            indep = frozenset(p.name for p in sources if p != held) if args.calibrate_on == "independent" else frozenset()
            threshold, info = calibrate(train_set, cat, args.c, args.fp_target, independent=indep)
            model = _fit_model(train_set + acceptable, cat, args.c, threshold)
            rules.append(dataclasses.replace(shipped[code], model=model))
            calib.append(f"| {held.stem} | {code} | {info['threshold']} | {info['oof_recall']} | "
                         f"{info['oof_fp']:.2%} | {len(model.weights)} |")
            print(calib[-1], file=sys.stderr, flush=True)
        retrained = RuleSet(rules)
        for name, ruleset in (("phrase rules only", base), ("shipped models", with_shipped),
                              ("retrained, calibrated", retrained)):
            t = score(ruleset, replies)
            agg = totals.setdefault(name, Tally())
            agg.acceptable += t.acceptable
            agg.fp += t.fp
            for d in ("labels", "caught", "alarms"):
                for k, v in getattr(t, d).items():
                    getattr(agg, d)[k] += v
            rows.append(_row(held.stem, name, t))
    for name, t in totals.items():
        rows.append(_row("**all five**", name, t))
    head = ["| held-out source | models | blame recall | dismissive recall | overpromise recall | "
            "alarms BL/DS/OP on other replies | recall, all categories | FP on acceptable |",
            "|---|---|---|---|---|---|---|---|"]
    out = "\n".join(head + rows) + "\n\n" + "\n".join(
        ["| held-out source | model | threshold | out-of-fold recall (train) | out-of-fold FP (train) | weights |",
         "|---|---|---|---|---|---|"] + calib) + "\n"
    print(out)
    if args.markdown:
        args.markdown.write_text(out, "utf-8")
    return 0


def _row(source: str, name: str, t: Tally) -> str:
    def r(cat: str) -> str:
        return f"{t.caught[cat]}/{t.labels[cat]} = {t.caught[cat] / t.labels[cat]:.2f}" if t.labels[cat] else "-"
    labels, caught = sum(t.labels.values()), sum(t.caught.values())
    return (f"| {source} | {name} | {r('blame')} | {r('dismissive')} | {r('overpromise')} | "
            f"{t.alarms['blame']}/{t.alarms['dismissive']}/{t.alarms['overpromise']} | "
            f"{caught}/{labels} = {caught / max(1, labels):.3f} | {t.fp}/{t.acceptable} = {t.fp / max(1, t.acceptable):.1%} |")


if __name__ == "__main__":
    sys.exit(main())
