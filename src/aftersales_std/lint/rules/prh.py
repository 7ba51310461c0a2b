"""Convert a prh dictionary (prh.yml, as used by textlint-rule-prh) into rule files.

A prh entry is {expected, pattern | patterns (text, or /regex/flags), specs: [{from, to}], options:
{wordBoundary}, regexpMustEmpty, prh: note}; `imports` pulls other dictionaries in, each optionally with
`ignoreRules` (entries of the imported file left out). The conversion goes entry by entry:

- a text pattern becomes a substitution (pattern -> expected) of one shared rule; `expected` alone
  (no pattern) is a case and width normalisation (cookie, ＣＯＯＫＩＥ -> Cookie);
- a regular expression whose matches can be listed (at most MAX_EXPANSIONS: `/煽([らりるれろっ])/`,
  `/for\\.{1,2}in/`) becomes one substitution per match, with `$1` filled in from that match; a
  negative look-ahead or look-behind at its edge (`/クロージャ(?!ー)/`, `(?<!ま)でで`), a negated class
  captured at an edge and written back as `$1` (`/([^経])ソフトウエア/` -> `$1ソフトウェア`) and
  `regexpMustEmpty` become exceptions of a rule of its own;
- any other regular expression becomes a rule of its own that reports the match and suggests
  `expected` (only when `expected` has no `$n`);
- specs become the rules' examples (from == to: a good example), and are checked when the rules load.

JavaScript semantics: `\\b`, `\\d` and `\\w` are ASCII-only as in JavaScript (at a pattern's edge `\\b`
is what the linter does anyway for ASCII letters and digits); whitespace in a pattern is dropped (the
linter matches text with whitespace folded away, so `/Template\\s*Literal/` matches "Template Literal");
`wordBoundary` is the linter's own behaviour at ASCII edges. What cannot be expressed is skipped with
a warning naming the entry: a replacement that depends on unbounded text (`/ECMAScript([0-9]+)/`),
full-width punctuation that the linter cannot tell from ASCII after width folding (`，` -> `、` would
also rewrite `,` in `common-lisp.net`), unsafe or non-Python regular expressions.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from aftersales_std.errors import ContentError, UsageError
from aftersales_std.lint.text.fold import fold, fold_pattern
from aftersales_std.lint.rules.safety import UnsafePattern, _c, _p, check_pattern
from aftersales_std.loading import load_file

_JS_REGEX = re.compile(r"^/(.*)/([dgimsuyv]*)$", re.DOTALL)
MAX_EXPANSIONS = 200
MAX_EXAMPLES = 40
_ASCII_WORD = "0-9a-z_"
_B_INNER = f"(?:(?<=[{_ASCII_WORD}])(?![{_ASCII_WORD}])|(?<![{_ASCII_WORD}])(?=[{_ASCII_WORD}]))"


@dataclass
class Entry:
    where: str  # "file.yml line 12"
    expected: str
    patterns: list[str]
    specs: list[tuple[str, str]]
    note: str | None
    options: dict[str, Any]
    must_empty: str | None

    @property
    def label(self) -> str:
        shown = ", ".join(self.patterns) if self.patterns else "(expected only)"
        return f"{self.where}: {shown} -> {self.expected}"


@dataclass
class Report:
    imported: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "entry: why"
    notes: list[str] = field(default_factory=list)  # imported, with a caveat


class Skip(Exception):
    """This entry (or pattern) cannot be expressed; the message says why."""


# ---- reading the dictionary ----------------------------------------------------------------------

def _entries(path: Path, seen: set[Path], ignore: list[dict[str, Any]] | None = None) -> list[Entry]:
    path = path.resolve()
    if path in seen:
        return []
    seen.add(path)
    doc = load_file(path)
    if doc.findings:
        raise ContentError(f"{path} is not a readable prh dictionary", doc.findings)
    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(data.get("rules", []) or [], list):
        raise UsageError(f"{path}: `rules` must be a list of prh entries")
    out: list[Entry] = []
    for imp in data.get("imports", []) or []:
        target = imp if isinstance(imp, str) else (imp or {}).get("path") if isinstance(imp, dict) else None
        if not target:
            continue
        full = path.parent / str(target)
        if not full.is_file():
            raise UsageError(f"{path}: imports {target}, which does not exist ({full}); "
                             "put the imported dictionary there or remove the import")
        ignored = (imp.get("ignoreRules") or []) if isinstance(imp, dict) else []
        out += _entries(full, seen, [r for r in ignored if isinstance(r, dict)])
    for i, raw in enumerate(data.get("rules", []) or []):
        if not isinstance(raw, dict) or raw.get("expected") is None:
            continue
        line = doc.mark(("rules", i)).line
        entry = Entry(where=f"{path.name} line {line}", expected=str(raw["expected"]),
                      patterns=_patterns(raw), specs=_specs(raw), note=raw.get("prh"),
                      options=dict(raw.get("options") or {}), must_empty=raw.get("regexpMustEmpty"))
        if ignore and any(_same(entry, r) for r in ignore):
            continue
        out.append(entry)
    return out


def _patterns(raw: dict[str, Any]) -> list[str]:
    value = raw.get("patterns", raw.get("pattern"))
    if value is None:
        return []
    return [str(p) for p in (value if isinstance(value, list) else [value])]


def _specs(raw: dict[str, Any]) -> list[tuple[str, str]]:
    return [(str(s["from"]), str(s["to"])) for s in raw.get("specs", []) or []
            if isinstance(s, dict) and s.get("from") is not None and s.get("to") is not None]


def _same(entry: Entry, ignored: dict[str, Any]) -> bool:
    """An `ignoreRules` item names an entry by its expected text (and its patterns, when given)."""
    if str(ignored.get("expected")) != entry.expected:
        return False
    pats = _patterns(ignored)
    return not pats or [_strip_flags(p) for p in pats] == [_strip_flags(p) for p in entry.patterns]


def _strip_flags(pattern: str) -> str:
    js = _JS_REGEX.match(pattern)
    return js.group(1) if js else pattern


# ---- JavaScript regular expressions -> Python, as the linter matches ----------------------------

def translate(source: str) -> str:
    """A JavaScript pattern as a Python one for folded text (see the module notes)."""
    if "(?<" in source.replace("(?<=", "").replace("(?<!", ""):
        raise Skip("named groups (?<name>...) are not supported; use (...) and $1")
    if "[^]" in source:
        raise Skip("[^] (any character) is not supported")
    out: list[str] = []
    i, n, in_class = 0, len(source), False
    while i < n:
        ch = source[i]
        if ch == "\\" and i + 1 < n:
            nxt = source[i + 1]
            if in_class:
                out.append({"d": "0-9", "w": _ASCII_WORD + "A-Z"}.get(nxt, "\\" + nxt))
            elif nxt == "s":
                i = _skip_quantifier(source, i + 2)
                continue
            elif nxt == "b":
                before = "".join(out).rstrip("^")
                edge = (not before or before.endswith(("|", "(", "(?:")) or i + 2 >= n
                        or source[i + 2] in "|)$")
                if not edge:
                    out.append(_B_INNER)
            elif nxt in "dwDW":
                out.append({"d": "[0-9]", "w": f"[{_ASCII_WORD}A-Z]", "D": "[^0-9]", "W": f"[^{_ASCII_WORD}A-Z]"}[nxt])
            else:
                out.append("\\" + nxt)
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
            if source[i + 1:i + 2] == "^":
                out.append("^")
                i += 1
            if source[i + 1:i + 2] == "]":
                out.append("\\]")
                i += 1
        elif ch in " \t\u3000":
            i = _skip_quantifier(source, i + 1)
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _skip_quantifier(s: str, i: int) -> int:
    if i < len(s) and s[i] in "*+?":
        i += 1
    elif i < len(s) and s[i] == "{":
        end = s.find("}", i)
        i = end + 1 if end > 0 else i
    if i < len(s) and s[i] == "?":
        i += 1
    return i


def js_expand(template: str, m: re.Match[str]) -> str:
    """String.prototype.replace's $1..$99, $& and $$ (an unmatched group is empty)."""
    def one(t: re.Match[str]) -> str:
        tok = t.group(0)
        if tok == "$$":
            return "$"
        if tok == "$&":
            return m.group(0)
        k = int(tok[1:])
        if k > (m.re.groups or 0):
            return tok
        return m.group(k) or ""
    return re.sub(r"\$\$|\$&|\$\d{1,2}", one, template)


