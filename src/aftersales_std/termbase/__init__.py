"""The versioned glossary: diff, release, changelog, and exchange formats (JSON, CSV, TBX, Markdown).

For other code (the site offers these as downloads):

    from aftersales_std.termbase import export, filename
    data = export(model, "csv")          # bytes; fmt: json | csv | tbx | md
    name = filename(model, "csv")        # aftersales-glossary-0.1.0.csv
"""
from __future__ import annotations

from aftersales_std.model import Glossary, Model

FORMATS = ("json", "csv", "tbx", "md")
MEDIA_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8",
               "tbx": "application/x-tbx+xml", "md": "text/markdown; charset=utf-8"}
EXTENSIONS = {"json": "json", "csv": "csv", "tbx": "tbx", "md": "md"}


def export(model: Model | Glossary, fmt: str, *, locales: dict[str, str] | None = None) -> bytes:
    """The whole glossary in one exchange format, as the bytes of a file (same input, same bytes).
    `locales` (TBX only) maps language tags for CAT tools, e.g. {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}."""
    glossary = model.glossary if isinstance(model, Model) else model
    if fmt == "json":
        from aftersales_std.termbase.jsonout import to_json
        return to_json(glossary)
    if fmt == "csv":
        from aftersales_std.termbase.csvio import to_csv
        return to_csv(glossary)
    if fmt == "tbx":
        from aftersales_std.termbase.tbx import to_tbx
        return to_tbx(glossary, locales)
    if fmt == "md":
        from aftersales_std.termbase.mdout import to_markdown
        return to_markdown(glossary)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def filename(model: Model | Glossary, fmt: str) -> str:
    glossary = model.glossary if isinstance(model, Model) else model
    return f"aftersales-glossary-{glossary.version}.{EXTENSIONS[fmt]}"


__all__ = ["EXTENSIONS", "FORMATS", "MEDIA_TYPES", "export", "filename"]
