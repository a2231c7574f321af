"""Plain errors: what a person is told when something goes wrong."""

from __future__ import annotations

import traceback
from contextlib import contextmanager

import streamlit as st

from workshop.errors import WorkshopError
from workshop.text import markdown_text

PAGE_FAILED = ("Sorry, something went wrong on this page. Nothing saved has been lost. "
               "Reload the page to try again.")


@contextmanager
def plain_errors():
    """A page that fails shows a short, plain message; the details go to the server's log
    only (the browser never gets a traceback: .streamlit/config.toml showErrorDetails)."""
    try:
        yield
    except Exception:  # st.rerun and st.stop are not Exceptions: they pass through
        traceback.print_exc()
        st.error(PAGE_FAILED, icon=":material/error:")


def show_error(exc: WorkshopError, said: dict[str, str] | None = None) -> None:
    """A plain-English message; it may repeat what someone typed, so that is shown as
    typed (its lines kept: a rejected import lists one problem a line)."""
    from pages.shared.language import error_text  # in the language the page shows
    st.error(markdown_text(error_text(exc, said)), icon=":material/error:")


NOT_A_PAGE = "There is nothing at this address. Check the link you were given."


def not_a_page(name: str) -> None:
    """For a file in pages/ that is not a page: Streamlit runs any pages/*.py named in
    the address until the navigation is first set (pages/shared/access.py), so such a
    file, run that way (`name` "__main__"), shows only that there is nothing here."""
    if name == "__main__":
        st.title("Page not found")
        st.markdown(NOT_A_PAGE)
        st.stop()
