"""A regular expression for a set of words, factored as a trie: `re` compiles and runs it much faster
than a flat alternation of thousands of words (the glossary can give thousands)."""
from __future__ import annotations

import re
from typing import Any, Iterable, Iterator


def trie_regex(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, factored as a trie (longest first)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        end = "" in node
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if len(alts) > 3:  # one set test rejects most places before trying each branch
            body = "(?=[" + "".join(re.escape(ch) for ch in sorted(node) if ch) + "])" + body
        if end:
            return f"(?:{body})?" if len(alts) > 1 else (f"(?:{body})?" if len(body) > 1 else body + "?")
        return body

    alts = [re.escape(ch) + emit(child) for ch, child in sorted(trie.items()) if ch]
    return "|".join(alts)


class WordIndex:
    """What the engine asks of a pyahocorasick automaton (`iter`), from a dict of its words.

    The compiled-rules cache stores an automaton as its (word, value) pairs: a pickled automaton was
    three quarters of the cache file, and reading it back (or building one) costs more than the whole
    scan of a short reply. A short text is scanned by looking up each of its substrings of a word's
    length (a few thousand dict lookups for a reply); a long one by an automaton built at the first
    long text, from the same words (the same places).
    """

    LONG = 4096  # characters
    BUILD_AFTER = 20_000  # characters looked up word by word, about what building the automaton costs

    def __init__(self, values: list[Any], word: int) -> None:
        """values: the automaton's values; each holds its word at index `word`."""
        self.values = values
        self.word = word
        self.words = {value[word]: value for value in values}
        self.lengths = sorted({len(w) for w in self.words}, reverse=True)
        self.automaton: Any = None
        self.looked = 0

    @classmethod
    def of_values(cls, values: list[Any], word: int) -> WordIndex:
        return cls(values, word)

    def __reduce__(self) -> tuple[Any, ...]:
        return (WordIndex, (self.values, self.word))  # the values are pickled once, with their owner's

    def items(self) -> list[tuple[str, Any]]:
        return list(self.words.items())

    def iter(self, text: str) -> Iterator[tuple[int, Any]]:
        """(index of the last character, value) of every occurrence of every word, overlapping ones
        too, by end, the longest first (the order of pyahocorasick's Automaton.iter)."""
        if self.automaton is not None or len(text) >= self.LONG:
            return self._automaton().iter(text)
        self.looked += len(text)
        if self.looked > self.BUILD_AFTER:  # many texts one by one (no Rust automaton): build it
            return self._automaton().iter(text)
        return self._lookup(text)

    def _lookup(self, text: str) -> Iterator[tuple[int, Any]]:
        get = self.words.get
        lengths = self.lengths
        for end in range(1, len(text) + 1):
            for size in lengths:
                if size <= end:
                    value = get(text[end - size:end])
                    if value is not None:
                        yield end - 1, value

    def _automaton(self) -> Any:
        if self.automaton is None:
            import ahocorasick  # type: ignore[import-not-found]

            automaton = ahocorasick.Automaton()
            for word, value in self.words.items():
                automaton.add_word(word, value)
            automaton.make_automaton()
            self.automaton = automaton
        return self.automaton
