"""A report as a Word document: Word's own heading styles (so its navigation pane and a
screen reader list the sections), Word tables with a header row, quotations in the Quote
style, lists as lists, charts as pictures with their description, and the document's
title, subject, author and date in its properties."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document as new_document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from workshop.outputs.document import (BulletList, Document, Figure, Heading, Paragraph,
                                       Quote, Table)
from workshop.outputs.html import Meta

PICTURE_WIDTH = Cm(16)


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
    for level in (1, 2, 3):
        out.styles[f"Heading {level}"].font.name = "Arial"
    _language(out, LANGUAGE_TAGS.get(meta.lang, "en-GB"))
    for b in doc.blocks:
        if isinstance(b, Heading):
            _runs(out.add_heading(level=min(b.level, 9)), b.runs)
        elif isinstance(b, Paragraph):
            _runs(out.add_paragraph(), b.runs)
        elif isinstance(b, Quote):
            for p in b.paragraphs:
                _runs(out.add_paragraph(style="Quote"), p.runs)
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
