"""Saving an answer to a structured question on the phone. Each form keeps what was typed
or chosen in its widgets, so an error (shown next to the button) never loses it. A save
shows a status message; the saved answer fills the form."""

from __future__ import annotations

import streamlit as st

from pages.shared.errors import show_error
from workshop.errors import WorkshopError
from workshop.text import inline_markdown


def done(question_id: str, message: str) -> None:
    """Remember a status message for the next run (after a save that changes the page)."""
    st.session_state[f"done_{question_id}"] = message
    st.rerun()


def show_done(question_id: str) -> None:
    message = st.session_state.pop(f"done_{question_id}", None)
    if message:  # it may name an idea, an entry or an option: shown as typed
        st.success(inline_markdown(message), icon=":material/check_circle:")


def save_button(q, what: str, saved, action, message: str) -> None:
    """"Save my …" (or "Change my …" once saved), then the outcome below it."""
    if st.button(f"Change my {what}" if saved else f"Save my {what}", type="primary",
                 key=f"save_{q.id}"):
        if attempt(action):
            done(q.id, message)
    show_done(q.id)


def attempt(action) -> bool:
    try:
        action()
        return True
    except WorkshopError as exc:
        show_error(exc)
        return False
