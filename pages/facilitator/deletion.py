"""The console's housekeeping: damaged workshops said plainly, and deleting a workshop.

Rendering only: what counts as damaged and what deleting removes are in workshop/ and
store/.
"""

from __future__ import annotations

import streamlit as st

from pages.shared.errors import show_error
from workshop.errors import WorkshopError
from workshop.text import inline_markdown
from workshop.workshops import Workshops


def damaged_notice(ws: Workshops) -> None:
    """One warning per damaged workshop: the others work as usual."""
    for d in ws.damaged():
        st.warning(f"**{inline_markdown(d.id)}**: damaged \u2014 {inline_markdown(d.message)}",
                   icon=":material/warning:")


def delete_form(ws: Workshops, current: str | None) -> None:
    """Delete a workshop for good, once its join code or title is typed."""
    done = st.session_state.pop("deleted_workshop", None)
    if done:
        st.success(done, icon=":material/check_circle:")
    readable, damaged = ws.listing()
    labels = {w["id"]: f"{w['title']} ({w['date']}, join code {w['join_code']})"
              for w in readable}
    labels.update({d.id: f"{d.id} (damaged)" for d in damaged})
    if not labels:
        return
    ids = list(labels)
    with st.expander("Delete a workshop"):
        st.write("Deleting a workshop removes everything delegates typed and chose, your "
                 "edits to its report and any copies kept of its files. You cannot undo it. "
                 "Download the report and all input first if you need to keep them.")
        with st.form("delete_workshop", clear_on_submit=True):
            wid = st.selectbox("Workshop to delete", ids, format_func=labels.get,
                               index=ids.index(current) if current in ids else 0)
            typed = st.text_input("To confirm, type its join code or its title (for a "
                                  "damaged workshop, its id)")
            if st.form_submit_button("Delete this workshop for good"):
                try:
                    name = ws.delete(wid, typed)
                except WorkshopError as exc:
                    show_error(exc)
                else:
                    if st.session_state.get("workshop_id") == wid:
                        del st.session_state["workshop_id"]
                    st.session_state.deleted_workshop = f"Deleted {name}."
                    st.rerun()
