"""Benchmark: build scripts, training material and manuals for a generated project.

    python benchmarks/build_docs.py [--concepts 1000] [--standards 50] [--scenarios 10] [--keep DIR]

Writes a valid project (concepts, standards with params/RACI/records/KPIs, reply templates and the
repository's lint rules) into a temporary folder, then times loading and each output kind separately,
and the whole `aftersales build` (scripts, training, manuals) as a user runs it. Not run by pytest.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

from aftersales_std.assemble import load_model
from aftersales_std.cli import main as cli_main
from aftersales_std.outputs import Progress, run_builds
from aftersales_std.project import open_project

REPO = Path(__file__).resolve().parents[1]
CHARS = "服务维修退换货投诉回访安装检测配件保修工单客户满意度响应时限记录质量费用报价上门寄修网点工程师专员主管审核纠正措施"
DOMAINS = ["维修", "退换货", "投诉处理", "回访与满意度", "工单与时效", "安装", "备件"]


def dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_project(root: Path, n_concepts: int, n_standards: int, n_scenarios: int) -> None:
    rng = random.Random(20261122)
    dump(root / "aftersales.yaml", {"version": 1, "name": "benchmark", "languages": ["zh-Hans", "zh-Hant", "en"]})
    dump(root / "glossary/glossary.yaml", {"name": {"zh-Hans": "基准术语库", "en": "Benchmark glossary"},
                                          "version": "1.0.0", "released": "2026-11-22",
                                          "languages": ["zh-Hans", "zh-Hant", "en"]})
    used: set[str] = set()
    ids = []
    for i in range(n_concepts):
        while True:
            term = "".join(rng.choice(CHARS) for _ in range(rng.randint(3, 5)))
            if term not in used and term + "类" not in used:
                break
        used |= {term, term + "类"}
        cid = f"concept-{i:04d}"
        ids.append(cid)
        terms = [{"designation": term, "status": "preferred"}]
        if i % 5 == 0:
            terms.append({"designation": term + "类", "status": "deprecated", "usage_note": "不规范的说法。"})
        dump(root / f"glossary/concepts/{cid}.yaml", {
            "id": cid, "status": "valid", "domain": DOMAINS[i % len(DOMAINS)],
            "terms": {"zh-Hans": terms, "en": [{"designation": f"benchmark term {i}", "status": "preferred"}]},
            "definition": {"zh-Hans": f"第 {i} 个基准概念的定义，说明{term}在售后服务中的含义和使用范围。",
                           "en": f"Definition of benchmark concept {i}."},
            "examples": {"zh-Hans": [f"请按{term}的要求为客户办理，并告知办理时限。"]},
            "phrasing": {"approved": [f"您好，关于{term}，我们会在明天 18:00 前给您答复。"],
                         "avoid": [{"text": f"{term}的事我们研究一下", "instead": "我们会在明天 18:00 前给您答复。"}]},
        })
    replies: dict[str, list[dict[str, object]]] = {}
    for s in range(n_standards):
        sid = f"standard-{s:02d}"
        scenario = f"scenario-{s % n_scenarios:02d}"
        clauses = []
        for c in range(10):
            clauses.append({
                "number": f"4.{c + 1}", "title": {"zh-Hans": f"要求 {c + 1}", "en": f"Requirement {c + 1}"},
                "modality": "shall",
                "statement": {"zh-Hans": f"客服专员应在受理后 {{{{ limit }}}} 内完成第 {c + 1} 项处理。",
                              "en": f"The agent shall complete step {c + 1} within {{{{ limit }}}} of intake."},
                "roles": {"R": ["agent"], "A": ["lead"], "I": ["manager"]},
                "records": [{"name": {"zh-Hans": f"处理记录 {c + 1}", "en": f"Record {c + 1}"},
                             "retention": {"value": 3, "unit": "year"}, "owner": "lead"}] if c % 3 == 0 else [],
                "terms": rng.sample(ids, 3),
            })
        dump(root / f"standards/{sid}.yaml", {
            "id": sid, "code": f"BM-STD-{s:02d}", "title": {"zh-Hans": f"基准标准 {s}", "en": f"Benchmark standard {s}"},
            "version": "1.0.0", "status": "valid", "effective_date": "2026-12-01", "scenario": scenario,
            "scope": {"zh-Hans": "基准测试用的服务标准。", "en": "A standard for the benchmark."},
            "params": {"limit": {"value": 24, "unit": "h", "label": {"zh-Hans": "处理时限", "en": "limit"}}},
            "roles": [{"id": "agent", "name": {"zh-Hans": "客服专员", "en": "Agent"}},
                      {"id": "lead", "name": {"zh-Hans": "客服组长", "en": "Team lead"}},
                      {"id": "manager", "name": {"zh-Hans": "服务经理", "en": "Service manager"}}],
            "clauses": clauses,
            "kpis": [{"id": "on-time", "name": {"zh-Hans": "及时率", "en": "On time"}, "target": {"op": ">=", "value": 95},
                      "unit": "%", "formula": {"zh-Hans": "按时数 ÷ 总数 × 100%", "en": "on time / all x 100%"},
                      "frequency": "monthly", "clauses": ["4.1"]}],
            "history": [{"version": "1.0.0", "date": "2026-11-22", "summary": "首次发布。"}],
        })
        replies.setdefault(scenario, []).extend(
            {"id": f"{sid}-reply-{r}", "title": f"回复 {r}", "channel": "chat", "refs": [f"{sid}:4.{r + 1}"],
             "text": "{{ customer_name }}您好，您的请求已登记，我们会在 {{ deadline }} 前给您答复。"} for r in range(2))
    for scenario, items in replies.items():
        dump(root / f"templates/replies/{scenario}.yaml", {"scenario": scenario, "replies": items})
    for rule_file in sorted((REPO / "checks").glob("*/*.yaml")):  # the repository's rules, refs pointed here
        rule = yaml.safe_load(rule_file.read_text(encoding="utf-8"))
        rule["refs"] = ["standard-00:4.1"]
        dump(root / "checks" / rule_file.parent.name / rule_file.name, rule)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--concepts", type=int, default=1000)
    parser.add_argument("--standards", type=int, default=50)
    parser.add_argument("--scenarios", type=int, default=10)
    parser.add_argument("--keep", metavar="DIR", help="generate the project here and keep it")
    args = parser.parse_args(argv)
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="aftersales-bench-"))
    try:
        make_project(root, args.concepts, args.standards, args.scenarios)
        project = open_project(root)
        t0 = time.perf_counter()
        model = load_model(project)
        t_load = time.perf_counter() - t0
        print(f"project: {len(model.glossary.concepts)} concepts, {len(model.standards)} standards, "
              f"{len(model.replies)} replies, {len(model.rules)} rules")
        print(f"load + validate: {t_load:6.2f} s")
        for kind in ("scripts", "training", "manuals"):
            t0 = time.perf_counter()
            written = run_builds(project, model, root / "out", [kind], "zh-Hans", Progress(enabled=False))
            print(f"{kind:15}: {time.perf_counter() - t0:6.2f} s  ({len(written[kind])} files)")
        t0 = time.perf_counter()
        code = cli_main(["build", "--project", str(root), "--only", "scripts", "--only", "training",
                         "--only", "manuals"])
        total = time.perf_counter() - t0
        print(f"full `aftersales build` (scripts, training, manuals, incl. load): {total:6.2f} s (exit {code})")
        return 0 if code == 0 else 1
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