# ---- listing the matches of a finite pattern --------------------------------------------------------

def _chars(op: Any, av: Any) -> list[str] | None:
    if op is _c.LITERAL:
        return [chr(av)]
    if op is _c.IN:
        out: list[str] = []
        for sub_op, sub_av in av:
            if sub_op is _c.LITERAL:
                out.append(chr(sub_av))
            elif sub_op is _c.RANGE and sub_av[1] - sub_av[0] < 64:
                out.extend(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
            else:
                return None  # negated, a category such as \d, a wide range
        return out
    return None


def expand(items: list[tuple[Any, Any]], limit: int = MAX_EXPANSIONS) -> list[str] | None:
    """Every string the parsed sequence matches, when there are at most `limit`; else None."""
    results = [""]
    for op, av in items:
        chars = _chars(op, av)
        if chars is not None:
            options = chars
        elif op is _c.SUBPATTERN:
            got = expand(list(av[-1]), limit)
            if got is None:
                return None
            options = got
        elif op is _c.BRANCH:
            options = []
            for alt in av[1]:
                got = expand(list(alt), limit)
                if got is None:
                    return None
                options += got
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            lo, hi, body = av
            if hi > 4:
                return None
            one = expand(list(body), limit)
            if one is None:
                return None
            options = []
            for count in range(lo, hi + 1):
                seqs = [""]
                for _ in range(count):
                    seqs = [a + b for a in seqs for b in one]
                    if len(seqs) > limit:
                        return None
                options += seqs
        else:
            return None  # anchors, look-arounds, any character ...
        results = [a + b for a in results for b in dict.fromkeys(options)]
        if len(results) > limit:
            return None
    return list(dict.fromkeys(results))


def _edges(items: list[tuple[Any, Any]]) -> tuple[list[str], list[tuple[Any, Any]], list[str]]:
    """(texts that must not come before, the core, texts that must not come after): negative
    look-behinds at the start and negative look-aheads at the end, when their texts can be listed."""
    before: list[str] = []
    after: list[str] = []
    while items and items[0][0] is _c.ASSERT_NOT and items[0][1][0] == -1:
        got = expand(list(items[0][1][1]))
        if got is None:
            break
        before += got
        items = items[1:]
    while items and items[-1][0] is _c.ASSERT_NOT and items[-1][1][0] == 1:
        got = expand(list(items[-1][1][1]))
        if got is None:
            break
        after += got
        items = items[:-1]
    return before, items, after


# ---- one entry -> substitutions, exceptions or a pattern rule ----------------------------------------

@dataclass
class Piece:
    """What one pattern of an entry became."""

    swap: dict[str, str] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)  # literal texts
    pattern: str | None = None  # an existence rule's pattern (Python, not folded)
    bad: list[str] = field(default_factory=list)
    good: list[str] = field(default_factory=list)


