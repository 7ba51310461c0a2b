"""Inputs -> sources of text segments, each character traceable to a line and column.

Markdown, plain text and Jinja templates are linted whole (Jinja tags are masked by the engine,
positions kept). YAML and JSON files give their string values, each mapped back to the characters
of the file. CSV gives one column, JSONL one field: there the line is the record's line and the
column is the character position within the field.
"""
from __future__ import annotations

import bisect
import csv
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from aftersales_std.errors import Finding, UsageError
from aftersales_std.lint.sources.suppress import glob_match

TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text"}
JINJA_SUFFIXES = {".j2", ".jinja", ".jinja2"}
DATA_SUFFIXES = {".yaml", ".yml", ".json"}
SUPPORTED = TEXT_SUFFIXES | JINJA_SUFFIXES | DATA_SUFFIXES | {".csv", ".jsonl", ".ndjson"}
MAX_TEXT_BYTES = 64 * 1024 * 1024


@dataclass
class Segment:
    """A run of text to lint. offsets[i] is the file offset of text[i] (None: base + i)."""

    text: str
    base: int = 0
    offsets: list[int] | None = None
    line: int | None = None  # fixed line (CSV, JSONL): column = index + 1
    anchor_line: int | None = None  # the line of the key that holds a YAML value (for suppression)
    channel: str | None = None  # where the text is sent (a YAML reply's or a JSONL record's `channel`)

    def offset(self, i: int) -> int:
        return self.offsets[i] if self.offsets is not None else self.base + i


@dataclass
class Source:
    display: str
    path: Path | None
    text: str | None  # the whole file, when positions are file offsets
    segments: list[Segment] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    kind: str = "text"
    _starts: list[int] | None = None

    def locate(self, seg: Segment, i: int) -> tuple[int, int]:
        """1-based line and column of segment character i (i may equal len(text): the end)."""
        if seg.line is not None:
            return seg.line, i + 1
        if i >= len(seg.text):
            line, col = self.locate(seg, len(seg.text) - 1) if seg.text else (1, 0)
            return line, col + 1
        off = seg.offset(i)
        if self._starts is None:
            self._starts = line_starts(self.text or "")
        line = bisect.bisect_right(self._starts, off)
        return line, off - self._starts[line - 1] + 1

    @property
    def fixable(self) -> bool:
        return self.text is not None and self.kind in ("text", "jinja", "data") and self.path is not None


def line_starts(text: str) -> list[int]:
    """The index of the first character of every line of `text` (0, and each one after a \\n)."""
    starts = [0]
    find = text.find
    at = find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = find("\n", at + 1)
    return starts


def read_text_file(path: Path, display: str) -> tuple[str | None, Finding | None]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, Finding(display, 0, 0, "LT010", f"cannot read file: {exc.strerror}")
    if len(raw) > MAX_TEXT_BYTES:
        return None, Finding(display, 0, 0, "LT010", f"file is over {MAX_TEXT_BYTES:,} bytes; use --jsonl")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, Finding(display, line, 1, "LT010", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; "
                             "save the file as UTF-8")


# Markdown code is not our wording (Vale skips it too): fenced blocks and inline code spans (a span
# ends at the first backtick run as long as its opening one: `你` where `您` is two spans, not one).
_MD_CODE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)"
                      r"|(`+)(?!`)[^\n]+?(?<!`)\2(?!`)", re.MULTILINE | re.DOTALL)
MARKDOWN_SUFFIXES = (".md", ".markdown")


def markdown_segments(text: str) -> list[Segment]:
    """The parts of a Markdown text outside code, each with its file offset."""
    segments, pos = [], 0
    for m in _MD_CODE.finditer(text):
        if m.start() > pos:
            segments.append(Segment(text[pos:m.start()], base=pos))
        pos = m.end()
    if pos < len(text) or not segments:
        segments.append(Segment(text[pos:], base=pos))
    return segments


