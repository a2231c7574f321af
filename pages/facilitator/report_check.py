"""What the report check found in the facilitator's edited version, said on the page."""

import streamlit as st

from workshop.text import inline_markdown


def show_check(result) -> None:
    """A quiet line when every claim matches the data; otherwise a warning listing each line
    to look at before sharing."""
    if result.ok:
        st.caption(f"Check of your edited version: {result.summary()}")
    else:
        st.warning("Check of your edited version: " + result.summary() + " Please look "
                   "at these lines before sharing:\n\n"
                   + "\n".join(f"- {inline_markdown(str(p))}" for p in result.problems))
