"""The delegate's phone, for the structured kinds: ranking, points, judging, rating,
card sort and idea board. Rendering only; the rules are in workshop/formats.py."""

import secrets

import streamlit as st

from pages import ui
from workshop.charts import ordinal
from workshop.errors import WorkshopError
from workshop.formats import MAX_REASON_CHARS, final_idea, points_step
from workshop.results import board_result
from workshop.scenarios import SCORE_MAX, SCORE_MIN
from workshop.text import MAX_COMMENT_CHARS, inline_markdown
from workshop.wording import counted
from workshop.workshops import awaiting_approval

# -- structured kinds ----------------------------------------------------------------
# Each form keeps what was typed or chosen in its widgets, so an error (shown next to the
# button) never loses it. A save shows a status message; the saved answer fills the form.
def _done(question_id: str, message: str) -> None:
    """Remember a status message for the next run (after a save that changes the page)."""
    st.session_state[f"done_{question_id}"] = message
    st.rerun()


def _show_done(question_id: str) -> None:
    message = st.session_state.pop(f"done_{question_id}", None)
    if message:  # it may name an idea, an entry or an option: shown as typed
        st.success(inline_markdown(message), icon=":material/check_circle:")


def _save_button(q, what: str, saved, action, message: str) -> None:
    """"Save my …" (or "Change my …" once saved), then the outcome below it."""
    if st.button(f"Change my {what}" if saved else f"Save my {what}", type="primary",
                 key=f"save_{q.id}"):
        if _try(action):
            _done(q.id, message)
    _show_done(q.id)


def _try(action) -> bool:
    try:
        action()
        return True
    except WorkshopError as exc:
        ui.show_error(exc)
        return False


def ranking_form(workshop: dict, token: str, q) -> None:
    """Tap the items in order of preference: each tap gives the next place; the last item
    takes the last place by itself. Buttons, so a keyboard ranks the same way."""
    wid = workshop["id"]
    saved = ui.workshops().own_answer(wid, token, q.id)
    key = f"order_{q.id}"
    if key not in st.session_state:  # the saved order, the first time the form is shown
        st.session_state[key] = list(saved) if len(saved) == len(q.options) else []
    order: list[str] = st.session_state[key]

    def place(option: str) -> None:
        if option not in order:
            order.append(option)
        rest = [o for o in q.options if o not in order]
        if len(rest) == 1:
            order.append(rest[0])

    def undo() -> None:
        if order:
            order.pop()
            if len(order) == len(q.options) - 1:  # the last one was placed by itself
                order.pop()

    rest = [o for o in q.options if o not in order]
    if order:
        st.markdown("**Your order**\n\n" + "\n".join(
            f"{n}. {inline_markdown(o)}" for n, o in enumerate(order, 1)))
        # Beside the order they change, and unlike the items to tap.
        with st.container(horizontal=True):
            st.button("Undo last", key=f"undo_{q.id}", on_click=undo, type="tertiary",
                      icon=":material/undo:")
            st.button("Start again", key=f"again_{q.id}", on_click=order.clear,
                      type="tertiary", icon=":material/restart_alt:")
    if rest:
        st.write("Tap the items in order, the one that matters most first." if not order
                 else f"Tap the item for {ordinal(len(order) + 1)} place.")
        for o in rest:
            st.button(inline_markdown(o), key=f"place_{q.id}_{q.options.index(o)}",
                      on_click=place, args=(o,), width="stretch")
    _save_button(q, "order", saved, lambda: ui.workshops().answer_ranking(
        wid, token, q.id, list(order)), "Thank you, your order is saved. You can change it "
        "while this question is open.")


def points_form(workshop: dict, token: str, q) -> None:
    wid = workshop["id"]
    row = ui.workshops().answer_row(wid, token, q.id) or {}
    saved = row.get("points") or {}
    st.write(f"Share out {q.total} points (0 is fine). The buttons add or take "
             f"{points_step(q.total)}; you can also type a number.")
    given = {}
    for n, o in enumerate(q.options):
        given[o] = st.number_input(inline_markdown(o), min_value=0, max_value=q.total,
                                   step=points_step(q.total),
                                   value=int(saved.get(o, 0)), key=f"pts_{q.id}_{n}")
    spent = sum(int(v or 0) for v in given.values())
    left = q.total - spent
    if left >= 0:
        st.markdown(f"**{left} of {q.total} points left**")
    else:
        st.markdown(f"**{counted(-left, 'point')} too many**: you have given {spent} of "
                    f"{q.total}. Take some away.")
    _save_button(q, "points", saved, lambda: ui.workshops().answer_points(
        wid, token, q.id, given), "Thank you, your points are saved. You can change them "
        "while this question is open.")


