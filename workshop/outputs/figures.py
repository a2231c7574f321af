"""The report's charts, as pictures for documents: the console's charts (workshop/charts.py)
drawn a page wide, each with the sentence a screen reader reads instead.

Pictures are drawn by plotly's static export (kaleido, driving the installed Chromium).
Where that cannot run, a document still carries each chart's sentence, without the picture.
"""

from __future__ import annotations

import logging
import threading
import warnings
from dataclasses import dataclass

from workshop import charts, report_words
from workshop.analysis import summarise_comments, summarise_poll
from workshop.results import (EVERYONE, board_result, points_result, rating_result,
                              ranking_result, scoring_result, sort_result)
from workshop.report_words import say
from workshop.scenarios import Question
from workshop.workshops import Snapshot

log = logging.getLogger(__name__)

SCALE = 2  # pixels per chart unit: sharp when printed
_ONE_BROWSER = threading.Lock()  # the exporting browser is one per process


@dataclass
class Chart:
    """One chart of one question: its title, the sentence beside it, and its picture
    (PNG bytes; None where pictures cannot be drawn)."""
    title: str
    sentence: str
    figure: object
    png: bytes | None = None

    @property
    def alt(self) -> str:
        """The text alternative: what the chart shows, in words."""
        return say("Chart: %(title)s. %(sentence)s", title=self.title, sentence=self.sentence)


def _chart(figure, sentence: str) -> Chart:
    title = figure.layout.title.text or "Chart"
    return Chart(title, sentence, figure)


def question_charts(snapshot: Snapshot, question: Question) -> list[Chart]:
    """The chart of one question, as the console shows it, in the report's language; none
    before any answer."""
    with charts.speaking(report_words.current(), snapshot.pack):
        return _question_charts(snapshot, question)


def _question_charts(snapshot: Snapshot, question: Question) -> list[Chart]:
    page, kind = charts.PAGE, question.kind
    if kind == "comment":
        s = summarise_comments(snapshot, question.id)
        return [_chart(charts.theme_chart(s, page), charts.describe_comments(s))] \
            if s.n_comments and s.theme_totals else []
    if kind in ("ranking", "points"):
        r = (ranking_result if kind == "ranking" else points_result)(snapshot, question.id)
        return [_chart(charts.order_chart(r, kind, page), charts.describe_order(r, kind))] \
            if r.n_people else []
    if kind == "scoring_matrix":
        r = scoring_result(snapshot, question.id)
        return [_chart(charts.scoring_chart(r, page), charts.describe_scoring(r))] \
            if r.n_judges else []
    if kind == "rating_matrix":
        r = rating_result(snapshot, question.id)
        return [_chart(charts.rating_heatmap(r, question.options, question.dimensions,
                                             EVERYONE, page),
                       charts.describe_rating(r, question.options, question.dimensions))] \
            if r.n_groups else []
    if kind == "card_sort":
        r = sort_result(snapshot, question.id)
        revealed = question.id in (snapshot.workshop.get("revealed") or ())
        return [_chart(charts.sort_chart(r, question.categories, revealed, page),
                       charts.describe_sort(r, revealed))] if r.n_people else []
    if kind == "idea_board":
        r = board_result(snapshot, question.id)
        return [_chart(charts.board_chart(r, question.tags, page),
                       charts.describe_board(r))] if r.ideas else []
    p = summarise_poll(snapshot, question.id)
    return [_chart(charts.poll_chart(p, kind, page), charts.describe_poll(p))] \
        if p.n_people else []


def report_charts(snapshot: Snapshot, pictures: bool = True) -> dict[str, list[Chart]]:
    """Every card's charts, by card title (cards with no answers have none), drawn."""
    found = {}
    for card in snapshot.pack.cards:
        mine = [c for q in card.questions for c in question_charts(snapshot, q)]
        if mine:
            found[card.title] = mine
    if pictures:
        draw([c for mine in found.values() for c in mine])
    return found


def draw(found: list[Chart]) -> None:
    """Each chart's picture, drawn in one browser; left out (with a note in the log) where
    the browser cannot start."""
    if not found:
        return
    try:
        import kaleido
        with _ONE_BROWSER, warnings.catch_warnings():
            # (plotly warns that its export options go unused with a running browser.)
            warnings.simplefilter("ignore", UserWarning)
            # mathjax=False: the page the charts are drawn in fetches nothing online.
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            try:
                for c in found:
                    c.png = c.figure.to_image(format="png", scale=SCALE,
                                              width=c.figure.layout.width or charts.PAGE.width)
            finally:
                kaleido.stop_sync_server(silence_warnings=True)
    except Exception as exc:  # no browser here: the sentences still carry every chart
        log.warning("Chart pictures could not be drawn (%s); the report carries each "
                    "chart's sentence instead.", exc)
        for c in found:
            c.png = None