_FULLWIDTH_PUNCT = re.compile(r"[\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u3000]")


def _check_literal(text: str) -> None:
    bad = _FULLWIDTH_PUNCT.search(text)
    if bad:
        raise Skip(f"full-width punctuation {bad.group(0)!r} is matched after width folding, so the rule "
                   f"would also fire on ASCII {fold(bad.group(0))!r} (common-lisp.net -> common-lisp。net)")


def convert_pattern(entry: Entry, pattern: str) -> Piece:
    js = _JS_REGEX.match(pattern)
    if js is None:  # plain text
        if not entry.expected:
            raise Skip("an empty expected (deleting the text) is only supported for /regular expressions/")
        _check_literal(pattern)
        if "$" in entry.expected and re.search(r"\$\d|\$&", entry.expected):
            raise Skip("a text pattern with $n in expected")
        if not fold(pattern):
            raise Skip("the pattern is only whitespace")
        return Piece(swap={pattern: entry.expected})
    source = translate(js.group(1))
    if not source:
        raise Skip("the pattern is empty once whitespace is folded away")
    try:
        check_pattern(fold_pattern(source))
        parsed = _p.parse(source)
    except UnsafePattern as exc:
        raise Skip(f"unsafe or invalid regular expression: {exc}") from None
    except re.error as exc:  # pragma: no cover - check_pattern parses first
        raise Skip(f"invalid regular expression: {exc}") from None
    compiled = re.compile(source, re.IGNORECASE if "i" in js.group(2) else 0)
    if not entry.expected:  # report it (control characters ...), to be deleted by hand
        return Piece(pattern=source)
    before, core, after = _edges(list(parsed))
    texts = expand(core)
    if texts is not None:
        return _listed(entry, compiled, texts, before, after)
    piece = _context_class(entry, core)
    if piece is not None:
        return piece
    if re.search(r"\$\d|\$&", entry.expected):
        raise Skip("the replacement uses $n of a pattern with too many possible matches to list")
    if entry.must_empty:
        raise Skip("regexpMustEmpty on a pattern with too many possible matches to list")
    return Piece(pattern=source)


