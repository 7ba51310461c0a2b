"""Light pages: Material's stylesheets cut down to the rules the built site can use, and its script deferred.

Material ships 150 KB of CSS for every feature it has (annotations, code blocks, versions, tags,
banners, 20 colour palettes...). A rule is kept when every class and id its selector names occurs in
the built site: in a page's HTML, or in a script that may add it (Material's own bundle, which renders
the search dialog, and the site script), and when every palette colour it names is one the pages
use. Custom properties nothing reads any more are dropped with them. The stylesheet is parsed with
tinycss2, so strings, escapes and nested @media / @supports blocks are handled as CSS says.

The file gets a new hashed name (main.<hash>.min.css) and every page is pointed at it, so that a
browser never mixes a cached cut of one build with the pages of another.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import tinycss2

_CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
_ID_ATTR = re.compile(r'\sid="([^"]*)"')
_COLOR_ATTR = re.compile(r'\s(data-md-color-[a-z]+)="([^"]*)"')
_SCRIPT_CLASS = re.compile(r"\b(?:md|as|tabbed|admonition)-[A-Za-z0-9_-]+|\b__[a-z]+\b")
_SCRIPT_TOGGLE = re.compile(r"classList\.(?:add|toggle|remove|replace)\(\s*\"([A-Za-z0-9_-]+)\"")
# Classes Material's script puts on <html> and <body> without naming them in a findable way.
_SCRIPT_ALWAYS = {"js", "no-js"}
# Arguments of :not(), :is(), :where(), :has(): a name in them need not occur for the rule to apply.
_FUNCTIONAL = re.compile(r":[a-z-]+\((?:[^()]|\([^()]*\))*\)")
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_SEL_CLASS = re.compile(r"\.((?:[A-Za-z0-9_-]|\\.)+)")
_SEL_ID = re.compile(r"#((?:[A-Za-z0-9_-]|\\.)+)")
_SEL_COLOR = re.compile(r"\[(data-md-color-[a-z]+)=[\"']?([^\]\"']+)[\"']?\]")
_VAR_USE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
_BLOCK_RULES = {"media", "supports", "container", "layer", "document"}


class Used:
    """The classes, ids and palette colours of a built site."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.colors: set[tuple[str, str]] = set()

    def add_html(self, text: str) -> None:
        for value in _CLASS_ATTR.findall(text):
            self.names.update(value.split())
        self.names.update(_ID_ATTR.findall(text))
        self.colors.update(_COLOR_ATTR.findall(text))

    def add_script(self, text: str) -> None:
        self.names.update(_SCRIPT_CLASS.findall(text))
        self.names.update(_SCRIPT_TOGGLE.findall(text))
        self.names.update(_SCRIPT_ALWAYS)

    def keeps(self, selector: str) -> bool:
        plain = _ATTRIBUTE.sub("", _FUNCTIONAL.sub("", selector))
        for name in _SEL_CLASS.findall(plain) + _SEL_ID.findall(plain):
            if name.replace("\\", "") not in self.names:
                return False
        return all(pair in self.colors for pair in _SEL_COLOR.findall(selector))


def _selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(...) or [attr=","])."""
    out, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(prelude):
        if quote:
            quote = "" if ch == quote and prelude[i - 1] != "\\" else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(prelude[start:i])
            start = i + 1
    out.append(prelude[start:])
    return [s.strip() for s in out if s.strip()]


def _prune(rules: Iterable[object], used: Used) -> list[str]:
    out = []
    for rule in rules:
        kind = getattr(rule, "type", "")
        if kind == "qualified-rule":
            kept = [s for s in _selectors(tinycss2.serialize(rule.prelude)) if used.keeps(s)]
            if kept:
                out.append(",".join(kept) + "{" + tinycss2.serialize(rule.content).strip() + "}")
        elif kind == "at-rule":
            if rule.lower_at_keyword in _BLOCK_RULES and rule.content is not None:
                inner = _prune(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), used)
                if inner:
                    out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
            else:
                out.append(tinycss2.serialize([rule]).strip())
    return out


def _without_unread(rules: Iterable[object], read: set[str]) -> list[str]:
    out = []
    for rule in rules:
        kind = getattr(rule, "type", "")
        if kind == "qualified-rule":
            kept = [d.serialize() for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                                          skip_whitespace=True)
                    if d.type == "declaration" and (not d.name.startswith("--") or d.name in read)]
            if kept:
                out.append(tinycss2.serialize(rule.prelude).strip() + "{" + ";".join(kept) + "}")
        elif kind == "at-rule":
            if rule.lower_at_keyword in _BLOCK_RULES and rule.content is not None:
                inner = _without_unread(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                                 skip_whitespace=True), read)
                if inner:
                    out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
            else:
                out.append(tinycss2.serialize([rule]).strip())
    return out


def _drop_unread_properties(css: str, read: set[str]) -> str:
    """Remove custom property declarations (--x: ...) that no var() reads, then rules left empty."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_without_unread(rules, read))


def prune_css(css: str, used: Used) -> str:
    """One stylesheet cut to the used rules (custom properties are kept: see prune_site)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_prune(rules, used))


def used_in_site(site: Path) -> Used:
    used = Used()
    for page in site.rglob("*.html"):
        used.add_html(page.read_text(encoding="utf-8", errors="replace"))
    for script in site.rglob("*.js"):  # the theme's and the site's scripts, and any extra_javascript
        used.add_script(script.read_text(encoding="utf-8", errors="replace"))
    return used


def prune_site(site: Path, write: Callable[[Path, bytes], None]) -> dict[str, tuple[int, int]]:
    """Cut Material's stylesheets (main.*.min.css, palette.*.min.css) to the site's rules; rename them
    by their new content and point every page at the new names. Returns name -> (before, after) bytes."""
    stylesheets = site / "assets" / "stylesheets"
    sheets = sorted(p for p in stylesheets.glob("*.min.css") if p.name.split(".")[0] in ("main", "palette"))
    if not sheets:
        return {}
    used = used_in_site(site)
    pruned = {sheet: prune_css(sheet.read_text(encoding="utf-8"), used) for sheet in sheets}
    # A custom property is kept while any stylesheet of the site or any script reads it.
    others = [p.read_text(encoding="utf-8", errors="replace") for p in (site / "assets").rglob("*")
              if p.suffix in (".css", ".js") and p not in pruned and p.is_file()]
    read: set[str] = set()
    while True:
        text = "".join(pruned.values()) + "".join(others)
        now = set(_VAR_USE.findall(text)) | set(re.findall(r"[\"'](--md-[A-Za-z0-9_-]+)", "".join(others)))
        if now == read:
            break
        read = now
        pruned = {sheet: _drop_unread_properties(css, read) for sheet, css in pruned.items()}
    renamed: dict[str, str] = {}
    sizes = {}
    for sheet in sheets:
        before = sheet.read_bytes()
        after = pruned[sheet].encode("utf-8")
        stem = sheet.name.split(".")[0]
        name = f"{stem}.{hashlib.sha256(after).hexdigest()[:8]}.min.css"
        write(stylesheets / name, after)
        if name != sheet.name:
            sheet.unlink()
            renamed[sheet.name] = name
        sizes[name] = (len(before), len(after))
    if renamed:
        pattern = re.compile("|".join(re.escape(f"stylesheets/{old}") for old in renamed))
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            new = pattern.sub(lambda m: "stylesheets/" + renamed[m.group(0).split("/", 1)[1]], text)
            if new != text:
                write(page, new.encode("utf-8"))
    return sizes
