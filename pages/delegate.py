"""The delegate's phone: join with the code and one tap on a role, answer the question.
Each part is in pages/phone/, by what the delegate does. The phone speaks Welsh or
English, as the delegate chose on the join page (pages/shared/language.py)."""

import streamlit as st

from pages import ui
from pages.phone.join import ask_for_code, ask_for_role
from pages.phone.question import answer
from pages.shared import language
from pages.shared.language import _
from workshop.errors import WorkshopError

ws = ui.workshops()
params = st.query_params
ui.styles(phone=True)
language.use(language.from_browser())
marked = False


def mark_language() -> None:
    """The page's lang attribute and the language cookie, once the language is known."""
    global marked
    if not marked:
        marked = True
        language.mark_page()
        language.remember()


try:
    if "code" not in params:
        mark_language()
        ask_for_code()
    else:
        # A phone that joined before brings its token: in the link, or kept in a cookie
        # (the link opened again without it). Either way it is the same delegate.
        remembered = ui.remembered_token(params["code"])
        try:
            workshop = ui.find_workshop(params["code"], params.get("me") or remembered)
        except WorkshopError as exc:
            mark_language()
            ui.show_error(exc)
            del st.query_params["code"]
            ask_for_code()
            st.stop()
        token = params.get("me")
        lost = bool(token) and not ws.returning(workshop["id"], token)
        if lost:
            del st.query_params["me"]
            token = None
        if not token and ws.returning(workshop["id"], remembered):
            token = st.query_params["me"] = remembered
        elif lost:
            st.warning(_("We could not find your earlier answers on this phone. "
                         "Please join again."))
        if token and "lang" not in params:  # the language kept with the delegate
            language.use(ws.delegate(workshop["id"], token).get("language")
                         or language.current())
        mark_language()
        if not token:
            ask_for_role(ws, workshop)
        else:
            answer(ws, workshop, token)
except WorkshopError as exc:
    ui.show_error(exc)
