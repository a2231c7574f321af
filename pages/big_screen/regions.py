"""The projector's regions: the card and its question, the join panel, the live chart
and the comment wall, each bringing itself up to date."""

from __future__ import annotations

import html
import time

import streamlit as st

from pages.facilitator import records
from pages.shared import language
from pages.shared.charts import question_charts
from pages.shared.language import _, ngettext
from workshop import controls, links, screen
from workshop.analysis import POOLED, group_roles, joined_by_role
from workshop.text import inline_html
from workshop.workshops import Workshops

# Seconds between projector refreshes. The question and the latest comments refresh twice
# a second, so a comment is on the screen within about a second of being sent; they are
# cheap (no snapshot, no charts). The chart and the join panel cost far more (building
# plotly figures) and refresh every few seconds. Measured with bench/load.py
# (bench/README.md).
LIVE_SECONDS = 0.5
CHARTS_SECONDS = 3


def current_question(ws: Workshops, wid: str):
    workshop = ws.get(wid)
    pack = ws.pack_of(wid)
    return workshop, pack, pack.question(workshop["current_question_id"])


def _moved_on(question, workshop: dict | None = None) -> bool:
    """Whether the facilitator has moved to another question, or changed the projector's
    language, since the page was laid out (then the whole page is laid out again)."""
    spoken = (workshop or {}).get("screen_language") or "en"
    return (question.id != st.session_state.get("proj_question")
            or (workshop is not None and spoken != language.current()))


@st.fragment(run_every=CHARTS_SECONDS)
def join_panel(ws: Workshops, wid: str) -> None:
    workshop = ws.get(wid)
    url = links.join_url(workshop["join_code"])
    joined = joined_by_role(ws.snapshot(wid))
    status = {"draft": _("Not started yet"),
              "closed": _("Workshop closed")}.get(workshop["status"])
    labels = language_labels(ws, wid)
    with st.container(key="proj_join"):
        st.markdown(
            "<div class='proj-join'>"
            + (f"<p class='status'>{status}</p>" if status else "")
            + f"<img src='{links.qr_data_uri(url)}' alt='"
            + html.escape(_("QR code to join the workshop at {url}").format(url=url), quote=True)
            + "'>"
            + "<p class='url'>" + _("Join at {url}").format(
                url=f"<b>{html.escape(url)}</b>") + "</p>"
            + "<p>" + _("Code {code}").format(
                code=f"<span class='code'>{workshop['join_code']}</span>") + "</p>"
            + "<h2>" + ngettext("{n} joined", "{n} joined", sum(joined.values())).format(
                n=f"{sum(joined.values()):,}") + "</h2><ul>"
            + "".join(f"<li>{inline_html(labels.get(label, label))}: <b>{n:,}</b></li>"
                      for label, n in joined.items())
            + "</ul></div>", unsafe_allow_html=True, anchors=False)


def language_labels(ws: Workshops, wid: str) -> dict[str, str]:
    """Each role's English label -> its label in the projector's language (roles are
    counted and grouped by their English labels)."""
    pack = ws.pack_of(wid)
    local = pack.in_language(language.current())
    said = {r.label: local.role_label(r.id) for r in pack.roles}
    said[POOLED] = _(POOLED)
    return said


@st.fragment(run_every=LIVE_SECONDS)
def current_card(ws: Workshops, wid: str) -> None:
    """The card and its question: they change the moment the facilitator moves on."""
    workshop, pack, question = current_question(ws, wid)
    if _moved_on(question, workshop):
        st.rerun()
    lay = st.session_state.proj_layout
    local = pack.in_language(language.current())
    card = local.card_of(question.id)
    prompt = local.question(question.id).prompt
    timer = controls.timer_line(workshop, time.time(), language.current())
    # Typed text in HTML stays on one line (inline_html): a blank line would end the
    # HTML and let the rest be read as markdown.
    with st.container(key="proj_head"):
        st.markdown(
            f"<h1 class='proj-card'>{inline_html(card.title)}"
            + (f" · <span class='proj-timer'>{html.escape(timer)}</span>" if timer else "")
            + "</h1>"
            f"<h2 class='proj-prompt'>{inline_html(prompt)}</h2>"
            + (f"<p class='proj-text'>{inline_html(lay.scenario)}</p>" if lay.scenario
               else ""), unsafe_allow_html=True, anchors=False)


@st.fragment(run_every=LIVE_SECONDS)
def comment_wall(ws: Workshops, wid: str) -> None:
    """The latest comments beside the chart, newest first; with more than fit, the wall
    turns through pages of the latest ones (a new comment shows on the first at once)."""
    __, pack, question = current_question(ws, wid)
    if _moved_on(question):
        st.rerun()
    lay = st.session_state.proj_layout
    total, latest, people = ws.latest_comments(wid, question.id,
                                               lay.wall_size * screen.WALL_DEPTH)
    # Each comment is attributed to its author's group on the chart: a role with too few
    # people goes by the pooled name (analysis.py).
    groups = group_roles(pack, people)
    kinds, labels = language.kinds(pack), language_labels(ws, wid)
    items = [(" ".join(c["text"].split()),
              f"{kinds.get(c['kind'], c['kind'])} · "
              f"{labels.get(groups.label_for(role), groups.label_for(role))}")
             for c, role in latest]
    items = items[::-1]  # newest first
    pages = screen.wall_pages(items, lay)
    now = time.time()
    age = screen.seconds_since(latest[-1][0].get("created_at"), now) if latest else None
    page = screen.page_index(len(pages), now, age)
    first, end = pages[page] if pages else (0, 0)
    heading = screen.wall_heading(total, page, len(pages), language.current())
    shown = items[first:end]
    with st.container(key="proj_wall"):
        if not shown:
            return
        st.markdown(
            f"<section class='proj-wall'><h2>{heading}</h2><ul>"
            + "".join(f"<li><p class='said'>{inline_html(text)}</p>"
                      f"<p class='who'>{inline_html(meta)}</p></li>" for text, meta in shown)
            + "</ul></section>", unsafe_allow_html=True, anchors=False)


@st.fragment(run_every=CHARTS_SECONDS)
def live_chart(ws: Workshops, wid: str) -> None:
    snapshot = ws.snapshot(wid)
    question = snapshot.pack.question(snapshot.workshop["current_question_id"])
    if _moved_on(question):
        st.rerun()
    with st.container(key="proj_chart"):
        lay = st.session_state.proj_layout
        if records.projector_decision(snapshot, question, lay.prompt_font,
                                      language.current()):
            return  # the panel's decision, shown by the facilitator, in place of the chart
        if not controls.results_shown(snapshot.workshop, question):
            st.markdown(f"<p class='proj-sentence'>{html.escape(_(controls.HIDDEN_RESULTS))}</p>",
                        unsafe_allow_html=True)
            return
        question_charts(ws, snapshot, question, box=st.session_state.proj_layout.chart,
                           key="proj_", now=time.time())
