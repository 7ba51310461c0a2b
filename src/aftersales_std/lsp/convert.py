"""Linter findings -> LSP diagnostics, quick fixes and hover text."""
from __future__ import annotations

import re
from typing import Any, Sequence

from lsprotocol import types

from aftersales_std.errors import Finding
from aftersales_std.lint import LintFinding
from aftersales_std.lsp import adapter
from aftersales_std.lsp.positions import LineIndex
from aftersales_std.lsp.projects import ProjectState

SOURCE = "aftersales"
FIX_ALL = "source.fixAll.aftersales"
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "suggestion": types.DiagnosticSeverity.Information}
WORDS = {
    "zh-Hans": {"replace": "改为“{r}”", "all": "修正全部可自动修正的措辞（{n} 处）", "suggest": "建议",
                "enforces": "依据", "see": "规则说明", "colon": "："},
    "zh-Hant": {"replace": "改為「{r}」", "all": "修正全部可自動修正的措辭（{n} 處）", "suggest": "建議",
                "enforces": "依據", "see": "規則說明", "colon": "："},
    "en": {"replace": "Replace with \"{r}\"", "all": "Fix all fixable wording ({n})", "suggest": "Suggestion",
           "enforces": "Enforces", "see": "Rule reference", "colon": ": "},
}


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["zh-Hans"])


def span(index: LineIndex, f: LintFinding) -> tuple[int, int]:
    """Offsets of a finding in the document text (file offsets when the linter gives them)."""
    if f.start is not None and f.end is not None:
        return f.start, f.end
    start = index.linter_offset(f.line, f.column)
    end = index.linter_offset(f.end_line or f.line, f.end_column or f.column + 1)
    return start, max(end, start)


def lsp_range(index: LineIndex, start: int, end: int) -> types.Range:
    (l1, c1), (l2, c2) = index.position(start), index.position(end)
    return types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2))


def page_url(state: ProjectState | None, page: str, anchor: str = "") -> str | None:
    """Absolute URL of a page of the project's site (a Markdown source path), when mkdocs.yml has site_url."""
    if state is None:
        return None
    base, directory_urls = state.site()
    if base is None:
        return None
    stem = page[:-3] if page.endswith(".md") else page
    if directory_urls:
        path = stem[: -len("index")] if stem.endswith("index") else stem + "/"
    else:
        path = stem + ".html"
    return base + path + (f"#{anchor}" if anchor else "")


def rule_url(state: ProjectState | None, code: str) -> str | None:
    return page_url(state, "rules/index.md", code.lower())


def diagnostic(index: LineIndex, f: LintFinding, state: ProjectState | None) -> types.Diagnostic:
    url = rule_url(state, f.code)
    message = f.message + (f" [{f.name}]" if f.name else "")
    return types.Diagnostic(
        range=lsp_range(index, *span(index, f)), severity=SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
        code=f.code, code_description=types.CodeDescription(href=url) if url else None, source=SOURCE,
        message=message, data={"replacement": f.replacement} if f.replacement is not None else None)


def problem_diagnostic(index: LineIndex | None, p: Finding, prefix: str = "") -> types.Diagnostic:
    """A file that cannot be read, or a broken rule or config file: an Error at its line."""
    if index is not None and p.line > 0:
        start = index.linter_offset(p.line, p.col or 1)
        rng = lsp_range(index, start, start)
    else:
        rng = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
    return types.Diagnostic(range=rng, severity=types.DiagnosticSeverity.Error, code=p.code or None,
                            source=SOURCE, message=prefix + p.message)


def fixable(findings: Sequence[LintFinding]) -> list[LintFinding]:
    return [f for f in findings if f.replacement is not None and f.start is not None and f.end is not None]


def non_clashing(findings: Sequence[LintFinding]) -> list[LintFinding]:
    """The fixes `aftersales lint --fix` applies in one round: fixable spans that overlap no other finding."""
    spans = [f for f in findings if f.start is not None and f.end is not None]
    out = []
    for f in fixable(findings):
        if not any(o is not f and o.start < f.end and f.start < o.end for o in spans):  # type: ignore[operator]
            out.append(f)
    return out


