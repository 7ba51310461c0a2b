"""Score the phrasing linter on labelled sets from independent sources (eval/lint/), per source.

    python benchmarks/lint_blind.py [SET.yaml | DIR ...] [--aftersales CMD] [--json OUT] [--misses]

Default: every set under eval/lint/blind/. Each set is one source (one writer with one brief, or one
public corpus), in the shape described in eval/lint/README.md. The linter is run through its command
line (`aftersales lint --format json`), one .txt file per reply, so the figures do not depend on the
engine's internals and any build of the tool can be scored the same way (`--aftersales` names another
installed command, e.g. an older build's venv).

Measures, per source and over all sources:
- recall on the labelled span: a labelled (category, span) counts as caught when a finding of that
  category overlaps the span; "reply recall" counts a category caught anywhere in the reply;
- false positives on acceptable replies: acceptable replies with at least one finding (any severity),
  and the same counting errors and warnings only;
- precision per category (findings of a category on replies not labelled with it are false alarms);
- the same split by language and by channel.
`--metamorphic` also lints every reply changed in ways that should not change the verdict (all
punctuation removed, spaces between words, converted to Taiwan and to Hong Kong script) and reports
for each change the share of replies whose verdict (flagged or not) stays the same; issue 14 asks for
at least 95%.
Nothing here is trained or tuned on: the sets are scored, never fitted, so every figure is
leave-the-source-out by construction until a set is moved to eval/lint/train/ or dev/.
"""
from __future__ import annotations

import argparse
import re
import json
import shutil
import subprocess
import os
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / "eval" / "lint" / "blind"
CATEGORIES = ("vague", "timeframe", "blame", "dismissive", "uncertain", "address", "overpromise",
              "jargon", "terms")


@dataclass
class Tally:
    labels: int = 0          # labelled (category, span) pairs
    caught_span: int = 0     # caught on the span
    caught_reply: int = 0    # caught anywhere in the reply
    alarms: int = 0          # replies flagged with a category they are not labelled with

    def recall(self) -> float:
        return self.caught_span / self.labels if self.labels else float("nan")

    def reply_recall(self) -> float:
        return self.caught_reply / self.labels if self.labels else float("nan")


@dataclass
class Score:
    cats: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    acceptable: int = 0
    fp_any: int = 0
    fp_strict: int = 0       # errors and warnings only
    flagged: int = 0         # replies with at least one label
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def total(self) -> Tally:
        t = Tally()
        for c in self.cats.values():
            t.labels += c.labels
            t.caught_span += c.caught_span
            t.caught_reply += c.caught_reply
            t.alarms += c.alarms
        return t


def load_set(path: Path) -> tuple[str, list[dict]]:
    data = yaml.safe_load(path.read_text("utf-8"))
    source = data.get("source") or path.stem
    replies = data["replies"]
    for r in replies:
        for e in r.get("expect") or []:
            if e["category"] not in CATEGORIES:
                raise SystemExit(f"{path}: {r['id']}: unknown category {e['category']!r}")
            if e["span"] not in r["text"]:
                raise SystemExit(f"{path}: {r['id']}: span {e['span']!r} is not in the text")
    return source, replies


def run_linter(cmd: list[str], replies: list[dict], project: Path = ROOT) -> dict[str, list[dict]]:
    """Findings per reply id: [{category, start, end, severity}], offsets in characters of the text.

    Each reply's `channel` is passed on (`--channel`, one run per channel), so a project's
    lint.channels settings apply as they would to that reply in use."""
    by_channel: dict[str | None, list[dict]] = defaultdict(list)
    for r in replies:
        by_channel[r.get("channel")].append(r)
    out: dict[str, list[dict]] = defaultdict(list)
    for channel, group in by_channel.items():
        for rid, found in _run_linter(cmd, group, project, channel).items():
            out[rid] += found
    return out


