"""The small Markdown the templates write, parsed into blocks that the .docx writer turns into Word styles.

Supported: front matter (`key: value` lines between `---`), `#` title, `##`-`####` headings (Word Heading
1-3), paragraphs, `-` and `1.` lists (two spaces per nesting level), `>` quotes, pipe tables (first row is
the header row), `[TOC]` (a table of contents), `<!-- pagebreak -->`, other `<!-- -->` comments (kept in
Markdown, skipped in Word), and inline `**bold**`, `*italic*`, `` `code` ``, `[text](url)` and `\\` escapes.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

TOC_MARK = "[TOC]"
PAGEBREAK = "<!-- pagebreak -->"


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass(frozen=True)
class Block:
    kind: str  # title | heading | para | bullet | number | quote | table | toc | pagebreak
    spans: tuple[Span, ...] = ()
    level: int = 0  # heading 1-3, list nesting 0-2
    rows: tuple[tuple[tuple[Span, ...], ...], ...] = ()
    list_id: int = 0  # items of one numbered list share it, so numbering restarts per list

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class Document:
    meta: dict[str, str] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)

    def headings(self, max_level: int = 3) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading" and b.level <= max_level]


_INLINE = re.compile(r"\\(.)|\*\*(.+?)\*\*|\*(.+?)\*|`([^`]+)`|\[([^\]]+)\]\(([^)]*)\)", re.S)
_UNESCAPE = re.compile(r"\\(.)")
_LIST = re.compile(r"^( *)([-*]|\d+[.)]) +(.*)$")
_HEADING = re.compile(r"^(#{1,4}) +(.*?)\s*#*\s*$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


_COMMENT = re.compile(r"\s*<!--.*?-->")


def inline(text: str, bold: bool = False, italic: bool = False) -> tuple[Span, ...]:
    if "<!--" in text:
        text = _COMMENT.sub("", text)
    spans: list[Span] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            spans.append(Span(text[pos:m.start()], bold, italic))
        if m.group(1) is not None:
            spans.append(Span(m.group(1), bold, italic))
        elif m.group(2) is not None:
            spans.extend(inline(m.group(2), True, italic))
        elif m.group(3) is not None:
            spans.extend(inline(m.group(3), bold, True))
        elif m.group(4) is not None:
            spans.append(Span(m.group(4), bold, italic, code=True))
        else:
            spans.extend(inline(m.group(5), bold, italic))
        pos = m.end()
    if pos < len(text):
        spans.append(Span(text[pos:], bold, italic))
    spans = [Span(s.text.replace("&lt;", "<"), s.bold, s.italic, s.code) if "&lt;" in s.text and not s.code
             else s for s in spans]  # md_escape writes a content < as &lt;: Word shows it as <
    merged: list[Span] = []
    for s in spans:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].code) == (s.bold, s.italic, s.code):
            merged[-1] = Span(merged[-1].text + s.text, s.bold, s.italic, s.code)
        elif s.text:
            merged.append(s)
    return tuple(merged)


def plain(text: str) -> str:
    """Inline Markdown -> the text a reader sees."""
    return "".join(s.text for s in inline(text))


def _join(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        cjk = out and _is_cjk(out[-1]) and _is_cjk(line[0])
        out += line if cjk else " " + line
    return out


def _is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _cells(line: str) -> list[str]:
    body = _COMMENT.sub("", line).strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [c.strip() for c in re.split(r"(?<!\\)\|", body)]


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end < 0:
        return {}, text
    meta: dict[str, str] = {}
    for line in text[4:end].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip()] = value.strip().strip('"')
    return meta, text[end + 5:].lstrip("\n")


def parse(text: str) -> Document:
    meta, body = split_front_matter(text)
    doc = Document(meta)
    para: list[str] = []
    lines = body.splitlines()
    list_id = 0
    in_list = False
    open_lists: dict[int, int] = {}  # nesting level -> id of the numbered list open there

    def flush() -> None:
        if para:
            doc.blocks.append(Block("para", inline(_join(para))))
            para.clear()

    i = 0
    while i < len(lines):
        raw = lines[i]
        line = raw.strip()
        i += 1
        if not line:
            flush()
            continue
        if line == PAGEBREAK:
            flush()
            doc.blocks.append(Block("pagebreak"))
            continue
        if line.startswith("<!--") and line.endswith("-->"):
            flush()
            continue
        if line == TOC_MARK:
            flush()
            doc.blocks.append(Block("toc"))
            continue
        if m := _HEADING.match(line):
            flush()
            level = len(m.group(1)) - 1
            doc.blocks.append(Block("title", inline(m.group(2))) if level == 0
                              else Block("heading", inline(m.group(2)), level))
            in_list = False
            continue
        if line.startswith("|") and i < len(lines) and _TABLE_RULE.match(lines[i].strip()):
            flush()
            rows = [_cells(line)]
            i += 1
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            width = len(rows[0])
            norm = [(r + [""] * width)[:width] for r in rows]
            doc.blocks.append(Block("table", rows=tuple(tuple(inline(c) for c in r) for r in norm)))
            in_list = False
            continue
        if m := _LIST.match(raw):
            flush()
            ordered = m.group(2)[0].isdigit()
            indent = len(m.group(1))
            level = 0 if indent < 2 else 1 if indent < 6 else 2  # "1. " items nest at 3 spaces, "- " at 2
            if not in_list:
                open_lists.clear()
            for deeper in [k for k in open_lists if k > level]:
                del open_lists[deeper]  # a shallower item ends the nested lists below it
            if ordered and level not in open_lists:
                list_id += 1
                open_lists[level] = list_id
            elif not ordered:
                open_lists.pop(level, None)  # a bullet at this level ends a numbered list there
            in_list = True
            doc.blocks.append(Block("number" if ordered else "bullet", inline(m.group(3)), level,
                                    list_id=open_lists.get(level, 0)))
            continue
        if line.startswith(">"):
            flush()
            if line.lstrip(">").strip():
                doc.blocks.append(Block("quote", inline(line.lstrip(">").strip())))
            continue
        in_list = False
        para.append(line)
    flush()
    return doc


def slug(text: str, seen: dict[str, int]) -> str:
    """A GitHub-style anchor: lower case, punctuation dropped, spaces to hyphens; CJK kept."""
    base = "".join(ch for ch in text.lower() if ch.isalnum() or ch in " -_").replace(" ", "-")
    count = seen.get(base, 0)
    seen[base] = count + 1
    return base if count == 0 else f"{base}-{count}"


def tidy(text: str) -> str:
    """Blank lines where Markdown needs them (around headings, tables, quotes, comments), at most one in a
    row, no trailing spaces, one final newline: templates need not count their newlines."""
    meta_end = 0
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        meta_end = end + 5 if end >= 0 else 0
    head, lines = text[:meta_end], [line.rstrip() for line in text[meta_end:].splitlines()]
    out: list[str] = []

    def kind(line: str) -> str:
        stripped = line.strip()
        if stripped.startswith("#") and _HEADING.match(stripped):
            return "heading"
        if stripped.startswith("|"):
            return "table"
        if stripped.startswith(">"):
            return "quote"
        if stripped.startswith("<!--") or stripped == TOC_MARK:
            return "comment"
        if _LIST.match(line):
            return "list"
        return "text" if stripped else "blank"

    previous = "blank"
    for line in lines:
        current = kind(line)
        if current == "blank":
            if out and out[-1] != "":
                out.append("")
        else:
            separate = current != previous or current in ("heading", "comment") or previous == "comment"
            if current == "list" and previous == "list":
                separate = False
            if separate and previous not in ("blank",) and out and out[-1] != "":
                if not (current == "list" and line.startswith(" ")):
                    out.append("")
            out.append(line)
        previous = current
    while out and out[-1] == "":
        out.pop()
    return head + "\n".join(out) + "\n"


def markdown_output(text: str, toc_levels: int = 2) -> str:
    """The Markdown file as published: front matter dropped, [TOC] expanded into a linked list."""
    meta, body = split_front_matter(text)
    toc_levels = min(toc_levels, int(meta.get("toc_levels", toc_levels)))
    if TOC_MARK not in body:
        return body
    seen: dict[str, int] = {}
    entries = []
    for block in parse(body).headings(toc_levels):
        title = block.text
        shown = title.replace("[", "\\[").replace("]", "\\]")
        entries.append(f"{'  ' * (block.level - 1)}- [{shown}](#{slug(title, seen)})")
    return body.replace(TOC_MARK, "\n".join(entries), 1)
