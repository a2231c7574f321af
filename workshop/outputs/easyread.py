"""The Easy Read summary: what the meeting heard and what happens next, in short sentences
(at most 15 words, one idea each), a picture beside each point, large text, and amounts in
the words people use ("most people", "a few people") rather than figures.

Every sentence is counted from the same data as the report, with the report's rules for
quantity words (workshop/wording.py `quantity`); a sentence that would run past 15 words (a
long theme name, a long action) is left out rather than shortened by guesswork. The
pictures are drawn for the project (icons/*.svg, each with its description as its title,
and a PNG of each for Word, taken from the SVG by Chromium's headless screenshot).
"""

from __future__ import annotations

import base64
import io
import re
from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path

from workshop.analysis import summarise_poll
from workshop.decisions import agreed_of
from workshop.outputs.html import Meta, html_page, page_numbers_css
from workshop.report_words import C_, N_, _, pgettext, say, shown
from workshop.scenarios import POLL_KINDS
from workshop.wording import plural, quantity
from workshop.workshops import Snapshot

ICONS_DIR = Path(__file__).with_name("icons")
MAX_WORDS = 15
TITLE = N_("What people told us")
# The pictures' descriptions (each SVG's title), for the catalogue.
ICON_ALTS = (N_("A calendar"), N_("A light bulb"), N_("An arrow pointing forward"),
             N_("A group of people"), N_("A map pin"), N_("A question mark"),
             N_("A written report"), N_("Two speech bubbles"), N_("A thumb pointing down"),
             N_("A thumb pointing up"), N_("A tick"), N_("A worried face"))
# "most people", "many people": a quantity word (wording.quantity) with its people.
_SOME_PEOPLE = {"most": N_("most people"), "many": N_("many people"),
                "some": N_("some people"), "a few": N_("a few people")}


@dataclass(frozen=True)
class Point:
    icon: str
    text: str


@dataclass(frozen=True)
class Section:
    heading: str
    points: tuple[Point, ...]


def icon_alt(name: str) -> str:
    """A picture's description: the title drawn into its SVG."""
    svg = (ICONS_DIR / f"{name}.svg").read_text(encoding="utf-8")
    return _(re.search(r"<title>(.*?)</title>", svg).group(1))


def words(sentence: str) -> int:
    return len(sentence.split())


