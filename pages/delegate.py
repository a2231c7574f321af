"""The delegate's phone: join with the code and one tap on a role, answer the question."""

import secrets
import time

import streamlit as st

from pages import ui
from pages.delegate_formats import FORMS
from workshop import controls
from workshop.errors import WorkshopError
from workshop.text import MAX_COMMENT_CHARS, inline_markdown, markdown_text
from workshop.workshops import HELD, awaiting_approval

ws = ui.workshops()
params = st.query_params
# What is kept and who sees it (true of workshop/, pages/ and the report; no address is
# saved: workshop/limits.py keeps wrong-code counts in memory only).
PRIVACY = ("We keep your role, your table and what you send, but not your name or your "
           "phone's address. The facilitator sees all of it; the big screen and the report "
           "show comments and answers with a role only, never who sent them. Roles with "
           "fewer than three people are shown together, and what you withdraw is deleted. "
           "This phone keeps a cookie for a day so that the link brings you back to your "
           "own answers.")


def ask_for_code() -> None:
    st.title("Join the workshop")
    st.write("Type the code shown on the big screen.")
    with st.form("join_code"):
        code = st.text_input("Join code", max_chars=12, help="Six letters and numbers, "
                             "for example K7PM3Q")
        if st.form_submit_button("Continue", type="primary"):
            try:
                st.query_params["code"] = ui.find_workshop(code)["join_code"]
                st.rerun()
            except WorkshopError as exc:
                ui.show_error(exc)


def ask_for_role(workshop: dict) -> None:
    """One tap on a role joins. Where the pack requires a table it is asked for first (its
    error shown under it); otherwise it can be added after joining (table_form)."""
    pack = ws.pack_of(workshop["id"])
    st.title(inline_markdown(workshop["title"]))
    st.write("Tell us a little about you. We do not ask for your name.")
    if pack.table_required:
        st.text_input("Your table number or name", max_chars=40, key="join_table")
        error = st.session_state.pop("join_error", None)
        if error:
            st.error(markdown_text(error), icon=":material/error:")

    def join(role: str) -> None:
        try:
            delegate = ws.join(workshop["id"], role, st.session_state.get("join_table", ""))
        except WorkshopError as exc:
            st.session_state.join_error = str(exc)
            return
        # The token in the link brings a sleeping or reloaded phone back as the same person.
        st.query_params["me"] = delegate["id"]

    st.markdown("**Which best describes you?** Tap one to join.")
    for role in pack.role_ids:
        st.button(inline_markdown(pack.role_label(role)), key=f"role_{role}", on_click=join,
                  args=(role,), width="stretch")
    if not pack.table_required:
        error = st.session_state.pop("join_error", None)
        if error:
            st.error(markdown_text(error), icon=":material/error:")
    st.caption(PRIVACY)


def table_form(workshop: dict, token: str, delegate: dict) -> None:
    """The table, optional, given after joining (or changed)."""
    if st.session_state.pop("table_saved", False):
        st.success("Thank you, your table is saved.", icon=":material/check_circle:")
    label = ("Your table number or name (optional)" if not delegate["table"]
             else "Change your table")
    with st.expander(label):
        with st.form("table"):
            table = st.text_input("Your table number or name", delegate["table"],
                                  max_chars=40)
            if st.form_submit_button("Save my table"):
                try:
                    ws.set_table(workshop["id"], token, table)
                except WorkshopError as exc:
                    ui.show_error(exc)
                    return
                st.session_state.table_saved = True
                st.rerun()


# A second tap on Send this soon after a save, with the box now empty, is the same tap
# twice (a slow network): the saved message stays, with no error.
DOUBLE_TAP_SECONDS = 3
EMPTY_COMMENT = "Please type your comment before sending."


def comment_form(workshop: dict, token: str, question, mine: list[dict]) -> None:
    wid = workshop["id"]
    kinds = ws.pack_of(wid).comment_kinds  # issue, idea, question and any the pack adds
    kind = st.radio("What are you adding?", list(kinds), format_func=kinds.get,
                    key="comment_kind", horizontal=True)
    st.text_area(f"Your comment (up to {MAX_COMMENT_CHARS:,} characters)", key="comment_text",
                 max_chars=MAX_COMMENT_CHARS, height=140)
    error = st.session_state.pop("send_error", None)
    if error:  # right under the box it is about
        st.error(markdown_text(error), icon=":material/error:")
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
            st.session_state.send_error = str(exc)
            return
        st.session_state.comment_text = ""
        st.session_state.submit_id = secrets.token_hex(8)
        st.session_state.sent = "held" if awaiting_approval(saved) else True
        st.session_state.sent_at = time.monotonic()

    st.button("Send comment", type="primary", on_click=send, key="send_comment")
    announce()
    show_own_comments(wid, token, [c for c in mine if c["question_id"] == question.id],
                      "Your comments on this question", "this")


def announce() -> None:
    sent = st.session_state.pop("sent", False)
    if sent:
        st.success("Thank you, your comment is saved. You can add another."
                   + (f" {HELD}" if sent == "held" else ""), icon=":material/check_circle:")


