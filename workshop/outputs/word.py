"""A report as a Word document: Word's own heading styles (so its navigation pane and a
screen reader list the sections), Word tables with a header row, quotations in the Quote
style, lists as lists, charts as pictures with their description, and the document's
title, subject, author and date in its properties."""

from __future__ import annotations

import datetime as dt
import functools
import io

from docx import Document as new_document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from workshop.outputs.document import (BulletList, Document, Figure, Heading, Paragraph,
                                       Quote, Table)
from workshop.outputs.html import Meta, leads_in

PICTURE_WIDTH = Cm(16)
TEXT_WIDTH = Cm(16)  # A4 less margins of 2.5 cm
INK = RGBColor(0x0B, 0x0C, 0x0C)  # the text colour of the web page and PDF
# Room a character of a table cell takes at 11 pt when the font's own measures cannot be
# read, and a cell's margins.
CHARACTER, CELL_MARGINS = Cm(0.24), Cm(0.45)
SHORT = 10  # a cell this short ("12 (44%)") is kept on one line
TABLE_PT, SMALLEST_PT = 11, 8  # a table's text, and the least it shrinks to so words fit
# Liberation Sans has Arial's measures (Debian's fonts-liberation, installed by make).
FONT_DIRS = ("/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/liberation2")


def _runs(paragraph, runs) -> None:
    for r in runs:
        parts = r.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            text = part + (f" ({r.href})" if r.href and i == len(parts) - 1
                           and r.href != part else "")
            run = paragraph.add_run(text)
            run.bold = r.bold or None
            run.italic = r.italic or None


def _header_row(row) -> None:
    """Word repeats this row at the top of each page and reads it as the header."""
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _a4(doc) -> None:
    """A4 paper with margins of 2.5 cm (the template is US Letter)."""
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)


def page_numbers(doc, lang: str, size_pt: float = 11) -> None:
    """ "Page 2 of 9" at the foot of each page, right-aligned, in the document's language,
    as the PDF has it (Word fills in the numbers)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from workshop.report_words import say, speaking
    with speaking(lang):
        words = say("Page %(page)s of %(pages)s", page="\x00PAGE\x00", pages="\x00NUMPAGES\x00")
    for section in doc.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for i, part in enumerate(words.split("\x00")):
            if i % 2:   # a field: the page's number or the number of pages
                field = OxmlElement("w:fldSimple")
                field.set(qn("w:instr"), part)
                run = paragraph.add_run("1")   # shown until Word counts the pages
                run.font.size, run.font.name = Pt(size_pt), "Arial"
                field.append(run._r)
                paragraph._p.append(field)
            elif part:
                run = paragraph.add_run(part)
                run.font.size, run.font.name = Pt(size_pt), "Arial"


def _plain_styles(doc, names) -> None:
    """These styles in Arial and the text colour. Word's own template draws headings and
    captions in its theme font and a light blue that is under 4.5:1 on white at the sizes of
    a caption or a small heading."""
    for name in names:
        style = doc.styles[name]
        style.font.name, style.font.color.rgb = "Arial", INK
        fonts = style.element.rPr.rFonts
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)


def _whole_row(row) -> None:
    """A row is never split between two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


@functools.lru_cache(maxsize=2)
def _font(bold: bool):
    """Arial's measures (Liberation Sans, at 1,000 units to the em), or None."""
    from PIL import ImageFont
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    for folder in FONT_DIRS:
        try:
            return ImageFont.truetype(f"{folder}/{name}", 1000)
        except OSError:
            continue
    return None


def text_width(text: str, bold: bool = False) -> int:
    """How wide `text` is set in Arial at TABLE_PT (EMU), read from the font's own measures
    (a bold header word is wider than the same word in a cell)."""
    font = _font(bold)
    if font is None:
        return int(len(text) * CHARACTER * (1.1 if bold else 1.0))
    return int(Pt(font.getlength(text) / 1000 * TABLE_PT))


