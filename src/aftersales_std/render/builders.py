"""The builders registered in outputs.BUILDERS: agent scripts, training material, manuals.

Each takes a BuildContext and writes only below ctx.out (the staging folder of its kind).
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aftersales_std.assemble import load_model
from aftersales_std.errors import ContentError, Finding
from aftersales_std.model import Model
from aftersales_std.outputs import BuildContext
from aftersales_std.project import Project, display_path
from aftersales_std.render.context import scenarios, template_globals
from aftersales_std.render.documents import emit
from aftersales_std.render.environment import Renderer
from aftersales_std.render.flashcards import write_flashcards
from aftersales_std.render.flow import avoid_rows, rule_explainer, suits
from aftersales_std.render.regional import EDITIONS, Regional, content_lang, edition, regional_project
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


@dataclass
class Edition:
    """What a builder needs for the language asked for: the (regional) project and model, the content
    language templates see, the edition's tag for file names and Word, and the renderer."""

    project: Project
    model: Model
    lang: str  # zh-Hans | zh-Hant | en: what the content is looked up in
    tag: str  # zh-Hans | zh-Hant-TW | zh-Hant-HK | en: the edition
    renderer: Renderer
    regional: Regional

    def emit(self, template: str, folder: Path, stem: str, formats: tuple[str, ...] = ("md", "docx"),
             **context: Any) -> list[Path]:
        return emit(self.renderer, template, folder, stem, self.model, self.tag, formats, post=self.regional.apply,
                    **context)


def edition_for(ctx: BuildContext) -> Edition:
    project, model = ctx.project, ctx.model
    if ctx.lang in EDITIONS:  # re-derive the traditional text with the region's OpenCC configuration
        project = regional_project(ctx.project, ctx.lang)
        model = load_model(project)
    lang, tag = content_lang(ctx.lang), edition(ctx.lang)
    helpers = template_globals(model, lang)
    helpers["controlled"] = dict(project.config.get("documents") or {})  # document control from the config
    helpers["suits"] = lambda text: suits(text, tag)
    helpers["edition"] = tag
    return Edition(project, model, lang, tag, Renderer(project, lang, globals=helpers), Regional(model, ctx.lang))


def file_stem(text: str) -> str:
    """A safe file name from a scenario id."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "scenario"


def build_scripts(ctx: BuildContext) -> list[Path]:
    """scripts/<scenario>.md and .docx: one agent script per customer-facing scenario (internal processes,
    with no customer to talk to, get none)."""
    ed = edition_for(ctx)
    written: list[Path] = []
    found = [s for s in scenarios(ed.model) if s.direction != "internal"]
    explain = rule_explainer(ed.project, ed.model, ed.lang)
    for i, scenario in enumerate(found, 1):
        ctx.progress.update(f"scripts: {scenario.id} ({i}/{len(found)})")
        stem = file_stem(scenario.id)
        rows = avoid_rows(ed.model, scenario, ed.lang, explain, ed.tag)
        written += ed.emit("scripts/script.md.j2", ctx.out, stem, scenario=scenario,
                           doc_id=f"AS-SCR-{stem.upper()}", avoid=rows)
    if found:
        written += ed.emit("scripts/index.md.j2", ctx.out, "index", ("md",), scenarios=found)
    ctx.progress.update("scripts: PDF")
    return with_pdfs(written)


def build_training(ctx: BuildContext) -> list[Path]:
    """training/: onboarding handbook, quiz and answer key, Anki flashcards (CSV)."""
    ed = edition_for(ctx)
    found = scenarios(ed.model)
    ctx.progress.update("training: handbook")
    written = ed.emit("training/handbook.md.j2", ctx.out, "handbook", scenarios=found, logo=logo_bytes(ctx))
    ctx.progress.update("training: quiz")
    from aftersales_std.lint import lint_text, load_rules
    rules = load_rules(ed.project)
    quiz = make_quiz(ed.model, ed.lang, seed=ctx.seed, lint=lambda text: {f.code for f in lint_text(text, rules)})
    written += ed.emit("training/quiz.md.j2", ctx.out, "quiz", quiz=quiz, key=False)
    written += ed.emit("training/quiz.md.j2", ctx.out, "quiz-answers", quiz=quiz, key=True)
    ctx.progress.update("training: flashcards")
    written.append(write_flashcards(ed.model, ed.lang, ctx.out / "flashcards.csv", ed.regional.apply, ed.tag))
    ctx.progress.update("training: PDF")
    return with_pdfs(written)


def build_manuals(ctx: BuildContext) -> list[Path]:
    """manuals/service-manual.md and .docx: every standard with clauses, KPI, RACI and records tables."""
    ed = edition_for(ctx)
    ctx.progress.update("manuals: service manual")
    written = ed.emit("manuals/manual.md.j2", ctx.out, "service-manual", logo=logo_bytes(ctx))
    ctx.progress.update("manuals: PDF")
    return with_pdfs(written)
