"""Ranking and points on the phone: tap the items in order, or share out the points."""

from __future__ import annotations

import streamlit as st

from pages.phone import saving
from pages.shared import language
from pages.shared.language import _, ngettext
from pages.shared.workshops import workshops
from workshop.charts import ordinal
from workshop.formats import points_step
from workshop.text import inline_markdown


def ranking_form(workshop: dict, token: str, q) -> None:
    """Tap the items in order of preference: each tap gives the next place; the last item
    takes the last place by itself. Buttons, so a keyboard ranks the same way."""
    wid = workshop["id"]
    saved = workshops().own_answer(wid, token, q.id)
    key = f"order_{q.id}"
    if key not in st.session_state:  # the saved order, the first time the form is shown
        st.session_state[key] = list(saved) if len(saved) == len(q.options) else []
    order: list[str] = st.session_state[key]
    said = language.words(workshops().pack_of(wid), q)  # saved in English, shown as spoken

    def place(option: str) -> None:
        if option not in order:
            order.append(option)
        rest = [o for o in q.options if o not in order]
        if len(rest) == 1:
            order.append(rest[0])

    def undo() -> None:
        if order:
            order.pop()
            if len(order) == len(q.options) - 1:  # the last one was placed by itself
                order.pop()

    rest = [o for o in q.options if o not in order]
    if order:
        st.markdown(_("**Your order**") + "\n\n" + "\n".join(
            f"{n}. {inline_markdown(said.get(o, o))}" for n, o in enumerate(order, 1)))
        # Beside the order they change, and unlike the items to tap.
        with st.container(horizontal=True):
            st.button(_("Undo last"), key=f"undo_{q.id}", on_click=undo, type="tertiary",
                      icon=":material/undo:")
            st.button(_("Start again"), key=f"again_{q.id}", on_click=order.clear,
                      type="tertiary", icon=":material/restart_alt:")
    if rest:
        st.write(_("Tap the items in order, the one that matters most first.") if not order
                 else _("Tap the item for {ordinal} place.").format(
                     ordinal=ordinal(len(order) + 1), n=len(order) + 1))
        for o in rest:
            st.button(inline_markdown(said.get(o, o)), key=f"place_{q.id}_{q.options.index(o)}",
                      on_click=place, args=(o,), width="stretch")
    saving.save_button(q, (_("Save my order"), _("Change my order")), saved,
                       lambda: workshops().answer_ranking(wid, token, q.id, list(order)),
                       _("Thank you, your order is saved. You can change it while this "
                         "question is open."), said)


def points_form(workshop: dict, token: str, q) -> None:
    wid = workshop["id"]
    row = workshops().answer_row(wid, token, q.id) or {}
    saved = row.get("points") or {}
    said = language.words(workshops().pack_of(wid), q)
    st.write(_("Share out {total} points (0 is fine). The buttons add or take {step}; you "
               "can also type a number.").format(total=q.total, step=points_step(q.total)))
    given = {}
    for n, o in enumerate(q.options):
        given[o] = st.number_input(inline_markdown(said.get(o, o)), min_value=0, max_value=q.total,
                                   step=points_step(q.total),
                                   value=int(saved.get(o, 0)), key=f"pts_{q.id}_{n}")
    spent = sum(int(v or 0) for v in given.values())
    left = q.total - spent
    if left >= 0:
        st.markdown(_("**{left} of {total} points left**").format(left=left, total=q.total))
    else:
        st.markdown(ngettext("**{n} point too many**: you have given {spent} of {total}. "
                             "Take some away.",
                             "**{n} points too many**: you have given {spent} of {total}. "
                             "Take some away.", -left).format(
                                 n=f"{-left:,}", spent=spent, total=q.total))
    saving.save_button(q, (_("Save my points"), _("Change my points")), saved,
                       lambda: workshops().answer_points(wid, token, q.id, given),
                       _("Thank you, your points are saved. You can change them while this "
                         "question is open."), said)
