"""A report's markdown read into plain blocks (headings, paragraphs, quotations, lists,
tables, charts) that each output format writes in its own way, so every format carries the
same words.

Markdown is read by markdown-it (CommonMark with tables). Raw HTML in an edited report is
shown as the characters typed, and a picture written in markdown is shown as its
description: a document fetches nothing from elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from workshop.outputs.figures import Chart
from workshop.report_words import _

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")


@dataclass
class Run:
    """A stretch of text with one look."""
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass
class Heading:
    level: int
    runs: list[Run]


@dataclass
class Paragraph:
    runs: list[Run]


@dataclass
class Quote:
    paragraphs: list[Paragraph]


@dataclass
class Item:
    runs: list[Run]
    level: int = 0


@dataclass
class BulletList:
    items: list[Item]
    ordered: bool = False


@dataclass
class Table:
    header: list[list[Run]]
    rows: list[list[list[Run]]]


@dataclass
class Figure:
    chart: Chart


@dataclass
class Document:
    title: str
    blocks: list = field(default_factory=list)


def plain(runs: list[Run]) -> str:
    return "".join(r.text for r in runs)


def _runs(token) -> list[Run]:
    """The runs of one inline token."""
    out: list[Run] = []
    bold = italic = 0
    href = None
    for t in token.children or []:
        if t.type == "strong_open":
            bold += 1
        elif t.type == "strong_close":
            bold -= 1
        elif t.type == "em_open":
            italic += 1
        elif t.type == "em_close":
            italic -= 1
        elif t.type == "link_open":
            href = t.attrGet("href")
        elif t.type == "link_close":
            href = None
        elif t.type in ("softbreak", "hardbreak"):
            out.append(Run(" " if t.type == "softbreak" else "\n", bool(bold), bool(italic),
                           href))
        elif t.type == "image":
            out.append(Run(t.content, bool(bold), bool(italic), href))
        elif t.type in ("text", "code_inline", "html_inline"):
            out.append(Run(t.content, bool(bold), bool(italic), href))
    merged: list[Run] = []
    for r in out:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].href) == \
                (r.bold, r.italic, r.href):
            merged[-1].text += r.text
        else:
            merged.append(r)
    return merged


def parse(markdown: str) -> Document:
    """The markdown's blocks, in order; the title is its opening top-level heading."""
    tokens = _MD.parse(markdown)
    blocks: list = []
    quote: list[Paragraph] | None = None
    lists: list[BulletList] = []
    table: Table | None = None
    row: list | None = None
    in_head = False
    heading = None
    for t in tokens:
        kind = t.type
        if kind == "heading_open":
            heading = int(t.tag[1])
        elif kind == "blockquote_open":
            quote = []
        elif kind == "blockquote_close":
            if quote:
                blocks.append(Quote(quote))
            quote = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if lists:
                lists.append(lists[0])  # nested: items of the same list, one level in
            else:
                lists.append(BulletList([], kind == "ordered_list_open"))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            done = lists.pop()
            if not lists and quote is not None:  # a list inside a quotation
                quote.extend(Paragraph([Run("\u2022 ")] + i.runs) for i in done.items)
            elif not lists:
                blocks.append(done)
        elif kind == "table_open":
            table = Table([], [])
        elif kind == "table_close":
            blocks.append(table)
            table = None
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if in_head:
                table.header = row
            else:
                table.rows.append(row)
            row = None
        elif kind == "inline":
            runs = _runs(t)
            if row is not None:
                row.append(runs)
            elif heading:
                blocks.append(Heading(heading, runs))
                heading = None
            elif lists:
                lists[0].items.append(Item(runs, len(lists) - 1))
            elif quote is not None:
                quote.append(Paragraph(runs))
            else:
                blocks.append(Paragraph(runs))
        elif kind in ("fence", "code_block"):
            blocks.append(Paragraph([Run(t.content.rstrip("\n"))]))
    first = blocks[0] if blocks else None
    title = plain(first.runs) if isinstance(first, Heading) and first.level == 1 \
        else _("Workshop report")
    return Document(title, blocks)


def with_charts(doc: Document, charts: dict[str, list[Chart]]) -> Document:
    """Each card's charts at the end of its section (the first third-level heading that
    starts with the card's title); any whose section is no longer there (an edited heading)
    in a section of their own at the end."""
    blocks = list(doc.blocks)
    left = []
    for title, mine in charts.items():
        at = next((i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 3
                   and plain(b.runs).startswith(title)), None)
        if at is None:
            left += mine
            continue
        end = next((i for i in range(at + 1, len(blocks)) if isinstance(blocks[i], Heading)
                    and blocks[i].level <= 3), len(blocks))
        blocks[end:end] = [Figure(c) for c in mine]
    if left:
        blocks += [Heading(2, [Run(_("Charts"))]), *[Figure(c) for c in left]]
    return Document(doc.title, blocks)


def tidy_headings(doc: Document) -> Document:
    """One top-level heading (the title) and no level skipped, as screen readers and a
    PDF's bookmarks expect: a later top-level heading becomes a section, a skipped level
    moves up. An edited report without a title gets one."""
    blocks, last = [], 0
    for b in doc.blocks:
        if isinstance(b, Heading):
            level = max(2, b.level) if last else 1
            level = min(level, last + 1)
            if not last and b.level != 1:
                blocks.append(Heading(1, [Run(doc.title)]))
                level = min(max(2, b.level), 2)
            b, last = Heading(level, b.runs), level
        elif not last:
            blocks.append(Heading(1, [Run(doc.title)]))
            last = 1
        blocks.append(b)
    return Document(doc.title, blocks)
