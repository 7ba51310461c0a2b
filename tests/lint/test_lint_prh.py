"""`aftersales rules import-prh` on real public prh dictionaries (excerpts in tests/fixtures/lint/prh, see
LICENSE-NOTES.md there): what is imported, merged and skipped, and how the converted rules lint."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from aftersales_std.lint.rules import prh
from cli_run import run

REPO = Path(__file__).resolve().parents[2]
PRH = REPO / "tests" / "fixtures" / "lint" / "prh"


def import_prh(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> tuple[Path, str]:
    out = tmp_path / name.replace(".yml", "")
    code, _stdout, err = run(capsys, "rules", "import-prh", str(PRH / name), "--output", str(out))
    assert code == 0, err
    return out, err


def fixed(capsys: pytest.CaptureFixture[str], rules: Path, tmp_path: Path, text: str) -> str:
    target = tmp_path / "text.md"
    target.write_text(text, encoding="utf-8")
    run(capsys, "lint", "--rules", str(rules), str(target), "--fix")
    return target.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _outside_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_webdb_press_imports_with_groups_lookaheads_and_regexp_must_empty(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules, err = import_prh(capsys, tmp_path, "webdb-press-excerpt.yml")
    assert re.search(r"imported 10 prh entries, merged 1 duplicate\(s\), skipped 1;", err)
    # the only skip names its entry and says why: $1 of an unbounded negated class on both sides
    assert "skipped webdb-press-excerpt.yml line 42: /(?:([^/])ウェブ)|(?:ウェブ([^/\\+]))/ -> $1Web$2:" in err
    text = ("あの記事に煽られてつくった。そうゆう話だ。わかってないし、消えてなくなる。"
            "ピン留めして踏み留まる。株式会社ABC。Web Socket で。\n")
    assert fixed(capsys, rules, tmp_path, text) == (
        "あの記事にあおられて作った。そういう話だ。わかっていないし、消えてなくなる。"
        "ピン留めして踏みとどまる。(株)ABC。WebSocket で。\n")


def test_techbooster_imports_its_imports_honours_ignore_rules_and_skips_full_width_punctuation(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules, err = import_prh(capsys, tmp_path, "techbooster-excerpt.yml")
    assert "imported 8 prh entries, merged 0 duplicate(s), skipped 3;" in err
    assert "techbooster-excerpt.yml line 9: /\\((.+?)\\)/ -> （$1）: unsafe or invalid regular expression" in err
    assert "line 49: ， -> 、: full-width punctuation '，'" in err and "line 52: ． -> 。" in err
    text = "変更に注意し、更に様々な良い例と良い点を言う。なほるど、そこでで、Aでできる。ををを。see common-lisp.net, ok.\n"
    assert fixed(capsys, rules, tmp_path, text) == (
        "変更に注意し、さらにさまざまな良い例とよい点をいう。なるほど、そこで、Aでできる。ををを。"
        "see common-lisp.net, ok.\n")  # を (ignoreRules) and ASCII punctuation untouched


def test_js_primer_imports_case_entries_context_classes_and_spaced_patterns(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules, err = import_prh(capsys, tmp_path, "js-primer-excerpt.yml")
    assert "imported 9 prh entries, merged 1 duplicate(s), skipped 1;" in err
    assert "/ECMAScript([0-9]+)/ -> ECMAScript $1: the replacement uses $n" in err
    text = ("變數はレキシカルに決まる。広義のソフトウエアと日経ソフトウエア。javascriptとJAVASCRIPT、cookieとCookie、"
            "ｊｑｕｅｒｙ。thenチェーンとTemplate Literal。クロージャで、クロージャーで。\n")
    assert fixed(capsys, rules, tmp_path, text) == (
        "變數は静的に決まる。広義のソフトウェアと日経ソフトウエア。JavaScriptとJavaScript、CookieとCookie、"
        "jQuery。Promiseチェーンとテンプレートリテラル。クロージャーで、クロージャーで。\n")


def test_converted_rules_are_listed_with_the_entries_spec_examples(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    rules, _err = import_prh(capsys, tmp_path, "js-primer-excerpt.yml")
    data = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(rules.glob("*.yaml"))]
    shared = data[0]
    assert shared["swap"]["Cookie"] == "Cookie" and shared["swap"]["javascript"] == "JavaScript"
    assert shared["swap"]["TemplateLiteral"] == "テンプレートリテラル"
    software = next(d for d in data if "ソフトウエア" in d.get("swap", {}))
    assert software["swap"] == {"ソフトウエア": "ソフトウェア"} and "経ソフトウエア" in software["exceptions"]
    assert "日経ソフトウエア" in software["examples"]["good"]  # the spec with from == to
    code, out, _ = run(capsys, "rules", "--rules", str(rules), "--format", "json")
    assert code == 0 and len(json.loads(out)) == len(data)


def test_translate_follows_javascript() -> None:
    assert prh.translate(r"\bjava\b") == "java"  # at the edges the linter checks ASCII boundaries itself
    assert prh.translate(r"a\bb") == "a" + prh._B_INNER + "b"
    assert prh.translate(r"Template\s*Literal") == "TemplateLiteral"
    assert prh.translate(r"promise chain") == "promisechain"
    assert prh.translate(r"\d+[\d]") == "[0-9]+[0-9]"
    with pytest.raises(prh.Skip):
        prh.translate("(?<year>[0-9]{4})")


def test_unsafe_patterns_are_skipped_entry_by_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dictionary = tmp_path / "d.yml"
    dictionary.write_text("version: 1\nrules:\n"
                          "  - expected: c\n    pattern: /(?:a|aa){1,60}c/\n"
                          "  - expected: 三包\n    pattern: 三保\n", encoding="utf-8")
    code, _out, err = run(capsys, "rules", "import-prh", str(dictionary), "--output", str(tmp_path / "r"))
    assert code == 0
    assert "skipped d.yml line 3: /(?:a|aa){1,60}c/ -> c: unsafe" in err and "imported 1 prh entries" in err


def test_a_missing_import_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dictionary = tmp_path / "d.yml"
    dictionary.write_text("version: 1\nimports: [gone.yml]\nrules: []\n", encoding="utf-8")
    code, _out, err = run(capsys, "rules", "import-prh", str(dictionary), "--output", str(tmp_path / "r"))
    assert code == 2 and "gone.yml" in err and not (tmp_path / "r").exists()
