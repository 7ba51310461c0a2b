"""Blocks -> a Word document with real styles, the East Asian font on every run, and byte-identical output.

Headings use Word's Heading 1-3, tables a built-in table style with a repeating header row, lists the List
Bullet / List Number styles (numbering restarts for every list). The table of contents is a TOC field whose
cached result already lists the headings (so LibreOffice and print previews show them) and which Word
refreshes on open (settings: updateFields). Headers and footers carry the document id and PAGE / NUMPAGES
fields. Zip entries get a fixed timestamp and the core properties a fixed date, so the same inputs give the
same bytes.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone

from docx import Document as new_document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from aftersales_std.render.markdown import Block, Document, Span

EAST_ASIAN_FONTS = {"zh-Hans": "Microsoft YaHei", "zh-Hant": "Microsoft JhengHei", "zh-Hant-TW": "Microsoft JhengHei",
                    "zh-Hant-HK": "Microsoft JhengHei", "en": "Microsoft YaHei"}
LATIN_FONT = "Calibri"
CODE_FONT = "Consolas"
LANG_TAGS = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "zh-Hant-TW": "zh-TW", "zh-Hant-HK": "zh-HK", "en": "en-US"}
TEXT_WIDTH = 9412  # twentieths of a point: A4 (21 cm) less 2 x 2.2 cm margins
CHAR_WIDTH, CELL_PADDING, SHORT = 120, 320, 16  # half a 10.5 pt Chinese character; cell margins; a short column
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
TABLE_STYLE = "Light Grid Accent 1"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class DocInfo:
    """What goes around the body: core properties, header and footer."""

    doc_id: str
    title: str
    lang: str = "zh-Hans"
    date: str = "2000-01-01"  # YYYY-MM-DD, from the content (never the clock)
    author: str = "aftersales-std"
    subject: str = ""
    keywords: str = ""
    version: str = ""
    header: str = ""  # defaults to "<doc id>  <title>"
    footer: str = "{id}  {page} / {pages}"  # {page} and {pages} become PAGE and NUMPAGES fields
    toc_title: str = "Contents"
    toc_levels: int = 3
    cover: bool = False  # a cover page: logo (or an empty logo frame), organisation, title, number, revision
    organisation: str = ""
    revision: str = ""
    effective: str = ""
    logo: bytes | None = None
    cover_labels: tuple[str, str, str] = ("Document number", "Revision", "Effective date")


def write_docx(doc: Document, info: DocInfo) -> bytes:
    word = new_document()
    font = EAST_ASIAN_FONTS.get(info.lang, EAST_ASIAN_FONTS["zh-Hans"])
    toc_styles = _setup_styles(word, font, LANG_TAGS.get(info.lang, "zh-CN"))
    _chinese_theme(word, font, LANG_TAGS.get(info.lang, "zh-CN"))
    _setup_page(word, info, font)
    writer = _BodyWriter(word, font, toc_styles)
    if info.cover:
        writer.cover(info)
    writer.write(doc.blocks, info)
    _core_properties(word, info)
    _ask_to_update_fields(word.settings.element)
    raw = io.BytesIO()
    word.save(raw)
    return normalize_zip(raw.getvalue())


# Elements that follow w:updateFields in CT_Settings: Word rejects settings.xml when the order is wrong.
_AFTER_UPDATE_FIELDS = {"hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                        "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
                        "listSeparator"}


def _ask_to_update_fields(settings) -> None:  # type: ignore[no-untyped-def]
    """<w:updateFields w:val="true"/> in its schema position: Word refreshes the TOC and page fields on open."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    for child in settings:
        if etree_localname(child.tag) in _AFTER_UPDATE_FIELDS:
            child.addprevious(update)
            return
    settings.append(update)


def _chinese_theme(word, font: str, lang_tag: str) -> None:  # type: ignore[no-untyped-def]
    """The template's theme is Japanese (East Asian theme language ja-JP, MS Mincho / MS Gothic), so text a
    trainer types later would get Japanese fonts. Set the theme's East Asian fonts to the document's font,
    the theme language and the default East Asian language to the document's region."""
    settings = word.settings.element
    for lang in settings.iter(qn("w:themeFontLang")):
        lang.set(qn("w:eastAsia"), lang_tag)
    defaults = word.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:eastAsia"), lang_tag)
        for fonts in defaults.iter(qn("w:rFonts")):
            fonts.set(qn("w:eastAsia"), font)
    for part in word.part.package.iter_parts():
        if str(part.partname).startswith("/word/theme/"):
            xml = part.blob.decode("utf-8")
            xml = xml.replace('<a:ea typeface=""/>', f'<a:ea typeface="{font}"/>')
            xml = re.sub(r'<a:font script="(Hans|Hant)" typeface="[^"]*"/>',
                         lambda m: f'<a:font script="{m.group(1)}" typeface="{font}"/>', xml)
            part._blob = xml.encode("utf-8")


