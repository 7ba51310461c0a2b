"""Train a model rule (classifier.py) on labelled replies: `aftersales rules train CATEGORY FILE... --output F`.

Label files have the shape of tests/fixtures/lint/eval.yaml: `replies: [{lang, expect: [categories],
text}]`. The model is an L1-regularised logistic regression (scikit-learn's liblinear) over the
distinct 2- and 3-character strings of each folded reply, with balanced class weights; L1 keeps a
few hundred strings with a weight, which makes the file small and the weights readable.

Training needs scikit-learn (`pip install 'aftersales-std[train]'`); using a trained model does not.
"""
from __future__ import annotations

import json
import math
from collections import Counter
import os
import tempfile
from pathlib import Path
from typing import Any, Sequence

import yaml

from aftersales_std.errors import ContentError, Finding
from aftersales_std.lint.matchers.classifier import FORMAT, Model, from_data, spans, unquote
from aftersales_std.lint.matchers.engine import mask_placeholders
from aftersales_std.lint.text.fold import fold
from aftersales_std.project import display_path

# Triggers: the positive strings one of which a sentence must hold to be scored. They are chosen as
# a cheapest cover of the training replies the model flags (greedy weighted set cover: each step takes
# the string with the fewest acceptable sentences per flagged reply it newly covers), from the strings
# that at most TRIGGER_MAX_SHARE of the acceptable sentences hold. Every acceptable sentence holding a
# trigger costs a score for nothing; taking every rare positive string as well (as the first models
# did) had 6-10 % of the acceptable sentences scored instead of 1-2 %, for 1 more reply found in 642.
TRIGGER_MAX_SHARE = 0.02


def read_labels(paths: Sequence[Path]) -> list[tuple[str, str, set[str]]]:
    """(file name, text, expected categories) of every reply; ContentError naming the file otherwise."""
    out: list[tuple[str, str, set[str]]] = []
    problems: list[Finding] = []
    for path in paths:
        try:
            data = yaml.safe_load(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.append(Finding(display_path(path), mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                                    "LT003", f"cannot read the label file: {getattr(exc, 'problem', None) or exc}"))
            continue
        replies = data.get("replies") if isinstance(data, dict) else None
        if not isinstance(replies, list):
            problems.append(Finding(display_path(path), 1, 1, "LT003",
                                    "a label file needs `replies:`, a list of {lang, expect, text}"))
            continue
        for i, reply in enumerate(replies):
            if not (isinstance(reply, dict) and isinstance(reply.get("text"), str)
                    and isinstance(reply.get("expect") or [], list)
                    and all(isinstance(e, str) or (isinstance(e, dict) and isinstance(e.get("category"), str))
                            for e in reply.get("expect") or [])):
                problems.append(Finding(display_path(path), 1, 1, "LT003",
                                        f"replies[{i}]: each reply needs `text` (a string) and `expect` (a list)"))
                continue
            # expect: [categories] (tests/fixtures/lint) or [{category, span}] (eval/lint/)
            out.append((path.name, reply["text"], {e["category"] if isinstance(e, dict) else e
                                                   for e in reply.get("expect") or []}))
    if problems:
        raise ContentError(f"{len(problems)} problem(s) in the label files", problems)
    return out


def read_acceptable(paths: Sequence[Path]) -> list[tuple[str, str, set[str]]]:
    """Every sentence of the replies in these files or folders, as an acceptable example.

    Vetted reply templates are the best hard negatives there are: a closing such as 以后有任何问题，
    请拨打热线 must not read as an overpromise. Files are read as `aftersales lint` reads them (string
    values of YAML/JSON, Markdown and text, Jinja with its tags masked)."""
    from aftersales_std.lint.sources.inputs import read_path
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file()
                            and p.suffix.lower() in (".yaml", ".yml", ".json", ".md", ".txt", ".j2", ".jinja"))
        else:
            files.append(path)
    out: list[tuple[str, str, set[str]]] = []
    for file in files:
        source = read_path(file, display_path(file))
        if source.problems:
            raise ContentError(f"{display_path(file)}: cannot read it as replies", source.problems)
        for seg in source.segments:
            folded = fold(mask_placeholders(seg.text))
            out += [(f"acceptable:{file.name}", folded[lo:end], set()) for lo, _hi, end in spans(folded)]
    # texts are folded again by train(): folding is idempotent
    return out


def train(labelled: Sequence[tuple[str, str, set[str]]], category: str, *, c: float = 3.0,
          threshold: float = 0.8, ngrams: tuple[int, int] = (2, 3)) -> dict[str, Any]:
    """The model file's content for `category`, trained on every reply in `labelled`."""
    try:
        from sklearn.feature_extraction.text import CountVectorizer  # type: ignore[import-untyped]
        from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    except ImportError:
        raise ContentError("training needs scikit-learn: pip install 'aftersales-std[train]'") from None
    texts = [unquote(fold(mask_placeholders(text))) for _name, text, _expect in labelled]
    labels = [category in expect for _name, _text, expect in labelled]
    positives = sum(labels)
    if positives < 10 or len(labels) - positives < 10:
        raise ContentError(f"too few replies to learn {category!r} from: {positives} labelled {category}, "
                           f"{len(labels) - positives} not; give at least 10 of each")
    weights, bias = _fit(CountVectorizer, LogisticRegression, texts, labels, c, ngrams)
    draft = Model(bias=bias, threshold=threshold, weights=weights, triggers=("-",), ngrams=ngrams)
    flagged = [t for t in texts if draft.flags(t)]
    benign = [t[lo:end] for t, (_n, _t, expect) in zip(texts, labelled) if not expect for lo, _hi, end in spans(t)]
    triggers, share = _triggers(weights, flagged, benign)
    cover = sum(any(g in t for g in triggers) for t in flagged) / max(1, len(flagged))
    files = sorted({name for name, _t, _e in labelled})
    data: dict[str, Any] = {
        "format": FORMAT, "category": category, "ngrams": list(ngrams), "bias": bias, "threshold": threshold,
        "trained": {"files": files, "replies": len(labels), "positives": positives, "c": c,
                    "method": "scikit-learn LogisticRegression, L1, liblinear, balanced class weights"},
        "cv": _cross_validate(CountVectorizer, LogisticRegression, labelled, texts, labels, c, threshold, ngrams),
        "trigger_share": round(share, 4),  # of the acceptable training sentences that hold a trigger
        "trigger_cover": round(cover, 4),  # of the training replies the model flags that hold one
        "triggers": triggers,
        "weights": dict(sorted(weights.items())),
    }
    from_data(data)  # what we write, we can read
    return data