def _listed(entry: Entry, compiled: re.Pattern[str], texts: list[str], before: list[str],
            after: list[str]) -> Piece:
    piece = Piece()
    for text in texts:
        m = compiled.fullmatch(text)
        if m is None:  # pragma: no cover - listed from the same pattern
            continue
        if entry.must_empty:
            k = entry.must_empty.lstrip("$")
            if k.isdigit() and int(k) <= (compiled.groups or 0) and m.group(int(k)):
                piece.exceptions.append(text)  # the group matched: this text is fine as it is
                continue
        replacement = js_expand(entry.expected, m)  # may equal text: a case or spacing normalisation
        _check_literal(text)
        piece.swap[text] = replacement
        piece.exceptions += [b + text for b in before] + [text + a for a in after]
    if not piece.swap:
        raise Skip("regexpMustEmpty leaves no match to replace")
    return piece


def _context_class(entry: Entry, core: list[tuple[Any, Any]]) -> Piece | None:
    """`([^経])ソフトウエア` -> `$1ソフトウェア` (and the mirror at the end): the negated class is
    context written back unchanged; the rest is listed; the class's characters become exceptions."""
    for side in ("start", "end"):
        item = core[0] if side == "start" else core[-1]
        rest = core[1:] if side == "start" else core[:-1]
        if item[0] is not _c.SUBPATTERN or item[1][0] is None:
            continue
        group, body = item[1][0], list(item[1][-1])
        token = f"${group}"
        expected = entry.expected
        if len(body) != 1:
            continue
        if body[0][0] is _c.NOT_LITERAL:  # [^経] is parsed as "not this one character"
            negated: list[str] | None = [chr(body[0][1])]
        elif body[0][0] is _c.IN and list(body[0][1][:1]) == [(_c.NEGATE, None)]:
            negated = _chars(_c.IN, body[0][1][1:])
        else:
            continue
        if side == "start" and not expected.startswith(token) or side == "end" and not expected.endswith(token):
            continue
        template = expected[len(token):] if side == "start" else expected[:-len(token)]
        if "$" in template:
            continue
        texts = expand(rest)
        if negated is None or texts is None:
            continue
        piece = Piece()
        for text in texts:
            if text == template:
                continue
            _check_literal(text)
            piece.swap[text] = template
            piece.exceptions += [(c + text) if side == "start" else (text + c) for c in negated]
        return piece if piece.swap else None
    return None


# ---- the whole dictionary -------------------------------------------------------------------------

