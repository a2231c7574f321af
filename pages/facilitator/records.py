"""What the facilitator records for the report: a judging panel's decision (console and
projector), and the day's agreed actions and practice points (console). Render only: the
rules are in workshop/decisions.py and workshop/workshops.py."""

from __future__ import annotations

import html

import streamlit as st

from pages.shared.errors import show_error
from workshop import report_words
from workshop.decisions import (AGREED_KINDS, AGREED_ONE, agreed_of, decision_of,
                                decision_sentences, decision_shown, money)
from workshop.errors import WorkshopError
from workshop.text import inline_html, inline_markdown


def console_records(ws, wid: str) -> None:
    """The console's two boxes: each judging question's decision, and the agreed list."""
    for question in ws.pack_of(wid).questions:
        if question.kind == "scoring_matrix":
            decision_box(ws, wid, question)
    agreed_box(ws, wid)


def _done(key: str) -> None:
    message = st.session_state.pop(key, None)
    if message:
        st.success(inline_markdown(message), icon=":material/check_circle:")


def decision_box(ws, wid: str, question) -> None:
    workshop = ws.get(wid)
    made = decision_of(workshop, question.id)
    done_key = f"decision_done_{question.id}"
    title = ("The panel's decision" + (f": {question.prompt[:40]}…"
                                       if len(ws.pack_of(wid).questions) > 1 else ""))
    with st.expander(title, expanded=done_key in st.session_state):
        _done(done_key)
        if made:
            st.markdown(f"**Recorded:** {decision_sentences(made, question)}")
        else:
            st.write("No decision recorded yet. The report gives the scores only.")
        titles = {e.id: e.title for e in question.entries}
        with st.form(f"decision_{question.id}"):
            winners = st.multiselect(
                "Winning entry (choose two or more for joint winners)", list(titles),
                default=list(made.winners) if made else [], format_func=titles.get,
                key=f"winners_{question.id}")
            casting = st.text_input(
                "Who gave a casting vote (leave blank if there was none)",
                value=made.casting_by if made else "", placeholder="the chair",
                key=f"casting_{question.id}",
                help="A role, not a name: for example \u201cthe chair\u201d.")
            prize = st.text_input(
                "Prize each winner received (leave blank if none)",
                value=money(made.prize_pence) if made and made.prize_pence is not None else "",
                placeholder="\u00a34,000", key=f"prize_{question.id}")
            if st.form_submit_button("Save the decision", type="primary"):
                try:
                    saved = ws.record_decision(wid, question.id, winners, casting, prize)
                    st.session_state[done_key] = ("Saved: " + decision_sentences(
                        saved, question, markdown=False))
                    st.rerun()
                except WorkshopError as exc:
                    show_error(exc)
        if made:
            shown = decision_shown(workshop, question.id)
            st.markdown("The decision is **shown** on the projector." if shown else
                        "The decision is **hidden** from the projector.")
            show, clear = st.columns(2)
            if show.button("Hide the decision" if shown else "Show the decision",
                           type="secondary" if shown else "primary",
                           key=f"decision_shown_{question.id}"):
                ws.set_decision_shown(wid, question.id, not shown)
                st.session_state[done_key] = ("The decision is now " +
                                              ("hidden." if shown else "on the projector."))
                st.rerun()
            if clear.button("Clear the decision", key=f"decision_clear_{question.id}"):
                ws.clear_decision(wid, question.id)
                st.session_state[done_key] = "Decision cleared. The report gives the scores only."
                st.rerun()


def agreed_box(ws, wid: str) -> None:
    items = agreed_of(ws.get(wid))
    done_key = "agreed_done"
    with st.expander(f"Agreed actions and practice points ({len(items)})",
                     expanded=done_key in st.session_state):
        _done(done_key)
        st.caption("What the room agreed, in your words. The report lists these in their own "
                   "sections, apart from what delegates said, and counts them nowhere.")
        for item in items:
            with st.form(f"agreed_{item.id}", border=False):
                text, kind, save, remove = st.columns([6, 2, 1, 1], vertical_alignment="bottom")
                new_text = text.text_input(f"{AGREED_ONE[item.kind].capitalize()}",
                                           value=item.text, key=f"agreed_text_{item.id}")
                new_kind = kind.selectbox("Kind", list(AGREED_KINDS),
                                          index=list(AGREED_KINDS).index(item.kind),
                                          format_func=lambda k: AGREED_ONE[k].capitalize(),
                                          key=f"agreed_kind_{item.id}")
                saved = save.form_submit_button("Save")
                removed = remove.form_submit_button("Remove")
            if saved or removed:
                try:
                    if removed:
                        ws.remove_agreed(wid, item.id)
                        st.session_state[done_key] = f"Removed \u201c{item.text[:60]}\u201d."
                    else:
                        ws.edit_agreed(wid, item.id, new_text, new_kind)
                        st.session_state[done_key] = "Saved."
                    st.rerun()
                except WorkshopError as exc:
                    show_error(exc)
        with st.form("agreed_add", clear_on_submit=False):
            text = st.text_input("Add an agreed action or practice point", key="agreed_new",
                                 placeholder="The council will write to every entrant by "
                                             "March")
            kind = st.radio("Kind", list(AGREED_KINDS), horizontal=True,
                            format_func=lambda k: AGREED_ONE[k].capitalize(),
                            key="agreed_new_kind")
            if st.form_submit_button("Add"):
                try:
                    added = ws.add_agreed(wid, kind, text)
                    st.session_state[done_key] = f"Added \u201c{added.text[:60]}\u201d."
                    st.session_state.pop("agreed_new", None)
                    st.rerun()
                except WorkshopError as exc:
                    show_error(exc)


def projector_decision(snapshot, question, font_px: int, lang: str = "en") -> bool:
    """The panel's decision on the projector, in place of the chart, once the facilitator
    has chosen to show it (large, and never cut short), in the projector's language (the
    report's words for it). Whether it was shown."""
    made = decision_of(snapshot.workshop, question.id)
    if question.kind != "scoring_matrix" or made is None \
            or not decision_shown(snapshot.workshop, question.id):
        return False
    with report_words.speaking(lang):
        local = snapshot.pack.in_language(lang).question(question.id)  # the entries' names
        text = decision_sentences(made, local, markdown=False)
        heading = report_words._("The panel's decision.")
    st.markdown(f"<section class='proj-decision' style='font-size: {font_px}px; "
                f"line-height: 1.3; border-left: {max(4, font_px // 6)}px solid #1d70b8; "
                f"padding-left: {font_px // 2}px'><p style='margin: 0 0 0.4em; "
                f"font-weight: 700'>{html.escape(heading, quote=False)}</p><p style='margin: 0'>"
                f"{inline_html(text)}</p></section>", unsafe_allow_html=True)
    return True

