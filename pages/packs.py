"""Scenario packs written in the app: build, check as you go, preview, save, export, import."""

import streamlit as st

from pages import ui
from workshop import pack_builder, settings
from workshop.errors import PackError
from workshop.scenarios import (COMMENT_KINDS, KIND_LABELS, QUESTION_KINDS, SCORE_MAX,
                                SCORE_MIN, Pack, check_pack_size, dump_yaml, load_yaml,
                                pack_from_yaml, pack_to_yaml, save_pack)
from workshop.text import inline_markdown, markdown_text
from workshop.wording import counted

ui.require_facilitator()  # before anything else on the page
ws = ui.workshops()
ui.styles()
NEW = "__new__"
TEMPLATE = """\
id: my_workshop
title: My workshop
summary: One or two sentences on what the day is for.
roles:
- {id: commissioner, label: Commissioner}
- {id: provider, label: Care provider}
- {id: user, label: Person who uses services or carer}
- {id: other, label: Other}
codebook:
- id: quality
  label: Quality
  description: What good care looks like, and how it is checked.
stages:
- id: stage_one
  title: Stage one
  cards:
  - id: first_card
    title: First card
    scenario: The situation delegates discuss on this card.
    questions:
    - id: first_question
      kind: comment
      prompt: What are the issues here?
"""
def _draft() -> dict | None:
    try:
        data = load_yaml(st.session_state.pack_yaml, "your pack")
    except PackError:
        return None
    return data if isinstance(data, dict) else None


def _set_draft(data: dict) -> None:
    _load(dump_yaml(data))
    st.rerun()


def builder(data: dict) -> None:
    """Forms that add to the pack; each change goes through the same check as the YAML."""
    stages = data.setdefault("stages", [])
    st.markdown("**Add a card with a question**")
    kind = st.selectbox("Kind of question", QUESTION_KINDS, format_func=KIND_LABELS.get,
                        key="pb_kind")
    with st.form("add_card", clear_on_submit=True):
        stage_titles = [s.get("title", "") for s in stages] + ["A new stage"]
        stage = st.selectbox("Stage", range(len(stage_titles)),
                             format_func=lambda i: stage_titles[i])
        new_stage = st.text_input("Title of the new stage (if you chose a new stage)")
        title = st.text_input("Card title")
        scenario = st.text_area("Scenario (what delegates read)")
        plain = st.text_area("Plain-English version (optional, short sentences)")
        prompt = st.text_input("Question")
        first_label, second_label = pack_builder.LISTS.get(kind, (None, None))
        first = st.text_area(first_label) if first_label else ""
        second = st.text_area(second_label) if second_label else ""
        if kind == "scoring_matrix":
            st.caption(f"Judges score each entry from {SCORE_MIN} to {SCORE_MAX} on each "
                       "criterion.")
        if kind == "comment":
            st.caption("Delegates say whether each comment is: "
                       + ", ".join(COMMENT_KINDS.values()).lower() + ".")
        if st.form_submit_button("Add card"):
            _set_draft(pack_builder.add_card(data, stage, new_stage, title, scenario, plain,
                                             kind, prompt, first, second))
    left, right = st.columns(2)
    with left.form("add_role", clear_on_submit=True):
        st.markdown("**Add a role**")
        label = st.text_input("Role, as delegates will see it")
        if st.form_submit_button("Add role") and label.strip():
            _set_draft(pack_builder.add_role(data, label))
    with right.form("add_pack_theme", clear_on_submit=True):
        st.markdown("**Add a theme to the codebook**")
        label = st.text_input("Theme name")
        description = st.text_input("What it covers")
        if st.form_submit_button("Add theme") and label.strip():
            _set_draft(pack_builder.add_theme(data, label, description))


def preview(pack: Pack) -> None:
    """Each card as a delegate would see it on their phone (controls are not live)."""
    for card in pack.cards:
        with st.container(border=True):
            st.markdown(f"### {inline_markdown(card.title)}")
            st.markdown(markdown_text(card.scenario))
            if card.plain_scenario:
                with st.expander("Plain English"):
                    st.markdown(markdown_text(card.plain_scenario))
            for q in card.questions:
                _preview_question(q, pack)