def etree_localname(tag: str) -> str:
    return tag.rpartition("}")[2]


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, entries in their original order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename == "docProps/thumbnail.jpeg":
                continue  # the template's thumbnail shows an empty page; drop it (and its relationship)
            info = zipfile.ZipInfo(item.filename, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            body = src.read(item.filename)
            if item.filename in ("_rels/.rels", "[Content_Types].xml"):
                body = _drop_thumbnail(body)
            dst.writestr(info, body)
    return out.getvalue()


def _drop_thumbnail(xml: bytes) -> bytes:
    xml = re.sub(rb"<Relationship [^>]*thumbnail\.jpeg\"[^>]*/>", b"", xml)
    return re.sub(rb"<Default Extension=\"jpeg\"[^>]*/>", b"", xml)


def set_run_fonts(r_pr, font: str, latin: str | None = None) -> None:  # type: ignore[no-untyped-def]
    fonts = r_pr.get_or_add_rFonts()
    if latin:
        fonts.set(qn("w:ascii"), latin)
        fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), font)


def _setup_styles(word, font: str, lang_tag: str) -> dict[int, object]:  # type: ignore[no-untyped-def]
    styles = word.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.name = LATIN_FONT
    set_run_fonts(normal.element.get_or_add_rPr(), font)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), lang_tag)
    normal.element.get_or_add_rPr().append(lang)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Quote", "Header", "Footer", "TOC Heading"):
        set_run_fonts(styles[name].element.get_or_add_rPr(), font)
    if not lang_tag.startswith("en"):  # the template's Quote is italic: Chinese has no italics (faked slant)
        for name in ("Quote", "Intense Quote", "Subtitle"):
            styles[name].font.italic = False
    toc = {}
    for level in (1, 2, 3):
        style = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.paragraph_format.left_indent = Cm(0.75 * (level - 1))
        style.paragraph_format.space_after = Pt(2)
        style.element.name_val = f"toc {level}"  # Word's built-in name, so Word's TOC uses it
        toc[level] = style
    return toc


def _setup_page(word, info: DocInfo, font: str) -> None:  # type: ignore[no-untyped-def]
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.4)
    header = section.header.paragraphs[0]
    _add_text(header, info.header or f"{info.doc_id}  {info.title}", font)
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    text = info.footer.replace("{id}", info.doc_id).replace("{title}", info.title)
    for part in _split_fields(text):
        if part in ("{page}", "{pages}"):
            add_field(footer, "PAGE" if part == "{page}" else "NUMPAGES", "1", font)
        elif part:
            _add_text(footer, part, font)


def _split_fields(text: str) -> list[str]:
    return re.split(r"(\{page\}|\{pages\})", text)


def _add_text(paragraph: Paragraph, text: str, font: str, bold: bool = False, italic: bool = False,
              code: bool = False) -> None:
    """A run built directly as XML (python-docx's run API is the slow part of big documents)."""
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    if code:
        fonts.set(qn("w:ascii"), CODE_FONT)
        fonts.set(qn("w:hAnsi"), CODE_FONT)
    fonts.set(qn("w:eastAsia"), font)
    r_pr.append(fonts)
    if bold:
        r_pr.append(OxmlElement("w:b"))
    if italic and _CJK.search(text):  # Chinese has no italics: slanted glyphs are faked; use emphasis dots
        em = OxmlElement("w:em")
        em.set(qn("w:val"), "dot")
        r_pr.append(em)
    elif italic:
        r_pr.append(OxmlElement("w:i"))
    run.append(r_pr)
    t = OxmlElement("w:t")
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    run.append(t)
    paragraph._p.append(run)


def add_field(paragraph: Paragraph, instruction: str, cached: str, font: str) -> None:
    """A complex field: begin, instruction, separate, cached result, end (each in its own run)."""
    _field_char(paragraph, "begin", font)
    run = paragraph.add_run()
    set_run_fonts(run._r.get_or_add_rPr(), font)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    _field_char(paragraph, "separate", font)
    _add_text(paragraph, cached, font)
    _field_char(paragraph, "end", font)


def _field_char(paragraph: Paragraph, kind: str, font: str) -> None:
    run = paragraph.add_run()
    set_run_fonts(run._r.get_or_add_rPr(), font)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        char.set(qn("w:dirty"), "true")  # ask Word to refresh this field when the document opens
    run._r.append(char)


