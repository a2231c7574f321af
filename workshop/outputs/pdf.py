"""A report as a tagged PDF (PDF/UA-1): the web page printed on A4 by WeasyPrint, with its
fonts embedded, a bookmark for each heading, and each chart's description on its picture."""

from __future__ import annotations

import weasyprint

from workshop.outputs.document import Document
from workshop.outputs.html import Meta, page


def pdf_bytes(doc: Document, meta: Meta, css: str = "") -> bytes:
    html = page(doc, meta, printed=True, css=css)
    return weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
