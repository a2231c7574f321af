"""Programmes: regional workshops on one pack side by side, and the national report."""

import streamlit as st

from pages import ui
from workshop.charts import (describe_comments, describe_poll, poll_table, theme_table)
from workshop.errors import WorkshopError
from workshop.national_check import check_national_report
from workshop.national_report import draft_national_report
from workshop.programme_view import (ALL_REGIONS, members_table, pooled_snapshot, poll_counts,
                                     question_view, theme_counts, theme_heatmap)
from workshop.programmes import Programmes, export_csv
from workshop.region_differences import (HOW_COMPARED, compare_regions, comparison_note,
                                         region_sentence)
from workshop.scenarios import POLL_KINDS, pack_from_dict
from workshop.text import inline_markdown

ui.require_facilitator()  # before anything else on the page
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
    programme = programmes.get(pid)
    pack = pack_from_dict(programme["pack"], f"programme {pid}")
    members = programmes.members(pid)
    regions = programmes.regions(pid)

    st.header("Workshops")
    if members:
        st.dataframe(members_table(members, regions), hide_index=True, width="stretch")
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

    if regions:
        st.header("One question across the regions")
        questions = [q for q in pack.questions if q.kind in POLL_KINDS or q.kind == "comment"]
        qid = st.selectbox("Question", [q.id for q in questions],
                           format_func=lambda i: next(f"{pack.card_of(q.id).title}: {q.prompt}"
                                                      for q in questions if q.id == i))
        pooled = pooled_snapshot(regions, pack)
        view = question_view(regions, pack, qid, pooled)
        names = [*view.regions, ALL_REGIONS]
        for start in range(0, len(names), 2):
            for col, name in zip(st.columns(2), names[start:start + 2]):
                with col:
                    st.subheader(name)
                    summary = view.summaries[name]
                    if not view.answered(name):
                        st.write("No answers yet.")
                        continue
                    if view.is_poll:
                        ui.chart(view.chart(name), describe_poll(summary), poll_table(summary),
                                 key=f"chart_{qid}_{name}")
                    else:
                        ui.chart(view.chart(name), describe_comments(summary),
                                 theme_table(summary), key=f"chart_{qid}_{name}")
        if view.is_poll:
            st.subheader("Answers by region")
            st.dataframe(poll_counts(view), width="stretch")
        else:
            counts = theme_counts(view)
            st.subheader("Themes by region")
            if counts.empty:
                st.write("No comment has a theme yet.")
            else:
                heat, table = st.columns([3, 2])
                heat.plotly_chart(theme_heatmap(counts), width="stretch", theme=None,
                                  key=f"heat_{qid}", config={"displayModeBar": False})
                table.dataframe(counts, width="stretch")
        st.subheader("Where a region differs from the rest")
        comparison = compare_regions(regions, view.question)
        for d in comparison.found:
            st.markdown(region_sentence(d, pooled.theme_label))
        if comparison_note(comparison):
            st.caption(comparison_note(comparison))
        st.caption(HOW_COMPARED)

    st.header("National report")
    fresh = draft_national_report(programme, regions)
    saved = programme.get("report_edit")
    st.caption("You are editing a saved version." if saved else
               "This is a fresh draft from every region's data.")
    if saved:
        result = check_national_report(programme, regions, saved)
        if result.ok:
            st.caption(f"Check of your edited version: {result.summary()}")
        else:
            st.warning("Check of your edited version: " + result.summary() + " Please look "
                       "at these lines before sharing:\n\n"
                       + "\n".join(f"- {inline_markdown(str(p))}" for p in result.problems))
    preview, edit = st.tabs(["Preview", "Edit"])
    with edit:
        text = st.text_area("National report (markdown)", saved or fresh, height=600,
                            key=f"national_{pid}_{bool(saved)}")
        save, reset = st.columns(2)
        if save.button("Save my edits", type="primary"):
            programmes.save_report_edit(pid, text)
            st.rerun()
        if saved and reset.button("Discard my edits and start from a fresh draft"):
            programmes.save_report_edit(pid, None)
            st.rerun()
    with preview:
        st.markdown(saved or fresh)
    st.download_button("Download the national report (markdown)",
                       (saved or fresh).encode("utf-8"), file_name=f"{pid}-report.md",
                       mime="text/markdown")
    st.download_button("Download all input, with regions (CSV)",
                       export_csv(regions).encode("utf-8"), file_name=f"{pid}-input.csv",
                       mime="text/csv")
except WorkshopError as exc:
    ui.show_error(exc)
