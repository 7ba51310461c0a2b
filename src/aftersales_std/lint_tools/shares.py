"""The share of replies that hold each key string of the bundled patterns (gate.py's selectivity data).

A pattern is tried only in texts that hold one of its key strings, and gate.key_sets picks, of the
literal sets a pattern requires, the one held by the fewest texts. Length alone misjudges that: 是 or
系 (in 联系) are in one reply in five or ten, 问题 in one in twelve. This module measures, on acceptable
replies, the share holding each string that some pattern requires, and writes the strings held by at
least FLOOR of them to shares.json beside it. Only which texts a pattern is tried on depends on it,
never what it finds. Measured on the bundled reply templates and the acceptable replies of the label
files, never on the benchmark corpus:

    python -m aftersales_std.lint_tools.shares [PROJECT]   # rewrites src/aftersales_std/lint/matchers/shares.json

Which strings a pattern requires inside an alternation is itself chosen by these shares, so running
it again after a change of the table measures a slightly different set of strings (817 instead of
803 the second time); any version is sound, since keys only decide where patterns are tried.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterable, Sequence

FLOOR = 0.003
TABLE = Path(__file__).resolve().parents[1] / "lint" / "matchers" / "shares.json"  # beside gate.py, which reads it


def measure(texts: Sequence[str], strings: Iterable[str], floor: float = FLOOR) -> dict[str, float]:
    """{string: share of the folded `texts` holding it} for the strings held by at least `floor` of
    them, most common first (shares rounded to 3 places)."""
    from aftersales_std.lint.text.fold import fold
    folded = [fold(text) for text in texts]
    shares = {s: sum(s in f for f in folded) / max(1, len(folded)) for s in set(strings) if s}
    kept = sorted(((s, v) for s, v in shares.items() if v >= floor and round(v, 3) > 0), key=lambda kv: (-kv[1], kv[0]))
    return {s: round(v, 3) for s, v in kept}


def pattern_strings(patterns: Iterable[str]) -> set[str]:
    """Every string of every literal set that some pattern requires, and of their literal starts."""
    from aftersales_std.lint.matchers.gate import required_sets
    from aftersales_std.lint.rules.safety import prefixes
    out: set[str] = set()
    for pattern in patterns:
        for found in required_sets(pattern):
            out |= found
        out |= prefixes(pattern) or set()
    return out


def acceptable_replies(project: Path) -> list[str]:
    """The acceptable replies of the label files and every string of the bundled reply templates."""
    from aftersales_std.lint.sources.inputs import read_path
    from aftersales_std.lint_tools.train import read_labels
    labels = sorted((project / "tests" / "fixtures" / "lint").glob("*.yaml"))
    texts = [text for _name, text, expect in read_labels(labels) if not expect]
    for path in sorted((project / "templates" / "replies").rglob("*")):
        if path.is_file():
            texts += [seg.text for seg in read_path(path, str(path)).segments]
    return texts


def main(argv: Sequence[str]) -> int:
    from aftersales_std.lint import load_rules
    project = Path(argv[0]) if argv else Path.cwd()
    texts = acceptable_replies(project)
    rules = load_rules(project)
    shares = measure(texts, pattern_strings(p for rule in rules.rules for p in rule.patterns))
    data = {"about": "share of acceptable replies holding each key string of the bundled patterns; "
                     "written by python -m aftersales_std.lint_tools.shares",
            "replies": len(texts), "floor": FLOOR, "shares": shares}
    TABLE.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{TABLE.name}: {len(shares)} strings from {len(texts)} replies")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
