"""The report page's downloads: the report in each format councils share. Each file is
made when its button is pressed (Word, web page and PDF draw the charts, which takes a few
seconds), from the edited version when there is one."""

import streamlit as st

from workshop import outputs

# The formats offered, in the order shown.
OFFERED = ("docx", "pdf", "html", "md")


def download_buttons(snapshot, markdown: str, name: str) -> None:
    """One button per format, side by side; each makes its file when pressed."""
    st.markdown("#### Download the report")
    st.caption("Every format has the same words. Word, PDF and the web page add the "
               "charts, each with a sentence saying what it shows.")
    for column, fmt in zip(st.columns(len(OFFERED)), OFFERED):
        label, ending, mime = outputs.FORMATS[fmt]

        def make(fmt=fmt) -> bytes:
            return outputs.render_report(snapshot, markdown, fmt)

        column.download_button(f"{label} (.{ending})", make, file_name=outputs.file_name(
            name, fmt), mime=mime, key=f"download_{fmt}", on_click="ignore",
            width="stretch")
