"""aftersales rules: list the lint rules, explain one (`rules CODE`), convert a textlint-rule-prh
dictionary into rule files (`rules import-prh FILE --output DIR`), or train a model rule on labelled
replies (`rules train CATEGORY FILE|FOLDER... --output MODEL.json`; a folder gives its *.yaml label files, so
training data kept apart from the measured sets is passed as one more argument, e.g.
`rules train vague tests/fixtures/lint/*.yaml eval/lint/dev eval/lint/train --acceptable templates/replies ...`)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from aftersales_std.errors import Exit, UsageError
from aftersales_std.lint.rules import prh
from aftersales_std.lint.report.finding import safe_text
from aftersales_std.lint.rules.loader import load_ruleset
from aftersales_std.lint.rules import Rule
from aftersales_std.project import Project, display_path, open_project_or_bundled


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("rules", parents=[common],
                       help="list or explain the lint rules; import a prh dictionary; train a model rule",
                       description=__doc__)
    p.add_argument("target", nargs="*", metavar="CODE | import-prh FILE | train CATEGORY FILE...",
                   help="a rule code to explain, `import-prh FILE`, or `train CATEGORY LABELS.yaml|FOLDER...` "
                        "(label files, or folders of *.yaml label files such as eval/lint/train: all are trained on)")
    p.add_argument("--rules", metavar="DIR", help="read the rule files in DIR instead of the project's checks/")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("zh-Hans", "zh-Hant", "en"), default="zh-Hans")
    p.add_argument("--output", metavar="PATH", help="import-prh: folder for the new rule files; "
                   "train: the model file to write (e.g. checks/blame/BL09.model.json)")
    p.add_argument("--threshold", type=float, default=0.8,
                   help="train: probability at or above which a sentence is reported (default 0.8)")
    p.add_argument("--acceptable", action="append", metavar="PATH", default=[],
                   help="train: reply files or folders whose every sentence is acceptable (e.g. templates/replies); "
                        "repeatable")
    p.add_argument("--c", type=float, default=3.0, help="train: inverse regularisation strength (default 3)")
    p.add_argument("--ngrams", default="2,3", metavar="SHORTEST,LONGEST",
                   help="train: lengths of the character strings weighed, 1 to 4 (default 2,3)")
    p.add_argument("--prefix", default="PR", help="import-prh: two capital letters for the codes (default PR)")
    p.add_argument("--group", default="prh", help="import-prh: first part of the dotted rule names")
    p.add_argument("--ref", action="append", metavar="STANDARD:CLAUSE",
                   help="import-prh: clause the rules enforce (default communication:4.1); repeatable")
    p.set_defaults(run=run)




def run(args: argparse.Namespace) -> int:
    if args.target and args.target[0] == "import-prh":
        return _import(args)
    if args.target and args.target[0] == "train":
        return _train(args)
    if len(args.target) > 1:
        raise UsageError("give one rule code, e.g. `aftersales rules VG01`")
    project = open_project_or_bundled(getattr(args, "project", None))
    ruleset = load_ruleset(project, Path(args.rules) if args.rules else None, lint_config={}, keep_off=True)
    rules = sorted(ruleset.rules, key=lambda r: r.code)
    if args.target:
        code = args.target[0].upper()
        rule = ruleset.by_code.get(code)
        if rule is None:
            raise UsageError(f"no rule {code}; known: {', '.join(r.code for r in rules)}")
        if args.format == "json":
            print(json.dumps(_as_dict(rule, args.lang), ensure_ascii=False, indent=2))
        else:
            print(_explain(rule, project, args.lang))
        return Exit.OK
    if args.format == "json":
        print(json.dumps([_as_dict(r, args.lang) for r in rules], ensure_ascii=False, indent=2))
        return Exit.OK
    for r in rules:
        print(f"{r.code}  {r.name:<32} {r.severity:<10} {r.kind:<12} {', '.join(r.refs)}")
    print(f"{len(rules)} rule(s)", file=sys.stderr)
    return Exit.OK


def _as_dict(rule: Rule, lang: str) -> dict[str, object]:
    return {"code": rule.code, "name": rule.name, "severity": rule.severity, "kind": rule.kind,
            "group": rule.group, "refs": list(rule.refs), "description": rule.text(rule.description, lang),
            "message": rule.text(rule.message, lang), "suggest": rule.text(rule.suggest, lang) or None,
            "examples": {k: list(v) for k, v in rule.examples.items()}, "substitutions": len(rule.swap),
            "model": ({"weights": len(rule.model.weights), "threshold": rule.model.threshold,
                       "triggers": len(rule.model.triggers), **dict(rule.model.info)} if rule.model else None),
            "source": rule.source.path}


def _clause(project: Project, ref: str, lang: str) -> str:
    from aftersales_std.validate import load_content
    std_id, _, number = ref.partition(":")
    for doc in load_content(project).standards:
        data = doc.data if isinstance(doc.data, dict) else {}
        if data.get("id") != std_id:
            continue
        for clause in data.get("clauses", []):
            if isinstance(clause, dict) and clause.get("number") == number:
                title = (clause.get("title") or {}).get(lang) or (clause.get("title") or {}).get("zh-Hans", "")
                stmt = (clause.get("statement") or {}).get(lang) or (clause.get("statement") or {}).get("zh-Hans", "")
                return f"{title}: {stmt}"
    return "(clause not found in this project's standards)"


def _explain(rule: Rule, project: Project, lang: str) -> str:
    lines = [f"{rule.code} {rule.name}", f"  severity: {rule.severity}    kind: {rule.kind}    group: {rule.group}",
             f"  defined in: {rule.source.path}"]
    if rule.description:
        lines.append(f"  {rule.text(rule.description, lang)}")
    lines.append(f"  message: {rule.text(rule.message, lang)}")
    if rule.suggest:
        lines.append(f"  suggest: {rule.text(rule.suggest, lang)}")
    if rule.swap:
        shown = list(rule.swap.items())[:20]
        lines.append(f"  substitutions ({len(rule.swap)}): " + "; ".join(f"{k} -> {' / '.join(v)}" for k, v in shown))
    if rule.model is not None:
        m = rule.model
        trained = dict(m.info.get("trained") or {})
        strongest = sorted(m.weights, key=lambda g: -m.weights[g])
        lines.append(f"  model: {len(m.weights)} weighted strings, threshold {m.threshold}, "
                     f"{len(m.triggers)} triggers; trained on {trained.get('replies', '?')} replies "
                     f"from {len(trained.get('files', []))} file(s)")
        cv = dict(m.info.get("cv") or {})
        if cv.get("folds"):
            lines.append(f"  cross-validation: recall {cv.get('recall')}, "
                         f"false positives on acceptable replies {cv.get('false_positives_on_acceptable')}")
        lines.append("  strongest for: " + " ".join(strongest[:12]))
        lines.append("  strongest against: " + " ".join(sorted(m.weights, key=lambda g: m.weights[g])[:12]))
    lines += _how(rule, project)
    lines.append("  enforces:")
    for ref in rule.refs:
        lines.append(f"    {ref}  {_clause(project, ref, lang)}")
    for kind, label in (("bad", "flagged"), ("good", "fine")):
        for example in rule.examples.get(kind, ()):
            lines.append(f"  {label}: {example}")
    return "\n".join(lines)


def _how(rule: Rule, project: Project) -> list[str]:
    """What the rule looks for and what makes a match fine, from its spec (lint/rules/explain.py, as the site's
    rule reference shows it): the same compiled rule the linter runs."""
    if rule.spec is None:
        return []
    from aftersales_std.lint.rules.explain import describe, lines_en
    from aftersales_std.lint.rules.loader import project_glossary
    glossary = project_glossary(project) if rule.spec.glossary else None
    return ["  " + line for line in lines_en(describe(rule.spec, glossary))]


def _import(args: argparse.Namespace) -> int:
    if len(args.target) != 2:
        raise UsageError("usage: aftersales rules import-prh FILE --output DIR")
    if not args.output:
        raise UsageError("import-prh needs --output DIR")
    source = Path(args.target[1])
    if not source.is_file():
        raise UsageError(f"no such file: {args.target[1]}")
    report = prh.Report()
    converted = prh.convert(source, prefix=args.prefix, group=args.group, refs=args.ref, report=report)
    for line in report.skipped:
        print(f"aftersales: warning: skipped {safe_text(line)}", file=sys.stderr)
    for line in report.notes:
        print(f"aftersales: note: {safe_text(line)}", file=sys.stderr)
    if not converted:
        raise UsageError(f"{args.target[1]}: no usable prh entries ({len(report.skipped)} skipped, see the warnings "
                         "above; each entry needs `expected` and a pattern the linter can express)")
    out = Path(args.output)
    written = prh.write(converted, out)
    load_ruleset(None, out, lint_config={})  # the new rules load and their examples hold
    for path in written:
        print(display_path(path))
    print(f"imported {len(report.imported)} prh entries, merged {len(report.merged)} duplicate(s), "
          f"skipped {len(report.skipped)}; wrote {len(written)} rule file(s); "
          f"lint with them: aftersales lint --rules {display_path(out)}", file=sys.stderr)
    return Exit.OK


def _train(args: argparse.Namespace) -> int:
    from aftersales_std.lint_tools.train import read_acceptable, read_labels, train, write_model
    if len(args.target) < 3:
        raise UsageError("usage: aftersales rules train CATEGORY LABELS.yaml|FOLDER... --output MODEL.json "
                         "(e.g. rules train vague tests/fixtures/lint/*.yaml eval/lint/dev eval/lint/train "
                         "--acceptable templates/replies --output checks/vague/VG09.model.json)")
    if not args.output or not args.output.endswith(".json"):
        raise UsageError("train needs --output MODEL.json (the file a rule's `model:` names)")
    if not 0 < args.threshold < 1:
        raise UsageError("--threshold is a probability between 0 and 1")
    if args.c <= 0:
        raise UsageError("--c must be positive")
    category, named = args.target[1], [Path(f) for f in args.target[2:]]
    missing = [str(f) for f in named if not f.exists()] + [a for a in args.acceptable if not Path(a).exists()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    # a folder (eval/lint/dev, eval/lint/train) gives its label files; each file is read once
    files = list(dict.fromkeys(f for path in named for f in (sorted(path.glob("*.yaml")) if path.is_dir() else [path])))
    empty = [str(path) for path in named if path.is_dir() and not any(path.glob("*.yaml"))]
    if empty:
        raise UsageError(f"no label files (*.yaml) in {', '.join(empty)}")
    labelled = read_labels(files) + read_acceptable([Path(a) for a in args.acceptable])
    try:
        lo, hi = (int(n) for n in args.ngrams.split(","))
    except ValueError:
        raise UsageError("--ngrams is SHORTEST,LONGEST, e.g. 2,3") from None
    if not 1 <= lo <= hi <= 4:
        raise UsageError("--ngrams: lengths from 1 to 4, shortest first")
    data = train(labelled, category, c=args.c, threshold=args.threshold, ngrams=(lo, hi))
    write_model(data, Path(args.output))
    cv = data["cv"]
    print(f"{display_path(Path(args.output))}: {category}, {len(data['weights'])} weighted strings, "
          f"{len(data['triggers'])} triggers; trained on {data['trained']['replies']} replies "
          f"({data['trained']['positives']} {category}) from {len(files)} label file(s)"
          + (f" and acceptable sentences from {', '.join(args.acceptable)}" if args.acceptable else ""))
    if cv.get("folds"):
        print(f"cross-validation ({cv['folds']} groups of files): recall {cv['recall']}, "
              f"false positives on acceptable replies {cv['false_positives_on_acceptable']}", file=sys.stderr)
    return Exit.OK
