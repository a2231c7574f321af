"""The console's live comment feed: new comments as they arrive, newest first, each with
Hide (or Restore, or Approve when waiting) one click away. The rules are in
workshop/workshops.py."""

from __future__ import annotations

import streamlit as st

from workshop.analysis import comment_grouping
from workshop.text import inline_markdown
from workshop.wording import counted
from workshop.workshops import Workshops, awaiting_approval

# Seconds between feed refreshes: a comment reaches the console within this time.
FEED_SECONDS = 1
FEED_SIZE = 15


def approval_toggle(ws: Workshops, wid: str) -> None:
    on = bool(ws.get(wid).get("approval"))
    wanted = st.toggle("Approve comments before the room sees them", value=on,
                       key=f"approval_{wid}",
                       help="New comments and ideas wait in the feed below until you "
                            "approve them.")
    if wanted != on:
        ws.set_approval(wid, wanted)
        st.rerun()


@st.fragment(run_every=FEED_SECONDS)
def live_feed(ws: Workshops, wid: str) -> None:
    snapshot = ws.snapshot(wid)
    comments = [c for c in snapshot.comments if not c.get("withdrawn")]
    waiting = sum(1 for c in comments if awaiting_approval(c))
    st.subheader("Latest comments")
    done = st.session_state.pop("feed_done", None)
    if done:
        st.success(done, icon=":material/check_circle:")
    if not comments:
        st.write("No comments yet. They appear here as they are sent.")
        return
    st.caption(f"{counted(len(comments), 'comment')}"
               + (f", {waiting} waiting for approval" if waiting else "")
               + ". Newest first. Hidden comments are kept but not shown to the room.")
    groups = {}
    # Newest first: by time sent, and those sent in the same second latest saved first.
    newest = sorted(comments[::-1], key=lambda c: c.get("created_at") or "", reverse=True)
    for c in newest[:FEED_SIZE]:
        qid = c["question_id"]
        if qid not in groups:
            groups[qid] = comment_grouping(snapshot, qid)
        _feed_item(ws, wid, snapshot, c, groups[qid])


def _feed_item(ws: Workshops, wid: str, snapshot, c: dict, group) -> None:
    held = awaiting_approval(c)
    state = ("**Waiting for approval** " if held else
             "**(hidden)** " if c.get("hidden") else "")
    with st.container(border=True):
        text, buttons = st.columns([4, 2], vertical_alignment="center")
        text.markdown(state + inline_markdown(c["text"]))
        try:
            card = snapshot.pack.card_of(c["question_id"]).title
        except KeyError:
            card = c["question_id"]
        text.caption(inline_markdown(f"{snapshot.pack.kind_label(c['kind'])} · "
                                     f"{group.label_for(snapshot.role_of(c['delegate_id']))}"
                                     f" · {card}"))
        # Callbacks: the change is saved before the feed is drawn again (a click reruns
        # only the feed).
        if held:
            buttons.button("Approve", key=f"feed_ok_{c['id']}", type="primary",
                           on_click=ws.approve, args=(wid, c["id"]))
        hidden = bool(c.get("hidden")) and not held
        buttons.button("Restore" if hidden else "Hide", key=f"feed_hide_{c['id']}",
                       on_click=ws.set_hidden, args=(wid, c["id"], not hidden))
        theirs = snapshot.shown_count(c["delegate_id"]) + sum(
            1 for x in snapshot.awaiting if x["delegate_id"] == c["delegate_id"])
        if not hidden and theirs > 1:
            buttons.button(f"Hide all from this person ({counted(theirs, 'comment')})",
                           key=f"feed_all_{c['id']}", on_click=_hide_all,
                           args=(ws, wid, c["id"]))


def _hide_all(ws: Workshops, wid: str, comment_id: str) -> None:
    n = ws.hide_all_from(wid, comment_id).count
    st.session_state.feed_done = (f"Hid {counted(n, 'comment')} from this person. You can "
                                  "restore them in Comments and themes.")
