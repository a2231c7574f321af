"""A card sort on the phone: put each card in a category; once the facilitator reveals
them, the answers beside one's own."""

from __future__ import annotations

import streamlit as st

from pages.phone import saving
from pages.shared import language
from pages.shared.language import _, ngettext
from pages.shared.workshops import workshops
from workshop.text import inline_markdown


def card_sort_form(workshop: dict, token: str, q) -> None:
    wid = workshop["id"]
    row = workshops().answer_row(wid, token, q.id) or {}
    placed = row.get("placement") or {}
    said = language.words(workshops().pack_of(wid), q)  # saved in English, shown as spoken
    if q.id in (workshop.get("revealed") or ()):
        card_sort_answers(q, placed, said)
        return
    st.write(inline_markdown(_("Put each card in one of these: {categories}.").format(
        categories=", ".join(said.get(c, c) for c in q.categories))))
    with st.form(f"sort_{q.id}"):
        given = {s.text: st.radio(inline_markdown(said.get(s.text, s.text)), q.categories,
                                  format_func=lambda c: inline_markdown(said.get(c, c)),
                                  horizontal=True, key=f"cs_{q.id}_{n}",
                                  index=q.categories.index(placed[s.text])
                                  if s.text in placed else None)
                 for n, s in enumerate(q.statements)}
        if st.form_submit_button(_("Change my sorting") if placed else _("Save my sorting"),
                                 type="primary"):
            if saving.attempt(lambda: workshops().sort_cards(wid, token, q.id, given), said):
                saving.done(q.id, _("Thank you, your sorting is saved. You can change it "
                                    "until the facilitator shows the answers."))
    saving.show_done(q.id)


def card_sort_answers(q, placed: dict, said: dict[str, str]) -> None:
    st.markdown(_("**The facilitator has shown the answers.**"))
    right = sum(1 for s in q.statements if s.answer and placed.get(s.text) == s.answer)
    with_answer = sum(1 for s in q.statements if s.answer)
    if placed:
        st.markdown(ngettext("You sorted **{right} of {n} card** the same as the answer.",
                             "You sorted **{right} of {n} cards** the same as the answer.",
                             with_answer).format(right=right, n=f"{with_answer:,}"))
    else:
        st.write(_("You did not sort these cards. Here are the answers."))
    for s in q.statements:
        with st.container(border=True):
            st.markdown(f"**{inline_markdown(said.get(s.text, s.text))}**")
            lines = [_("Answer: **{answer}**").format(
                answer=inline_markdown(said.get(s.answer, s.answer))) if s.answer
                else _("No single right answer.")]
            if s.text in placed:
                mine = placed[s.text]
                verdict = ("" if not s.answer else
                           " \u2013 \u2713 " + _("matches") if mine == s.answer else
                           " \u2013 \u2717 " + _("does not match"))
                lines.append(_("You said: {answer}").format(
                    answer=inline_markdown(said.get(mine, mine))) + verdict)
            st.markdown("  \n".join(lines))
