"""What a rule looks for and what makes a match fine, read off its spec: one account for every place
that shows a rule (`aftersales rules CODE`, the site's rule reference), so they say what the linter runs.

`describe(spec, glossary)` gives a `How`; `lines_en(how)` and `lines_zh(how)` word it. Filters,
detectors and matchers are named in `LABELS`; a name missing there is shown as its bare name (and
tests/lint/test_lint_explain.py fails, so that a new filter gets its words).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aftersales_std.lint.rules.spec import RuleSpec

if TYPE_CHECKING:
    from aftersales_std.model import Glossary

__all__ = ["How", "LABELS", "describe", "label", "lines_en", "lines_zh"]

Named = tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]

# name -> (English, 简体): filters (`unless:`), condition detectors and matchers
LABELS: dict[str, tuple[str, str]] = {
    "negated": ("inside a negation's scope (不用您去找厂家)", "在否定的范围内（如“不用您去找厂家”）"),
    "quoted": ("in quoted or restated customer words", "在引号里，或是复述客户的原话"),
    "owned": ("we own it and give a remedy nearby (who, what, when)",
              "由我们承担并给出补救（谁来做、做什么、什么时候）"),
    "concrete_offer": ("followed at once by concrete options or a confirmed slot",
                       "紧接着给出具体的选项或已确认的时段"),
    "concrete_time": ("a concrete time or deadline (3个工作日内, 周五前, 18:00)",
                      "有具体的时间点或期限（如“3 个工作日内”“周五前”“18:00”）"),
    "cause_then_action": ("a cause stated as fact, then a firm action by us",
                          "说明客观原因后，紧接着有我们明确的处理动作"),
    "remedied": ("we own it, or a remedy is already given (已为您申请 20 元补偿, 由我们承担)",
                 "由我们承担，或已经给出补救（如“已为您申请 20 元补偿”“由我们承担”）"),
    "handover": ("after a no, what we do instead: our next step, another way, a way back to us, options or a price",
                 "拒绝之后说明我们接下来怎么做：下一步、其他办法、随时联系我们的方式、选项或付费方案"),
    "checking_now": ("a wait while the agent looks it up in the chat (请稍等 正在为您核实)",
                     "客服正在当场查询时请客户稍等（如“请稍等，正在为您核实”）"),
    "polite_closing": ("a promise answering an invitation to get in touch (有问题随时找我 我第一时间给您解决)",
                       "回应“有问题随时联系”的结束语中的承诺（如“有问题随时找我，我第一时间给您解决”）"),
    "cannot_promise_but": ("\"I can't promise X, but\" followed by a concrete step of ours",
                           "“不能保证……，但……”之后紧跟我们的具体动作"),
    "attribution": ("a cause put on the customer or a third party (是快递弄丢的, 您使用不当)",
                    "把原因推给客户或第三方（如“是快递弄丢的”“是您使用不当”）"),
    "commitments": ("a promise to act with nothing in it, or tied to an undated event (帮您跟进哈, 等厂家回复后再说)",
                    "没有内容的承诺，或挂在没有日期的事件上（如“帮您跟进哈”“等厂家回复后再说”）"),
    "refusals": ("we cannot, a blanket no, the customer left to do it alone, or their claim ruled groundless "
                 "(这个没办法, 您自己联系厂家, 您的说法缺乏依据)",
                 "直接说办不到、一口回绝、让客户自己去办，或判定客户的诉求不成立（如“这个没办法”“您自己联系厂家”“您的说法缺乏依据”）"),
    "normalising": ("the problem called normal or usual (这是正常现象, 都这样)",
                    "把问题说成正常或普遍（如“这是正常现象”“都这样”）"),
    "codes": ("internal codes and abbreviations not explained on the spot (status codes, fault codes, T+1)",
              "未当场解释的内部代码和缩写（如状态码、故障码、T+1）"),
    "process_words": ("internal process words by their shape, not explained on the spot (二线, 二级工单, 异常件, 三方验收, 返回码51)",
                      "未当场解释的内部流程用语（按构词识别，如“二线”“二级工单”“异常件”“三方验收”“返回码51”）"),
}

_SCOPE_EN = {"clause": "clause", "sentence": "sentence", "reply": "reply", "window": "window"}
_SCOPE_ZH = {"clause": "分句", "sentence": "句", "reply": "整条回复", "window": "字"}
_GLOSSARY_ZH = {"deprecated": "术语库中标为“不要使用”的写法", "superseded": "已被取代的概念的名称",
                "regional": "台湾、香港用语出现在简体文本中", "in-house": "术语库中标为内部用语（in_house）的说法"}


@dataclass(frozen=True)
class How:
    phrases: tuple[str, ...]
    patterns: int
    matchers: tuple[str, ...]
    glossary: tuple[str, ...]  # deprecated | superseded | regional | in-house: where derived substitutions come from
    glossary_phrases: int  # how many phrases the glossary adds
    exceptions: int
    condition_words: int  # condition tokens + patterns
    condition_detectors: Named
    condition_inherit: tuple[str, ...]
    scope: str
    before: int
    after: int
    has_condition: bool
    unless: Named


def describe(spec: RuleSpec, glossary: Glossary | None = None) -> How:
    """The spec's account; `glossary` counts the substitutions the glossary adds (as compile_docs does)."""
    added = 0
    if spec.glossary and glossary is not None:
        from aftersales_std.lint.text.fold import fold
        from aftersales_std.lint.rules import glossary_swaps
        seen: set[str] = set()
        for which in spec.glossary:
            seen |= {fold(p) for p in glossary_swaps(glossary, which)[0]}
        added = len(seen - {fold(p) for p in spec.swap})
    cond = spec.condition
    return How(
        phrases=spec.phrases, patterns=len(spec.patterns), matchers=spec.matchers, glossary=spec.glossary,
        glossary_phrases=added, exceptions=len(spec.exceptions),
        condition_words=len(cond.tokens) + len(cond.patterns) if cond else 0,
        condition_detectors=cond.detectors if cond else (), condition_inherit=cond.inherit if cond else (),
        scope=cond.scope if cond else "", before=cond.before if cond else 0, after=cond.after if cond else 0,
        has_condition=cond is not None, unless=spec.unless)


