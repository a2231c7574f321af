"""A report as one self-contained, accessible web page: in its language (lang="en", or "cy"
for Welsh), one main heading,
headings in order, tables with header cells, charts as pictures inside the page (with
their text alternative and their sentence), plain readable styles, nothing fetched from
elsewhere. The PDF is this page printed (workshop/outputs/pdf.py)."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from html import escape

from workshop.outputs.document import (BulletList, Document, Figure, Heading, Paragraph,
                                       Quote, Run, Table, parse, plain)


@dataclass(frozen=True)
class Meta:
    """What a document says about itself."""
    title: str
    subject: str
    author: str
    created: str  # ISO date and time
    lang: str = "en"  # the language of its words: "en", or "cy" for Welsh


SCREEN_CSS = """
html { font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; color: #0b0c0c;
       background: #fff; line-height: 1.5; }
body { margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: 46rem; font-size: 1.1875rem; }
h1 { font-size: 2.25rem; line-height: 1.15; margin: 0 0 1.5rem; }
h2 { font-size: 1.75rem; line-height: 1.2; margin: 2.5rem 0 1rem; }
h3 { font-size: 1.375rem; line-height: 1.25; margin: 2rem 0 0.75rem; }
h4, h5, h6 { font-size: 1.1875rem; margin: 1.5rem 0 0.5rem; }
p, ul, ol { margin: 0 0 1rem; }
li { margin-bottom: 0.35rem; }
blockquote { margin: 0 0 1rem; padding: 0.5rem 0 0.5rem 1rem;
             border-left: 0.375rem solid #b1b4b6; }
blockquote p:last-child { margin-bottom: 0; }
a { color: #1d70b8; }
a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.table-wrap { margin: 0 0 1.5rem; }
@media screen { .table-wrap { overflow-x: auto; } }
table { border-collapse: collapse; font-size: 1rem; min-width: 60%; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.4rem 0.75rem 0.4rem 0;
         text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; }
tbody th { font-weight: normal; }
td.short { white-space: nowrap; }
figure { margin: 0 0 1.5rem; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid #b1b4b6; }
figcaption { font-size: 1rem; margin-top: 0.5rem; }
"""

PRINT_CSS = """
@page { size: A4; margin: 20mm 18mm 22mm;
        @bottom-right { content: "Page " counter(page) " of " counter(pages);
                        font-family: Arial, "Liberation Sans", sans-serif; font-size: 9pt; } }
body { max-width: none; padding: 0; font-size: 11pt; }
h1 { font-size: 22pt; } h2 { font-size: 16pt; break-after: avoid; }
h3 { font-size: 13pt; break-after: avoid; } h4, h5, h6 { font-size: 11pt; }
table { font-size: 9.5pt; width: 100%; } thead { display: table-header-group; }
tr, figure, blockquote { break-inside: avoid; }
p.lead-in { break-after: avoid; }
figure img { max-height: 220mm; }
a { color: #0b0c0c; }
"""


def _runs(runs: list[Run]) -> str:
    out = []
    for r in runs:
        text = escape(r.text).replace("\n", "<br>")
        if r.italic:
            text = f"<em>{text}</em>"
        if r.bold:
            text = f"<strong>{text}</strong>"
        if r.href:
            text = f'<a href="{escape(r.href)}">{text}</a>'
        out.append(text)
    return "".join(out)


def _list(block: BulletList) -> str:
    """A list, its deeper items as lists inside the item before them."""
    tag = "ol" if block.ordered else "ul"
    out, depth = [], -1
    for item in block.items:
        if item.level > depth:
            while depth < item.level:
                out.append(f"<{tag}>")
                depth += 1
        else:
            out.append("</li>")
            while depth > item.level:
                out.append(f"</{tag}></li>")
                depth -= 1
        out.append(f"<li>{_runs(item.runs)}")
    out.append(f"</li></{tag}>" * (depth + 1))
    return "".join(out)


def _short(runs: list[Run]) -> str:
    """A short cell ("4 (44%)") is kept on one line: a count apart from its share is hard
    to read."""
    return ' class="short"' if len("".join(r.text for r in runs)) <= 10 else ""


def table_html(block: Table) -> str:
    """A table with its header cells (columns) and row headers (the first column)."""
    head = "".join(f'<th scope="col">{_runs(c)}</th>' for c in block.header)
    rows = []
    for row in block.rows:
        cells = [f'<th scope="row">{_runs(row[0])}</th>' if row else ""]
        cells += [f"<td{_short(c)}>{_runs(c)}</td>" for c in row[1:]]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def figure(chart) -> str:
    """A chart: its picture (inside the page) with its text alternative, and its sentence."""
    img = ""
    if chart.png:
        data = base64.b64encode(chart.png).decode("ascii")
        img = f'<img src="data:image/png;base64,{data}" alt="{escape(chart.alt)}">'
    return (f"<figure>{img}<figcaption><strong>{escape(chart.title)}.</strong> "
            f"{escape(chart.sentence)}</figcaption></figure>")


def leads_in(paragraph: Paragraph) -> bool:
    """A line that introduces what follows ("Themes (comments):", a poll's statement in
    bold): printed on the same page as what it introduces."""
    text = "".join(r.text for r in paragraph.runs).strip()
    return bool(text) and (text.endswith(":") or all(r.bold for r in paragraph.runs
                                                     if r.text.strip()))


def block_html(b) -> str:
    if isinstance(b, Heading):
        return f"<h{b.level}>{_runs(b.runs)}</h{b.level}>"
    if isinstance(b, Paragraph):
        tag = '<p class="lead-in">' if leads_in(b) else "<p>"
        return f"{tag}{_runs(b.runs)}</p>"
    if isinstance(b, Quote):
        return "<blockquote>" + "".join(f"<p>{_runs(p.runs)}</p>" for p in b.paragraphs) \
            + "</blockquote>"
    if isinstance(b, BulletList):
        return _list(b)
    if isinstance(b, Table):
        return table_html(b)
    if isinstance(b, Figure):
        return figure(b.chart)
    return ""


# Tables placed inside the app's own pages (a draft's preview, the programme page's
# numbers), drawn as the downloaded web page draws them; kept to their own box.
IN_APP_TABLES_CSS = """<style>
.in-app .table-wrap { margin: 0 0 1.5rem; overflow-x: auto; }
.in-app table { border-collapse: collapse; font-size: 1rem; }
.in-app th, .in-app td { border-bottom: 1px solid #b1b4b6;
  padding: 0.4rem 0.75rem 0.4rem 0; text-align: left; vertical-align: top; }
.in-app thead th { border-bottom: 2px solid #0b0c0c; }
.in-app tbody th { font-weight: normal; }
.in-app td.short { white-space: nowrap; }
</style>"""

# The same report placed inside another page (the app's preview of a draft).
PREVIEW_CSS = IN_APP_TABLES_CSS + """<style>
.report-preview { max-width: 52rem; line-height: 1.5; }
.report-preview h1 { font-size: 2.25rem; margin: 0 0 1.5rem; }
.report-preview h2 { font-size: 1.75rem; margin: 2.5rem 0 1rem; }
.report-preview h3 { font-size: 1.375rem; margin: 2rem 0 0.75rem; }
.report-preview h4 { font-size: 1.1875rem; margin: 1.5rem 0 0.5rem; }
.report-preview p, .report-preview ul, .report-preview ol { margin: 0 0 1rem; }
.report-preview blockquote { margin: 0 0 1rem; padding: 0.5rem 0 0.5rem 1rem;
  border-left: 0.375rem solid #b1b4b6; color: #505a5f; }
</style>"""


def preview(markdown: str) -> str:
    """A draft as HTML to show inside the app: the blocks the downloaded web page has,
    every typed word escaped. (The browser lays this out at once, where the same
    draft as markdown is turned into page elements piece by piece.)"""
    body = "\n".join(block_html(b) for b in parse(markdown).blocks)
    return f'{PREVIEW_CSS}<div class="report-preview in-app">{body}</div>'


def page(doc: Document, meta: Meta, printed: bool = False, css: str = "") -> str:
    """The whole page. `printed`: the styles for A4 paper (the PDF)."""
    body = "\n".join(block_html(b) for b in doc.blocks)
    return html_page(body, meta, SCREEN_CSS + (PRINT_CSS if printed else "")
                     + (page_numbers_css(meta.lang) if printed else "") + css)


def page_numbers_css(lang: str) -> str:
    """ "Page 2 of 9" at the foot of each printed page, in the document's language (English
    is in PRINT_CSS)."""
    if lang == "en":
        return ""
    from workshop.report_words import say, speaking
    with speaking(lang):
        words = say("Page %(page)s of %(pages)s", page='" counter(page) "',
                    pages='" counter(pages) "')
    return f'\n@page {{ @bottom-right {{ content: "{words}"; }} }}\n'


def html_page(body: str, meta: Meta, style: str) -> str:
    """One self-contained page: the body's HTML with its styles and the document's
    properties, in the language it declares, fetching nothing."""
    return f"""<!DOCTYPE html>
<html lang="{escape(meta.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(meta.title)}</title>
<meta name="author" content="{escape(meta.author)}">
<meta name="description" content="{escape(meta.subject)}">
<meta name="dcterms.created" content="{escape(meta.created)}">
<style>{style}</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""


__all__ = ["Meta", "page", "html_page", "figure", "block_html", "leads_in", "plain"]
