"""One page per service standard: scope, params, clauses with RACI and records, KPIs, roles, mappings."""
from __future__ import annotations

import re

from aftersales_std.model import Clause, Localized, Standard
from aftersales_std.sitegen import markup as md
from aftersales_std.sitegen.context import STATUS, SiteContext, clause_anchor, concept_path, rel, standard_path

MODALITY = {"shall": "应", "should": "宜", "may": "可"}
RACI = {"R": "负责（R）", "A": "批准（A）", "C": "咨询（C）", "I": "知会（I）"}
FREQUENCY = {"daily": "每日", "weekly": "每周", "monthly": "每月", "quarterly": "每季度", "yearly": "每年",
             "per-case": "每单"}
MAPS_TO = {"iso9001": "ISO 9001:2015 质量管理体系 要求", "iso10002": "ISO 10002:2018 顾客满意 投诉处理指南",
           "iso10004": "ISO 10004:2018 顾客满意 监视和测量指南", "gbt27922": "GB/T 27922-2011 商品售后服务评价体系"}
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def _fill(value: str, std: Standard) -> str:
    """Clause text with {{ param }} replaced by the param's value and unit."""
    def repl(m: re.Match[str]) -> str:
        p = std.params.get(m.group(1))
        return md.quantity(p.value, p.unit) if p else m.group(0)
    return _PLACEHOLDER.sub(repl, value)


def _t(loc: Localized, std: Standard, lang: str = "zh-Hans") -> str:
    return md.text(_fill(loc.get(lang), std))


def standard_page(std: Standard, ctx: SiteContext) -> str:
    page = standard_path(std.id)
    title = std.title.get("zh-Hans")
    facts = [["编号", md.text(std.code or "")], ["版本", md.text(std.version)],
             ["状态", STATUS.get(std.status, md.text(std.status))], ["生效日期", md.text(std.effective_date or "")],
             ["English", md.text(std.title.get("en"))]]
    out = [md.front_matter(title=md.attr(title)), f"# {md.text(title)} {{ #standard }}\n\n",
           md.table(["项目", "内容"], [r for r in facts if r[1]]),
           md.heading(2, "范围", "scope"), _t(std.scope, std) + "\n\n"]
    if std.normative_references:
        out.append(md.heading(2, "规范性引用文件", "references", search=False))
        out.append(md.bullets(md.text(r.get("ref", "")) + (f" {md.text(r['title'])}" if r.get("title") else "")
                              + (f"：{md.text(r['note'])}" if r.get("note") else "") for r in std.normative_references))
    if std.params:
        rows = [[md.text(p.label.get("zh-Hans") or p.name), md.quantity(p.value, p.unit), f"`{p.name}`"]
                for p in std.params.values()]
        out += [md.heading(2, "参数", "params", search=False), md.table(["参数", "取值", "名称"], rows)]
    out.append(md.heading(2, "条款", "clauses"))
    top = min((c.depth for c in std.clauses), default=1)
    out += [_clause(std, c, ctx, page, top) for c in std.clauses]
    if std.kpis:
        rows = [[md.text(k.name.get("zh-Hans")), f"{md.text(k.op)} {md.quantity(k.target, k.unit)}",
                 md.text(k.formula.get("zh-Hans")), FREQUENCY.get(k.frequency, md.text(k.frequency)),
                 md.text(k.data_source.get("zh-Hans")), "、".join(k.clauses)] for k in std.kpis]
        out += [md.heading(2, "绩效指标", "kpis", search=False),
                md.table(["指标", "目标", "计算公式", "频次", "数据来源", "条款"], rows)]
    if std.roles:
        rows = [[md.text(r.name.get("zh-Hans")), md.text(r.name.get("en")), md.text(r.description.get("zh-Hans"))]
                for r in std.roles]
        out += [md.heading(2, "角色", "roles", search=False), md.table(["角色", "English", "说明"], rows)]
    if std.maps_to:
        out += [md.heading(2, "对应标准", "maps-to", search=False),
                md.bullets(f"{md.text(MAPS_TO.get(k, k))}：{'、'.join(md.text(v) for v in vals)}"
                           for k, vals in std.maps_to.items())]
    return "".join(out)


def _role(std: Standard, role_id: str) -> str:
    role = std.role(role_id)
    return md.text(role.name.get("zh-Hans")) if role else md.text(role_id)


def _clause(std: Standard, clause: Clause, ctx: SiteContext, page: str, top: int) -> str:
    level = min(3 + clause.depth - top, 6)
    out = [f"{'#' * level} {md.text(clause.number)} {md.text(clause.title.get('zh-Hans'))} "
           f"{{ #{clause_anchor(clause.number)} }}\n\n",
           f"**{MODALITY.get(clause.modality, clause.modality)}** · {_t(clause.statement, std)}\n\n"]
    if clause.statement.text("en"):
        out.append(f"<small>{_t(clause.statement, std, 'en')}</small>\n\n")
    if clause.guidance:
        out.append(md.admonition("tip", "指南", _t(clause.guidance, std) + "\n"))
    if clause.raci:
        out.append(md.bullets(f"{RACI.get(k, md.text(k))}：{'、'.join(_role(std, r) for r in v)}"
                              for k, v in clause.raci.items()))
    for rec in clause.records:
        keep = f"，保存 {md.quantity(rec.retention_value, rec.retention_unit)}" if rec.retention_value else ""
        owner = f"，由{_role(std, rec.owner)}保管" if rec.owner else ""
        out.append(f"记录：{md.text(rec.name.get('zh-Hans'))}{keep}{owner}\n\n")
    links = [md.link(c.term, rel(page, concept_path(c.id))) for t in clause.terms if (c := ctx.concept(t))]
    if links:
        out.append("术语：" + "、".join(links) + "\n\n")
    return "".join(out)
