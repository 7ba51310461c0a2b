"""Rewrite Material's search_index.json: plain UTF-8 instead of \\uXXXX, and only what search needs.

Material writes every Chinese character as a 6-byte escape; written as UTF-8 it takes 3. The HTML tags
Material keeps in texts are dropped (texts stay HTML-escaped: Material shows them as HTML), runs of
separators collapse, empty texts lose the key, and over-long section texts are cut (the result list
shows only the start of a text anyway).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

MAX_TEXT = 600  # characters of one section's text kept in the index
_ZWSP_RUN = re.compile("[\u200b\\s]*\u200b[\u200b\\s]*")
_TAG = re.compile(r"<[^>]*>")  # the index keeps <p>, <li> ...; Chinese results read fine without them


def clean(value: str) -> str:
    """Drop tags; a run of separators becomes one space, or one U+200B when it holds no space."""
    value = _TAG.sub(" ", value)
    return _ZWSP_RUN.sub(lambda m: " " if any(c.isspace() for c in m.group(0)) else "\u200b", value).strip("\u200b \t\r\n")


def rewrite(data: bytes | str, max_text: int = MAX_TEXT, extra: Iterable[dict[str, Any]] = ()) -> bytes:
    """The index as compact UTF-8 JSON; `extra` entries (already in Material's shape) are appended."""
    index = json.loads(data)
    docs = []
    for doc in index.get("docs", []):
        entry = {"location": doc["location"], "title": clean(doc.get("title", ""))}
        text = clean(doc.get("text", ""))
        if len(text) > max_text:
            cut = text.rfind("\u200b", 0, max_text)
            text = text[: cut if cut > max_text // 2 else max_text]
        if text:
            entry["text"] = text
        if doc.get("tags") and "#" not in doc["location"]:  # once per page is enough to find it
            entry["tags"] = doc["tags"]
        if "boost" in doc:
            entry["boost"] = doc["boost"]
        docs.append(entry)
    docs.extend(extra)
    index["docs"] = docs
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
