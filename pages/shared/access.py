"""The facilitator check every facilitator page makes first (the rule is
workshop/access.py)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from pages.shared.browser import cookie, keep_cookie
from workshop import access

ENTRY = Path(__file__).resolve().parents[2] / "workshop_app.py"


def is_facilitator() -> bool:
    """Whether this browser session has shown the facilitator secret: the `key` in the
    address now, or earlier in the same session (the rule is workshop/access.py).
    Following the navigation to another page leaves the key out of the address (Streamlit
    keeps only widget-bound query parameters across pages), so the session remembers, and
    the browser keeps a cookie (remember_facilitator) so a reload there still opens."""
    if st.session_state.get("facilitator_proven"):
        return True
    if access.is_facilitator(st.query_params.get("key")) or access.is_facilitator_cookie(
            cookie(access.FACILITATOR_COOKIE)):
        st.session_state.facilitator_proven = True
        return True
    return False


def require_facilitator() -> None:
    """First thing on every facilitator page: without the secret, a short refusal and
    nothing else (a wrong key gets the same words as none)."""
    if not is_facilitator():
        st.title("Facilitator only")
        st.markdown(access.REFUSAL)
        st.stop()
    # Streamlit 1.67 runs pages two ways. Until some script in this process has called
    # st.navigation, an app with a pages/ folder counts as an old-style multipage app
    # (PagesManager.uses_pages_directory is True): the script runner builds its own hidden
    # navigation from pages/*.py and runs the page the address names directly
    # (streamlit/runtime/scriptrunner/script_runner.py, `_mpa_v1`), so workshop_app.py and
    # its navigation never run. The first st.navigation call clears the flag for the whole
    # process. So a facilitator page opened first on a fresh process clears it, as
    # st.navigation would, and runs the entry script in its place, in this same run (a
    # click it carries is kept): its navigation lists the facilitator's pages and runs this
    # same page again (same url path both ways), now past this point. Streamlit does the
    # same when "/" is opened first. The check above comes first, so only the facilitator
    # gets here.
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        exec(compile(ENTRY.read_text(), str(ENTRY), "exec"),  # noqa: S102
             {"__name__": "__main__", "__file__": str(ENTRY)})
        st.stop()
    remember_facilitator()


def remember_facilitator() -> None:
    """Have this browser keep the facilitator's cookie (workshop/access.py)."""
    if access.is_facilitator_cookie(cookie(access.FACILITATOR_COOKIE)):
        return
    keep_cookie({"name": access.FACILITATOR_COOKIE, "value": access.facilitator_cookie_value(),
                 "max_age": access.FACILITATOR_COOKIE_SECONDS, "same_site": "Strict"})
