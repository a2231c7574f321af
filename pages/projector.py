"""The big screen: current card, how to join, who has joined, live charts and comments."""

import html
import time

import streamlit as st

from pages import ui
from workshop import controls, links
from workshop.analysis import group_roles, joined_by_role
from workshop.errors import WorkshopError
from workshop.scenarios import COMMENT_KINDS
from workshop.text import inline_html, inline_markdown

# Seconds between projector refreshes. The question and the latest comments (one fragment,
# shown above the charts) refresh twice a second, so a comment is on the screen within about
# a second of being sent; they are cheap (no snapshot, no charts). Charts and the join panel
# cost far more (building plotly figures) and refresh every few seconds. Measured with
# bench/load.py (bench/README.md).
LIVE_SECONDS = 0.5
CHARTS_SECONDS = 3
WALL_SIZE = 6

st.set_page_config(layout="wide")
ws = ui.workshops()
ui.styles()
# Read from the back of a room: body text at least 24 px (1.5rem), headings larger.
st.html("<style>[data-testid='stMarkdownContainer'] p, [data-testid='stMarkdownContainer'] li,"
        "[data-testid='stCaptionContainer'] { font-size: 1.5rem !important; }</style>")


def pick_workshop() -> dict | None:
    code = st.query_params.get("code")
    if code:
        try:
            return ui.find_workshop(code)
        except WorkshopError as exc:
            ui.show_error(exc)
            return None
    wid = st.session_state.get("workshop_id")
    if ui.is_facilitator() and wid:
        return ws.get(wid)
    st.title("Projector")
    st.write("Open this page with the workshop's code, for example /projector?code=K7PM3Q. "
             "The facilitator's console has the link.")
    return None


@st.fragment(run_every=CHARTS_SECONDS)
def join_panel(wid: str) -> None:
    workshop = ws.get(wid)
    url = links.join_url(workshop["join_code"])
    st.markdown(f'<img src="{links.qr_data_uri(url)}" style="width:100%;max-width:300px" '
                f'alt="QR code to join the workshop at {html.escape(url)}">'
                f'<p style="font-size:1.4rem;margin:0">Join at <b>{html.escape(url)}</b></p>'
                f'<p style="font-size:1.4rem">Code <span style="font-size:2.4rem;'
                f'letter-spacing:0.15em;font-weight:700">{workshop["join_code"]}</span></p>',
                unsafe_allow_html=True)
    joined = joined_by_role(ws.snapshot(wid))
    st.markdown(f"### {sum(joined.values())} joined")
    st.markdown("\n".join(f"- {inline_markdown(label)}: **{n}**"
                           for label, n in joined.items()))


@st.fragment(run_every=LIVE_SECONDS)
def current_card(wid: str) -> None:
    """The card and its question: they change the moment the facilitator moves on."""
    workshop = ws.get(wid)
    pack = ws.pack_of(wid)
    question = pack.question(workshop["current_question_id"])
    card = pack.card_of(question.id)
    status = {"draft": "Not started yet", "closed": "Workshop closed"}.get(workshop["status"])
    if status:
        st.warning(status)
    timer = controls.timer_line(workshop, time.time())
    if timer:
        st.markdown(f"<p style='font-size:2.2rem;font-weight:700'>{timer}</p>",
                    unsafe_allow_html=True)
    # Typed text in HTML stays on one line (inline_html): a blank line would end the
    # HTML and let the rest be read as markdown.
    st.markdown(f"<h1 style='font-size:2.2rem'>{inline_html(card.title)}</h1>"
                f"<h2 style='font-size:2.6rem;line-height:1.25'>"
                f"{inline_html(question.prompt)}</h2>", unsafe_allow_html=True)
    with st.expander("Scenario", expanded=True):
        st.markdown(f"<p style='font-size:1.5rem'>{inline_html(card.scenario)}</p>",
                    unsafe_allow_html=True)


@st.fragment(run_every=LIVE_SECONDS)
def comment_wall(wid: str) -> None:
    """The latest comments, under the charts, refreshed quickly."""
    workshop = ws.get(wid)
    pack = ws.pack_of(wid)
    question = pack.question(workshop["current_question_id"])
    if question.kind != "comment":
        return
    total, wall, people = ws.latest_comments(wid, question.id, WALL_SIZE)
    if wall:
        # Each comment is attributed to its author's group on the chart: a role with too
        # few people goes by the pooled name (analysis.py).
        groups = group_roles(pack, people)
        st.markdown(f"### Latest comments ({total} in all)")
        for c, role in wall[::-1]:
            who = inline_html(groups.label_for(role))
            st.markdown(
                f"<p style='font-size:1.5rem;border-left:6px solid #1d70b8;"
                f"padding-left:12px'>{inline_html(c['text'])}<br><small>"
                f"{COMMENT_KINDS[c['kind']]} · {who}</small></p>", unsafe_allow_html=True)


@st.fragment(run_every=CHARTS_SECONDS)
def live_charts(wid: str) -> None:
    snapshot = ws.snapshot(wid)
    question = snapshot.pack.question(snapshot.workshop["current_question_id"])
    if not controls.results_shown(snapshot.workshop, question):
        st.info(controls.HIDDEN_RESULTS, icon=":material/visibility_off:")
        return
    ui.question_charts(ws, snapshot, question, big=True, key="proj_")


def live(wid: str) -> None:
    main, side = st.columns([3, 1], gap="large")
    with side:
        join_panel(wid)
    with main:
        current_card(wid)
        live_charts(wid)
        comment_wall(wid)


workshop = pick_workshop()
if workshop:
    live(workshop["id"])
