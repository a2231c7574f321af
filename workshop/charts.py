"""Charts for the projector and console, each with a sentence and a table beside it.

Colours are the Okabe-Ito set (distinguishable with the common colour-vision
deficiencies); every bar also carries a pattern and a text label, so colour is never the
only way to tell groups apart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from workshop.analysis import CommentSummary, PollSummary, share
from workshop.scenarios import SCALE_LABELS

GROUP_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
GROUP_PATTERNS = ("", "/", ".", "x", "-", "+")
# Diverging purple-orange for the agreement scale; the neutral middle is mid grey so it
# stays visible on white. Negative (disagree) points sit left of zero.
SCALE_COLOURS = ("#b35806", "#f1a340", "#bdbdbd", "#998ec3", "#542788")
INK = "#0b0c0c"


def _layout(fig: go.Figure, title: str, big: bool, height: int,
            barmode: str = "group") -> go.Figure:
    size = 22 if big else 14
    fig.update_layout(
        title={"text": title, "font": {"size": size + 4}},
        font={"size": size, "color": INK, "family": "Arial, Helvetica, sans-serif"},
        height=height + 60 * (2 if big else 1), margin={"l": 10, "r": 10, "t": 60, "b": 10},
        # The legend sits under the plot so it never covers the title or the bars.
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0,
                "title": {"text": ""}, "traceorder": "normal"},
        plot_bgcolor="white", paper_bgcolor="white", barmode=barmode)
    fig.update_xaxes(gridcolor="#dddddd", zerolinecolor="#6f777b", tickfont={"size": size},
                     title_font={"size": size})
    fig.update_yaxes(tickfont={"size": size, "color": INK}, automargin=True)
    return fig


def _group_bars(fig, rows: list[tuple[str, str, int]], groups, categories):
    for i, g in enumerate(groups):
        values = {cat: n for cat, grp, n in rows if grp == g}
        xs = [values.get(c, 0) for c in categories]
        fig.add_bar(name=g, y=categories, x=xs, orientation="h", text=xs,
                    textposition="outside", marker={
                        "color": GROUP_COLOURS[i % len(GROUP_COLOURS)],
                        "pattern": {"shape": GROUP_PATTERNS[i % len(GROUP_PATTERNS)],
                                    "fgcolor": "white" if i else INK}})


def theme_chart(summary: CommentSummary, big: bool = False) -> go.Figure:
    """Comments per theme, bars split by role group."""
    categories = [label for _, label, _ in summary.theme_totals][::-1]
    fig = go.Figure()
    _group_bars(fig, list(summary.theme_rows), summary.grouping.order, categories)
    fig.update_xaxes(title_text="Comments", rangemode="tozero", tickformat=",d")
    return _layout(fig, "Themes raised, by role", big, 120 + 45 * max(len(categories), 2)
                   * (1.4 if big else 1))


def kind_chart(summary: CommentSummary, big: bool = False) -> go.Figure:
    """Issues, ideas and questions, split by role group."""
    categories = ["Question", "Idea or way forward", "Issue or concern"]
    fig = go.Figure()
    _group_bars(fig, list(summary.kind_rows), summary.grouping.order, categories)
    fig.update_xaxes(title_text="Comments", rangemode="tozero", tickformat=",d")
    return _layout(fig, "Issues, ideas and questions", big, 300 if big else 240)


def poll_chart(poll: PollSummary, kind: str, big: bool = False) -> go.Figure:
    return scale_chart(poll, big) if kind == "scale" else choice_chart(poll, big)


def scale_chart(poll: PollSummary, big: bool = False) -> go.Figure:
    """Diverging stacked bars: share of each role group at each point of agreement."""
    groups = list(poll.grouping.order)[::-1]
    pct = {g: [share(poll.counts[g][p], poll.group_sizes.get(g, 0)) for p in SCALE_LABELS]
           for g in groups}
    fig = go.Figure()
    for i, point in enumerate(SCALE_LABELS):
        # Each bar starts where the one before it ended; the neutral block straddles zero,
        # so disagreement reads to the left and agreement to the right.
        base = [-(pct[g][0] + pct[g][1] + pct[g][2] / 2) + sum(pct[g][:i]) for g in groups]
        xs = [pct[g][i] for g in groups]
        fig.add_bar(name=point, y=groups, x=xs, base=base, orientation="h",
                    marker={"color": SCALE_COLOURS[i], "line": {"color": "white", "width": 1}},
                    text=[f"{p}%" if p >= 10 else "" for p in xs], textposition="inside",
                    insidetextanchor="middle", textangle=0)
    fig.update_xaxes(title_text="% of people in the group (disagree left, agree right)",
                     range=[-100, 100], tickvals=[-100, -50, 0, 50, 100],
                     ticktext=["100%", "50%", "0", "50%", "100%"])
    return _layout(fig, "Agreement, by role", big, 140 + 70 * max(len(groups), 1)
                   * (1.4 if big else 1), barmode="overlay")


def choice_chart(poll: PollSummary, big: bool = False) -> go.Figure:
    """People choosing each option, split by role group."""
    rows = [(c, g, n) for g in poll.grouping.order for c, n in poll.counts[g].items()]
    fig = go.Figure()
    _group_bars(fig, rows, poll.grouping.order, list(poll.choices)[::-1])
    fig.update_xaxes(title_text="People", rangemode="tozero", tickformat=",d")
    return _layout(fig, "Choices, by role", big, 120 + 50 * len(poll.choices)
                   * (1.4 if big else 1))


# -- text alternatives ---------------------------------------------------------------
def describe_comments(summary: CommentSummary) -> str:
    """One or two sentences a screen reader can read instead of the charts."""
    if not summary.n_comments:
        return "No comments yet."
    people = "person" if summary.n_people == 1 else "people"
    top = ", ".join(f"{label} ({n})" for _, label, n in summary.theme_totals[:3])
    text = (f"{summary.n_comments} comments from {summary.n_people} {people}. "
            + (f"Most common themes: {top}." if top else "No themes assigned yet."))
    if summary.unassigned:
        text += f" {summary.unassigned} not yet themed."
    return text


def theme_table(summary: CommentSummary) -> pd.DataFrame:
    groups = list(summary.grouping.order)
    counts = {(t, g): n for t, g, n in summary.theme_rows}
    return pd.DataFrame([{"Theme": label, **{g: counts.get((label, g), 0) for g in groups},
                          "All": n} for _, label, n in summary.theme_totals])


def describe_poll(poll: PollSummary) -> str:
    if not poll.n_people:
        return "No answers yet."
    best = max(poll.totals, key=poll.totals.get)
    people = "person" if poll.n_people == 1 else "people"
    return (f"{poll.n_people} {people} answered. Most chosen: \u201c{best}\u201d "
            f"({poll.totals[best]} of {poll.n_people}).")


def poll_table(poll: PollSummary) -> pd.DataFrame:
    rows = []
    for g in poll.grouping.order:
        size = poll.group_sizes.get(g, 0)
        rows.append({"Group": g, "People": size,
                     **{c: f"{n} ({share(n, size)}%)" for c, n in poll.counts[g].items()}})
    rows.append({"Group": "Everyone", "People": poll.n_people,
                 **{c: f"{n} ({share(n, poll.n_people)}%)" for c, n in poll.totals.items()}})
    return pd.DataFrame(rows)
