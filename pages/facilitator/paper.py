"""Paper input: a CSV of what was written on paper, added all at once or not at all."""

from __future__ import annotations

import streamlit as st

from workshop.errors import WorkshopError
from workshop.exchange import import_csv
from workshop.text import markdown_text
from workshop.workshops import Workshops


def transcribe(ws: Workshops, wid: str) -> None:
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

