"""Refusals: we cannot or will not, or the customer is to see to it alone.

    >>> [(r.text, r.kind) for r in refusals("这个已经超区了 派不了哦")]
    [('派不了哦', 'inability')]

Clause 4.5 of the communication standard asks that a refusal come with what we can do instead. Lists of
brush-offs do not carry over to other writers; the shapes do:

- `inability`: we (or the shop, the office, the agent) cannot: 我们门市冇计, 管理处管唔到, 本处不便处理, 我哋改唔到,
  派不了哦, 这个我们看不到的, 没办法给您修, 过了就没办法了;
- `policy`: a blanket no stated as a rule: 福利款不退不换的哈, 生鲜类的不支持退货的哦, 这个不在售后范围的呢
  (what the warranty covers, 不在保修范围, is a fact the customer needs, not a brush-off);
- `self_help`: the customer is to do it alone: 您要自己送原厂, 您自己上网买一个换上就行, 您得自己去跟他协商,
  你听日再打嚟啦;
- `verdict`: the customer's claim ruled out, or our handling ruled right, and nothing more: 您的说法缺乏依据,
  这个理由我们不认, 我司处理符合规定, 前期处理不存在不当之处.

`inability` also covers a formal "us" that may not act (本公司无法负责, 我司亦无权变更, 我哋冇得改) and a
"cannot" ending its clause (换唔到。); `policy` a blanket no to money or to the claim (定金不退, 不予受理, 一律不认).

The detector finds the shape only. A refusal is fine when a handover or an alternative follows (我帮您联系,
不过我们可以…, an option or a slot): that is for the rule's `unless:` filters (handover, negated, quoted).
Text is folded first (traditional and Cantonese forms: 唔 -> 不, 冇 -> 没, 我哋 -> 我们); spans are positions
in the original. Cue-gated: a text with no negation and no 自己 costs one regular-expression search.
"""
from __future__ import annotations

from dataclasses import dataclass

from aftersales_std.lint.detectors._text import lazy, word_view
from aftersales_std.lint.detectors.cues import REFUSALS as _CUE

__all__ = ["Refusal", "refusals"]

