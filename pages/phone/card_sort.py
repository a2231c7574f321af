"""A card sort on the phone: put each card in a category; once the facilitator reveals
them, the answers beside one's own."""

from __future__ import annotations

import streamlit as st

from pages.phone import saving
from pages.shared.workshops import workshops
from workshop.text import inline_markdown
from workshop.wording import counted


def card_sort_form(workshop: dict, token: str, q) -> None:
    wid = workshop["id"]
    row = workshops().answer_row(wid, token, q.id) or {}
    placed = row.get("placement") or {}
    if q.id in (workshop.get("revealed") or ()):
        card_sort_answers(q, placed)
        return
    st.write(inline_markdown(f"Put each card in one of these: {', '.join(q.categories)}."))
    with st.form(f"sort_{q.id}"):
        given = {s.text: st.radio(inline_markdown(s.text), q.categories,
                                  format_func=inline_markdown, horizontal=True,
                                  key=f"cs_{q.id}_{n}",
                                  index=q.categories.index(placed[s.text])
                                  if s.text in placed else None)
                 for n, s in enumerate(q.statements)}
        if st.form_submit_button("Change my sorting" if placed else "Save my sorting",
                                 type="primary"):
            if saving.attempt(lambda: workshops().sort_cards(wid, token, q.id, given)):
                saving.done(q.id, "Thank you, your sorting is saved. You can change it until the "
                            "facilitator shows the answers.")
    saving.show_done(q.id)


def card_sort_answers(q, placed: dict) -> None:
    st.markdown("**The facilitator has shown the answers.**")
    right = sum(1 for s in q.statements if s.answer and placed.get(s.text) == s.answer)
    with_answer = sum(1 for s in q.statements if s.answer)
    if placed:
        st.markdown(f"You sorted **{right} of {counted(with_answer, 'card')}** the same as the "
                    "answer.")
    else:
        st.write("You did not sort these cards. Here are the answers.")
    for s in q.statements:
        with st.container(border=True):
            st.markdown(f"**{inline_markdown(s.text)}**")
            lines = [f"Answer: **{inline_markdown(s.answer)}**" if s.answer
                     else "No single right answer."]
            if s.text in placed:
                mine = placed[s.text]
                verdict = ("" if not s.answer else
                           " \u2013 \u2713 matches" if mine == s.answer else
                           " \u2013 \u2717 does not match")
                lines.append(f"You said: {inline_markdown(mine)}{verdict}")
            st.markdown("  \n".join(lines))