SCORE_WORDS = {1: "1 Poor", 2: "2 Weak", 3: "3 Fair", 4: "4 Good", 5: "5 Excellent"}


def scoring_form(workshop: dict, token: str, q) -> None:
    wid = workshop["id"]
    row = ui.workshops().answer_row(wid, token, q.id) or {}
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
            if _try(lambda: ui.workshops().score_entry(wid, token, q.id, entry_id, given, note)):
                done = set(scores) | {entry_id}
                rest = [i for i in ids if i not in done]
                if rest:
                    st.session_state[f"next_{pick}"] = rest[0]
                _done(q.id, f"Your scores for \u201c{entry.title}\u201d are saved. "
                      + (f"Next to score: \u201c{q.entry(rest[0]).title}\u201d."
                         if rest else "You have scored every entry. You can still change "
                                      "your scores."))
    _show_done(q.id)
    st.markdown("##### Your scores")
    st.markdown("\n".join(
        f"- {inline_markdown(e.title)}: "
        + (f"scored, total {sum(scores[e.id].values())}" if e.id in scores
           else "not scored yet") for e in q.entries))


def rating_form(workshop: dict, token: str, q) -> None:
    wid = workshop["id"]
    row = ui.workshops().answer_row(wid, token, q.id) or {}
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
            if _try(lambda: ui.workshops().rate_option(wid, token, q.id, option, given, reason)):
                rest = [o for o in q.options if o not in ratings and o != option]
                if rest:
                    st.session_state[f"next_{pick}"] = rest[0]
                _done(q.id, f"Your ratings for \u201c{option}\u201d are saved. "
                      + (f"Next to rate: \u201c{rest[0]}\u201d." if rest else
                         "You have rated every option. You can still change them."))
    _show_done(q.id)
    st.markdown("##### Your ratings")
    st.markdown("\n".join(
        f"- {inline_markdown(o)}: "
        + (inline_markdown("; ".join(f"{d} {ratings[o][d]}" for d in q.dimensions
                                     if d in ratings[o]))
           if o in ratings else "not rated yet") for o in q.options))


def card_sort_form(workshop: dict, token: str, q) -> None:
    wid = workshop["id"]
    row = ui.workshops().answer_row(wid, token, q.id) or {}
    placed = row.get("placement") or {}
    if q.id in (workshop.get("revealed") or ()):
        card_sort_answers(q, placed)
        return
    st.write(inline_markdown(f"Put each card in one of these: {', '.join(q.categories)}."))
    with st.form(f"sort_{q.id}"):
        given = {s.text: st.radio(inline_markdown(s.text), q.categories,
                                  format_func=inline_markdown, horizontal=True,
                                  key=f"cs_{q.id}_{n}",
                                  index=q.categories.index(placed[s.text])
                                  if s.text in placed else None)
                 for n, s in enumerate(q.statements)}
        if st.form_submit_button("Change my sorting" if placed else "Save my sorting",
                                 type="primary"):
            if _try(lambda: ui.workshops().sort_cards(wid, token, q.id, given)):
                _done(q.id, "Thank you, your sorting is saved. You can change it until the "
                            "facilitator shows the answers.")
    _show_done(q.id)


def card_sort_answers(q, placed: dict) -> None:
    st.markdown("**The facilitator has shown the answers.**")
    right = sum(1 for s in q.statements if s.answer and placed.get(s.text) == s.answer)
    with_answer = sum(1 for s in q.statements if s.answer)
    if placed:
        st.markdown(f"You sorted **{right} of {counted(with_answer, 'card')}** the same as the "
                    "answer.")
    else:
        st.write("You did not sort these cards. Here are the answers.")
    for s in q.statements:
        with st.container(border=True):
            st.markdown(f"**{inline_markdown(s.text)}**")
            lines = [f"Answer: **{inline_markdown(s.answer)}**" if s.answer
                     else "No single right answer."]
            if s.text in placed:
                mine = placed[s.text]
                verdict = ("" if not s.answer else
                           " \u2013 \u2713 matches" if mine == s.answer else
                           " \u2013 \u2717 does not match")
                lines.append(f"You said: {inline_markdown(mine)}{verdict}")
            st.markdown("  \n".join(lines))


