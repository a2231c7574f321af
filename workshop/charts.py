"""Charts for the projector and console, each with a sentence and a table beside it.

Colours are the Okabe-Ito set (distinguishable with the common colour-vision
deficiencies); every bar also carries a pattern and a text label, so colour is never the
only way to tell groups apart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from workshop.analysis import CommentSummary, PollSummary, share
from workshop.results import (EVERYONE, BoardResult, OrderResult, RatingResult, ScoringResult,
                              SortResult)
from workshop.scenarios import SCALE_LABELS
from workshop.wording import counted

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


def _pattern(i: int) -> dict:
    """White stripes or dots over the group's colour. 'overlay' keeps the colour as the
    background; plotly's default ('replace') leaves the background transparent, so white
    stripes alone would be invisible on white."""
    return {"shape": GROUP_PATTERNS[i % len(GROUP_PATTERNS)], "fillmode": "overlay",
            "fgcolor": "white", "fgopacity": 0.8}


def _group_bars(fig, rows: list[tuple[str, str, int]], groups, categories):
    for i, g in enumerate(groups):
        values = {cat: n for cat, grp, n in rows if grp == g}
        xs = [values.get(c, 0) for c in categories]
        fig.add_bar(name=g, y=categories, x=xs, orientation="h", text=xs,
                    textposition="outside", marker={
                        "color": GROUP_COLOURS[i % len(GROUP_COLOURS)],
                        "pattern": _pattern(i)})


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
    top = ", ".join(f"{label} ({n})" for _, label, n in summary.theme_totals[:3])
    text = (f"{counted(summary.n_comments, 'comment')} from "
            f"{counted(summary.n_people, 'person', 'people')}. "
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


# -- structured kinds: ranking, points, judging, rating, card sort, idea board ------------
# Results come from workshop/results.py; each builder has a describe_* sentence and a
# *_table beside it, as above.

# A light-to-mid blue sequence: black text stays readable (6:1 or better) on every cell,
# and the level is written in each cell, so the colour only repeats what the text says.
HEAT_COLOURS = ((0.0, "#f7f7f7"), (0.5, "#b7d4ea"), (1.0, "#4292c6"))


def wrap(text: str, width: int = 34, lines: int = 3) -> str:
    """Break a long label onto a few lines for a chart axis (plotly's <br>)."""
    words, rows, row = str(text).replace("<", "\u2039").split(), [], ""
    for w in words:
        if row and len(row) + 1 + len(w) > width:
            rows.append(row)
            row = w
        else:
            row = f"{row} {w}".strip()
    rows.append(row)
    if len(rows) > lines:
        rows = rows[:lines]
        rows[-1] = rows[-1][: width - 1].rstrip() + "\u2026"
    return "<br>".join(rows)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _groups_shown(grouping) -> list[str]:
    """Each role group, and everyone together when there is more than one group."""
    groups = list(grouping.order)
    return groups + [EVERYONE] if len(groups) > 1 else groups or [EVERYONE]


def _bar_style(i: int) -> dict:
    return {"color": GROUP_COLOURS[i % len(GROUP_COLOURS)],
            "pattern": _pattern(i)}


def _finish(fig: go.Figure, big: bool) -> go.Figure:
    """Room under the plot for the axis title and, below it, the legend."""
    legend = len(fig.data) > 1 and fig.layout.showlegend is not False
    bottom = (90 if big else 60) + ((60 if big else 40) if legend else 0)
    fig.update_xaxes(automargin=True)
    fig.update_layout(height=fig.layout.height + bottom, margin={"b": bottom},
                      legend={"yref": "container", "y": 0, "yanchor": "bottom"})
    return fig


def _height(rows: int, groups: int, big: bool) -> int:
    return int(120 + (30 + 22 * groups) * max(rows, 2) * (1.4 if big else 1))


def order_chart(result: OrderResult, kind: str, big: bool = False) -> go.Figure:
    """Ranking: average place of each option; points: average points. Split by role."""
    options = list(result.options)[::-1]  # best first, at the top
    fig = go.Figure()
    for i, g in enumerate(_groups_shown(result.grouping)):
        xs = [round(result.average.get(g, {}).get(o, 0), 1) for o in options]
        fig.add_bar(name=g, y=[wrap(o) for o in options], x=xs, orientation="h",
                    text=[f"{x:.1f}" for x in xs], textposition="outside", marker=_bar_style(i))
    if kind == "ranking":
        fig.update_xaxes(title_text="Average place (1 = first: a shorter bar is ranked higher)",
                         rangemode="tozero")
        title = "Average place, by role"
    else:
        fig.update_xaxes(title_text="Average points", rangemode="tozero")
        title = "Average points, by role"
    top = max((x for t in fig.data for x in t.x), default=0)
    fig.update_xaxes(range=[0, max(top, 1) * 1.2])  # room for the numbers after the bars
    return _finish(_layout(fig, title, big, _height(len(options), len(fig.data), big)), big)


def describe_order(result: OrderResult, kind: str) -> str:
    if not result.n_people:
        return "No answers yet."
    people = "person" if result.n_people == 1 else "people"
    avg = result.average.get(EVERYONE, {})
    if kind == "ranking":
        top = ", ".join(f"{ordinal(i)} \u201c{o}\u201d (average place {avg[o]:.1f})"
                        for i, o in enumerate(result.options[:3], start=1))
        best = result.options[0]
        return (f"{result.n_people} {people} put the items in order. Overall: {top}. "
                f"{result.firsts.get(best, 0)} of {result.n_people} put \u201c{best}\u201d "
                "first.")
    top = ", ".join(f"\u201c{o}\u201d ({avg[o]:.1f} points on average)"
                    for o in result.options[:3])
    return f"{result.n_people} {people} shared out their points. Most points: {top}."


def order_table(result: OrderResult, kind: str) -> pd.DataFrame:
    groups = _groups_shown(result.grouping)
    rows = []
    for o in result.options:
        row = {"Item": o, **{f"{g} ({result.sizes.get(g, 0)})":
                             round(result.average.get(g, {}).get(o, 0), 1) for g in groups}}
        if kind == "ranking":
            row["People putting it first"] = result.firsts.get(o, 0)
        rows.append(row)
    return pd.DataFrame(rows)


def rank_label(entry, ties: set[int]) -> str:
    if not entry.judges:
        return "not scored yet"
    return f"joint {ordinal(entry.rank)} (tie)" if entry.rank in ties else ordinal(entry.rank)


def _tied_ranks(result: ScoringResult) -> set[int]:
    return {group[0].rank for group in result.ties}


def scoring_chart(result: ScoringResult, big: bool = False) -> go.Figure:
    """Total score of each entry, best at the top, with its rank, ties and judges' spread."""
    ties = _tied_ranks(result)
    entries = list(result.entries)[::-1]
    names = [wrap(f"{e.title} ({e.group})" if e.group else e.title) for e in entries]
    fig = go.Figure()
    fig.add_bar(y=names, x=[e.total for e in entries], orientation="h", name="Total score",
                marker=_bar_style(0), textposition="outside",
                text=[f"{rank_label(e, ties)} · {e.total}" + (f" · spread {e.spread}"
                                                               if e.judges > 1 else "")
                      for e in entries])
    fig.update_xaxes(title_text="Total score (every judge, every criterion)", rangemode="tozero")
    top = max((e.total for e in entries), default=0)
    fig.update_xaxes(range=[0, max(top, 1) * 1.45])  # room for the labels
    fig.update_layout(showlegend=False)
    return _finish(_layout(fig, "Total scores, with rank", big,
                           _height(len(entries), 1, big)), big)


def describe_scoring(result: ScoringResult) -> str:
    if not result.n_judges:
        return "No scores yet."
    judges = "judge" if result.n_judges == 1 else "judges"
    ties = _tied_ranks(result)
    parts = [f"{rank_label(e, ties)}: \u201c{e.title}\u201d, {e.total} points from "
             f"{e.judges} {'judge' if e.judges == 1 else 'judges'}"
             for e in result.entries[:3] if e.judges]
    text = f"{result.n_judges} {judges} scored. " + "; ".join(parts) + "."
    for tie in result.ties:
        text += (f" Tie for {ordinal(tie[0].rank)} place: "
                 + " and ".join(f"\u201c{e.title}\u201d" for e in tie)
                 + f" ({tie[0].total} each).")
    wide = [e for e in result.entries if e.judges > 1]
    if wide:
        most = max(wide, key=lambda e: e.spread)
        text += (f" Judges differed most on \u201c{most.title}\u201d (totals "
                 f"{min(most.judge_totals)} to {max(most.judge_totals)}).")
    return text


def scoring_table(result: ScoringResult) -> pd.DataFrame:
    ties = _tied_ranks(result)
    return pd.DataFrame([{
        "Rank": rank_label(e, ties), "Entry": e.title, "Group": e.group, "Total": e.total,
        "Judges": e.judges,
        "Lowest to highest judge": (f"{min(e.judge_totals)} to {max(e.judge_totals)}"
                                    if e.judge_totals else ""),
        "Spread": e.spread,
        **{f"{c} (average)": round(e.by_criterion.get(c, 0), 1) for c in result.criteria}}
        for e in result.entries])


def rating_heatmap(result: RatingResult, options, dimensions, group: str = EVERYONE,
                   big: bool = False) -> go.Figure:
    """Options down the side, dimensions across; each cell says its typical rating."""
    rows = list(options)
    z, text = [], []
    for o in rows:
        zr, tr = [], []
        for d in dimensions:
            counts = result.counts.get(group, {}).get((o, d))
            level = result.typical(o, d, group)
            zr.append(result.mean_level(o, d, group))
            tr.append(f"{level}<br>({sum(counts.values())})" if level else "not<br>rated")
        z.append(zr)
        text.append(tr)
    top = max(len(result.levels) - 1, 1)
    fig = go.Figure(go.Heatmap(
        z=z, x=[wrap(d, 10 if len(dimensions) > 4 else 16, 4) for d in dimensions],
        y=[wrap(o, 26) for o in rows],
        text=text, texttemplate="%{text}", zmin=0, zmax=top, colorscale=HEAT_COLOURS,
        xgap=3, ygap=3, hoverinfo="text", showscale=False,
        textfont={"size": 18 if big else 12, "color": INK}))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=0, automargin=True, showgrid=False)
    fig.update_yaxes(showgrid=False)
    title = ("Typical rating in each cell, number of answers below"
             + ("" if group == EVERYONE else f": {group}"))
    _layout(fig, title, big, int(120 + 62 * len(rows) * (1.4 if big else 1)))
    if len(dimensions) > 4:  # narrow columns: smaller column headings
        fig.update_xaxes(tickfont={"size": 16 if big else 11})
    return _finish(fig, big)


