"""What every page shares: the app's workshops, the facilitator check, charts, styles.

Rendering helpers only; the rules are in workshop/.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from store import FileStore
from workshop import access, charts, follow, links, settings
from workshop.errors import WorkshopError
from workshop.scenarios import load_packs
from workshop.workshops import Workshops

_follow = components.declare_component("follow_presenter",
                                       path=str(Path(__file__).parent / "follow"))

# Visible focus on every control (WCAG 2.4.7 / 2.4.11) and big touch targets on phones.
CSS = """
<style>
/* GOV.UK-style focus: yellow ring with a black edge, on the control or, for radios and
   checkboxes whose input is visually hidden, on their label. */
:focus-visible, label:has(input:focus-visible) {
  outline: 3px solid #ffdd00 !important; outline-offset: 0 !important;
  box-shadow: 0 0 0 6px #0b0c0c !important; }
.stButton button, .stFormSubmitButton button, .stDownloadButton button { min-height: 44px; }
/* Streamlit's captions are grey at 60 % opacity (3.9:1 on white); GOV.UK's secondary
   text colour, fully opaque, is 7:1. */
[data-testid="stCaptionContainer"] { color: #505a5f !important; opacity: 1 !important; }
/* Less empty space above the content on a phone. */
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
</style>
"""


@st.cache_resource
def workshops() -> Workshops:
    """One set of workshops for every session (the store and tagger are thread-safe)."""
    ws = Workshops(FileStore(settings.data_dir()), load_packs(*settings.pack_dirs()),
                   settings.live_dir())
    for w in ws.all():  # phones of a restarted server find the status files again
        follow.publish_status(settings.live_dir(), w)
    print(f"\nFacilitator link (keep private): "
          f"{links.facilitator_url(access.facilitator_secret())}\n", flush=True)
    return ws


def styles() -> None:
    st.html(CSS)


def is_facilitator() -> bool:
    return bool(st.session_state.get("facilitator"))


def show_error(exc: WorkshopError) -> None:
    st.error(str(exc), icon=":material/error:")


def follow_presenter(join_code: str, version: int) -> None:
    """Re-run this page when the facilitator moves on (see workshop/follow.py)."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base}" if base else ""
    _follow(url=f"{prefix}/app/static/live/{join_code}.json", version=version,
            interval_ms=follow.POLL_SECONDS * 1000, key="follow", default=version)


def chart(fig, description: str, table, key: str) -> None:
    """A chart with its sentence above and its data table one click away."""
    st.markdown(description)
    # theme=None keeps the chart's own large, high-contrast fonts and palette.
    st.plotly_chart(fig, width="stretch", key=key, theme=None,
                    config={"displayModeBar": False})
    with st.expander("Show the numbers as a table"):
        st.dataframe(table, hide_index=True, width="stretch")


def question_charts(ws: Workshops, snapshot, question, big: bool = False,
                    key: str = "") -> None:
    """The live charts for one question, with text alternatives."""
    from workshop.analysis import summarise_comments, summarise_poll
    if question.kind == "comment":
        s = summarise_comments(snapshot, question.id)
        if not s.n_comments:
            st.info("No comments yet.")
            return
        chart(charts.theme_chart(s, big), charts.describe_comments(s), charts.theme_table(s),
              f"{key}themes")
        if s.grouping.note:
            st.caption(s.grouping.note)
        kinds = {}
        for k, _, n in s.kind_rows:
            kinds[k] = kinds.get(k, 0) + n
        st.plotly_chart(charts.kind_chart(s, big), width="stretch", theme=None,
                        key=f"{key}kinds", config={"displayModeBar": False})
        st.caption(" · ".join(f"{k}: {n}" for k, n in sorted(kinds.items())))
    else:
        p = summarise_poll(snapshot, question.id)
        if not p.n_people:
            st.info("No answers yet.")
            return
        chart(charts.poll_chart(p, question.kind, big), charts.describe_poll(p),
              charts.poll_table(p), f"{key}poll")
        if p.grouping.note:
            st.caption(p.grouping.note)
