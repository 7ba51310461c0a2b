"""Chinese search pieces: the jieba user dictionary, the search-index rewrite and the worker fix."""
from __future__ import annotations

import glob
import json
from pathlib import Path

import jieba
import pytest

from aftersales_std import sitegen
from aftersales_std.assemble import load_model
from aftersales_std.project import open_project
from aftersales_std.sitegen.jieba_dict import words
from aftersales_std.sitegen.search_index import rewrite
from aftersales_std.sitegen.worker_patch import fix_query_segmentation, is_patched

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "site" / "project"


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    return load_model(open_project(FIXTURE))


def test_dictionary_holds_every_designation_incl_zh_hant_and_deprecated(model) -> None:  # type: ignore[no-untyped-def]
    found = set(words(model))
    assert {"三包", "三保", "包修包换包退", "保固", "售後保固", "七天无条件退货", "满意度调查", "退货运费"} <= found
    assert "腳本測試" in found  # derived zh-Hant
    assert not any(len(w) < 2 for w in found) and "NPS" not in found  # jieba only cuts Han runs


def test_dictionary_keeps_terms_whole(model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plain = jieba.Tokenizer()
    assert plain.lcut("请参加满意度调查") != ["请", "参加", "满意度调查"]  # the problem we fix
    path = tmp_path / "user.txt"
    path.write_text(sitegen.user_dictionary(model), encoding="utf-8")
    tuned = jieba.Tokenizer()
    tuned.load_userdict(str(path))
    for sentence, word in [("请参加满意度调查", "满意度调查"), ("不支持七天无条件退货的说法", "七天无条件退货"),
                           ("这台机器还在售後保固期内", "售後保固"), ("按三包规定处理", "三包"),
                           ("不要写成三保", "三保")]:
        assert word in tuned.lcut(sentence), (sentence, tuned.lcut(sentence))


def test_rewrite_writes_utf8_and_drops_markup() -> None:
    index = {"config": {"lang": ["zh"]}, "docs": [
        {"location": "concepts/x/", "title": "退货", "text": "<p>\u200b退货\u200b\u200b 定义\u200b</p> &lt;script&gt;",
         "tags": ["退貨"]},
        {"location": "concepts/x/#definition", "title": "定义", "text": "", "tags": ["退貨"]},
    ]}
    raw = json.dumps(index).encode()
    out = rewrite(raw)
    assert b"\\u" not in out and "退货".encode() in out
    docs = json.loads(out)["docs"]
    assert docs[0]["text"] == "退货 定义 &lt;script&gt;"
    assert docs[0]["tags"] == ["退貨"] and "tags" not in docs[1] and "text" not in docs[1]
    assert len(out) < len(raw) / 1.5


def test_rewrite_cuts_long_texts_at_a_word_boundary() -> None:
    text = "\u200b".join(["售后服务"] * 500)
    docs = json.loads(rewrite(json.dumps({"docs": [{"location": "a/", "title": "t", "text": text}]}), 100))["docs"]
    assert len(docs[0]["text"]) <= 100 and docs[0]["text"].endswith("售后服务")


def test_worker_fix_applies_to_the_installed_material() -> None:
    import material

    worker = glob.glob(str(Path(material.__file__).parent / "templates/assets/javascripts/workers/search.*.min.js"))
    js = Path(worker[0]).read_text(encoding="utf-8")
    patched = fix_query_segmentation(js)
    assert patched is not None and is_patched(patched)
    assert patched.count("<=t.length") == js.count("<=t.length") + 1
    assert '.map(w=>w+"^10 "+w).join("* ")' in patched
    assert fix_query_segmentation(patched) is None  # idempotent: a second build leaves it alone
    assert fix_query_segmentation("unrelated();") is None


def test_concept_entries_hold_names_definitions_and_escaped_markup(model) -> None:  # type: ignore[no-untyped-def]
    from aftersales_std.sitegen.search_entries import concept_entries

    ctx = sitegen.SiteContext(model)
    urls = {f"concepts/{c.id}.md": f"concepts/{c.id}/" for c in model.glossary.concepts}
    entries = {e["location"]: e for e in concept_entries(ctx, urls)}
    assert len(entries) == len(model.glossary.concepts)
    warranty = entries["concepts/after-sales-warranty/"]
    assert warranty["title"].replace("\u200b", "") == "售后保修" and warranty["tags"] == ["保修", "售後保固", "保固", "warranty service"]
    assert "在\u200b保固期" in warranty["text"] or "保固" in warranty["text"]
    three = entries["concepts/three-guarantees/"]["text"]
    assert "不要\u200b使用 三保" in three and "three guarantees" in three
    script = entries["concepts/script-test/"]
    assert "<" not in str(script) and "&lt;script&gt;" in script["text"] and "&lt;b&gt;" in script["tags"][1]
