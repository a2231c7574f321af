"""The delegate's phone: join with the code and one tap on a role, answer the question.
Each part is in pages/phone/, by what the delegate does."""

import streamlit as st

from pages import ui
from pages.phone.join import ask_for_code, ask_for_role
from pages.phone.question import answer
from workshop.errors import WorkshopError

ws = ui.workshops()
params = st.query_params
ui.styles(phone=True)
try:
    if "code" not in params:
        ask_for_code()
    else:
        # A phone that joined before brings its token: in the link, or kept in a cookie
        # (the link opened again without it). Either way it is the same delegate.
        remembered = ui.remembered_token(params["code"])
        try:
            workshop = ui.find_workshop(params["code"], params.get("me") or remembered)
        except WorkshopError as exc:
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
            st.warning("We could not find your earlier answers on this phone. "
                       "Please join again.")
        if not token:
            ask_for_role(ws, workshop)
        else:
            answer(ws, workshop, token)
except WorkshopError as exc:
    ui.show_error(exc)
