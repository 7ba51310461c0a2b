"""Load rule files (the project's checks/ or --rules DIR), add the glossary's rules, apply the
config (groups, severities) and check every rule's examples."""
from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from aftersales_std.errors import ContentError, Finding
from aftersales_std.lint.rules import cache as lint_cache
from aftersales_std.lint.matchers.classifier import Model, ModelError, load_model
from aftersales_std.lint.matchers.engine import RuleSet
from aftersales_std.lint.rules import Rule, RuleError, compile_rule, glossary_contexts, glossary_swaps
from aftersales_std.lint.rules.spec import spec_of
from aftersales_std.origin import Source
from aftersales_std.project import Project, display_path

if TYPE_CHECKING:
    from aftersales_std.loading import Document
    from aftersales_std.model import Concept, Glossary, RuleDoc

# Reading and checking rule files and the glossary (schema, loading, assemble, validate) is imported
# when the rules are built, not when they come from the cache.


def rule_doc(doc: Document, opencc: str = "s2t") -> RuleDoc:
    from aftersales_std.assemble import localized
    from aftersales_std.model import RuleDoc
    data = doc.data
    mark = doc.mark(())
    severity = "off" if data["severity"] is False else data["severity"]  # YAML reads an unquoted off as false
    return RuleDoc(code=data["code"], name=data["name"], severity=severity, kind=data["kind"],
                   message=localized(data["message"], opencc), refs=tuple(data["refs"]),
                   data=MappingProxyType(data), group=Path(doc.path).parent.name,
                   source=Source(doc.display, mark.line, mark.col))


def load_rule_files(paths: Iterable[Path]) -> tuple[list[Document], list[Finding]]:
    from aftersales_std import schema
    from aftersales_std.loading import load_file
    docs, findings = [], []
    for path in sorted(paths):
        doc = load_file(path, display_path(path))
        problems = doc.findings + schema.check(doc, "rule")
        findings += problems
        if not problems:
            docs.append(doc)
    return docs, findings


def rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def glossary_files(project: Project) -> list[Path]:
    """The files the glossary is built from: its manifest and every concept file (the same files
    as `project.files("concept")`, listed without sorting Path objects: 1.5 s for 10,000 of them)."""
    return [project.manifest_path, *_concept_files(project)]


def _concept_files(project: Project) -> list[Path]:
    folder = project.concepts_dir
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith((".yaml", ".yml")) and e.is_file())
    except OSError:
        return []
    return [folder / name for name in names]


def project_glossary(project: Project) -> Glossary | None:
    """The glossary the derived rules are built from, read for that purpose only.

    Only the manifest and the concept files are read (not standards, rules or replies), and a
    concept is checked for the shape the derived rules use (its designations, status and
    replacement), not against the whole concept schema: validating 10,000 concepts with jsonschema
    took most of a minute. A concept without that shape is left out: reporting it is `validate`'s job.
    """
    from aftersales_std import schema
    from aftersales_std.assemble import localized
    from aftersales_std.loading import load_file
    from aftersales_std.model import Glossary
    limit = project.max_file_bytes
    if not project.manifest_path.is_file():
        return None
    manifest = load_file(project.manifest_path, display_path(project.manifest_path), max_bytes=limit)
    if manifest.findings or schema.check(manifest, "glossary"):
        return None
    concepts = []
    for path in _concept_files(project):
        doc = load_file(path, display_path(path), max_bytes=limit)
        concept = None if doc.findings else _lint_concept(doc.data, project.opencc)
        if concept is not None:
            concepts.append(concept)
    m = manifest.data
    return Glossary(name=localized(m["name"], project.opencc), version=m["version"],
                    languages=tuple(m["languages"]), concepts=tuple(sorted(concepts, key=lambda c: c.id)))


_TERM_LANGS = ("zh-Hans", "zh-Hant", "en")
_TERM_STATUS = ("preferred", "admitted", "deprecated")


def _lint_concept(data: Any, opencc: str) -> Concept | None:
    """A Concept holding what the derived rules read (as assemble builds it), or None when the data
    does not have that shape."""
    from aftersales_std.assemble import _designation, term_context
    from aftersales_std.model import Concept, Localized, LocalizedList, derive_hant
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not isinstance(data.get("status"), str):
        return None
    terms = data.get("terms")
    replaced_by = data.get("replaced_by")
    if not isinstance(terms, dict) or not terms.get("zh-Hans") or replaced_by is not None and not isinstance(replaced_by, str):
        return None
    for lang, items in terms.items():
        if lang not in _TERM_LANGS or not isinstance(items, list):
            return None
        for d in items:
            if not (isinstance(d, dict) and isinstance(d.get("designation"), str) and d.get("status") in _TERM_STATUS
                    and isinstance(d.get("region"), (str, type(None)))):
                return None
    if not any(d["status"] == "preferred" for d in terms["zh-Hans"]):
        return None
    built = {lang: tuple(_designation(lang, d) for d in items) for lang, items in terms.items()}
    if "zh-Hant" not in built:
        built["zh-Hant"] = tuple(
            _designation("zh-Hant", {**d, "designation": derive_hant(d["designation"], opencc).value}, True)
            for d in terms["zh-Hans"])
    return Concept(id=data["id"], status=data["status"], domain=str(data.get("domain", "")),
                   terms=MappingProxyType(built), definition=Localized(), notes=LocalizedList(),
                   examples=LocalizedList(), replaced_by=replaced_by, term_context=term_context(data))


