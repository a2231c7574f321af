"""Programmes: regional workshops on one pack side by side, and the national report."""

import streamlit as st

from pages import ui
from pages.facilitator.report_check import show_check
from pages.shared.picture_grid import Picture, grid_html, one_html
from workshop.charts import (describe_comments, describe_poll, poll_table, theme_table)
from workshop.errors import WorkshopError
from workshop.outputs.html import preview as report_preview
from workshop.programme_cache import programme_data
from workshop.programme_view import ALL_REGIONS, poll_counts
from workshop.programmes import Programmes
from workshop.region_differences import (HOW_COMPARED, comparison_note,
                                         region_sentence)
from workshop.text import inline_markdown

ui.require_facilitator()  # before anything else on the page
st.set_page_config(layout="wide")  # regions side by side need the width
ws = ui.workshops()
ui.styles()
st.title("Programmes")
st.caption("A programme brings together regional workshops run on one pack, so each "
           "question can be read across the regions and reported on nationally.")
programmes = Programmes(ws)


def _create() -> None:
    with st.form("new_programme", clear_on_submit=True):
        title = st.text_input("Programme title")
        pack_id = st.selectbox("Scenario pack every workshop shares", list(ws.packs),
                               format_func=lambda p: ws.packs[p].title)
        if st.form_submit_button("Create programme", type="primary"):
            try:
                made = programmes.create(title, pack_id)
            except WorkshopError as exc:
                ui.show_error(exc)
            else:
                st.query_params["programme"] = made["id"]
                st.rerun()



TABS = ("Workshops side by side", "One question by region", "National report")


def _side_by_side(data) -> None:
    pid, pack, programme = data.programme["id"], data.pack, data.programme
    members = data.members
    if members:
        table = data.members_table()
        # The workshop's id is for the command line (`programme list` gives it), not here.
        st.dataframe(table, hide_index=True, width="stretch",
                     column_order=[c for c in table.columns if c != "Workshop id"])
    else:
        st.info(f"No workshop has joined yet. Add workshops run on the pack "
                f"{inline_markdown(pack.title)}.")
    inside = {m.workshop_id for m in members}
    add, out = st.columns(2)
    with add.expander("Add a workshop"):
        same = [w for w in ws.all() if w.get("pack_id") == programme["pack_id"]
                and w["id"] not in inside]
        if not same:
            st.write("Every workshop on this pack is in the programme already.")
        else:
            with st.form("add_workshop", clear_on_submit=True):
                chosen = st.selectbox("Workshop", [w["id"] for w in same],
                                      format_func=lambda i: next(
                                          f"{w['title']} ({w['region']}, {w['date']})"
                                          for w in same if w["id"] == i))
                region = st.text_input("Region in the programme (leave empty for the "
                                       "workshop's own)")
                if st.form_submit_button("Add to the programme"):
                    try:
                        programmes.add(pid, chosen, region or None)
                    except WorkshopError as exc:
                        ui.show_error(exc)
                    else:
                        st.rerun()
    with out.expander("Take a workshop out"):
        if not members:
            st.write("There is no workshop to take out.")
        else:
            gone = st.selectbox("Workshop", [m.workshop_id for m in members],
                                format_func=lambda i: next(m.region for m in members
                                                           if m.workshop_id == i))
            st.caption("The workshop and everything said in it are kept.")
            if st.button("Take it out of the programme"):
                programmes.remove(pid, gone)
                st.rerun()


def _one_question(data) -> None:
    pack, regions = data.pack, data.regions
    if not regions:
        st.info("No workshop has joined yet, so there is nothing to compare.")
        return
    questions = data.questions
    qid = st.selectbox("Question", [q.id for q in questions],
                       format_func=lambda i: next(f"{pack.card_of(q.id).title}: {q.prompt}"
                                                  for q in questions if q.id == i))
    view = data.question(qid)
    charts, pictures = data.charts(qid), data.pictures(qid)
    blocks = []
    for name in [*view.regions, ALL_REGIONS]:
        if name not in charts:
            blocks.append(Picture(name, ""))
            continue
        summary = view.summaries[name]
        sentence, table = ((describe_poll(summary), poll_table(summary)) if view.is_poll
                           else (describe_comments(summary), theme_table(summary)))
        blocks.append(Picture(name, sentence, pictures[name], charts[name].title, table))
    st.html(grid_html(blocks))
    if view.is_poll:
        st.subheader("Answers by region")
        st.table(poll_counts(view))
    else:
        counts = data.theme_counts(qid)
        st.subheader("Themes by region")
        if counts.empty:
            st.write("No comment has a theme yet.")
        else:
            heat = data.heatmap(qid)
            st.html(one_html(data.heatmap_picture(qid), f"Chart: {heat.title}. Each cell "
                             "is the number of comments on a theme in a region; the table "
                             "below gives them all.", counts))
    st.subheader("Where a region differs from the rest")
    comparison = data.comparison(qid)
    for d in comparison.found:
        st.markdown(region_sentence(d, data.pooled.theme_label))
    if comparison_note(comparison):
        st.caption(comparison_note(comparison))
    st.caption(HOW_COMPARED)


def _edit(pid: str, text: str, saved) -> None:
    text = st.text_area("National report (markdown)", text, height=600,
                        key=f"national_{pid}_{bool(saved)}")
    save, reset = st.columns(2)
    if save.button("Save my edits", type="primary"):
        programmes.save_report_edit(pid, text)
        st.rerun()
    if saved and reset.button("Discard my edits and start from a fresh draft"):
        programmes.save_report_edit(pid, None)
        st.rerun()


def _national(data) -> None:
    pid, programme = data.programme["id"], data.programme
    fresh = data.draft()
    saved = programme.get("report_edit")
    st.caption("You are editing a saved version." if saved else
               "This is a fresh draft from every region's data.")
    if saved:
        show_check(data.check(saved))
    # Both drawn at once, so switching between them never loses words typed but not saved.
    preview, edit = st.tabs(["Preview", "Edit"])
    with edit:
        _edit(pid, saved or fresh, saved)
    with preview:
        st.html(report_preview(saved or fresh))
    st.download_button("Download the national report (markdown)",
                       (saved or fresh).encode("utf-8"), file_name=f"{pid}-report.md",
                       mime="text/markdown")
    st.download_button("Download all input, with regions (CSV)",
                       lambda: data.export().encode("utf-8"), file_name=f"{pid}-input.csv",
                       mime="text/csv", on_click="ignore")


try:
    known = programmes.all()
    with st.expander("Create a programme", expanded=not known):
        _create()
    if not known:
        st.info("There is no programme yet. Create one above.")
        st.stop()
    ids = [p["id"] for p in known]
    asked = st.query_params.get("programme")
    pid = st.selectbox("Programme", ids, index=ids.index(asked) if asked in ids else 0,
                       format_func=lambda i: next(p["title"] for p in known if p["id"] == i))
    st.query_params["programme"] = pid
    data = programme_data(programmes, pid)
    side, one, national = st.tabs(TABS, key="view", on_change="rerun", bind="query-params")
    if side.open:
        with side:
            _side_by_side(data)
    if one.open:
        with one:
            _one_question(data)
    if national.open:
        with national:
            _national(data)
    # What the other tabs show first is worked out while the facilitator reads this one.
    data.warm(data.questions[0].id if data.questions else None)
except WorkshopError as exc:
    ui.show_error(exc)
