"""Shared helpers of the detectors: a same-length fold and jieba tokens on it.

`fold_keep` folds script, width and case like `lint.fold` but keeps every character (whitespace
too), so a position in the folded text is the same position in the original: detectors match on the
folded text and return spans of the original without an index map.
"""
from __future__ import annotations

import logging
import re
import sys
from functools import cache, lru_cache
from typing import Any, Iterable

from aftersales_std.lint.text.fold import table as fold_table

__all__ = ["cantonese_not", "fold_keep", "kept", "sharing", "tokens", "lit", "word_view", "spaced_out", "lazy"]


class _LazyPattern:
    """A regular expression compiled when one of its methods is first used; from then on the methods are the
    compiled pattern's own, kept in the instance. (rules.cache.LazyPattern does the same for the rules; this
    one is here so that a detector module need not import the rules package.)"""

    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        if name not in self._METHODS:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self.flags)
        for attr in self._METHODS:
            self.__dict__[attr] = getattr(compiled, attr)
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> "re.Pattern[str]":
    """`re.compile(pattern, flags)`, compiled on first use: a detector's shapes, which most texts never reach
    past its cue, cost nothing at import (compiling a class of CJK ranges takes a millisecond or two, and
    a lint of one small file imports every matcher's detector)."""
    return _LazyPattern(pattern, flags)  # type: ignore[return-value]


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


@cache
def _keep_bmp() -> dict[int, str]:
    """_keep_table without code points past the Basic Multilingual Plane: what _keep_list maps, as a dict."""
    return {code: value for code, value in _keep_table().items() if code < 0x10000}


_KEEP: list[Any] = [None, 0]  # the list table once built; calls so far without it


def fold_keep(text: str) -> str:
    """`text` folded to simplified, half-width, lower case; same length, whitespace kept.

    The first few short texts of a process are translated with a dict (the same mapping): building the
    list table costs a few milliseconds, which a lint of one small file would pay for one or two texts."""
    table = _KEEP[0]
    if table is None:
        _KEEP[1] += 1
        if _KEEP[1] <= 64 and len(text) < 2048:
            return text.translate(_keep_bmp())
        table = _KEEP[0] = _keep_list()
    return text.translate(table)


# jieba's dictionary (half a million words and prefixes) takes about 0.5 s to load, more than a whole
# warm lint of one file. For the few texts of an editor or a pre-commit hook the words are looked up one
# by one in an SQLite copy of it, kept with the lint cache (built once, about 2 s), and remembered. A look-up
# costs about 2-3 us, so after LAZY_LIMIT of them (what loading the whole dictionary costs) the whole
# dictionary is loaded as jieba does it: a long run never pays more than twice the cheaper way. The words
# a run looks up repeat (blocks are cached too, see `_block`), so most runs never load it. Either way the
# words are jieba's own.
LAZY_LIMIT = 250_000
_seen = 0  # SQLite look-ups so far


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
            global _seen
            _seen += 1
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


