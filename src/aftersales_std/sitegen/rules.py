"""The lint-rule reference: one section per rule with its message, the clauses it enforces and examples."""
from __future__ import annotations

from aftersales_std.lint.rules.explain import describe, lines_zh
from aftersales_std.lint.rules.spec import spec_of
from aftersales_std.model import RuleDoc
from aftersales_std.sitegen import markup as md
from aftersales_std.sitegen.context import RULES, SiteContext, clause_anchor, rel, standard_path

SEVERITY = {"error": "错误", "warning": "警告", "suggestion": "建议", "off": "默认关闭（在 aftersales.yaml 的 lint.severity 中开启）"}
KIND = {"existence": "出现即报", "substitution": "替换", "conditional": "条件", "model": "模型判断（按整句评分）"}


def rules_page(ctx: SiteContext) -> str:
    rules = sorted(ctx.model.rules, key=lambda r: r.code)
    out = [md.front_matter(title="措辞规则"), "# 措辞规则\n\n",
           "`aftersales lint` 按这些规则检查回复模板和聊天记录中的措辞。"
           "术语库中标为“不要使用”的写法也会被自动检查，并建议改用首选术语。\n\n"]
    if not rules:
        out.append("暂无措辞规则。\n")
    out += [_rule(r, ctx) for r in rules]
    return "".join(out)


def _ref(ref: str, ctx: SiteContext) -> str:
    std_id, _, number = ref.partition(":")
    std = ctx.model.standard(std_id)
    if std is None:
        return md.text(ref)
    clause = std.clause(number)
    label = f"{std.title.get('zh-Hans')} {number}" + (f" {clause.title.get('zh-Hans')}" if clause else "")
    return md.link(label, rel(RULES, standard_path(std_id)) + "#" + clause_anchor(number))


def _rule(rule: RuleDoc, ctx: SiteContext) -> str:
    """One rule, from its typed spec and lint/rules/explain.py: what `aftersales rules CODE` says, in Chinese."""
    spec = spec_of(rule)
    how = describe(spec, ctx.model.glossary)
    message = rule.message.get("zh-Hans").replace("{match}", "…").replace("{replacement}", "…").replace("{evidence}", "…")
    out = [md.heading(2, f"{rule.code} {rule.name}", rule.code.lower()),
           f"**{SEVERITY.get(rule.severity, md.text(rule.severity))}** · {KIND.get(rule.kind, md.text(rule.kind))}"
           f" · {md.text(message)}\n\n"]
    if rule.refs:
        out.append("依据：" + "、".join(_ref(r, ctx) for r in rule.refs) + "\n\n")
    if spec.phrases:
        out.append("检查的说法：" + "、".join(f"「{md.text(p)}」" for p in spec.phrases) + "\n\n")
    looks, fine = lines_zh(how)
    if looks:
        out.append("另外检查：" + "；".join(md.text(x) for x in looks) + "\n\n")
    if fine:
        out.append("以下情况不报：\n\n" + md.bullets(md.text(x) for x in fine))
    suggest = spec.suggest.get("zh-Hans")
    if suggest:
        out.append(f"建议说法：「{md.text(suggest)}」\n\n")
    if spec.examples.get("bad"):
        out.append("**不合格示例**\n\n" + md.bullets(f"✗ {md.text(e)}" for e in spec.examples["bad"]))
    if spec.examples.get("good"):
        out.append("**合格示例**\n\n" + md.bullets(f"✓ {md.text(e)}" for e in spec.examples["good"]))
    return "".join(out)
