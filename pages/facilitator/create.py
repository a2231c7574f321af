"""Creating a workshop: a form that opens empty after each one made."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pages.facilitator import picker
from pages.shared.errors import show_error
from workshop.errors import WorkshopError
from workshop.text import inline_markdown
from workshop.workshops import Workshops


def create_form(ws: Workshops) -> None:
    done = st.session_state.pop("created", None)
    if done:
        st.success(f"Created \u201c{inline_markdown(done)}\u201d. It is open below.",
                   icon=":material/check_circle:")
    # A new form (new key) after each workshop created: it opens empty and closed, so the
    # same workshop is not created twice by mistake.
    made = st.session_state.get("forms_made", 0)
    with st.expander("Create a workshop", expanded=not ws.all(), key=f"create_box_{made}"):
        with st.form(f"create_{made}"):
            title = st.text_input("Title", "Contracting for personalised outcomes")
            region = st.text_input("Region", placeholder="for example East Midlands")
            date = st.date_input("Date", dt.date.today(), format="DD/MM/YYYY")
            venue = st.text_input("Venue", placeholder="for example Nottingham")
            packs = sorted(ws.packs, key=lambda p: (p != "peoples_borough", p))
            pack_id = st.selectbox("Scenario pack", packs,
                                   format_func=lambda p: ws.packs[p].title)
            background = st.text_area("Background (opens the report)")
            if st.form_submit_button("Create workshop", type="primary"):
                try:
                    w = ws.create(title, region, pack_id, date.isoformat(), venue, background)
                    picker.open_workshop(w["id"])
                    st.session_state.forms_made = made + 1
                    st.session_state.created = w["title"]
                    st.rerun()
                except WorkshopError as exc:
                    show_error(exc)

