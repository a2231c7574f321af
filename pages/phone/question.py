"""The phone once joined: the workshop's state, or the current question with its
scenario and the form for its kind; the delegate's earlier comments and table below."""

from __future__ import annotations

import streamlit as st

from pages.phone.comments import comment_form, show_own_comments
from pages.phone.countdown import countdown
from pages.phone.forms import FORMS
from pages.phone.join import table_form
from pages.phone.poll import poll_form
from pages.shared import language
from pages.shared.follow import follow_presenter
from pages.shared.language import _
from workshop import controls
from workshop.text import inline_markdown, markdown_text
from workshop.workshops import Workshops


def answer(ws: Workshops, workshop: dict, token: str) -> None:
    wid = workshop["id"]
    shown = (workshop["current_question_id"] if workshop["status"] == "open"
             else workshop["status"])
    follow_presenter(workshop["join_code"], workshop["follow_version"], token, shown)
    pack = ws.pack_of(wid)
    local = pack.in_language(language.current())  # the pack's text in the phone's language
    delegate = ws.delegate(wid, token)
    role = local.role_label(delegate["role"])
    st.caption(inline_markdown(
        f"{workshop['title']} · "
        + (_("You joined as {role}, {table}").format(role=role, table=delegate["table"])
           if delegate["table"] else _("You joined as {role}").format(role=role))))
    if workshop["status"] == "draft":
        st.title(_("You're in"), anchor=False)
        st.write(_("The workshop has not started yet. This page will change by itself when "
                   "the first question opens."))
        switch_language(ws, wid, token)
        return
    if workshop["status"] == "closed":
        st.title(_("The workshop has closed"), anchor=False)
        st.write(_("Thank you for taking part. Your answers are saved."))
        switch_language(ws, wid, token)
        return
    question = pack.question(workshop["current_question_id"])
    card = local.card_of(question.id)
    prompt = local.question(question.id).prompt
    # The question first, its answer in the first screen; the card's scenario one tap away.
    st.caption(inline_markdown(card.title))
    st.title(inline_markdown(prompt), anchor=False)
    # Keyed by question: closed again for each new question, whatever was open before.
    with st.expander(_("Read the scenario"), key=f"scenario_{question.id}"):
        plain = card.plain_scenario and st.toggle(_("Show the scenario in plain English"),
                                                  key="plain", value=False)
        st.markdown(markdown_text(card.plain_scenario if plain else card.scenario))
    mine = ws.own_comments(wid, token)
    if not controls.voting_open(workshop, question.id):
        st.markdown(f"#### {inline_markdown(prompt)}")
        st.info(_("Voting on this question is closed. Thank you: what you sent is kept."),
                icon=":material/lock:")
        switch_language(ws, wid, token)
        return
    countdown(workshop)
    if question.kind == "comment":
        comment_form(ws, workshop, token, question, mine)
    elif question.kind in FORMS:
        FORMS[question.kind](workshop, token, question)
    else:
        poll_form(ws, workshop, token, question)
    st.caption(_("This page moves on by itself when the facilitator moves on."))
    comment_qs = {q.id for q in pack.questions if q.kind == "comment"}
    earlier = [c for c in mine
               if c["question_id"] != question.id and c["question_id"] in comment_qs]
    show_own_comments(ws, wid, token, earlier, _("Your comments on earlier questions"),
                      "earlier")
    table_form(ws, workshop, token, delegate)
    switch_language(ws, wid, token)


def switch_language(ws: Workshops, wid: str, token: str) -> None:
    """The language switch again, last on the page: a change is kept on the record."""
    language.other_button(lambda chosen: ws.set_language(wid, token, chosen))
