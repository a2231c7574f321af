"""The console's live comment feed: comments waiting for approval, oldest first, a few at a
time; then the latest comments, newest first; each with Hide (or Restore, or Approve when
waiting) one click away. The rules are in
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
QUEUE_SIZE = 10  # comments waiting for approval shown at a time


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
               + (f", {waiting:,} waiting for approval" if waiting else "")
               + ". Hidden comments are kept but not shown to the room.")
    groups = {}

    def item(c: dict) -> None:
        qid = c["question_id"]
        if qid not in groups:
            groups[qid] = comment_grouping(snapshot, qid)
        _feed_item(ws, wid, snapshot, c, groups[qid])
    if waiting:
        approval_queue(ws, wid, [c for c in comments if awaiting_approval(c)], item)
        st.markdown("#### Shown or hidden")
    # Newest first: by time sent, and those sent in the same second latest saved first.
    newest = sorted((c for c in comments[::-1] if not awaiting_approval(c)),
                    key=lambda c: c.get("created_at") or "", reverse=True)
    if not newest:
        st.write("None yet: every comment is waiting for approval.")
    if len(newest) > FEED_SIZE:
        st.caption(f"The latest {FEED_SIZE} of {len(newest):,}, newest first. Every comment "
                   "is under Comments and themes.")
    for c in newest[:FEED_SIZE]:
        item(c)


def approval_queue(ws: Workshops, wid: str, held: list[dict], item) -> None:
    """Comments waiting for approval, oldest first (the longest waiting are dealt with
    first, and the list does not move as new ones arrive), QUEUE_SIZE at a time."""
    oldest = sorted(held, key=lambda c: c.get("created_at") or "")[:QUEUE_SIZE]
    st.markdown(f"#### Waiting for approval ({len(held):,})")
    st.caption("Oldest first." + (f" The {QUEUE_SIZE} waiting longest of {len(held):,}: "
                                  "the next ones show as you approve or hide these."
                                  if len(held) > QUEUE_SIZE else ""))
    for c in oldest:
        item(c)
    if len(oldest) > 1:
        st.button(f"Approve these {len(oldest)}", key="feed_ok_all", on_click=_approve_all,
                  args=(ws, wid, [c["id"] for c in oldest]))


def _approve_all(ws: Workshops, wid: str, comment_ids: list[str]) -> None:
    for cid in comment_ids:
        ws.approve(wid, cid)
    st.session_state.feed_done = f"Approved {counted(len(comment_ids), 'comment')}."


def _feed_item(ws: Workshops, wid: str, snapshot, c: dict, group) -> None:
    held = awaiting_approval(c)
    state = ("**Waiting for approval** " if held else
             "**(hidden)** " if c.get("hidden") else "")
    with st.container(border=True, key=f"feed_item_{c['id']}"):
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