def _run_linter(cmd: list[str], replies: list[dict], project: Path, channel: str | None) -> dict[str, list[dict]]:
    tmp = Path(tempfile.mkdtemp(prefix="lint-blind-"))
    try:
        names = {}
        for i, r in enumerate(replies):
            # one line per file: a reply's line breaks become spaces so that columns are offsets
            name = f"r{i:05d}.txt"
            (tmp / name).write_text(r["text"].replace("\r", " ").replace("\n", " ") + "\n", "utf-8")
            names[name] = r["id"]
        where = ["--channel", channel] if channel else []
        proc = subprocess.run([*cmd, "lint", "--project", str(project), "--format", "json", *where, *sorted(names)],
                              cwd=tmp, capture_output=True, text=True)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"linter failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
        doc = json.loads(proc.stdout)
        out: dict[str, list[dict]] = defaultdict(list)
        for f in doc["findings"]:
            rid = names[Path(f["path"]).name]
            start = f["column"] - 1
            end = f.get("end_column", f["column"] + len(f.get("match") or "x")) - 1
            out[rid].append({"category": f["name"].split(".")[0], "start": start, "end": end,
                             "severity": f["severity"], "code": f["code"]})
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def score(replies: list[dict], found: dict[str, list[dict]], into: Score) -> None:
    for r in replies:
        labels = r.get("expect") or []
        hits = found.get(r["id"], [])
        if not labels:
            into.acceptable += 1
            if hits:
                into.fp_any += 1
                into.false_alarms.append(f"{r['id']}: {sorted({h['code'] for h in hits})} {r['text']}")
            if any(h["severity"] in ("error", "warning") for h in hits):
                into.fp_strict += 1
            continue
        into.flagged += 1
        labelled_cats = {e["category"] for e in labels}
        for e in labels:
            t = into.cats[e["category"]]
            t.labels += 1
            s = r["text"].index(e["span"])
            span = (s, s + len(e["span"]))
            same = [h for h in hits if h["category"] == e["category"]]
            if any(h["start"] < span[1] and h["end"] > span[0] for h in same):
                t.caught_span += 1
            else:
                into.misses.append(f"{r['id']}: {e['category']} [{e['span']}] {r['text']}")
            if same:
                t.caught_reply += 1
        for cat in {h["category"] for h in hits} - labelled_cats:
            into.cats[cat].alarms += 1


PUNCTUATION = re.compile(r"[\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
                         r"!-/:-@\[-`{-~…—–·“”‘’]+")


def transforms() -> dict[str, Callable[[str], str]]:
    import jieba
    from aftersales_std.chinese import to_traditional
    jieba.setLogLevel(60)
    return {
        "no punctuation": lambda t: PUNCTUATION.sub("", t),
        "spaces between words": lambda t: " ".join(w for w in jieba.cut(t) if w.strip()),
        "Taiwan script (s2twp)": lambda t: to_traditional(t, "s2twp"),
        "Hong Kong script (s2hk)": lambda t: to_traditional(t, "s2hk"),
    }


def metamorphic(cmd: list[str], replies: list[dict], found: dict[str, list[dict]], project: Path) -> None:
    base = {r["id"]: bool(found.get(r["id"])) for r in replies}
    print("### metamorphic agreement (verdict unchanged: flagged or not)\n")
    print("| change | replies changed | verdict unchanged | flagged before -> not | clean before -> flagged |")
    print("|---|---|---|---|---|")
    for name, fn in transforms().items():
        changed = [dict(r, text=fn(r["text"])) for r in replies]
        changed = [c for c, r in zip(changed, replies) if c["text"] != r["text"] and c["text"].strip()]
        after = run_linter(cmd, changed, project)
        lost = sum(1 for c in changed if base[c["id"]] and not after.get(c["id"]))
        gained = sum(1 for c in changed if not base[c["id"]] and after.get(c["id"]))
        same = len(replies) - lost - gained
        print(f"| {name} | {len(changed)} | {same}/{len(replies)} = {same / len(replies):.1%} | {lost} | {gained} |")
    print()


def fmt(x: float) -> str:
    return "-" if x != x else f"{x:.2f}"


