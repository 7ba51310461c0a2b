"""JSONL read a block of lines at a time: the same records and problems as line by line, faster.

Line by line, each record costs a `readline`, a `bytes.decode` and a call to the JSON scanner, plus
the Python around them; the scan itself is the smaller part for ~250-byte replies. Here a block
(about 1 MB of whole lines) is decoded once, split at "\\n", and each line that starts with "{" goes
straight to the C scanner. Any line that this fast path does not decode exactly as `json.loads`
would (not starting with "{", "{" then NUL: json.loads would read UTF-16; a scan error; anything
after the value but whitespace) is handed, as its original bytes, to `inputs.line_value`, the
line-by-line path, which gives the usual record or error message. A block that is not valid UTF-8
goes line by line as a whole.

Why not `json.loads("[" + ",".join(lines) + "]")`: a record broken over two lines can then be read
as one value (`{"a": [1` + `2]}`), and a line holding two values as two, so line numbers and errors
would no longer be the ones a line-by-line read gives. Each line is scanned on its own here.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from aftersales_std.errors import Finding
from aftersales_std.lint.sources.inputs import _SCAN, _WHITESPACE, get_field, line_value

try:  # a faster JSON parser (pip install aftersales-std[fast]); the standard library's is the fallback
    import orjson  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    orjson = None  # type: ignore[assignment]

BLOCK_BYTES = 1 << 20


def blocks(path: Path, start: int, end: int, first: int, size: int = BLOCK_BYTES) -> Iterator[tuple[int, bytes]]:
    """(number of the block's first line, block) for whole lines of bytes start..end of `path`.

    `start` and `end` are at line ends (or the file's end), as `batch._chunks` cuts them.
    """
    with path.open("rb") as fh:
        fh.seek(start)
        pos, number = start, first
        while pos < end:
            block = fh.read(min(size, end - pos))
            if not block:
                break
            if block[-1:] != b"\n" and pos + len(block) < end:
                block += fh.readline()  # complete the last line
            pos += len(block)
            yield number, block
            number += block.count(b"\n")


def jsonl_records(block: bytes, first: int, display: str, field_name: str,
                  problems: list[Finding]) -> list[tuple[int, str]]:
    """(line number, text of field `field_name`) of each record in `block`, whose first line is `first`.

    Lines without such a text are left out; lines that are not valid JSON add a problem to `problems`.
    """
    if orjson is not None:
        return _orjson_records(block, first, display, field_name, problems)
    try:
        texts: list[str] | None = block.decode("utf-8", "surrogatepass").split("\n")
    except UnicodeDecodeError:
        texts = None
    pieces: list[bytes] | None = None  # the lines as bytes, for the line-by-line path only
    count = block.count(b"\n") + (not block.endswith(b"\n"))  # a last line may lack its "\n"
    out: list[tuple[int, str]] = []
    scan, whitespace = _SCAN, _WHITESPACE
    simple = "." not in field_name  # then get_field(record, name) is record.get(name) for a dict
    for i in range(count):
        if texts is not None:
            line = texts[i]
            if line[:1] == "{" and line[1:2] != "\x00":
                try:
                    record, end = scan(line, 0)
                except (ValueError, StopIteration):
                    pass
                else:
                    if end == len(line) or whitespace(line, end).end() == len(line):
                        value = record.get(field_name) if simple else get_field(record, field_name)
                        if isinstance(value, str):
                            out.append((first + i, value))
                        continue
        if pieces is None:
            pieces = block.split(b"\n")
        raw = pieces[i] + b"\n" if i < len(pieces) - 1 else pieces[i]
        value = line_value(first + i, raw, display, field_name, problems)
        if value is not None:
            out.append((first + i, value))
    return out


def _orjson_records(block: bytes, first: int, display: str, field_name: str,
                    problems: list[Finding]) -> list[tuple[int, str]]:
    """jsonl_records with orjson (Rust) reading each line that starts with "{".

    Where orjson reads a line, json.loads gives the same strings: both take the last of duplicate
    keys and read strings, escapes included, alike. orjson refuses what json.loads reads differently
    or refuses too (NaN, 1e400, escaped lone surrogates, invalid UTF-8, errors); such a line goes to
    `inputs.line_value`, the line-by-line path, which gives the usual record or error. (It reads an
    integer beyond 64 bits as a float, json.loads as an int: neither is a text.)
    """
    lines = block.split(b"\n")
    count = block.count(b"\n") + (not block.endswith(b"\n"))  # a last line may lack its "\n"
    out: list[tuple[int, str]] = []
    loads = orjson.loads
    simple = "." not in field_name  # then get_field(record, name) is record.get(name) for a dict
    for i in range(count):
        line = lines[i]
        if line[:1] == b"{" and line[1:2] != b"\x00":
            try:
                record = loads(line)
            except ValueError:  # orjson.JSONDecodeError
                pass
            else:
                value = record.get(field_name) if simple else get_field(record, field_name)
                if isinstance(value, str):
                    out.append((first + i, value))
                continue
        raw = line + b"\n" if i < len(lines) - 1 else line
        value = line_value(first + i, raw, display, field_name, problems)
        if value is not None:
            out.append((first + i, value))
    return out
