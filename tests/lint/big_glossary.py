"""A generated glossary of many concepts, to check that building the glossary-derived rules takes time
linear in its size (issue 18: 10,000 concepts with 3,000 deprecated terms took 115 s for one file).

    python tests/lint/big_glossary.py OUT_DIR [--concepts 10000] [--deprecated 3000]

writes a project folder (aftersales.yaml, glossary/, checks/ holding the bundled terms rule) that
`aftersales lint --project OUT_DIR` runs on. Terms are made of characters drawn from a fixed
alphabet with a seeded generator, so runs are repeatable; every deprecated term is a different string
and some preferred terms contain a deprecated one (what the protected-phrase logic is for).
"""
from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

ALPHABET = "保修换退货款维服务单号期限质检测配件客诉处理回访上门寄送费用凭证发票网点工程师预约安装调试"
REPO = Path(__file__).resolve().parents[2]


def _term(rng: random.Random, seen: set[str], length: int) -> str:
    while True:
        text = "".join(rng.choice(ALPHABET) for _ in range(length))
        if text not in seen:
            seen.add(text)
            return text


def write_project(out: Path, concepts: int = 10000, deprecated: int = 3000, seed: int = 18) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "aftersales.yaml").write_text("version: 1\nname: big glossary\nlint:\n  fail-level: warning\n",
                                         encoding="utf-8")
    folder = out / "glossary" / "concepts"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "glossary" / "glossary.yaml", out / "glossary" / "glossary.yaml")
    checks = out / "checks" / "terms"
    checks.mkdir(parents=True, exist_ok=True)
    rule = yaml.safe_load((REPO / "checks" / "terms" / "TM01.yaml").read_text("utf-8"))
    seen: set[str] = set()
    first_deprecated = None
    for i in range(concepts):
        preferred = _term(rng, seen, rng.choice((3, 4, 5, 6)))
        zh = [{"designation": preferred, "status": "preferred"}]
        if i < deprecated:
            old = _term(rng, seen, rng.choice((2, 3, 4)))
            first_deprecated = first_deprecated or old
            zh.append({"designation": old, "status": "deprecated"})
        doc = {"id": f"concept-{i:05d}", "status": "valid", "domain": "测试",
               "terms": {"zh-Hans": zh, "en": [{"designation": f"concept {i}", "status": "preferred"}]},
               "definition": {"zh-Hans": f"第{i}个生成的概念。", "en": f"Generated concept {i}."}}
        (folder / f"concept-{i:05d}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False),
                                                     encoding="utf-8")
    # the bundled examples name bundled terms
    rule["examples"] = {"bad": [f"请提供{first_deprecated}。"] if first_deprecated else [], "good": ["您好。"]}
    if not rule["examples"]["bad"]:
        del rule["examples"]["bad"]
    (checks / "TM01.yaml").write_text(yaml.safe_dump(rule, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


if __name__ == "__main__":  # pragma: no cover - a tool
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--concepts", type=int, default=10000)
    parser.add_argument("--deprecated", type=int, default=3000)
    args = parser.parse_args()
    write_project(args.out, args.concepts, args.deprecated)
