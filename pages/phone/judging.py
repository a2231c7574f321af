"""Judging on the phone: score each entry on every criterion (a scoring matrix), or rate
each option in each area with a reason (a rating matrix)."""

from __future__ import annotations

import streamlit as st

from pages.phone import saving
from pages.shared import language
from pages.shared.language import N_, _, ngettext
from pages.shared.workshops import workshops
from workshop.formats import MAX_REASON_CHARS
from workshop.scenarios import SCORE_MAX, SCORE_MIN
from workshop.text import inline_markdown

SCORE_WORDS = {1: N_("1 Poor"), 2: N_("2 Weak"), 3: N_("3 Fair"), 4: N_("4 Good"),
               5: N_("5 Excellent")}


def scoring_form(workshop: dict, token: str, q) -> None:
    wid = workshop["id"]
    row = workshops().answer_row(wid, token, q.id) or {}
    scores, notes = row.get("scores") or {}, row.get("notes") or {}
    ids = [e.id for e in q.entries]
    pick = f"entry_{q.id}"
    if f"next_{pick}" in st.session_state:  # after a save, move on to the next entry
        st.session_state[pick] = st.session_state.pop(f"next_{pick}")
    local = workshops().pack_of(wid).in_language(language.current()).question(q.id)
    said = language.words(workshops().pack_of(wid), q)  # saved in English, shown as spoken
    st.write(_("Score each entry from {least} to {most} on every criterion: 1 poor, 2 weak, "
               "3 fair, 4 good, 5 excellent.").format(least=SCORE_MIN, most=SCORE_MAX))
    st.markdown(ngettext("You have scored **{scored} of {n} entry**.",
                         "You have scored **{scored} of {n} entries**.", len(ids)).format(
                             scored=len(scores), n=f"{len(ids):,}"))
    entry_id = st.selectbox(_("Entry to score"), ids, key=pick, format_func=lambda i: (
        local.entry(i).title + " " + (_("(scored)") if i in scores else _("(not scored yet)"))))
    entry = local.entry(entry_id)
    with st.container(border=True):
        st.markdown(f"**{inline_markdown(entry.title)}**"
                    + ("  \n" + _("Group: {group}").format(group=inline_markdown(entry.group))
                       if entry.group else ""))
        if entry.summary:
            st.write(inline_markdown(entry.summary))
    mine = scores.get(entry_id, {})
    with st.form(f"score_{q.id}_{entry_id}"):
        given = {c: st.radio(inline_markdown(said.get(c, c)), list(SCORE_WORDS),
                             format_func=lambda n: _(SCORE_WORDS[n]),
                             horizontal=True, key=f"sc_{q.id}_{entry_id}_{n}",
                             index=mine[c] - 1 if c in mine else None)
                 for n, c in enumerate(q.criteria)}
        note = st.text_area(_("Your comment on this entry (optional, up to {limit} "
                              "characters)").format(limit=MAX_REASON_CHARS),
                            notes.get(entry_id, ""),
                            max_chars=MAX_REASON_CHARS, key=f"note_{q.id}_{entry_id}")
        if st.form_submit_button(_("Save scores for this entry"), type="primary"):
            if saving.attempt(lambda: workshops().score_entry(wid, token, q.id, entry_id, given,
                                                              note), said):
                done = set(scores) | {entry_id}
                rest = [i for i in ids if i not in done]
                if rest:
                    st.session_state[f"next_{pick}"] = rest[0]
                saving.done(q.id, _("Your scores for \u201c{entry}\u201d are saved.").format(
                    entry=entry.title) + " "
                    + (_("Next to score: \u201c{entry}\u201d.").format(
                        entry=local.entry(rest[0]).title)
                       if rest else _("You have scored every entry. You can still change "
                                      "your scores.")))
    saving.show_done(q.id)
    st.markdown("##### " + _("Your scores"))
    st.markdown("\n".join(
        f"- {inline_markdown(e.title)}: "
        + (_("scored, total {total}").format(total=sum(scores[e.id].values()))
           if e.id in scores else _("not scored yet")) for e in local.entries))


def rating_form(workshop: dict, token: str, q) -> None:
    wid = workshop["id"]
    row = workshops().answer_row(wid, token, q.id) or {}
    ratings, reasons = row.get("ratings") or {}, row.get("reasons") or {}
    pick = f"option_{q.id}"
    if f"next_{pick}" in st.session_state:
        st.session_state[pick] = st.session_state.pop(f"next_{pick}")
    said = language.words(workshops().pack_of(wid), q)  # saved in English, shown as spoken
    st.write(inline_markdown(_("Rate each option against each area: {levels}. Say why.")
                             .format(levels=", ".join(said.get(v, v) for v in q.levels))))
    st.markdown(ngettext("You have rated **{rated} of {n} option**.",
                         "You have rated **{rated} of {n} options**.", len(q.options)).format(
                             rated=len(ratings), n=f"{len(q.options):,}"))
    option = st.selectbox(_("Option to rate"), q.options, key=pick, format_func=lambda o: (
        said.get(o, o) + " " + (_("(rated)") if o in ratings else _("(not rated yet)"))))
    mine = ratings.get(option, {})
    n_option = q.options.index(option)
    with st.form(f"rate_{q.id}_{n_option}"):
        given = {d: st.radio(inline_markdown(said.get(d, d)), q.levels,
                             format_func=lambda v: inline_markdown(said.get(v, v)),
                             horizontal=True, key=f"rt_{q.id}_{n_option}_{n}",
                             index=q.levels.index(mine[d]) if d in mine else None)
                 for n, d in enumerate(q.dimensions)}
        reason = st.text_area(_("Why? Your reason (optional, up to {limit} characters)")
                              .format(limit=MAX_REASON_CHARS), reasons.get(option, ""),
                              max_chars=MAX_REASON_CHARS, key=f"why_{q.id}_{n_option}")
        if st.form_submit_button(_("Save ratings for this option"), type="primary"):
            if saving.attempt(lambda: workshops().rate_option(wid, token, q.id, option, given,
                                                              reason), said):
                rest = [o for o in q.options if o not in ratings and o != option]
                if rest:
                    st.session_state[f"next_{pick}"] = rest[0]
                saving.done(q.id, _("Your ratings for \u201c{option}\u201d are saved.").format(
                    option=said.get(option, option)) + " "
                    + (_("Next to rate: \u201c{option}\u201d.").format(
                        option=said.get(rest[0], rest[0])) if rest else
                       _("You have rated every option. You can still change them.")))
    saving.show_done(q.id)
    st.markdown("##### " + _("Your ratings"))
    st.markdown("\n".join(
        f"- {inline_markdown(said.get(o, o))}: "
        + (inline_markdown("; ".join(f"{said.get(d, d)} {said.get(ratings[o][d], ratings[o][d])}"
                                     for d in q.dimensions if d in ratings[o]))
           if o in ratings else _("not rated yet")) for o in q.options))