def compile_docs(docs: list[Document], glossary: Glossary | None,
                 root: Path | None = None) -> tuple[list[Rule], list[Finding]]:
    """Documents -> compiled rules, and the problems found (examples checked).

    root: the rules folder; a rule in a group folder under it (checks/timeframe/TF01.yaml) must be
    named after its group (timeframe.no-concrete-time)."""
    rules: list[Rule] = []
    findings: list[Finding] = []
    seen: dict[str, str] = {}
    by_code = {d.data["code"]: spec_of(rule_doc(d)) for d in docs}
    checked: list[tuple[Rule, Document]] = []
    for doc in docs:
        rd = spec_of(rule_doc(doc))
        if rd.code in seen:
            findings.append(doc.finding(("code",), "LT001", f"rule code {rd.code} is also used by {seen[rd.code]}"))
            continue
        seen[rd.code] = doc.display
        in_group = root is not None and Path(doc.path).resolve().parent != root.resolve()
        if in_group and rd.name.split(".", 1)[0] != rd.group:
            rest = rd.name.split(".", 1)[-1]
            findings.append(doc.finding(("name",), "LT001", f"rule {rd.code}: name {rd.name!r} does not start with "
                                        f"its group {rd.group!r} (the folder it is in): name it "
                                        f"'{rd.group}.{rest}' or move the file to the folder of its group"))
            continue
        extra: Mapping[str, Any] = {}
        protect: list[str] = []
        hant: set[str] = set()
        regional: list[str] = []
        sources = rd.glossary
        if sources and glossary is not None:
            extra, protect, hant = {}, [], set()
            for which in sources:
                swaps, keep, tw = glossary_swaps(glossary, which)
                hant |= tw
                if which == "regional":
                    regional += list(swaps)
                for phrase, options in swaps.items():
                    extra.setdefault(phrase, []).extend(o for o in options if o not in extra.get(phrase, []))
                protect += keep
        model: Model | None = None
        if rd.kind == "model" and rd.model is not None:
            try:
                model = load_model(Path(doc.path).parent / rd.model)
            except ModelError as exc:
                findings.append(doc.finding(("model",), "LT001", f"rule {rd.code}: model: {exc}; "
                                            "retrain it with `aftersales rules train`"))
                continue
        allow = customer_codes(glossary) if rd.matchers and glossary is not None else ()
        contexts = glossary_contexts(glossary, sources) if sources and glossary is not None else {}
        try:
            rule = compile_rule(rd, extra, protect, hant, by_code, regional, model, allow, contexts)
        except RuleError as exc:
            findings.append(_point(doc, exc.finding))
            continue
        rules.append(rule)
        checked.append((rule, doc))
    findings += check_all_examples(checked)
    return rules, findings


_CODE_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9+\-]*")


def customer_codes(glossary: Glossary) -> list[str]:
    """The codes of the glossary's designations marked customer_facing (SN码 -> SN), for the matchers."""
    out: list[str] = []
    for concept in glossary.concepts:
        for designations in concept.terms.values():
            for d in designations:
                if d.customer_facing:
                    out += [m.group(0) for m in _CODE_PART.finditer(d.text)]
    return out


def _point(doc: Document, finding: Finding) -> Finding:
    """Move a finding to the rule-file position of its key (patterns[2] -> that line)."""
    key = finding.json_path
    path: list[Any] = []
    for part in key.replace("]", "").replace("[", ".").split("."):
        if part:
            path.append(int(part) if part.isdigit() else part)
    mark = doc.mark(tuple(path))
    return Finding(doc.display, mark.line, mark.col, finding.code, finding.message, key)


def check_all_examples(checked: list[tuple[Rule, Document]]) -> list[Finding]:
    """Every rule's examples, scanned with one rule set: rules never affect one another's matches
    (overlaps are resolved per rule), and one automaton costs far less to build than one per rule."""
    if not checked:
        return []
    together = RuleSet([rule for rule, _doc in checked])
    return [f for rule, doc in checked for f in check_examples(rule, doc, together)]


