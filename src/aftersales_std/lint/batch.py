"""Many inputs: find the files, lint them (optionally in N processes), stream large JSONL."""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from aftersales_std.errors import Finding
from aftersales_std.lint.rules.channels import ChannelRules
from aftersales_std.lint.matchers.engine import Repeats, RuleSet
from aftersales_std.lint.report.finding import LintFinding
from aftersales_std.lint.sources.inputs import Segment, Source, line_record, read_path, record_channel
from aftersales_std.lint.report.run import findings_for
from aftersales_std.lint.sources.suppress import ignored_codes


@dataclass
class Options:
    lang: str = "zh-Hans"
    column: str | None = None
    field: str | None = None
    ignore: dict[str, list[str]] | None = None
    channels: Mapping[str, ChannelRules] | None = None  # lint.channels of the config (channels.policies)
    channel: str | None = None  # --channel: for inputs that do not say their own


@dataclass
class Outcome:
    findings: list[LintFinding]
    problems: list[Finding]
    suppressed: int = 0
    files: int = 0
    records: int = 0


_STATE: dict[str, Any] = {}
PIECE_BYTES = 8 << 20  # a JSONL file linted with --jobs is split into pieces of at most this size


def _lint_one(job: tuple[str, str, Options, str]) -> Outcome:
    path, display, opts, rel = job
    ruleset: RuleSet = _STATE["ruleset"]
    source = read_path(Path(path), display, column=opts.column, field_name=opts.field)
    return lint_source(source, ruleset, opts, rel)


def lint_source(source: Source, ruleset: RuleSet, opts: Options, rel: str | None = None) -> Outcome:
    ignore = ignored_codes(rel or source.display, opts.ignore or {})
    findings, suppressed = findings_for(source, ruleset, lang=opts.lang, ignore=ignore,
                                        channels=opts.channels, channel=opts.channel)
    return Outcome(findings, list(source.problems), suppressed, 1, len(source.segments))


def lint_files(files: Sequence[tuple[Path, str, str]], ruleset: RuleSet, opts: Options, jobs: int = 1) -> Outcome:
    """files: (path, display, path relative to the project root for ignores)."""
    total = Outcome([], [])
    work = [(str(p), d, opts, r) for p, d, r in files]
    _STATE["ruleset"] = ruleset
    if jobs > 1 and len(work) > 1:
        import multiprocessing  # only for --jobs
        with multiprocessing.get_context("fork").Pool(min(jobs, len(work))) as pool:
            # imap, in order: each result is merged as it comes, none waits in a list of all of them
            for r in pool.imap(_lint_one, work, chunksize=max(1, min(64, len(work) // (jobs * 4)))):
                _merge(total, r)
    else:
        with frozen_heap():  # a large file gives tens of thousands of hits and findings (see below)
            for w in work:
                _merge(total, _lint_one(w))
    return total


def _merge(total: Outcome, part: Outcome) -> None:
    total.findings += part.findings
    total.problems += part.problems
    total.suppressed += part.suppressed
    total.files += part.files
    total.records += part.records


def _chunks(path: Path, parts: int) -> list[tuple[int, int, int]]:
    """(byte start, byte end, first line number) for `parts` pieces split at line ends."""
    size = path.stat().st_size
    bounds = [0]
    with path.open("rb") as fh:
        for i in range(1, parts):
            fh.seek(size * i // parts)
            fh.readline()
            pos = fh.tell()
            if pos > bounds[-1] and pos < size:
                bounds.append(pos)
        bounds.append(size)
        out = []
        line = 1
        fh.seek(0)
        for start, end in zip(bounds, bounds[1:]):
            out.append((start, end, line))
            line += fh.read(end - start).count(b"\n")
    return out


def _lint_chunk(job: tuple[str, str, str, int, int, int, Options]) -> Outcome:
    """Lint bytes start..end of a JSONL file, a block of lines at a time.

    Only the records with a hit become Segments and go through findings_for.
    """
    from aftersales_std.lint.sources.jsonl import blocks, jsonl_records  # (and orjson): only for JSONL
    path, display, field_name, start, end, first, opts = job
    ruleset: RuleSet = _STATE["ruleset"]
    source = Source(display, Path(path), None, kind="jsonl")
    out = Outcome([], [], files=0)
    ignore = ignored_codes(display, opts.ignore or {})
    seen = Repeats()  # the hits of the texts met so far in this piece of the file (RuleSet.scan_many)
    for number, block in blocks(Path(path), start, end, first):
        records = jsonl_records(block, number, display, field_name, out.problems)
        out.records += len(records)
        scanned = ruleset.scan_many([text for _, text in records], seen=seen)
        hit = [i for i, hits in enumerate(scanned) if hits]
        source.segments = [Segment(records[i][1], line=records[i][0]) for i in hit]
        if opts.channels and hit:  # the channel of each record with a hit, read again from its line
            lines = block.split(b"\n")
            for seg in source.segments:
                seg.channel = record_channel(line_record(seg.line, lines[seg.line - number], display, []))
        findings, suppressed = findings_for(source, ruleset, lang=opts.lang, ignore=ignore,
                                            hits_of=[scanned[i] for i in hit], channels=opts.channels,
                                            channel=opts.channel)
        out.findings += findings
        out.suppressed += suppressed
    return out


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep the objects that exist before a run out of the cyclic garbage collector's passes.

    Linting a large JSONL file allocates millions of small containers (records, tuples, hits) and
    creates no reference cycles, yet every full collection walked again the ~230,000 objects of the
    compiled rules, the fold table and the findings so far: 0.2 s of a 2.6 s run of the benchmark,
    nothing collected. gc.freeze() moves the objects that exist now to a permanent generation for
    the run; gc.unfreeze() puts them back. Left alone when something else froze objects already.
    Meanwhile the young generation is collected after 100,000 net allocations instead of 700. A batch
    of 2,000 replies holds a few tens of thousands of containers at once and frees them by reference
    counting when it is done, so the count rarely gets there: on the benchmark 1 young collection,
    against 46 (0.11-0.14 s, nothing collected) at 10,000 and 752 at 700. A threshold of 0 (automatic
    collection turned off) is kept.
    """
    if gc.get_freeze_count():
        yield
        return
    thresholds = gc.get_threshold()
    gc.freeze()
    if thresholds[0]:
        gc.set_threshold(max(thresholds[0], 100_000), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def lint_jsonl(path: Path, display: str, field_name: str, ruleset: RuleSet, opts: Options, jobs: int = 1) -> Outcome:
    """Stream a JSONL file a block of lines at a time; with jobs > 1, split it into pieces at line ends."""
    _STATE["ruleset"] = ruleset
    total = Outcome([], [], files=1)
    if jobs > 1:
        # pieces of at most PIECE_BYTES, handed out in order and merged as they come back: a worker
        # holds one piece's findings at a time, whatever the size of the file
        parts = _chunks(path, max(jobs, -(-path.stat().st_size // PIECE_BYTES)))
        work = [(str(path), display, field_name, s, e, first, opts) for s, e, first in parts]
    with frozen_heap():
        if jobs > 1 and len(work) > 1:
            import multiprocessing  # only for --jobs
            with multiprocessing.get_context("fork").Pool(min(jobs, len(work))) as pool:
                for r in pool.imap(_lint_chunk, work):
                    _merge(total, r)
        else:
            size = path.stat().st_size
            _merge(total, _lint_chunk((str(path), display, field_name, 0, size, 1, opts)))
    total.files = 1
    return total


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
