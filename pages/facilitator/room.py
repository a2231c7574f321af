"""Running the room: the join code and links, the workshop's status, moving between
questions, showing results, opening and closing voting, starting a question again, the
countdown, and the live charts."""

from __future__ import annotations

import time

import streamlit as st

from pages.facilitator import REFRESH_SECONDS
from pages.shared.charts import question_charts
from pages.shared.errors import show_error
from workshop import controls, i18n, links
from workshop.errors import WorkshopError
from workshop.text import inline_markdown
from workshop.wording import counted
from workshop.workshops import Workshops


def run_controls(ws: Workshops, wid: str) -> None:
    w = ws.get(wid)
    pack = ws.pack_of(wid)
    cols = st.columns(3)
    cols[0].markdown(f"Join code: **{w['join_code']}**")
    cols[1].link_button("Open the projector view", links.projector_url(w["join_code"]))
    cols[2].markdown(f"Phones join at  \n`{links.join_url(w['join_code'])}`")
    if not links.reachable_by_phones(links.join_url(w["join_code"])):
        st.warning("Phones cannot open this link: it points at this computer only. Connect "
                   "to the room's network, or set WORKSHOP_PUBLIC_URL to the address phones "
                   "use, then restart.")
    status = st.segmented_control("Workshop status", ["draft", "open", "closed"],
                                  default=w["status"], key=f"status_{wid}",
                                  format_func={"draft": "Not started", "open": "Open",
                                               "closed": "Closed"}.get)
    if status and status != w["status"]:
        ws.set_status(wid, status)
        st.rerun()
    screen_language = w.get("screen_language") or i18n.DEFAULT_LANGUAGE
    spoken = st.radio("Projector language", list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get,
                      index=list(i18n.LANGUAGES).index(screen_language), horizontal=True,
                      key=f"screen_language_{wid}",
                      help="What the projector's own words are in. Each delegate chooses "
                           "their phone's language on the join page.")
    if spoken != screen_language:
        ws.set_screen_language(wid, spoken)
        st.rerun()
    ids = [q.id for q in pack.questions]
    labels = {q.id: f"{pack.card_of(q.id).title} – {q.prompt[:70]} ({q.kind})"
              for q in pack.questions}
    moving = f"{w['title']} (join code {w['join_code']})"
    st.markdown(f"Moving: **{inline_markdown(moving)}**")
    prev, pick, nxt = st.columns([2, 7, 2], vertical_alignment="bottom")
    if prev.button("◀ Previous", disabled=ids.index(w["current_question_id"]) == 0,
                   help=f"Back one question in {moving} (Alt+P)", shortcut="Alt+P",
                   width="stretch"):
        ws.move(wid, -1)
        st.rerun()
    if nxt.button("Next ▶", type="primary", shortcut="Alt+N", width="stretch",
                  help=f"On to the next question in {moving} (Alt+N)",
                  disabled=ids.index(w["current_question_id"]) == len(ids) - 1):
        ws.move(wid, 1)
        st.rerun()
    chosen = pick.selectbox("Current question (phones follow when you move on)", ids,
                            index=ids.index(w["current_question_id"]), format_func=labels.get,
                            key=f"current_{wid}_{w['follow_version']}")
    if chosen != w["current_question_id"]:
        ws.set_current(wid, chosen)
        st.rerun()
    room_controls(ws, wid)


