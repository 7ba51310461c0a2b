"""A TBX file as a small tree, read with limits: no entity declarations, bounded depth, linear time.

Expat (the standard library's parser) decodes the file itself, in whatever encoding it declares
(UTF-8, UTF-16 with or without BOM, ...), and reports each entity declaration to a handler before
anything could be expanded: that handler refuses the file, so the check is made on the decoded
text and a UTF-16 "billion laughs" is refused like a UTF-8 one (the approach of defusedxml).
External DTDs are never loaded. Character data is collected in lists and joined once per element,
so ten megabytes of `&amp;` parse in linear time. Elements nest at most MAX_DEPTH deep.

The root element must be TBX v3 `tbx` in the ISO 30042 namespace (urn:iso:std:iso:30042:ed-2) or
TBX v2 `martif` without a namespace; anything else (for example TBX v3 elements in another
namespace) is refused, since its data categories cannot be trusted to mean what ours do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

from aftersales_std.termbase.entry import ImportProblems

NS = "urn:iso:std:iso:30042:ed-2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MAX_DEPTH = 64  # a TBX-Basic entry is 6 deep; DCT modules and inline markup add a few levels
# DCT style (data categories as elements of module namespaces, e.g. <min:subjectField>) -> the DCA
# element that carries the category as its type (<descrip type="subjectField">)
DCT = {"subjectField": "descrip", "definition": "descrip", "context": "descrip",
       "administrativeStatus": "termNote", "termType": "termNote", "partOfSpeech": "termNote",
       "geographicalUsage": "termNote", "grammaticalGender": "termNote", "termLocation": "termNote",
       "source": "admin", "customerSubset": "admin", "projectSubset": "admin", "crossReference": "ref",
       "externalCrossReference": "xref", "xGraphic": "xref", "transactionType": "transac",
       "responsibility": "transacNote"}


@dataclass
class Node:
    tag: str  # local name
    attrs: dict[str, str]  # xml:lang is stored as "xml:lang"; other namespaced attributes by local name
    line: int
    ns: str = ""
    children: list[Node] = field(default_factory=list)
    text: str = ""  # all character data inside the element, markup removed

    def find(self, *tags: str) -> list[Node]:
        return [c for c in self.children if c.tag in tags]

    def walk(self, *tags: str) -> list[Node]:
        """Descendants with one of the tags, in document order (iterative: depth is bounded anyway)."""
        out: list[Node] = []
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            if node.tag in tags:
                out.append(node)
            stack.extend(reversed(node.children))
        return out

    @property
    def lang(self) -> str:
        return self.attrs.get("xml:lang", self.attrs.get("lang", ""))


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Builder:
    def __init__(self, parser: expat.XMLParserType) -> None:
        self.parser = parser
        self.root = Node("#document", {}, 1)
        self.stack: list[Node] = [self.root]
        self.chunks: list[list[str]] = [[]]

    def start(self, name: str, attrs: dict[str, str]) -> None:
        line = self.parser.CurrentLineNumber
        if len(self.stack) > MAX_DEPTH:
            raise _Refused(line, f"elements are nested more than {MAX_DEPTH} deep; a TBX file needs far "
                                 "fewer levels: this is not a terminology export")
        ns, _, local = name.rpartition(" ")
        plain: dict[str, str] = {}
        for key, value in attrs.items():
            kns, _, klocal = key.rpartition(" ")
            plain["xml:lang" if kns == XML_NS and klocal == "lang" else klocal] = value
        if ns not in (NS, "") and local in DCT:
            plain["type"] = local
            local, ns = DCT[local], NS
        node = Node(local, plain, line, ns)
        self.stack[-1].children.append(node)
        self.stack.append(node)
        self.chunks.append([])

    def end(self, name: str) -> None:
        node = self.stack.pop()
        text = "".join(self.chunks.pop())
        node.text = text
        self.chunks[-1].append(text)

    def data(self, text: str) -> None:
        self.chunks[-1].append(text)

    def entity(self, *args: object) -> None:
        raise _Refused(self.parser.CurrentLineNumber, "the file declares XML entities; they are not "
                       "allowed in TBX import (remove the <!ENTITY ...> declarations)")


_DECLARED = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_EXPAT_CODECS = {"utf-8", "utf8", "utf-16", "utf16", "iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}


def _to_utf8(data: bytes, name: str) -> bytes:
    """A file declared in an encoding expat does not read (GB2312, GBK, Big5, Shift_JIS ...) as UTF-8."""
    m = _DECLARED.match(data[:200])
    if not m or m.group(1).decode("ascii").lower() in _EXPAT_CODECS:
        return data
    declared = m.group(1).decode("ascii")
    codec = "gb18030" if declared.lower() in ("gb2312", "gbk", "gb18030") else declared
    try:
        text = data.decode(codec)
    except LookupError:
        raise ImportProblems([f"{name}:1: the XML declaration names the encoding '{declared}', which is not "
                              "known; save the file as UTF-8"]) from None
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        raise ImportProblems([f"{name}:{row}: the file is not {declared} as its XML declaration says (byte "
                              f"{exc.start} cannot be read); save it as UTF-8"]) from None
    start, end = m.span(1)  # ASCII-compatible encodings: the declaration's offsets are the same in text
    return (text[:start] + "UTF-8" + text[end:]).encode("utf-8")


def parse(data: bytes, name: str) -> Node:
    """The document node (its one child is the root element); ImportProblems when refused."""
    data = _to_utf8(data, name)
    parser = expat.ParserCreate(namespace_separator=" ")
    builder = _Builder(parser)
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = builder.entity
    parser.UnparsedEntityDeclHandler = builder.entity
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.ExternalEntityRefHandler = lambda *args: 1  # noqa: E731 (never fetched, never expanded)
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise ImportProblems([f"{name}:{exc.line}: {exc.message}"]) from None
    except expat.ExpatError as exc:
        raise ImportProblems([f"{name}:{exc.lineno}: not well-formed XML: {expat.ErrorString(exc.code)}; "
                              "the file may be truncated or not a TBX file"]) from None
    except RecursionError:  # defensive: depth is limited above
        raise ImportProblems([f"{name}:1: elements are nested too deep"]) from None
    except ValueError as exc:  # an encoding expat cannot read, declared in a way _to_utf8 did not see
        raise ImportProblems([f"{name}:1: the file cannot be read ({exc}); save it as UTF-8"]) from None
    roots = builder.root.children
    if not roots:
        raise ImportProblems([f"{name}:1: no root element"])
    root = roots[0]
    if root.tag == "tbx" and root.ns == NS or root.tag == "martif" and root.ns == "":
        return builder.root
    found = f"<{root.tag}>" + (f" in namespace {root.ns}" if root.ns else " without a namespace")
    raise ImportProblems([f"{name}:{root.line}: the root element is {found}; a TBX file starts with <tbx "
                          f'xmlns="{NS}"> (TBX v3) or <martif> (TBX v2, no namespace)'])
