"""The detectors' jieba words come from an SQLite copy of jieba's dictionary for the first texts of a process
(no half-second dictionary load in an editor or a pre-commit hook), and are the same words jieba gives."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aftersales_std.lint.detectors import _text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lint"


def _texts() -> list[str]:
    out: list[str] = []
    for path in sorted(FIXTURES.glob("holdout*.yaml"))[:6]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data if isinstance(data, list) else data.get("cases", data.get("replies", [])):
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                out.append(item["text"])
    return out


@pytest.fixture()
def lazy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AFTERSALES_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AFTERSALES_NO_CACHE", raising=False)
    _text._lazy_tokenizer.cache_clear()
    tok = _text._lazy_tokenizer()
    yield tok
    _text._lazy_tokenizer.cache_clear()


def test_lazy_dictionary_gives_jieba_s_words(lazy) -> None:  # type: ignore[no-untyped-def]
    assert lazy is not None
    assert type(lazy.FREQ).__name__ == "_LazyFreq"
    full = _text._full_tokenizer()
    texts = _texts()
    assert len(texts) > 100
    for text in texts + ["不是您的问题，我们今天18:00前给您答复", "ｉｐｈｏｎｅ 15 pro 的保修期", ""]:
        folded = _text.fold_keep(text)
        assert list(lazy.tokenize(folded, HMM=False)) == list(full.tokenize(folded, HMM=False)), text


def test_dictionary_copy_is_built_once_and_atomically(tmp_path: Path, lazy) -> None:  # type: ignore[no-untyped-def]
    files = sorted(p.name for p in (tmp_path / "lint").iterdir())
    assert len(files) == 1 and files[0].startswith("jieba-") and files[0].endswith(".sqlite")  # no .tmp left


def test_no_cache_means_jieba_loads_its_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFTERSALES_NO_CACHE", "1")
    _text._lazy_tokenizer.cache_clear()
    try:
        assert _text._lazy_tokenizer() is None
    finally:
        _text._lazy_tokenizer.cache_clear()


def test_many_characters_switch_to_the_whole_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_text, "_seen", _text.LAZY_LIMIT + 1)
    assert _text._tokenizer(10) is _text._full_tokenizer()


def test_words_kept_per_block_are_jieba_s_words() -> None:
    """tokens() cuts each block (jieba's re_han runs) once and keeps its words; the result is jieba's."""
    full = _text._full_tokenizer()
    odd = ["", " ", "\r\n", "a.b_c%d-e+f#g&h", "iPhone15Pro的保修期", "你好\u3000\u3000世界", "𠀀㐀不是您的问题",
           "１２：３０前", "[微笑]好的哈", "不是您的问题，我们今天18:00前给您答复。\n\n  亲~在吗?"]
    for text in _texts() + odd:
        folded = _text.fold_keep(text)
        assert _text.tokens(folded) == list(full.tokenize(folded, HMM=False)), text
    assert _text._block.cache_info().hits > 0  # the same blocks came again


def test_the_whole_dictionary_is_loaded_after_many_look_ups_not_many_characters(
        lazy, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(_text, "_seen", 0)
    assert _text._tokenizer(10**9) is lazy  # characters do not count
    before = _text._seen
    lazy.FREQ.get("一个从未查过的词语" + str(id(lazy)))
    assert _text._seen == before + 1  # a look-up in SQLite does
    lazy.FREQ.get("一个从未查过的词语" + str(id(lazy)))
    assert _text._seen == before + 1  # a remembered one does not
