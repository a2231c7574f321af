"""Charts drawn on the server, several at once, as one block of the page.

The programme page shows a chart for every region and for all of them together: nine
pictures, each with its heading, its sentence and its numbers as a table. Drawn as
Streamlit elements that is some fifty elements the browser lays out one by one; written
here as one piece of HTML it is one, and the page is drawn in a fraction of the time. What
a person gets is the same: a heading per region, the sentence, the picture with its
description, and the numbers behind a "Show the numbers as a table" disclosure (a native
<details>, so it opens with the keyboard and a screen reader names it).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from html import escape

import pandas as pd

from workshop.outputs.document import Run, Table
from workshop.outputs.html import IN_APP_TABLES_CSS, table_html
from workshop.text import inline_html

GRID_CSS = IN_APP_TABLES_CSS + """<style>
.pictures .picture-grid { display: grid; gap: 1.5rem 2rem; margin-bottom: 1rem;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr)); }
.pictures section { min-width: 0; }
.pictures h3 { margin: 0.5rem 0; padding: 0; }
.pictures p { margin: 0 0 0.5rem; }
.pictures img { max-width: 100%; height: auto; display: block; }
.pictures details { margin-top: 0.5rem; }
.pictures summary { cursor: pointer; min-height: 44px; box-sizing: border-box;
  padding: 0.6rem 0; color: #1d70b8; text-decoration: underline; text-underline-offset: 0.15em; }
.pictures summary:hover { color: #003078; }
</style>"""


@dataclass(frozen=True)
class Picture:
    """One chart of the grid: its heading, sentence, SVG picture, title and numbers."""
    heading: str
    sentence: str
    svg: str | None = None
    title: str = ""
    table: pd.DataFrame | None = None


def frame_table(table: pd.DataFrame) -> Table:
    """A data frame as a report's table (a named index becomes its first column), drawn
    as the downloaded web page draws tables: header cells, the first column's cells as
    row headers, every word escaped."""
    if table.index.name:
        table = table.reset_index()
    return Table([[Run(str(c))] for c in table.columns],
                 [[[Run(str(v))] for v in row] for row in table.itertuples(index=False)])


def picture_html(svg: str, alt: str, width: str = "") -> str:
    """An SVG picture as an image with its description (the picture is drawn by the
    browser's image decoder, not laid out as page elements)."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    size = f' style="width:{width}"' if width else ""
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(alt, quote=True)}"{size}>'


def numbers(table: pd.DataFrame) -> str:
    """A table behind a disclosure that says what it holds."""
    return ("<details><summary>Show the numbers as a table</summary>"
            f"{table_html(frame_table(table))}</details>")


def grid_html(pictures: list[Picture]) -> str:
    """The pictures side by side (two a row on a wide screen, one on a narrow one or
    when zoomed in), each a section named by its heading."""
    parts = []
    for p in pictures:
        body = [f"<h3>{inline_html(p.heading)}</h3>"]
        if p.svg is None:
            body.append("<p>No answers yet.</p>")
        else:
            body.append(f"<p>{inline_html(p.sentence)}</p>")
            body.append(picture_html(p.svg, f"Chart: {p.title}. {p.sentence}"))
            if p.table is not None:
                body.append(numbers(p.table))
        parts.append(f'<section>{"".join(body)}</section>')
    return (f'{GRID_CSS}<div class="pictures in-app"><div class="picture-grid">{"".join(parts)}'
            "</div></div>")


def one_html(svg: str, alt: str, table: pd.DataFrame) -> str:
    """One wide picture (the themes-by-region heatmap) with its numbers."""
    return (f'{GRID_CSS}<div class="pictures in-app">{picture_html(svg, alt, width="100%")}'
            f"{numbers(table)}</div>")
