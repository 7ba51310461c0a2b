from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aftersales_std.loading import Document, format_json_path, load_file, load_text


def load(text: str) -> Document:
    return load_text(text, Document(Path("x.yaml"), "x.yaml"))


def test_positions_are_one_based_for_values_and_keys() -> None:
    doc = load("a: 1\nb:\n  - x\n  - {c: 2}\n")
    assert doc.data == {"a": 1, "b": ["x", {"c": 2}]}
    assert doc.mark(("b", 1, "c")).line == 4 and doc.mark(("b", 1, "c")).col == 9
    assert doc.mark(("b", 1, "c"), key=True).col == 6
    assert doc.mark(("b", 9, "zzz")).line == 3  # falls back to the nearest known ancestor


def test_dates_stay_text_and_scalars_keep_types() -> None:
    doc = load("d: 2026-11-22\ni: 3\nf: 1.5\nb: true\nn: null\ns: '1.0'\n")
    assert doc.data == {"d": "2026-11-22", "i": 3, "f": 1.5, "b": True, "n": None, "s": "1.0"}


@pytest.mark.parametrize("text, code", [
    ("a: !!python/object/apply:os.system ['echo hi']\n", "AS106"),
    ("a: !!python/name:os.system\n", "AS106"),
    ("a: !!binary aGVsbG8=\n", "AS106"),
    ("? [1, 2]\n: x\n", "AS106"),
    ("a: &a [*a]\n", "AS105"),
    ("a: 1\na: 2\n", "AS102"),
    ("a: [\n", "AS101"),
    ("a: b\n---\nc: d\n", "AS101"),
])
def test_rejections(text: str, code: str) -> None:
    assert [f.code for f in load(text).findings] == [code]


def test_merge_keys_are_supported() -> None:
    assert load("base: &b {x: 1, y: 1}\nd:\n  <<: *b\n  y: 2\n").data["d"] == {"x": 1, "y": 2}


def test_file_level_problems(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 2000, encoding="utf-8")
    assert [f.code for f in load_file(big, max_bytes=1024).findings] == ["AS104"]
    missing = load_file(tmp_path / "nope.yaml")
    assert missing.findings[0].code == "AS100"


def test_json_path_format() -> None:
    assert format_json_path(("terms", "zh-Hans", 0, "designation")) == "terms.zh-Hans[0].designation"
    assert format_json_path(("params", "4.1")) == 'params["4.1"]'


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_never_raises(text: str) -> None:
    doc = load(text)
    for finding in doc.findings:
        assert finding.line >= 1 and finding.col >= 1


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_never_raise(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("b") / "f.yaml"
    path.write_bytes(data)
    load_file(path)
