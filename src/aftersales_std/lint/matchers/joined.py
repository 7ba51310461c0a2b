"""Many texts at once: fold them in one call, find every automaton word in one pass.

A JSONL file is mostly short replies (~80 characters); per reply, the fixed cost of a call into C or
Rust is a large part of the work. Here a batch of replies is handled by one `str.translate` and one
ahocorasick-rs pass, and the matches are handed back to each reply.

The automaton pass works on UTF-8 bytes (`BytesAhoCorasick`): for `str` haystacks ahocorasick-rs
converts every byte offset back to a character offset, which doubled its time. Words and texts are
both UTF-8 (lone surrogates with surrogatepass), which is self-synchronising: a word's bytes occur
at a byte offset exactly where the word occurs at the matching character offset, so the matches
are the same. Character offsets are needed only for the phrases (the keys of patterns only say
which patterns to try) and are computed for those alone.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

from aftersales_std.lint.detectors._text import fold_keep
from aftersales_std.lint.text.fold import _DELETED_RE, fold, fold_joined, mark_clauses

_SEP = "\x00"  # folding keeps it, and no character folds into it


def fold_many(texts: Sequence[str]) -> list[str]:
    """[fold(t) for t in texts], in one translate call when no text holds the separator."""
    if len(texts) < 2:
        return [fold(text) for text in texts]
    parts = fold_joined(list(texts), _SEP).split(_SEP)
    if len(parts) != len(texts):  # a text holds the separator: fold one by one
        return [fold(text) for text in texts]
    return parts


def fold_kept_many(texts: Sequence[str]) -> tuple[list[str], list[str] | None]:
    """([fold(t) for t in texts], [fold_keep(t) for t in texts]) from one translate call.

    fold(t) is fold_keep(mark_clauses(t)) less the whitespace fold deletes: both translate with the same
    table (fold_keep leaves whitespace, which fold deletes, as it is, and no character becomes whitespace),
    and the clause marks stand where whitespace was. So the batch (its clause gaps marked) is translated
    once, as fold_keep does, and fold's deletions are one regular-expression pass over the result. A text
    with clause gaps is folded again, alone, for its fold_keep (the mark stands for its whitespace). None
    for the last two lists when the texts were folded one by one (fewer than two, or one holding the separator).
    """
    if len(texts) < 2:
        return [fold(text) for text in texts], None, None
    marked = [mark_clauses(text) for text in texts]
    kept = fold_keep(_SEP.join(marked))
    parts = kept.split(_SEP)
    if len(parts) != len(texts):  # a text holds the separator: fold one by one
        return [fold(text) for text in texts], None, None
    folded = _DELETED_RE.sub("", kept).split(_SEP)
    for i, (mark, text) in enumerate(zip(marked, texts)):
        if mark is not text:  # clause gaps: marks in place of its whitespace
            parts[i] = fold_keep(text)
    return folded, parts, marked


Place = tuple[list[tuple[int, int, Any]], set[int]]


def joined_places(automaton: Any, values: Sequence[tuple[int, tuple[Any, ...], tuple[int, ...], str]],
                  folded: Sequence[str], hans: dict[int, tuple[Any, ...]] | None = None,
                  simplified: Callable[[int], bool] | None = None) -> list[Place | None] | None:
    """For each folded text: (phrase candidates (start, end, rule), indexes of the patterns to try).

    None for a text without any word; None instead of the list if the automaton's answers are not in
    the order relied on (never seen; the caller then scans text by text). `values[i]` belongs to
    the automaton's word i: (length in characters, rules owning the phrase, keyed pattern indexes,
    the word). Folded texts hold no "\\n" (folding deletes it) and no word does, so no match spans two
    texts.

    hans: for the words that some rules flag only in simplified text (`Rule.hans_only`: 保固, 工作天), their
    owners less those rules; `simplified(i)` says whether text i is simplified (asked once per text, when it
    holds such a word). In a text that is not, those rules' candidates are not made at all: `_accept` would
    drop each of them before anything else (a third of the candidates of the benchmark's replies).

    A phrase's character offset, in a text that is not ASCII: matches come in order of their end, so
    the k-th match of a word is its k-th occurrence in the text (overlapping ones counted), found
    with str.find after the one before.
    """
    encoded = [text.encode("utf-8", "surrogatepass") for text in folded]
    matches = automaton.find_matches_as_indexes(b"\n".join(encoded), overlapping=True)
    out: list[Place | None] = [None] * len(folded)
    if not matches:
        return out
    i, base, limit = 0, 0, len(encoded[0])
    place: Place | None = None
    text = ""
    plain = True
    seen: dict[int, int] = {}
    script: bool | None = None  # whether text i is simplified, when asked
    for index, start, end in matches:
        if end > limit:  # matches come by end offset: move on to the text holding this one
            while end > limit:
                i += 1
                base = limit + 1
                limit = base + len(encoded[i])
            place = None
            script = None
        if start < base:
            return None
        size, owners, patterns, word = values[index]
        if place is None:
            place = out[i] = ([], set())
            text = folded[i]
            plain = len(text) == limit - base  # ASCII: byte offsets are character offsets
            if not plain:
                seen = {}
        if owners and hans is not None and index in hans:
            if script is None:
                script = simplified(i)  # type: ignore[misc]
            if not script:
                owners = hans[index]
        if owners:
            if plain:
                at = start - base
            else:
                at = seen[index] = text.find(word, seen.get(index, -1) + 1)
            if len(owners) == 1:
                place[0].append((at, at + size, owners[0]))
            else:
                place[0].extend([(at, at + size, rule) for rule in owners])
        if patterns:
            place[1].update(patterns)
    return out