def describe_rating(result: RatingResult, options, dimensions, group: str = EVERYONE) -> str:
    n = sum(1 for _ in result.counts.get(group, {}))
    if not result.n_groups or not n:
        return "No ratings yet."
    answers = "answer" if result.n_groups == 1 else "answers"
    top = result.levels[-1]
    highs = [(o, [d for d in dimensions if result.typical(o, d, group) == top])
             for o in options]
    highs = [f"\u201c{o}\u201d on {', '.join(ds)}" for o, ds in highs if ds]
    who = "everyone" if group == EVERYONE else group
    text = f"{result.n_groups} {answers} so far; showing {who}. "
    if highs:
        text += f"Typically rated {top}: " + "; ".join(highs[:4]) + (
            f"; and {len(highs) - 4} more options." if len(highs) > 4 else ".")
    else:
        text += f"No option is typically rated {top}."
    return text


def rating_table(result: RatingResult, options, dimensions,
                 group: str = EVERYONE) -> pd.DataFrame:
    rows = []
    for o in options:
        row = {"Option": o}
        for d in dimensions:
            counts = result.counts.get(group, {}).get((o, d))
            row[d] = (f"{result.typical(o, d, group)} ("
                      + ", ".join(f"{counts[lv]} {lv}" for lv in result.levels if counts[lv])
                      + ")") if counts else "not rated"
        rows.append(row)
    return pd.DataFrame(rows)


