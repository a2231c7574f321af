"""Comments and themes: every comment of one question, to theme, hide or restore, a
page at a time; and each "hide all from this person", to bring back together."""

from __future__ import annotations

import streamlit as st

from pages.facilitator import REFRESH_SECONDS
from workshop.analysis import comment_grouping
from workshop.text import inline_markdown
from workshop.wording import counted, theme_tag
from workshop.workshops import Workshops, awaiting_approval

MODERATE_PAGE = 25  # comments shown at a time for moderation


@st.fragment(run_every=REFRESH_SECONDS)
def moderation(ws: Workshops, wid: str) -> None:
    """Every comment of one question, to theme, hide or restore. It brings itself up to
    date every few seconds, except while a theme change is not yet saved: then the list
    keeps the same comments in the same places (nothing moves under the pointer, and the
    half-made change is kept) and says how many new ones are waiting."""
    snapshot = ws.snapshot(wid)
    pack = snapshot.pack
    # Ideas on an idea board are comments too, so they can be hidden here.
    comment_qs = [q for q in pack.questions if q.kind in ("comment", "idea_board")]
    if not comment_qs:
        st.write("This pack has no comment questions.")
        return
    current = snapshot.workshop["current_question_id"]
    default = next((i for i, q in enumerate(comment_qs) if q.id == current), 0)
    q = st.selectbox("Comments on", comment_qs, index=default,
                     format_func=lambda q: pack.card_of(q.id).title
                     + (" (idea board)" if q.kind == "idea_board" else ""), key="moderate_q")
    comments = [c for c in snapshot.comments if c["question_id"] == q.id and not c["withdrawn"]]
    hidden = sum(1 for c in comments if c["hidden"])
    st.caption(f"{counted(len(comments), 'comment')}, {hidden or 'none'} hidden. Hidden "
               "comments are kept but not shown on the projector or in the report.")
    hidden_together(ws, wid, snapshot)
    theme_ids = [t.id for t in snapshot.codebook]
    group = comment_grouping(snapshot, q.id)  # authors named as the chart groups them
    # Every console rerun (each "Next") draws this list: showing the latest comments a page
    # at a time keeps moving on quick in a big room.
    shown_key = f"moderate_shown_{q.id}"
    shown = st.session_state.get(shown_key, MODERATE_PAGE)
    latest = held_still(q.id, comments, comments[::-1][:shown])
    if len(comments) > shown:
        st.caption(f"Showing the latest {shown} of {len(comments)}.")
    for c in latest:
        with st.container(border=True):
            role = group.label_for(snapshot.role_of(c["delegate_id"]))
            st.markdown(("**Waiting for approval** " if awaiting_approval(c) else
                         "**(hidden)** " if c["hidden"] else "") + inline_markdown(c["text"]))
            st.caption(inline_markdown(
                f"{snapshot.pack.kind_label(c['kind'])} · {role} · themes "
                + (", ".join(theme_tag(snapshot.theme_label(t["theme_id"]), t["source"])
                             for t in c["themes"])
                   or "none (unassigned)")))
            left, right = st.columns([4, 1], vertical_alignment="bottom")
            picked = left.multiselect("Themes (first is the main one)", theme_ids,
                                      default=[t["theme_id"] for t in c["themes"]],
                                      format_func=snapshot.theme_label, key=f"th_{c['id']}")
            if picked != [t["theme_id"] for t in c["themes"]]:
                if left.button("Save themes", key=f"save_{c['id']}"):
                    ws.set_comment_themes(wid, c["id"], picked)
                    st.rerun()
            if right.button("Restore" if c["hidden"] else "Hide", key=f"hide_{c['id']}"):
                ws.set_hidden(wid, c["id"], not c["hidden"])
                st.rerun()
            theirs = snapshot.shown_count(c["delegate_id"])
            if not c["hidden"] and theirs > 1 and st.button(
                    f"Hide all from this person ({counted(theirs, 'comment')})",
                    key=f"all_from_{c['id']}"):
                n = ws.hide_all_from(wid, c["id"]).count
                st.session_state.hidden_done = (f"Hid {counted(n, 'comment')} from this "
                                                "person. You can restore them just below.")
                st.rerun()
    if len(comments) > shown and st.button(f"Show {MODERATE_PAGE} more", key=f"more_{q.id}"):
        st.session_state[shown_key] = shown + MODERATE_PAGE
        st.rerun()


def held_still(qid: str, comments: list[dict], latest: list[dict]) -> list[dict]:
    """The comments to list: the latest, or, while one of those listed last time has a
    theme change not yet saved, the same ones as last time (as they are now)."""
    key = f"moderate_listed_{qid}"
    by_id = {c["id"]: c for c in comments}
    before = [by_id[i] for i in st.session_state.get(key, ()) if i in by_id]

    def unsaved(c: dict) -> bool:
        picked = st.session_state.get(f"th_{c['id']}")
        return picked is not None and picked != [t["theme_id"] for t in c["themes"]]
    if any(unsaved(c) for c in before):
        waiting = len({c["id"] for c in latest} - {c["id"] for c in before})
        if waiting:
            st.info(f"{counted(waiting, 'new comment')} will show here when you save or "
                    "undo your theme change.", icon=":material/pause_circle:")
        return before
    st.session_state[key] = [c["id"] for c in latest]
    return latest


def hidden_together(ws: Workshops, wid: str, snapshot) -> None:
    """Each "hide all from this person", with a button that brings back exactly those."""
    done = st.session_state.pop("hidden_done", None)
    if done:
        st.success(done, icon=":material/check_circle:")
    for b in snapshot.hidden_together:
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.markdown(f"**Hidden together:** {counted(b.count, 'comment')} from one "
                      + inline_markdown(snapshot.pack.role_label(snapshot.role_of(b.delegate_id))))
        if right.button(f"Restore these {counted(b.count, 'comment')}", key=f"restore_{b.id}"):
            n = ws.restore_hidden(wid, b.id)
            st.session_state.hidden_done = f"Restored {counted(n, 'comment')}."
            st.rerun()