def show_own_comments(wid: str, token: str, comments: list[dict], heading: str,
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
    kinds = ws.pack_of(wid).comment_kinds
    st.markdown("\n".join(f"{n}. **{kinds.get(c['kind'], c['kind'])}:** {inline_markdown(c['text'])}"
                          for n, c in enumerate(comments, 1)))
    if not st.toggle("Change or withdraw one of these", key=f"change_{key}"):
        return
    # Numbered labels: two comments may start with the same words, and a choice is kept
    # by its label.
    labels = {c["id"]: f"{n}. {kinds.get(c['kind'], c['kind'])}: {c['text'][:60]}"
              for n, c in enumerate(comments, 1)}
    by_id = {c["id"]: c for c in comments}
    chosen = comments[0]
    if len(comments) > 1:
        chosen = by_id[st.selectbox("Which comment?", list(by_id), key=f"which_{key}",
                                    format_func=labels.get)]
    with st.form(f"edit_{key}_{chosen['id']}"):
        text = st.text_area("Edit your comment", chosen["text"], max_chars=MAX_COMMENT_CHARS)
        kind = st.radio("Type", list(kinds), format_func=kinds.get,
                        index=list(kinds).index(chosen["kind"]) if chosen["kind"] in kinds
                        else 0, horizontal=True)
        save, withdraw = st.columns(2)
        if save.form_submit_button("Save changes"):
            try:
                ws.edit_comment(wid, token, chosen["id"], text, kind)
                st.session_state[f"edit_done_{key}"] = "Saved."
                st.rerun()
            except WorkshopError as exc:
                ui.show_error(exc)
        if withdraw.form_submit_button("Withdraw this comment"):
            ws.withdraw_comment(wid, token, chosen["id"])
            st.session_state[f"edit_done_{key}"] = "Withdrawn: it is deleted, and no longer shown or counted."
            st.rerun()


def poll_form(workshop: dict, token: str, question) -> None:
    wid = workshop["id"]
    current = ws.own_answer(wid, token, question.id)
    with st.form(f"poll_{question.id}"):
        if question.multiple:
            if "all that apply" not in question.prompt.lower():
                st.caption("Choose all that apply.")
            value = [o for o in question.choices
                     if st.checkbox(inline_markdown(o), value=o in current,
                                    key=f"opt_{question.id}_{o}")]
        else:
            label = "How much do you agree?" if question.kind == "scale" else "Your answer"
            value = st.radio(label, question.choices, format_func=inline_markdown,
                             index=question.choices.index(current[0]) if current else None)
        if st.form_submit_button("Send answer" if not current else "Change my answer",
                                 type="primary"):
            try:
                ws.answer_poll(wid, token, question.id, value)
                st.success("Thank you, your answer is saved. You can change it while this "
                           "question is open.", icon=":material/check_circle:")
            except WorkshopError as exc:
                ui.show_error(exc)


def answer(workshop: dict, token: str) -> None:
    wid = workshop["id"]
    shown = (workshop["current_question_id"] if workshop["status"] == "open"
             else workshop["status"])
    ui.follow_presenter(workshop["join_code"], workshop["follow_version"], token, shown)
    pack = ws.pack_of(wid)
    delegate = ws.delegate(wid, token)
    st.caption(inline_markdown(f"{workshop['title']} · You joined as "
                               f"{pack.role_label(delegate['role'])}"
                               + (f", {delegate['table']}" if delegate["table"] else "")))
    if workshop["status"] == "draft":
        st.title("You're in")
        st.write("The workshop has not started yet. This page will change by itself when "
                 "the first question opens.")
        return
    if workshop["status"] == "closed":
        st.title("The workshop has closed")
        st.write("Thank you for taking part. Your answers are saved.")
        return
    question = pack.question(workshop["current_question_id"])
    card = pack.card_of(question.id)
    # The question first, its answer in the first screen; the card's scenario one tap away.
    st.caption(inline_markdown(card.title))
    st.title(inline_markdown(question.prompt))
    # Keyed by question: closed again for each new question, whatever was open before.
    with st.expander("Read the scenario", key=f"scenario_{question.id}"):
        plain = card.plain_scenario and st.toggle("Show the scenario in plain English",
                                                  key="plain", value=False)
        st.markdown(markdown_text(card.plain_scenario if plain else card.scenario))
    mine = ws.own_comments(wid, token)
    if not controls.voting_open(workshop, question.id):
        st.markdown(f"#### {inline_markdown(question.prompt)}")
        st.info("Voting on this question is closed. Thank you: what you sent is kept.",
                icon=":material/lock:")
        return
    if question.kind == "comment":
        comment_form(workshop, token, question, mine)
    elif question.kind in FORMS:
        FORMS[question.kind](workshop, token, question)
    else:
        poll_form(workshop, token, question)
    st.caption("This page moves on by itself when the facilitator moves on.")
    comment_qs = {q.id for q in pack.questions if q.kind == "comment"}
    earlier = [c for c in mine
               if c["question_id"] != question.id and c["question_id"] in comment_qs]
    show_own_comments(wid, token, earlier, "Your comments on earlier questions", "earlier")
    table_form(workshop, token, delegate)


ui.styles(phone=True)
try:
    if "code" not in params:
        ask_for_code()
    else:
        # A phone that joined before brings its token: in the link, or kept in a cookie
        # (the link opened again without it). Either way it is the same delegate.
        remembered = ui.remembered_token(params["code"])
        try:
            workshop = ui.find_workshop(params["code"], params.get("me") or remembered)
        except WorkshopError as exc:
            ui.show_error(exc)
            del st.query_params["code"]
            ask_for_code()
            st.stop()
        token = params.get("me")
        lost = bool(token) and not ws.returning(workshop["id"], token)
        if lost:
            del st.query_params["me"]
            token = None
        if not token and ws.returning(workshop["id"], remembered):
            token = st.query_params["me"] = remembered
        elif lost:
            st.warning("We could not find your earlier answers on this phone. "
                       "Please join again.")
        if not token:
            ask_for_role(workshop)
        else:
            answer(workshop, token)
except WorkshopError as exc:
    ui.show_error(exc)
