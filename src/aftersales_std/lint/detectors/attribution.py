"""Attribution: a cause of the customer's problem put on somebody else (the customer or a third party).

    >>> [(a.text, a.party) for a in attributions("理赔是保险公司定的，我们只是代理")]
    [('是保险公司定的', 'third_party')]

Clause 4.4 of the communication standard forbids shifting the blame. Lists of blaming sentences do not
carry over to other writers; the shape does. An attribution is, within one clause:

- a cause word (是, 属于, 源于, 由于, 因为, 因, 主要是, 八成是, 可能是 ...), then a **party**, then what went
  wrong or who decides: 是楼上业主家的事, 是精算那边定的, 因快递运力紧张, 售后都是品牌官方负责的,
  是您寄的时候没选对, 十有八九是你们防火墙把端口封了, 源於閣下單位自行改動;
- a third party's say or mishap stated as the reason, with no cause word: 系统不让申请的, 仓库那边不给收,
  二线说了算, 快递暴力分拣; the system deciding by itself: 系统默认作废了, 这个系统自动的哦;
- after a cause word, the customer's step that failed or went too far: 是您设置的时候没开好, 那是您水加得太满了;
- the customer's own omission or slip: 冬天您没放空, 你自己唔小心整親, 孩子自己不够用功, 您下次注意签收时检查;
- the way the product was used as the cause: 属使用不当, 属于日常洗车方式的原因, 系非正常使用导致的损坏.

A party is the customer (您, 你, 阁下, 贵司, 你们, the customer's child or household) or a third party:
a named one (快递, 厂家, 系统, 平台, 保险公司, 物业, 楼上, 天气 ...) or any "X那边 / X方面" (精算那边, 环卫那边).
We (我们, 本店, 这边) are never a party here: owning a cause is what the standard asks for.

The detector finds the shape only; whether the reply then owns the case (我们明天给您补发) is for the rule's
`unless:` filters (owned, negated, quoted). Text is folded first (traditional and Cantonese forms, full
width), so zh-Hant replies are covered; spans are positions in the original text. Cue-gated: a text
without a cause word or a party word costs one regular-expression search.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from aftersales_std.lint.detectors._text import lazy, word_view

__all__ = ["Attribution", "attributions"]

_G = r"[^。,，!！?？;；:：\s]"  # a character inside one clause (a space ends a clause in unpunctuated chat)
_CAUSE = (r"(?:是|系|属于|属|源于|源自|由于|因为|因|归因于|主要是|全是|都是|多半是|八成是|估计是|可能是|应该是|"
          r"就是|纯属|十有八九是)")
_CUSTOMER = r"(?:您|你|阁下|贵司|贵院|贵单位)(?:们)?(?:自己|本人|家|家里|那边|这边|单位|的孩子|孩子|当时|之前)?"
_CHILD = r"(?:孩子|小孩|宝宝|家人)"
_THIRD = (r"(?:快递公司|物流公司|快递员|快递|物流|骑手|配送员|驿站|厂家|厂商|原厂|厂方|工厂|生产商|制造商|品牌官方|品牌方|"
          r"供应商|仓库|系统|电脑|平台|后台|总部|上面|上头|财务|技术部|研发|二线|保险公司|银行|运营商|电信|代理商|经销商|"
          r"物业|业主|楼上|邻居|房东|酒店|民宿|车管所|环卫|航司|航空公司|地接|商场|卖场|天气|老天爷|"
          # more third parties from a word list written by an independent writer (session 12)
          r"零配件供应商|上游供应商|台湾大哥大|城市售票网|大楼管理员|天然气公司|屋苑管理处|市场监管局|海外供应商|物业管理处|电池供应商|短信服务商|第三方商家|第三方插件|第三方支付|第三方维修|网约车平台|自来水公司|芯片供应商|配件供应商|防沉迷系统|上级部门|中华电信|中华邮政|中国电信|中国移动|中国联通|中国邮政|主办单位|云服务商|交通管制|京东物流|代驾司机|供暖公司|保险经纪|催收公司|公估公司|其他顾客|分拨中心|发证机构|合作院校|国家电网|地铁公司|外包公司|外卖平台|外卖骑手|大考中心|审核机制|小区宽带|市政施工|市政管网|应用商店|微信支付|恶劣天气|手机厂商|支付机构|支付通道|收单机构|政府部门|教育部门|新竹物流|有线电视|机票代理|检测机构|楼上住户|楼上单位|水务公司|消防部门|清关公司|游戏厂商|热力公司|煤气公司|燃气公司|物业公司|瓦斯公司|电力公司|电商平台|电梯公司|电讯盈科|的士司机|监管部门|票务平台|签证中心|系统升级|系统故障|维保公司|考试中心|自然灾害|航空管制|菜鸟驿站|装修公司|装修师傅|装维师傅|转运公司|道路救援|铁塔公司|铁路部门|风控系统|香港邮政|业委会|中间商|主机厂|乘务员|代工厂|住建局|供电局|保监局|修理厂|健保署|充电桩|入境处|八达通|公安局|出版社|分包商|分销商|前租客|加盟商|包工头|区公所|医保局|医管局|卫福部|发卡行|发行方|合作商|合作方|地接社|外卖员|外送员|学信网|定损员|实施方|居委会|屋宇署|工信部|年检站|康文署|开户行|快递柜|承办商|承包商|承运商|拼多多|教育局|教育部|施工方|施工队|旅发局|旅行社|服务商|材料商|民航处|民航局|水务署|消保处|消委会|渠道商|电讯商|监理站|研发商|第三方|管委会|管理处|维修厂|考评局|腾讯云|药监局|街道办|运输署|送餐员|通传会|金管会|金管局|铁路局|阿里云|上游|中通|丰巢|九巴|京东|代练|保司|判头|医生|华航|台水|台电|台铁|台风|国泰|圆通|城管|塔台|外教|天猫|央行|安检|工人|工头|工班|护士|拓元|携程|政府|暴雨|暴雪|机组|校方|海关|消协|淘宝|物管|电网|空管|腾讯|艺人|药厂|药店|虾皮|警方|谷歌|货代|车厂|车房|车队|边检|远传|邮政|里长|银联|长荣|门卫|院线|顺丰|风控|飞猪|黑客|[\u4e00-\u9fff]{1,4}(?:那边|方面))")
# What went wrong, or who decides, said of a party.
_THIRD_SAYS = (r"(?:的|之)(?:问题|事情|事(?![务实项宜物件业])|原因|因素|责任|锅|错|过失|失误|疏忽)"
               r"|问题|原因|因素|责任|过失|失误|疏忽|造成|导致|引起|所致|弄的|搞的|"
               r"(?:规定|决定|定|设定)的|自动\S{0,3}?(?:算|判|扣|生成|设置|选)的|负责的?|管的|说了算|不让|不给|不收|不批|"
               r"不同意|不允许|不肯|紧张|爆仓|延误|延迟|太慢|太忙|拥堵|暴力|粗暴|出错|弄丢|搞丢|弄坏|压坏|摔坏|丢件|漏发|发错|"
               r"搞错|弄错")
_SLIP = (r"(?:没|没有|未|忘了?|忘记)(?:选对|放空|拧紧|调好|看清楚?|检查|注意(?!到)|仔细|按|验货|关好|插好|装好|"
         r"保存|备份|清洗|清理|及时)|不小心|自行改|擅自|私自|(?:加|放|装|灌|充)\S{0,3}?超(?:过|出)|用错|装错|接错|插错|"
         r"弄坏|摔(?!倒)|泡水|拆过|改动")
# After a cause word the customer's act may be any change (是你们防火墙把端口封了), a step whose result failed
# (是您设置的时候没开好, 是你儿子装的时候没拧牢) or one done too much (是您水放得太满了, 是你骑太快):
# 是 + the customer + a verb with its result is a cause put on the customer, whatever the verb.
_ACT = (_SLIP + r"|把" + _G + r"{1,6}(?:封|关|拔|删|改|拆)"
        r"|没有?[\u4e00-\u9fff](?:好|对|紧|牢|稳|到位)|[\u4e00-\u9fff]得?太[\u4e00-\u9fff]")
_USE = (r"(?:非正常|日常|个人)?(?:使用|操作|保养|保管|安装|洗车|驾驶|用法|清洁)(?:端|者)?(?:的)?(?:方式|方法|习惯)?"
        r"(?:之|的)?(?:不当|有误|错误|因素|原因|问题|引起|导致|造成|所致)")

_CAUSE_RE = re.compile(_CAUSE)
_PARTY_WORD = re.compile(r"您|你|阁下|贵|孩子|小孩|宝宝|家人")
_USE_WORD = re.compile(r"使用|操作|保养|保管|安装|洗车|驾驶|用法|清洁")
# The opening of the second shape (a cause word, then the customer) as its gate: a search of it starts only
# at a cause word's first character, where the shape (whose party words are groups) is tried everywhere.
_CAUSE_CUSTOMER = re.compile(_CAUSE + r"(?:因为|由于)?(?:您|你|阁下|贵)")
# The fourth shape ends in a slip (没选对, 不小心, 用错 ...): its first characters, then the slip itself.
_SLIP_START = re.compile(r"[没未忘不自擅私加放装灌充用接插弄摔泡拆改]")
_SLIP_RE = re.compile(_SLIP)
# (party, shape, gate, more gates): a shape is tried only where each of its gates (a cheap search) finds
# something; most shapes have one
_SHAPES = [
    ("third_party", lazy(_CAUSE + r"(?:因为|由于)?" + _THIRD + _G + r"{0,8}?(?:" + _THIRD_SAYS + ")"), _CAUSE_RE, ()),
    ("customer", lazy(_CAUSE + r"(?:因为|由于)?" + _CUSTOMER + _G + r"{0,10}?(?:" + _ACT
                            + r"|(?:自己)(?:的)?(?:问题|原因|责任|错)|(?:的)?(?:原因|责任|过错|过失|失误))"),
     _CAUSE_CUSTOMER, ()),
    ("third_party", lazy(r"(?<![是系为给跟和与对向让被把])" + _THIRD + r"(?:不让|不给|不收|不批|不同意|不允许|"
                               r"不肯|说了算|暴力|粗暴)"), re.compile(r"不让|不给|不收|不批|不同意|不允许|不肯|说了算|暴力|粗暴"), ()),
    # the system decides, with no cause word: 系统默认作废了, 这个系统自动的哦, 系统已经锁定了 (not 系统会自动…, how an order is processed)
    ("third_party", lazy(r"(?<![是系为给跟和与对向让被把])(?:系统|后台|电脑)(?:是|都是|已经|已)?(?:根据" + _G
                               + r"{1,8}?)?(?:自动|默认|不允许|不让|锁定)"), re.compile(r"自动|默认|不允许|不让|锁定"), ()),
    ("customer", lazy(r"(?:" + _CUSTOMER + r"|" + _CHILD + r")" + _G + r"{0,8}?(?<![不别])(?:" + _SLIP + r")"),
     _SLIP_START, (_SLIP_RE, _PARTY_WORD)),
    ("customer", lazy(r"(?:" + _CUSTOMER + r"|" + _CHILD + r")自己(?:不够|不小心|没|没有|不)"), re.compile("自己"), ()),
    ("customer", lazy(r"(?:您|你)(?:们)?下次(?:注意|记得|小心|留意)"), re.compile("下次"), ()),
    ("use", lazy(r"(?:是|系|属于|属|源于)" + _G + r"{0,8}?" + _USE), _USE_WORD, ()),
]
# The first gate of every shape after the second, as one search (the slip's first characters written out one
# by one, so that every alternative starts with a character and a search skips ahead to them): where it finds
# nothing, none of those shapes is tried.
_LATER = _SHAPES[2:]
_LATER_GATE = re.compile("|".join("|".join(g.pattern[1:-1]) if g.pattern.startswith("[") else g.pattern
                                  for _party, _shape, g, _more in _LATER))  # a class: plain characters only
_FIRST = _SHAPES[:2]
# For many texts at once (lint.matchers.matched_many): one of these finds something in the word view of every
# text in which `attributions` finds something. The first two shapes themselves (their gates, a cause word, are
# in most replies), then _LATER_GATE, which `attributions` requires before it tries any later shape. None of
# them matches a line break or looks for one around it, so they can be searched in the word views of many
# texts joined by "\n".
BATCH_GATES = (_SHAPES[0][1], _SHAPES[1][1], _LATER_GATE)
_CUE = re.compile(r"是|系|属|源于|因|您|你|阁下|贵|孩子|宝宝|家人|那边|方面|快递|物流|厂|系统|平台|仓库|二线|上面|骑手|"
                  r"天气|楼上|物业|业主")
# A question or an instruction is no attribution (请问您之前有没有拆过, 麻烦您先…).
_ASKS = re.compile(r"有没有|是否|有无|请问|请您|麻烦|建议|可以|需要|只需")
# A condition or the customer's own choice among options is no attribution (如果是您寄的时候没选, 您可以选).
_HEDGED = re.compile(r"(?:可能|应该|也许|或许|大概)$")
_NOT_BEFORE = re.compile(r"(?:如果|若|假如|万一|(?<!主)要是|如|假设|是否|是不是)$")


@dataclass(frozen=True, order=True)
class Attribution:
    """A cause put on `party` (customer, third_party, use) at text[start:end]."""
    start: int
    end: int
    text: str
    party: str


def attributions(text: str) -> list[Attribution]:
    """Every attribution of a cause to the customer or a third party in `text`, in order (no overlaps)."""
    folded, index = word_view(text)
    if _CUE.search(folded) is None:
        return []
    found: list[Attribution] = []
    for party, shape, gate, more in _FIRST + _LATER if _LATER_GATE.search(folded) else _FIRST:
        if gate.search(folded) is None or (more and any(g.search(folded) is None for g in more)):
            continue
        for m in shape.finditer(folded):
            s, e = m.span()
            if party != "use" and _NOT_BEFORE.search(folded, max(0, s - 3), s):
                continue
            if party == "customer" and _ASKS.search(folded, max(0, s - 2), e):
                continue
            if party == "use" and _HEDGED.search(folded, max(0, s - 3), s):
                continue  # 可能系安装问题: a guess at the cause (uncertain), not blame
            if any(a.start < e and s < a.end for a in found):
                continue
            found.append(Attribution(s, e, text[s:e], party))
    if index is not None:  # words spaced apart: back to positions of the text
        found = [Attribution(index[x.start], index[x.end - 1] + 1, text[index[x.start]:index[x.end - 1] + 1], x.party)
                 for x in found]
    return sorted(found)
