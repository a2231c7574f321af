"""The facilitator's console: create and run a workshop, moderate, and edit themes. Each
part is in pages/facilitator/, by what the facilitator does with it."""

import streamlit as st

from pages import ui
from pages.facilitator import (codebook, create, deletion, feed, formats, moderate, paper,
                               picker, records, room)
from workshop.errors import WorkshopError

ui.require_facilitator()  # before anything else on the page
st.set_page_config(layout="wide")
ws = ui.workshops()
ui.styles()
# Keyboard hints on buttons (Alt+N) are faint by default: full colour for AA contrast.
st.html("<style>[data-has-shortcut='true'] kbd { color: inherit !important; "
        "opacity: 1 !important; }</style>")

st.title("Facilitator console")
deletion.damaged_notice(ws)
create.create_form(ws)
wid = picker.choose_workshop(ws.all())
if wid:
    try:
        room.run_controls(ws, wid)
        live_tab, moderate_tab, themes_tab, paper_tab = st.tabs(
            ["Live", "Comments and themes", "Codebook", "Paper input"])
        with live_tab:
            formats.format_controls(ws, wid)
            records.console_records(ws, wid)
            room.live_input(ws, wid)
            feed.approval_toggle(ws, wid)
            feed.live_feed(ws, wid)
        with moderate_tab:
            moderate.moderation(ws, wid)
        with themes_tab:
            codebook.codebook(ws, wid)
            codebook.emerging(ws, wid)
        with paper_tab:
            paper.transcribe(ws, wid)
    except WorkshopError as exc:
        ui.show_error(exc)
deletion.delete_form(ws, wid)
