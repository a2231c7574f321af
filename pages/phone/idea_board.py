"""An idea board on the phone: post ideas, and vote for the best on the board."""

from __future__ import annotations

import secrets

import streamlit as st

from pages.phone import saving
from pages.shared import language
from pages.shared.language import _, ngettext
from pages.shared.workshops import workshops
from workshop.errors import WorkshopError
from workshop.formats import final_idea
from workshop.results import board_result
from workshop.text import MAX_COMMENT_CHARS, inline_markdown
from workshop.workshops import awaiting_approval


def idea_board_form(workshop: dict, token: str, q) -> None:
    wid = workshop["id"]
    text_key, tag_key, sid_key = f"idea_text_{q.id}", f"idea_tag_{q.id}", f"idea_sid_{q.id}"
    st.session_state.setdefault(sid_key, secrets.token_hex(8))

    def post():
        try:
            idea = workshops().post_idea(wid, token, q.id, st.session_state[text_key],
                                            st.session_state.get(tag_key),
                                            st.session_state[sid_key])
        except WorkshopError as exc:
            st.session_state[f"idea_error_{q.id}"] = language.error_text(exc)
            return
        st.session_state[text_key] = ""
        st.session_state[sid_key] = secrets.token_hex(8)
        st.session_state[f"idea_posted_{q.id}"] = "held" if awaiting_approval(idea) else True

    said = language.words(workshops().pack_of(wid), q)  # saved in English, shown as spoken
    st.markdown("##### " + _("Add an idea"))
    st.text_area(_("Your idea (up to {limit} characters)").format(
        limit=f"{MAX_COMMENT_CHARS:,}"), key=text_key, max_chars=MAX_COMMENT_CHARS, height=100)
    if q.tags:
        st.radio(_("Where does it belong?"), q.tags, key=tag_key, index=None,
                 format_func=lambda t: inline_markdown(said.get(t, t)))
    st.button(_("Post my idea"), type="primary", on_click=post, key=f"post_{q.id}")
    error = st.session_state.pop(f"idea_error_{q.id}", None)
    if error:
        st.error(inline_markdown(error), icon=":material/error:")
    posted = st.session_state.pop(f"idea_posted_{q.id}", False)
    if posted == "held":
        st.success(_("Thank you, your idea is saved. It will appear on the board once the "
                     "facilitator has approved it."), icon=":material/check_circle:")
    elif posted:
        st.success(_("Thank you, your idea is on the board. You can add another."),
                   icon=":material/check_circle:")
    idea_board(wid, token, q, said)


def votes_left(left: int, votes: int) -> str:
    return ngettext("You have {left} of {n} vote left.", "You have {left} of {n} votes left.",
                    votes).format(left=left, n=f"{votes:,}")


def idea_board(wid: str, token: str, q, said: dict[str, str]) -> None:
    snapshot = workshops().snapshot(wid)
    board = board_result(snapshot, q.id)
    posted = {c["id"]: c for c in snapshot.comments if c["question_id"] == q.id
              and not c.get("hidden") and not c.get("withdrawn")}
    mine = workshops().own_answer(wid, token, q.id)
    voted: dict[str, list[str]] = {}  # idea on the board -> my votes that count for it
    for idea_id in mine:
        if idea_id in posted:
            voted.setdefault(final_idea(posted, idea_id), []).append(idea_id)
    left = q.votes - sum(len(v) for v in voted.values())  # votes for removed ideas are free
    st.markdown("##### " + ngettext("The board ({n} idea)", "The board ({n} ideas)",
                                    len(board.ideas)).format(n=f"{len(board.ideas):,}"))
    st.markdown(f"**{votes_left(left, q.votes)}** "
                + _("Ideas with most votes are at the top."))
    saving.show_done(q.id)
    st.button(_("Show the latest ideas and votes"), key=f"refresh_{q.id}")
    if not board.ideas:
        st.write(_("No ideas yet. Be the first to add one."))
    for n, idea in enumerate(board.ideas, start=1):
        with st.container(border=True):
            st.markdown(_("**Idea {n}:**").format(n=n) + f" {inline_markdown(idea.text)}")
            about = [said.get(idea.tag, idea.tag)] if idea.tag else []
            about.append(ngettext("{n} vote", "{n} votes", idea.votes).format(
                n=f"{idea.votes:,}"))
            if idea.id in voted:
                about.append(_("you voted for it"))
            if posted[idea.id]["delegate_id"] == token:
                about.append(_("your idea"))
            st.caption(inline_markdown(" · ".join(about)))
            if idea.merged:
                st.caption(_("Also covers:") + " " + "; ".join(inline_markdown(t)
                                                              for t in idea.merged))
            if idea.id in voted:
                if st.button(_("Take back my vote for idea {n}").format(n=n),
                             key=f"unvote_{idea.id}"):
                    if saving.attempt(lambda: [workshops().vote(wid, token, q.id, i, on=False)
                                     for i in voted[idea.id]]):
                        saving.done(q.id, _("Vote taken back from \u201c{idea}\u201d.").format(
                            idea=idea.text[:60]) + " "
                            + votes_left(left + len(voted[idea.id]), q.votes))
            elif st.button(_("Vote for idea {n}").format(n=n), key=f"vote_{idea.id}"):
                if saving.attempt(lambda: workshops().vote(wid, token, q.id, idea.id)):
                    saving.done(q.id, _("Your vote for \u201c{idea}\u201d is saved.").format(
                        idea=idea.text[:60]) + " " + votes_left(left - 1, q.votes))
