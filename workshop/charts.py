"""Charts for the projector and console, each with a sentence and a table beside it.

Colours are the Okabe-Ito set (distinguishable with the common colour-vision
deficiencies); every bar also carries a pattern or every role a marker shape, and the
numbers are written on the bars, so colour is never the only way to tell groups apart.

On the projector a chart gets a fixed box (workshop/screen.py `ChartBox`): its words are
at least the box's font size (plotly hides a number that would not fit in its bar rather
than shrink it), and it shows as many rows as fit: the top ones ("top 6 of 14"), or,
where rows have no order, a page at a time, turning by itself. In the console a chart is
as tall as its rows need.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from workshop import i18n
from workshop.analysis import POOLED, CommentSummary, PollSummary, share
from workshop.results import (EVERYONE, BoardResult, OrderResult, RatingResult, ScoringResult,
                              SortResult)
from workshop.scenarios import COMMENT_KINDS, DEFAULT_LEVELS, SCALE_LABELS
from workshop.screen import ChartBox, page_now, text_width

GROUP_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
GROUP_PATTERNS = ("", "/", ".", "x", "-", "+")
GROUP_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star")
# Diverging purple-orange for the agreement scale; the neutral middle is mid grey so it
# stays visible on white. Negative (disagree) points sit left of zero.
SCALE_COLOURS = ("#b35806", "#f1a340", "#bdbdbd", "#998ec3", "#542788")
INK = "#0b0c0c"
# Everyone's bar, behind the roles' markers: light, so the markers and its black number
# stand out on it.
EVERYONE_COLOUR = "#c6dbef"
FONT = "Arial, Helvetica, sans-serif"
LINE = 1.3  # plotly's spacing of the lines of a label, as a share of the font size


# -- language --------------------------------------------------------------------------
# A chart speaks the language of the screen it is on (or of the report): its fixed words
# come from the "screens" catalogue, and the pack's words (roles, options, themes) from
# the pack's own translation. The data stay keyed by the English, so no count changes.
@dataclass(frozen=True)
class Words:
    lang: str = i18n.DEFAULT_LANGUAGE
    names: dict | None = None  # a pack's English text -> its text in `lang`


_WORDS: ContextVar[Words] = ContextVar("chart_words", default=Words())
# The app's own words a chart may show as a label: translated by the catalogue.
APP_WORDS = frozenset((*SCALE_LABELS, *DEFAULT_LEVELS, *COMMENT_KINDS.values(), POOLED,
                       EVERYONE))


def pack_names(pack, lang: str) -> dict[str, str]:
    """Each text of PACK in English -> the same text in LANG, where the pack gives it."""
    if pack is None or lang == i18n.DEFAULT_LANGUAGE or not getattr(pack, "raw", None):
        return {}
    made = pack.__dict__.setdefault("_chart_names", {})  # frozen: kept beside the fields
    if lang not in made:
        from workshop.report_words import pack_words
        from workshop.scenarios import localised
        made[lang] = pack_words(pack.raw, localised(pack.raw, lang))
    return made[lang]


@contextmanager
def speaking(lang: str | None, pack=None):
    """Within this block, charts and their sentences are in LANG, with PACK's words in it."""
    code = i18n.language(lang)
    token = _WORDS.set(Words(code, pack_names(pack, code)))
    try:
        yield
    finally:
        _WORDS.reset(token)


def _(message: str) -> str:
    return i18n.translations(_WORDS.get().lang, "screens").gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return i18n.translations(_WORDS.get().lang, "screens").ngettext(singular, plural, n)


def N_(message: str) -> str:
    return message


N_("Everyone")  # results.EVERYONE, for the catalogue


def name(text) -> str:
    """A label (a role, option, theme, category...) in the chart's language."""
    words = _WORDS.get()
    if words.lang == i18n.DEFAULT_LANGUAGE:
        return text
    found = (words.names or {}).get(" ".join(str(text).split()))
    if found is not None:
        return found
    return _(text) if text in APP_WORDS else text


def _names(texts) -> list[str]:
    return [name(t) for t in texts]


def _count(n: int, said: str) -> str:
    """A figure and its noun in the chart's language: `said` is the catalogue's form for N
    ("{n} comments"), the figure goes in it ("12 comments")."""
    return said.format(n=f"{n:,}")


@dataclass(frozen=True)
class Frame:
    """What a chart is drawn in: its text sizes, its width, and its height (None: as
    tall as its rows need, as in the console)."""
    font: int
    title_font: int
    width: int
    height: int | None = None


CONSOLE = Frame(14, 18, 900)
PROJECTOR = Frame(22, 26, 1460, 760)  # a whole-width chart on a 1920x1080 projector
# A chart in a document: a page's width (about 16 cm) with text near 10 pt when printed.
PAGE = Frame(16, 19, 720)


def frame(big) -> Frame:
    """The frame for a chart: `big` is a Frame (a document's, PAGE), the projector's
    ChartBox, True for a whole-width projector chart, or False for the console."""
    if isinstance(big, Frame):
        return big
    if isinstance(big, ChartBox):
        return Frame(big.font, big.title_font, big.width, big.height)
    return PROJECTOR if big else CONSOLE


