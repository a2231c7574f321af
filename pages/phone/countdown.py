"""The facilitator's countdown, as the phone shows it."""

from __future__ import annotations

import time

import streamlit as st

from pages.shared import language
from pages.shared.language import _
from workshop import controls


def countdown(workshop: dict) -> None:
    """The facilitator's countdown, in words, while it runs; once it has run out, a note
    saying so (read out once by a screen reader: a status message)."""
    left = controls.time_left(workshop, time.time())
    if left is None:
        return
    if left == 0:
        st.info(_(controls.TIME_UP), icon=":material/timer_off:")
        return
    ticking(float(workshop["timer_ends"]), language.current())


@st.fragment(run_every=controls.PHONE_TICK_SECONDS)
def ticking(ends: float, lang: str) -> None:
    """Brought up to date every few seconds, and not a live region: a screen reader
    reads it when the delegate gets to it, not at every update. The end time is fixed
    until the facilitator changes it, and then the whole page runs again (phones follow
    the change): an update reads nothing from the store."""
    left = controls.time_left({"timer_ends": ends}, time.time())
    if not left:
        st.rerun()  # the page says time is up, and stops updating
    st.markdown(f":material/timer: **{controls.countdown_words(left, lang=lang)}**")