def label(name: str, lang: str = "en") -> str:
    pair = LABELS.get(name)
    return name if pair is None else pair[0 if lang == "en" else 1]


def _named(items: Named) -> str:
    """negated, owned (scope=sentence, after=1): named detectors or filters as the rule file gives them."""
    return ", ".join(name + (" (" + ", ".join(f"{k}={v}" for k, v in args) + ")" if args else "")
                     for name, args in items)


def lines_en(how: How) -> list[str]:
    """`aftersales rules CODE`: the names as the rule file writes them."""
    out = []
    looks = []
    if how.phrases:
        looks.append(f"{len(how.phrases)} phrases")
    if how.glossary_phrases:
        looks.append(f"{how.glossary_phrases} phrases from the glossary ({', '.join(how.glossary)})")
    if how.patterns:
        looks.append(f"{how.patterns} patterns")
    if how.matchers:
        looks.append("detectors: " + ", ".join(how.matchers))
    if looks:
        out.append("looks for: " + "; ".join(looks))
    fine = []
    if how.exceptions:
        fine.append(f"{how.exceptions} exception patterns")
    if how.has_condition:
        parts = []
        if how.condition_words:
            parts.append(f"{how.condition_words} condition patterns")
        if how.condition_detectors:
            parts.append("detectors " + _named(how.condition_detectors))
        if how.condition_inherit:
            parts.append("the condition of " + ", ".join(how.condition_inherit))
        fine.append(" or ".join(parts) + f" in its {_SCOPE_EN.get(how.scope, how.scope)} "
                    f"(before {how.before}, after {how.after})")
    if how.unless:
        fine.append("unless (in order): " + _named(how.unless))
    if fine:
        out.append("fine when: " + "; ".join(fine))
    return out


def _where_zh(scope: str, before: int, after: int) -> str:
    if scope == "window":
        return f"前后 {before} 字内" if before == after else f"前 {before} 字到后 {after} 字内"
    unit = _SCOPE_ZH.get(scope, scope)
    if scope == "reply":
        return "整条回复中"
    around = []
    if before:
        around.append(f"前 {before} {unit}")
    if after:
        around.append(f"后 {after} {unit}")
    return f"同一{unit}" + ("及" + "、".join(around) if around else "") + "中"


def lines_zh(how: How) -> tuple[list[str], list[str]]:
    """The site's rule reference: (what it checks besides the listed phrases, when a match is fine)."""
    looks = []
    if how.glossary:
        looks.append("术语库派生的说法：" + "、".join(_GLOSSARY_ZH.get(w, w) for w in how.glossary)
                     + (f"（共 {how.glossary_phrases} 个）" if how.glossary_phrases else ""))
    if how.patterns:
        looks.append(f"{how.patterns} 个句式（按结构匹配，不限于上面列出的说法）")
    for name in how.matchers:
        looks.append("按形态检查：" + label(name, "zh-Hans"))
    fine = []
    if how.has_condition:
        where = _where_zh(how.scope, how.before, how.after)
        for name, args in how.condition_detectors:
            fine.append(where + label(name, "zh-Hans"))
        if how.condition_words:
            fine.append(where + f"有规则列出的 {how.condition_words} 种补充说明之一")
        if how.condition_inherit:
            fine.append(where + "满足 " + "、".join(how.condition_inherit) + " 的条件")
    for name, args in how.unless:
        fine.append(label(name, "zh-Hans"))
    if how.exceptions:
        fine.append(f"属于 {how.exceptions} 种已知的合格用法之一（见下方合格示例）")
    return looks, fine