def convert(path: Path, *, prefix: str = "PR", group: str = "prh", refs: list[str] | None = None,
            report: Report | None = None) -> dict[str, dict[str, Any]]:
    """prh dictionary -> {file name: rule data}; what was imported, merged and skipped goes to `report`."""
    if not re.fullmatch(r"[A-Z]{2}", prefix):
        raise UsageError("--prefix must be two capital letters, e.g. PR")
    report = report if report is not None else Report()
    refs = refs or ["communication:4.1"]
    swap: dict[str, str] = {}  # the shared substitution rule
    by_folded: dict[str, str] = {}
    bad: list[str] = []
    good: list[str] = []
    own_rules: list[tuple[Entry, Piece]] = []
    origin: dict[str, str] = {}  # rule code -> the entry it comes from (for the report)
    imported_entries: list[Entry] = []
    for entry in _entries(path, set()):
        pieces: list[Piece] = []
        try:
            for pattern in entry.patterns or [entry.expected]:
                pieces.append(convert_pattern(entry, pattern))
        except Skip as why:
            report.skipped.append(f"{entry.label}: {why}")
            continue
        if entry.options.get("wordBoundary") and not all(
                re.fullmatch(r"[A-Za-z0-9_].*[A-Za-z0-9_]|[A-Za-z0-9_]", fold(p)) for p in entry.patterns or [entry.expected]):
            report.notes.append(f"{entry.label}: wordBoundary applies at ASCII letters and digits only")
        merged_all = True
        shared = False
        for piece in pieces:
            if piece.pattern is not None or piece.exceptions:
                own_rules.append((entry, piece))
                merged_all = False
                continue
            shared = True
            for phrase, replacement in piece.swap.items():
                key = fold(phrase)
                if key in by_folded and swap[by_folded[key]] == replacement:
                    continue  # the same substitution again
                if key in by_folded and swap[by_folded[key]] == by_folded[key] != replacement:
                    del swap[by_folded[key]]  # an identity (spacing or case only) yields to a real change
                    del by_folded[key]
                if key in by_folded:
                    report.notes.append(f"{entry.label}: {phrase} is already replaced by "
                                        f"{swap[by_folded[key]]} (an earlier entry); kept the earlier one")
                    continue
                by_folded[key] = phrase
                swap[phrase] = replacement
                merged_all = False
        if merged_all:
            report.merged.append(entry.label)
            continue
        report.imported.append(entry.label)
        imported_entries.append(entry)
        if shared and len(pieces) == 1:
            for frm, to in entry.specs:
                (good if frm == to else bad).append(frm)
    out: dict[str, dict[str, Any]] = {}
    number = 1
    source_note = {"zh-Hans": f"由 prh 词典 {path.name} 转换。", "en": f"Converted from the prh dictionary {path.name}."}
    if swap:
        code = f"{prefix}{number:02d}"
        out[f"{code}.yaml"] = {
            "code": code, "name": f"{group}.dictionary", "severity": "warning", "kind": "substitution",
            "description": source_note,
            "message": {"zh-Hans": "“{match}”请改为“{replacement}”。", "en": "Write \"{replacement}\" instead of \"{match}\"."},
            "swap": swap, "refs": refs,
            "examples": {"bad": list(dict.fromkeys(bad + _variants(swap)))[:MAX_EXAMPLES],
                         "good": list(dict.fromkeys(good + list(swap.values())))[:MAX_EXAMPLES]},
        }
        number += 1
    for entry, piece in own_rules:
        if number > 99:
            report.skipped.append(f"{entry.label}: no rule codes left ({prefix}01-{prefix}99); "
                                  "split the dictionary and import the rest with another --prefix")
            continue
        code = f"{prefix}{number:02d}"
        note = f"（{entry.note}）" if entry.note else ""
        specs_bad = [f for f, t in entry.specs if f != t]
        specs_good = [f for f, t in entry.specs if f == t]
        data: dict[str, Any] = {"code": code, "name": f"{group}.entry-{number:02d}", "severity": "warning"}
        if piece.pattern is not None and not entry.expected:
            data |= {"kind": "existence", "description": source_note,
                     "message": {"zh-Hans": f"请删除“{{match}}”。{note}", "en": "Delete \"{match}\"."},
                     "patterns": [piece.pattern],
                     "examples": {"bad": specs_bad or [_sample(piece.pattern)], "good": specs_good or ["OK"]}}
        elif piece.pattern is not None:
            data |= {"kind": "existence",
                     "description": source_note,
                     "message": {"zh-Hans": f"“{{match}}”请改为“{entry.expected}”。{note}",
                                 "en": f"Write \"{entry.expected}\" instead of \"{{match}}\"."},
                     "patterns": [piece.pattern], "suggest": {"zh-Hans": entry.expected, "en": entry.expected},
                     # text already written as expected (Backbone.js for /Backbone.js/) is not reported
                     "exceptions": [re.escape(entry.expected)],
                     "examples": {"bad": specs_bad or [_sample(piece.pattern)],
                                  "good": specs_good or [entry.expected]}}
        else:
            data |= {"kind": "substitution", "description": source_note,
                     "message": {"zh-Hans": "“{match}”请改为“{replacement}”。" + note,
                                 "en": "Write \"{replacement}\" instead of \"{match}\"."},
                     "swap": piece.swap, "exceptions": [re.escape(e) for e in dict.fromkeys(piece.exceptions)],
                     "examples": {"bad": list(dict.fromkeys(specs_bad + _variants(piece.swap)))[:MAX_EXAMPLES],
                                  "good": list(dict.fromkeys(specs_good + list(dict.fromkeys(piece.exceptions))
                                                             + list(piece.swap.values())))[:MAX_EXAMPLES]}}
        data["refs"] = refs
        out[f"{code}.yaml"] = data
        origin[code] = entry.label
        number += 1
    spec_texts = {frm for e in imported_entries for frm, _to in e.specs}
    _keep_examples_that_hold(out, report, origin, spec_texts)
    return out


