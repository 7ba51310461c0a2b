"""Positions: the linter's (1-based line, column in characters) and LSP's (0-based line, character
in the negotiated code units: UTF-16 by default, UTF-8 or UTF-32 when the client offers them).

Lines follow the LSP rules (a line ends at "\\r\\n", "\\r" or "\\n"; nothing else, unlike
str.splitlines, which also breaks at U+2028, form feeds and the like). The linter counts lines
at "\\n" only; both are turned into offsets in the document text, so the two never need to agree.
"""
from __future__ import annotations

import bisect
import re
from typing import Literal

Encoding = Literal["utf-8", "utf-16", "utf-32"]
ENCODINGS: tuple[Encoding, ...] = ("utf-8", "utf-16", "utf-32")
_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """How many code units `text` takes in the encoding (lone surrogates count as one UTF-16 unit)."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return sum(1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4 for o in map(ord, text))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class LineIndex:
    """Offsets in one text <-> LSP positions and linter positions."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding if encoding in ENCODINGS else "utf-16"
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]
        self._lf_starts: list[int] | None = None

    def _line_end(self, line: int) -> int:
        """Offset of the end of `line`'s content (before its line break)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            return end - (2 if self.text[end - 2:end] == "\r\n" else 1)
        return len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of an offset, characters in code units of the encoding."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        offset = min(offset, max(self._line_end(line), start))
        return line, units(self.text[start:offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """Offset of an LSP position; past the end of a line is its end, inside a character is its start."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self._line_end(line)
        if self.encoding == "utf-32":
            return min(start + max(character, 0), end)
        count = 0
        for i in range(start, end):
            count += units(self.text[i], self.encoding)
            if count > character:
                return i
        return end

    def linter_offset(self, line: int, column: int) -> int:
        """Offset of a linter position: 1-based line counted at "\\n", 1-based column in characters."""
        if self._lf_starts is None:
            self._lf_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        if line < 1:
            return 0
        if line > len(self._lf_starts):
            return len(self.text)
        return min(self._lf_starts[line - 1] + max(column, 1) - 1, len(self.text))
