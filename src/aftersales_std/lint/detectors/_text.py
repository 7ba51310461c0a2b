"""Shared helpers of the detectors: a same-length fold and jieba tokens on it.

`fold_keep` folds script, width and case like `lint.fold` but keeps every character (whitespace
too), so a position in the folded text is the same position in the original: detectors match on the
folded text and return spans of the original without an index map.
"""
from __future__ import annotations

import logging
import re
from functools import cache, lru_cache
from typing import Iterable

from aftersales_std.lint.fold import table as fold_table

__all__ = ["fold_keep", "tokens", "lit", "word_view", "spaced_out"]


@cache
def _keep_table() -> dict[int, str]:
    return {code: value for code, value in fold_table().items() if value is not None and len(value) == 1}


@cache
def _keep_list() -> list[str]:
    """_keep_table as a list indexed by code point (the Basic Multilingual Plane): str.translate with a
    list does not raise and clear a KeyError for every character it leaves alone, as with a dict."""
    out = [chr(code) for code in range(0x10000)]
    for code, value in _keep_table().items():
        if code < 0x10000:
            out[code] = value
    return out


def fold_keep(text: str) -> str:
    """`text` folded to simplified, half-width, lower case; same length, whitespace kept."""
    return text.translate(_keep_list())


# jieba's dictionary (half a million words and prefixes) takes about 0.5 s to load, more than a whole
# warm lint of one file. For the few texts of an editor or a pre-commit hook the words are looked up one
# by one in an SQLite copy of it, kept with the lint cache (built once, about 2 s); after LAZY_LIMIT
# characters the whole dictionary is loaded as jieba does it. Either way the words are jieba's own.
LAZY_LIMIT = 20_000
_seen = 0


class _LazyFreq:
    """The read-only part of a dict that jieba's Tokenizer uses (`in`, `[]`, `get`), answered by SQLite."""

    def __init__(self, path: str) -> None:
        import sqlite3

        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._memo: dict[str, int | None] = {}

    def _look(self, word: str) -> int | None:
        try:
            return self._memo[word]
        except KeyError:
            row = self._db.execute("SELECT f FROM w WHERE k = ?", (word,)).fetchone()
            found = self._memo[word] = None if row is None else row[0]
            return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._look(word) is not None

    def __getitem__(self, word: str) -> int:
        found = self._look(word)
        if found is None:
            raise KeyError(word)
        return found

    def get(self, word: str, default: int | None = None) -> int | None:
        found = self._look(word)
        return default if found is None else found


def _dictionary_db() -> tuple[str, int] | None:
    """(path, total) of the SQLite copy of jieba's main dictionary, built on first use; None without a cache."""
    import os
    import sqlite3
    import tempfile

    import jieba

    from aftersales_std.lint import cache as lint_cache

    if not lint_cache.enabled():
        return None
    folder = lint_cache.cache_dir(None, bundled=True)
    path = folder / f"jieba-{jieba.__version__}.sqlite"
    tmp = None
    try:
        if not path.is_file():
            tok = jieba.Tokenizer()
            with open(tok.get_dict_file().name, "rb") as f:  # read as jieba reads it
                freq, total = tok.gen_pfdict(f)
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            os.close(fd)
            db = sqlite3.connect(tmp)
            db.execute("CREATE TABLE w (k TEXT PRIMARY KEY, f INTEGER) WITHOUT ROWID")
            db.executemany("INSERT INTO w VALUES (?, ?)", freq.items())
            db.execute("CREATE TABLE meta (total INTEGER)")
            db.execute("INSERT INTO meta VALUES (?)", (total,))
            db.commit()
            db.close()
            os.chmod(tmp, 0o644)  # as readable as the cache's other files (mkstemp makes it private)
            os.replace(tmp, path)  # atomic: a reader never sees half a dictionary
            tmp = None
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            total = db.execute("SELECT total FROM meta").fetchone()[0]
        finally:
            db.close()
        return str(path), int(total)
    except (OSError, sqlite3.Error):  # an unwritable or broken cache: jieba loads its dictionary itself
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return None


@cache
def _full_tokenizer() -> object:
    import jieba  # imported late: loading its dictionary takes about half a second

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


@cache
def _lazy_tokenizer() -> object | None:
    import jieba

    db = _dictionary_db()
    if db is None:
        return None
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total = _LazyFreq(db[0]), db[1]
    tok.initialized = True
    return tok


def _tokenizer(size: int = 0) -> object:
    global _seen
    _seen += size
    if _seen <= LAZY_LIMIT:
        lazy = _lazy_tokenizer()
        if lazy is not None:
            return lazy
    return _full_tokenizer()


@lru_cache(maxsize=256)
def _tokens(folded: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(_tokenizer(len(folded)).tokenize(folded, HMM=False))  # type: ignore[attr-defined]


def tokens(folded: str) -> list[tuple[str, int, int]]:
    """jieba words of `folded` as (word, start, end); dictionary only (no HMM), so it is deterministic.

    The last few hundred texts are cached: the detectors of one reply tokenise the same text.
    """
    return list(_tokens(folded))


def lit(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first, tolerating spaces between their characters."""
    parts = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(r"\s*".join(re.escape(ch) for ch in w) for w in parts) + ")"


@lru_cache(maxsize=4)  # the matchers of one text ask one after another
def word_view(text: str) -> tuple[str, list[int] | None]:
    """`text` folded for matching shapes in which a space ends a clause (unpunctuated chat), and the index
    of each of its characters in `text` (None: the same positions). Where most words are spaced apart (a
    tokeniser's output, some transcripts), spaces say nothing and are dropped."""
    folded = fold_keep(text)
    spaces = folded.count(" ")
    if spaces < 2 or spaces <= 0.25 * (len(folded) - spaces):
        return folded, None
    from aftersales_std.lint.detectors.concrete_time import _fold
    squeezed, index = _fold(text)
    return squeezed, list(index)


_BLANKS = frozenset(" \t\u3000")


def spaced_out(text: str) -> tuple[str, list[int]] | None:
    """Where most words of `text` are spaced apart: the text without its spaces and, for each of its
    characters, its index in `text`; None for ordinary text."""
    spaces = sum(1 for ch in text if ch in _BLANKS)
    if spaces < 2 or spaces <= 0.25 * (len(text) - spaces):
        return None
    index = [i for i, ch in enumerate(text) if ch not in _BLANKS]
    return "".join(text[i] for i in index), index