def _edit(uri: str, version: int | None, edits: list[types.TextEdit], versioned: bool) -> types.WorkspaceEdit:
    if versioned:
        doc = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=doc, edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def code_actions(uri: str, version: int | None, index: LineIndex, findings: Sequence[LintFinding],
                 start: int, end: int, state: ProjectState | None, lang: str, *, versioned: bool,
                 only: Sequence[str] | None = None) -> list[types.CodeAction]:
    """Quick fixes for the fixable findings that touch [start, end], then one fix-all action."""
    w = words(lang)

    def wanted(kind: str) -> bool:  # `only` asks for kinds and their sub-kinds ("source" takes "source.fixAll...")
        return not only or any(kind == k or kind.startswith(k + ".") for k in only)

    out: list[types.CodeAction] = []
    if wanted(types.CodeActionKind.QuickFix):
        for f in fixable(findings):
            s, e = span(index, f)
            if not (s <= end and start <= e):
                continue
            edit = types.TextEdit(range=lsp_range(index, s, e), new_text=f.replacement or "")
            out.append(types.CodeAction(
                title=w["replace"].format(r=f.replacement), kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic(index, f, state)], is_preferred=True,
                edit=_edit(uri, version, [edit], versioned)))
    every = non_clashing(findings)
    if every and wanted(FIX_ALL) and (only or out):
        edits = [types.TextEdit(range=lsp_range(index, *span(index, f)), new_text=f.replacement or "")
                 for f in every]
        out.append(types.CodeAction(title=w["all"].format(n=len(every)), kind=FIX_ALL,
                                    edit=_edit(uri, version, edits, versioned)))
    return out


_MD_SPECIAL = set("\\`*_[]<>|")


def _escape(text: str) -> str:
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)


def hover_text(f: LintFinding, rule: Any | None, state: ProjectState | None, lang: str, *,
               markdown: bool = True) -> str:
    """The rule's explanation, the suggestion and the clauses it enforces (titles, not slugs)."""
    text = hover_markdown(f, rule, state, lang)
    if markdown:
        return text
    plain = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1 <\2>", text)
    plain = re.sub(r"\\(.)", r"\1", plain.replace("**", "").replace("`", ""))
    return plain


def hover_markdown(f: LintFinding, rule: Any | None, state: ProjectState | None, lang: str) -> str:
    w = words(lang)
    url = rule_url(state, f.code)
    head = f"**{f.code}** `{f.name}` · {f.severity}" if f.name else f"**{f.code}** · {f.severity}"
    lines = [head + (f" · [{w['see']}]({url})" if url else ""), "", _escape(f.message)]
    if rule is not None:
        description = rule.text(rule.description, lang) if rule.description else ""
        if description:
            lines += ["", _escape(description)]
    if f.suggestion:
        lines += ["", f"**{w['suggest']}**{w['colon']}{_escape(f.suggestion)}"]
    refs = f.refs or (tuple(rule.refs) if rule is not None else ())
    if refs and state is not None:
        lines += ["", f"**{w['enforces']}**{w['colon'].strip()}"]
        for ref in refs:
            c = state.clause(ref, lang)
            if c["standard"] is None:
                lines.append(f"- {_escape(ref)}")
                continue
            label = f"{c['standard']}" + (f" ({c['code']})" if c["code"] else "") + f" {c['number']}"
            label = _escape(label) + (f" {_escape(c['title'])}" if c["title"] else "")
            link = page_url(state, f"standards/{c['id']}.md", "clause-" + str(c["number"]).replace(".", "-"))
            lines.append(f"- [{label}]({link})" if link else f"- {label}")
    return "\n".join(lines)


def hover(index: LineIndex, findings: Sequence[LintFinding], offset: int, state: ProjectState | None,
          lang: str, *, markdown: bool = True) -> types.Hover | None:
    hits = []
    for f in findings:
        s, e = span(index, f)
        if s <= offset < e or (s == e == offset):
            hits.append((s, e, f))
    if not hits:
        return None
    parts = []
    for _s, _e, f in hits:
        rule = adapter.rule_of(state.rules, f.code) if state is not None and state.rules is not None else None
        parts.append(hover_text(f, rule, state, lang, markdown=markdown))
    s = min(h[0] for h in hits)
    e = max(h[1] for h in hits)
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    joiner = "\n\n---\n\n" if markdown else "\n\n"
    return types.Hover(contents=types.MarkupContent(kind=kind, value=joiner.join(parts)), range=lsp_range(index, s, e))