_G = r"[^。,，!！?？;；:：\s]"
# the agent by a self-name of chat (小妹无法帮您改地址) is "us" as much as 我
_US = r"(?:我们|我|这边|我这边|我们这边|本店|门店|门市|本处|管理处|物业|客服|店铺|公司|我司|本公司|小妹|妹子|小编|小二)"
_VERB = r"(?:改|动|做|办|管|处理|修|退|换|派|送|帮|查|看|弄|搞|操作|安排|解决|补|发|寄)"
# more of what we may not do, after 不能 / 无法 / 无权 (负责, 受理, 变更, 决定, 话事, 理)
_VERB2 = r"(?:负责|受理|变更|更改|干预|决定|做主|话事|认定|通融|答应|同意|支持|理(?!解|由)|" + _VERB[3:]
# "us" also as a company, a branch or an office speaking formally (敝公司, 我司, 分校, 前线)
_US2 = r"(?:敝公司|本公司|我们公司|我司|本行|本所|我们|我|这边|我这边|我们这边|本店|门店|门市|本处|管理处|物业|客服|店铺|公司|小妹|前线|一线|分校)"
_SHAPES = [
    ("inability", lazy(_US + _G + r"{0,4}?(?:也|都|亦|实在|真的|是)?(?:没办法|没法子|没辙|没计|无能为力|"
                             + _VERB + r"(?:不了|不到|不来)|不便" + _VERB + r"|不好" + _VERB + r"|很难办|难办)")),
    ("inability", lazy(r"(?<![您你])(?:就|也|都|实在|真的)?(?:没办法|没法)(?:给您|帮您|为您|给你)" + _VERB)),
    ("inability", lazy(r"(?:过了|超了|超过了|到期了|这样)就(?:没办法|没法|不行)了")),
    ("inability", lazy(r"(?<![您你他她])" + r"(?:派|送|修|退|换|改)(?:不了|不到)(?:的|哦|哈|呢|啦|喔|了)")),
    ("inability", lazy(_US + r"(?:也|都)?(?:看不到|查不到|看不了|查不了)(?:的|哦|哈|呢|啦|喔)?")),
    # we cannot do it for you, said outright: 小妹无法帮您改地址, 妹子这边是不可以为您加急的, 我们是不会给您退款的
    ("inability", lazy(_US + _G + r"{0,3}?(?:是)?(?:不可以|不能|无法|没法|没有办法|(?<=是)不会)(?:给|帮|为|替)(?:您|你)"
                             + r"(?:" + _VERB[3:-1] + r"|取消|备注|修改|申请|加急|退款|开)")),
    # a bare "no way" standing as its own clause: 没办法的哦, …这是机器本身的限制，没办法。
    ("inability", lazy(r"(?:^|(?<=[,，。!！\s]))(?:也|真的|实在|确实)?(?:没办法|没有办法|没辙)(?:的|呢|哦|啦|了|哈|亲|喔)*"
                       r"(?=[,，。!！?？~\s]|$)")),
    # we may not or will not, said outright with no "for you": 我们这边不能处理, 敝公司无法负责, 我司亦无权变更,
    # 我们旅行社没权话事, 我们没得改, 我们不会理的 (not 能不能, a question; not 我们不会收费, a reassurance)
    ("inability", lazy(_US2 + _G + r"{0,5}?(?:也|都|亦|实在|真的|是|就)?(?<![能可会])(?:不能|无法|没法|没有办法|不可以|无权|没权|"
                       r"没有权|没得|不予)(?:再)?" + _VERB2)),
    ("inability", lazy(_US2 + _G + r"{0,5}?(?:也|都|亦|是)?不会(?:再)?(?:理|管|受理|负责|处理)(?:的|了|㗎|啦|喇|哦)*"
                       r"(?=[,，。!！?？~\s]|$)")),
    # cannot, ending its clause: 退不到。 修不了 (not what the customer cannot: 您退不了)
    ("inability", lazy(r"(?<![您你他她])(?:派|送|修|退|换|改|处理|办|做)(?:不了|不到)(?=[,，。!！?？~\s]|$)")),
    ("policy", lazy(r"不退不换|不支持(?:退货|退款|换货|退换|七天无理由|7天无理由|售后)|"
                          r"不在(?:售后|服务|退换|退货)(?:的)?范围")),
    # a blanket no to money or to the claim: 费用不退, 差价不补, 不予受理, 一律不认, 没什么好退的
    ("policy", lazy(r"(?:费用|钱|款项|定金|订金|押金|差价|运费|服务费|手续费)(?:是|一律|概)?不(?:退|补|赔|返还|退还)(?![款货换])"
                    r"|不予(?:受理|支持|处理|退还|退款|退费|赔偿|理赔|认可|采纳|补偿)|一律不(?:认|退|换|赔|管|受理|负责|保)"
                    r"|没(?:什么|啥|有什么)好(?:退|换|赔|补|修)的")),
    # a verdict against the customer, the other half of a refusal: their claim has no ground (您的说法缺乏依据, 您的诉求
    # 于法无据, 这个理由我们不认, 这个要求不太合理, 您所称…并不属实) or our handling was right (我司处理符合规定, 前期处理
    # 不存在不当之处, 前线同事已按既定程序处理，并无不当之处)
    ("verdict", lazy(r"(?:说法|诉求|要求|理由|主张|所称|所述|质疑|投诉)" + _G + r"{0,8}?(?:缺乏(?:事实)?依据|于法无据|没有依据|"
                     r"无据|不成立|站不住脚|不属实|不合理|不太合理|不大合理|不认|不接受|不予(?:支持|受理|采纳|认可))")),
    ("verdict", lazy(r"(?:处理|做法|操作|执行|收费|扣费|计费|流程|程序)[^。!！?？;；]{0,10}?(?:符合(?:相关|有关|国家|公司)?(?:规定|规范|流程|要求)"
                     r"|并无不当|无不当|不存在(?:任何)?(?:不当|违规|过错|过失)|并无(?:过错|违规|过失)|没有(?:任何)?(?:不当|违规|过错))")),
    ("self_help", lazy(r"(?:您|你)(?:要|得|只能|就|可以|需要|还是)?自己(?:去|再|上网|到|拿去|送去)?" + _G
                             + r"{0,10}?(?:就行|就好|就可以|就得|吧|啦|啰|咯)")),
    ("self_help", lazy(r"(?:您|你)(?:要|得|只能)自己(?:去|再|拿去|送去)?(?:送|拿|寄|跟|找|联系|协商|处理|修|买)")),
    ("self_help", lazy(r"(?:您|你)?(?:明天|听日|改天|下次|过两天|晚点)再打(?:来|过来|嚟|电话)(?:啦|吧|咯|喇)")),
]
# A condition (如果…不在保修范围), a question (能不能), or what the customer need not do (不用您自己去) is no refusal.
_NOT_BEFORE = lazy(r"(?:如果|若|假如|万一|要是|是否|如|不用|无需|不必|不需要|用不着|别)$")


# A guess (好像是不在保修范围内的) is uncertain, not a refusal.
_HEDGE = lazy(r"(?:好像|大概|应该|可能|估计|也许)[^。,，!！?？;；\s]{0,3}$")
_PROMISE = lazy(r"\s?(?:先)?(?:百分百|完全|一定)?(?:保证|承诺|打包票|担保|答应)")


@dataclass(frozen=True, order=True)
class Refusal:
    """A refusal at text[start:end]: kind inability, policy or self_help."""
    start: int
    end: int
    text: str
    kind: str


def refusals(text: str) -> list[Refusal]:
    """Every refusal or inability in `text`, in order (no overlaps)."""
    folded, index = word_view(text)
    if _CUE.search(folded) is None:
        return []
    out: list[Refusal] = []
    for kind, shape in _SHAPES:
        for m in shape.finditer(folded):
            s, e = m.span()
            if _NOT_BEFORE.search(folded, max(0, s - 4), s) or _HEDGE.search(folded, max(0, s - 6), s):
                continue
            if _PROMISE.match(folded, e):
                continue  # 没办法保证网速一定到1000M: "I can't promise X" (negation.py's no_promise), no refusal
            if any(r.start < e and s < r.end for r in out):
                continue
            out.append(Refusal(s, e, text[s:e], kind))
    if index is not None:  # words spaced apart: back to positions of the text
        out = [Refusal(index[x.start], index[x.end - 1] + 1, text[index[x.start]:index[x.end - 1] + 1], x.kind)
               for x in out]
    return sorted(out)
