"""One generated document: a template renders Markdown, which is written as .md and turned into .docx."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from aftersales_std.model import Model
from aftersales_std.render.docx_writer import DocInfo, write_docx
from aftersales_std.render.environment import Renderer
from aftersales_std.render.markdown import markdown_output, parse


def versions_line(model: Model) -> str:
    return "; ".join(f"{name} {version}" for name, version in model.versions.items())


def emit(renderer: Renderer, template: str, folder: Path, stem: str, model: Model, lang: str,
         formats: tuple[str, ...] = ("md", "docx"), docx_stem: str | None = None, logo: bytes | None = None,
         post: Callable[[str], str] | None = None, **context: Any) -> list[Path]:
    """Render `template` with `context`; write <stem>.md and <docx_stem or stem>.docx below `folder`.

    Front matter `cover: yes` gives the Word file a cover page (organisation, revision, effective date from
    the front matter; `logo`, the image bytes, or an empty logo frame)."""
    text = renderer.render(template, **context)
    if post is not None:  # a regional edition's last pass: the region's terms, 「」 quotation marks
        text = post(text)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    if "md" in formats:
        path = folder / f"{stem}.md"
        path.write_text(markdown_output(text), encoding="utf-8", newline="\n")
        written.append(path)
    if "docx" in formats:
        doc = parse(text)
        meta = doc.meta
        title = meta.get("title") or next((b.text for b in doc.blocks if b.kind == "title"), stem)
        info = DocInfo(
            doc_id=meta.get("id", stem), title=title, lang=lang, date=meta.get("date") or str(renderer.env.globals.get("date", "2000-01-01")),
            author=model.glossary.publisher or "aftersales-std", subject=meta.get("subject", ""),
            keywords=versions_line(model), version=model.glossary.version, header=meta.get("header", ""),
            footer=meta.get("footer", "{id}  {page} / {pages}"), toc_title=meta.get("toc_title", "Contents"),
            toc_levels=int(meta.get("toc_levels", "3")), cover=meta.get("cover") == "yes",
            organisation=meta.get("organisation", ""), revision=meta.get("revision", ""),
            effective=meta.get("effective", ""), logo=logo,
            cover_labels=tuple(meta.get("cover_labels", "Document number|Revision|Effective date").split("|"))[:3]  # type: ignore[arg-type]
        )
        if docx_stem is None and meta.get("revision"):  # a controlled document: AS-MAN-001_r2_zh-Hans.docx
            docx_stem = f"{meta.get('id', stem)}_r{meta['revision']}_{lang}"
        path = folder / f"{docx_stem or stem}.docx"
        path.write_bytes(write_docx(doc, info))
        written.append(path)
    return written