def _column_widths(rows: list[list[str]], total: int = TEXT_WIDTH) -> tuple[list[int], float]:
    """Each column wide enough for its longest word (so "Commissioner" or "Anghytuno" is
    never broken in two; the first row is the bold header), the room left shared by how
    much each column holds; and the text's size in points: smaller than TABLE_PT only when
    the longest words would not fit side by side otherwise."""
    columns = list(zip(*[row + [""] * (max(map(len, rows)) - len(row)) for row in rows]))

    def least(column) -> int:
        return max((text_width(cell if len(cell) <= SHORT else max(cell.split(), key=len),
                               bold=i == 0)
                    for i, cell in enumerate(column) if cell.strip()), default=0)

    words = [least(c) for c in columns]
    need = sum(words) + CELL_MARGINS * len(columns)
    if need > total:
        size = max(SMALLEST_PT, TABLE_PT * (total - CELL_MARGINS * len(columns))
                   / max(sum(words), 1))
        widths = [w * size / TABLE_PT + CELL_MARGINS for w in words]
        return [int(w * total / sum(widths)) for w in widths], round(size, 1)
    holds = [max(len(cell) for cell in c) or 1 for c in columns]
    spare = total - need
    return [int(w + CELL_MARGINS + spare * h / sum(holds)) for w, h in zip(words, holds)], \
        TABLE_PT


def _table(doc, block: Table) -> None:
    width = max([len(block.header), *[len(r) for r in block.rows]])
    table = doc.add_table(rows=1, cols=width)
    table.style = "Table Grid"
    _header_row(table.rows[0])
    for cell, runs in zip(table.rows[0].cells, block.header):
        _runs(cell.paragraphs[0], runs)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in block.rows:
        cells = table.add_row().cells
        for cell, runs in zip(cells, row):
            _runs(cell.paragraphs[0], runs)
    table.autofit = False
    words = [["".join(r.text for r in runs) for runs in row] for row in
             [block.header, *block.rows]]
    widths, size = _column_widths(words)
    for column, width in zip(table.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width
            if size != TABLE_PT:
                for run in cell.paragraphs[0].runs:
                    run.font.size = Pt(size)
    for row in table.rows:
        _whole_row(row)
    doc.add_paragraph()


def _figure(doc, chart) -> None:
    if chart.png:
        doc.add_picture(io.BytesIO(chart.png), width=PICTURE_WIDTH)
        picture = doc.paragraphs[-1]
        for props in picture._p.iter(qn("wp:docPr")):
            props.set("descr", chart.alt)
            props.set("title", chart.title)
        picture.paragraph_format.keep_with_next = True
    caption = doc.add_paragraph(style="Caption")
    caption.add_run(f"{chart.title}. ").bold = True
    caption.add_run(chart.sentence)


# The language tag Word and screen readers take for each language of the app.
LANGUAGE_TAGS = {"en": "en-GB", "cy": "cy-GB"}


def _language(doc, tag: str = "en-GB") -> None:
    """The document's language, so a screen reader and the spelling checker use it."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)


def docx_bytes(doc: Document, meta: Meta) -> bytes:
    out = new_document()
    normal = out.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    _plain_styles(out, ["Heading 1", "Heading 2", "Heading 3", "Caption"])
    for level, size in ((1, 20), (2, 16), (3, 13)):  # the title well above its sections
        out.styles[f"Heading {level}"].font.size = Pt(size)
    caption = out.styles["Caption"].font
    caption.size, caption.bold = Pt(11), False
    _language(out, LANGUAGE_TAGS.get(meta.lang, "en-GB"))
    _a4(out)
    page_numbers(out, meta.lang)
    for b in doc.blocks:
        if isinstance(b, Heading):
            _runs(out.add_heading(level=min(b.level, 9)), b.runs)
        elif isinstance(b, Paragraph):
            paragraph = out.add_paragraph()
            _runs(paragraph, b.runs)
            paragraph.paragraph_format.keep_with_next = leads_in(b) or None
        elif isinstance(b, Quote):
            for p in b.paragraphs:
                quote = out.add_paragraph(style="Quote")
                _runs(quote, p.runs)
                quote.paragraph_format.keep_together = True  # never split by a page
        elif isinstance(b, BulletList):
            base = "List Number" if b.ordered else "List Bullet"
            for item in b.items:
                style = base if not item.level else f"{base} {min(item.level + 1, 3)}"
                _runs(out.add_paragraph(style=style), item.runs)
        elif isinstance(b, Table):
            _table(out, b)
        elif isinstance(b, Figure):
            _figure(out, b.chart)
    props = out.core_properties
    props.title, props.subject, props.author = meta.title, meta.subject, meta.author
    props.last_modified_by = meta.author
    props.created = dt.datetime.fromisoformat(meta.created)
    props.language = LANGUAGE_TAGS.get(meta.lang, "en-GB")
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
