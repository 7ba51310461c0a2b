"""Glossary downloads (JSON, CSV, TBX) from aftersales_std.termbase, when that package is installed."""
from __future__ import annotations

import importlib

from aftersales_std.model import Model
from aftersales_std.sitegen import markup as md
from aftersales_std.sitegen.context import DOWNLOADS, SiteContext

FORMATS = {"json": "JSON（程序读取）", "csv": "CSV（Excel 可打开）", "tbx": "TBX（翻译与术语工具）"}


def export_files(model: Model) -> tuple[dict[str, bytes], str]:
    """File name -> bytes for every format the termbase exporter offers, and a note when there is none."""
    try:
        termbase = importlib.import_module("aftersales_std.termbase")
    except ImportError:
        return {}, "术语表下载尚未提供（导出功能 aftersales_std.termbase 还未安装）。"
    export = getattr(termbase, "export", None)
    if export is None:
        return {}, "术语表下载尚未提供（aftersales_std.termbase 没有 export 函数）。"
    files: dict[str, bytes] = {}
    failed: list[str] = []
    for fmt in FORMATS:
        try:  # another team's exporter: a failure in it costs one download, never the site
            files[f"glossary-{model.glossary.version}.{fmt}"] = bytes(export(model, fmt))
        except Exception as exc:  # noqa: BLE001
            failed.append(f"{fmt.upper()}（{type(exc).__name__}: {exc}）")
    return files, ("以下格式暂时无法导出：" + "；".join(failed) if failed else "")


def downloads_page(ctx: SiteContext) -> str:
    out = [md.front_matter(title="下载", search={"exclude": True}), "# 下载术语表\n\n"]
    if not ctx.downloads:
        return "".join(out) + md.text(ctx.downloads_note or "暂无可下载的文件。") + "\n"
    if ctx.downloads_note:
        out.append(md.text(ctx.downloads_note) + "\n\n")
    out.append(f"术语库版本 **{md.text(ctx.model.glossary.version)}** 的完整术语表：\n\n")
    rows = []
    for name, data in sorted(ctx.downloads.items()):
        fmt = name.rsplit(".", 1)[-1]
        rows.append([f"[{md.text(name)}]({name})", FORMATS.get(fmt, fmt), f"{len(data) / 1024:.1f} KB"])
    return "".join(out) + md.table(["文件", "格式", "大小"], rows)


def download_paths(ctx: SiteContext) -> dict[str, bytes]:
    """Site paths of the download files (next to the downloads page)."""
    base = DOWNLOADS.rsplit("/", 1)[0]
    return {f"{base}/{name}": data for name, data in ctx.downloads.items()}
