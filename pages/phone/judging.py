"""Judging on the phone: score each entry on every criterion (a scoring matrix), or rate
each option in each area with a reason (a rating matrix)."""

from __future__ import annotations

import streamlit as st

from pages.phone import saving
from pages.shared.workshops import workshops
from workshop.formats import MAX_REASON_CHARS
from workshop.scenarios import SCORE_MAX, SCORE_MIN
from workshop.text import inline_markdown
from workshop.wording import counted

SCORE_WORDS = {1: "1 Poor", 2: "2 Weak", 3: "3 Fair", 4: "4 Good", 5: "5 Excellent"}


def scoring_form(workshop: dict, token: str, q) -> None:
    wid = workshop["id"]
    row = workshops().answer_row(wid, token, q.id) or {}
    scores, notes = row.get("scores") or {}, row.get("notes") or {}
    ids = [e.id for e in q.entries]
    pick = f"entry_{q.id}"
    if f"next_{pick}" in st.session_state:  # after a save, move on to the next entry
        st.session_state[pick] = st.session_state.pop(f"next_{pick}")
    st.write(f"Score each entry from {SCORE_MIN} to {SCORE_MAX} on every criterion: "
             "1 poor, 2 weak, 3 fair, 4 good, 5 excellent.")
    st.markdown(f"You have scored **{len(scores)} of {counted(len(ids), 'entry', 'entries')}**.")
    entry_id = st.selectbox("Entry to score", ids, key=pick, format_func=lambda i: (
        q.entry(i).title + (" (scored)" if i in scores else " (not scored yet)")))
    entry = q.entry(entry_id)
    with st.container(border=True):
        st.markdown(f"**{inline_markdown(entry.title)}**"
                    + (f"  \nGroup: {inline_markdown(entry.group)}" if entry.group else ""))
        if entry.summary:
            st.write(inline_markdown(entry.summary))
    mine = scores.get(entry_id, {})
    with st.form(f"score_{q.id}_{entry_id}"):
        given = {c: st.radio(inline_markdown(c), list(SCORE_WORDS), format_func=SCORE_WORDS.get,
                             horizontal=True, key=f"sc_{q.id}_{entry_id}_{n}",
                             index=mine[c] - 1 if c in mine else None)
                 for n, c in enumerate(q.criteria)}
        note = st.text_area(f"Your comment on this entry (optional, up to "
                            f"{MAX_REASON_CHARS} characters)", notes.get(entry_id, ""),
                            max_chars=MAX_REASON_CHARS, key=f"note_{q.id}_{entry_id}")
        if st.form_submit_button("Save scores for this entry", type="primary"):
            if saving.attempt(lambda: workshops().score_entry(wid, token, q.id, entry_id, given,
                                                              note)):
                done = set(scores) | {entry_id}
                rest = [i for i in ids if i not in done]
                if rest:
                    st.session_state[f"next_{pick}"] = rest[0]
                saving.done(q.id, f"Your scores for \u201c{entry.title}\u201d are saved. "
                      + (f"Next to score: \u201c{q.entry(rest[0]).title}\u201d."
                         if rest else "You have scored every entry. You can still change "
                                      "your scores."))
    saving.show_done(q.id)
    st.markdown("##### Your scores")
    st.markdown("\n".join(
        f"- {inline_markdown(e.title)}: "
        + (f"scored, total {sum(scores[e.id].values())}" if e.id in scores
           else "not scored yet") for e in q.entries))


def rating_form(workshop: dict, token: str, q) -> None:
    wid = workshop["id"]
    row = workshops().answer_row(wid, token, q.id) or {}
    ratings, reasons = row.get("ratings") or {}, row.get("reasons") or {}
    pick = f"option_{q.id}"
    if f"next_{pick}" in st.session_state:
        st.session_state[pick] = st.session_state.pop(f"next_{pick}")
    st.write(inline_markdown(f"Rate each option against each area: {', '.join(q.levels)}. "
                             "Say why."))
    st.markdown(f"You have rated **{len(ratings)} of {counted(len(q.options), 'option')}**.")
    option = st.selectbox("Option to rate", q.options, key=pick, format_func=lambda o: (
        o + (" (rated)" if o in ratings else " (not rated yet)")))
    mine = ratings.get(option, {})
    n_option = q.options.index(option)
    with st.form(f"rate_{q.id}_{n_option}"):
        given = {d: st.radio(inline_markdown(d), q.levels, format_func=inline_markdown,
                             horizontal=True, key=f"rt_{q.id}_{n_option}_{n}",
                             index=q.levels.index(mine[d]) if d in mine else None)
                 for n, d in enumerate(q.dimensions)}
        reason = st.text_area(f"Why? Your reason (optional, up to {MAX_REASON_CHARS} "
                              "characters)", reasons.get(option, ""),
                              max_chars=MAX_REASON_CHARS, key=f"why_{q.id}_{n_option}")
        if st.form_submit_button("Save ratings for this option", type="primary"):
            if saving.attempt(lambda: workshops().rate_option(wid, token, q.id, option, given,
                                                              reason)):
                rest = [o for o in q.options if o not in ratings and o != option]
                if rest:
                    st.session_state[f"next_{pick}"] = rest[0]
                saving.done(q.id, f"Your ratings for \u201c{option}\u201d are saved. "
                      + (f"Next to rate: \u201c{rest[0]}\u201d." if rest else
                         "You have rated every option. You can still change them."))
    saving.show_done(q.id)
    st.markdown("##### Your ratings")
    st.markdown("\n".join(
        f"- {inline_markdown(o)}: "
        + (inline_markdown("; ".join(f"{d} {ratings[o][d]}" for d in q.dimensions
                                     if d in ratings[o]))
           if o in ratings else "not rated yet") for o in q.options))
