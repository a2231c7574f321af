"""The big screen, a present mode: the current card, how to join, who has joined, one live
chart and the latest comments, laid out to fit the window exactly (workshop/screen.py),
with nothing to scroll and nothing to click."""

import html
import time

import streamlit as st

from pages import ui
from pages.facilitator import records
from workshop import controls, links, screen
from workshop.analysis import group_roles, joined_by_role
from workshop.errors import WorkshopError
from workshop.text import inline_html

# Seconds between projector refreshes. The question and the latest comments refresh twice
# a second, so a comment is on the screen within about a second of being sent; they are
# cheap (no snapshot, no charts). The chart and the join panel cost far more (building
# plotly figures) and refresh every few seconds. Measured with bench/load.py
# (bench/README.md).
LIVE_SECONDS = 0.5
CHARTS_SECONDS = 3

# The window's size decides every size on the page, and only the browser knows it
# (st.context has no viewport). This script reports it, and again after a resize, as the
# component's state: the page then re-runs laid out for it. Why not CSS alone: the chart
# is drawn by plotly at sizes chosen here (its text in pixels, and how many rows fit),
# so Python must know the pixels; a `?screen=720` setting would be one more thing for the
# facilitator to get right on a projector they have never seen.
VIEWPORT_JS = """
export default function (component) {
  const { data, setStateValue } = component;
  const report = () => {
    const size = [window.innerWidth, window.innerHeight];
    if (!data || data[0] !== size[0] || data[1] !== size[1]) setStateValue("size", size);
  };
  let timer = null;
  const later = () => { clearTimeout(timer); timer = setTimeout(report, 300); };
  window.addEventListener("resize", later);
  report();
  return () => { clearTimeout(timer); window.removeEventListener("resize", later); };
}
"""
_viewport = st.components.v2.component("projector_viewport", js=VIEWPORT_JS)

st.set_page_config(layout="wide")
ws = ui.workshops()
ui.styles()


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


def window() -> screen.Screen:
    """The projector window, as its browser reported it (the design size until then)."""
    size = st.session_state.get("proj_size")
    reported = _viewport(key="proj_viewport", data=size, default={"size": size},
                         on_size_change=lambda: None).size
    st.session_state.proj_size = reported
    return screen.Screen.of(reported)


def styles(lay: screen.Layout) -> None:
    """The page as fixed regions of the window: Streamlit's header, toolbar and padding
    are hidden on this page only, and every region has a height it never grows past."""
    s, c = lay.screen, lay.chart
    st.html(f"""<style>
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
.st-key-proj_viewport {{ display: none !important; }}
[data-testid="stMain"] {{ overflow: hidden !important; }}
[data-testid="stMainBlockContainer"] {{ padding: {lay.pad_y}px {lay.pad_x}px !important;
  max-width: none !important; }}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {{ gap: 0 !important; }}
[data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"] {{
  gap: {lay.gap}px !important; flex-wrap: nowrap !important; }}
.st-key-proj_page > div > [data-testid="stHorizontalBlock"] > [data-testid="stColumn"]:last-child {{
  flex: 0 0 {lay.side_width}px !important; width: {lay.side_width}px !important; }}
.st-key-proj_page [data-testid="stColumn"] {{ min-width: 0 !important; }}
{_region("proj_head", lay.header_height + lay.gap)}
{_region("proj_chart", c.height + lay.sentence_height + s.px(8))}
{_region("proj_wall", lay.wall_height)}
{_region("proj_join", s.height - 2 * lay.pad_y)}
.proj-card {{ font-size: {lay.card_font}px !important; line-height: {screen.LINE} !important;
  margin: 0 0 {s.px(6)}px !important; padding: 0 !important; color: #505a5f;
  font-weight: 600 !important; }}
.proj-timer {{ background: #ffdd00; color: #0b0c0c; font-weight: 700;
  padding: 0 {s.px(8)}px; }}
.proj-prompt {{ font-size: {lay.prompt_font}px !important; line-height: 1.2 !important;
  margin: 0 0 {s.px(10)}px !important; padding: 0 !important; font-weight: 700 !important; }}
.proj-text, .proj-sentence, .proj-wall li, .proj-join p, .proj-join li {{
  font-size: {lay.text_font}px !important; line-height: {screen.LINE} !important;
  margin: 0 !important; }}
.proj-text, .proj-sentence {{ display: -webkit-box; -webkit-box-orient: vertical;
  -webkit-line-clamp: 2; overflow: hidden; }}
.proj-sentence {{ margin-top: {s.px(8)}px !important; }}
.proj-wall h2, .proj-join h2 {{ font-size: {lay.text_font}px !important; line-height: {screen.LINE};
  margin: 0 0 {s.px(12)}px !important; padding: 0 !important; font-weight: 700; }}
.proj-wall ul, .proj-join ul {{ list-style: none; margin: 0; padding: 0; }}
.proj-wall li {{ border-left: {s.px(6)}px solid #1d70b8;
  padding: {s.px(6)}px 0 {s.px(6)}px {s.px(12)}px;
  margin: 0 0 {s.px(14)}px !important; }}
.proj-wall .said {{ display: -webkit-box; -webkit-box-orient: vertical;
  -webkit-line-clamp: {screen.COMMENT_LINES}; overflow: hidden; margin: 0; }}
.proj-wall .who {{ font-size: {lay.meta_font}px; color: #505a5f; margin: 0; }}
.proj-join img {{ width: {lay.qr}px; height: {lay.qr}px; display: block;
  margin-bottom: {s.px(8)}px; }}
.proj-join .url {{ overflow-wrap: anywhere; }}
.proj-join .code {{ font-size: {lay.code_font}px; font-weight: 700; letter-spacing: 0.12em;
  line-height: 1.2; display: block; margin-bottom: {s.px(18)}px; }}
.proj-join .status {{ background: #ffdd00; color: #0b0c0c; font-weight: 700;
  padding: {s.px(6)}px {s.px(10)}px; margin-bottom: {s.px(12)}px !important; }}
</style>""")