# -- sizes -----------------------------------------------------------------------------
def _title_height(f: Frame) -> int:
    return math.ceil(f.title_font * 1.35 + f.font * 0.5)


def _legend_rows(f: Frame, names) -> int:
    """Rows of the key, as plotly lays it out: all in one row when they fit the plot's
    width, otherwise in columns as wide as the widest entry."""
    widths = [text_width(str(n), f.font) + f.font * 2.6 + 10 for n in names]  # symbol, gaps
    if not widths:
        return 0
    room = f.width * 0.6  # the plot's width: the figure's less the row labels
    if sum(widths) <= room:
        return 1
    return math.ceil(len(widths) / max(1, int(room // max(widths))))


def _legend_height(f: Frame, names) -> int:
    rows = _legend_rows(f, names)
    return math.ceil(rows * f.font * 1.55 + f.font * 0.3) if rows else 0


def _axis_height(f: Frame) -> int:
    """Under the plot: tick labels, then the axis title."""
    return math.ceil(f.font * 3.6)


def _band(f: Frame, lines: int) -> float:
    """The height of one row with a label of this many lines."""
    return max(1.7, lines * LINE + 0.5) * f.font


def _lines(label: str) -> int:
    return label.count("<br>") + 1


def wrap(text: str, width: float, font: int, lines: int = 3) -> str:
    """Break a label onto lines no wider than `width` pixels (plotly's <br>); at most
    `lines` of them, the last cut short with "…"."""
    words, rows, row = str(text).replace("<", "\u2039").split(), [], ""
    for w in words:
        wider = f"{row} {w}".strip()
        if row and text_width(wider, font) > width:
            rows.append(row)
            row = w
        else:
            row = wider
    rows.append(row)
    if len(rows) > lines:
        rows = rows[:lines]
        last = rows[-1]
        while len(last) > 1 and text_width(last + "\u2026", font) > width:
            last = last[:-1]
        rows[-1] = last.rstrip() + "\u2026"
    return "<br>".join(rows)


def _labels(f: Frame, texts, share: float = 0.4, lines: int = 3) -> list[str]:
    return [wrap(t, f.width * share, f.font, lines) for t in texts]


def _labels_width(f: Frame, labels) -> float:
    return max((text_width(part, f.font) for lab in labels for part in lab.split("<br>")),
               default=0) + f.font


def _fit(f: Frame, labels, top: int, bottom: int) -> int:
    """How many rows, from the first, fit in the frame (all of them in the console)."""
    if f.height is None:
        return len(labels)
    room, most, n = f.height - top - bottom, 1, 0
    for i, label in enumerate(labels):
        most = max(most, _lines(label))
        if (i + 1) * _band(f, most) > room:
            break
        n = i + 1
    return max(1, n)


def _height(f: Frame, labels, top: int, bottom: int, at_least: float = 3.0) -> int:
    """As tall as the rows need (bars neither thin nor fat, rows at least `at_least`
    times the font size), and never more than the frame's height."""
    lines = max((_lines(lab) for lab in labels), default=1)
    need = math.ceil(top + bottom + max(len(labels), 1) * max(_band(f, lines),
                                                              at_least * f.font))
    return need if f.height is None else min(f.height, need)


def _per_page(f: Frame, labels, top: int, bottom: int, at_least: float = 0) -> int:
    """Rows on each page of a paged chart: the same on every page, sized for the longest
    labels (every row in the console)."""
    if f.height is None:
        return max(len(labels), 1)
    most = max(map(_lines, labels), default=1)
    return max(1, int((f.height - top - bottom) / max(_band(f, most), at_least * f.font)))


def _axis_end(f: Frame, top: float, labels, longest_text: str) -> float:
    """Where the value axis ends so the longest bar's number fits after it."""
    plot = f.width - _labels_width(f, labels) - 30
    free = max(plot - text_width(longest_text, f.font) - f.font, plot * 0.35)
    return max(top, 1) * plot / free


def _step(top: float) -> int:
    """A whole-number tick step giving at most six ticks: 1, 2, 5, 10, 20, 50..."""
    k = 1
    while True:
        for s in (k, 2 * k, 5 * k):
            if top / s <= 5:
                return s
        k *= 10


def _count_axis(fig: go.Figure, end: float) -> None:
    """A count axis: whole numbers, each once ("0 1 2 3", never "0 1 1 2 2")."""
    fig.update_xaxes(range=[0, end], tick0=0, dtick=_step(end), tickformat=",d")


# The rows a chart counts, as its title names them ("top 7 of 10 themes").
ROWS = {"themes": N_("themes"), "kinds": N_("kinds"), "answers": N_("answers"),
        "items": N_("items"), "entries": N_("entries"), "ideas": N_("ideas"),
        "options": (N_("option"), N_("options")), "cards": (N_("card"), N_("cards"))}


def _count_of(title: str, shown: int, total: int, what: str) -> str:
    """The title of a chart showing its top rows: "…: top 7 of 10 themes"."""
    if shown >= total:
        return title
    return _("{title}: top {shown} of {total} {what}").format(
        title=title, shown=shown, total=total, what=_(ROWS[what]))


def _page_of(title: str, start: int, shown: int, total: int, what: str) -> str:
    """The title of a chart showing a page of its rows: "…: cards 5 to 8 of 12"."""
    if shown >= total:
        return title
    one, many = ROWS[what]
    if shown == 1:
        return _("{title}: {what} {n} of {total}").format(
            title=title, what=_(one), n=start + 1, total=total)
    return _("{title}: {what} {first} to {last} of {total}").format(
        title=title, what=_(many), first=start + 1, last=start + shown, total=total)


def _style(fig: go.Figure, f: Frame, title: str, top: int, bottom: int, height: int,
           legend: bool, barmode: str = "stack") -> go.Figure:
    """Sizes, fonts and places. The title, the key and the axes each get room of their
    own (plotly reserves the margins of a title or key placed on the figure's edge, and
    stacks the axis labels inside them), so nothing sits on anything else: the title at
    the top, the key at the very bottom, the axis title just above it."""
    fig.update_layout(
        title={"text": title, "font": {"size": f.title_font}, "x": 0, "xref": "container",
               "xanchor": "left", "y": 1, "yref": "container", "yanchor": "top",
               "pad": {"t": round(f.font * 0.3), "l": 10, "b": round(f.font * 0.3)},
               "automargin": True},
        font={"size": f.font, "color": INK, "family": FONT},
        # (Room on the right for half of the last tick label, which is centred on the end.)
        height=height, margin={"l": 10, "r": round(f.font * 1.5), "t": 10, "b": 10, "pad": 4},
        showlegend=legend,
        legend={"orientation": "h", "x": 0, "xref": "container", "xanchor": "left",
                "y": 0, "yref": "container", "yanchor": "bottom", "font": {"size": f.font},
                "title": {"text": ""}, "traceorder": "normal"},
        # A number that would not fit in its bar at full size is left off, not shrunk.
        uniformtext={"minsize": f.font, "mode": "hide"},
        plot_bgcolor="white", paper_bgcolor="white", barmode=barmode, bargap=0.25)
    fig.update_xaxes(gridcolor="#dddddd", zerolinecolor="#6f777b", automargin=True,
                     tickfont={"size": f.font, "color": INK}, title_font={"size": f.font},
                     title_standoff=round(f.font * 0.4))
    fig.update_yaxes(tickfont={"size": f.font, "color": INK}, automargin=True)
    return fig


def _pattern(i: int) -> dict:
    """White stripes or dots over the group's colour. 'overlay' keeps the colour as the
    background; plotly's default ('replace') leaves the background transparent, so white
    stripes alone would be invisible on white. Sparse, so a number on the bar reads."""
    return {"shape": GROUP_PATTERNS[i % len(GROUP_PATTERNS)], "fillmode": "overlay",
            "fgcolor": "white", "fgopacity": 0.6, "solidity": 0.2}


def _bar_style(i: int, colour: str | None = None) -> dict:
    return {"color": colour or GROUP_COLOURS[i % len(GROUP_COLOURS)], "pattern": _pattern(i)}


def _ink_on(colour: str) -> str:
    """Black or white, whichever reads better on the colour (WCAG contrast)."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    light = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return "white" if (1.05 / (light + 0.05)) > ((light + 0.05) / 0.05) else INK


# A category named after a colour ("Red rule", "Blue rule") is drawn in that colour (from
# the same colour-blind-safe set); others take the group colours in turn.
NAMED_COLOURS = {"red": "#D55E00", "blue": "#0072B2", "green": "#009E73",
                 "orange": "#E69F00", "yellow": "#F0E442", "purple": "#CC79A7",
                 "pink": "#CC79A7"}


def _colours(names) -> list[str]:
    named = [next((c for w, c in NAMED_COLOURS.items() if w in str(n).lower().split()), None)
             for n in names]
    spare = iter(c for c in GROUP_COLOURS if c not in named)
    return [c or next(spare, GROUP_COLOURS[i % len(GROUP_COLOURS)])
            for i, c in enumerate(named)]


def _stacked(fig: go.Figure, f: Frame, categories, groups, values, totals,
             colours=None) -> None:
    """One bar per category, split by group; each part's number on it, the total after."""
    colours = colours or [GROUP_COLOURS[i % len(GROUP_COLOURS)] for i in range(len(groups))]
    for i, (g, xs, colour) in enumerate(zip(groups, values, colours)):
        fig.add_bar(name=name(g), y=categories, x=xs, orientation="h",
                    marker=_bar_style(i, colour),
                    text=[f"{x:,}" if x else "" for x in xs], textposition="inside",
                    insidetextanchor="middle", textangle=0, hoverinfo="x+name",
                    textfont={"color": _ink_on(colour)})
    fig.add_scatter(y=categories, x=totals, mode="text",
                    text=[f"\u00a0{t:,}" for t in totals],
                    textposition="middle right", showlegend=False, hoverinfo="skip",
                    textfont={"size": f.font, "color": INK})


def theme_chart(summary: CommentSummary, big=False) -> go.Figure:
    """Comments per theme, most first, each bar split by role group."""
    f = frame(big)
    counts: dict[str, dict[str, int]] = {}
    for t, g, n in summary.theme_rows:
        counts.setdefault(t, {})[g] = n
    rows = [(label, counts.get(label, {})) for _, label, _ in summary.theme_totals]
    return _counted(f, _("Themes raised, by role"), _("Comments"), rows,
                    summary.grouping.order, "themes")


@dataclass(frozen=True)
class CountedPlan:
    """Where a stacked-bar chart of counted rows puts things: as many rows as fit, bottom
    first, with the title saying how many of how many are shown. Shared by the plotly
    chart and its server-drawn picture (workshop/chart_pictures.py)."""
    title: str
    labels: list
    rows: list
    totals: list
    most: int
    legend: list
    top: int
    bottom: int


def key_names(groups) -> list[str]:
    """What a chart split by role group names in its key: every group, even one alone (a
    chart titled "by role" in one colour says whose answers those are)."""
    return _names(groups)


def counted_plan(f: Frame, title: str, rows, groups, what: str) -> CountedPlan:
    legend = key_names(groups)
    top, bottom = _title_height(f), _axis_height(f) + _legend_height(f, legend)
    labels = _labels(f, [name(label) for label, __ in rows])
    n = _fit(f, labels, top, bottom)
    title = _count_of(title, n, len(rows), what)
    labels, rows = labels[:n][::-1], rows[:n][::-1]
    totals = [sum(c.values()) for __, c in rows]
    return CountedPlan(title, labels, rows, totals, max(totals, default=0), legend, top,
                       bottom)


def _counted(f: Frame, title: str, axis: str, rows, groups, what: str) -> go.Figure:
    """A stacked bar for each row (label, {group: count}), in the order given: as many as
    fit."""
    plan = counted_plan(f, title, rows, groups, what)
    title, labels, rows, totals, most = plan.title, plan.labels, plan.rows, plan.totals, plan.most
    legend, top, bottom = plan.legend, plan.top, plan.bottom
    fig = go.Figure()
    _stacked(fig, f, labels, groups, [[c.get(g, 0) for __, c in rows] for g in groups],
             totals)
    fig.update_xaxes(title_text=axis)
    _count_axis(fig, _axis_end(f, most, labels, f"{most:,}"))
    return _style(fig, f, title, top, bottom, _height(f, labels, top, bottom), bool(legend))


def kind_chart(summary: CommentSummary, big=False) -> go.Figure:
    """Issues, ideas and questions, split by role group."""
    counts: dict[str, dict[str, int]] = {}
    for k, g, n in summary.kind_rows:
        counts.setdefault(k, {})[g] = n
    rows = [(k, counts.get(k, {})) for k in ("Issue or concern", "Idea or way forward",
                                             "Question")]
    return _counted(frame(big), _("Issues, ideas and questions"), _("Comments"), rows,
                    summary.grouping.order, "kinds")


def poll_chart(poll: PollSummary, kind: str, big=False) -> go.Figure:
    return scale_chart(poll, big) if kind == "scale" else choice_chart(poll, big)


def choice_chart(poll: PollSummary, big=False) -> go.Figure:
    """People choosing each option, split by role group; when not all fit, the most
    chosen first."""
    f = frame(big)
    rows = [(c, {g: poll.counts[g][c] for g in poll.grouping.order}) for c in poll.choices]
    labels = _labels(f, _names(poll.choices))
    legend = key_names(poll.grouping.order)
    bottom = _axis_height(f) + _legend_height(f, legend)
    if _fit(f, labels, _title_height(f), bottom) < len(rows):
        rows.sort(key=lambda r: -sum(r[1].values()))
    return _counted(f, _("Choices, by role"), _("People"), rows, poll.grouping.order,
                    "answers")


def scale_chart(poll: PollSummary, big=False) -> go.Figure:
    """Diverging stacked bars: share of each role group at each point of agreement."""
    f = frame(big)
    groups = list(poll.grouping.order)
    top, bottom = _title_height(f), _axis_height(f) + _legend_height(f, _names(SCALE_LABELS))
    labels = _labels(f, _names(groups), 0.3)
    n = _fit(f, labels, top, bottom)
    groups, labels = groups[:n][::-1], labels[:n][::-1]
    pct = {g: [share(poll.counts[g][p], poll.group_sizes.get(g, 0)) for p in SCALE_LABELS]
           for g in groups}
    fig = go.Figure()
    for i, point in enumerate(SCALE_LABELS):
        # Each bar starts where the one before it ended; the neutral block straddles zero,
        # so disagreement reads to the left and agreement to the right.
        base = [-(pct[g][0] + pct[g][1] + pct[g][2] / 2) + sum(pct[g][:i]) for g in groups]
        xs = [pct[g][i] for g in groups]
        fig.add_bar(name=name(point), y=labels, x=xs, base=base, orientation="h",
                    marker={"color": SCALE_COLOURS[i], "line": {"color": "white", "width": 1}},
                    text=[f"{p}%" if p else "" for p in xs], textposition="inside",
                    insidetextanchor="middle", textangle=0, hoverinfo="x+name",
                    textfont={"color": _ink_on(SCALE_COLOURS[i])})
    fig.update_xaxes(title_text=_("% of people in the group (disagree left, agree right)"),
                     range=[-100, 100], tickvals=[-100, -50, 0, 50, 100],
                     ticktext=["100%", "50%", "0", "50%", "100%"])
    return _style(fig, f, _("Agreement, by role"), top, bottom,
                  _height(f, labels, top, bottom), True, barmode="overlay")


# -- text alternatives ---------------------------------------------------------------
def describe_comments(summary: CommentSummary) -> str:
    """One or two sentences a screen reader can read instead of the charts."""
    if not summary.n_comments:
        return _("No comments yet.")
    top = ", ".join(f"{name(label)} ({n})" for __, label, n in summary.theme_totals[:3])
    comments, people = summary.n_comments, summary.n_people
    text = (_("{comments} from {people}.").format(
        comments=_count(comments, ngettext("{n} comment", "{n} comments", comments)),
        people=_count(people, ngettext("{n} person", "{n} people", people))) + " "
        + (_("Most common themes: {themes}.").format(themes=top) if top
           else _("No themes assigned yet.")))
    if summary.unassigned:
        text += " " + _("{n} not yet themed.").format(n=f"{summary.unassigned:,}")
    return text


def theme_table(summary: CommentSummary) -> pd.DataFrame:
    groups = list(summary.grouping.order)
    counts = {(t, g): n for t, g, n in summary.theme_rows}
    return pd.DataFrame([{"Theme": label, **{g: counts.get((label, g), 0) for g in groups},
                          "All": n} for _, label, n in summary.theme_totals])


def describe_poll(poll: PollSummary) -> str:
    if not poll.n_people:
        return _("No answers yet.")
    best = max(poll.totals, key=poll.totals.get)
    return (_("{people} answered.").format(
        people=_count(poll.n_people, ngettext("{n} person", "{n} people", poll.n_people))) + " "
        + _("Most chosen: \u201c{option}\u201d ({n} of {total}).").format(
            option=name(best), n=poll.totals[best], total=poll.n_people))


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


# Welsh ordinals in figures (1af, 2il, 3ydd...), the suffix of each up to 20; above, "-ain"
# for the round tens and "-fed" otherwise, written as a phrase would be too long.
_WELSH_ORDINALS = ("", "af", "il", "ydd", "ydd", "ed", "ed", "fed", "fed", "fed", "fed",
                   "eg", "fed", "eg", "eg", "fed", "eg", "eg", "fed", "eg", "fed")


def _ordinal(n: int) -> str:
    """An ordinal in the chart's language."""
    if _WORDS.get().lang == "cy":
        return f"{n}{_WELSH_ORDINALS[n] if 0 < n <= 20 else 'fed'}"
    return ordinal(n)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _groups_shown(grouping) -> list[str]:
    """Each role group, and everyone together when there is more than one group."""
    groups = list(grouping.order)
    return groups + [EVERYONE] if len(groups) > 1 else groups or [EVERYONE]


def _dots(fig: go.Figure, f: Frame, categories, groups, values: dict[str, list[float]],
          texts: list[str]) -> None:
    """Everyone's value as a light bar with its number written on it, and each role
    group's value as a marker on the same row: a shape of its own as well as a colour.
    With one group only, its bar alone."""
    main = EVERYONE if EVERYONE in groups else groups[0]
    for i, g in enumerate(g for g in groups if g != main):
        fig.add_scatter(name=name(g), y=categories, x=values[g], mode="markers", hoverinfo="x+name",
                        marker={"symbol": GROUP_SYMBOLS[i % len(GROUP_SYMBOLS)],
                                "color": GROUP_COLOURS[i % len(GROUP_COLOURS)],
                                "size": round(f.font * 0.85),
                                "line": {"color": INK, "width": 1.5}})
    # Bars are drawn under markers whatever the order of the traces.
    fig.add_bar(name=name(main), y=categories, x=values[main], orientation="h", text=texts,
                textposition="auto", insidetextanchor="start", textangle=0,
                hoverinfo="x+name", textfont={"color": INK},
                marker={"color": EVERYONE_COLOUR, "line": {"color": "#5b7b97", "width": 1}})


def order_chart(result: OrderResult, kind: str, big=False) -> go.Figure:
    """Ranking: average place of each option; points: average points. Everyone's bar
    with each role's marker on it, best at the top; the top ones when not all fit."""
    f = frame(big)
    groups = _groups_shown(result.grouping)
    legend = _names([g for g in groups if g != EVERYONE] + [EVERYONE]) if len(groups) > 1 \
        else []
    top, bottom = _title_height(f), _axis_height(f) + _legend_height(f, legend)
    labels = _labels(f, _names(result.options))
    n = _fit(f, labels, top, bottom)
    options, labels = list(result.options)[:n][::-1], labels[:n][::-1]
    values = {g: [round(result.average.get(g, {}).get(o, 0), 1) for o in options]
              for g in groups}
    main = EVERYONE if EVERYONE in groups else groups[0]
    fig = go.Figure()
    _dots(fig, f, labels, groups, values, [f"{x:.1f}" for x in values[main]])
    most = max((x for xs in values.values() for x in xs), default=0)
    if kind == "ranking":
        axis, title = _("Average place (1 = first: a shorter bar is ranked higher)"), \
            _("Average place, by role")
        fig.update_xaxes(range=[0, max(len(result.options), 1) + 0.5], tick0=0, dtick=1)
    else:
        axis, title = _("Average points"), _("Average points, by role")
        _count_axis(fig, _axis_end(f, most, labels, "00.0"))
    fig.update_xaxes(title_text=axis)
    return _style(fig, f, _count_of(title, n, len(result.options), "items"), top, bottom,
                  _height(f, labels, top, bottom), bool(legend))


def describe_order(result: OrderResult, kind: str) -> str:
    if not result.n_people:
        return _("No answers yet.")
    people = _count(result.n_people, ngettext("{n} person", "{n} people", result.n_people))
    avg = result.average.get(EVERYONE, {})
    if kind == "ranking":
        top = ", ".join(_("{place} \u201c{item}\u201d (average place {average})").format(
                            place=_ordinal(i), item=name(o), average=f"{avg[o]:.1f}")
                        for i, o in enumerate(result.options[:3], start=1))
        best = result.options[0]
        return (_("{people} put the items in order. Overall: {top}.").format(
                    people=people, top=top) + " "
                + _("{n} of {total} put \u201c{item}\u201d first.").format(
                    n=result.firsts.get(best, 0), total=result.n_people, item=name(best)))
    top = ", ".join(_("\u201c{item}\u201d ({average} points on average)").format(
                        item=name(o), average=f"{avg[o]:.1f}")
                    for o in result.options[:3])
    return _("{people} shared out their points. Most points: {top}.").format(
        people=people, top=top)


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
        return _("not scored yet")
    return (_("joint {place} (tie)").format(place=_ordinal(entry.rank)) if entry.rank in ties
            else _ordinal(entry.rank))


def _tied_ranks(result: ScoringResult) -> set[int]:
    return {group[0].rank for group in result.ties}


def judges_average(entry) -> str:
    """An entry's average and who it is the average of: '28.0 (average of 12 judges)'."""
    return _("{average} (average of {judges})").format(
        average=f"{entry.average:.1f}",
        judges=_count(entry.judges, ngettext("{n} judge", "{n} judges", entry.judges)))


def scoring_chart(result: ScoringResult, big=False) -> go.Figure:
    """Each entry's average total score over the judges who scored it, best at the top, with
    its rank, ties, how many judges and their spread; the top ones when not all fit."""
    f = frame(big)
    ties = _tied_ranks(result)
    top, bottom = _title_height(f), _axis_height(f)
    labels = _labels(f, [f"{name(e.title)} ({name(e.group)})" if e.group else name(e.title)
                         for e in result.entries], 0.35)
    n = _fit(f, labels, top, bottom)
    entries, labels = list(result.entries)[:n][::-1], labels[:n][::-1]
    texts = [f"{rank_label(e, ties)} · {judges_average(e)}"
             + (" · " + _("spread {n}").format(n=e.spread) if e.judges > 1 else "")
             if e.judges else rank_label(e, ties) for e in entries]
    fig = go.Figure()
    fig.add_bar(y=labels, x=[e.average for e in entries], orientation="h",
                name=_("Average score"), marker=_bar_style(0), textposition="outside", text=texts,
                hoverinfo="x", cliponaxis=False)
    most = max((e.average for e in entries), default=0)
    fig.update_xaxes(title_text=_("Average total score (of the judges who scored it)"))
    _count_axis(fig, _axis_end(f, most, labels, max(texts, key=len, default="")))
    return _style(fig, f, _count_of(_("Average scores, with rank"), n, len(result.entries),
                                    "entries"), top, bottom, _height(f, labels, top, bottom),
                  False)


def describe_scoring(result: ScoringResult) -> str:
    if not result.n_judges:
        return _("No scores yet.")
    ties = _tied_ranks(result)
    parts = [f"{rank_label(e, ties)}: \u201c{name(e.title)}\u201d, {judges_average(e)}"
             for e in result.entries[:3] if e.judges]
    text = (_("{judges} scored. Ranked by the average total of the judges who scored each "
              "entry.").format(judges=_count(result.n_judges, ngettext(
                  "{n} judge", "{n} judges", result.n_judges)))
            + " " + "; ".join(parts) + ".")
    for tie in result.ties:
        text += " " + _("Tie for {place} place: {entries} ({average} each).").format(
            place=_ordinal(tie[0].rank),
            entries=_(" and ").join(f"\u201c{name(e.title)}\u201d" for e in tie),
            average=f"{tie[0].average:.1f}")
    wide = [e for e in result.entries if e.judges > 1]
    if wide:
        most = max(wide, key=lambda e: e.spread)
        text += " " + _("Judges differed most on \u201c{entry}\u201d (totals {low} to "
                        "{high}).").format(entry=name(most.title), low=min(most.judge_totals),
                                           high=max(most.judge_totals))
    return text


def scoring_table(result: ScoringResult) -> pd.DataFrame:
    ties = _tied_ranks(result)
    return pd.DataFrame([{
        "Rank": rank_label(e, ties), "Entry": e.title, "Group": e.group,
        "Average score": round(e.average, 1), "Judges who scored it": e.judges,
        "Lowest to highest judge": (f"{min(e.judge_totals)} to {max(e.judge_totals)}"
                                    if e.judge_totals else ""),
        "Spread": e.spread,
        **{f"{c} (average)": round(e.by_criterion.get(c, 0), 1) for c in result.criteria}}
        for e in result.entries])


def rating_heatmap(result: RatingResult, options, dimensions, group: str = EVERYONE,
                   big=False, now: float = 0) -> go.Figure:
    """Options down the side, dimensions across the top; each cell says its typical
    rating and how many answers. When not all options fit, a page of them at a time."""
    f = frame(big)
    label_width = f.width * (0.26 if len(dimensions) > 3 else 0.35)
    column = (f.width - label_width - 30) / max(len(dimensions), 1)
    heads = [wrap(name(d), column - f.font * 0.5, f.font, 4) for d in dimensions]
    cells = {}
    for o in options:
        for d in dimensions:
            counts = result.counts.get(group, {}).get((o, d))
            level = result.typical(o, d, group)
            cells[o, d] = (level, sum(counts.values())) if level else None
    top = (_title_height(f) + math.ceil(max(map(_lines, heads), default=1) * f.font * LINE)
           + f.font)
    bottom = 10
    labels = _labels(f, _names(options), label_width / f.width)
    row = 2 * LINE + 0.4  # a cell's two lines and the gap around them
    start, per_page = page_now(len(options), _per_page(f, labels, top, bottom, row), now)
    rows, labels = list(options)[start:start + per_page], labels[start:start + per_page]
    text = [[(f"{name(cells[o, d][0])}<br>({cells[o, d][1]})" if cells[o, d]
              else _("not<br>rated"))
             for d in dimensions] for o in rows]
    z = [[result.mean_level(o, d, group) for d in dimensions] for o in rows]
    fig = go.Figure(go.Heatmap(
        z=z, x=heads, y=labels, text=text, texttemplate="%{text}",
        zmin=0, zmax=max(len(result.levels) - 1, 1), colorscale=HEAT_COLOURS, xgap=3,
        ygap=3, hoverinfo="text", showscale=False, textfont={"size": f.font, "color": INK}))
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(side="top", tickangle=0, showgrid=False)
    title = (_("Typical rating in each cell, number of answers below")
             + ("" if group == EVERYONE else f": {name(group)}"))
    title = _page_of(title, start, len(rows), len(options), "options")
    height = _height(f, labels, top, bottom, max(3.0, row))
    return _style(fig, f, title, top, bottom, height, False)


def describe_rating(result: RatingResult, options, dimensions, group: str = EVERYONE) -> str:
    n = sum(1 for _ in result.counts.get(group, {}))
    if not result.n_groups or not n:
        return _("No ratings yet.")
    top = result.levels[-1]
    highs = [(o, [d for d in dimensions if result.typical(o, d, group) == top])
             for o in options]
    highs = [_("\u201c{option}\u201d on {dimensions}").format(
                 option=name(o), dimensions=", ".join(_names(ds))) for o, ds in highs if ds]
    who = _("everyone") if group == EVERYONE else name(group)
    text = _("{answers} so far; showing {who}.").format(
        answers=_count(result.n_groups, ngettext("{n} answer", "{n} answers",
                                                 result.n_groups)), who=who) + " "
    if highs:
        text += _("Typically rated {level}:").format(level=name(top)) + " " \
            + "; ".join(highs[:4]) + (
                "; " + _("and {more}.").format(more=_count(len(highs) - 4, ngettext(
                    "{n} more option", "{n} more options", len(highs) - 4)))
                if len(highs) > 4 else ".")
    else:
        text += _("No option is typically rated {level}.").format(level=name(top))
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


def sort_chart(result: SortResult, categories, revealed: bool, big=False,
               now: float = 0) -> go.Figure:
    """Before the reveal: how many people put each card in each category. After: the share
    of each role group who put each card in the right category. When not all cards fit,
    a page of them at a time."""
    f = frame(big)
    fig = go.Figure()
    if not revealed:
        cards = list(result.placed)
        legend = _names(categories)
        top, bottom = _title_height(f), _axis_height(f) + _legend_height(f, legend)
        labels = _labels(f, _names(cards))
        start, per_page = page_now(len(cards), _per_page(f, labels, top, bottom), now)
        shown = cards[start:start + per_page][::-1]
        labels = labels[start:start + per_page][::-1]
        values = [[result.placed[c].get(cat, 0) for c in shown] for cat in categories]
        totals = [sum(result.placed[c].values()) for c in shown]
        _stacked(fig, f, labels, categories, values, totals, _colours(categories))
        fig.update_xaxes(title_text=_("People"))
        most = max(totals, default=0)
        _count_axis(fig, _axis_end(f, most, labels, f"{most:,}"))
        return _style(fig, f, _page_of(_("How people sorted each card"), start, len(shown),
                                       len(cards), "cards"), top, bottom,
                      _height(f, labels, top, bottom), True)
    cards = [c for c, answer in result.answers.items() if answer]
    groups = _groups_shown(result.grouping)
    legend = _names([g for g in groups if g != EVERYONE] + [EVERYONE]) if len(groups) > 1 \
        else []
    top, bottom = _title_height(f), _axis_height(f) + _legend_height(f, legend)
    # The card, then its right answer on a line of its own.
    labels = [f"{lab}<br>\u2192 {wrap(name(result.answers[c]), f.width * 0.4, f.font, 1)}"
              for c, lab in zip(cards, _labels(f, _names(cards), lines=2))]
    start, per_page = page_now(len(cards), _per_page(f, labels, top, bottom), now)
    shown = cards[start:start + per_page][::-1]
    labels = labels[start:start + per_page][::-1]
    values = {g: [result.share_right(c, g) or 0 for c in shown] for g in groups}
    main = EVERYONE if EVERYONE in groups else groups[0]
    _dots(fig, f, labels, groups, values, [f"{x}%" for x in values[main]])
    fig.update_xaxes(title_text=_("% who sorted the card correctly"), range=[0, 105],
                     tickvals=[0, 25, 50, 75, 100])
    return _style(fig, f, _page_of(_("Sorted correctly, by role"), start, len(shown),
                                   len(cards), "cards"), top, bottom,
                  _height(f, labels, top, bottom), bool(legend))


def describe_sort(result: SortResult, revealed: bool) -> str:
    if not result.n_people:
        return _("No answers yet.")
    people = _("{people} sorted the cards.").format(
        people=_count(result.n_people, ngettext("{n} person", "{n} people", result.n_people)))
    if not revealed:
        parts = []
        for card, counts in result.placed.items():
            cat, n = max(counts.items(), key=lambda kv: kv[1])
            parts.append(_("\u201c{card}\u201d: {n} put it in {category}").format(
                card=name(card), n=n, category=name(cat)))
        return (people + " " + _("The answers are not shown yet.") + " "
                + _("Most common: {parts}.").format(parts="; ".join(parts[:5])))
    scored = [(c, result.share_right(c)) for c, a in result.answers.items() if a]
    if not scored:
        return people + " " + _("No card has a set answer.")
    hardest = min(scored, key=lambda cs: cs[1])
    text = (people + " " + _("Share right for everyone: {shares}.").format(
                shares="; ".join(f"\u201c{name(c)}\u201d {s}%" for c, s in scored[:6]))
            + " " + _("Hardest: \u201c{card}\u201d (right answer: {answer}).").format(
                card=name(hardest[0]), answer=name(result.answers[hardest[0]])))
    if len(scored) < len(result.answers):
        text += " " + _("Cards with no single right answer are left out.")
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


BOARD_SIZE = 10  # ideas in the console's chart


def board_chart(result: BoardResult, tags, big=False) -> go.Figure:
    """The ideas with most votes, most at the top; tag in words and by colour and pattern.
    On the projector, as many as fit."""
    f = frame(big)
    ideas = list(result.ideas if f.height is not None else result.ideas[:BOARD_SIZE])
    legend = _names(tags)
    top, bottom = _title_height(f), _axis_height(f) + _legend_height(f, legend)
    labels = _labels(f, [i.text + (f" [{name(i.tag)}]" if i.tag else "") for i in ideas], 0.45)
    n = _fit(f, labels, top, bottom)
    title = _count_of(_("Ideas with the most votes"), n, len(result.ideas), "ideas")
    ideas, labels = ideas[:n][::-1], labels[:n][::-1]
    names = dict(zip((i.id for i in ideas), labels))
    fig = go.Figure()
    for k, tag in enumerate(list(tags) or [""]):
        mine = [i for i in ideas if (i.tag or "") == tag or not tags]
        if not mine:
            continue
        fig.add_bar(name=name(tag) if tag else _("Votes"), y=[names[i.id] for i in mine],
                    x=[i.votes for i in mine], orientation="h", marker=_bar_style(k),
                    text=[_count(i.votes, ngettext("{n} vote", "{n} votes", i.votes))
                          for i in mine],
                    textposition="outside",
                    hoverinfo="x+name", cliponaxis=False)
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    most = max((i.votes for i in ideas), default=0)
    fig.update_xaxes(title_text=_("Votes"))
    _count_axis(fig, _axis_end(f, most, labels,
                               _count(most, ngettext("{n} vote", "{n} votes", most))))
    return _style(fig, f, title, top, bottom, _height(f, labels, top, bottom), bool(tags),
                  barmode="overlay")


def describe_board(result: BoardResult) -> str:
    if not result.ideas:
        return _("No ideas yet.")
    top = "; ".join(f"\u201c{i.text}\u201d ({i.votes})" for i in result.ideas[:3])
    merged = result.n_ideas_posted - len(result.ideas)
    ideas = _count(len(result.ideas), ngettext("{n} idea", "{n} ideas", len(result.ideas)))
    voters = ngettext("{n} person has voted", "{n} people have voted",
                      result.voters).format(n=f"{result.voters:,}")
    if merged:
        return _("{ideas} on the board ({merged} merged); {voters}. Most votes: {top}.").format(
            ideas=ideas, merged=_count(merged, ngettext("{n} duplicate", "{n} duplicates", merged)),
            voters=voters, top=top)
    return _("{ideas} on the board; {voters}. Most votes: {top}.").format(
        ideas=ideas, voters=voters, top=top)


def board_table(result: BoardResult) -> pd.DataFrame:
    return pd.DataFrame([{"Place": n, "Idea": i.text, "Tag": i.tag, "Votes": i.votes,
                          "Posted by": i.role, "Merged into it": " | ".join(i.merged)}
                         for n, i in enumerate(result.ideas, start=1)],
                        columns=["Place", "Idea", "Tag", "Votes", "Posted by",
                                 "Merged into it"])
