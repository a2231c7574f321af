"""What the facilitator does on a structured question: reveal a card sort's answers,
merge duplicate ideas on an idea board."""

from __future__ import annotations

import streamlit as st

from pages.shared.errors import show_error
from workshop.errors import WorkshopError
from workshop.text import inline_markdown
from workshop.workshops import Workshops


def format_controls(ws: Workshops, wid: str) -> None:
    """What the facilitator does on a card sort (reveal) or an idea board (merge)."""
    workshop = ws.get(wid)
    question = ws.pack_of(wid).question(workshop["current_question_id"])
    done = st.session_state.pop("format_done", None)
    if question.kind == "card_sort":
        shown = question.id in (workshop.get("revealed") or ())
        st.markdown("The right answers are **shown** on phones and the projector." if shown
                    else "The right answers are **hidden** from phones and the projector.")
        if st.button("Hide the answers" if shown else "Reveal the answers",
                     type="secondary" if shown else "primary", key=f"reveal_{question.id}"):
            ws.set_revealed(wid, question.id, not shown)
            st.rerun()
    elif question.kind == "idea_board":
        merge_ideas(ws, wid, question, done)


def merge_ideas(ws: Workshops, wid: str, question, done: str | None) -> None:
    ideas = [c for c in ws.snapshot(wid).comments if c["question_id"] == question.id
             and not c.get("hidden") and not c.get("withdrawn")]
    with st.expander(f"Merge duplicate ideas ({len(ideas)} posted)", expanded=bool(done)):
        if done:
            st.success(inline_markdown(done), icon=":material/check_circle:")
        standing = {c["id"]: c for c in ideas if not c.get("merged_into")}
        if len(standing) < 2:
            st.write("Merging needs at least two ideas on the board.")
        else:
            def label(i):
                c = standing[i]
                return f"{c['text'][:90]}" + (f" [{c['tag']}]" if c.get("tag") else "")
            ids = list(standing)
            with st.form(f"merge_{question.id}"):
                dup = st.selectbox("The duplicate idea", ids, format_func=label, index=None,
                                   placeholder="Choose the idea to merge")
                into = st.selectbox("Merge it into", ids, format_func=label, index=None,
                                    placeholder="Choose the idea to keep")
                st.caption("The duplicate is kept, shown under the idea it joins, and its "
                           "votes count for that idea. You can undo a merge.")
                if st.form_submit_button("Merge", type="primary"):
                    if dup is None or into is None:
                        show_error(WorkshopError("Choose both ideas first."))
                    else:
                        try:
                            ws.merge_ideas(wid, dup, into)
                            st.session_state.format_done = (
                                f"Merged \u201c{standing[dup]['text'][:60]}\u201d into "
                                f"\u201c{standing[into]['text'][:60]}\u201d.")
                            st.rerun()
                        except WorkshopError as exc:
                            show_error(exc)
        merged = [c for c in ideas if c.get("merged_into")]
        if merged:
            st.markdown(f"**Merged ideas ({len(merged)})**")
            by_id = {c["id"]: c for c in ideas}
            for c in merged:
                left, right = st.columns([4, 1], vertical_alignment="center")
                target = by_id.get(c["merged_into"], {}).get("text", "an idea no longer shown")
                left.markdown(f"{inline_markdown(c['text'])}  \n*merged into* "
                              f"{inline_markdown(target)}")
                if right.button("Undo merge", key=f"unmerge_{c['id']}"):
                    ws.unmerge_idea(wid, c["id"])
                    st.session_state.format_done = "Merge undone: the idea is back on the board."
                    st.rerun()

