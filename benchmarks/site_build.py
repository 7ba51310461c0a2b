"""Glossary site build benchmark: generated glossaries of 1,000 and 3,000 concepts.

    python benchmarks/site_build.py [--sizes 1000 3000] [--keep DIR]

For each size: a project with that many generated concepts (realistic length: definition, notes,
examples, phrasing, related concepts, history; some written zh-Hant and deprecated variants) and five
standards citing them, built with the repository's own mkdocs.yml and site/ pages by `mkdocs build`
in fresh processes: once as `aftersales build` does it (the validated model handed to the site
builder) and once as a plain `mkdocs build`. Reports our page generation time (sitegen.generate),
both build times, peak memory of the builder process, output size and search-index size.
Targets (issue 7): 3,000 concepts < 25 s and < 100 MB; linear; generation < 1 s per 1,000 concepts;
search index < 2 MB per 1,000 concepts.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORDS = ("退货 换货 维修 保修 投诉 回访 工单 配件 安装 检测 上门 取件 退款 补偿 延保 网点 客服 质检 物流 发票 "
         "包装 调试 鉴定 费用 时限 升级 审核 结案 受理 派单 评价 满意度 知识库 备件 返修 召回 保养 巡检 咨询 "
         "预约 催单 索赔 赔付 核销 回单 报修 拆机 翻新 验收 签收 拒收 补发 改约 回拨 转接 留言 工时 报价").split()
DOMAINS = ("维修", "退换货", "投诉处理", "回访与满意度", "工单与时效", "安装与上门")


def term(i: int) -> str:
    n = len(WORDS)
    return WORDS[i % n] + WORDS[(i // n) % n] + ("" if i < n * n else WORDS[(i // (n * n)) % n])


def concept_yaml(i: int, count: int) -> str:
    t, other = term(i), term((i * 7 + 3) % count)
    hant = (f"  zh-Hant:\n    - {{designation: {t}（臺）, status: preferred, region: TW}}\n" if i % 10 == 0 else "")
    deprecated = f"    - {{designation: {t}单, status: deprecated, usage_note: 不规范的简称}}\n" if i % 5 == 0 else ""
    return f"""id: c{i:05d}
status: valid
domain: {DOMAINS[i % len(DOMAINS)]}
terms:
  zh-Hans:
    - {{designation: {t}, status: preferred}}
{deprecated}{hant}  en:
    - {{designation: generated concept {i}, status: preferred}}
definition:
  zh-Hans: 售后服务中与{t}有关的处理环节，由服务人员按规范在承诺时限内完成并向客户说明结果、依据和下一步安排。
  en: The step of after-sales service concerned with item {i}, completed by service staff within the committed time, explaining the result, the basis and the next step to the customer.
notes:
  zh-Hans:
    - {t}须在工单中记录处理人、时间和结果，便于回访和追溯。
    - 与{other}不同，{t}以客户确认为结束。
  en:
    - Record who handled item {i}, when and with what result in the ticket.
examples:
  zh-Hans:
    - 您的{t}已受理，我们会在明天 18:00 前给您明确答复。
phrasing:
  approved: [您的{t}已经办好，结果已发到您的手机。]
  avoid:
    - {{text: {t}我们看看再说, instead: 我们会在明天 18:00 前告诉您{t}的结果}}
related:
  - {{type: see, ref: c{(i * 7 + 3) % count:05d}}}
history:
  - {{version: "1.0.0", date: "2026-11-22", change: added, summary: 首次收录。}}
"""


def standard_yaml(k: int, count: int) -> str:
    clauses = "".join(f"""  - number: "4.{j + 1}"
    title: {{zh-Hans: 条款{j + 1}, en: Clause {j + 1}}}
    modality: shall
    statement:
      zh-Hans: 客服专员应在 {{{{ limit }}}} 内完成{term((k * 40 + j) % count)}。
      en: The agent shall complete item {j} within {{{{ limit }}}}.
    roles: {{R: [agent]}}
    terms: [c{(k * 40 + j) % count:05d}, c{(k * 40 + j + 1) % count:05d}]
""" for j in range(40))
    return f"""id: std-{k}
title: {{zh-Hans: 生成规范{k}, en: Generated standard {k}}}
version: "1.0.0"
status: valid
scope: {{zh-Hans: 用于基准测试的生成规范。, en: A generated standard for the benchmark.}}
params:
  limit: {{value: 24, unit: h}}
