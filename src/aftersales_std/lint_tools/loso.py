"""What the model rules add, leave-one-source-out, on labelled sets from independent sources.

    python -m aftersales_std.lint_tools.loso [PATH ...] [--train PATH ...] [--categories blame,vague]
        [--fp-target 0.003] [--folds 5] [--jobs 1] [--markdown OUT] [--json OUT] [--final]

PATH: label files in the shape of eval/lint/README.md, or folders of them (default: eval/lint/dev and
eval/lint/local); each file is one source (one writer with one brief, or one real corpus). For each
source S and each model category (blame BL09, dismissive DS09, overpromise OP09, vague VG09,
uncertain UC09):

1. train the model as `aftersales rules train` does (L1 logistic regression over the distinct 2- and
   3-character strings) on everything but S: tests/fixtures/lint/*.yaml, the train-only files
   (`--train`), the other sources (a reply counts for a category when one of its labels has it) and
   every sentence of the vetted reply templates and glossary as acceptable examples;
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

`--train PATH...` (label files or folders of them, e.g. eval/lint/train): written as training data
(split: train), these are trained on in every fold, in the calibration and in `--final`, like the
fixtures, and are never held out, never scored and never counted in the calibration's false
positives (only the sources' own acceptable replies are). A file may not be both a source and
train-only.
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
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

CATEGORIES = {"blame": "BL09", "dismissive": "DS09", "overpromise": "OP09", "vague": "VG09", "uncertain": "UC09",
              "timeframe": "TF09", "jargon": "JG09"}
DEFAULT_CATEGORIES = ("blame", "dismissive", "overpromise", "vague", "uncertain")  # timeframe, jargon: on request
MODEL_CODES = frozenset(CATEGORIES.values())
DEFAULT_PATHS = (Path("eval/lint/dev"), Path("eval/lint/local"))
# Features weighed besides the character strings (`--features`), for trying richer models here before
# any is worth a runtime format: jieba words and word pairs, and what the linter's own detectors see in
# the sentence (a concrete time, an owner with an action, a remedy, a negation...). Their keys start with
# a control character, which no folded text holds, so no key is ever matched as a string of the text.
FEATURE_KINDS = ("chars", "words", "cues", "words+cues")
WORD, PAIR, CUE = "\x00w:", "\x00b:", "\x00c:"


@functools.lru_cache(maxsize=None)
def word_features(folded: str) -> frozenset[str]:
    """jieba's words of `folded` (punctuation and spaces left out) and each pair of neighbouring words."""
    from aftersales_std.lint.detectors._text import _full_tokenizer
    words = [w for w in _full_tokenizer().lcut(folded) if w.strip() and not all(c in _PUNCT for c in w)]  # type: ignore[attr-defined]
    return frozenset([WORD + w for w in words] + [PAIR + a + "|" + b for a, b in zip(words, words[1:])])


_PUNCT = ",.;:、。!?…~-()[]\"'“”‘’「」『』《》〈〉【】 "


@functools.lru_cache(maxsize=None)
def cue_features(folded: str) -> frozenset[str]:
    """What the linter's detectors find in `folded`, one key each, and a few pairs a linear model cannot
    form by itself (a commitment without a concrete time, a refusal without an offer, blame on someone
    else without us owning an action)."""
    from aftersales_std.lint.detectors import (attribution, commitments, concrete_time, negation, normalising,
                                               offers, ownership, process_words, refusals)
    found = {
        "time": concrete_time.has_concrete_time(folded),
        "owner": ownership.has_ownership(folded),
        "remedy": bool(ownership.remedies(folded)),
        "negation": bool(negation.negations(folded)),
        "refusal": bool(refusals.refusals(folded)),
        "commitment": bool(commitments.commitments(folded)),
        "offer": offers.has_concrete_offer(folded),
        "handover": bool(offers.handovers(folded)),
        "normalising": bool(normalising.normalisings(folded)),
        "attribution": bool(attribution.attributions(folded)),
        "process": bool(process_words.spans(folded)),
    }
    found["commitment-no-time"] = found["commitment"] and not found["time"]
    found["refusal-no-offer"] = found["refusal"] and not (found["offer"] or found["handover"])
    found["attribution-no-owner"] = found["attribution"] and not (found["owner"] or found["remedy"])
    found["no-time-no-owner"] = not (found["time"] or found["owner"] or found["remedy"])
    return frozenset(CUE + k for k, v in found.items() if v)


