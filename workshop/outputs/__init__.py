"""A report in the formats councils share: markdown, Word, a web page, PDF, and an Easy
Read summary. Every format is written from the same markdown (the edited version when there
is one), so every format carries the same words and the report page's check covers them
all; the Word, web and PDF versions add the charts, each with its sentence."""

from __future__ import annotations

import datetime as dt
import logging

from workshop import settings
from workshop.errors import InvalidInput
from workshop.outputs.document import parse, tidy_headings, with_charts
from workshop.outputs.html import Meta
from workshop.report_words import _, current, pack_in, shown, speaking

# Format: (what a person calls it, file ending, media type).
FORMATS = {
    "md": ("Markdown", "md", "text/markdown"),
    "docx": ("Word", "docx", "application/vnd.openxmlformats-officedocument."
                             "wordprocessingml.document"),
    "html": ("Web page", "html", "text/html"),
    "pdf": ("PDF", "pdf", "application/pdf"),
    "easyread": ("Easy Read web page", "html", "text/html"),
    "easyread-docx": ("Easy Read Word", "docx", "application/vnd.openxmlformats-"
                                                "officedocument.wordprocessingml.document"),
    "easyread-pdf": ("Easy Read PDF", "pdf", "application/pdf"),
}
DEFAULT_AUTHOR = "Workshop facilitator"
# The libraries' step-by-step notes stay out of the app's log; their warnings stay in.
for _name in ("choreographer", "kaleido", "logistro", "weasyprint.progress"):
    logging.getLogger(_name).setLevel(logging.WARNING)


def author() -> str:
    return settings.get("WORKSHOP_ORGANISATION").strip() or DEFAULT_AUTHOR


# Languages the Easy Read summary has its own words in (it is drafted apart from the report).
EASY_READ_LANGUAGES = {"en": True, "cy": True}


def file_name(name: str, fmt: str, lang: str = "en") -> str:
    """ "WORKSHOP-report.docx"; a Welsh report "WORKSHOP-report-cy.docx"."""
    suffix = "easy-read" if fmt.startswith("easyread") else "report"
    if lang != "en" and (not fmt.startswith("easyread") or EASY_READ_LANGUAGES.get(lang)):
        suffix += f"-{lang}"
    return f"{name}-{suffix}.{FORMATS[fmt][1]}"


def meta(title: str, subject: str, lang: str | None = None) -> Meta:
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    return Meta(title, subject, author(), now.isoformat() + "Z", lang or current())


def render_markdown(markdown: str, fmt: str, subject: str, charts: dict | None = None,
                    lang: str | None = None) -> bytes:
    """The markdown in one format (md, docx, html or pdf), with the charts given (by card
    title) placed in their sections. LANG: the language the markdown is in ("cy" for
    Welsh), which the document declares and its own few words are in."""
    if lang is not None:
        with speaking(lang):
            return render_markdown(markdown, fmt, subject, charts)
    if fmt not in ("md", "docx", "html", "pdf"):
        raise InvalidInput(f"There is no report format {fmt!r}. Formats: md, docx, html, "
                           "pdf.")
    if fmt == "md":
        return markdown.encode("utf-8")
    doc = tidy_headings(with_charts(parse(markdown), charts or {}))
    info = meta(doc.title, subject)
    if fmt == "html":
        from workshop.outputs.html import page
        return page(doc, info).encode("utf-8")
    if fmt == "docx":
        from workshop.outputs.word import docx_bytes
        return docx_bytes(doc, info)
    from workshop.outputs.pdf import pdf_bytes
    return pdf_bytes(doc, info)


def subject_of(snapshot) -> str:
    w = snapshot.workshop
    where = ", ".join(p for p in (w.get("region"), w.get("date")) if p)
    return (_("Workshop report") + f": {snapshot.pack.title}"
            + (f" ({where})" if where else ""))


def render_report(snapshot, markdown: str, fmt: str, lang: str | None = None) -> bytes:
    """A workshop's report (the markdown given: the edited version or a fresh draft) in a
    format; Easy Read formats are drawn from the data, in their own words. LANG: the
    language of the report ("cy" for Welsh; English when not given)."""
    if fmt.startswith("easyread") and not EASY_READ_LANGUAGES.get(lang or current()):
        lang = "en"   # in English until it has words of its own in that language
    if lang is not None:
        with speaking(lang), pack_in(snapshot.pack):
            return render_report(snapshot, markdown, fmt)
    if fmt.startswith("easyread"):
        from workshop.outputs.easyread import render_easy_read
        return render_easy_read(snapshot, fmt)
    charts = None
    if fmt in ("docx", "html", "pdf"):
        from workshop.outputs.figures import report_charts
        # by each question's title as the report shows it (in Welsh, the pack's Welsh)
        charts = {shown(title): mine for title, mine in report_charts(snapshot).items()}
    return render_markdown(markdown, fmt, subject_of(snapshot), charts)