def room_controls(ws: Workshops, wid: str) -> None:
    """What the room sees of the current question: its results, and whether it still
    takes answers; and how many have answered."""
    w = ws.get(wid)
    question = ws.pack_of(wid).question(w["current_question_id"])
    shown = controls.results_shown(w, question)
    voting = controls.voting_open(w, question.id)
    # On the grid of the row above (Previous, the question, Next): the two buttons side by
    # side at Next's width, "Close voting" under "Next".
    count, __, results, vote = st.columns([2, 5, 2, 2], vertical_alignment="center")
    with count:
        answered_line(ws, wid)
    if results.button("Hide results" if shown else "Show results",
                      type="secondary" if shown else "primary", key=f"results_{question.id}",
                      shortcut="Alt+S", width="stretch",
                      help="Results on the projector are "
                      + ("shown" if shown else "hidden") + " (Alt+S)"):
        ws.set_results_shown(wid, question.id, not shown)
        st.rerun()
    if vote.button("Close voting" if voting else "Open voting", key=f"voting_{question.id}",
                   shortcut="Alt+V", width="stretch",
                   help="This question is " + ("taking answers" if voting else
                                               "closed: phones say so") + " (Alt+V)"):
        ws.set_voting(wid, question.id, not voting)
        st.rerun()
    if question.kind != "comment":
        reset_controls(ws, wid, question)
    countdown(ws, wid)
    st.caption(("Results are **shown** to the room" if shown else
                "Results are **hidden** from the room") + "; voting is "
               + ("**open**." if voting else "**closed**."))


def reset_controls(ws: Workshops, wid: str, question) -> None:
    """Start a question again (its answers set aside, not deleted), or bring them back."""
    done = st.session_state.pop("reset_done", None)
    if done:
        st.success(done, icon=":material/check_circle:")
    left, right = st.columns(2)
    if left.button("Reset answers", key=f"reset_{question.id}",
                   help="Sets this question's answers aside (kept) and starts it again"):
        n = ws.reset_answers(wid, question.id)
        st.session_state.reset_done = (f"Set {counted(n, 'answer')} aside. The question "
                                       "starts again; you can bring them back.")
        st.rerun()
    if len(controls.rounds(ws.get(wid), question.id)) > 1 and right.button(
            "Bring back the answers set aside", key=f"restore_answers_{question.id}"):
        try:
            n = ws.restore_answers(wid, question.id)
            st.session_state.reset_done = f"Brought back {counted(n, 'answer')}."
        except WorkshopError as exc:
            show_error(exc)
        else:
            st.rerun()


def countdown(ws: Workshops, wid: str) -> None:
    """A countdown the projector and phones show (for example two minutes to answer)."""
    minutes, start, stop, left = st.columns([2, 1, 1, 2], vertical_alignment="bottom")
    length = minutes.number_input("Countdown (minutes)", min_value=0.5, max_value=60.0,
                                  value=2.0, step=0.5, format="%.1f",
                                  key=f"timer_minutes_{wid}")
    if start.button("Start countdown", key=f"timer_start_{wid}"):
        try:
            ws.start_timer(wid, round(length * 60))
        except WorkshopError as exc:
            show_error(exc)
    running = controls.time_left(ws.get(wid), time.time()) is not None
    if running and stop.button("Stop countdown", key=f"timer_stop_{wid}"):
        ws.stop_timer(wid)
        running = False
    with left:
        # Ticking only while a countdown runs: starting and stopping run the whole page.
        if running:
            timer_status(ws, wid)
        else:
            st.markdown("No countdown running.")


@st.fragment(run_every=1)
def timer_status(ws: Workshops, wid: str) -> None:
    line = controls.timer_line(ws.get(wid), time.time())
    st.markdown(f"**{line}** (on the projector and phones)" if line
                else "No countdown running.")


@st.fragment(run_every=REFRESH_SECONDS)
def answered_line(ws: Workshops, wid: str) -> None:
    snapshot = ws.snapshot(wid)
    qid = snapshot.workshop["current_question_id"]
    st.markdown(f"**{controls.answered(snapshot, qid)} of {len(snapshot.delegates)}** "
                "answered")


@st.fragment(run_every=REFRESH_SECONDS)
def live_input(ws: Workshops, wid: str) -> None:
    snapshot = ws.snapshot(wid)
    question = snapshot.pack.question(snapshot.workshop["current_question_id"])
    st.subheader(f"Live: {inline_markdown(question.prompt)}")
    if not controls.results_shown(snapshot.workshop, question):
        st.caption("The room does not see these results until you show them.")
    question_charts(ws, snapshot, question, key="console_", facilitator=True)