roles:
  - id: agent
    name: {{zh-Hans: 客服专员, en: Agent}}
clauses:
{clauses}"""


def make_project(root: Path, count: int) -> Path:
    (root / "glossary" / "concepts").mkdir(parents=True)
    (root / "standards").mkdir()
    (root / "aftersales.yaml").write_text("version: 1\nname: benchmark\nlanguages: [zh-Hans, zh-Hant, en]\n",
                                          encoding="utf-8")
    (root / "glossary" / "glossary.yaml").write_text(
        'name: {zh-Hans: 基准术语库, en: Benchmark glossary}\nversion: "1.0.0"\nlanguages: [zh-Hans, zh-Hant, en]\n',
        encoding="utf-8")
    for i in range(count):
        (root / "glossary" / "concepts" / f"c{i:05d}.yaml").write_text(concept_yaml(i, count), encoding="utf-8")
    for k in range(5):
        (root / "standards" / f"std-{k}.yaml").write_text(standard_yaml(k, count), encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site", root / "site")
    return root


BUILD = """
import json, resource, sys, time
from pathlib import Path
from aftersales_std import sitegen
from aftersales_std.assemble import load_model
from aftersales_std.outputs import BuildContext
from aftersales_std.project import open_project
from aftersales_std.mkdocs_plugin.build import build_site
project = open_project(sys.argv[1])
t1 = time.perf_counter(); model = load_model(project); t2 = time.perf_counter()
ctx = sitegen.context_for(model, project.glossary_dir, with_downloads=False)
pages = sitegen.generate(ctx); t3 = time.perf_counter()
out = Path(sys.argv[2]); out.mkdir()
t4 = time.perf_counter(); c4 = time.process_time()
build_site(BuildContext(project, model, out))
t5 = time.perf_counter(); c5 = time.process_time()
print(json.dumps({"load_model": t2 - t1, "generate": t3 - t2, "build": t5 - t4, "build_cpu": c5 - c4,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def mkdocs_cli(project: Path, out: Path, env: dict[str, str]) -> float:
    """Wall time of a plain `mkdocs build` (the plugin validates and loads the model itself)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                   env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - started


def measure(count: int, keep: Path | None) -> dict[str, float]:
    tmp = Path(tempfile.mkdtemp(prefix=f"site-bench-{count}-"))
    try:
        project = make_project(tmp / "project", count)
        out = tmp / "out"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        wall = mkdocs_cli(project, tmp / "cli-out", env)
        result = subprocess.run([sys.executable, "-c", BUILD, str(project), str(out)], env=env,
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            sys.exit(result.stderr)
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        figures.update(concepts=count, wall=wall, output_mb=size / 1e6,
                       index_mb=(out / "search" / "glossary.json").stat().st_size / 1e6,
                       pages=sum(1 for _ in out.rglob("index.html")))
        if keep:
            shutil.copytree(out, keep / f"site-{count}", dirs_exist_ok=True)
        return figures
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--keep", type=Path, help="copy the built sites here")
    args = parser.parse_args()
    print("model s: validate + load the model; generate s: our page generation (sitegen);")
    print("site s: the site builder of `aftersales build` (model handed over), wall and CPU seconds (CPU is")
    print("less disturbed by other jobs on the machine); mkdocs s: plain `mkdocs build` (validates the content too)")
    print(f"{'concepts':>8} {'pages':>6} {'model s':>8} {'generate s':>10} {'site s':>8} {'site cpu':>8} "
          f"{'mkdocs s':>9} {'peak MB':>8} {'output MB':>9} {'index MB':>8}")
    rows = []
    for count in args.sizes:
        f = measure(count, args.keep)
        rows.append(f)
        print(f"{count:>8} {f['pages']:>6} {f['load_model']:>8.2f} {f['generate']:>10.2f} {f['build']:>8.2f} "
              f"{f['build_cpu']:>8.2f} "
              f"{f['wall']:>9.2f} {f['peak_mb']:>8.0f} {f['output_mb']:>9.1f} {f['index_mb']:>8.2f}")
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        scale = b["concepts"] / a["concepts"]
        print(f"growth x{scale:g} concepts: build x{b['build'] / a['build']:.2f} (CPU x{b['build_cpu'] / a['build_cpu']:.2f}), "
              f"output x{b['output_mb'] / a['output_mb']:.2f}, "
              f"index x{b['index_mb'] / a['index_mb']:.2f}")


if __name__ == "__main__":
    main()
