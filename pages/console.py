"""The facilitator's console: create and run a workshop, moderate, and edit themes."""

import datetime as dt
import time

import streamlit as st

from pages import ui
from pages.facilitator import deletion, feed, picker, records
from workshop import controls, links
from workshop.analysis import comment_grouping
from workshop.errors import WorkshopError
from workshop.exchange import import_csv
from workshop.text import inline_markdown, markdown_text
from workshop.wording import counted, plural, theme_tag
from workshop.workshops import awaiting_approval

ui.require_facilitator()  # before anything else on the page
st.set_page_config(layout="wide")
ws = ui.workshops()
ui.styles()
# Keyboard hints on buttons (Alt+N) are faint by default: full colour for AA contrast.
st.html("<style>[data-has-shortcut='true'] kbd { color: inherit !important; "
        "opacity: 1 !important; }</style>")
REFRESH_SECONDS = 3
MODERATE_PAGE = 25  # comments shown at a time for moderation


def create_form() -> None:
    done = st.session_state.pop("created", None)
    if done:
        st.success(f"Created \u201c{inline_markdown(done)}\u201d. It is open below.",
                   icon=":material/check_circle:")
    # A new form (new key) after each workshop created: it opens empty and closed, so the
    # same workshop is not created twice by mistake.
    made = st.session_state.get("forms_made", 0)
    with st.expander("Create a workshop", expanded=not ws.all(), key=f"create_box_{made}"):
        with st.form(f"create_{made}"):
            title = st.text_input("Title", "Contracting for personalised outcomes")
            region = st.text_input("Region", placeholder="for example East Midlands")
            date = st.date_input("Date", dt.date.today(), format="DD/MM/YYYY")
            venue = st.text_input("Venue", placeholder="for example Nottingham")
            packs = sorted(ws.packs, key=lambda p: (p != "peoples_borough", p))
            pack_id = st.selectbox("Scenario pack", packs,
                                   format_func=lambda p: ws.packs[p].title)
            background = st.text_area("Background (opens the report)")
            if st.form_submit_button("Create workshop", type="primary"):
                try:
                    w = ws.create(title, region, pack_id, date.isoformat(), venue, background)
                    picker.open_workshop(w["id"])
                    st.session_state.forms_made = made + 1
                    st.session_state.created = w["title"]
                    st.rerun()
                except WorkshopError as exc:
                    ui.show_error(exc)


