"""What the model rules add, leave-one-source-out, on labelled sets from independent sources.

    python -m aftersales_std.lint_tools.loso [PATH ...] [--categories blame,vague] [--fp-target 0.003]
        [--folds 5] [--jobs 1] [--markdown OUT] [--json OUT] [--final]

PATH: label files in the shape of eval/lint/README.md, or folders of them (default: eval/lint/dev and
eval/lint/local); each file is one source (one writer with one brief, or one real corpus). For each
source S and each model category (blame BL09, dismissive DS09, overpromise OP09, vague VG09,
uncertain UC09):

1. train the model as `aftersales rules train` does (L1 logistic regression over the distinct 2- and
   3-character strings) on everything but S: tests/fixtures/lint/*.yaml, the other sources (a reply
   counts for a category when one of its labels has it) and every sentence of the vetted reply
   templates and glossary as acceptable examples;
2. calibrate its threshold for precision without looking at S: the lowest probability at which the
   model flags at most `--fp-target` of the acceptable replies of the other sources, each scored by a
   model that did not see it (the other sources split into `--folds` groups), with 0.8 as the floor;
3. lint S with the phrase rules alone, with each retrained model added alone, and with all of them,
   and count per category the labelled spans caught (a finding of the category overlapping the span,
   as benchmarks/lint_blind.py counts them) and the acceptable replies with any finding.

The linter is run in process (RuleSet.scan) with the project's rules; a model rule is put in or left
out by building the rule set with or without it (a category without a rule file, such as UC09, gets
BL09's rule with its own group and code). Nothing is written to checks/. Needs scikit-learn.
`--final` instead calibrates each model on all the sources and prints the thresholds to train the
bundled models with (`aftersales rules train ... --threshold`).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Sequence

import yaml

from aftersales_std.lint.matchers.classifier import Model, unquote
from aftersales_std.lint.matchers.engine import RuleSet, mask_placeholders
from aftersales_std.lint.text.fold import fold

CATEGORIES = {"blame": "BL09", "dismissive": "DS09", "overpromise": "OP09", "vague": "VG09", "uncertain": "UC09"}
MODEL_CODES = frozenset(CATEGORIES.values())
DEFAULT_PATHS = (Path("eval/lint/dev"), Path("eval/lint/local"))


def source_files(paths: Sequence[Path]) -> list[Path]:
    """The label files named, folders expanded to their *.yaml files; each file is one source."""
    out: list[Path] = []
    for path in paths:
        out += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return sorted(dict.fromkeys(out), key=lambda p: p.stem)


def dev_set(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text("utf-8"))
    return list(data["replies"])


def labelled_from_dev(path: Path) -> list[tuple[str, str, set[str]]]:
    return [(path.name, r["text"], {e["category"] for e in r.get("expect") or []}) for r in dev_set(path)]


def _fit_model(labelled: Sequence[tuple[str, str, set[str]]], category: str, c: float,
               threshold: float, ngrams: tuple[int, int] = (2, 3), class_weight: Any = "balanced") -> Model:
    from sklearn.feature_extraction.text import CountVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from aftersales_std.lint.matchers.classifier import spans
    from aftersales_std.lint_tools.train import _fit, _triggers
    texts = [unquote(fold(mask_placeholders(t))) for _n, t, _e in labelled]
    labels = [category in e for _n, _t, e in labelled]
    weights, bias = _fit(CountVectorizer, LogisticRegression, texts, labels, c, ngrams, class_weight)
    draft = Model(bias=bias, threshold=threshold, weights=weights, triggers=("-",), ngrams=ngrams)
    flagged = [t for t in texts if draft.flags(t)]
    benign = [t[lo:end] for t, (_n, _t, e) in zip(texts, labelled) if not e for lo, _hi, end in spans(t)]
    triggers, _share = _triggers(weights, flagged, benign)
    return Model(bias=bias, threshold=threshold, weights=weights, triggers=tuple(triggers), ngrams=ngrams)


def calibrate(labelled: Sequence[tuple[str, str, set[str]]], category: str, c: float, fp_target: float,
              floor: float = 0.8, folds: int = 5, independent: frozenset[str] = frozenset(),
              independent_folds: int | None = None, ngrams: tuple[int, int] = (2, 3),
              class_weight: Any = "balanced") -> tuple[float, dict[str, Any]]:
    """The lowest threshold (>= floor) at which out-of-fold scores flag at most fp_target of the
    acceptable labelled replies (those of label files, not the template sentences).

    `independent`: label files from independent sources (the other dev sets). When given only their
    replies count, each scored by a model that did not see it: each is a fold of its own, or with
    `independent_folds` they are dealt round-robin into that many folds (fewer fits). The fixtures
    were written by the same hands as one another, so a model scores them out of fold far better than
    text from elsewhere; they are then always trained on, never scored."""
    from sklearn.feature_extraction.text import CountVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from aftersales_std.lint_tools.train import _fit
    group: dict[str, int] = {}
    if not independent:
        files = sorted({n for n, _t, _e in labelled if not n.startswith("acceptable:")})
        group = {name: i % folds for i, name in enumerate(files)}
    spread = independent_folds or len(independent)
    group.update({name: folds + i % spread for i, name in enumerate(sorted(independent))})
    texts = [unquote(fold(mask_placeholders(t))) for _n, t, _e in labelled]
    labels = [category in e for _n, _t, e in labelled]
    scores: list[tuple[float, bool, bool]] = []  # (probability, positive, acceptable reply)
    for k in sorted(set(group.values())):
        train = [i for i, (n, _t, _e) in enumerate(labelled) if group.get(n, -1) != k]
        test = [i for i, (n, _t, _e) in enumerate(labelled) if group.get(n, -1) == k]
        weights, bias = _fit(CountVectorizer, LogisticRegression, [texts[i] for i in train],
                             [labels[i] for i in train], c, ngrams, class_weight)
        model = Model(bias=bias, threshold=0.5, weights=weights, triggers=("-",), ngrams=ngrams)
        for i in test:
            scores.append((model.probability(texts[i]), labels[i], not labelled[i][2]))
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


def tally_data(t: Tally) -> dict[str, Any]:
    return {"labels": dict(t.labels), "caught": dict(t.caught), "alarms": dict(t.alarms),
            "acceptable": t.acceptable, "fp": t.fp}


def model_rules(project_dir: Path) -> tuple[list[Any], dict[str, Any]]:
    """The project's rules without the model rules, and a rule to put each category's model in (the
    bundled one, switched on; for a category without one, BL09's with that group and code)."""
    from aftersales_std.lint.rules.loader import load_ruleset
    from aftersales_std.project import open_project
    project = open_project(project_dir)
    on = {code: "warning" for code in MODEL_CODES}  # model rules may be off by default: switch them on
    full = load_ruleset(project, lint_config={**project.lint, "severity": {**(project.lint.get("severity") or {}), **on}},
                        cache=True)
    shipped = {r.code: r for r in full.rules if r.code in MODEL_CODES}
    template = shipped["BL09"]
    slots = {code: shipped.get(code) or dataclasses.replace(template, code=code, name=f"{cat}.model", group=cat)
             for cat, code in CATEGORIES.items()}
    return [r for r in full.rules if r.code not in MODEL_CODES], slots


@dataclasses.dataclass(frozen=True)
class Setup:
    project: Path
    sources: tuple[Path, ...]
    categories: tuple[str, ...]
    c: float
    fp_target: float
    folds: int
    ngrams: tuple[int, int] = (2, 3)
    class_weight: Any = "balanced"
    fixtures: tuple[Path, ...] | None = None  # label files always trained on (None: tests/fixtures/lint/*.yaml)
    acceptable: tuple[Path, ...] | None = None  # acceptable-sentence files (None: templates/replies, glossary)


def held_out(setup: Setup, held: Path) -> dict[str, Any]:
    """Train and calibrate every model without `held`, and score `held` with and without them."""
    from aftersales_std.lint_tools.train import read_acceptable, read_labels
    base_rules, slots = model_rules(setup.project)
    fixtures = read_labels(sorted((setup.project / "tests/fixtures/lint").glob("*.yaml"))
                           if setup.fixtures is None else setup.fixtures)
    acceptable = read_acceptable([setup.project / "templates/replies", setup.project / "glossary"]
                                 if setup.acceptable is None else setup.acceptable)
    replies = dev_set(held)
    others = [p for p in setup.sources if p != held]
    train_set = fixtures + [lab for p in others for lab in labelled_from_dev(p)]
    indep = frozenset(p.name for p in others)
    models: dict[str, Any] = {}
    calib: dict[str, Any] = {}
    for cat in setup.categories:
        code = CATEGORIES[cat]
        threshold, info = calibrate(train_set + acceptable, cat, setup.c, setup.fp_target, independent=indep,
                                    independent_folds=setup.folds, ngrams=setup.ngrams,
                                    class_weight=setup.class_weight)
        model = _fit_model(train_set + acceptable, cat, setup.c, threshold, setup.ngrams, setup.class_weight)
        models[cat] = dataclasses.replace(slots[code], model=model)
        calib[cat] = {**info, "weights": len(model.weights), "triggers": len(model.triggers)}
        print(f"{held.stem} {code}: {calib[cat]}", file=sys.stderr, flush=True)
    out = {"source": held.stem, "calibration": calib, "scores": {}}
    out["scores"]["rules"] = tally_data(score(RuleSet(base_rules), replies))
    for cat, rule in models.items():
        out["scores"][f"+{cat}"] = tally_data(score(RuleSet(base_rules + [rule]), replies))
    out["scores"]["+all"] = tally_data(score(RuleSet(base_rules + list(models.values())), replies))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path, help="label files or folders of them, one source a file "
                    "(default: eval/lint/dev eval/lint/local)")
    ap.add_argument("--project", type=Path, default=Path("."))
    ap.add_argument("--categories", default=",".join(CATEGORIES),
                    help=f"model categories, comma-separated (default {','.join(CATEGORIES)})")
    ap.add_argument("--fp-target", type=float, default=0.003,
                    help="share of the other sources' acceptable replies a model may flag out of fold (default 0.003)")
    ap.add_argument("--c", type=float, default=3.0)
    ap.add_argument("--folds", type=int, default=5,
                    help="groups the training sources are split into to score them out of fold (default 5)")
    ap.add_argument("--ngrams", default="2,3", help="shortest,longest character strings weighed (default 2,3)")
    ap.add_argument("--class-weight", default="balanced", help="balanced (default), none, or the positive "
                    "class's weight (e.g. 3: negatives weigh 1)")
    ap.add_argument("--jobs", type=int, default=1, help="held-out sources run in parallel (default 1)")
    ap.add_argument("--markdown", type=Path, help="write the tables here as well")
    ap.add_argument("--json", type=Path, help="write the counts per source and rule set here")
    ap.add_argument("--final", action="store_true",
                    help="instead: calibrate each model on all the sources and print the thresholds to train the "
                         "bundled models with (`aftersales rules train ... --threshold`)")
    args = ap.parse_args(argv)
    cats = tuple(c.strip() for c in args.categories.split(",") if c.strip())
    unknown = [c for c in cats if c not in CATEGORIES]
    if unknown:
        ap.error(f"no model category {unknown[0]!r}; one of {', '.join(CATEGORIES)}")
    sources = tuple(source_files(args.paths or [p for p in DEFAULT_PATHS if p.exists()]))
    if len(sources) < 2:
        ap.error("leave-one-source-out needs at least two sources")
    lo, hi = (int(n) for n in args.ngrams.split(","))
    weight: Any = (args.class_weight if args.class_weight == "balanced" else None if args.class_weight == "none"
                   else {True: float(args.class_weight), False: 1.0})
    setup = Setup(args.project, sources, cats, args.c, args.fp_target, args.folds, (lo, hi), weight)
    if args.final:
        from aftersales_std.lint_tools.train import read_acceptable, read_labels
        fixtures = read_labels(sorted((args.project / "tests/fixtures/lint").glob("*.yaml")))
        acceptable = read_acceptable([args.project / "templates/replies", args.project / "glossary"])
        everything = fixtures + [lab for p in sources for lab in labelled_from_dev(p)] + acceptable
        for cat in cats:
            threshold, info = calibrate(everything, cat, args.c, args.fp_target,
                                        independent=frozenset(p.name for p in sources), independent_folds=args.folds,
                                        ngrams=(lo, hi), class_weight=weight)
            print(f"{CATEGORIES[cat]} {cat}: threshold {threshold:.4f} (out of fold: recall {info['oof_recall']}, "
                  f"false positives {info['oof_fp']:.2%} of {info['acceptable']} acceptable replies)")
        return 0
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(held_out, [setup] * len(sources), sources))
    else:
        results = [held_out(setup, s) for s in sources]
    out = tables(results, cats)
    print(out)
    if args.markdown:
        args.markdown.write_text(out, "utf-8")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


