"""Regional editions of the traditional-Chinese documents: zh-Hant-TW (Taiwan) and zh-Hant-HK (Hong Kong).

An edition converts the zh-Hans content with OpenCC's phrase-level configuration for its region (s2twp:
Taiwan characters and vocabulary, 軟體 for 软件, 影片 for 视频; s2hk: Hong Kong characters), then puts in the
glossary's designations for that region (保固 for 保修 in Taiwan) and writes quotation marks as 「」 and 『』.
Plain `zh-Hant` is the Taiwan edition under another name. Templates and content lookups see `zh-Hant`; the
edition's tag names the files and sets the Word language and fonts.
"""
from __future__ import annotations

import dataclasses
import re
from functools import cached_property

from aftersales_std.chinese import to_traditional
from aftersales_std.model import Model
from aftersales_std.project import Project

EDITIONS = {"zh-Hant": ("zh-Hant-TW", "s2twp", "TW"), "zh-Hant-TW": ("zh-Hant-TW", "s2twp", "TW"),
            "zh-Hant-HK": ("zh-Hant-HK", "s2hk", "HK")}
LANGS = ("zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK", "en")
QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})
# Mainland words OpenCC's s2twp keeps (質量 is also "mass", so it is not converted) where a Taiwan reader of an
# after-sales document expects another word. The glossary's own regional designations come first.
VOCABULARY = {"TW": {"質量": "品質", "在線": "線上", "視頻": "影片", "屏幕": "螢幕", "打印": "列印",
                     "鏈接": "連結", "默認": "預設", "網絡": "網路", "短信": "簡訊", "信息": "資訊",
                     "上門": "到府"},
              # Hong Kong: s2hk changes characters only. 質量, 在線, 上門 and 工作日 stay: the glossary's
              # Hong Kong designations (質量問題, 在線客服, 上門服務) and its untagged 工作日 say HK uses them.
              "HK": {"短信": "短訊", "個人信息": "個人資料", "視頻": "影片", "信息": "資訊", "電子郵件": "電郵", "郵件": "電郵",
                     "郵箱地址": "電郵地址", "郵箱": "電郵地址", "快遞": "速遞", "鏈接": "連結", "默認": "預設", "激活": "啟用"}}
# Traditional text written in the content (zh-Hant designations, notes) is in Taiwan or OpenCC-standard
# forms (臺, 裡, 著, 戶); an edition re-converts it the way its OpenCC configuration converts zh-Hans text,
# so that written and derived text agree. Both passes are no-ops on text the configuration produced.
RECONVERT = {"HK": ("tw2t", "t2hk"), "TW": ()}


def edition(lang: str) -> str:
    """The tag of the edition built for `lang`: zh-Hant is zh-Hant-TW."""
    return EDITIONS[lang][0] if lang in EDITIONS else lang


def content_lang(lang: str) -> str:
    """The language the content is looked up in: zh-Hant for every traditional edition."""
    return "zh-Hant" if lang.startswith("zh-Hant") else lang


def regional_project(project: Project, lang: str) -> Project:
    """The project with the edition's OpenCC configuration (the same project for other languages)."""
    if lang not in EDITIONS:
        return project
    return dataclasses.replace(project, config={**project.config, "opencc": EDITIONS[lang][1]})


@dataclasses.dataclass
class Regional:
    """The last pass over an edition's text: the region's designations in, 「」 quotation marks."""

    model: Model
    lang: str

    @property
    def region(self) -> str | None:
        return EDITIONS[self.lang][2] if self.lang in EDITIONS else None

    @cached_property
    def terms(self) -> dict[str, str]:
        region, config = self.region, EDITIONS.get(self.lang, ("", "s2t", ""))[1]
        out: dict[str, str] = {}
        clashes: set[str] = set()
        for c in self.model.glossary.concepts:
            hant = [d for d in c.designations("zh-Hant") if d.status != "deprecated" and not d.derived]
            ours = [d for d in hant if d.region == region]
            others = [d for d in hant if d.region and d.region != region]
            if not ours and not others:
                continue
            preferred = ours[0].text if ours else to_traditional(c.preferred("zh-Hans").text, config)
            admitted = next((d.text for d in ours if d.status == "admitted"), preferred)
            pairs = [(to_traditional(d.text, config), admitted if d.status == "admitted" else preferred)
                     for d in c.designations("zh-Hans") if d.status != "deprecated"]
            pairs += [(d.text, admitted if d.status == "admitted" else preferred) for d in others]
            for source, target in pairs:  # a preferred term becomes the region's preferred one, an admitted
                if len(source) < 2 or source == target:  # one the region's admitted one
                    continue
                if source in out and out[source] != target:
                    clashes.add(source)
                out.setdefault(source, target)
        vocabulary = VOCABULARY.get(region or "", {})
        for source, target in vocabulary.items():
            out.setdefault(source, target)
        # the region's own designations (written, or derived for it) keep their words: 客户信息保護 is the
        # glossary's term for Hong Kong, so 信息 in it is not 資訊
        for c in self.model.glossary.concepts:
            hant = [d.text for d in c.designations("zh-Hant") if d.status != "deprecated" and d.region == region]
            used = hant or [to_traditional(d.text, config) for d in c.designations("zh-Hans") if d.status != "deprecated"]
            for term in used:
                if term not in out and any(word in term for word in vocabulary):
                    out[term] = term
        return {k: v for k, v in out.items() if k not in clashes}

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        if not self.terms:
            return None
        # a title in 《》 (a law, a standard) is a name: its words stay as they are
        return re.compile("|".join(["《[^》\n]*》"] + [re.escape(t) for t in sorted(self.terms, key=lambda t: (-len(t), t))]))

    def apply(self, text: str) -> str:
        """The region's designations and everyday words, then written traditional text in the region's
        character forms, then 「」."""
        if self.region is None:
            return text
        if self.pattern is not None:
            text = self.pattern.sub(lambda m: self.terms.get(m.group(0), m.group(0)), text)
        for config in RECONVERT.get(self.region, ()):
            text = to_traditional(text, config)
        return text.translate(QUOTES)
