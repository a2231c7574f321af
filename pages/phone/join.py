"""Joining from the phone: the language, the code, one tap on a role, and the table (asked
first where the pack requires it, otherwise optional after joining)."""

from __future__ import annotations

import streamlit as st

from pages.shared import language
from pages.shared.errors import show_error
from pages.shared.language import _
from pages.shared.workshops import find_workshop
from workshop.errors import WorkshopError
from workshop.text import inline_markdown, markdown_text
from workshop.workshops import Workshops


def privacy() -> str:
    """What is kept and who sees it (true of workshop/, pages/ and the report; no address
    is saved: workshop/limits.py keeps wrong-code counts in memory only)."""
    return _("We keep your role, your table and what you send, but not your name or your "
             "phone's address. The facilitator sees all of it; the big screen and the report "
             "show comments and answers with a role only, never who sent them. Roles with "
             "fewer than three people are shown together, and what you withdraw is deleted. "
             "This phone keeps a cookie for a day so that the link brings you back to your "
             "own answers.")




def ask_for_code() -> None:
    language.switch()
    st.title(_("Join the workshop"), anchor=False)
    st.write(_("Type the code shown on the big screen."))
    with st.form("join_code"):
        code = st.text_input(_("Join code"), max_chars=12,
                             help=_("Six letters and numbers, for example K7PM3Q"))
        if st.form_submit_button(_("Continue"), type="primary"):
            try:
                st.query_params["code"] = find_workshop(code)["join_code"]
                st.rerun()
            except WorkshopError as exc:
                show_error(exc)


def ask_for_role(ws: Workshops, workshop: dict) -> None:
    """One tap on a role joins. Where the pack requires a table it is asked for first (its
    error shown under it); otherwise it can be added after joining (table_form)."""
    language.switch()
    pack = ws.pack_of(workshop["id"]).in_language(language.current())
    st.title(inline_markdown(workshop["title"]), anchor=False)
    st.write(_("Tell us a little about you. We do not ask for your name."))
    if pack.table_required:
        st.text_input(_("Your table number or name"), max_chars=40, key="join_table")
        error = st.session_state.pop("join_error", None)
        if error:
            st.error(markdown_text(error), icon=":material/error:")

    def join(role: str) -> None:
        try:
            delegate = ws.join(workshop["id"], role, st.session_state.get("join_table", ""),
                               language.current())
        except WorkshopError as exc:
            st.session_state.join_error = language.error_text(exc)
            return
        # The token in the link brings a sleeping or reloaded phone back as the same person.
        st.query_params["me"] = delegate["id"]

    st.markdown(_("**Which best describes you?** Tap one to join."))
    for role in pack.role_ids:
        st.button(inline_markdown(pack.role_label(role)), key=f"role_{role}", on_click=join,
                  args=(role,), width="stretch")
    if not pack.table_required:
        error = st.session_state.pop("join_error", None)
        if error:
            st.error(markdown_text(error), icon=":material/error:")
    st.caption(privacy())


def table_form(ws: Workshops, workshop: dict, token: str, delegate: dict) -> None:
    """The table, optional, given after joining (or changed)."""
    if st.session_state.pop("table_saved", False):
        st.success(_("Thank you, your table is saved."), icon=":material/check_circle:")
    label = (_("Your table number or name (optional)") if not delegate["table"]
             else _("Change your table"))
    with st.expander(label):
        with st.form("table"):
            table = st.text_input(_("Your table number or name"), delegate["table"],
                                  max_chars=40)
            if st.form_submit_button(_("Save my table")):
                try:
                    ws.set_table(workshop["id"], token, table)
                except WorkshopError as exc:
                    show_error(exc)
                    return
                st.session_state.table_saved = True
                st.rerun()