def sort_chart(result: SortResult, categories, revealed: bool,
               big: bool = False) -> go.Figure:
    """Before the reveal: how many people put each card in each category. After: the share
    of each role group who put each card in the right category."""
    fig = go.Figure()
    if not revealed:
        cards = list(result.placed)[::-1]
        for i, cat in enumerate(categories):
            xs = [result.placed[c].get(cat, 0) for c in cards]
            fig.add_bar(name=cat, y=[wrap(c) for c in cards], x=xs, orientation="h",
                        marker=_bar_style(i), textposition="inside", insidetextanchor="middle",
                        text=[f"{cat}: {x}" if x else "" for x in xs], textangle=0)
        fig.update_xaxes(title_text="People", rangemode="tozero", tickformat=",d")
        return _finish(_layout(fig, "How people sorted each card", big,
                               _height(len(cards), 1, big), barmode="stack"), big)
    cards = [c for c, answer in result.answers.items() if answer][::-1]
    for i, g in enumerate(_groups_shown(result.grouping)):
        xs = [result.share_right(c, g) or 0 for c in cards]
        fig.add_bar(name=g, y=[wrap(f"{c} \u2192 {result.answers[c]}") for c in cards], x=xs,
                    orientation="h", text=[f"{x}%" for x in xs], textposition="outside",
                    marker=_bar_style(i))
    fig.update_xaxes(title_text="% who sorted the card correctly", range=[0, 115],
                     tickvals=[0, 25, 50, 75, 100])
    return _finish(_layout(fig, "Sorted correctly, by role", big,
                           _height(len(cards), len(fig.data), big)), big)