def _region(key: str, height: int) -> str:
    """CSS for a region of a fixed height (a Streamlit container sizes itself to its
    content otherwise). What would not fit is cut off rather than scrolled."""
    return (f".st-key-{key} {{ height: {height}px !important; min-height: {height}px "
            f"!important; max-height: {height}px !important; flex: 0 0 auto !important; "
            "overflow: hidden; }")


def _question(wid: str):
    workshop = ws.get(wid)
    pack = ws.pack_of(wid)
    return workshop, pack, pack.question(workshop["current_question_id"])


def _moved_on(question) -> bool:
    """Whether the facilitator has moved to another question since the page was laid
    out (then the whole page is laid out again)."""
    return question.id != st.session_state.get("proj_question")


@st.fragment(run_every=CHARTS_SECONDS)
def join_panel(wid: str) -> None:
    workshop = ws.get(wid)
    url = links.join_url(workshop["join_code"])
    joined = joined_by_role(ws.snapshot(wid))
    status = {"draft": "Not started yet", "closed": "Workshop closed"}.get(workshop["status"])
    with st.container(key="proj_join"):
        st.markdown(
            "<div class='proj-join'>"
            + (f"<p class='status'>{status}</p>" if status else "")
            + f"<img src='{links.qr_data_uri(url)}' alt='QR code to join the workshop at "
            f"{html.escape(url)}'>"
            f"<p class='url'>Join at <b>{html.escape(url)}</b></p>"
            f"<p>Code <span class='code'>{workshop['join_code']}</span></p>"
            f"<h2>{sum(joined.values()):,} joined</h2><ul>"
            + "".join(f"<li>{inline_html(label)}: <b>{n:,}</b></li>"
                      for label, n in joined.items())
            + "</ul></div>", unsafe_allow_html=True, anchors=False)


@st.fragment(run_every=LIVE_SECONDS)
def current_card(wid: str) -> None:
    """The card and its question: they change the moment the facilitator moves on."""
    workshop, pack, question = _question(wid)
    if _moved_on(question):
        st.rerun()
    lay = st.session_state.proj_layout
    card = pack.card_of(question.id)
    timer = controls.timer_line(workshop, time.time())
    # Typed text in HTML stays on one line (inline_html): a blank line would end the
    # HTML and let the rest be read as markdown.
    with st.container(key="proj_head"):
        st.markdown(
            f"<h1 class='proj-card'>{inline_html(card.title)}"
            + (f" · <span class='proj-timer'>{html.escape(timer)}</span>" if timer else "")
            + "</h1>"
            f"<h2 class='proj-prompt'>{inline_html(question.prompt)}</h2>"
            + (f"<p class='proj-text'>{inline_html(lay.scenario)}</p>" if lay.scenario
               else ""), unsafe_allow_html=True, anchors=False)


@st.fragment(run_every=LIVE_SECONDS)
def comment_wall(wid: str) -> None:
    """The latest comments beside the chart, newest first; with more than fit, the wall
    turns through pages of the latest ones (a new comment shows on the first at once)."""
    _, pack, question = _question(wid)
    if _moved_on(question):
        st.rerun()
    lay = st.session_state.proj_layout
    total, latest, people = ws.latest_comments(wid, question.id,
                                               lay.wall_size * screen.WALL_DEPTH)
    # Each comment is attributed to its author's group on the chart: a role with too few
    # people goes by the pooled name (analysis.py).
    groups = group_roles(pack, people)
    items = [(" ".join(c["text"].split()),
              f"{pack.kind_label(c['kind'])} · {groups.label_for(role)}") for c, role in latest]
    items = items[::-1]  # newest first
    pages = screen.wall_pages(items, lay)
    now = time.time()
    age = screen.seconds_since(latest[-1][0].get("created_at"), now) if latest else None
    page = screen.page_index(len(pages), now, age)
    first, end = pages[page] if pages else (0, 0)
    heading = screen.wall_heading(total, page, len(pages))
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
def live_chart(wid: str) -> None:
    snapshot = ws.snapshot(wid)
    question = snapshot.pack.question(snapshot.workshop["current_question_id"])
    if _moved_on(question):
        st.rerun()
    with st.container(key="proj_chart"):
        lay = st.session_state.proj_layout
        if records.projector_decision(snapshot, question, lay.prompt_font):
            return  # the panel's decision, shown by the facilitator, in place of the chart
        if not controls.results_shown(snapshot.workshop, question):
            st.markdown(f"<p class='proj-sentence'>{html.escape(controls.HIDDEN_RESULTS)}</p>",
                        unsafe_allow_html=True)
            return
        ui.question_charts(ws, snapshot, question, box=st.session_state.proj_layout.chart,
                           key="proj_", now=time.time())


def live(wid: str) -> None:
    _, pack, question = _question(wid)
    lay = screen.layout(window(), pack.card_of(question.id), question)
    st.session_state.proj_layout, st.session_state.proj_question = lay, question.id
    styles(lay)
    with st.container(key="proj_page"):
        main, side = st.columns([lay.main_width, lay.side_width])
        with side:
            join_panel(wid)
        with main:
            current_card(wid)
            if lay.wall_width:
                left, right = st.columns([lay.chart.width, lay.wall_width])
                with left:
                    live_chart(wid)
                with right:
                    comment_wall(wid)
            else:
                live_chart(wid)


workshop = pick_workshop()
if workshop:
    live(workshop["id"])
