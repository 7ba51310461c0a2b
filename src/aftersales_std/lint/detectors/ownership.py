"""Ownership and remedy: a named owner doing a concrete action, optionally by a concrete time.

    >>> [(o.owner, o.action, o.time) for o in ownerships("这是物流的原因，我们明天上午给您补发")]
    [('我们', '补发', '明天上午')]

Clause 4.3 and 4.5 of the communication standard ask a reply to say who does what (and by when). A rule
can accept a stated cause that is followed by ownership ("是仓库发错了，我今天下午给您重新寄出"), or a
hedge followed at once by a concrete remedy, if it can ask: is there, in the text or in a window after a
position, an owner
- the agent or the company: 我, 我们, 我这边, 这边, 咱们, 我司, 本店;
- a named person or role: 王工, 李师傅, 小张, 工程师, 维修师傅, 客服专员小李, 主管;
- a department: 财务部, 售后部, 仓库, 维修中心, 质检组;
followed in the same clause (at most 12 characters later) by a concrete action: 安排, 寄出, 补发, 上门, 退款,
更换, 回电, 核实, 检测, 维修, 赔付, 开票 ... Vague verbs are not remedies (处理, 跟进, 看看, 研究, 考虑, 反映,
催, 协调, 争取), nor is an action behind a hedge (尽量, 争取, 看能不能, 可能, 应该), one the customer is asked
to do (建议您, 请您, 需要您, 麻烦您) or a negated one (我们不会退款; see `negation`). The concrete time of the
sentence, if any (see `concrete_time`; in the action's clause or a later one, the nearest first), comes with it;
马上 / 即刻 after an undated event (零件一到我们马上通知您, 有消息马上联系您) is no time. An owner
is whole words (小程序 holds no 小程) and not an object (跟我们, 给师傅).

Text is folded (traditional, Cantonese 我哋 -> 我们, full width); spans are the original's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from aftersales_std.lint.detectors._text import kept, lit, spaced_out, tokens
from aftersales_std.lint.detectors.clauses import clauses, sentences
from aftersales_std.lint.detectors.concrete_time import concrete_times
from aftersales_std.lint.detectors.negation import is_negated, negations

__all__ = ["Ownership", "ownerships", "has_ownership", "remedies"]

_SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔汤"
_ROLES = ["工程师", "师傅", "技术员", "技术人员", "专员", "主管", "经理", "店长", "同事", "质检员", "快递员", "安装工",
          "维修员", "售后专员", "客服专员", "专属客服", "组长", "值班经理"]
_SELF = ["我们这边", "我这边", "我们公司", "我们团队", "我们", "我", "咱们", "我司", "本店", "本公司", "这边", "本人"]
_OWNER = re.compile(
    rf"(?P<owner>{lit(_SELF)}"
    rf"|(?:维修|安装|上门|售后|技术|客服|我们的|我们)?{lit(_ROLES)}(?:[小老][{_SURNAMES}])?"
    rf"|[{_SURNAMES}](?:工|师傅|经理|主管|总|老师|专员)|小[{_SURNAMES}]"
    rf"|(?:财务|售后|客服|物流|质检|技术|维修|仓储|发货|退款)(?:部门?|中心|组)|仓库|门店|维修中心|售后中心|服务中心)"
)
ACTIONS = ["安排", "寄出", "寄给", "寄过去", "发出", "发货", "补发", "重发", "重新寄", "重新发", "发给", "上门", "退款",
           "退还", "退回给", "返还", "更换", "换新", "调换", "给您换", "帮您换", "回电", "致电", "打电话", "联系您",
           "核实", "核查", "检测", "检查", "维修", "修好", "补偿", "赔付", "赔偿", "办理", "提交", "登记", "派单",
           "开具", "开票", "取件", "送达", "送到", "送货", "安装", "报销", "转账", "打款", "审核", "确认", "查询",
           "退差价", "补差价", "回复您", "答复您", "通知您", "发送", "寄送", "恢复", "修复", "重置", "升级", "绑定",
           "补寄", "退回", "赔给", "预约了", "约好了"]
_ACTION = re.compile(lit(ACTIONS))
_HEDGE = re.compile(r"尽量|争取|尽力|试试|尝试|试着|看能不能|看看能否|看看|可能|应该|也许|或许|考虑|研究|申请看看")
_CUSTOMER_DOES = re.compile(r"(?:建议|请|需要|麻烦|劳烦|让|要|得)您|您(?:需要|要|得|可以|自己)")
_GAP = 12
# 一到 / 到了 / 有消息 ... 马上: "at once" after an event nobody can date is no time.
_TRIGGER = re.compile(r"一到|到了|到货|有消息|有结果|有回复|有回覆|出来后|出来之后|处理完|排好|确定后|批下来")
_TAKES_OWNER = set("跟和与对给帮替让被向找叫把同及由")


@dataclass(frozen=True, order=True)
class Ownership:
    """An owner text[owner_start:owner_end] doing an action text[action_start:action_end], maybe by `time`."""
    owner_start: int
    owner_end: int
    action_start: int
    action_end: int
    owner: str
    action: str
    time: str | None


def ownerships(text: str, start: int = 0, end: int | None = None) -> list[Ownership]:
    """Every owner + concrete action whose owner starts in text[start:end], in order."""
    squeezed = spaced_out(text)
    if squeezed is not None:  # words spaced apart (a tokeniser's output): find them without the spaces
        short, index = squeezed
        lo = next((k for k, i in enumerate(index) if i >= start), len(index))
        hi = len(index) if end is None else next((k for k, i in enumerate(index) if i >= end), len(index))
        back = lambda k: index[k] if k < len(index) else len(text)  # noqa: E731
        return [Ownership(back(o.owner_start), back(o.owner_end - 1) + 1, back(o.action_start),
                          back(o.action_end - 1) + 1, text[back(o.owner_start):back(o.owner_end - 1) + 1],
                          text[back(o.action_start):back(o.action_end - 1) + 1], o.time)
                for o in ownerships(short, lo, hi)]
    folded = kept(text)
    stop = len(text) if end is None else min(end, len(text))
    if not _OWNER.search(folded, start, stop) or not _ACTION.search(folded, start):
        return []
    parts = clauses(text)
    scopes = negations(text)
    whole = sentences(text)
    times = concrete_times(text)
    out: list[Ownership] = []
    bounds = {a for _, a, _ in tokens(folded)} | {len(folded)}
    for owner in _OWNER.finditer(folded, start, stop):
        clause = next((c for c in parts if c.start <= owner.start() < c.end), None)
        if clause is None or owner.start() not in bounds or owner.end() not in bounds:
            continue  # 小程序 holds no 小程
        if owner.start() > 0 and folded[owner.start() - 1] in _TAKES_OWNER:
            continue  # 跟我们, 给师傅: an object, not the one who acts
        if owner.start() > 0 and folded[owner.start() - 1] in "您你":
            continue  # 您本人, 您这边: the customer, not us
        limit = min(clause.end, owner.end() + _GAP)
        action = _ACTION.search(folded, owner.end(), limit)
        if action is None:
            continue
        gap = folded[owner.end():action.start()]
        if _HEDGE.search(gap) or _CUSTOMER_DOES.search(gap) or _OWNER.fullmatch(gap.strip()):
            continue
        if is_negated(text, action.start(), action.end(), scopes) or folded.startswith("的", action.end()):
            continue  # 我们不会退款; 师傅上门的时间 (a noun, not an action)
        sentence = next((s for s in whole if s.start <= action.start() < s.end), clause)
        near = sorted((t for t in times if clause.start <= t.start < sentence.end),
                      key=lambda t: (not clause.start <= t.start < clause.end, abs(t.start - action.start())))
        trigger = _TRIGGER.search(folded, sentence.start, action.start())
        near = [t for t in near if not (t.kind == "immediate" and trigger)]
        when = near[0].text if near else None
        out.append(Ownership(owner.start(), owner.end(), action.start(), action.end(),
                             text[owner.start():owner.end()], text[action.start():action.end()], when))
    return out


def has_ownership(text: str, start: int = 0, end: int | None = None, need_time: bool = False) -> bool:
    """Whether text[start:end] holds an owner doing a concrete action (with a concrete time if `need_time`)."""
    return any(o.time or not need_time for o in ownerships(text, start, end))


# A remedy given to the customer with no owner named (the agent speaks): 已为您申请 20 元补偿, 给您免费更换, 免费上门维修,
# 为您补发, 退款已原路退回, or the fault owned outright (责任在我司). Vague verbs (处理, 跟进, 看看) are no remedy, nor is a remedy the customer is told to seek.
_REMEDY = re.compile(
    r"(?:为|给|帮|替|向)您(?:免费|重新|先|直接|全额)?(?:申请|办理|安排)?[^。,，!！?？;；]{0,8}?"
    r"(?:补发|补寄|重发|补偿|赔偿|赔付|退款|退还|换新|更换|调换|维修|修好|上门|寄出|退差价|补差价|免单|减免|返还|报销)"
    r"|免费(?:为您|给您|帮您)?(?:维修|更换|换新|上门|检测|补发|重发|寄回|安装)"
    r"|(?:补偿|赔偿|退款)[^。,，!！?？;；\s]{0,4}(?:已|已经)(?:到账|退回|原路|发放|打到)"
    r"|(?:由|是)?(?:我们|我方|我司|本店|本公司|公司)(?:来|全额|全部)?(?:承担|负责(?:赔偿|维修|更换|处理费用|运费)?|买单)"
    r"|(?:已|已经)(?:为您|给您)?(?:寄出|发出|补发|重新发出|退款|退回|原路退回|安排)"
    # the fault owned outright: 责任在我司, 责任由本公司承担, 这是我们的疏失
    r"|责任(?:在|由|归|属于?)(?:我们|我方|我司|本店|本公司|本司|公司|我)"
    r"|(?:是|系|属|属于)(?:我们|我方|我司|本店|本公司|本司)(?:的|之)?(?:责任|疏失|失误|过失|疏忽)")
_ASKED = re.compile(r"(?:请|建议|需要|麻烦|可以|得|要)您(?:自己|自行)?$|您(?:自己|自行)$")


def remedies(text: str) -> list[tuple[int, int]]:
    """Spans of remedies given to the customer by us without a named owner (已为您申请 20 元补偿, 免费上门维修),
    not negated (不能为您退款) and not asked of the customer (请您自行更换)."""
    squeezed = spaced_out(text)
    if squeezed is not None:  # words spaced apart: find them without the spaces
        short, index = squeezed
        return [(index[s], index[e - 1] + 1) for s, e in remedies(short)]
    folded = kept(text)
    if not _REMEDY.search(folded):
        return []
    scopes = negations(text)
    out = []
    for m in _REMEDY.finditer(folded):
        if _ASKED.search(folded, max(0, m.start() - 6), m.start()) or is_negated(text, m.start(), m.end(), scopes):
            continue
        out.append(m.span())
    return out