def describe_sort(result: SortResult, revealed: bool) -> str:
    if not result.n_people:
        return "No answers yet."
    people = "person" if result.n_people == 1 else "people"
    if not revealed:
        parts = []
        for card, counts in result.placed.items():
            cat, n = max(counts.items(), key=lambda kv: kv[1])
            parts.append(f"\u201c{card}\u201d: {n} put it in {cat}")
        return (f"{result.n_people} {people} sorted the cards. The answers are not shown "
                "yet. Most common: " + "; ".join(parts[:5]) + ".")
    scored = [(c, result.share_right(c)) for c, a in result.answers.items() if a]
    if not scored:
        return f"{result.n_people} {people} sorted the cards. No card has a set answer."
    hardest = min(scored, key=lambda cs: cs[1])
    text = (f"{result.n_people} {people} sorted the cards. Share right for everyone: "
            + "; ".join(f"\u201c{c}\u201d {s}%" for c, s in scored[:6]) + ". "
            f"Hardest: \u201c{hardest[0]}\u201d (right answer: {result.answers[hardest[0]]}).")
    if len(scored) < len(result.answers):
        text += " Cards with no single right answer are left out."
    return text


def sort_table(result: SortResult, categories, revealed: bool) -> pd.DataFrame:
    rows = []
    groups = _groups_shown(result.grouping)
    for card, counts in result.placed.items():
        row = {"Card": card, **{c: counts.get(c, 0) for c in categories}}
        if revealed:
            row["Right answer"] = result.answers.get(card) or "none set"
            for g in groups:
                s = result.share_right(card, g)
                row[f"% right: {g}"] = "" if s is None else f"{s}%"
        rows.append(row)
    return pd.DataFrame(rows)


BOARD_SIZE = 10


def board_chart(result: BoardResult, tags, big: bool = False) -> go.Figure:
    """The ideas with most votes, most at the top; tag in words and by colour and pattern."""
    ideas = list(result.ideas[:BOARD_SIZE])[::-1]
    fig = go.Figure()
    names = {i.id: wrap(f"{i.text}" + (f" [{i.tag}]" if i.tag else ""), 40)
             for i in ideas}
    for n, tag in enumerate(list(tags) or [""]):
        mine = [i for i in ideas if (i.tag or "") == tag or not tags]
        if not mine:
            continue
        fig.add_bar(name=tag or "Votes", y=[names[i.id] for i in mine],
                    x=[i.votes for i in mine], orientation="h", marker=_bar_style(n),
                    text=[f"{i.votes} vote" + ("" if i.votes == 1 else "s") for i in mine],
                    textposition="outside")
    fig.update_yaxes(categoryorder="array", categoryarray=[names[i.id] for i in ideas])
    top = max((i.votes for i in ideas), default=0)
    fig.update_xaxes(title_text="Votes", range=[0, max(top, 1) * 1.3], tickformat=",d")
    fig.update_layout(barmode="overlay", showlegend=bool(tags))
    return _finish(_layout(fig, "Ideas with the most votes", big, _height(len(ideas), 1, big),
                           barmode="overlay"), big)


def describe_board(result: BoardResult) -> str:
    if not result.ideas:
        return "No ideas yet."
    ideas = "idea" if len(result.ideas) == 1 else "ideas"
    voters = "person has" if result.voters == 1 else "people have"
    top = "; ".join(f"\u201c{i.text}\u201d ({i.votes})" for i in result.ideas[:3])
    merged = result.n_ideas_posted - len(result.ideas)
    return (f"{len(result.ideas)} {ideas} on the board"
            + (f" ({merged} duplicate{'' if merged == 1 else 's'} merged)" if merged else "")
            + f"; {result.voters} {voters} voted. Most votes: {top}.")


def board_table(result: BoardResult) -> pd.DataFrame:
    return pd.DataFrame([{"Place": n, "Idea": i.text, "Tag": i.tag, "Votes": i.votes,
                          "Posted by": i.role, "Merged into it": " | ".join(i.merged)}
                         for n, i in enumerate(result.ideas, start=1)],
                        columns=["Place", "Idea", "Tag", "Votes", "Posted by",
                                 "Merged into it"])
