"""The big screen, a present mode: the current card, how to join, who has joined, one live
chart and the latest comments, laid out to fit the window exactly (workshop/screen.py),
with nothing to scroll and nothing to click. Its parts are in pages/big_screen/."""

import streamlit as st

from pages import ui
from pages.big_screen.layout import styles, window
from pages.big_screen.regions import (comment_wall, current_card, current_question,
                                      join_panel, live_chart)
from pages.shared import language
from pages.shared.language import _
from workshop import screen
from workshop.errors import WorkshopError

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
    st.title(_("Projector"))
    st.write(_("Open this page with the workshop's code, for example /projector?code=K7PM3Q. "
               "The facilitator's console has the link."))
    return None


def live(wid: str) -> None:
    __, pack, question = current_question(ws, wid)
    local = pack.in_language(language.current())  # laid out for the words it shows
    lay = screen.layout(window(), local.card_of(question.id), local.question(question.id))
    st.session_state.proj_layout, st.session_state.proj_question = lay, question.id
    styles(lay)
    with st.container(key="proj_page"):
        main, side = st.columns([lay.main_width, lay.side_width])
        with side:
            join_panel(ws, wid)
        with main:
            current_card(ws, wid)
            if lay.wall_width:
                left, right = st.columns([lay.chart.width, lay.wall_width])
                with left:
                    live_chart(ws, wid)
                with right:
                    comment_wall(ws, wid)
            else:
                live_chart(ws, wid)


workshop = pick_workshop()
if workshop:  # in the language the facilitator chose for the projector
    language.use(workshop.get("screen_language"))
    language.mark_page()
    live(workshop["id"])