def _preview_question(q, pack: Pack) -> None:
    key = f"pv_{q.id}"
    st.markdown(f"**{inline_markdown(q.prompt)}**")
    if q.kind == "comment":
        st.radio("This is", list(pack.comment_kinds.values()), disabled=True, key=key + "_k")
        st.text_area("Your comment", disabled=True, key=key)
    elif q.kind in ("scale", "choice"):
        st.radio("Your answer", q.choices, index=None, disabled=True, key=key,
                 format_func=inline_markdown)
    elif q.kind == "ranking":
        for i in range(len(q.options)):
            st.selectbox(f"Place {i + 1}", q.options, index=None, disabled=True,
                         key=f"{key}_{i}")
    elif q.kind == "points":
        for o in q.options:
            st.number_input(inline_markdown(o), 0, q.total, 0, disabled=True, key=f"{key}_{o}")
        st.caption(f"Spread {q.total} points.")
    elif q.kind == "scoring_matrix":
        st.selectbox("Entry", [e.title for e in q.entries], disabled=True, key=key)
        for c in q.criteria:
            st.radio(inline_markdown(c), range(SCORE_MIN, SCORE_MAX + 1), horizontal=True, index=None,
                     disabled=True, key=f"{key}_{c}")
    elif q.kind == "rating_matrix":
        st.selectbox("Option", q.options, disabled=True, key=key)
        for d in q.dimensions:
            st.radio(inline_markdown(d), q.levels, horizontal=True, index=None, disabled=True,
                     key=f"{key}_{d}", format_func=inline_markdown)
    elif q.kind == "card_sort":
        for i, s in enumerate(q.statements):
            st.radio(inline_markdown(s.text), q.categories, horizontal=True, index=None,
                     disabled=True, key=f"{key}_{i}", format_func=inline_markdown)
    elif q.kind == "idea_board":
        st.text_area("Your idea", disabled=True, key=key)
        if q.tags:
            st.radio("Where it belongs", q.tags, disabled=True, key=key + "_t",
                     format_func=inline_markdown)
        st.caption(f"Each person has {counted(q.votes, 'vote')}.")


def _load(text: str) -> None:
    """Put text in the editor. The editor's key changes so it shows the new text."""
    st.session_state.pack_yaml = text
    st.session_state.pack_version = st.session_state.get("pack_version", 0) + 1


st.title("Scenario packs")
for problem in ws.pack_problems:
    st.warning(f"A pack was left out because it cannot be used: {problem}",
               icon=":material/warning:")
st.write("Write a pack for your own workshop, or change a copy of one. Workshops already "
         "created keep the version of the pack they started with.")
ids = [NEW, *ws.packs]
start = st.selectbox("Start from", ids, key="pack_start", format_func=lambda p: (
    "A new pack" if p == NEW else f"{ws.packs[p].title} ({p})"))
if st.session_state.get("pack_loaded") != start:
    _load(TEMPLATE if start == NEW else pack_to_yaml(ws.packs[start]))
    st.session_state.pack_loaded = start

upload = st.file_uploader("Or import a pack (YAML)", type=["yaml", "yml"])
if upload is not None and st.session_state.get("pack_upload") != upload.file_id:
    st.session_state.pack_upload = upload.file_id
    try:
        check_pack_size(upload.size, upload.name)
        _load(upload.getvalue().decode("utf-8"))
    except PackError as exc:
        st.error(f"Not imported: {exc}")
    except UnicodeDecodeError:
        st.error("That file is not text. Choose a YAML file (.yaml).")

pack, problem = None, None
try:
    pack = pack_from_yaml(st.session_state.pack_yaml, "your pack")
except PackError as exc:
    problem = str(exc)
if pack:
    kinds = sorted({KIND_LABELS[q.kind] for q in pack.questions})
    st.success(f"This pack is ready to use: {counted(len(pack.cards), 'card')}, "
               f"{counted(len(pack.questions), 'question')} ({', '.join(kinds)}), "
               f"{counted(len(pack.roles), 'role')}, {counted(len(pack.codebook), 'theme')}.")
else:
    st.error(inline_markdown(f"This pack cannot be used yet. {problem}"))

build, text, look = st.tabs(["Build", "YAML", "Preview"])
with text:
    edited = st.text_area("The pack as YAML (checked when you click outside the box, or "
                          "press Ctrl+Enter)", st.session_state.pack_yaml, height=500,
                          key=f"pack_editor_{st.session_state.pack_version}")
    if edited != st.session_state.pack_yaml:
        st.session_state.pack_yaml = edited
        st.rerun()
with build:
    data = _draft()
    if data is None:
        st.info("Fix the YAML first (see the message above); then you can add to it here.")
    else:
        builder(data)
with look:
    if pack:
        preview(pack)
    else:
        st.info("The preview appears when the pack has no problems.")

save, download = st.columns(2)
if save.button("Save the pack", type="primary", disabled=pack is None):
    try:
        saved = save_pack(st.session_state.pack_yaml, settings.packs_dir(), ws.packs)
        ws.add_pack(saved)
        st.success(inline_markdown(f"Saved \u201c{saved.title}\u201d. New workshops can use "
                                   "it now."))
    except (PackError, OSError) as exc:
        st.error(inline_markdown(f"Not saved: {exc}"))
download.download_button("Export as YAML", st.session_state.pack_yaml.encode("utf-8"),
                         file_name=f"{pack.id if pack else 'pack'}.yaml",
                         mime="application/x-yaml")
