"""The codebook: add and rename themes, and the possible new themes offered from
comments that fit none."""

from __future__ import annotations

import streamlit as st

from pages.shared.errors import show_error
from workshop.errors import WorkshopError
from workshop.text import inline_markdown
from workshop.wording import counted, plural
from workshop.workshops import Workshops


def codebook(ws: Workshops, wid: str) -> None:
    themes = ws.codebook(wid)
    st.dataframe([{"Theme": t.label, "Description": t.description} for t in themes],
                 hide_index=True, width="stretch")
    add, rename = st.columns(2)
    with add.form("add_theme", clear_on_submit=True):
        st.markdown("**Add a theme**")
        label = st.text_input("Name")
        description = st.text_area("What it covers (helps automatic theming)")
        if st.form_submit_button("Add theme"):
            try:
                ws.add_theme(wid, label, description)
                st.success(f"Added. {counted(ws.retag(wid), 'comment')} re-themed.")
            except WorkshopError as exc:
                show_error(exc)
    with rename.form("rename_theme"):
        st.markdown("**Rename a theme**")
        theme = st.selectbox("Theme", themes, format_func=lambda t: t.label)
        label = st.text_input("New name")
        if st.form_submit_button("Rename"):
            try:
                ws.rename_theme(wid, theme.id, label)
                st.success("Renamed.")
            except WorkshopError as exc:
                show_error(exc)


def emerging(ws: Workshops, wid: str) -> None:
    st.subheader("Possible new themes")
    done = st.session_state.pop("emerging_done", None)
    if done:
        st.success(inline_markdown(done))
    candidates = ws.candidate_themes(wid)
    if not candidates:
        st.write("None at the moment. When at least three comments that fit no theme well "
                 "say something alike, they are offered here as a possible new theme.")
        return
    st.write("These comments fit no theme well but have something in common. Nothing is "
             "added to the codebook until you choose.")
    themes = ws.codebook(wid)
    for c in candidates[:5]:
        with st.container(border=True):
            st.markdown(f"**{inline_markdown(c.name)}**: {plural(len(c.comment_ids), 'comment')}"
                        ", for example:")
            st.markdown("\n".join(f"- {inline_markdown(e)}" for e in c.examples))
            name = st.text_input("Name for the new theme", c.name, key=f"cand_name_{c.key}")
            add, merge, aside = st.columns(3, vertical_alignment="bottom")
            target = merge.selectbox("Or put these comments under", themes,
                                     format_func=lambda t: t.label, key=f"cand_into_{c.key}")
            try:
                if add.button("Add as a new theme", key=f"cand_add_{c.key}", type="primary"):
                    theme = ws.accept_candidate(wid, c, name)
                    _emerging_done(f"Added the theme \u201c{theme.label}\u201d to "
                                   f"{plural(len(c.comment_ids), 'comment')}.")
                if merge.button("Put them under this theme", key=f"cand_merge_{c.key}"):
                    ws.merge_candidate(wid, c, target.id)
                    _emerging_done(f"Put {plural(len(c.comment_ids), 'comment')} under "
                                   f"\u201c{target.label}\u201d.")
                if aside.button("Not a theme: stop suggesting it", key=f"cand_aside_{c.key}"):
                    ws.set_aside_candidate(wid, c)
                    _emerging_done("These comments will not be suggested as a theme again.")
            except WorkshopError as exc:
                show_error(exc)


def _emerging_done(message: str) -> None:
    st.session_state["emerging_done"] = message
    st.rerun()

