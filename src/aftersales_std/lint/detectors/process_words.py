"""Internal process words by their shape: Chinese back-office words a customer cannot decode.

    >>> [w.text for w in process_words("已建售后二级单，索赔件已回寄，等三方验收")]
    ['二级单', '索赔件', '三方验收']

Clause 4.9 of the communication standard: internal terms are explained at once in plain words, or
replaced by them. The `codes` detector finds Latin-letter codes by their shape; this one finds the
Chinese words that service desks, warehouses and claim teams coin for their own steps, by the ways
those words are built, so that a trade the rules were never written for is covered too:

- a **support tier or escalation level**: a numeral with 线 / 级 naming a team or a ticket (二线, 三线,
  二级工单, 一级单, 二线支持); not the everyday 一线城市, 二线品牌, 一线希望, 一级棒, 二级医院;
- a **second or third pass** of a back-office step, clipped: 二核, 二审, 三审, 二派, 二检 (not 周三派人;
  二次审核 said in full is plain Chinese);
- a **parcel or ticket labelled by its state**: a state word with 件 / 单 (异常件, 问题件, 拦截件, 滞留件,
  索赔件, 疑难件, 无头件, 拒收件, 超区件; 异常单, 问题单) — the label of a queue, not a thing the customer has;
- a **third-party inspection** named the way the team says it: 三方 + 检 / 验 / 鉴 / 审 (三方检, 三方验收,
  三方鉴定); 第三方 said in full is plain Chinese;
- a case **entering a back-office stage** named as the team names it: 进入 / 转入 + a stage (进入核赔,
  进入质保流程, 转入复核环节), not a screen, a season or a place (进入设置, 进入雨季, 进入车场);
- a **status code given as a bare number** after the word for it (返回码51, 错误代码 1003, response code 05):
  what the number means is what the customer needs.

A word is fine when it is explained at once or a few words on (brackets, 即 / 也就是 / 就是 / 意思是, a
dash; `二级工单是我们内部的叫法，意思是…`), when it is itself the explanation of the words before it
(`技术专家（售后二线工程师）`, `我们内部叫二线 就是…`: the same tests as `codes`, detectors/codes.py),
in the customer's own words (`您说的问题件`), or when it was explained earlier in the text. Matching is
on the folded text (traditional and Cantonese forms read as simplified), positions are the original's.

Each family was kept because, on the eight dev sources of eval/lint/dev, it found unexplained words
in at least two sources and flagged no acceptable reply there or in tests/fixtures/lint (session 7).
"""
from __future__ import annotations

from dataclasses import dataclass

from aftersales_std.lint.detectors._text import kept, lazy

__all__ = ["ProcessWord", "process_words", "CUES"]

from aftersales_std.lint.detectors.cues import PROCESS_WORDS as CUES  # the cheap gate, on the raw text

_SHAPES = lazy(
    # a support tier: 二线, 三线(专家), 二级(工)单; not 一线城市, 二线品牌, 一线希望, 二级医院
    r"(?<![第0-9零一二三四五六七八九十百两])[一二三](?:线(?!城|品牌|大牌|明星|希望|之|生机|天|光|上|下|曙光|电|路|地|车)"
    r"|级(?:工单|单|支持|技术支持|工程师|客服|专家|处理|审核|团队))"
    # a second or third pass of a back-office step: 二核, 二审, 三审, 二派, 二检 (not 周三派人)
    r"|(?<![第周礼拜期0-9零一二三四五六七八九十百])[二三](?:核|审|派|检)(?!查|实|对|算|遣|出|人|员|送|测|验|修|举)"
    # a parcel or ticket named by its state: 异常件, 问题件, 拦截件, 索赔件, 异常单
    r"|(?:异常|问题|拦截|滞留|索赔|疑难|无头|拒收|超区|超时|退回)(?:件|单)(?!位|独|元|价|据|纯|车|子)"
    # a third-party inspection said the team's way: 三方检, 三方验收, 三方鉴定 (not 第三方)
    r"|(?<!第)三方(?:检测|检验|检|验收|验|鉴定|鉴|审核|审)"
    # a case entering a back-office stage, named as the team names it: 进入核赔, 进入质保流程, 转入复核环节
    r"|(?:进入|转入)了?(?!设置|页面|界面|官网|首页|店铺|小程序|直播|商城|冬季|夏季|雨季|旺季|淡季|高峰)"
    r"(?:[\u4e00-\u9fff]{2,4}?(?:流程|环节|阶段|节点)|[\u4e00-\u9fff](?![场站区馆室厅园院校楼库内])[\u4e00-\u9fff](?=[,;.!?。，；！？\s]|$))"
    # a status code given as a bare number after the word for it: 返回码51, 错误代码 1003, response code 05
    r"|(?:(?:返回|错误|状态|响应|回应|结果|原因|故障|报错)(?:代码|码)|代码|(?i:(?:response|error|status|return|reason)\s?code))"
    r"\s?(?:为|是|:)?\s?[0-9]{1,4}(?![0-9.:\-])"
)
# words right before that make the shape plain Chinese: 第二级, 的一线 staff in a list of cities ...
_RESTATED_BEFORE = lazy(r"(?:您|你)(?:说|提到|反映|看到|问|反馈)的?[^。!?,]{0,6}$")


_GAP = lazy(r"[\u3400-\u9fff][ \t\u3000]+[\u3400-\u9fff0-9]")


def _gap_at(text: str, i: int) -> bool:
    """The space at `i` stands between two Chinese characters (or a Chinese character and a digit)."""
    j = i
    while j > 0 and text[j - 1] in " \t\u3000":
        j -= 1
    k = i
    while k < len(text) and text[k] in " \t\u3000":
        k += 1
    return 0 < j and k < len(text) and "\u3400" <= text[j - 1] <= "\u9fff" and (
        "\u3400" <= text[k] <= "\u9fff" or text[k].isdigit())


@dataclass(frozen=True, order=True)
class ProcessWord:
    start: int
    end: int
    text: str


def process_words(text: str) -> list[ProcessWord]:
    """Internal process words in `text` that are not explained where they stand."""
    if CUES.search(text) is None:
        return []
    folded = kept(text)
    # spaces between Chinese words (a transcript, 二级 工单) are left out, positions kept through `where`
    where: list[int] | None = None
    if _GAP.search(folded):
        where = [i for i, ch in enumerate(folded) if not (ch in " \t\u3000" and _gap_at(folded, i))]
        folded = "".join(folded[i] for i in where)
    from aftersales_std.lint.detectors.codes import _explained_after, _explained_before  # imported when needed

    explained: set[str] = set()  # explained once, a word needs no explaining again later in the text
    out: list[ProcessWord] = []
    for m in _SHAPES.finditer(folded):
        start, end = m.span()
        word = m.group(0)
        if where is not None:
            start, end = where[start], where[end - 1] + 1
            word = word.replace(" ", "")
            m_start, m_end = m.span()
        else:
            m_start, m_end = start, end
        if word in explained:
            continue
        if _RESTATED_BEFORE.search(folded[max(0, m_start - 16):m_start]):
            continue
        if _explained_after(folded, m_end) or _explained_before(folded, m_start):
            explained.add(word)
            continue
        out.append(ProcessWord(start, end, text[start:end]))
    return out


def spans(text: str) -> list[tuple[int, int]]:
    """The matcher's view (lint/matchers.py: `matchers: [process_words]`)."""
    if CUES.search(text) is None:
        return []
    return [(w.start, w.end) for w in process_words(text)]