def check_examples(rule: Rule, doc: Document | None = None, rules: RuleSet | None = None) -> list[Finding]:
    """Each bad example must fire the rule, each good one must not (checked whenever rules load)."""
    scanner = rules if rules is not None else RuleSet([rule])
    out = []
    for kind in ("bad", "good"):
        for i, example in enumerate(rule.examples.get(kind, ())):
            fired = any(hit.rule.code == rule.code for hit in scanner.scan(example))
            if fired != (kind == "bad"):
                what = "does not fire the rule" if kind == "bad" else "fires the rule"
                where = doc.mark(("examples", kind, i)) if doc else None
                out.append(Finding(doc.display if doc else rule.source.path, where.line if where else 1,
                                   where.col if where else 1, "LT002",
                                   f"rule {rule.code}: {kind} example {example!r} {what}; fix the rule or the example",
                                   f"examples.{kind}[{i}]"))
    return out


def apply_config(rules: list[Rule], lint_config: Mapping[str, Any], keep_off: bool = False) -> list[Rule]:
    """The rules the config keeps, at the severity it gives them. A rule whose file says
    `severity: "off"` (the model rules BL09, DS09, OP09) is left out unless `lint.severity` gives it a
    level (`{BL09: warning}`); keep_off keeps it, still "off", for listing (`aftersales rules`)."""
    groups = lint_config.get("groups", {}) or {}
    severity = lint_config.get("severity", {}) or {}
    out = []
    for rule in rules:
        if groups.get(rule.group, True) is False:
            continue
        level = severity.get(rule.code)
        if level == "off" or level is False:  # YAML reads an unquoted `off` as false
            if not keep_off:
                continue
            level = "off"
        if rule.severity == "off" and not level and not keep_off:
            continue  # off unless switched on in the config
        out.append(dataclasses.replace(rule, severity=level) if level else rule)
    return out


def load_ruleset(project: Project | None = None, rules_dir: Path | None = None, *,
                 lint_config: Mapping[str, Any] | None = None, glossary: Glossary | None = None,
                 cache: bool = False, keep_off: bool = False) -> RuleSet:
    """The compiled rules: rules_dir when given, else the project's checks/; ContentError when broken.

    keep_off: keep the rules that are off (by the config or by their own `severity: "off"`), with
    severity "off", as `aftersales rules` lists them; linting never does.

    cache: read the compiled rules from the cache (cache.py) when their inputs have not changed, and
    write them there after a build. A build checks every rule's examples; a cached rule set was
    checked when it was built. `aftersales rules check` and `validate` load without the cache.
    """
    if rules_dir is None and project is None:
        raise ValueError("give a project or a rules folder")
    folder = rules_dir if rules_dir is not None else project.content_dir("checks")  # type: ignore[union-attr]
    if not folder.is_dir():
        raise ContentError(f"rules folder {display_path(folder)} does not exist")
    config = lint_config if lint_config is not None else (project.lint if project else {})
    if not cache or glossary is not None or not lint_cache.enabled():
        return _build(project, folder, config, glossary, keep_off)
    inputs = [p for p in folder.rglob("*") if p.is_file()]
    if project is not None:
        inputs += glossary_files(project)
    shaping = {"groups": config.get("groups"), "severity": config.get("severity"),
               "opencc": project.opencc if project is not None else None,
               "folder": str(folder.resolve()), "glossary": project is not None, "keep_off": keep_off}
    cache_key = lint_cache.key(inputs, shaping)
    where = lint_cache.cache_dir(project.root if project is not None else None, _bundled(project))
    cached = lint_cache.read(where, cache_key)
    if isinstance(cached, RuleSet):
        return cached
    ruleset = _build(project, folder, config, glossary, keep_off)
    lint_cache.write(where, cache_key, ruleset)
    return ruleset


def _bundled(project: Project | None) -> bool:
    """The project is the bundled content inside an installed package (whose folder may be read-only
    and is no place for a cache)."""
    if project is None:
        return False
    packaged = Path(__file__).resolve().parents[2] / "_bundled"
    return project.root.resolve() == packaged.resolve()


def _build(project: Project | None, folder: Path, config: Mapping[str, Any],
           glossary: Glossary | None, keep_off: bool = False) -> RuleSet:
    docs, findings = load_rule_files(rule_files(folder))
    if glossary is None and project is not None and any(d.data.get("glossary") or d.data.get("matchers") for d in docs):
        glossary = project_glossary(project)
    rules, problems = compile_docs(docs, glossary, folder)
    findings += problems
    if findings:
        raise ContentError(f"{len(findings)} problem(s) in the lint rules; fix them first", findings)
    return RuleSet(apply_config(rules, config, keep_off))