def sentences_of(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def _fits(text: str) -> bool:
    return all(words(s) <= MAX_WORDS for s in sentences_of(text))


_TENS = ("", C_("tens", "ten"), C_("tens", "twenty"), C_("tens", "thirty"),
         C_("tens", "forty"), C_("tens", "fifty"), C_("tens", "sixty"), C_("tens", "seventy"),
         C_("tens", "eighty"), C_("tens", "ninety"))


def _people(n: int) -> str:
    """How many people, in words people say: "ten people", "about thirty people"."""
    if n <= 10:
        return plural(n, "person", "people")
    if n >= 95:
        return _("more than a hundred people") if n > 100 else _("about a hundred people")
    return say("about %(tens)s people", tens=pgettext("tens", _TENS[round(n / 10)]))


def _many(q: str) -> str:
    """ "most people", in the summary's language."""
    return _(_SOME_PEOPLE[q])


def _date(value: str) -> str:
    from workshop.report import _date as long_date
    return long_date(value)


def _about(snapshot: Snapshot) -> list[Point]:
    w = snapshot.workshop
    people = {d["id"] for d in snapshot.delegates}
    points = [Point("place", say("This meeting was in the %(region)s area.",
                                 region=w["region"]))]
    if w.get("date"):
        points.append(Point("calendar", say("It was on %(date)s.", date=_date(w["date"]))))
    points.append(Point("people", say("%(People)s took part.", people=_people(len(people)))
                        if people else _("Nobody has taken part yet.")))
    points.append(Point("report", _("This is a short, easy read summary of what they said.")))
    return points


def _themes(snapshot: Snapshot) -> list[Point]:
    """How many people wrote comments; the themes most of them raised; the theme most
    people were worried about, had ideas about, and asked about. A theme counts wherever a
    comment has it (first or not), and the themes come in the report's order (its key
    messages: workshop/report_messages.py `theme_reach`), so the two never disagree."""
    from workshop.report_messages import theme_reach
    visible = snapshot.visible_comments
    speakers = {c["delegate_id"] for c in visible}
    if not speakers:
        return [Point("speech", _("Nobody has written anything yet."))]

    def by_theme(comments) -> Counter:
        people: dict[str, set] = {}
        for c in comments:
            for t in c["themes"]:
                people.setdefault(t["theme_id"], set()).add(c["delegate_id"])
        return Counter({t: len(p) for t, p in people.items()})

    points = [Point("people", say("%(People)s wrote comments.",
                                  people=_people(len(speakers))))]
    for reach in theme_reach(snapshot, list(snapshot.pack.cards))[:3]:
        q = quantity(len(reach.people), len(speakers))
        if q:
            points.append(Point("speech", say("%(People)s talked about %(theme)s.",
                                              people=_many(q),
                                              theme=shown(reach.label).lower())))
    for kind, icon, said in (("issue", "worry", N_("%(People)s were worried about %(theme)s.")),
                             ("idea", "idea", N_("%(People)s had ideas about %(theme)s.")),
                             ("question", "question",
                              N_("%(People)s asked questions about %(theme)s."))):
        top = by_theme([c for c in visible if c["kind"] == kind]).most_common(1)
        if top:
            q = quantity(top[0][1], len(speakers))
            if q:
                points.append(Point(icon, say(said, people=_many(q),
                                              theme=shown(snapshot.theme_label(top[0][0])).lower())))
    return points


def _polls(snapshot: Snapshot) -> list[Point]:
    """Where most people agreed or disagreed, or chose one answer."""
    points = []
    for card in snapshot.pack.cards:
        for question in card.questions:
            if question.kind not in POLL_KINDS:
                continue
            poll = summarise_poll(snapshot, question.id)
            n = poll.n_people
            if n < 2:
                continue
            title = shown(card.title)
            topic = title[0].lower() + title[1:]
            if question.kind == "scale":
                agree = poll.totals["Agree"] + poll.totals["Strongly agree"]
                disagree = poll.totals["Disagree"] + poll.totals["Strongly disagree"]
                side, k = ("agreed", agree) if agree >= disagree else ("disagreed", disagree)
                q = quantity(k, n)
                if q:
                    points.append(Point("thumbs-up" if side == "agreed" else "thumbs-down",
                                        say(N_("About %(topic)s, %(people)s agreed.")
                                            if side == "agreed" else
                                            N_("About %(topic)s, %(people)s disagreed."),
                                            topic=topic, people=_many(q))))
            else:
                best = max(poll.choices, key=lambda c: poll.totals[c])
                q = quantity(poll.totals[best], n)
                if q:
                    points.append(Point("tick", say("About %(topic)s, %(people)s chose: "
                                                    "%(answer)s.", topic=topic,
                                                    people=_many(q),
                                                    answer=shown(best).rstrip("."))))
    return points


def _next(snapshot: Snapshot) -> list[Point]:
    actions = [a.text.strip() for a in agreed_of(snapshot.workshop) if a.kind == "action"]
    points = [Point("tick", a if a.endswith((".", "!", "?")) else a + ".") for a in actions]
    points.append(Point("report", _("A longer report gives all the details.")))
    points.append(Point("next", _("Ask the people who ran the meeting for a copy.")))
    return points


def summary(snapshot: Snapshot) -> list[Section]:
    """The sections, each point a sentence or two of at most 15 words."""
    sections = [(_("About the meeting"), _about(snapshot)),
                (_("What people said"), _themes(snapshot)),
                (_("What people thought"), _polls(snapshot)),
                (_("What happens next"), _next(snapshot))]
    return [Section(h, tuple(p for p in points if _fits(p.text)))
            for h, points in sections if any(_fits(p.text) for p in points)]


def plain_text(sections: list[Section]) -> str:
    return "\n".join([_(TITLE), *[f"{s.heading}\n" + "\n".join(p.text for p in s.points)
                               for s in sections]])


# --- writing it out ---------------------------------------------------------------------

CSS = """
html { font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; color: #0b0c0c;
       background: #fff; line-height: 1.5; }
body { margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: 40rem; font-size: 1.5rem; }
h1 { font-size: 2.5rem; line-height: 1.2; margin: 0 0 1.5rem; }
h2 { font-size: 2rem; line-height: 1.2; margin: 2.5rem 0 1rem; }
ul { list-style: none; margin: 0; padding: 0; }
li { display: flex; align-items: center; gap: 1.25rem; margin: 0 0 1.25rem; }
li img { flex: none; width: 96px; height: 96px; }
li p { margin: 0; }
"""
PRINT_CSS = """
@page { size: A4; margin: 20mm;
        @bottom-right { content: "Page " counter(page) " of " counter(pages);
                        font-family: Arial, "Liberation Sans", sans-serif; font-size: 14pt; } }
body { font-size: 16pt; max-width: none; padding: 0; }
h1 { font-size: 28pt; } h2 { font-size: 22pt; break-after: avoid; }
li { break-inside: avoid; }
li img { width: 28mm; height: 28mm; }
"""


def _svg_uri(name: str) -> str:
    data = base64.b64encode((ICONS_DIR / f"{name}.svg").read_bytes()).decode("ascii")
    return f"data:image/svg+xml;base64,{data}"


def page(sections: list[Section], meta: Meta, printed: bool = False) -> str:
    body = []
    for s in sections:
        body.append(f"<h2>{escape(s.heading)}</h2>\n<ul>")
        body += [f'<li><img src="{_svg_uri(p.icon)}" alt="{escape(icon_alt(p.icon))}">'
                 f"<p>{escape(p.text)}</p></li>" for p in s.points]
        body.append("</ul>")
    return html_page(f"<h1>{escape(_(TITLE))}</h1>\n" + "\n".join(body), meta,
                     CSS + (PRINT_CSS + page_numbers_css(meta.lang) if printed else ""))


def docx_bytes(sections: list[Section], meta: Meta) -> bytes:
    from docx import Document
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from workshop.outputs.word import _a4, _language, _plain_styles, page_numbers
    picture_width, words_width = Cm(3.5), Cm(12.5)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(16)
    for level, size in ((1, 28), (2, 22)):
        style = doc.styles[f"Heading {level}"]
        style.font.size = Pt(size)
    _plain_styles(doc, ["Heading 1", "Heading 2"])
    from workshop.outputs.word import LANGUAGE_TAGS
    tag = LANGUAGE_TAGS.get(meta.lang, "en-GB")
    _language(doc, tag)
    _a4(doc)
    page_numbers(doc, meta.lang, 14)
    doc.add_heading(_(TITLE), level=1)
    for s in sections:
        doc.add_heading(s.heading, level=2)
        table = doc.add_table(rows=0, cols=2)
        table.autofit = False
        for column, width in zip(table.columns, (picture_width, words_width)):
            column.width = width  # the picture close to its words, the words on long lines
        for p in s.points:
            picture, words_cell = table.add_row().cells
            picture.width, words_cell.width = picture_width, words_width
            run = picture.paragraphs[0].add_run()
            run.add_picture(io.BytesIO((ICONS_DIR / f"{p.icon}.png").read_bytes()),
                            width=Cm(2.8))
            for props in run._r.iter(qn("wp:docPr")):
                props.set("descr", icon_alt(p.icon))
            words_cell.paragraphs[0].add_run(p.text)
            for cell in (picture, words_cell):
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    props = doc.core_properties
    props.title, props.subject, props.author = meta.title, meta.subject, meta.author
    import datetime as dt
    props.created = dt.datetime.fromisoformat(meta.created)
    props.language = tag
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_easy_read(snapshot: Snapshot, fmt: str) -> bytes:
    from workshop.outputs import meta
    sections = summary(snapshot)
    info = meta(f"{_(TITLE)}: {snapshot.workshop['title']}",
                say("Easy read summary of the %(region)s workshop",
                    region=snapshot.workshop["region"]))
    if fmt == "easyread":
        return page(sections, info).encode("utf-8")
    if fmt == "easyread-docx":
        return docx_bytes(sections, info)
    import weasyprint
    return weasyprint.HTML(string=page(sections, info, printed=True)).write_pdf(
        pdf_variant="pdf/ua-1")