def _sum(results: Sequence[dict[str, Any]], name: str) -> dict[str, Any]:
    total: dict[str, Any] = {"labels": defaultdict(int), "caught": defaultdict(int), "alarms": defaultdict(int),
                             "acceptable": 0, "fp": 0}
    for r in results:
        s = r["scores"][name]
        total["acceptable"] += s["acceptable"]
        total["fp"] += s["fp"]
        for d in ("labels", "caught", "alarms"):
            for k, v in s[d].items():
                total[d][k] += v
    return total


def _recall(s: dict[str, Any], cat: str | None = None) -> str:
    labels = s["labels"].get(cat, 0) if cat else sum(s["labels"].values())
    caught = s["caught"].get(cat, 0) if cat else sum(s["caught"].values())
    return f"{caught}/{labels} = {caught / labels:.2f}" if labels else "-"


def _fp(s: dict[str, Any]) -> str:
    return f"{s['fp']}/{s['acceptable']} = {s['fp'] / max(1, s['acceptable']):.1%}"


def tables(results: Sequence[dict[str, Any]], cats: Sequence[str]) -> str:
    """Markdown: per model over all held-out sources; per held-out source; the calibration."""
    n = len(results)
    lines = [f"Per model, summed over the {n} held-out sources (each model added alone to the phrase rules):", "",
             "| model | category recall, rules | + model | sources where it adds | alarms on other replies, "
             "rules -> + model | FP on acceptable, rules -> + model |", "|---|---|---|---|---|---|"]
    rules = _sum(results, "rules")
    for cat in cats:
        plus = _sum(results, f"+{cat}")
        with_labels = [r for r in results if r["scores"]["rules"]["labels"].get(cat)]
        adds = sum(r["scores"][f"+{cat}"]["caught"].get(cat, 0) > r["scores"]["rules"]["caught"].get(cat, 0)
                   for r in with_labels)
        lines.append(f"| {CATEGORIES[cat]} {cat} | {_recall(rules, cat)} | {_recall(plus, cat)} | {adds}/{len(with_labels)} | "
                     f"{rules['alarms'].get(cat, 0)} -> {plus['alarms'].get(cat, 0)} | {_fp(rules)} -> {_fp(plus)} |")
    allm = _sum(results, "+all")
    lines.append(f"| all models | {_recall(rules)} | {_recall(allm)} | | | {_fp(rules)} -> {_fp(allm)} |")
    lines += ["", "Per held-out source: recall on the labelled span, phrase rules -> rules + all retrained models:", "",
              "| held-out source | " + " | ".join(cats) + " | all categories | FP on acceptable |",
              "|---|" + "---|" * (len(cats) + 2)]
    for r in results + [{"source": f"**all {n}**", "scores": {"rules": rules, "+all": allm}}]:
        a, b = r["scores"]["rules"], r["scores"]["+all"]
        lines.append(f"| {r['source']} | " + " | ".join(f"{_recall(a, c)} -> {_recall(b, c).split(' = ')[-1]}"
                                                          for c in cats)
                     + f" | {_recall(a)} -> {_recall(b).split(' = ')[-1]} | {_fp(a)} -> {_fp(b)} |")
    lines += ["", "Calibration (without the held-out source): threshold, out-of-fold recall and FP on the other "
              "sources, weights", "", "| held-out source | " + " | ".join(CATEGORIES[c] for c in cats) + " |",
              "|---|" + "---|" * len(cats)]
    for r in results:
        cal = r["calibration"]
        lines.append(f"| {r['source']} | " + " | ".join(
            f"{cal[c]['threshold']:.3f}; {cal[c]['oof_recall']:.2f}; {cal[c]['oof_fp']:.1%}; {cal[c]['weights']}"
            for c in cats) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
