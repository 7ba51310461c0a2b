"""Search pieces: the jieba user dictionary, the index of designations and the everyday words."""
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
from aftersales_std.errors import ContentError
from aftersales_std.sitegen.search_glossary import build_index, char_tables, syllables
from aftersales_std.sitegen.synonyms import load_synonyms

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


def test_index_has_every_designation_with_weight_label_and_pinyin(model) -> None:  # type: ignore[no-untyped-def]
    ctx = sitegen.SiteContext(model)
    urls = {f"concepts/{c.id}.md": f"concepts/{c.id}/" for c in model.glossary.concepts}
    index = build_index(ctx, urls, [("standards/returns/", "退换货与退款", "范围")], {"return": ("退东西",)})
    docs = index["docs"]
    assert len(docs) == len(model.glossary.concepts) + 1 and docs[-1]["k"] == "p"
    names = {(docs[n[0]]["u"], n[1]): n[2:] for n in index["names"]}
    assert names[("concepts/three-guarantees/", "三包")][:1] == [1.0]
    weight, label, pinyin = names[("concepts/three-guarantees/", "三保")]
    assert weight < names[("concepts/three-guarantees/", "包修包换包退")][0] < 1.0
    assert "不要使用" in label and pinyin == "san bao"
    assert names[("concepts/return/", "退东西")][1] == "俗称"
    assert ("concepts/net-promoter-score/", "NPS") in names and ("concepts/after-sales-warranty/", "保固") in names
    script = docs[[d["u"] for d in docs].index("concepts/script-test/")]
    assert "<script>" in script["s"] + script["x"]  # raw text: the worker escapes what it shows


def test_pinyin_and_character_tables() -> None:
    assert syllables("上门服务") == "shang men fu wu" and syllables("SN码") == "sn ma" and syllables("NPS") == ""
    pairs, readings = char_tables()
    t2s = dict(zip(pairs[::2], pairs[1::2]))
    assert t2s["貨"] == "货" and t2s["換"] == "换"
    assert "务" in readings["wu"] and "物" in readings["wu"]  # homophones
    assert "还" in readings["hai"] and "还" in readings["huan"]  # every reading of a character


def test_everyday_words_are_checked(model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "search-synonyms.yaml"
    assert load_synonyms(path, model) == {}
    path.write_text("return: [退东西, 不想要了]\n", encoding="utf-8")
    assert load_synonyms(path, model) == {"return": ("退东西", "不想要了")}
    path.write_text("return: [退东西]\nno-such: [x]\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_synonyms(path, model, "glossary/search-synonyms.yaml")
    finding = err.value.findings[0]
    assert (finding.line, finding.col) == (2, 1) and "unknown concept id 'no-such'" in finding.message
    path.write_text("return: 退东西\n", encoding="utf-8")
    with pytest.raises(ContentError, match="expected a list of words"):
        load_synonyms(path, model)
    path.write_text("return: [退东西\n", encoding="utf-8")
    with pytest.raises(ContentError, match="not valid YAML"):
        load_synonyms(path, model)


def test_repository_everyday_words_name_existing_concepts() -> None:
    repo = Path(__file__).resolve().parents[2]
    words = load_synonyms(repo / "glossary" / "search-synonyms.yaml", load_model(open_project(repo)))
    assert len(words) >= 50 and "退东西" in words["return"]