def features(folded: str, kind: str = "chars", ngrams: tuple[int, int] = (2, 3)) -> frozenset[str]:
    """The distinct character strings of `folded` of the lengths in `ngrams`, and the extra features of `kind`."""
    lo, hi = ngrams
    out = {folded[i:i + n] for n in range(lo, hi + 1) for i in range(len(folded) - n + 1)}
    if "words" in kind:
        out |= word_features(folded)
    if "cues" in kind:
        out |= cue_features(folded)
    return frozenset(out)


@dataclasses.dataclass(frozen=True)
class FeatureModel(Model):
    """A Model whose score adds the weights of the extra features of `kind` (for measuring here only:
    the runtime reads character strings alone)."""

    kind: str = "chars"

    def score(self, folded: str) -> float:
        if self.kind == "chars":
            return super().score(folded)
        return self.bias + math.fsum(self.weights.get(f, 0.0) for f in features(folded, self.kind, self.ngrams))


class _Matrix:
    """Every text's features counted once (binary, all of them, columns in sorted order), so that a fit on
    some of the texts takes their rows and the columns two or more of them hold: the matrix
    CountVectorizer(min_df=2, binary=True) would build for those texts, without cutting them again (the
    runs fit each model six times per held-out source)."""

    def __init__(self, texts: Sequence[str], kind: str, ngrams: tuple[int, int]) -> None:
        from sklearn.feature_extraction.text import CountVectorizer  # type: ignore[import-untyped]
        self.key = (kind, ngrams)
        unique = list(dict.fromkeys(texts))
        self.row = {t: i for i, t in enumerate(unique)}
        vec = (CountVectorizer(analyzer="char", ngram_range=ngrams, binary=True, lowercase=False) if kind == "chars"
               else CountVectorizer(analyzer=functools.partial(features, kind=kind, ngrams=ngrams), binary=True,
                                    lowercase=False))
        self.x = vec.fit_transform(unique).tocsr()
        self.names = vec.get_feature_names_out()

    def fit(self, texts: Sequence[str], labels: Sequence[bool], c: float, class_weight: Any
            ) -> tuple[dict[str, float], float]:
        """As train._fit on these texts."""
        import numpy as np
        from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
        x = self.x[[self.row[t] for t in texts]]
        keep = np.flatnonzero(np.asarray(x.sum(axis=0)).ravel() >= 2)
        x = x[:, keep].tocsr()
        x.sort_indices()
        clf = LogisticRegression(C=c, l1_ratio=1.0, solver="liblinear", class_weight=class_weight, max_iter=5000,
                                 random_state=0)
        clf.fit(x, list(labels))
        names = self.names[keep]
        weights = {str(names[i]): round(float(w), 4) for i, w in enumerate(clf.coef_[0]) if round(float(w), 4) != 0}
        return weights, round(float(clf.intercept_[0]), 4)


_MATRIX: list[_Matrix] = []  # the one of the current run (a process works on one setup)


def prime(texts: Sequence[str], kind: str, ngrams: tuple[int, int]) -> None:
    """Count the features of these (already folded) texts once for every fit that follows."""
    _MATRIX[:] = [_Matrix(texts, kind, ngrams)]


def fit(texts: Sequence[str], labels: Sequence[bool], c: float, ngrams: tuple[int, int], class_weight: Any,
        kind: str) -> tuple[dict[str, float], float]:
    """train._fit, from the primed matrix when it holds every text (the same weights, faster)."""
    if _MATRIX and _MATRIX[0].key == (kind, ngrams) and all(t in _MATRIX[0].row for t in texts):
        return _MATRIX[0].fit(texts, labels, c, class_weight)
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from aftersales_std.lint_tools.train import _fit
    return _fit(_vectorizer(kind, ngrams), LogisticRegression, texts, labels, c, ngrams, class_weight)


