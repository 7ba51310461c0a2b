"""The versioned glossary: diff, release, changelog, and exchange formats (JSON, CSV, TBX, Markdown).

For other code (the site offers these as downloads):

    from aftersales_std.termbase import export, filename
    data = export(model, "csv")          # bytes; fmt: json | csv | tbx | md
    name = filename(model, "csv")        # aftersales-glossary-0.1.0.csv
"""
from __future__ import annotations

from aftersales_std.model import Glossary, Model
from aftersales_std.project import Project

FORMATS = ("json", "csv", "tbx", "md")
MEDIA_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8",
               "tbx": "application/x-tbx+xml", "md": "text/markdown; charset=utf-8"}
EXTENSIONS = {"json": "json", "csv": "csv", "tbx": "tbx", "md": "md"}


def export(model: Model | Glossary, fmt: str, *, locales: dict[str, str] | None = None,
           standards: dict[str, str] | None = None) -> bytes:
    """The whole glossary in one exchange format, as the bytes of a file (same input, same bytes).
    `locales` (TBX only) maps language tags for CAT tools, e.g. {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}.
    `standards` (TBX only) maps standard ids to a citation (code, title, version), so that a source
    `repair-service:4.2` is exported as the standard's title and clause; taken from a Model's standards."""
    glossary = model.glossary if isinstance(model, Model) else model
    if standards is None and isinstance(model, Model):
        standards = {s.id: citation(s.code, s.title.get("zh-Hans"), s.version) for s in model.standards}
    if fmt == "json":
        from aftersales_std.termbase.jsonout import to_json
        return to_json(glossary)
    if fmt == "csv":
        from aftersales_std.termbase.csvio import to_csv
        return to_csv(glossary)
    if fmt == "tbx":
        from aftersales_std.termbase.tbx import to_tbx
        return to_tbx(glossary, locales, standards)
    if fmt == "md":
        from aftersales_std.termbase.mdout import to_markdown
        return to_markdown(glossary)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def citation(code: str | None, title: str | None, version: str | None) -> str:
    """How a standard is cited in exports: `AS-STD-03《维修服务》1.0.0`."""
    return "".join(x for x in (code, f"《{title}》" if title else None, f" {version}" if version else None) if x)


def standard_citations(project: Project) -> dict[str, str]:
    """Citations of the project's standards by id, read from their files (a broken file is left out)."""
    from aftersales_std.loading import load_file

    out: dict[str, str] = {}
    for path in project.files("standard"):
        data = load_file(path).data
        if isinstance(data, dict) and isinstance(data.get("id"), str) and isinstance(data.get("title"), dict):
            out[data["id"]] = citation(data.get("code"), data["title"].get("zh-Hans"), data.get("version"))
    return out


def filename(model: Model | Glossary, fmt: str) -> str:
    glossary = model.glossary if isinstance(model, Model) else model
    return f"aftersales-glossary-{glossary.version}.{EXTENSIONS[fmt]}"


__all__ = ["EXTENSIONS", "FORMATS", "MEDIA_TYPES", "citation", "export", "filename", "standard_citations"]