def run_controls(wid: str) -> None:
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
    ids = [q.id for q in pack.questions]
    labels = {q.id: f"{pack.card_of(q.id).title} – {q.prompt[:70]} ({q.kind})"
              for q in pack.questions}
    moving = f"{w['title']} (join code {w['join_code']})"
    st.markdown(f"Moving: **{inline_markdown(moving)}**")
    prev, pick, nxt = st.columns([2, 7, 2], vertical_alignment="bottom")
    if prev.button("◀ Previous", disabled=ids.index(w["current_question_id"]) == 0,
                   help=f"Back one question in {moving} (Alt+P)", shortcut="Alt+P"):
        ws.move(wid, -1)
        st.rerun()
    if nxt.button("Next ▶", type="primary", shortcut="Alt+N",
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
    room_controls(wid)


def room_controls(wid: str) -> None:
    """What the room sees of the current question: its results, and whether it still
    takes answers; and how many have answered."""
    w = ws.get(wid)
    question = ws.pack_of(wid).question(w["current_question_id"])
    shown = controls.results_shown(w, question)
    voting = controls.voting_open(w, question.id)
    count, results, vote = st.columns([2, 1, 1], vertical_alignment="center")
    with count:
        answered_line(wid)
    if results.button("Hide results" if shown else "Show results",
                      type="secondary" if shown else "primary", key=f"results_{question.id}",
                      shortcut="Alt+S",
                      help="Results on the projector are "
                      + ("shown" if shown else "hidden") + " (Alt+S)"):
        ws.set_results_shown(wid, question.id, not shown)
        st.rerun()
    if vote.button("Close voting" if voting else "Open voting", key=f"voting_{question.id}",
                   shortcut="Alt+V",
                   help="This question is " + ("taking answers" if voting else
                                               "closed: phones say so") + " (Alt+V)"):
        ws.set_voting(wid, question.id, not voting)
        st.rerun()
    if question.kind != "comment":
        reset_controls(wid, question)
    countdown(wid)
    st.caption(("Results are **shown** to the room" if shown else
                "Results are **hidden** from the room") + "; voting is "
               + ("**open**." if voting else "**closed**."))


def reset_controls(wid: str, question) -> None:
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
            ui.show_error(exc)
        else:
            st.rerun()


def countdown(wid: str) -> None:
    """A countdown the projector and phones show (for example two minutes to answer)."""
    minutes, start, stop, left = st.columns([2, 1, 1, 2], vertical_alignment="bottom")
    length = minutes.number_input("Countdown (minutes)", min_value=0.5, max_value=60.0,
                                  value=2.0, step=0.5, format="%.1f",
                                  key=f"timer_minutes_{wid}")
    if start.button("Start countdown", key=f"timer_start_{wid}"):
        try:
            ws.start_timer(wid, round(length * 60))
        except WorkshopError as exc:
            ui.show_error(exc)
    running = controls.time_left(ws.get(wid), time.time()) is not None
    if running and stop.button("Stop countdown", key=f"timer_stop_{wid}"):
        ws.stop_timer(wid)
        running = False
    with left:
        # Ticking only while a countdown runs: starting and stopping run the whole page.
        if running:
            timer_status(wid)
        else:
            st.markdown("No countdown running.")


@st.fragment(run_every=1)
def timer_status(wid: str) -> None:
    line = controls.timer_line(ws.get(wid), time.time())
    st.markdown(f"**{line}** (on the projector and phones)" if line
                else "No countdown running.")


@st.fragment(run_every=REFRESH_SECONDS)
def answered_line(wid: str) -> None:
    snapshot = ws.snapshot(wid)
    qid = snapshot.workshop["current_question_id"]
    st.markdown(f"**{controls.answered(snapshot, qid)} of {len(snapshot.delegates)}** "
                "answered")


@st.fragment(run_every=REFRESH_SECONDS)
def live_input(wid: str) -> None:
    snapshot = ws.snapshot(wid)
    question = snapshot.pack.question(snapshot.workshop["current_question_id"])
    st.subheader(f"Live: {inline_markdown(question.prompt)}")
    if not controls.results_shown(snapshot.workshop, question):
        st.caption("The room does not see these results until you show them.")
    ui.question_charts(ws, snapshot, question, key="console_", facilitator=True)


def format_controls(wid: str) -> None:
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
        merge_ideas(wid, question, done)


def merge_ideas(wid: str, question, done: str | None) -> None:
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
                        ui.show_error(WorkshopError("Choose both ideas first."))
                    else:
                        try:
                            ws.merge_ideas(wid, dup, into)
                            st.session_state.format_done = (
                                f"Merged \u201c{standing[dup]['text'][:60]}\u201d into "
                                f"\u201c{standing[into]['text'][:60]}\u201d.")
                            st.rerun()
                        except WorkshopError as exc:
                            ui.show_error(exc)
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


@st.fragment(run_every=REFRESH_SECONDS)
def moderation(wid: str) -> None:
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
    hidden_together(wid, snapshot)
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


def hidden_together(wid: str, snapshot) -> None:
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


def codebook(wid: str) -> None:
    themes = ws.codebook(wid)
    st.dataframe([{"Theme": t.label, "Description": t.description} for t in themes],
                 hide_index=True, width="stretch")
    add, rename = st.columns(2)
    with add.form("add_theme", clear_on_submit=True):
        st.markdown("**Add a theme**")
        label = st.text_input("Name")
        description = st.text_area("What it covers (helps automatic theming)")
        if st.form_submit_button("Add theme"):
            try:
                ws.add_theme(wid, label, description)
                st.success(f"Added. {counted(ws.retag(wid), 'comment')} re-themed.")
            except WorkshopError as exc:
                ui.show_error(exc)
    with rename.form("rename_theme"):
        st.markdown("**Rename a theme**")
        theme = st.selectbox("Theme", themes, format_func=lambda t: t.label)
        label = st.text_input("New name")
        if st.form_submit_button("Rename"):
            try:
                ws.rename_theme(wid, theme.id, label)
                st.success("Renamed.")
            except WorkshopError as exc:
                ui.show_error(exc)


def emerging(wid: str) -> None:
    st.subheader("Possible new themes")
    done = st.session_state.pop("emerging_done", None)
    if done:
        st.success(inline_markdown(done))
    candidates = ws.candidate_themes(wid)
    if not candidates:
        st.write("None at the moment. When at least three comments that fit no theme well "
                 "say something alike, they are offered here as a possible new theme.")
        return
    st.write("These comments fit no theme well but have something in common. Nothing is "
             "added to the codebook until you choose.")
    themes = ws.codebook(wid)
    for c in candidates[:5]:
        with st.container(border=True):
            st.markdown(f"**{inline_markdown(c.name)}**: {plural(len(c.comment_ids), 'comment')}"
                        ", for example:")
            st.markdown("\n".join(f"- {inline_markdown(e)}" for e in c.examples))
            name = st.text_input("Name for the new theme", c.name, key=f"cand_name_{c.key}")
            add, merge, aside = st.columns(3, vertical_alignment="bottom")
            target = merge.selectbox("Or put these comments under", themes,
                                     format_func=lambda t: t.label, key=f"cand_into_{c.key}")
            try:
                if add.button("Add as a new theme", key=f"cand_add_{c.key}", type="primary"):
                    theme = ws.accept_candidate(wid, c, name)
                    _emerging_done(f"Added the theme \u201c{theme.label}\u201d to "
                                   f"{plural(len(c.comment_ids), 'comment')}.")
                if merge.button("Put them under this theme", key=f"cand_merge_{c.key}"):
                    ws.merge_candidate(wid, c, target.id)
                    _emerging_done(f"Put {plural(len(c.comment_ids), 'comment')} under "
                                   f"\u201c{target.label}\u201d.")
                if aside.button("Not a theme: stop suggesting it", key=f"cand_aside_{c.key}"):
                    ws.set_aside_candidate(wid, c)
                    _emerging_done("These comments will not be suggested as a theme again.")
            except WorkshopError as exc:
                ui.show_error(exc)


def _emerging_done(message: str) -> None:
    st.session_state["emerging_done"] = message
    st.rerun()


def transcribe(wid: str) -> None:
    st.write("Add what was written on paper, for any question: a CSV with the columns "
             "question_id, role and table, a person column (any label, such as J1) if you "
             "know who wrote what, and the columns each kind of question needs (the README "
             "lists them; a CSV downloaded from Report has them all). Without a person "
             "column, each table's rows from one role count as one person. If any row has a "
             "problem, nothing is added and every problem is listed.")
    upload = st.file_uploader("CSV file", type=["csv"])
    if upload is not None and st.button("Import"):
        try:
            done = import_csv(ws, wid, upload.getvalue().decode("utf-8-sig"))
            st.success(f"Imported {done.describe()}.")
        except (WorkshopError, UnicodeDecodeError) as exc:
            st.error(markdown_text(str(exc)))


st.title("Facilitator console")
deletion.damaged_notice(ws)
create_form()
wid = picker.choose_workshop(ws.all())
if wid:
    try:
        run_controls(wid)
        live_tab, moderate_tab, themes_tab, paper_tab = st.tabs(
            ["Live", "Comments and themes", "Codebook", "Paper input"])
        with live_tab:
            format_controls(wid)
            records.console_records(ws, wid)
            live_input(wid)
            feed.approval_toggle(ws, wid)
            feed.live_feed(ws, wid)
        with moderate_tab:
            moderation(wid)
        with themes_tab:
            codebook(wid)
            emerging(wid)
        with paper_tab:
            transcribe(wid)
    except WorkshopError as exc:
        ui.show_error(exc)
deletion.delete_form(ws, wid)