def _import_jieba() -> Any:
    """jieba, imported without pkg_resources: jieba's `_compat` imports pkg_resources (about 0.06 s of CPU
    and a deprecation warning with recent setuptools) only to open its own data files, and opens them by
    path when that import fails. The files and so the words are the same either way; pkg_resources stays
    importable for everyone else."""
    jieba = sys.modules.get("jieba")
    if jieba is not None:
        return jieba
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import pkg_resources` raises ImportError
    try:
        import jieba
    finally:
        if blocked and "pkg_resources" in sys.modules and sys.modules["pkg_resources"] is None:
            del sys.modules["pkg_resources"]
    return jieba


def _dictionary_db() -> tuple[str, int] | None:
    """(path, total) of the SQLite copy of jieba's main dictionary, built on first use; None without a cache."""
    import os
    import sqlite3
    import tempfile

    from aftersales_std.lint.rules import cache as lint_cache

    jieba = _import_jieba()

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
    jieba = _import_jieba()  # imported late: loading its dictionary takes about half a second

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


@cache
def _lazy_tokenizer() -> object | None:
    jieba = _import_jieba()

    db = _dictionary_db()
    if db is None:
        return None
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total = _LazyFreq(db[0]), db[1]
    tok.initialized = True
    return tok


def _tokenizer(size: int = 0) -> object:
    if _seen <= LAZY_LIMIT:
        lazy = _lazy_tokenizer()
        if lazy is not None:
            return lazy
    return _full_tokenizer()


# jieba cuts a text block by block: a block is a run of Chinese characters, letters, digits and +#&._%-
# (its `re_han_default`), and everything else is one word per character (whitespace one word per run).
# A block's words depend on the block alone, so they are kept per block: the detectors of one reply cut
# the same blocks (the whole text for negation and ownership, each punctuation-free segment for clauses,
# a few characters around a word for quotes), and replies share stock blocks (您好, 感谢您的耐心等待).
_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)  # jieba's re_han_default
_SKIP = re.compile("(\r\n|\\s)", re.U)  # jieba's re_skip_default
BLOCKS = 16384
_cutter: object = None  # the tokenizer of the current call (the lazy and the full one give the same words)


@lru_cache(maxsize=BLOCKS)
def _block(block: str) -> tuple[str, ...]:
    """jieba's words of one block (dictionary only, no HMM): its own `__cut_DAG_NO_HMM`."""
    return tuple(_cutter._Tokenizer__cut_DAG_NO_HMM(block))  # type: ignore[attr-defined]


@lru_cache(maxsize=256)
def _tokens(folded: str) -> tuple[tuple[str, int, int], ...]:
    global _cutter
    tok = _tokenizer(len(folded))
    if not hasattr(tok, "_Tokenizer__cut_DAG_NO_HMM"):  # pragma: no cover - another jieba
        return tuple(tok.tokenize(folded, HMM=False))  # type: ignore[attr-defined]
    _cutter = tok
    out: list[tuple[str, int, int]] = []
    pos = 0
    for blk in _HAN.split(folded):  # as jieba's Tokenizer.cut(HMM=False) and tokenize() do
        if not blk:
            continue
        if _HAN.match(blk):
            words: Iterable[str] = _block(blk)
        else:
            words = [w for x in _SKIP.split(blk) for w in ((x,) if _SKIP.match(x) else x)]
        for word in words:
            end = pos + len(word)
            out.append((word, pos, end))
            pos = end
    return tuple(out)


def tokens(folded: str) -> list[tuple[str, int, int]]:
    """jieba words of `folded` as (word, start, end); dictionary only (no HMM), so it is deterministic.

    The last few hundred texts are cached, and the words of each block (see `_HAN`).
    """
    return list(_tokens(folded))


def lit(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first, tolerating spaces between their characters."""
    parts = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(r"\s*".join(re.escape(ch) for ch in w) for w in parts) + ")"


# fold_keep of each text of the batch the engine is scanning (RuleSet.scan_many folds the whole batch at once):
# set by `sharing`, read by `kept`.
_SHARED: dict[str, str] = {}


class sharing:
    """`with sharing(texts, folds):` kept(text) answers with its fold_keep from `folds` meanwhile."""

    def __init__(self, texts: Iterable[str], folds: Iterable[str]) -> None:
        self.pairs = dict(zip(texts, folds))

    def __enter__(self) -> None:
        _SHARED.update(self.pairs)

    def __exit__(self, *exc: object) -> None:
        _SHARED.clear()


def kept(text: str) -> str:
    """fold_keep(text), from the batch being scanned or remembered for the last few texts: the engine's
    filters (TextContext) and then the matchers (word_view) fold the same text in turn."""
    try:
        return _SHARED[text]
    except KeyError:
        return _kept(text)


@lru_cache(maxsize=8)
def _kept(text: str) -> str:
    return fold_keep(text)


@lru_cache(maxsize=4)  # the matchers of one text ask one after another
def word_view(text: str) -> tuple[str, list[int] | None]:
    """`text` folded for matching shapes in which a space ends a clause (unpunctuated chat), and the index
    of each of its characters in `text` (None: the same positions). Where most words are spaced apart (a
    tokeniser's output, some transcripts), spaces say nothing and are dropped."""
    folded = kept(text)
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


def cantonese_not(folded: str) -> str:
    """Cantonese 唔係 ("is not", folded 不系) read as 不是, same length: for the clause and negation detectors,
    not for the rules' folding (rule patterns see the text as written)."""
    return folded.replace("不系", "不是") if "不系" in folded else folded
