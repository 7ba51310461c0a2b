"""Regional editions: zh-Hant-TW and zh-Hant-HK (phrase-level OpenCC, the glossary's regional designations,
「」 quotation marks, Word language and fonts); plain zh-Hant is the Taiwan edition."""
from __future__ import annotations

import glob
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
    tw = text(editions["zh-Hant-TW"])
    for mainland in ("爲", "覈", "這裏", "纔", "短信", "視頻", "質量", "保修", "“", "”"):
        assert mainland not in tw, mainland
    for taiwan in ("簡訊", "品質", "保固", "工作天", "到府", "「"):
        assert taiwan in tw, taiwan


def test_hong_kong_edition_keeps_hong_kong_terms(editions: dict[str, Path]) -> None:
    hk = text(editions["zh-Hant-HK"])
    assert "保固" not in hk and "保修" in hk  # 保固 is Taiwan's word
    assert "“" not in hk and "「" in hk


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
