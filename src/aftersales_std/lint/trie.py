"""A regular expression for a set of words, factored as a trie: `re` compiles and runs it much faster
than a flat alternation of thousands of words (the glossary can give thousands)."""
from __future__ import annotations

import re
from typing import Iterable


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
