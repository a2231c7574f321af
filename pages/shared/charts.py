"""The live charts of a question, each with its sentence (the text alternative): in the
console with the numbers one click away, on the projector as a still picture that fits
its box."""

from __future__ import annotations

import streamlit as st

from pages.shared import language
from pages.shared.language import _
from workshop import charts
from workshop.screen import ChartBox
from workshop.text import inline_html, inline_markdown
from workshop.wording import counted
from workshop.workshops import Workshops


def chart(fig, description: str, table, key: str, box: ChartBox | None = None) -> None:
    """A chart with its sentence. The sentence names options, themes and ideas people
    typed: it is shown as plain text. In the console it is above the chart and the data
    table one click away. On the projector (a `box`) nothing can be clicked: the chart is
    a still picture and its sentence, the text alternative, is written under it."""
    # theme=None keeps the chart's own large, high-contrast fonts and palette.
    if box is None:
        st.markdown(inline_markdown(description))
        st.plotly_chart(fig, width="stretch", key=key, theme=None,
                        config={"displayModeBar": False})
        with st.expander("Show the numbers as a table"):
            st.dataframe(table, hide_index=True, width="stretch")
        return
    st.plotly_chart(fig, width="stretch", key=key, theme=None,
                    config={"displayModeBar": False, "staticPlot": True})
    st.markdown(f"<p class='proj-sentence'>{inline_html(description)}</p>",
                unsafe_allow_html=True, anchors=False)


def question_charts(ws: Workshops, snapshot, question, box: ChartBox | None = None,
                    key: str = "", facilitator: bool = False, now: float = 0) -> None:
    """The live charts for one question, with text alternatives. The facilitator also gets
    a role selector for rating matrices and the reasons and judges' comments. On the
    projector (a `box`): one chart that fits the box, long ones turning pages at `now`."""
    # The charts speak the screen's language, with the pack's own words in it.
    with charts.speaking(language.current(), snapshot.pack):
        _question_charts(snapshot, question, box, key, facilitator, now)


def _question_charts(snapshot, question, box, key, facilitator, now) -> None:
    from workshop.analysis import summarise_comments, summarise_poll
    if question.kind in FORMAT_CHARTS:
        FORMAT_CHARTS[question.kind](snapshot, question, box, key, facilitator, now)
    elif question.kind == "comment":
        s = summarise_comments(snapshot, question.id)
        if not s.n_comments:
            st.info(_("No comments yet."))
            return
        chart(charts.theme_chart(s, box or False), charts.describe_comments(s),
              charts.theme_table(s), f"{key}themes", box)
        if box:
            return
        _pooled_note(s.grouping)
        kinds = {}
        for k, _label, n in s.kind_rows:
            kinds[k] = kinds.get(k, 0) + n
        st.plotly_chart(charts.kind_chart(s), width="stretch", theme=None,
                        key=f"{key}kinds", config={"displayModeBar": False})
        st.caption(" · ".join(f"{k}: {n}" for k, n in sorted(kinds.items())))
    else:
        p = summarise_poll(snapshot, question.id)
        if not p.n_people:
            st.info(_("No answers yet."))
            return
        chart(charts.poll_chart(p, question.kind, box or False), charts.describe_poll(p),
              charts.poll_table(p), f"{key}poll", box)
        _pooled_note(p.grouping, box)


# -- structured kinds ------------------------------------------------------------------
def _no_answers(text: str = "") -> None:
    st.info(text or _("No answers yet."))


def _pooled_note(grouping, box: ChartBox | None = None) -> None:
    """Which roles are shown together, in the console (on the projector the key says
    "Smaller groups combined")."""
    if grouping.note and box is None:
        st.caption(inline_markdown(grouping.note))


def _order_charts(snapshot, question, box, key, facilitator, now) -> None:
    from workshop.results import points_result, ranking_result
    r = (ranking_result if question.kind == "ranking" else points_result)(snapshot, question.id)
    if not r.n_people:
        return _no_answers()
    chart(charts.order_chart(r, question.kind, box or False),
          charts.describe_order(r, question.kind), charts.order_table(r, question.kind),
          f"{key}order", box)
    _pooled_note(r.grouping, box)


def _scoring_charts(snapshot, question, box, key, facilitator, now) -> None:
    from workshop.results import scoring_result
    r = scoring_result(snapshot, question.id)
    if not r.n_judges:
        return _no_answers(_("No scores yet."))
    chart(charts.scoring_chart(r, box or False), charts.describe_scoring(r),
          charts.scoring_table(r), f"{key}scores", box)
    notes = [(e.title, role, note) for e in r.entries for role, note in e.notes]
    if facilitator and notes:
        with st.expander(f"Judges' comments ({len(notes)})"):
            st.dataframe([{"Entry": t, "Judge's role": role, "Comment": n}
                          for t, role, n in notes], hide_index=True, width="stretch")


def _rating_charts(snapshot, question, box, key, facilitator, now) -> None:
    from workshop.results import EVERYONE, rating_result
    r = rating_result(snapshot, question.id)
    if not r.n_groups:
        return _no_answers(_("No ratings yet."))
    group = EVERYONE
    if facilitator:
        group = st.selectbox("Show ratings from", [EVERYONE, *r.grouping.order],
                             key=f"{key}rating_group_{question.id}",
                             help="The projector always shows everyone.")
    chart(charts.rating_heatmap(r, question.options, question.dimensions, group, box or False,
                                now),
          charts.describe_rating(r, question.options, question.dimensions, group),
          charts.rating_table(r, question.options, question.dimensions, group),
          f"{key}rating", box)
    _pooled_note(r.grouping, box)
    if facilitator:
        with st.expander(f"Reasons given ({len(r.reasons)})"):
            if r.reasons:
                st.dataframe([{"Option": o, "Role": role, "Reason": text}
                              for o, role, text in r.reasons], hide_index=True,
                             width="stretch")
            else:
                st.write("No reasons given yet.")


def _sort_charts(snapshot, question, box, key, facilitator, now) -> None:
    from workshop.results import sort_result
    r = sort_result(snapshot, question.id)
    revealed = question.id in (snapshot.workshop.get("revealed") or ())
    if not r.n_people:
        return _no_answers()
    if revealed and not box:
        st.markdown("**The answers have been revealed.**")
    chart(charts.sort_chart(r, question.categories, revealed, box or False, now),
          charts.describe_sort(r, revealed),
          charts.sort_table(r, question.categories, revealed), f"{key}sort", box)
    _pooled_note(r.grouping, box)


def _board_charts(snapshot, question, box, key, facilitator, now) -> None:
    from workshop.results import board_result
    r = board_result(snapshot, question.id)
    if not r.ideas:
        return _no_answers(_("No ideas yet."))
    chart(charts.board_chart(r, question.tags, box or False), charts.describe_board(r),
          charts.board_table(r), f"{key}board", box)
    if question.tags and not box:
        st.markdown("#### Top ideas by tag")
        for col, tag in zip(st.columns(len(question.tags)), question.tags):
            top = r.top(tag, 3)
            col.markdown(f"**{inline_markdown(tag)}**\n\n" + ("\n".join(
                f"{n}. {inline_markdown(i.text)} – **{counted(i.votes, 'vote')}**"
                for n, i in enumerate(top, start=1)) or "No ideas yet."))


FORMAT_CHARTS = {"ranking": _order_charts, "points": _order_charts,
                 "scoring_matrix": _scoring_charts, "rating_matrix": _rating_charts,
                 "card_sort": _sort_charts, "idea_board": _board_charts}