def plain(display: str, text: str, path: Path | None = None, kind: str = "text") -> Source:
    name = (path.name if path is not None else display).lower()
    if kind == "text" and name.endswith(MARKDOWN_SUFFIXES):
        return Source(display, path, text, markdown_segments(text), kind=kind)
    return Source(display, path, text, [Segment(text)], kind=kind)


def reread(source: Source, text: str) -> Source:
    """The same file with new text (after a fix), read the same way."""
    assert source.path is not None
    if source.kind == "data":
        return read_data(source.path, source.display, text)
    return plain(source.display, text, source.path, source.kind)


def read_path(path: Path, display: str, *, column: str | None = None, field_name: str | None = None) -> Source:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson") or field_name is not None and suffix not in DATA_SUFFIXES | {".csv"}:
        return read_jsonl(path, display, field_name or "text")
    if suffix == ".csv":
        return read_csv(path, display, column)
    if suffix in DATA_SUFFIXES:
        return read_data(path, display)
    text, problem = read_text_file(path, display)
    if problem is not None:
        return Source(display, path, None, problems=[problem])
    assert text is not None
    return plain(display, text, path, "jinja" if suffix in JINJA_SUFFIXES else "text")


def read_data(path: Path, display: str, text: str | None = None) -> Source:
    """String values of a YAML or JSON file, each mapped to the characters of the file."""
    from aftersales_std.loading import Document, load_file, load_text  # the YAML reader: only for these files
    if text is None:
        doc = load_file(path, display, content=False)
        text = read_text_file(path, display)[0] if not doc.findings else None
    else:
        doc = load_text(text, Document(path=path, display=display, content=False))
    if doc.findings:
        return Source(display, path, None, problems=[_relabel(f) for f in doc.findings], kind="data")
    source = Source(display, path, text or "", kind="data")
    starts = line_starts(source.text or "")
    for json_path, value, channel in _strings(doc.data, ()):
        mark = doc.positions.get(json_path)
        key = doc.key_positions.get(json_path)
        if mark is None:
            continue
        begin = starts[min(mark.line, len(starts)) - 1] + mark.col - 1
        source.segments.append(Segment(value, offsets=_align(value, source.text or "", begin),
                                       anchor_line=key.line if key else mark.line, channel=channel))
    return source


def _relabel(f: Finding) -> Finding:
    return Finding(f.path, f.line, f.col, "LT010", f"cannot read: {f.message}")


SKIP_KEYS = {"id", "ids", "refs", "ref", "terms", "channel", "scenario", "code", "version", "lang", "date",
             "status", "kind", "severity", "url", "href", "path", "file", "type", "tags"}
_SLUG = re.compile(r"^[A-Za-z0-9_.:/@#+-]*$")


def _strings(data: Any, path: tuple[Any, ...], channel: str | None = None
             ) -> Iterator[tuple[tuple[Any, ...], str, str | None]]:
    """String values worth linting, each with its channel (the `channel` of the nearest mapping
    around it that has one: a reply template's); identifiers (ids, refs, slugs) are skipped."""
    if isinstance(data, str):
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        if key.lower() not in SKIP_KEYS and not _SLUG.match(data):
            yield path, data, channel
    elif isinstance(data, dict):
        own = data.get("channel")
        if isinstance(own, str) and own:
            channel = own
        for key, value in data.items():
            yield from _strings(value, path + (key,), channel)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, path + (i,), channel)


def _align(value: str, source: str, begin: int) -> list[int]:
    """File offset of each character of a YAML/JSON string value that starts at `begin`.

    The value's characters appear in the file in order; folding, indentation, quotes and escapes
    only add characters in between, so a greedy walk finds each one (within a bounded look-ahead).
    """
    out: list[int] = []
    pos = begin
    limit = len(source)
    for ch in value:
        if ch in " \n\t":
            found = pos if pos < limit else limit - 1
            if pos < limit and source[pos] in " \n\t\r":
                pos += 1
            out.append(max(found, 0))
            continue
        nxt = source.find(ch, pos, min(limit, pos + 400))
        if nxt < 0:
            out.append(min(pos, max(limit - 1, 0)))
            continue
        out.append(nxt)
        pos = nxt + 1
    return out


