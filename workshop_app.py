"""Entry point: the pages each person may see, chosen by who they are.

Delegates (anyone with the join link) get the phone page and the projector. Whoever opens
the facilitator link (it carries the secret) also sees the console, the report and the
pack editor listed. Each of those pages checks the secret itself first
(pages/shared/access.py `require_facilitator`): Streamlit can run a page in pages/ without
this script (see the note there), so the list below is navigation, not protection.
"""

import streamlit as st

from pages import ui

st.set_page_config(page_title="Workshop", page_icon=":material/groups:", layout="centered")

facilitator = ui.is_facilitator()
if facilitator and st.query_params.get("workshop"):
    st.session_state.workshop_id = st.query_params["workshop"]
# The key stays in the address of the page opened with it, so a reload keeps that page;
# the session remembers it on the other pages. The projector is opened from its own link,
# which never carries it.

ui.workshops()  # start the store (and print the facilitator link) on first use
# The default page is served at "/" whatever its url_path, so it must be the delegate page:
# /console and /report then resolve to their pages, which refuse anyone without the key.
delegate = st.Page("pages/delegate.py", title="Join and answer", icon=":material/smartphone:",
                   url_path="join", default=True)
projector = st.Page("pages/projector.py", title="Projector", icon=":material/tv:",
                    url_path="projector")
facilitator_pages = [
    st.Page("pages/console.py", title="Console", icon=":material/tune:", url_path="console"),
    st.Page("pages/report.py", title="Report", icon=":material/description:",
            url_path="report"),
    st.Page("pages/packs.py", title="Packs", icon=":material/edit_note:", url_path="packs"),
    st.Page("pages/programme.py", title="Programmes", icon=":material/hub:",
            url_path="programme")]
with ui.plain_errors():
    if facilitator:
        st.navigation([*facilitator_pages, projector, delegate], position="top").run()
    else:
        # Listed for no one (hidden), so /console without the key shows the page's own
        # refusal rather than "page not found".
        st.navigation([delegate, projector, *facilitator_pages], position="hidden").run()
