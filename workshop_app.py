"""Entry point: the pages each person may see, chosen by who they are.

Delegates (anyone with the join link) get the phone page and the projector. Whoever opens
the facilitator link (it carries the secret) also gets the console, the report and the
pack editor.
"""

import streamlit as st

from pages import ui
from workshop import access

st.set_page_config(page_title="Workshop", page_icon=":material/groups:", layout="centered")

key = st.query_params.get("key")
if key is not None:
    if access.is_facilitator(key):
        st.session_state.facilitator = True
        if st.query_params.get("workshop"):
            st.session_state.workshop_id = st.query_params["workshop"]
    # The key stays in the address so a reload keeps the console; the projector is opened
    # from its own link, which never carries it.

ui.workshops()  # start the store (and print the facilitator link) on first use
facilitator = ui.is_facilitator()
# The default page is served at "/" whatever its url_path, so it must be the delegate page:
# /console and /report then resolve for the facilitator instead of showing "not found".
delegate = st.Page("pages/delegate.py", title="Join and answer", icon=":material/smartphone:",
                   url_path="join", default=True)
projector = st.Page("pages/projector.py", title="Projector", icon=":material/tv:",
                    url_path="projector")
if facilitator:
    pages = [st.Page("pages/console.py", title="Console", icon=":material/tune:",
                     url_path="console"),
             st.Page("pages/report.py", title="Report", icon=":material/description:",
                     url_path="report"),
             st.Page("pages/packs.py", title="Packs", icon=":material/edit_note:",
                     url_path="packs"),
             projector, delegate]
    st.navigation(pages, position="top").run()
else:
    st.navigation([delegate, projector], position="hidden").run()
