"""path -> Document: plain data plus the source position of every node.

Only this module reads raw YAML. It never raises on bad input: every problem becomes a
Finding, so one broken file is reported together with the others.

Safety: the text is *composed* (never constructed) with PyYAML's safe loader, and we build the
Python values ourselves from the node tree, so no tag can create a Python object. We also refuse
duplicate keys (PyYAML silently keeps the last), non-UTF-8 bytes, oversized files, alias
expansion bombs and recursive aliases.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aftersales_std.errors import Finding

# libyaml composes ~25x faster with the same node marks and errors; pure Python is the fallback.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 1_048_576  # 1 MiB per file is far above any concept or standard
MAX_NODES = 200_000  # after alias expansion

JsonPath = tuple[str | int, ...]

_YAML = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_YAML + t for t in ("str", "int", "float", "bool", "null"))
_SEQ, _MAP, _TIMESTAMP, _MERGE = (_YAML + t for t in ("seq", "map", "timestamp", "merge"))


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column."""

    line: int
    col: int


@dataclass
class Document:
    """One loaded file. `data` is None when the file could not be read or parsed."""

    path: Path
    display: str
    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    positions: dict[JsonPath, Mark] = field(default_factory=dict)
    key_positions: dict[JsonPath, Mark] = field(default_factory=dict)
    # Content files (glossary, standards, rules, config) refuse control characters and line breaks in
    # one-line fields (AS107, AS108); other YAML read by the linter (any team's files) only is parsed.
    content: bool = True

    @property
    def ok(self) -> bool:
        return not self.findings

    def mark(self, path: JsonPath, *, key: bool = False) -> Mark:
        """Position of the value at `path` (or of its key), falling back to the nearest ancestor."""
        path = tuple(path)
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), Mark(1, 1))

    def finding(self, path: JsonPath, code: str, message: str, *, key: bool = False) -> Finding:
        m = self.mark(path, key=key)
        return Finding(self.display, m.line, m.col, code, message, format_json_path(path))


def format_json_path(path: JsonPath) -> str:
    """('terms', 'zh-Hans', 0, 'designation') -> terms.zh-Hans[0].designation"""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.replace("-", "").replace("_", "").isalnum() and not part[:1].isdigit():
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