def table(title: str, s: Score) -> str:
    lines = [f"### {title}", "", "| category | labels | recall (span) | recall (reply) | alarms on other replies |",
             "|---|---|---|---|---|"]
    for cat in CATEGORIES:
        t = s.cats.get(cat)
        if t and (t.labels or t.alarms):
            lines.append(f"| {cat} | {t.labels} | {fmt(t.recall())} | {fmt(t.reply_recall())} | {t.alarms} |")
    t = s.total()
    lines.append(f"| **all** | {t.labels} | **{fmt(t.recall())}** | {fmt(t.reply_recall())} | {t.alarms} |")
    fp = s.fp_any / s.acceptable if s.acceptable else float("nan")
    fps = s.fp_strict / s.acceptable if s.acceptable else float("nan")
    lines += ["", f"false positives on acceptable replies: {s.fp_any}/{s.acceptable} = {fp:.1%} "
              f"(errors and warnings only: {s.fp_strict} = {fps:.1%})", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", type=Path)
    ap.add_argument("--aftersales", default=str(Path(sys.executable).with_name("aftersales")),
                    help="the aftersales command to score (default: the one beside this Python)")
    ap.add_argument("--project", type=Path, default=ROOT,
                    help="the project whose rules and config to use (default: this repository)")
    ap.add_argument("--json", type=Path, help="write the per-source figures as JSON here")
    ap.add_argument("--misses", action="store_true", help="list misses and false alarms")
    ap.add_argument("--metamorphic", action="store_true",
                    help="also report how often the verdict survives punctuation, spacing and script changes")
    args = ap.parse_args(argv)
    paths: list[Path] = []
    for p in args.sets or [DEFAULT_DIR]:
        paths += sorted(p.glob("*.yaml")) if p.is_dir() else [p]
    if not paths:
        print(f"no label sets found in {', '.join(map(str, args.sets or [DEFAULT_DIR]))}", file=sys.stderr)
        return 2
    import shutil
    exe = args.aftersales if os.sep not in args.aftersales else str(Path(args.aftersales).resolve())
    if shutil.which(exe) is None:  # the linter runs in a temporary folder: a relative path must not break there
        print(f"--aftersales {args.aftersales}: no such command (give a command on PATH or a path to it)", file=sys.stderr)
        return 2
    cmd = [exe]
    overall, by_lang, by_channel = Score(), defaultdict(Score), defaultdict(Score)
    report = {}
    everything: list[dict] = []
    for path in paths:
        source, replies = load_set(path)
        found = run_linter(cmd, replies, args.project)
        s = Score()
        score(replies, found, s)
        score(replies, found, overall)
        everything += replies
        for r in replies:
            lang = "zh-Hant" if r["lang"].startswith("zh-Hant") else r["lang"]
            score([r], found, by_lang[lang])
            score([r], found, by_channel[r.get("channel", "-")])
        print(table(f"{source} ({path.name}): {len(replies)} replies", s))
        t = s.total()
        report[source] = {"replies": len(replies), "labels": t.labels, "recall_span": t.recall(),
                          "recall_reply": t.reply_recall(), "acceptable": s.acceptable, "fp_any": s.fp_any,
                          "fp_strict": s.fp_strict,
                          "categories": {c: vars(v) for c, v in s.cats.items()}}
        if args.misses:
            print("\n".join(["misses:", *s.misses, "", "false alarms:", *s.false_alarms, ""]))
    print(table("all sources", overall))
    for lang, s in sorted(by_lang.items()):
        t = s.total()
        print(f"- {lang}: recall {fmt(t.recall())} on {t.labels} labels, FP {s.fp_any}/{s.acceptable}")
    for ch, s in sorted(by_channel.items()):
        t = s.total()
        print(f"- channel {ch}: recall {fmt(t.recall())} on {t.labels} labels, FP {s.fp_any}/{s.acceptable}")
    if args.metamorphic:
        metamorphic(cmd, everything, run_linter(cmd, everything, args.project), args.project)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
