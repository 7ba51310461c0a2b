"""The builders registered in outputs.BUILDERS: agent scripts, training material, manuals.

Each takes a BuildContext and writes only below ctx.out (the staging folder of its kind).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from aftersales_std.errors import ContentError, Finding
from aftersales_std.outputs import BuildContext
from aftersales_std.project import display_path
from aftersales_std.render.context import scenarios, template_globals
from aftersales_std.render.documents import emit
from aftersales_std.render.environment import Renderer
from aftersales_std.render.flashcards import write_flashcards
from aftersales_std.render.flow import avoid_rows, rule_explainer
from aftersales_std.render.pdf import missing, to_pdf, wanted
from aftersales_std.render.quiz import make_quiz

LOGO_TYPES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG


def logo_bytes(ctx: BuildContext) -> bytes | None:
    """The cover-page logo named by `documents.logo` in aftersales.yaml, or None; a missing or unreadable
    file is a content error naming the config file and what to do."""
    name = (ctx.project.config.get("documents") or {}).get("logo")
    if not name:
        return None
    config = display_path(ctx.project.root / "aftersales.yaml")
    path = ctx.project.root / name
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = (f"{config}: documents.logo: cannot read {name} ({exc.strerror}); put a PNG or JPEG file there "
                   f"or remove the key")
        raise ContentError(problem, [Finding(config, 0, 0, "AS315", problem, "documents.logo")]) from None
    if not data.startswith(LOGO_TYPES):
        problem = f"{config}: documents.logo: {name} is not a PNG or JPEG image; convert it or remove the key"
        raise ContentError(problem, [Finding(config, 0, 0, "AS315", problem, "documents.logo")])
    return data


def with_pdfs(written: list[Path]) -> list[Path]:
    """PDFs next to the .docx files when LibreOffice is installed; a clear note on stderr when it is not."""
    documents = [p for p in written if p.suffix == ".docx"]
    if not documents or not wanted():
        return written
    reason = missing()
    if reason:
        print(f"  note: {reason}", file=sys.stderr)
        return written
    pdfs, problems = to_pdf(documents)
    for problem in problems:
        print(f"  note: PDF not written: {problem}", file=sys.stderr)
    return written + pdfs


def renderer_for(ctx: BuildContext) -> Renderer:
    helpers = template_globals(ctx.model, ctx.lang)
    helpers["controlled"] = dict(ctx.project.config.get("documents") or {})  # document control from the config
    return Renderer(ctx.project, ctx.lang, globals=helpers)


def file_stem(text: str) -> str:
    """A safe file name from a scenario id."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "scenario"


def build_scripts(ctx: BuildContext) -> list[Path]:
    """scripts/<scenario>.md and .docx: one agent script per customer-facing scenario (internal processes,
    with no customer to talk to, get none)."""
    renderer = renderer_for(ctx)
    written: list[Path] = []
    found = [s for s in scenarios(ctx.model) if s.direction != "internal"]
    explain = rule_explainer(ctx.project, ctx.model, ctx.lang)
    for i, scenario in enumerate(found, 1):
        ctx.progress.update(f"scripts: {scenario.id} ({i}/{len(found)})")
        stem = file_stem(scenario.id)
        rows = avoid_rows(ctx.model, scenario, ctx.lang, explain)
        written += emit(renderer, "scripts/script.md.j2", ctx.out, stem, ctx.model, ctx.lang,
                        scenario=scenario, doc_id=f"AS-SCR-{stem.upper()}", avoid=rows)
    if found:
        written += emit(renderer, "scripts/index.md.j2", ctx.out, "index", ctx.model, ctx.lang, ("md",),
                        scenarios=found)
    ctx.progress.update("scripts: PDF")
    return with_pdfs(written)


def build_training(ctx: BuildContext) -> list[Path]:
    """training/: onboarding handbook, quiz and answer key, Anki flashcards (CSV)."""
    renderer = renderer_for(ctx)
    found = scenarios(ctx.model)
    ctx.progress.update("training: handbook")
    written = emit(renderer, "training/handbook.md.j2", ctx.out, "handbook", ctx.model, ctx.lang,
                   scenarios=found, logo=logo_bytes(ctx))
    ctx.progress.update("training: quiz")
    quiz = make_quiz(ctx.model, ctx.lang, seed=ctx.seed)
    written += emit(renderer, "training/quiz.md.j2", ctx.out, "quiz", ctx.model, ctx.lang, quiz=quiz, key=False)
    written += emit(renderer, "training/quiz.md.j2", ctx.out, "quiz-answers", ctx.model, ctx.lang, quiz=quiz,
                    key=True)
    ctx.progress.update("training: flashcards")
    written.append(write_flashcards(ctx.model, ctx.lang, ctx.out / "flashcards.csv"))
    ctx.progress.update("training: PDF")
    return with_pdfs(written)


def build_manuals(ctx: BuildContext) -> list[Path]:
    """manuals/service-manual.md and .docx: every standard with clauses, KPI, RACI and records tables."""
    renderer = renderer_for(ctx)
    ctx.progress.update("manuals: service manual")
    written = emit(renderer, "manuals/manual.md.j2", ctx.out, "service-manual", ctx.model, ctx.lang,
                   logo=logo_bytes(ctx))
    ctx.progress.update("manuals: PDF")
    return with_pdfs(written)
