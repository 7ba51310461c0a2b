"""aftersales rules: list the lint rules, explain one (`rules CODE`), or convert a textlint-rule-prh
dictionary into rule files (`rules import-prh FILE --output DIR`)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from aftersales_std.errors import Exit, UsageError
from aftersales_std.lint import prh
from aftersales_std.lint.loader import load_ruleset
from aftersales_std.lint.rules import Rule
from aftersales_std.project import Project, display_path, open_project_or_bundled


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("rules", parents=[common], help="list or explain the lint rules; import a prh dictionary",
                       description=__doc__)
    p.add_argument("target", nargs="*", metavar="CODE | import-prh FILE",
                   help="a rule code to explain, or `import-prh FILE`")
    p.add_argument("--rules", metavar="DIR", help="read the rule files in DIR instead of the project's checks/")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("zh-Hans", "zh-Hant", "en"), default="zh-Hans")
    p.add_argument("--output", metavar="DIR", help="import-prh: folder for the new rule files")
    p.add_argument("--prefix", default="PR", help="import-prh: two capital letters for the codes (default PR)")
    p.add_argument("--group", default="prh", help="import-prh: first part of the dotted rule names")
    p.add_argument("--ref", action="append", metavar="STANDARD:CLAUSE",
                   help="import-prh: clause the rules enforce (default communication:4.1); repeatable")
    p.set_defaults(run=run)




def run(args: argparse.Namespace) -> int:
    if args.target and args.target[0] == "import-prh":
        return _import(args)
    if len(args.target) > 1:
        raise UsageError("give one rule code, e.g. `aftersales rules VG01`")
    project = open_project_or_bundled(getattr(args, "project", None))
    ruleset = load_ruleset(project, Path(args.rules) if args.rules else None, lint_config={})
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
    lines.append("  enforces:")
    for ref in rule.refs:
        lines.append(f"    {ref}  {_clause(project, ref, lang)}")
    for kind, label in (("bad", "flagged"), ("good", "fine")):
        for example in rule.examples.get(kind, ()):
            lines.append(f"  {label}: {example}")
    return "\n".join(lines)


def _import(args: argparse.Namespace) -> int:
    if len(args.target) != 2:
        raise UsageError("usage: aftersales rules import-prh FILE --output DIR")
    if not args.output:
        raise UsageError("import-prh needs --output DIR")
    source = Path(args.target[1])
    if not source.is_file():
        raise UsageError(f"no such file: {args.target[1]}")
    converted = prh.convert(source, prefix=args.prefix, group=args.group, refs=args.ref)
    if not converted:
        raise UsageError(f"{args.target[1]}: no usable prh entries (each needs `expected` and a pattern)")
    out = Path(args.output)
    written = prh.write(converted, out)
    load_ruleset(None, out, lint_config={})  # the new rules load and their examples hold
    for path in written:
        print(display_path(path))
    print(f"wrote {len(written)} rule file(s); lint with them: aftersales lint --rules {display_path(out)}",
          file=sys.stderr)
    return Exit.OK
