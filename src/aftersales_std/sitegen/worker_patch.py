"""Two small fixes to Material's search worker so that a Chinese query finds the concept it names.

Material (9.x) segments a Chinese query greedily with the words of the index, but its loop
`for (j = i + 1; j < query.length; j++)` never tries a slice that ends at the query's last character.
So 退货 is searched as 退* whenever 退 alone is an index word, and a designation is never matched as
the single word our jieba user dictionary made it: 退货 ranked below 退款, 保固 below 保养提醒.
Allowing `j <= query.length` makes the whole query a candidate.

Every query word then becomes a prefix query (退货*), which ranks 退货运费 above 退货 because the rarer
word scores higher. The second fix adds the exact word with a boost (退货^10 退货*), so that the
concept named exactly comes first and longer words still follow.

The patches are applied to the copy of the worker in the built site only; when a pattern is not
found (another Material version) the file is left alone and the caller warns.
"""
from __future__ import annotations

import re

# Minified: for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)
_LOOP = re.compile(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")


# Minified: [...fe(s,this.index.invertedIndex)].join("* ")
_JOIN = re.compile(r'(\[\.\.\.\w+\(\w+,this\.index\.invertedIndex\)\])\.join\("\* "\)')
EXACT_BOOST = 10
MARK = "/*aftersales-std: query segmentation patched*/"


def fix_query_segmentation(js: str) -> str | None:
    """The patched worker, or None when a pattern is not there (already patched or unknown version)."""
    if MARK in js:
        return None
    patched, loops = _LOOP.subn(lambda m: m.group(0).replace(f"{m.group(1)}<{m.group(3)}.length",
                                                              f"{m.group(1)}<={m.group(3)}.length"), js)
    patched, joins = _JOIN.subn(lambda m: m.group(1) + f'.map(w=>w+"^{EXACT_BOOST} "+w).join("* ")', patched)
    return MARK + patched if loops == 1 and joins == 1 else None


def is_patched(js: str) -> bool:
    return MARK in js