def _fit(vectorizer: Any, regression: Any, texts: Sequence[str], labels: Sequence[bool],
         c: float, ngrams: tuple[int, int] = (2, 3), class_weight: Any = "balanced") -> tuple[dict[str, float], float]:
    vec = vectorizer(analyzer="char", ngram_range=ngrams, min_df=2, binary=True, lowercase=False)
    x = vec.fit_transform(texts)
    clf = regression(C=c, l1_ratio=1.0, solver="liblinear", class_weight=class_weight, max_iter=5000,
                     random_state=0)
    clf.fit(x, labels)
    names = vec.get_feature_names_out()
    weights = {str(names[i]): round(float(w), 4) for i, w in enumerate(clf.coef_[0]) if round(float(w), 4) != 0}
    return weights, round(float(clf.intercept_[0]), 4)


def _triggers(weights: dict[str, float], flagged: Sequence[str], benign: Sequence[str]) -> tuple[list[str], float]:
    """Strings one of which every flagged training reply holds, chosen so that few acceptable sentences
    hold one; and the share of the acceptable sentences that do."""
    positive = sorted(g for g, w in weights.items() if w > 0)
    lengths = sorted({len(g) for g in positive})
    # `g in text` for a string g of length n is g among the text's substrings of length n: each text's
    # substrings are counted once, instead of each string searched for in every text
    benign_count: Counter[str] = Counter()
    for s in benign:
        benign_count.update({s[i:i + n] for n in lengths for i in range(len(s) - n + 1)})
    share = {g: benign_count[g] / max(1, len(benign)) for g in positive}
    spare = {g for g in positive if share[g] <= TRIGGER_MAX_SHARE}
    held = [{t[i:i + n] for n in lengths for i in range(len(t) - n + 1)} & spare for t in flagged]
    count: Counter[str] = Counter(g for grams in held for g in grams)  # uncovered replies holding each string
    chosen: list[str] = []
    uncovered = set(range(len(flagged)))
    by_gram: dict[str, list[int]] = {}
    for k, grams in enumerate(held):
        for g in grams:
            by_gram.setdefault(g, []).append(k)
    while uncovered and spare:  # cheapest cover first: fewest acceptable sentences per reply covered
        best = min(spare, key=lambda g: ((share[g] + 1e-4) / max(1e-9, count[g]), g))
        if not count[best]:
            break
        chosen.append(best)
        spare.discard(best)
        for k in by_gram[best]:
            if k in uncovered:
                uncovered.discard(k)
                for g in held[k]:
                    count[g] -= 1
    chosen = sorted(chosen) or positive[:1]
    rate = sum(any(g in s for g in chosen) for s in benign) / max(1, len(benign))
    return chosen, rate


def _cross_validate(vectorizer: Any, regression: Any, labelled: Sequence[tuple[str, str, set[str]]],
                    texts: Sequence[str], labels: Sequence[bool], c: float, threshold: float,
                    ngrams: tuple[int, int] = (2, 3)) -> dict[str, Any]:
    """Recall and false positives on acceptable replies, each label file held out in turn (5 groups)."""
    files = sorted({name for name, _t, _e in labelled})
    if len(files) < 2:
        return {"folds": 0, "note": "one label file: no cross-validation"}
    folds = min(5, len(files))
    group = {name: i % folds for i, name in enumerate(files)}
    tp = fn = fp_acceptable = acceptable = 0
    logit = math.log(threshold / (1 - threshold))
    for k in range(folds):
        train_idx = [i for i, (name, _t, _e) in enumerate(labelled) if group[name] != k]
        test_idx = [i for i, (name, _t, _e) in enumerate(labelled) if group[name] == k]
        ys = [labels[i] for i in train_idx]
        if sum(ys) < 2 or len(ys) - sum(ys) < 2:
            continue
        weights, bias = _fit(vectorizer, regression, [texts[i] for i in train_idx], ys, c, ngrams)
        model = Model(bias=bias, threshold=threshold, weights=weights, triggers=("-",), ngrams=ngrams)
        for i in test_idx:
            flag = model.score(texts[i]) >= logit
            if labels[i]:
                tp += flag
                fn += not flag
            elif not labelled[i][2]:
                acceptable += 1
                fp_acceptable += flag
    return {"folds": folds, "recall": round(tp / (tp + fn), 3) if tp + fn else None,
            "false_positives_on_acceptable": round(fp_acceptable / acceptable, 3) if acceptable else None}


def write_model(data: dict[str, Any], output: Path) -> None:
    """Write the model file atomically: a failed write never leaves half a file over a good one."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".model-", suffix=".json", dir=output.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
