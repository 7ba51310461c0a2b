"""Concrete offers: what turns a hedge (尽量, 看情况, 想想办法) into something the customer can act on.

    >>> [(o.text, o.kind) for o in concrete_offers("我尽量帮您申请，您可以选择换新或者退款")]
    [('可以选择', 'options'), ('换新或者退款', 'options')]

Clause 4.2 of the communication standard asks for "what happens next" in words the customer can check.
A hedge is fine when at once it is made concrete by one of:

- `options`: alternatives the customer can choose between: 您可以选择…, 两种方案 / 以下几种办法, 一是…二是…,
  要么…要么…, 方案一 / ① / 1、, a numbered list after a colon (：一、…；二、…), or two remedies joined by 或者 / 或是 / 还是 (换新或者退款, 上门还是寄修);
- `slot`: a confirmed slot or deadline (see `concrete_time`; 当场 / 马上 alone are not a slot): 明天上午10点,
  周五下午, 3个工作日内;
- `owned`: an owner doing a concrete action by a concrete time (see `ownership`): 王工今天下午给您回电.

The text is folded first (traditional and Cantonese forms, full width, spaces between words removed), so
zh-Hant replies and speech-to-text with spaces are covered; spans are positions in the original text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from aftersales_std.lint.detectors.concrete_time import TimeSpan, _fold, concrete_times

__all__ = ["Offer", "concrete_offers", "has_concrete_offer", "handovers"]

_REMEDY = (r"(?:退款|退货|退回|换新|换货|更换|调换|维修|修理|寄修|送修|上门|到店|返厂|补发|重发|补寄|补偿|赔偿|退差价|"
           r"优惠券|代金券|积分|折扣|返现|延保|退|换|修)")
_OPTIONS = re.compile(
    r"(?:可以|可|能|也可以|您可)(?:为您|给您|帮您)?(?:选择|任选|二选一|自选)"
    r"|(?:两|二|三|几|以下|下面|如下)(?:个|种|套|条)?(?:方案|办法|选择|方式|处理方式|解决方案|选项)"
    r"|(?:一是|一种是|方案一|方案1|第一种|第一个方案|①|⑴)"
    r"|要么[^。！？!?]{1,20}?要么"
    # a numbered list of two or more choices in one sentence, opened by a colon: ：一、改订 M 号；二、等补货后发货
    r"|(?<=[:：])\s*(?:一|1)[、.．][^。！？!?]{1,40}?[;；,，]\s*(?:二|2)[、.．]"
    rf"|{_REMEDY}[\u4e00-\u9fff]{{0,4}}?(?:或者|或是|或|还是|抑或)(?:直接|者)?{_REMEDY}"
)
_NOT_SLOT = frozenset({"immediate"})


@dataclass(frozen=True, order=True)
class Offer:
    """A concrete offer at text[start:end] and its kind (options, slot, owned)."""
    start: int
    end: int
    text: str
    kind: str


def concrete_offers(text: str, start: int = 0, end: int | None = None, owned: bool = True,
                    times: list[TimeSpan] | None = None) -> list[Offer]:
    """Every concrete offer that starts in text[start:end], in order (`owned=False` skips the
    ownership detector, which needs jieba; `times` = concrete_times(text) when already found)."""
    stop = len(text) if end is None else min(end, len(text))
    folded, index = _fold(text)  # spaces removed: "换新 或者 退款" is 换新或者退款
    lo, hi = bisect.bisect_left(index, start), bisect.bisect_left(index, stop)
    out = [Offer(index[m.start()], index[m.end() - 1] + 1, text[index[m.start()]:index[m.end() - 1] + 1], "options")
           for m in _OPTIONS.finditer(folded, lo, hi)]
    out += [Offer(t.start, t.end, t.text, "slot") for t in (concrete_times(text) if times is None else times)
            if start <= t.start < stop and t.kind not in _NOT_SLOT]
    if owned:
        from aftersales_std.lint.detectors.ownership import ownerships

        out += [Offer(o.owner_start, o.action_end, text[o.owner_start:o.action_end], "owned")
                for o in ownerships(text, start, stop) if o.time]
    return sorted(set(out))


def has_concrete_offer(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] makes a concrete offer (options, a slot, or owner + action + time)."""
    return bool(concrete_offers(text, start, end))


# A handover or an alternative after a refusal: our own next step for the customer (我帮您联系厂家, 我给您约师傅上门,
# 我们可以先帮您检测), a contrast that leads to what we can do (不过质量问题我们照样给您退, 但可以给您补偿), or a way
# back to us (有问题直接在这里找我, 您可以联系我). The customer sent elsewhere (您可以打12345) is no handover.
_HANDOVER = re.compile(
    r"(?:我|我们|这边|我这边|本店|客服)(?:可以|能|来|先|会|马上|现在|直接|照样|还是|也可以)*(?:帮|给|为|替)您"
    r"(?:免费|先|重新|直接)?(?:联系|问|申请|登记|发|约|安排|寄|换|退|补|修|检测|查|处理|升级|反映|报|转|开|办|争取|争|预约|对接|催)"
    r"|(?:不过|但是?|可是|另外)[^。！？!?]{0,16}?(?:可以|能|照样|仍可|还可以|会)"
    r"|(?:直接|随时|有问题|有需要)(?:在这里|在这儿)?(?:找我|联系我|问我|跟我说)"
    # walking the customer through the fix ourselves: 我教您开, 我一步一步告诉您怎么设
    r"|我(?:来|现在|先|这就|一步一步|一步步)?(?:教|告诉)您(?:怎么|如何)?(?:开|关|用|弄|设|调|操作|设置|调节|处理|换|装)"
    r"|(?:我|我们|这边|我这边)(?:马上|现在|会|已|已经|即刻|立即|这就|先)*(?:帮您)?(?:把[^。！？!?]{1,12}?)?(?:转给|转交|转俾|转介|交给|转到)"
    # a paid way on is an alternative too (更换费用每条680元, 维修费180元, 可以八折购买, 先报价给您确认)
    r"|费用(?:是|为|约|每)|维修费|报价|价格|售价|收费|\d+\s?元|[0-9零一二两三四五六七八九十百千]+元|八折|优惠价|nt\$|\$\d")


def handovers(text: str) -> list[tuple[int, int]]:
    """Spans where we hand the case on or offer an alternative (我帮您联系厂家, 不过…可以…, 有问题直接找我),
    in the original text; spaces between words change nothing."""
    squeezed, index = _fold(text)
    return [(index[m.start()], index[m.end() - 1] + 1) for m in _HANDOVER.finditer(squeezed)]
