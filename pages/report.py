"""The drafted report: preview, edit (saved in the store), download; CSV of all input."""

import streamlit as st

from pages import picker, ui
from pages.facilitator.report_check import show_check
from pages.facilitator.report_downloads import download_buttons
from workshop.claims import check_report
from workshop.errors import WorkshopError
from workshop.exchange import export_csv
from workshop.i18n import LANGUAGES
from workshop.text import inline_markdown
from workshop.report import draft_report
from workshop.workshops import report_edit_field

ui.require_facilitator()  # before anything else on the page
ws = ui.workshops()
ui.styles()
st.title("Report")
wid = picker.choose_workshop(ws.all())
if not wid:
    st.info("Create a workshop in the console first.")
    st.stop()

try:
    workshop = ws.get(wid)
    snapshot = ws.snapshot(wid)
    lang = st.radio("Language of the report", list(LANGUAGES), format_func=LANGUAGES.get,
                    horizontal=True, key="report_language",
                    help="The report's own wording in English or in Welsh (Cymraeg). What "
                         "people typed stays as they typed it. Each language's report is "
                         "edited and saved on its own.")
    fresh = draft_report(snapshot, lang)
    saved = workshop.get(report_edit_field(lang))
    st.caption(inline_markdown(f"{workshop['title']} – {workshop['region']}.") + " "
               + ("You are editing a saved version." if saved else
                  "This is a fresh draft from the data."))
    if saved:
        show_check(check_report(snapshot, saved, lang))
    preview, edit = st.tabs(["Preview", "Edit"])
    with edit:
        text = st.text_area("Report (markdown)", saved or fresh, height=600,
                            key=f"report_{wid}_{lang}_{bool(saved)}")
        save, reset = st.columns(2)
        if save.button("Save my edits", type="primary"):
            ws.save_report_edit(wid, text, lang)
            st.success("Saved. Your edits are kept in the workshop's store.")
            st.rerun()
        if saved and reset.button("Discard my edits and start from a fresh draft"):
            ws.save_report_edit(wid, None, lang)
            st.rerun()
    with preview:
        st.markdown(saved or fresh)
    download_buttons(snapshot, saved or fresh, workshop["id"], lang)
    st.download_button("Download all input (CSV)", export_csv(snapshot).encode("utf-8"),
                       file_name=f"{workshop['id']}-input.csv", mime="text/csv")
except WorkshopError as exc:
    ui.show_error(exc)
