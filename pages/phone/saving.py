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


def save_button(q, labels: tuple[str, str], saved, action, message: str,
                said: dict[str, str] | None = None) -> None:
    """"Save my …" (or "Change my …" once saved: `labels` is the two), then the outcome
    below it."""
    if st.button(labels[1] if saved else labels[0], type="primary", key=f"save_{q.id}"):
        if attempt(action, said):
            done(q.id, message)
    show_done(q.id)


def attempt(action, said: dict[str, str] | None = None) -> bool:
    """Run a save; a refusal is shown here, naming options and cards as `said` says them."""
    try:
        action()
        return True
    except WorkshopError as exc:
        show_error(exc, said)
        return False