def _variants(swap: dict[str, str]) -> list[str]:
    """Texts each substitution fires on: the phrase, or for a case or spacing normalisation
    (Cookie -> Cookie) the phrase in another case."""
    out = []
    for phrase, replacement in swap.items():
        if phrase != replacement:
            out.append(phrase)
        elif phrase.swapcase() != phrase:
            out.append(phrase.swapcase())
    return out


def _sample(pattern: str) -> str:
    """One short text the pattern matches (for a rule whose entry has no specs)."""
    def walk(items: list[tuple[Any, Any]]) -> str:
        out = ""
        for op, av in items:
            chars = _chars(op, av)
            if chars:
                out += chars[0]
            elif op is _c.IN:
                negated = any(sub_op is _c.NEGATE for sub_op, _ in av)
                digits = any(sub_op is _c.CATEGORY for sub_op, _ in av)
                out += "0" if digits and not negated else "字"
            elif op is _c.SUBPATTERN:
                out += walk(list(av[-1]))
            elif op is _c.BRANCH:
                out += walk(list(av[1][0]))
            elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
                out += walk(list(av[2])) * max(av[0], 0)
            elif op in (_c.ANY, _c.NOT_LITERAL):
                out += "字"
            elif op is _c.CATEGORY:
                out += "0"
        return out
    return walk(list(_p.parse(pattern))) or pattern


def _keep_examples_that_hold(rules: dict[str, dict[str, Any]], report: Report, origin: dict[str, str],
                             spec_texts: set[str]) -> None:
    """Load the converted rules; drop the examples the linter does not agree with (a spec the
    conversion cannot honour), naming them, so that the rule files load."""
    from aftersales_std.lint.rules.loader import compile_docs, load_rule_files
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            written = write(rules, Path(tmp) / "prh")
            docs, findings = load_rule_files(written)
            if findings:  # pragma: no cover - the converter writes valid rule files
                raise ContentError("the converted rules do not validate", findings)
            _rules, problems = compile_docs(docs, None)
        failing = [(Path(p.path).stem, p.json_path) for p in problems if p.json_path.startswith("examples.")]
        others = [p for p in problems if not p.json_path.startswith("examples.")]
        if others:
            bad_codes = {Path(p.path).stem for p in others}
            for code in bad_codes:
                _drop(rules, report, origin, code, "; ".join(p.message for p in others if Path(p.path).stem == code))
        if not failing and not others:
            return
        drop: dict[tuple[str, str], set[int]] = {}
        for code, key in failing:
            kind, _, index = key[len("examples."):].partition("[")
            drop.setdefault((code, kind), set()).add(int(index.rstrip("]")))
        for (code, kind), indexes in drop.items():
            data = rules.get(f"{code}.yaml")
            if data is None:
                continue
            examples = data["examples"][kind]
            for i in sorted(indexes):
                if examples[i] not in spec_texts:
                    continue  # an example the converter picked, not one the dictionary wrote
                report.notes.append(f"{code}: {kind} example {examples[i]!r} left out: the converted rule "
                                    + ("does not fire on it" if kind == "bad" else "fires on it"))
            data["examples"][kind] = [e for i, e in enumerate(examples) if i not in indexes]
            if not data["examples"][kind]:
                _drop(rules, report, origin, code, f"no {kind} example holds for the converted rule")


def _drop(rules: dict[str, dict[str, Any]], report: Report, origin: dict[str, str], code: str, why: str) -> None:
    rules.pop(f"{code}.yaml", None)
    label = origin.get(code, code)
    if label in report.imported:
        report.imported.remove(label)
    report.skipped.append(f"{label}: {why}")


def write(rules: dict[str, dict[str, Any]], output: Path) -> list[Path]:
    from aftersales_std.atomic import make_dirs, write_text
    make_dirs(output)
    written = []
    for name, data in rules.items():
        target = output / name
        write_text(target, yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120))
        written.append(target)
    return written
