"""A poll or scale question on the phone: one choice, or all that apply."""

from __future__ import annotations

import streamlit as st

from pages.shared.errors import show_error
from workshop.errors import WorkshopError
from workshop.text import inline_markdown
from workshop.workshops import Workshops


def poll_form(ws: Workshops, workshop: dict, token: str, question) -> None:
    wid = workshop["id"]
    current = ws.own_answer(wid, token, question.id)
    with st.form(f"poll_{question.id}"):
        if question.multiple:
            if "all that apply" not in question.prompt.lower():
                st.caption("Choose all that apply.")
            value = [o for o in question.choices
                     if st.checkbox(inline_markdown(o), value=o in current,
                                    key=f"opt_{question.id}_{o}")]
        else:
            label = "How much do you agree?" if question.kind == "scale" else "Your answer"
            value = st.radio(label, question.choices, format_func=inline_markdown,
                             index=question.choices.index(current[0]) if current else None)
        if st.form_submit_button("Send answer" if not current else "Change my answer",
                                 type="primary"):
            try:
                ws.answer_poll(wid, token, question.id, value)
                st.success("Thank you, your answer is saved. You can change it while this "
                           "question is open.", icon=":material/check_circle:")
            except WorkshopError as exc:
                show_error(exc)
