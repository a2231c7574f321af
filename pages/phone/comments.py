"""Comments from the phone: send one (of a kind the pack names), and see, change or
withdraw one's own."""

from __future__ import annotations

import secrets
import time

import streamlit as st

from pages.shared import language
from pages.shared.errors import show_error
from pages.shared.language import N_, _
from workshop.errors import WorkshopError
from workshop.text import MAX_COMMENT_CHARS, inline_markdown, markdown_text
from workshop.workshops import HELD, Workshops, awaiting_approval

# A second tap on Send this soon after a save, with the box now empty, is the same tap
# twice (a slow network): the saved message stays, with no error.
DOUBLE_TAP_SECONDS = 3
EMPTY_COMMENT = N_("Please type your comment before sending.")


def comment_form(ws: Workshops, workshop: dict, token: str, question, mine: list[dict]) -> None:
    wid = workshop["id"]
    kinds = language.kinds(ws.pack_of(wid))  # issue, idea, question and any the pack adds
    kind = st.radio(_("What are you adding?"), list(kinds), format_func=kinds.get,
                    key="comment_kind", horizontal=True)
    st.text_area(_("Your comment (up to {limit} characters)").format(
        limit=f"{MAX_COMMENT_CHARS:,}"), key="comment_text", max_chars=MAX_COMMENT_CHARS,
        height=140)
    error = st.session_state.pop("send_error", None)
    if error:  # right under the box it is about
        st.error(markdown_text(_(error) if error == EMPTY_COMMENT else error),
                 icon=":material/error:")
    if "submit_id" not in st.session_state:
        st.session_state.submit_id = secrets.token_hex(8)

    def send():
        if not st.session_state.comment_text.strip():
            if time.monotonic() - st.session_state.get("sent_at", -1e9) < DOUBLE_TAP_SECONDS:
                st.session_state.sent = True
            else:
                st.session_state.send_error = EMPTY_COMMENT
            return
        try:
            saved = ws.submit_comment(wid, token, question.id, st.session_state.comment_text,
                                      st.session_state.get("comment_kind", kind),
                                      st.session_state.submit_id)
        except WorkshopError as exc:
            st.session_state.send_error = language.error_text(exc)
            return
        st.session_state.comment_text = ""
        st.session_state.submit_id = secrets.token_hex(8)
        st.session_state.sent = "held" if awaiting_approval(saved) else True
        st.session_state.sent_at = time.monotonic()

    st.button(_("Send comment"), type="primary", on_click=send, key="send_comment")
    announce()
    show_own_comments(ws, wid, token, [c for c in mine if c["question_id"] == question.id],
                      _("Your comments on this question"), "this")


def announce() -> None:
    sent = st.session_state.pop("sent", False)
    if sent:
        st.success(_("Thank you, your comment is saved. You can add another.")
                   + (f" {_(HELD)}" if sent == "held" else ""), icon=":material/check_circle:")


def show_own_comments(ws: Workshops, wid: str, token: str, comments: list[dict], heading: str,
                      key: str) -> None:
    """A delegate's own comments, listed, and one at a time changed or withdrawn.

    One form on request rather than a form per comment: shorter to move through with a
    screen reader or a keyboard, and each page run (every move of the facilitator, for
    every phone in the room) sends a fraction of the widgets."""
    done = st.session_state.pop(f"edit_done_{key}", None)
    if done:
        st.success(done, icon=":material/check_circle:")
    if not comments:
        return
    st.markdown(f"##### {heading} ({len(comments)})")
    kinds = language.kinds(ws.pack_of(wid))
    st.markdown("\n".join(f"{n}. **{kinds.get(c['kind'], c['kind'])}:** {inline_markdown(c['text'])}"
                          for n, c in enumerate(comments, 1)))
    if not st.toggle(_("Change or withdraw one of these"), key=f"change_{key}"):
        return
    # Numbered labels: two comments may start with the same words, and a choice is kept
    # by its label.
    labels = {c["id"]: f"{n}. {kinds.get(c['kind'], c['kind'])}: {c['text'][:60]}"
              for n, c in enumerate(comments, 1)}
    by_id = {c["id"]: c for c in comments}
    chosen = comments[0]
    if len(comments) > 1:
        chosen = by_id[st.selectbox(_("Which comment?"), list(by_id), key=f"which_{key}",
                                    format_func=labels.get)]
    with st.form(f"edit_{key}_{chosen['id']}"):
        text = st.text_area(_("Edit your comment"), chosen["text"],
                            max_chars=MAX_COMMENT_CHARS)
        kind = st.radio(_("Type"), list(kinds), format_func=kinds.get,
                        index=list(kinds).index(chosen["kind"]) if chosen["kind"] in kinds
                        else 0, horizontal=True)
        save, withdraw = st.columns(2)
        if save.form_submit_button(_("Save changes")):
            try:
                ws.edit_comment(wid, token, chosen["id"], text, kind)
                st.session_state[f"edit_done_{key}"] = _("Saved.")
                st.rerun()
            except WorkshopError as exc:
                show_error(exc)
        if withdraw.form_submit_button(_("Withdraw this comment")):
            ws.withdraw_comment(wid, token, chosen["id"])
            st.session_state[f"edit_done_{key}"] = _("Withdrawn: it is deleted, and no longer "
                                                     "shown or counted.")
            st.rerun()
