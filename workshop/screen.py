"""The big screen as a present mode: what fits on one projector screen, with nothing to
scroll and nothing to click.

Nobody scrolls a projector. The projector page learns the browser window's size (a tiny
script reports it: there is no other way to know it, and screens differ: 1920x1080,
1280x720, 1024x768) and lays out fixed regions for that size: the card at the top, the
join panel on the right, one chart, and (for comment questions) the latest comments
beside it. Everything is drawn for a 1920x1080 screen and scaled with the window, so a
720-line projector shows the same picture, with the same share of the screen for each
word. Sizes are CSS pixels. Lists longer than a region holds show their top entries
("top 6 of 14") or turn pages by themselves (`page_now`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from workshop.i18n import translations

DESIGN_WIDTH, DESIGN_HEIGHT = 1920, 1080
# Text sizes at 1920x1080. Chart words and comments at least 22 px: readable from the
# back of a room on a projector (about 1/50 of the screen's height).
CHART_FONT = 22
CHART_TITLE_FONT = 26
PROMPT_FONT = 38
SMALL_PROMPT_FONT = 32          # for a question too long for three lines at the usual size
CARD_FONT = 24
TEXT_FONT = 24                  # scenario, the chart's sentence, comments
META_FONT = 22                  # "Idea · Care provider" under a comment
CODE_FONT = 46
# Average width of a character of the page's text (Source Sans, mixed text) as a share
# of the font size, rounded up so estimates err towards more lines.
CHAR_WIDTH = 0.52
LINE = 1.3                      # line height, as a share of the font size

# The scenario is for phones (and read aloud); the room gets its plain-English version
# when it is short, or its opening sentences up to this length.
ROOM_SCENARIO_CHARS = 200
# Pages of a long list (the comment wall, a long chart) turn every this many seconds;
# a comment newer than this is shown at once on the first page.
PAGE_SECONDS = 12
WALL_DEPTH = 3                  # pages of the latest comments the wall turns through
COMMENT_LINES = 3               # a long comment is cut to this many lines, with "…"


@dataclass(frozen=True)
class Screen:
    """The projector window, in CSS pixels."""
    width: int = DESIGN_WIDTH
    height: int = DESIGN_HEIGHT

    @classmethod
    def of(cls, size) -> Screen:
        """The screen a browser reported as [width, height]; the design size when it
        reported nothing usable (a page run without a browser, or a missing script)."""
        try:
            w, h = (int(v) for v in size)
        except (TypeError, ValueError):
            return cls()
        if not (320 <= w <= 10000 and 240 <= h <= 10000):
            return cls()
        return cls(w, h)

    @property
    def scale(self) -> float:
        """How big everything is drawn, relative to 1920x1080 (at least half size)."""
        return max(0.5, min(self.width / DESIGN_WIDTH, self.height / DESIGN_HEIGHT))

    def px(self, design_px: float) -> int:
        return max(1, round(design_px * self.scale))


@dataclass(frozen=True)
class ChartBox:
    """The space one chart has, and its text size."""
    width: int
    height: int
    font: int
    title_font: int


@dataclass(frozen=True)
class Layout:
    """Every region of the projector page for one screen and one question."""
    screen: Screen
    pad_x: int
    pad_y: int
    gap: int
    side_width: int
    main_width: int
    header_height: int
    card_font: int
    prompt_font: int
    text_font: int
    scenario: str
    sentence_height: int
    chart: ChartBox
    wall_width: int             # 0 when there is no comment wall
    wall_height: int
    wall_size: int              # the most comments one page of the wall could hold
    qr: int
    code_font: int
    meta_font: int


# Widths of Arial's (and Liberation Sans's) printable ASCII characters, in thousandths of
# the font size (its published metrics), for fitting chart labels: charts use Arial.
_ARIAL = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
    "abcdefghijklmnopqrstuvwxyz{|}~",
    (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
     *[556] * 10, 278, 278, 584, 584, 584, 556, 1015,
     667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778,
     722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333,
     556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556,
     333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584)))


def text_width(text: str, font: float) -> float:
    """The width of one line of chart text (Arial) at this font size, in pixels."""
    return sum(_ARIAL.get(ch, 600) for ch in text) * font / 1000


def lines_of(text: str, font: int, width: int) -> int:
    """How many lines text takes at this font size in this width (an upper estimate)."""
    per_line = max(1, int(width / (font * CHAR_WIDTH)))
    words, lines, used = text.split(), 1, 0
    for w in words:
        need = len(w) + (1 if used else 0)
        if used and used + need > per_line:
            lines, used = lines + 1, len(w)
        else:
            used += need
    return lines


def room_scenario(card, question=None) -> str:
    """What the room reads of a card's scenario: its plain-English version (or the
    scenario itself) when short; otherwise its opening sentences up to
    ROOM_SCENARIO_CHARS; nothing when even the first sentence is longer. The scenario
    leads into the card's first question: with a later one (a poll after the discussion,
    or a different task on the same card) the question stands on its own."""
    if question is not None and card.questions and question.id != card.questions[0].id:
        return ""
    text = " ".join((card.plain_scenario or card.scenario or "").split())
    if len(text) <= ROOM_SCENARIO_CHARS:
        return text
    kept = ""
    for sentence in re.split(r"(?<=[.?!])\s+", text):
        if len(kept) + len(sentence) + 1 > ROOM_SCENARIO_CHARS:
            break
        kept = f"{kept} {sentence}".strip()
    return kept


def layout(screen: Screen, card, question) -> Layout:
    """The regions of the projector page. The card (title, question and, when short,
    the scenario) across the top; the join panel on the right; under the card one
    chart with its sentence, and for a comment question the latest comments beside it."""
    px = screen.px
    pad_x, pad_y, gap = px(32), px(20), px(24)
    side = px(330)
    main = screen.width - 2 * pad_x - side - gap
    card_font, text_font = px(CARD_FONT), px(TEXT_FONT)
    prompt_font = px(PROMPT_FONT)
    prompt_lines = lines_of(question.prompt, prompt_font, main)
    if prompt_lines > 3:
        prompt_font = px(SMALL_PROMPT_FONT)
        prompt_lines = lines_of(question.prompt, prompt_font, main)
    scenario = room_scenario(card, question)
    scenario_lines = min(2, lines_of(scenario, text_font, main)) if scenario else 0
    header = (math.ceil(card_font * LINE) + px(6)
              + math.ceil(prompt_lines * prompt_font * 1.2) + px(10)
              + math.ceil(scenario_lines * text_font * LINE))
    sentence = math.ceil(2 * text_font * LINE)
    below = screen.height - 2 * pad_y - header - gap
    chart_font, title_font = px(CHART_FONT), px(CHART_TITLE_FONT)
    wall_width = wall_height = wall_size = 0
    chart_width = main
    if question.kind == "comment":
        chart_width = int(main * 0.55)
        wall_width = main - chart_width - gap
        wall_height = below
        one_line = (math.ceil(text_font * LINE) + math.ceil(px(META_FONT) * LINE) + px(26))
        wall_size = max(1, wall_height // one_line)  # the most that could fit
    chart = ChartBox(chart_width, below - sentence - px(8), chart_font, title_font)
    return Layout(screen, pad_x, pad_y, gap, side, main, header, card_font, prompt_font,
                  text_font, scenario, sentence, chart,
                  wall_width, wall_height, wall_size, px(230), px(CODE_FONT), px(META_FONT))


def page_index(pages: int, now: float, newest_age: float | None = None,
               seconds: int = PAGE_SECONDS) -> int:
    """Which of `pages` pages of a long list to show now. Pages turn every `seconds`;
    while the newest item is younger than that, the first page stays, so something just
    sent is on the screen at once."""
    if pages <= 1 or (newest_age is not None and newest_age < seconds):
        return 0
    return int(now // seconds) % pages


def page_now(n_items: int, per_page: int, now: float, newest_age: float | None = None,
             seconds: int = PAGE_SECONDS) -> tuple[int, int]:
    """The page of a list shown now, as (first item, items on each page). At most
    `per_page` on a page, shared out evenly (8 in pages of 7 are two pages of 4)."""
    pages = max(1, math.ceil(n_items / max(1, per_page)))
    even = math.ceil(n_items / pages) if n_items else per_page
    return page_index(pages, now, newest_age, seconds) * even, even


def comment_height(lay: Layout, text: str, meta: str) -> int:
    """The height one comment takes on the wall (an upper estimate)."""
    inner = lay.wall_width - lay.screen.px(24)  # less its border and padding
    lines = min(COMMENT_LINES, lines_of(text, lay.text_font, inner))
    return (math.ceil(lines * lay.text_font * LINE)
            + math.ceil(lines_of(meta, lay.meta_font, inner) * lay.meta_font * LINE)
            + lay.screen.px(12) + lay.screen.px(14))  # padding, and the space after it


def wall_pages(items: list[tuple[str, str]], lay: Layout) -> list[tuple[int, int]]:
    """The latest comments, newest first, as (text, "Idea · Care provider"), shared into
    pages of the wall (at most WALL_DEPTH), each as (first, end): as many as fit on each,
    from their length (a long one is cut to COMMENT_LINES lines)."""
    longest = wall_heading(99_999, WALL_DEPTH - 1, WALL_DEPTH)
    heading = lines_of(longest, lay.text_font, lay.wall_width)
    room = lay.wall_height - math.ceil(heading * lay.text_font * LINE) - lay.screen.px(12)
    pages, start, used = [], 0, 0
    for i, (text, meta) in enumerate(items):
        need = comment_height(lay, text, meta)
        if i > start and used + need > room:
            pages.append((start, i))
            start, used = i, 0
        used += need
    if start < len(items):
        pages.append((start, len(items)))
    return pages[:WALL_DEPTH]


def wall_heading(total: int, page: int, pages: int, lang: str | None = None) -> str:
    """What the wall says above its comments: how many in all, and which page (in LANG,
    English unless given)."""
    gettext = translations(lang, "screens").gettext
    return gettext("Latest comments: {total} in all").format(total=f"{total:,}") + (
        " · " + gettext("page {page} of {pages}").format(page=page + 1, pages=pages)
        if pages > 1 else "")


def seconds_since(stamp: str | None, now: float) -> float | None:
    """Seconds from a saved time (ISO 8601) to now; None when there is no usable time."""
    try:
        return now - dt.datetime.fromisoformat(stamp).timestamp()
    except (TypeError, ValueError):
        return None