def idea_board_form(workshop: dict, token: str, q) -> None:
    wid = workshop["id"]
    text_key, tag_key, sid_key = f"idea_text_{q.id}", f"idea_tag_{q.id}", f"idea_sid_{q.id}"
    st.session_state.setdefault(sid_key, secrets.token_hex(8))

    def post():
        try:
            idea = ui.workshops().post_idea(wid, token, q.id, st.session_state[text_key],
                                            st.session_state.get(tag_key),
                                            st.session_state[sid_key])
        except WorkshopError as exc:
            st.session_state[f"idea_error_{q.id}"] = str(exc)
            return
        st.session_state[text_key] = ""
        st.session_state[sid_key] = secrets.token_hex(8)
        st.session_state[f"idea_posted_{q.id}"] = "held" if awaiting_approval(idea) else True

    st.markdown("##### Add an idea")
    st.text_area(f"Your idea (up to {MAX_COMMENT_CHARS:,} characters)", key=text_key,
                 max_chars=MAX_COMMENT_CHARS, height=100)
    if q.tags:
        st.radio("Where does it belong?", q.tags, key=tag_key, index=None,
                 format_func=inline_markdown)
    st.button("Post my idea", type="primary", on_click=post, key=f"post_{q.id}")
    error = st.session_state.pop(f"idea_error_{q.id}", None)
    if error:
        st.error(inline_markdown(error), icon=":material/error:")
    posted = st.session_state.pop(f"idea_posted_{q.id}", False)
    if posted == "held":
        st.success("Thank you, your idea is saved. It will appear on the board once the "
                   "facilitator has approved it.", icon=":material/check_circle:")
    elif posted:
        st.success("Thank you, your idea is on the board. You can add another.",
                   icon=":material/check_circle:")
    idea_board(wid, token, q)


def idea_board(wid: str, token: str, q) -> None:
    snapshot = ui.workshops().snapshot(wid)
    board = board_result(snapshot, q.id)
    posted = {c["id"]: c for c in snapshot.comments if c["question_id"] == q.id
              and not c.get("hidden") and not c.get("withdrawn")}
    mine = ui.workshops().own_answer(wid, token, q.id)
    voted: dict[str, list[str]] = {}  # idea on the board -> my votes that count for it
    for idea_id in mine:
        if idea_id in posted:
            voted.setdefault(final_idea(posted, idea_id), []).append(idea_id)
    left = q.votes - sum(len(v) for v in voted.values())  # votes for removed ideas are free
    st.markdown(f"##### The board ({counted(len(board.ideas), 'idea')})")
    st.markdown(f"**You have {left} of {counted(q.votes, 'vote')} left.** Ideas with most "
                "votes are at the top.")
    _show_done(q.id)
    st.button("Show the latest ideas and votes", key=f"refresh_{q.id}")
    if not board.ideas:
        st.write("No ideas yet. Be the first to add one.")
    for n, idea in enumerate(board.ideas, start=1):
        with st.container(border=True):
            st.markdown(f"**Idea {n}:** {inline_markdown(idea.text)}")
            about = [idea.tag] if idea.tag else []
            about.append(counted(idea.votes, "vote"))
            if idea.id in voted:
                about.append("you voted for it")
            if posted[idea.id]["delegate_id"] == token:
                about.append("your idea")
            st.caption(inline_markdown(" · ".join(about)))
            if idea.merged:
                st.caption("Also covers: " + "; ".join(inline_markdown(t)
                                                       for t in idea.merged))
            if idea.id in voted:
                if st.button(f"Take back my vote for idea {n}", key=f"unvote_{idea.id}"):
                    if _try(lambda: [ui.workshops().vote(wid, token, q.id, i, on=False)
                                     for i in voted[idea.id]]):
                        _done(q.id, f"Vote taken back from \u201c{idea.text[:60]}\u201d. "
                              f"You have {left + len(voted[idea.id])} of "
                              f"{counted(q.votes, 'vote')} left.")
            elif st.button(f"Vote for idea {n}", key=f"vote_{idea.id}"):
                if _try(lambda: ui.workshops().vote(wid, token, q.id, idea.id)):
                    _done(q.id, f"Your vote for \u201c{idea.text[:60]}\u201d is saved. You "
                          f"have {left - 1} of {counted(q.votes, 'vote')} left.")


FORMS = {"ranking": ranking_form, "points": points_form, "scoring_matrix": scoring_form,
         "rating_matrix": rating_form, "card_sort": card_sort_form,
         "idea_board": idea_board_form}