def read_csv(path: Path, display: str, column: str | None) -> Source:
    if not column:
        raise UsageError(f"{display}: a CSV file needs --column NAME (the column that holds the text)")
    text, problem = read_text_file(path, display)
    if problem is not None:
        return Source(display, path, None, problems=[problem], kind="csv")
    source = Source(display, path, None, kind="csv")
    reader = csv.reader(io.StringIO(text or "", newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return source
    except csv.Error as exc:
        source.problems.append(Finding(display, 1, 1, "LT010", f"not valid CSV: {exc}"))
        return source
    if column not in header:
        raise UsageError(f"{display}: no column {column!r}; the columns are: {', '.join(header)}")
    index = header.index(column)
    at = header.index("channel") if "channel" in header and column != "channel" else None
    line = reader.line_num + 1
    try:
        for row in reader:
            if index < len(row) and row[index]:
                channel = row[at] if at is not None and at < len(row) and row[at] else None
                source.segments.append(Segment(row[index], line=line, channel=channel))
            line = reader.line_num + 1
    except csv.Error as exc:
        source.problems.append(Finding(display, line, 1, "LT010", f"not valid CSV: {exc}"))
    return source


def get_field(record: Any, name: str) -> Any:
    for part in name.split("."):
        if not isinstance(record, dict) or part not in record:
            return None
        record = record[part]
    return record


_SCAN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_WHITESPACE = json.decoder.WHITESPACE.match  # type: ignore[attr-defined]
_SLOW = object()


def _fast_record(raw: bytes) -> Any:
    """A line that starts with "{", decoded as json.loads does, without its per-call Python layers.

    json.loads detects UTF-8 for such a line, decodes it with surrogatepass and scans one value
    then only whitespace; anything else (an error included) returns _SLOW, and json.loads then
    decodes the line again and raises its usual error.
    """
    if raw[:1] != b"{" or raw[1:2] == b"\x00":
        return _SLOW
    try:
        text = raw.decode("utf-8", "surrogatepass")
        record, end = _SCAN(text, 0)
    except (ValueError, StopIteration):
        return _SLOW
    return record if _WHITESPACE(text, end).end() == len(text) else _SLOW


def line_record(number: int, raw: bytes, display: str, problems: list[Finding]) -> Any:
    """The record of one JSONL line; None for a blank line or an error (added to `problems`)."""
    if not raw.strip():
        return None
    try:
        record = _fast_record(raw)
        if record is _SLOW:
            record = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        problems.append(Finding(display, number, 1, "LT010", f"line is not valid JSON: {exc}"))
        return None
    return record


def line_value(number: int, raw: bytes, display: str, field_name: str, problems: list[Finding]) -> str | None:
    """The text in field `field_name` of one JSONL line; None for a blank line, no text or an error.

    An error (not JSON, not UTF-8) is added to `problems`.
    """
    value = get_field(line_record(number, raw, display, problems), field_name)
    return value if isinstance(value, str) else None


def record_channel(record: Any) -> str | None:
    """The `channel` field of a JSONL record, when it is a non-empty string."""
    channel = record.get("channel") if isinstance(record, dict) else None
    return channel if isinstance(channel, str) and channel else None


def jsonl_segments(lines: Iterator[tuple[int, bytes]], display: str, field_name: str,
                   problems: list[Finding]) -> Iterator[Segment]:
    for number, raw in lines:
        record = line_record(number, raw, display, problems)
        value = get_field(record, field_name)
        if isinstance(value, str):
            yield Segment(value, line=number, channel=record_channel(record))


def read_jsonl(path: Path, display: str, field_name: str) -> Source:
    source = Source(display, path, None, kind="jsonl")
    try:
        with path.open("rb") as fh:
            numbered = list(enumerate(fh, 1))
    except OSError as exc:
        source.problems.append(Finding(display, 0, 0, "LT010", f"cannot read file: {exc.strerror}"))
        return source
    source.segments = list(jsonl_segments(iter(numbered), display, field_name, source.problems))
    return source


# Folders never recursed into: tool caches, dependencies, virtual environments and VCS data
# (named explicitly, a file inside them is still linted).
SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages", "dist-packages"}


def _skipped_dir(name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_DIRS


def discover(paths: list[Path], root: Path, include: list[str], exclude: list[str], *,
             given: bool, data_dirs: list[Path] = (), skip_files: list[Path] = (),
             with_csv: bool = False) -> list[Path]:
    """The files to lint.

    given: the paths come from the command line. Then a file is linted as named (unless excluded)
    and a folder gives every supported file under it: the config's include globs apply only to the
    default run (no path given), where they say which files of the project are replies. Exclude globs
    always apply. The project's own data folders (`data_dirs`: the rules, whose bad examples are bad
    on purpose, and the glossary, which lists deprecated terms) and `skip_files` (the project's
    configuration) are skipped when recursing. Hidden
    folders and dependency folders are never recursed. CSV files need --column, so a folder gives
    them only when `with_csv`.
    """
    out: list[Path] = []
    skip = {d.resolve() for d in data_dirs}
    skip_file = {f.resolve() for f in skip_files}
    for path in paths:
        if not path.is_dir():
            if not any(glob_match(rel_path(path, root), g) for g in exclude):
                out.append(path)
            continue
        for folder, dirs, names in os.walk(path):
            here = Path(folder)
            dirs[:] = sorted(d for d in dirs if not _skipped_dir(d) and (here / d).resolve() not in skip)
            for name in sorted(names):
                candidate = here / name
                suffix = candidate.suffix.lower()
                if suffix not in SUPPORTED or (suffix == ".csv" and not with_csv) or not candidate.is_file():
                    continue
                if skip_file and candidate.resolve() in skip_file:
                    continue
                rel = rel_path(candidate, root)
                if any(glob_match(rel, g) for g in exclude):
                    continue
                if not given and include and not any(glob_match(rel, g) for g in include):
                    continue
                out.append(candidate)
    return list(dict.fromkeys(out))


def rel_path(path: Path, root: Path) -> str:
    """`path` relative to `root` in POSIX form (as the include/exclude globs see it), or as given outside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# ---- CSV and JSONL: positions within a field -> positions in the file --------------------------

def json_string_offsets(line: str, field_name: str) -> list[int] | None:
    """Index in `line` (one JSONL record) of each character of the string value at the dotted field
    `field_name` (escapes such as \\n or \\u00e9 count at their backslash); None when not found."""
    i = _skip_ws(line, 0)
    for part in field_name.split("."):
        if i >= len(line) or line[i] != "{":
            return None
        i = _member(line, i + 1, part)
        if i < 0:
            return None
    if i >= len(line) or line[i] != '"':
        return None
    return _string_chars(line, i)


def _skip_ws(s: str, i: int) -> int:
    while i < len(s) and s[i] in " \t\r\n":
        i += 1
    return i


def _member(s: str, i: int, name: str) -> int:
    """Position of the value of member `name` of the object whose body starts at i (the last one
    wins, as json.loads keeps the last of duplicate keys); -1 when absent."""
    found = -1
    while True:
        i = _skip_ws(s, i)
        if i >= len(s) or s[i] == "}":
            return found
        if s[i] != '"':
            return -1
        try:
            key, i = json.decoder.scanstring(s, i + 1)  # type: ignore[attr-defined]
        except ValueError:
            return -1
        i = _skip_ws(s, i)
        if i >= len(s) or s[i] != ":":
            return -1
        i = _skip_ws(s, i + 1)
        if key == name:
            found = i
        try:
            _value, i = _SCAN(s, i)
        except (StopIteration, ValueError):
            return -1
        i = _skip_ws(s, i)
        if i < len(s) and s[i] == ",":
            i += 1


def _string_chars(s: str, q: int) -> list[int]:
    out: list[int] = []
    i = q + 1
    while i < len(s) and s[i] != '"':
        if s[i] == "\\":
            if s[i + 1:i + 2] == "u":
                code = int(s[i + 2:i + 6], 16)
                nxt = s[i + 6:i + 8]
                if 0xD800 <= code < 0xDC00 and nxt == "\\u" and 0xDC00 <= int(s[i + 8:i + 12] or "0", 16) < 0xE000:
                    out.append(i)
                    i += 12
                    continue
                out.append(i)
                i += 6
                continue
            out.append(i)
            i += 2
            continue
        out.append(i)
        i += 1
    return out


def csv_field_offsets(text: str, start: int, index: int) -> list[int] | None:
    """Index in `text` of each character of field `index` of the CSV record starting at `start`
    (excel dialect: `,` separates, `"` quotes, `""` is one quote); None when the record is shorter."""
    i, n, field_no = start, len(text), 0
    while True:
        chars: list[int] = []
        if i < n and text[i] == '"':
            i += 1
            while i < n:
                if text[i] == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        chars.append(i)
                        i += 2
                        continue
                    i += 1
                    break
                chars.append(i)
                i += 1
            while i < n and text[i] not in ",\r\n":  # text after a closing quote belongs to the field
                chars.append(i)
                i += 1
        else:
            while i < n and text[i] not in ",\r\n":
                chars.append(i)
                i += 1
        if field_no == index:
            return chars
        if i >= n or text[i] != ",":
            return None
        i += 1
        field_no += 1


def _line_col(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def file_positions(findings: list[Any], path: Path, kind: str, *, field_name: str = "text",
                   column: str | None = None) -> list[Any]:
    """Findings of a CSV or JSONL file, located within their field (line = the record's first line,
    column = index in the field + 1), moved to the line and column of the file where the matched
    characters are. A finding whose place cannot be found keeps its position."""
    from dataclasses import replace
    if not findings:
        return findings
    try:
        raw = path.read_bytes()
    except OSError:
        return findings
    if kind == "jsonl":
        wanted = {f.line for f in findings}
        lines: dict[int, str] = {}
        for number, chunk in enumerate(raw.split(b"\n"), 1):
            if number in wanted:
                lines[number] = chunk.decode("utf-8", "replace")
        offsets = {n: json_string_offsets(text, field_name) for n, text in lines.items()}
        out = []
        for f in findings:
            chars = offsets.get(f.line)
            if not chars or f.column - 1 >= len(chars):
                out.append(f)
                continue
            end_index = min(max(f.end_column - 2, f.column - 1), len(chars) - 1)
            out.append(replace(f, column=chars[f.column - 1] + 1, end_line=f.line,
                               end_column=chars[end_index] + 2))
        return out
    text = raw.decode("utf-8-sig", "replace")
    starts = line_starts(text)
    header = next(csv.reader(io.StringIO(text, newline="")), [])
    if column not in header:
        return findings
    index = header.index(column)
    cache: dict[int, list[int] | None] = {}
    out = []
    for f in findings:
        if f.line not in cache:
            cache[f.line] = csv_field_offsets(text, starts[f.line - 1], index) if 0 < f.line <= len(starts) else None
        chars = cache[f.line]
        if not chars or f.column - 1 >= len(chars):
            out.append(f)
            continue
        end_index = min(max(f.end_column - 2, f.column - 1), len(chars) - 1)
        line, col = _line_col(starts, chars[f.column - 1])
        end_line, end_col = _line_col(starts, chars[end_index])
        out.append(replace(f, line=line, column=col, end_line=end_line, end_column=end_col + 1))
    return out