class _LoadProblem(Exception):
    def __init__(self, code: str, message: str, node: Node | None = None, path: JsonPath | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.node, self.path = code, message, node, path


def load_file(path: Path, display: str | None = None, *, max_bytes: int = MAX_BYTES,
              content: bool = True) -> Document:
    """Load a YAML (or JSON) file. Never raises for bad content; see Document.findings."""
    doc = Document(path=path, display=display or str(path), content=content)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        doc.findings.append(Finding(doc.display, 1, 1, "AS100", f"cannot read file: {exc.strerror}"))
        return doc
    if len(raw) > max_bytes:
        doc.findings.append(Finding(
            doc.display, 1, 1, "AS104",
            f"file is {len(raw):,} bytes, over the limit of {max_bytes:,}; split it into smaller files"))
        return doc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        doc.findings.append(Finding(
            doc.display, line, col, "AS103",
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8"))
        return doc
    return load_text(text, doc)


def load_text(text: str, doc: Document) -> Document:
    """Parse `text` into `doc` (used for files and for tests)."""
    try:
        node = yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        doc.findings.append(Finding(doc.display, line, col, "AS101",
                                    f"YAML syntax error: {problem}; fix the YAML syntax here"))
        return doc
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        doc.findings.append(Finding(
            doc.display, line, col, "AS103",
            f"character U+{ord(exc.character) if isinstance(exc.character, str) else exc.character:04X}"
            " is not allowed in YAML; remove it"))
        return doc
    except RecursionError:
        doc.findings.append(Finding(doc.display, 1, 1, "AS105",
                                    "nesting is too deep to read; flatten the structure"))
        return doc
    if node is None:
        return doc
    builder = _Builder(doc)
    try:
        doc.data = builder.build(node, ())
    except _LoadProblem as exc:
        line, col = (1, 1)
        if exc.path is not None:  # report the top-level entry being expanded, not a random leaf
            top = doc.mark(exc.path[:1])
            line, col = top.line, top.col
        elif exc.node is not None:
            line, col = exc.node.start_mark.line + 1, exc.node.start_mark.column + 1
        doc.findings.append(Finding(doc.display, line, col, exc.code, exc.message))
        doc.data = None
    except RecursionError:
        doc.findings.append(Finding(doc.display, 1, 1, "AS105",
                                    "nesting is too deep to read; flatten the structure"))
        doc.data = None
    doc.findings.extend(builder.findings)
    return doc


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


class _Builder:
    """Turns a composed node tree into JSON-like data, recording positions."""

    _scalars = SafeConstructor()

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0
        self.active: set[int] = set()
        self.findings: list[Finding] = []

    def build(self, node: Node, path: JsonPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _LoadProblem("AS105", f"aliases expand to more than {MAX_NODES:,} values; "
                               "remove the anchors (&) and aliases (*) that repeat data", node, path)
        self.doc.positions.setdefault(path, Mark(node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, ScalarNode):
            value = self._scalar(node)
            if isinstance(value, str):
                self._check_text(value, node, path)
            return value
        if id(node) in self.active:
            raise _LoadProblem("AS105", "an alias refers to its own anchor (recursive data); remove it", node)
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                self._check_tag(node, _SEQ)
                return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
            if isinstance(node, MappingNode):
                self._check_tag(node, _MAP)
                return self._mapping(node, path)
        finally:
            self.active.discard(id(node))
        raise _LoadProblem("AS106", "unsupported YAML node", node)  # pragma: no cover

    def _check_text(self, text: str, node: Node, path: JsonPath, *, is_key: bool = False) -> None:
        """Refuse characters that cannot appear in content (AS107) and line breaks in one-line fields (AS108)."""
        if not self.doc.content:
            return
        bad = _FORBIDDEN.search(text)
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        where = format_json_path(path)
        if bad:
            char = bad.group()
            self.findings.append(Finding(
                self.doc.display, line, col, "AS107",
                f"{_describe_char(char)} at character {bad.start() + 1} of {'this key' if is_key else 'this text'}"
                " cannot appear in content (it breaks the build, links or exports); delete it", where))
            return
        if is_key or not _multiline(path):
            brk = _ONE_LINE.search(text)
            if brk:
                self.findings.append(Finding(
                    self.doc.display, line, col, "AS108",
                    f"{_describe_char(brk.group())} in {'a key' if is_key else 'a one-line field'} "
                    "(ids, designations, titles...): write it on one line, without leading or trailing "
                    "line breaks (a YAML block scalar | or > adds one: use |- or a plain value)", where))

    def _check_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            raise _LoadProblem("AS106", f"tag {_short_tag(node.tag)} is not allowed here; remove the "
                               "tag: content files hold only plain text, numbers, lists and mappings", node)

    def _scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _TIMESTAMP:  # dates stay text: the schemas check their format
            return node.value
        if tag in (_INT, _FLOAT, _BOOL, _NULL):
            return self._scalars.construct_object(node, deep=False)
        raise _LoadProblem("AS106", f"tag {_short_tag(tag)} is not allowed; remove the tag: content files "
                           "hold only plain text, numbers, lists and mappings", node)

    def _mapping(self, node: MappingNode, path: JsonPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.update(self._merge_source(value_node, path))
                continue
            if not isinstance(key_node, ScalarNode):
                raise _LoadProblem("AS106", "mapping keys must be plain text, not lists or mappings", key_node)
            if key_node.tag not in (_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP):
                raise _LoadProblem("AS106", f"tag {_short_tag(key_node.tag)} is not allowed on a key; "
                                   "remove the tag", key_node)
            key = key_node.value
            if isinstance(key, str):
                self._check_text(key, key_node, path + (key,), is_key=True)
            if key in first_seen:
                prev = first_seen[key].start_mark
                self.findings.append(Finding(
                    self.doc.display, key_node.start_mark.line + 1, key_node.start_mark.column + 1, "AS102",
                    f"duplicate key '{key}' (first at line {prev.line + 1}); YAML would silently keep only "
                    "the last one: remove or rename one of them", _join(path, key)))
                continue
            first_seen[key] = key_node
            self.doc.key_positions[path + (key,)] = Mark(key_node.start_mark.line + 1,
                                                         key_node.start_mark.column + 1)
            out[key] = self.build(value_node, path + (key,))
        for key, value in merged.items():
            out.setdefault(key, value)
        return out

    def _merge_source(self, node: Node, path: JsonPath) -> dict[str, Any]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        result: dict[str, Any] = {}
        for source in reversed(sources):
            if not isinstance(source, MappingNode):
                raise _LoadProblem("AS106", "a merge key (<<) must refer to a mapping", source)
            result.update(self.build(source, path))
        return result


# C0 controls but tab and line feed, DEL, C1 controls, lone surrogates, Unicode line/paragraph separators,
# bidirectional overrides and isolates (they make text display other than it reads), and a BOM inside text.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029"
                        "\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
_ONE_LINE = re.compile("[\n\t]")
# Fields that hold prose and may span lines; every other text value (and every key) is one line.
MULTILINE_FIELDS = frozenset({
    "text", "definition", "notes", "note", "examples", "example", "summary", "description", "message",
    "explanation", "comment", "rationale", "body", "good", "bad", "reason", "content"})
_LANGS = frozenset({"zh-Hans", "zh-Hant", "en"})


def _multiline(path: JsonPath) -> bool:
    """Whether the text at `path` is prose: the nearest field name above it, languages skipped."""
    for part in reversed(path):
        if isinstance(part, str) and part not in _LANGS:
            return part in MULTILINE_FIELDS
    return False


def _describe_char(char: str) -> str:
    names = {"\n": "a line break", "\t": "a tab", "\r": "a carriage return", "\x00": "a NUL character"}
    return names.get(char, f"the invisible character U+{ord(char):04X}")


def _join(path: JsonPath, key: str) -> str:
    return format_json_path(path + (key,))


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML):] if tag.startswith(_YAML) else tag
