"""The report page's downloads: the report in each format councils share, and its Easy Read
summary. Each file is made when its button is pressed (Word, web page and PDF draw the
charts, which takes a few seconds), from the edited version when there is one."""

import streamlit as st

from workshop import outputs

# The formats offered, in the order shown.
REPORT = ("docx", "pdf", "html", "md")
EASY_READ = ("easyread-docx", "easyread-pdf", "easyread")


def _buttons(snapshot, markdown: str, name: str, formats, lang: str) -> None:
    # As many columns as buttons: the Easy Read labels are long and are never cut off.
    for column, fmt in zip(st.columns(len(formats)), formats):
        label, ending, mime = outputs.FORMATS[fmt]

        def make(fmt=fmt) -> bytes:
            return outputs.render_report(snapshot, markdown, fmt, lang)

        column.download_button(f"{label} (.{ending})", make, file_name=outputs.file_name(
            name, fmt, lang), mime=mime, key=f"download_{fmt}", on_click="ignore",
            width="stretch")


def download_buttons(snapshot, markdown: str, name: str, lang: str = "en") -> None:
    """One button per format, side by side; each makes its file when pressed, in the
    language chosen for the report (LANG: "en" or "cy")."""
    in_welsh = lang == "cy"
    st.markdown("#### Download the report" + (" in Welsh (Cymraeg)" if in_welsh else ""))
    st.caption("Every format has the same words. Word, PDF and the web page add the "
               "charts, each with a sentence saying what it shows"
               + (" (the charts' own words are in English)." if in_welsh else "."))
    _buttons(snapshot, markdown, name, REPORT, lang)
    st.markdown("#### Download the Easy Read summary")
    st.caption("What people said and what happens next, in short sentences with a "
               "picture beside each one. It is made from the data, not from your edits."
               + (" It is in English only so far." if in_welsh and not
                  outputs.EASY_READ_LANGUAGES.get(lang) else ""))
    _buttons(snapshot, markdown, name, EASY_READ, lang)