class _BodyWriter:
    def __init__(self, word, font: str, toc_styles: dict[int, object]) -> None:  # type: ignore[no-untyped-def]
        self.word = word
        self.toc_styles = toc_styles
        self.style_ids: dict[str, str] = {}
        self.font = font
        self.numbering: dict[int, str] = {}

    def cover(self, info: DocInfo) -> None:
        """The cover page: the logo, or a framed empty slot where it goes; organisation; title; a small table
        with document number, revision and effective date; then a page break."""
        slot = self.paragraph()
        slot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if info.logo:
            run = slot.add_run()
            set_run_fonts(run._r.get_or_add_rPr(), self.font)
            run.add_picture(io.BytesIO(info.logo), height=Cm(2.5))
        else:  # an empty 5 x 2.5 cm frame: the place for the organisation's logo
            table = self.word.add_table(rows=1, cols=1)
            table.alignment = 1  # centred
            _fixed_widths(table, [2835])
            tc_pr = table.rows[0].cells[0]._tc.get_or_add_tcPr()
            borders = OxmlElement("w:tcBorders")
            for side in ("top", "left", "bottom", "right"):
                edge = OxmlElement(f"w:{side}")
                edge.set(qn("w:val"), "dashed")
                edge.set(qn("w:sz"), "4")
                edge.set(qn("w:color"), "999999")
                borders.append(edge)
            tc_pr.append(borders)
            tr_pr = table.rows[0]._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))
            height = OxmlElement("w:trHeight")
            height.set(qn("w:val"), "1418")
            height.set(qn("w:hRule"), "exact")
            tr_pr.append(height)
            cell = table.rows[0].cells[0].paragraphs[0]
            cell.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _add_text(cell, "LOGO", self.font)
        for _ in range(3):
            self.paragraph()
        if info.organisation:
            org = self.paragraph("Subtitle")
            org.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _add_text(org, info.organisation, self.font)
        title = self.paragraph("Title")
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_text(title, info.title, self.font)
        for _ in range(4):
            self.paragraph()
        rows = [(label, value) for label, value in zip(info.cover_labels, (info.doc_id, f"r{info.revision}" if info.revision else "", info.effective))
                if value]
        table = self.word.add_table(rows=len(rows), cols=2)
        table.alignment = 1
        _fixed_widths(table, [2400, 3600])
        for row, (label, value) in zip(table.rows, rows):
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            _add_text(row.cells[0].paragraphs[0], label, self.font, bold=True)
            _add_text(row.cells[1].paragraphs[0], value, self.font)
        self._pagebreak()

    def write(self, blocks: list[Block], info: DocInfo) -> None:
        for block in blocks:
            getattr(self, f"_{block.kind}")(block, blocks, info)

    def paragraph(self, style: str | None = None) -> Paragraph:
        """A new body paragraph; the style id is resolved once per name (lookups by name are slow)."""
        paragraph = self.word.add_paragraph()
        if style is not None:
            if style not in self.style_ids:
                self.style_ids[style] = self.word.styles[style].style_id
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def spans(self, paragraph: Paragraph, spans: tuple[Span, ...], bold: bool = False) -> Paragraph:
        for s in spans:
            _add_text(paragraph, s.text, self.font, s.bold or bold, s.italic, s.code)
        return paragraph

    def _title(self, block: Block, *_: object) -> None:
        self.spans(self.paragraph("Title"), block.spans)

    def _heading(self, block: Block, *_: object) -> None:
        self.spans(self.paragraph(f"Heading {min(block.level, 3)}"), block.spans)

    def _para(self, block: Block, *_: object) -> None:
        self.spans(self.paragraph(), block.spans)

    def _quote(self, block: Block, *_: object) -> None:
        self.spans(self.paragraph("Quote"), block.spans)

    def _bullet(self, block: Block, *_: object) -> None:
        style = "List Bullet" if block.level == 0 else f"List Bullet {block.level + 1}"
        self.spans(self.paragraph(style), block.spans)

    def _number(self, block: Block, *_: object) -> None:
        paragraph = self.spans(self.paragraph("List Number"), block.spans)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = block.level
        num_pr.get_or_add_numId().val = self._num_id(block.list_id)

    def _num_id(self, list_id: int) -> int:
        """A numbering instance per list (restarting at 1), on the List Number style's abstract numbering."""
        if list_id not in self.numbering:
            part = self.word.part.numbering_part.element
            style_num = self.word.styles["List Number"].element.pPr.numPr.numId.val
            abstract = part.num_having_numId(style_num).abstractNumId.val
            num = part.add_num(abstract)
            num.add_lvlOverride(ilvl=0).add_startOverride(1)
            self.numbering[list_id] = num.numId
        return self.numbering[list_id]  # type: ignore[return-value]

    def _toc_paragraph(self, level: int) -> Paragraph:
        paragraph = self.word.add_paragraph()
        paragraph._p.style = self.toc_styles[level].style_id  # type: ignore[attr-defined]
        return paragraph

    def _pagebreak(self, *_: object) -> None:
        run = self.word.add_paragraph().add_run()
        set_run_fonts(run._r.get_or_add_rPr(), self.font)
        run.add_break(WD_BREAK.PAGE)

    def _table(self, block: Block, *_: object) -> None:
        rows, width = block.rows, len(block.rows[0])
        table = self.word.add_table(rows=len(rows), cols=width)
        table.style = self.word.styles[TABLE_STYLE]
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        if look is not None:  # header row formatting on, first-column emphasis off
            for key, value in (("w:val", "0420"), ("w:firstRow", "1"), ("w:firstColumn", "0"), ("w:noVBand", "1")):
                look.set(qn(key), value)
        widths = column_widths(rows)
        _fixed_widths(table, widths)
        for r, (row, cells) in enumerate(zip(table.rows, rows)):
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
            if r == 0:
                header = OxmlElement("w:tblHeader")
                header.set(qn("w:val"), "true")
                tr_pr.append(header)
            for cell, spans, width in zip(row.cells, cells, widths):
                tc_w = cell._tc.get_or_add_tcPr().get_or_add_tcW()
                tc_w.set(qn("w:type"), "dxa")
                tc_w.set(qn("w:w"), str(width))
                self.spans(cell.paragraphs[0], spans, bold=r == 0)
        self.word.add_paragraph()  # keep consecutive tables apart

    def _toc(self, block: Block, blocks: list[Block], info: DocInfo) -> None:
        self.spans(self.paragraph("TOC Heading"), (Span(info.toc_title),))
        entries = [b for b in blocks if b.kind == "heading" and b.level <= info.toc_levels] or [Block("para", (Span(" "),))]
        paragraphs = [self._toc_paragraph(max(1, e.level)) for e in entries]
        _field_char(paragraphs[0], "begin", self.font)
        run = paragraphs[0].add_run()
        set_run_fonts(run._r.get_or_add_rPr(), self.font)
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f' TOC \\o "1-{info.toc_levels}" \\h \\z \\u '
        run._r.append(instr)
        _field_char(paragraphs[0], "separate", self.font)
        for paragraph, entry in zip(paragraphs, entries):
            self.spans(paragraph, tuple(Span(s.text) for s in entry.spans))
        _field_char(paragraphs[-1], "end", self.font)
        self._pagebreak()


