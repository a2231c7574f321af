"""A small workshop to write in every format, and the words read back out of each file."""

from __future__ import annotations

import io
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from store import MemoryStore
from workshop.outputs.document import BulletList, Heading, Paragraph, Quote, Table, parse, plain
from workshop.scenarios import load_packs
from workshop.workshops import Workshops

ROOT = Path(__file__).resolve().parents[1]

SAID = [("provider", 0, "Price should not be the only deciding factor: you get what you pay "
         "for", "issue"),
        ("provider", 1, "Price transparency will put off specialist providers with higher "
         "costs", "issue"),
        ("provider", 2, "Higher price means higher cost of staff wages", "issue"),
        ("commissioner", 0, "Provide a breakdown of price so the unit cost is clear", "idea"),
        ("commissioner", 1, "How do you ensure high price equals high quality?", "question"),
        ("user", 0, "People need to see the balance between cost & quality", "idea")]


def small_workshop(tmp: Path) -> tuple[Workshops, str]:
    """Ten people; comments and a poll on price transparency (two charts)."""
    ws = Workshops(MemoryStore(), load_packs(ROOT / "scenarios"), tmp / "live")
    w = ws.create("Contracting for personalised outcomes", "East Midlands", "peoples_borough",
                  date="2010-02-04", venue="Nottingham")
    wid = w["id"]
    ws.set_status(wid, "open")
    people = {role: [ws.join(wid, role, f"Table {i % 2 + 1}")["id"] for i in range(n)]
              for role, n in (("commissioner", 4), ("provider", 5), ("user", 1))}
    ws.set_current(wid, "price_transparency")
    for role, i, text, kind in SAID:
        ws.submit_comment(wid, people[role][i], "price_transparency",
                          text, kind)
    ws.set_current(wid, "price_transparency_poll")
    for i, token in enumerate(people["commissioner"]):
        ws.answer_poll(wid, token, "price_transparency_poll", "Agree" if i < 3 else "Disagree")
    for i, token in enumerate(people["provider"]):
        ws.answer_poll(wid, token, "price_transparency_poll",
                       "Strongly disagree" if i < 4 else "Agree")
    ws.answer_poll(wid, people["user"][0], "price_transparency_poll", "Agree")
    return ws, wid


def squash(text: str) -> str:
    """Text compared whatever its line breaks: runs of white space made one space."""
    return " ".join(text.replace("\u00ad", "").split())


def sentences(markdown: str) -> tuple[list[str], list[str]]:
    """The markdown's sentences (headings, paragraphs, quotations, list items) and its table
    cells, as a reader sees them (no markup)."""
    prose, cells = [], []
    for b in parse(markdown).blocks:
        if isinstance(b, (Heading, Paragraph)):
            texts = [plain(b.runs)]
        elif isinstance(b, Quote):
            texts = [plain(p.runs) for p in b.paragraphs]
        elif isinstance(b, BulletList):
            texts = [plain(i.runs) for i in b.items]
        elif isinstance(b, Table):
            cells += [squash(plain(c)) for row in [b.header, *b.rows] for c in row]
            continue
        for text in texts:
            prose += [squash(s) for s in re.split(r"(?<=[.!?:;])\s+", text) if s.strip()]
    return prose, [c for c in cells if c]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "title"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title"):
            self._skip -= 1
        elif tag in ("p", "li", "h1", "h2", "h3", "h4", "td", "th", "figcaption"):
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return squash("".join(parser.parts))


def docx_text(data: bytes) -> str:
    import docx
    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    return squash(" ".join(parts))


def pdf_text(path: Path) -> str:
    return squash(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                                 capture_output=True, text=True, check=True).stdout)
