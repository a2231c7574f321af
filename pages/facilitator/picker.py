"""Which workshop a facilitator page is working on: kept in the address (`?workshop=`),
so a reload, a second tab or another facilitator page stays on the same one."""

from __future__ import annotations

import streamlit as st

PICK = "workshop_pick"


def open_workshop(workshop_id: str) -> None:
    """Make `workshop_id` the one this page (and the session's other pages) work on."""
    st.session_state.workshop_id = workshop_id
    st.query_params["workshop"] = workshop_id
    st.session_state.pop(PICK, None)


def _picked() -> None:
    open_workshop(st.session_state[PICK])


def label(w: dict) -> str:
    # Each label names the join code: two workshops may share a title, region and date.
    return (f"{w['title']} – {w['region']} ({w['date']}, {w['status']}, "
            f"join code {w['join_code']})")


def choose_workshop(workshops: list[dict]) -> str | None:
    """A picker for the workshop; the address names it first, then this session's last."""
    if not workshops:
        return None
    ids = [w["id"] for w in workshops]
    wanted = st.query_params.get("workshop") or st.session_state.get("workshop_id")
    if wanted not in ids:
        if wanted:
            st.warning("The workshop in this page's address is not here (it may have been "
                       "deleted). Choose one below.")
        wanted = ids[0]
    st.session_state.workshop_id = wanted
    st.query_params["workshop"] = wanted
    st.session_state[PICK] = wanted
    labels = {w["id"]: label(w) for w in workshops}
    return st.selectbox("Workshop", ids, key=PICK, format_func=labels.get, on_change=_picked)
