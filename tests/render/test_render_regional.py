"""Regional editions: zh-Hant-TW and zh-Hant-HK (phrase-level OpenCC, the glossary's regional designations,
「」 quotation marks, Word language and fonts); plain zh-Hant is the Taiwan edition."""
from __future__ import annotations

import glob
import re
import zipfile
from pathlib import Path

import pytest

from aftersales_std.render.regional import content_lang, edition

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from building import build_project  # type: ignore[import-not-found]
    out = {}
    for lang in ("zh-Hant-TW", "zh-Hant-HK"):
        folder = tmp_path_factory.mktemp(lang)
        build_project(REPO, folder, lang=lang)
        out[lang] = folder
    return out


def text(folder: Path) -> str:
    return "".join(Path(p).read_text(encoding="utf-8") for p in sorted(glob.glob(str(folder / "*/*.md"))))


def test_taiwan_edition_reads_as_taiwan_text(editions: dict[str, Path]) -> None:
    tw = re.sub(r"《[^》]*》", "", text(editions["zh-Hant-TW"]))  # names of laws keep their words (產品質量法)
    for mainland in ("爲", "覈", "這裏", "纔", "短信", "視頻", "質量", "保修", "“", "”"):
        assert mainland not in tw, mainland
    for taiwan in ("簡訊", "品質", "保固", "工作天", "到府", "「"):
        assert taiwan in tw, taiwan


def test_taiwan_edition_keeps_the_words_of_titles_in_quotes(editions: dict[str, Path]) -> None:
    """A law's or a standard's title in 《》 is a name: the Taiwan edition converts its characters only
    (s2tw), not its words (s2twp would make 個人信息 個人資訊 and 網絡 網路), in the documents and the
    flashcards; every title in the edition is a content title so converted, or one written in zh-Hant."""
    from aftersales_std.chinese import to_traditional
    tw = text(editions["zh-Hant-TW"]) + (editions["zh-Hant-TW"] / "training/flashcards.csv").read_text("utf-8")
    assert "《中華人民共和國個人信息保護法》" in tw and "個人資訊保護法" not in tw
    assert "《網絡購買商品七日無理由退貨暫行辦法》" in tw and "網路購買" not in tw
    content = "".join(p.read_text(encoding="utf-8") for folder in ("glossary", "standards", "templates", "checks")
                      for p in sorted((REPO / folder).rglob("*.yaml")))
    written = set(re.findall(r"《[^》\n]*》", content))
    allowed = {to_traditional(t, "s2tw") for t in written} | written
    titles = set(re.findall(r"《[^》\n]*》", tw))
    assert titles and titles <= allowed, sorted(titles - allowed)
    assert "網路" in tw and "資訊" in tw  # outside titles the words are Taiwan's
    for computing in ("檔名稱", "檔案控制", "釋出", "除錯", "專案", "稽核與批准"):  # 文件名稱, 文件控制, 發布 ...
        assert computing not in tw, computing
    assert "| 文件名稱 |" in tw and "## 文件控制" in tw


def test_phrase_level_conversion_keeps_names_in_quotes() -> None:
    from aftersales_std.chinese import to_traditional
    from aftersales_std.sitegen.regional import Converter
    assert (to_traditional("依《个人信息保护法》保护您的个人信息，网络下单", "s2twp")
            == "依《個人信息保護法》保護您的個人資訊，網路下單")
    assert to_traditional("《个人信息保护法》", "s2hk") == "《個人信息保護法》"
    # computing words of s2twp's vocabulary stay the everyday words of a service document
    assert (to_traditional("文件控制：文件名称、发布单位、审核与批准；项目；安装调试；处理程序；客户档案", "s2twp")
            == "文件控制：文件名稱、發布單位、審核與批准；項目；安裝調試；處理程序；客戶檔案")
    # the glossary site's Taiwan edition of a page shares the conversion
    page = '<p>依《网络购买商品七日无理由退货暂行办法》，网络信息</p>'
    assert Converter(None, "zh-Hant-TW")(page) == '<p>依《網絡購買商品七日無理由退貨暫行辦法》，網路資訊</p>'


