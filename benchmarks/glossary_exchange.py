"""Glossary versions and exchange formats at scale: export, import, diff and release times.

python benchmarks/glossary_exchange.py [N]   (default 2,000 concepts)
python benchmarks/glossary_exchange.py --parse [REPEAT]   (TBX parse time against file size)

Builds a scratch git repository of N concepts in a temporary folder, then times what a user runs:
every export format, a CSV import that changes nothing, a CSV import that rewords 10% of the
definitions, `glossary diff` between the release tag and the working tree, and `glossary release`.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aftersales_std.cli import main

CONCEPT = """id: c{i:05d}
status: valid
domain: 维修
terms:
  zh-Hans:
    - designation: 测试术语{i}号
      status: preferred
    - designation: 旧称{i}号
      status: deprecated
  en:
    - designation: test term {i}
      status: preferred
definition:
  zh-Hans: 第{i}个用于测量速度的概念，由基准脚本生成。
  en: Concept number {i}, generated to measure speed.
history:
  - {{version: "1.0.0", date: "2026-01-01", change: added, summary: 首次收录。}}
"""


def timed(label: str, argv: list[str]) -> None:
    started = time.perf_counter()
    code = main(argv)
    print(f"{label:<48} {time.perf_counter() - started:6.2f} s  (exit {code})", file=sys.stderr)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def run(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "aftersales.yaml").write_text("version: 1\nname: bench\n", "utf-8")
        concepts = root / "glossary" / "concepts"
        concepts.mkdir(parents=True)
        (root / "glossary" / "glossary.yaml").write_text(
            'name: {zh-Hans: 基准, en: Bench}\nversion: "1.0.0"\nlanguages: [zh-Hans, zh-Hant, en]\n', "utf-8")
        for i in range(n):
            (concepts / f"c{i:05d}.yaml").write_text(CONCEPT.format(i=i), "utf-8")
        git(root, "init", "-q")
        git(root, "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-q", "--allow-empty", "-m", "x")
        git(root, "add", "-A")
        git(root, "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-q", "-m", "1.0.0")
        git(root, "tag", "glossary-v1.0.0")
        p = ["--project", str(root)]
        print(f"{n:,} concepts", file=sys.stderr)
        for fmt in ("json", "csv", "tbx", "md"):
            timed(f"export --format {fmt}", ["glossary", "export", "--format", fmt, "-o", f"{tmp}/out.{fmt}", *p])
        timed("import unchanged CSV", ["glossary", "import", f"{tmp}/out.csv", *p])
        text = Path(f"{tmp}/out.csv").read_text("utf-8-sig")
        for i in range(0, n, 10):
            text = text.replace(f"Concept number {i}, generated", f"Concept number {i}, made")
        Path(f"{tmp}/edited.csv").write_text("\ufeff" + text, "utf-8")
        timed(f"import CSV rewording {len(range(0, n, 10)):,} definitions", ["glossary", "import", f"{tmp}/edited.csv", *p])
        timed("diff glossary-v1.0.0 (working tree)", ["glossary", "diff", "glossary-v1.0.0", *p])
        git(root, "add", "-A")
        git(root, "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-q", "-m", "reword")
        timed("release (patch: history, changelog, commit, tag)",
              ["glossary", "release", "--date", "2026-11-22", *p])


def _amp_tbx(megabytes: float) -> bytes:
    n = int(megabytes * 1_000_000 / 5)
    return (b'<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c1"><langSec xml:lang="fr">'
            b"<termSec><term>" + b"&amp;" * n + b"</term></termSec></langSec></conceptEntry></body></text></tbx>")


def _naive_sax(data: bytes) -> None:
    """The parser import used before (xml.sax, text appended with += per callback), for comparison."""
    import io
    import xml.sax
    import xml.sax.handler

    class Builder(xml.sax.handler.ContentHandler):
        def __init__(self) -> None:
            super().__init__()
            self.stack = [{"text": ""}]

        def startElement(self, name: str, attrs: object) -> None:  # noqa: N802
            node = {"text": ""}
            self.stack.append(node)

        def endElement(self, name: str) -> None:  # noqa: N802
            self.stack.pop()

        def characters(self, content: str) -> None:
            self.stack[-1]["text"] += content

    parser = xml.sax.make_parser()
    parser.setContentHandler(Builder())
    parser.parse(io.BytesIO(data))


def parse_bench(repeat: int) -> None:
    """Median of `repeat` alternated runs per size: our parser, lxml (the peer, C) and the old SAX builder."""
    import statistics

    from lxml import etree

    from aftersales_std.termbase.tbxparse import parse

    parsers = {"tbxparse (expat, ours)": lambda d: parse(d, "bench.tbx"),
               "lxml.etree (peer)": lambda d: etree.fromstring(d, etree.XMLParser(huge_tree=True)),
               "old xml.sax builder": _naive_sax}
    for mb in (1.25, 2.5, 5.0, 10.0):
        data = _amp_tbx(mb)
        times: dict[str, list[float]] = {name: [] for name in parsers}
        for _ in range(repeat):
            for name, fn in parsers.items():
                if name.startswith("old") and mb > 2.5:
                    continue  # quadratic: minutes at 10 MB
                started = time.perf_counter()
                fn(data)
                times[name].append(time.perf_counter() - started)
        row = "  ".join(f"{name} {statistics.median(ts):7.3f} s" for name, ts in times.items() if ts)
        print(f"{len(data) / 1e6:6.2f} MB of &amp;  {row}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--parse":
        parse_bench(int(sys.argv[2]) if len(sys.argv) > 2 else 3)
    else:
        run(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