def _text_width(text: str) -> int:
    """Display width: a Chinese character counts two."""
    return sum(2 if _CJK.match(ch) else 1 for ch in text)


def column_widths(rows: tuple[tuple[tuple[Span, ...], ...], ...], total: int = TEXT_WIDTH) -> list[int]:
    """Column widths in proportion to their content: the longest cell of each column (header included),
    clamped so that a short column stays readable and a long one does not crowd out the others."""
    count = len(rows[0])
    need = [max(_text_width("".join(s.text for s in row[i])) for row in rows) for i in range(count)]
    natural = [n * CHAR_WIDTH + CELL_PADDING for n in need]  # the width that shows the column unwrapped
    if sum(natural) <= total:  # everything fits: share the spare width in proportion
        widths = [total * w // sum(natural) for w in natural]
    else:  # short columns (dates, codes, numbers) unwrapped, the long ones share the rest
        short = [w if n <= SHORT else 0 for n, w in zip(need, natural)]
        long = [min(n, 60) if n > SHORT else 0 for n in need]
        rest = total - sum(short)
        if sum(long) and rest >= 1400 * sum(1 for w in long if w):
            widths = [s or rest * w // sum(long) for s, w in zip(short, long)]
        else:
            weights = [min(max(n, 6), 60) for n in need]
            widths = [total * w // sum(weights) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


def _fixed_widths(table, widths: list[int]) -> None:  # type: ignore[no-untyped-def]
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(widths)))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    look = tbl_pr.find(qn("w:tblLook"))
    (look.addprevious if look is not None else tbl_pr.append)(layout)
    for col, width in zip(table._tbl.tblGrid.iterchildren(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(width))


def _core_properties(word, info: DocInfo) -> None:  # type: ignore[no-untyped-def]
    props = word.core_properties
    when = datetime.strptime(info.date, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    props.title = _limit(info.title)
    props.subject = _limit(info.subject)
    props.author = _limit(info.author)
    props.last_modified_by = _limit(info.author)
    props.keywords = _limit(info.keywords)
    props.comments = _limit(info.keywords)
    props.identifier = info.doc_id
    props.language = LANG_TAGS.get(info.lang, info.lang)
    props.version = info.version
    props.category = ""
    props.content_status = ""
    props.revision = 1
    props.created = props.modified = props.last_printed = when


def _limit(text: str, size: int = 255) -> str:
    """Core properties hold at most 255 characters: cut at the last '; ' that fits."""
    if len(text) <= size:
        return text
    cut = text[: size - 1]
    return (cut[: cut.rfind("; ")] if "; " in cut else cut) + "…"
