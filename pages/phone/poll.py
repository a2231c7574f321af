"""A poll or scale question on the phone: one choice, or all that apply."""

from __future__ import annotations

import streamlit as st

from pages.shared import language
from pages.shared.errors import show_error
from pages.shared.language import _
from workshop.errors import WorkshopError
from workshop.text import inline_markdown
from workshop.workshops import Workshops


def poll_form(ws: Workshops, workshop: dict, token: str, question) -> None:
    wid = workshop["id"]
    current = ws.own_answer(wid, token, question.id)
    said = language.words(ws.pack_of(wid), question)  # saved in English, shown as spoken
    with st.form(f"poll_{question.id}"):
        if question.multiple:
            if "all that apply" not in question.prompt.lower():
                st.caption(_("Choose all that apply."))
            value = [o for o in question.choices
                     if st.checkbox(inline_markdown(said.get(o, o)), value=o in current,
                                    key=f"opt_{question.id}_{o}")]
        else:
            label = _("How much do you agree?") if question.kind == "scale" else _("Your answer")
            value = st.radio(label, question.choices,
                             format_func=lambda o: inline_markdown(said.get(o, o)),
                             index=question.choices.index(current[0]) if current else None)
        if st.form_submit_button(_("Send answer") if not current else _("Change my answer"),
                                 type="primary"):
            try:
                ws.answer_poll(wid, token, question.id, value)
                st.success(_("Thank you, your answer is saved. You can change it while this "
                             "question is open."), icon=":material/check_circle:")
            except WorkshopError as exc:
                show_error(exc, said)