def test_regional_flashcard_decks_are_separate_and_read_as_their_region(editions: dict[str, Path]) -> None:
    """Importing the Taiwan deck does not overwrite the Hong Kong one (own GUIDs and deck name); the pinyin is
    that of the term shown (保固卡: bǎo gù kǎ, not bǎo xiū kǎ); the tags are in the edition's characters."""
    import csv
    import io
    decks = {}
    for lang in ("zh-Hant-TW", "zh-Hant-HK"):
        raw = (editions[lang] / "training/flashcards.csv").read_text(encoding="utf-8")
        name = next(line for line in raw.splitlines() if line.startswith("#deck:"))
        rows = list(csv.reader(io.StringIO("\n".join(l for l in raw.splitlines() if not l.startswith("#")))))
        decks[lang] = (name, rows)
        assert rows and all(r[0].startswith("aftersales:") and r[0].endswith(":" + lang) for r in rows)
    (tw_name, tw_rows), (hk_name, hk_rows) = decks["zh-Hant-TW"], decks["zh-Hant-HK"]
    assert tw_name != hk_name and "台灣" in tw_name and "香港" in hk_name
    assert not {r[0] for r in tw_rows} & {r[0] for r in hk_rows}
    tw_front = {r[0].split(":")[1]: r[1] for r in tw_rows}
    hk_front = {r[0].split(":")[1]: r[1] for r in hk_rows}
    assert tw_front["warranty-card"] == "保固卡<br><small>bǎo gù kǎ</small>"
    assert hk_front["warranty-card"] == "保修卡<br><small>bǎo xiū kǎ</small>"
    tw_tags = " ".join(r[3] for r in tw_rows)
    hk_tags = " ".join(r[3] for r in hk_rows)
    for simplified in ("维修", "质量", "费用", "沟通", "话术", "备件", "与"):
        assert simplified not in tw_tags and simplified not in hk_tags, simplified
    assert "維修" in tw_tags and "維修" in hk_tags and "支援" in tw_tags and "支持" in hk_tags


def test_hong_kong_edition_keeps_hong_kong_terms(editions: dict[str, Path]) -> None:
    hk = text(editions["zh-Hant-HK"])
    assert "保固" not in hk and "保修" in hk  # 保固 is Taiwan's word
    assert "“" not in hk and "「" in hk


def test_hong_kong_edition_reads_as_hong_kong_text(editions: dict[str, Path]) -> None:
    hk = text(editions["zh-Hant-HK"]) + (editions["zh-Hant-HK"] / "training/flashcards.csv").read_text("utf-8")
    tw = text(editions["zh-Hant-TW"])
    # written zh-Hant text (客戶關係管理, 客戶滿意度) in Hong Kong forms like the derived text (客户)
    assert "戶" not in hk and "客户關係管理" in hk and "客戶" in tw
    # Hong Kong words for mainland ones s2hk keeps, and not Taiwan's
    for mainland, hong_kong, taiwan in (("短信", "短訊", "簡訊"), ("視頻", "影片", None), ("快遞", "速遞", None)):
        assert mainland not in hk and hong_kong in hk, mainland
        assert taiwan is None or taiwan not in hk, taiwan
    assert "電郵" in hk and "郵件" not in hk.replace("電子郵件", "") and "地址地址" not in hk  # 郵箱地址: one 地址
    # the glossary's Hong Kong designations, not Taiwan's: 投訴處理, 在線客服, 上門服務
    for hong_kong, taiwan in (("投訴處理", "客訴處理"), ("在線客服", "線上客服"), ("上門服務", "到府服務")):
        assert hong_kong in hk and taiwan not in hk, hong_kong
        assert taiwan in tw, taiwan
    # names in 《》 are not rewritten by glossary designations
    assert "《中華人民共和國個人信息保護法》" in hk and "客户信息保護法" not in hk
    # a designation the edition uses keeps its words: the glossary's 客户信息保護 is not made 客户資訊保護
    assert "客户信息保護" in hk and "客户資訊保護" not in hk


def test_regional_pass_reconverts_written_taiwan_forms() -> None:
    from aftersales_std.assemble import load_model
    from aftersales_std.project import open_project
    from aftersales_std.render.regional import Regional, regional_project
    project = regional_project(open_project(REPO), "zh-Hant-HK")
    hk = Regional(load_model(project), "zh-Hant-HK")
    written = "依臺灣規定，客戶資料裡寫著保固期和“售後支援”，請發短信或郵件。"
    assert hk.apply(written) == "依台灣規定，客户資料裏寫着保修期和「售後支持」，請發短訊或電郵。"
    tw = Regional(load_model(regional_project(open_project(REPO), "zh-Hant-TW")), "zh-Hant-TW")
    assert tw.apply("客戶資料裡寫著保修期") == "客戶資料裡寫著保固期"  # Taiwan forms stay in Taiwan


def test_word_files_carry_the_region(editions: dict[str, Path]) -> None:
    for lang, tag in (("zh-Hant-TW", "zh-TW"), ("zh-Hant-HK", "zh-HK")):
        (manual,) = (editions[lang] / "manuals").glob(f"AS-MAN-001_r2_{lang}.docx")
        with zipfile.ZipFile(manual) as z:
            styles = z.read("word/styles.xml").decode("utf-8")
            settings = z.read("word/settings.xml").decode("utf-8")
        assert f'w:eastAsia="{tag}"' in styles and f'w:eastAsia="{tag}"' in settings
        assert "Microsoft JhengHei" in styles


def test_plain_zh_hant_is_the_taiwan_edition() -> None:
    assert edition("zh-Hant") == "zh-Hant-TW" and content_lang("zh-Hant-HK") == "zh-Hant"