def _vectorizer(kind: str, ngrams: tuple[int, int]) -> Any:
    """A CountVectorizer factory for train._fit: its own for character strings, one reading features() else."""
    from sklearn.feature_extraction.text import CountVectorizer  # type: ignore[import-untyped]
    if kind == "chars":
        return CountVectorizer

    def make(**kw: Any) -> Any:
        kw.pop("ngram_range", None)
        return CountVectorizer(**{**kw, "analyzer": functools.partial(features, kind=kind, ngrams=ngrams)})
    return make


def source_files(paths: Sequence[Path]) -> list[Path]:
    """The label files named, folders expanded to their *.yaml files; each file is one source."""
    out: list[Path] = []
    for path in paths:
        out += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return sorted(dict.fromkeys(out), key=lambda p: p.stem)


def dev_set(path: Path) -> list[dict[str, Any]]:
    return list(_dev_set(path, path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=64)
def _dev_set(path: Path, _mtime: int) -> tuple[dict[str, Any], ...]:  # read once per run, not once per fold
    data = yaml.safe_load(path.read_text("utf-8"))
    return tuple(data["replies"])


def labelled_from_dev(path: Path, unit: str = "reply") -> list[tuple[str, str, set[str]]]:
    """(file name, text, categories) of each reply; with unit "sentence", a reply with labels gives its
    sentences instead (as the model scores them): the sentence holding a label's span has its
    category, the others OTHER (a fault of no model category: negative for every model, and not an
    acceptable reply either). A reply whose span cannot be found in its folded text stays whole."""
    out: list[tuple[str, str, set[str]]] = []
    for r in dev_set(path):
        labels = r.get("expect") or []
        cats = {e["category"] if isinstance(e, dict) else e for e in labels}
        if unit == "reply" or not labels or not all(isinstance(e, dict) for e in labels):
            out.append((path.name, r["text"], cats))
            continue
        pieces = sentence_units(r["text"], [(e["category"], e["span"]) for e in labels])
        out += [(path.name, t, c) for t, c in pieces] if pieces else [(path.name, r["text"], cats)]
    return out


def train_only_labels(train_only: Sequence[Path], sources: Sequence[Path], unit: str = "reply"
                      ) -> list[tuple[str, str, set[str]]]:
    """The labelled replies of the train-only files (`--train`), as labelled_from_dev gives them, under
    names that no source has: calibrate() then trains on them in every fold and never scores them (a
    name of no fold is always in training). A file that is also a source, or shares a source's file
    name, is an error: it would be held out and scored, or its replies confused with the source's."""
    names = {p.name for p in sources}
    clash = [p for p in train_only if p.name in names or p.resolve() in {s.resolve() for s in sources}]
    if clash:
        raise ValueError(f"{clash[0]}: a train-only file may not also be a source (or share a source's file name)")
    out: list[tuple[str, str, set[str]]] = []
    for path in train_only:
        out += [(f"train:{n}", t, c) for n, t, c in labelled_from_dev(path, unit)]
    return out


OTHER = "-"


def sentence_units(text: str, labels: Sequence[tuple[str, str]]) -> list[tuple[str, set[str]]]:
    """The sentences of `text` (folded, as classifier.spans cuts them) with the categories of the labelled
    spans each overlaps (OTHER when none); [] when a span is not found in the folded text."""
    from aftersales_std.lint.matchers.classifier import spans
    folded = fold(mask_placeholders(text))
    found = []
    for cat, span in labels:
        needle = fold(mask_placeholders(span))
        at = folded.find(needle)
        if at < 0 or not needle:
            return []
        found.append((cat, at, at + len(needle)))
    out = []
    for lo, _hi, end in spans(folded):
        cats = {cat for cat, a, b in found if a < end and b > lo}
        out.append((folded[lo:end], cats or {OTHER}))
    return out


def _fit_model(labelled: Sequence[tuple[str, str, set[str]]], category: str, c: float,
               threshold: float | Sequence[float], ngrams: tuple[int, int] = (2, 3), class_weight: Any = "balanced",
               kind: str = "chars") -> Any:
    """The model trained on `labelled`, with its triggers for `threshold`; given several thresholds, one
    model per threshold (one fit: only the triggers differ)."""
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from aftersales_std.lint.matchers.classifier import spans
    from aftersales_std.lint_tools.train import _fit, _triggers
    texts = [unquote(fold(mask_placeholders(t))) for _n, t, _e in labelled]
    labels = [category in e for _n, _t, e in labelled]
    weights, bias = fit(texts, labels, c, ngrams, class_weight, kind)
    strings = {g: w for g, w in weights.items() if not g.startswith("\x00")}  # triggers are strings of the text
    benign = [t[lo:end] for t, (_n, _t, e) in zip(texts, labelled) if not e for lo, _hi, end in spans(t)]
    models = []
    for t in ([threshold] if isinstance(threshold, (int, float)) else threshold):
        draft = FeatureModel(bias=bias, threshold=t, weights=weights, triggers=("-",), ngrams=ngrams, kind=kind)
        flagged = [x for x in texts if draft.flags(x)]
        triggers, _share = _triggers(strings, flagged, benign)
        models.append(FeatureModel(bias=bias, threshold=t, weights=weights, triggers=tuple(triggers), ngrams=ngrams,
                                   kind=kind) if kind != "chars" else
                      Model(bias=bias, threshold=t, weights=weights, triggers=tuple(triggers), ngrams=ngrams))
    return models[0] if isinstance(threshold, (int, float)) else models


def calibrate(labelled: Sequence[tuple[str, str, set[str]]], category: str, c: float, fp_target: float,
              floor: float = 0.8, folds: int = 5, independent: frozenset[str] = frozenset(),
              independent_folds: int | None = None, ngrams: tuple[int, int] = (2, 3),
              class_weight: Any = "balanced", kind: str = "chars", score_unit: str = "reply") -> Any:
    """The lowest threshold (>= floor) at which out-of-fold scores flag at most fp_target of the
    acceptable labelled replies (those of label files, not the template sentences).

    `independent`: label files from independent sources (the other dev sets). When given only their
    replies count, each scored by a model that did not see it: each is a fold of its own, or with
    `independent_folds` they are dealt round-robin into that many folds (fewer fits). The fixtures
    were written by the same hands as one another, so a model scores them out of fold far better than
    text from elsewhere; they are then always trained on, never scored.

    Several `fp_target`s (a sequence) give a list of (threshold, info), one per target, from the same fits.

    `score_unit`: "reply" scores each held-out reply whole; "sentence" gives it the highest probability
    of its sentences (classifier.spans), as the runtime decides: a reply is reported when one of its
    sentences reaches the threshold. Whole long replies (formal letters, unpunctuated chat) sum the
    weights of many sentences and score near 1 without any sentence doing so."""
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from aftersales_std.lint.matchers.classifier import spans
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
        weights, bias = fit([texts[i] for i in train], [labels[i] for i in train], c, ngrams, class_weight, kind)
        model = FeatureModel(bias=bias, threshold=0.5, weights=weights, triggers=("-",), ngrams=ngrams, kind=kind)
        for i in test:
            p = (model.probability(texts[i]) if score_unit == "reply" else
                 max((model.probability(texts[i][lo:end]) for lo, _hi, end in spans(texts[i])), default=0.0))
            scores.append((p, labels[i], not labelled[i][2]))
    acceptable = sorted((p for p, _pos, ok in scores if ok), reverse=True)
    positives = [p for p, pos, _ok in scores if pos]
    out = []
    for target in ([fp_target] if isinstance(fp_target, (int, float)) else fp_target):
        allowed = int(math.floor(target * len(acceptable)))
        # flag p >= t: at most `allowed` acceptable replies may score t or more
        cut = acceptable[allowed] if allowed < len(acceptable) else 0.0
        threshold = max(floor, min(0.999, cut + 1e-6))
        info = {"threshold": round(threshold, 4), "oof_recall": round(sum(p >= threshold for p in positives)
                                                                      / max(1, len(positives)), 3),
                "oof_fp": round(sum(p >= threshold for p in acceptable) / max(1, len(acceptable)), 4),
                "acceptable": len(acceptable), "positives": len(positives)}
        out.append((threshold, info))
    return out[0] if isinstance(fp_target, (int, float)) else out


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
    kind: str = "chars"  # features besides the character strings: one of FEATURE_KINDS
    more_targets: tuple[float, ...] = ()  # further fp targets, measured from the same fits (out["more"])
    unit: str = "reply"  # what a labelled reply of the other sources is trained as: "reply" or "sentence"
    calibrate_on: str = "reply"  # what calibrate() scores a held-out reply by: "reply" or "sentence" (its best)
    train_only: tuple[Path, ...] = ()  # label files always trained on, never held out or scored (--train)


def held_out(setup: Setup, held: Path) -> dict[str, Any]:
    """Train and calibrate every model without `held`, and score `held` with and without them.

    With `setup.more_targets`, out["more"][str(target)] holds the same for each further target."""
    from aftersales_std.lint_tools.train import read_acceptable, read_labels
    base_rules, slots = model_rules(setup.project)
    fixtures = read_labels(sorted((setup.project / "tests/fixtures/lint").glob("*.yaml"))
                           if setup.fixtures is None else setup.fixtures)
    acceptable = read_acceptable([setup.project / "templates/replies", setup.project / "glossary"]
                                 if setup.acceptable is None else setup.acceptable)
    replies = dev_set(held)
    others = [p for p in setup.sources if p != held]
    extra = train_only_labels(setup.train_only, setup.sources, setup.unit)
    train_set = fixtures + extra + [lab for p in others for lab in labelled_from_dev(p, setup.unit)]
    every = [unquote(fold(mask_placeholders(t))) for _n, t, _e in
             fixtures + extra + acceptable + [lab for p in setup.sources for lab in labelled_from_dev(p, setup.unit)]]
    if not (_MATRIX and _MATRIX[0].key == (setup.kind, setup.ngrams) and all(t in _MATRIX[0].row for t in every)):
        prime(every, setup.kind, setup.ngrams)
    indep = frozenset(p.name for p in others)
    targets = (setup.fp_target, *setup.more_targets)
    models: list[dict[str, Any]] = [{} for _t in targets]
    calib: list[dict[str, Any]] = [{} for _t in targets]
    for cat in setup.categories:
        code = CATEGORIES[cat]
        found = calibrate(train_set + acceptable, cat, setup.c, targets, independent=indep,
                          independent_folds=setup.folds, ngrams=setup.ngrams, class_weight=setup.class_weight,
                          kind=setup.kind, score_unit=setup.calibrate_on)
        fitted = _fit_model(train_set + acceptable, cat, setup.c, [t for t, _i in found], setup.ngrams,
                            setup.class_weight, setup.kind)
        for k, ((_threshold, info), model) in enumerate(zip(found, fitted)):
            models[k][cat] = dataclasses.replace(slots[code], model=model)
            calib[k][cat] = {**info, "weights": len(model.weights), "triggers": len(model.triggers)}
        print(f"{held.stem} {code}: {calib[0][cat]}", file=sys.stderr, flush=True)
    rules = tally_data(score(RuleSet(base_rules), replies))
    outs = []
    for k in range(len(targets)):
        out = {"source": held.stem, "calibration": calib[k], "scores": {"rules": rules},
               "train_only": [p.name for p in setup.train_only]}
        for cat, rule in models[k].items():
            out["scores"][f"+{cat}"] = tally_data(score(RuleSet(base_rules + [rule]), replies))
        out["scores"]["+all"] = tally_data(score(RuleSet(base_rules + list(models[k].values())), replies))
        outs.append(out)
    if setup.more_targets:
        outs[0]["more"] = {str(t): o for t, o in zip(setup.more_targets, outs[1:])}
    return outs[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path, help="label files or folders of them, one source a file "
                    "(default: eval/lint/dev eval/lint/local)")
    ap.add_argument("--train", nargs="+", action="extend", type=Path, default=[], metavar="PATH",
                    help="train-only label files or folders (e.g. eval/lint/train): trained on in every fold and "
                         "in --final, never held out, never scored")
    ap.add_argument("--project", type=Path, default=Path("."))
    ap.add_argument("--categories", default=",".join(DEFAULT_CATEGORIES),
                    help=f"model categories, comma-separated (default {','.join(DEFAULT_CATEGORIES)}; also "
                         "timeframe, jargon: models no rule file ships, put in BL09's rule as TF09, JG09)")
    ap.add_argument("--fp-target", default="0.003",
                    help="share of the other sources' acceptable replies a model may flag out of fold (default "
                         "0.003); several, comma-separated, are each measured from the same fits (tables for each)")
    ap.add_argument("--features", default="chars", choices=FEATURE_KINDS,
                    help="features besides the character strings, for measuring only (default chars: none)")
    ap.add_argument("--c", type=float, default=3.0)
    ap.add_argument("--folds", type=int, default=5,
                    help="groups the training sources are split into to score them out of fold (default 5)")
    ap.add_argument("--ngrams", default="2,3", help="shortest,longest character strings weighed (default 2,3)")
    ap.add_argument("--class-weight", default="balanced", help="balanced (default), none, or the positive "
                    "class's weight (e.g. 3: negatives weigh 1)")
    ap.add_argument("--unit", default="reply", choices=("reply", "sentence"),
                    help="train on the other sources' labelled replies whole (default) or on their sentences, "
                         "the one holding the labelled span positive, the others negative")
    ap.add_argument("--calibrate-on", default="reply", choices=("reply", "sentence"),
                    help="score a held-out reply whole when calibrating (default) or by its best sentence, as the "
                         "runtime decides")
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
    missing = [str(p) for p in args.train if not p.exists()]
    if missing:
        ap.error(f"--train: no such file or folder: {missing[0]}")
    train_only = tuple(source_files(args.train))
    if not train_only and args.train:
        ap.error(f"--train: no label files (*.yaml) in {', '.join(map(str, args.train))}")
    try:
        train_only_labels(train_only, sources)
    except ValueError as exc:
        ap.error(f"--train: {exc}")
    lo, hi = (int(n) for n in args.ngrams.split(","))
    weight: Any = (args.class_weight if args.class_weight == "balanced" else None if args.class_weight == "none"
                   else {True: float(args.class_weight), False: 1.0})
    targets = tuple(float(t) for t in str(args.fp_target).split(",") if t.strip())
    if args.final and args.features != "chars":
        ap.error("--final trains what the runtime reads: character strings only (--features chars)")
    setup = Setup(args.project, sources, cats, args.c, targets[0], args.folds, (lo, hi), weight,
                  kind=args.features, more_targets=targets[1:], unit=args.unit, calibrate_on=args.calibrate_on,
                  train_only=train_only)
    if args.final:
        from aftersales_std.lint_tools.train import read_acceptable, read_labels
        fixtures = read_labels(sorted((args.project / "tests/fixtures/lint").glob("*.yaml")))
        acceptable = read_acceptable([args.project / "templates/replies", args.project / "glossary"])
        everything = (fixtures + train_only_labels(train_only, sources, args.unit)
                      + [lab for p in sources for lab in labelled_from_dev(p, args.unit)] + acceptable)
        for cat in cats:
            threshold, info = calibrate(everything, cat, args.c, targets[0],
                                        independent=frozenset(p.name for p in sources), independent_folds=args.folds,
                                        ngrams=(lo, hi), class_weight=weight, score_unit=args.calibrate_on)
            print(f"{CATEGORIES[cat]} {cat}: threshold {threshold:.4f} (out of fold: recall {info['oof_recall']}, "
                  f"false positives {info['oof_fp']:.2%} of {info['acceptable']} acceptable replies)")
        return 0
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(held_out, [setup] * len(sources), sources))
    else:
        results = [held_out(setup, s) for s in sources]
    out = tables(results, cats)
    if train_only:
        out = (f"Train-only files (in every fold's training, never held out or scored): "
               f"{', '.join(p.name for p in train_only)}\n\n") + out
    for t in targets[1:]:
        out += f"\n\n## --fp-target {t} (same fits)\n\n" + tables([r["more"][str(t)] for r in results], cats)
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
