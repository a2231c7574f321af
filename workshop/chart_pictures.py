"""The console's bar charts and the themes-by-region heatmap as SVG pictures, drawn here.

The programme page shows up to nine charts at once. Drawn in the browser by Plotly, they
need its script (megabytes, read afresh on every opening of the page) and a second or more
of drawing; as pictures drawn here they cost milliseconds and show at once. The pictures
show what the console's figures show (workshop/charts.py, workshop/programme_view.py): the
same rows in the same order, the Okabe-Ito colours with a pattern for each group, every
number written on its bar or cell, the same titles, keys and axes.

Only what those figures use is drawn: horizontal bars (stacked, or placed from a base as
the agreement chart's are), the totals written after them, and heatmaps with their counts.
A picture is drawn from a plain description of its chart (`BarChart`, `Heat`), worked out
here straight from a question's summary by the console's rules (`theme_bars`, `poll_bars`):
building a Plotly figure first costs about twenty times the drawing, and the programme
page draws some two hundred charts for a big programme. A Plotly figure can still be drawn
(`bars_picture(fig)`): it is described the same way first, and the two give the same
picture (tests/test_chart_pictures.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from workshop.analysis import CommentSummary, PollSummary, share
from workshop.charts import (CONSOLE, FONT, GROUP_COLOURS, GROUP_PATTERNS, INK,
                             SCALE_COLOURS, Frame, _, _axis_end, _axis_height,
                             _fit, _ink_on, _labels, _legend_height, _names, _step,
                             _title_height, counted_plan, key_names, name)
from workshop.scenarios import SCALE_LABELS
from workshop.screen import text_width

WIDTH = 640          # a chart's width, in the picture's pixels
HEAT_WIDTH = 1100    # the heatmap's: it runs the page's width
GRID, ZERO = "#dddddd", "#6f777b"
# Plotly's "Blues", the heatmap's colours from fewest to most.
BLUES = ((247, 251, 255), (222, 235, 247), (198, 219, 239), (158, 202, 225),
         (107, 174, 214), (66, 146, 198), (33, 113, 181), (8, 81, 156), (8, 48, 107))


@dataclass(frozen=True)
class Series:
    """One group's bars, a value for each row: its name in the key, colour and pattern,
    the number written on each bar and the ink it is written in. `base`: where each bar
    starts (the agreement chart's), or None to stack it after the groups before it."""
    name: str
    values: tuple
    texts: tuple
    colour: str
    ink: str
    pattern: str = ""
    base: tuple | None = None
    keyed: bool = True


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: its rows (the first drawn lowest, as plotly's), its groups,
    the totals written after the bars, and its value axis: `span` (None: from 0 to the
    longest bar), explicit `ticks` (value, label) or a tick `step`."""
    title: str
    rows: tuple
    series: tuple
    totals: tuple = ()
    axis_title: str = ""
    span: tuple | None = None
    ticks: tuple | None = None
    step: float | None = None
    legend: bool = True
    font: int = 14
    title_font: int = 18


@dataclass(frozen=True)
class Heat:
    """A heatmap: a count for each row (first at the top) and column."""
    title: str
    rows: tuple
    cols: tuple
    z: tuple
    font: int = 15


def _t(text) -> str:
    return escape(str(text), quote=True)


def _lines(label) -> list[str]:
    return str(label).split("<br>")


def _text(x: float, y: float, text, size: float, anchor: str = "start", colour: str = INK,
          weight: str = "normal", baseline: str = "central") -> str:
    """One label, over as many lines as it has (plotly's <br>), centred on y."""
    lines = _lines(text)
    step = size * 1.3
    first = y - step * (len(lines) - 1) / 2
    spans = "".join(f'<tspan x="{x:.1f}" y="{first + i * step:.1f}">{_t(line)}</tspan>'
                    for i, line in enumerate(lines))
    return (f'<text font-size="{size:g}" text-anchor="{anchor}" fill="{colour}" '
            f'font-weight="{weight}" dominant-baseline="{baseline}">{spans}</text>')


def _pattern(pid: str, shape: str, colour: str) -> str:
    """A bar's fill: its colour, with white stripes or dots over it (as the console's)."""
    marks = {"/": '<path d="M-2,2 l4,-4 M0,10 l10,-10 M8,12 l4,-4"/>',
             "x": '<path d="M0,0 l10,10 M10,0 l-10,10"/>',
             "-": '<path d="M0,5 h10"/>', "+": '<path d="M5,0 v10 M0,5 h10"/>',
             ".": '<circle cx="5" cy="5" r="1.8" fill="white" stroke="none"/>'}
    return (f'<pattern id="{pid}" width="10" height="10" patternUnits="userSpaceOnUse">'
            f'<rect width="10" height="10" fill="{colour}"/>'
            f'<g stroke="white" stroke-width="1.6" opacity="0.6">{marks.get(shape, "")}</g>'
            f'</pattern>')


def _nice(end: float) -> float:
    k = 1
    while True:
        for s in (k, 2 * k, 5 * k):
            if end / s <= 5:
                return s
        k *= 10


def _ticks(chart: BarChart, lo: float, hi: float) -> list[tuple[float, str]]:
    if chart.ticks is not None:
        return list(chart.ticks)
    step = chart.step or _nice(hi - lo)
    n = int(math.floor((hi - lo) / step + 1e-9))
    return [(lo + i * step, f"{lo + i * step:,.0f}") for i in range(n + 1)]


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" font-family="{_t(FONT)}" '
            f'role="img"><title>{_t(title)}</title>'
            f'<rect width="100%" height="100%" fill="white"/>{"".join(body)}</svg>')


def bars_of_figure(fig) -> BarChart:
    """A Plotly horizontal bar chart (workshop/charts.py) described for drawing."""
    layout = fig.layout
    size = layout.font.size or 14
    bars = [t for t in fig.data if t.type == "bar"]
    totals = [t for t in fig.data if t.type == "scatter"]
    axis = layout.xaxis
    ticks = None
    if axis.tickvals is not None:
        ticks = tuple(zip(axis.tickvals, axis.ticktext or [f"{v:,g}" for v in axis.tickvals]))
    series = []
    for b in bars:
        colour = b.marker.color
        series.append(Series(
            b.name or "", tuple(b.x), tuple(b.text) if b.text is not None else (),
            colour, b.textfont.color if b.textfont and b.textfont.color else _ink_on(colour),
            (b.marker.pattern.shape if b.marker.pattern else "") or "",
            tuple(b.base) if b.base is not None else None, b.showlegend is not False))
    return BarChart(layout.title.text or "", tuple(bars[0].y) if bars else (), tuple(series),
                    tuple((x, str(text).strip()) for t in totals for x, text in zip(t.x, t.text)),
                    axis.title.text or "", tuple(axis.range) if axis.range else None, ticks,
                    axis.dtick, bool(layout.showlegend), size,
                    layout.title.font.size or size + 4)


# -- the console's charts, described straight from a summary (workshop/charts.py's rules,
# words and language, for its console frame: as tall as the rows need) ------------------
def _counted(f: Frame, title: str, axis: str, rows, groups, what: str) -> BarChart:
    """charts._counted: a stacked bar for each row (label, {group: count}), in the order
    given, each part's number on it and the total after it."""
    plan = counted_plan(f, title, rows, groups, what)
    title, labels, rows, totals, most = plan.title, plan.labels, plan.rows, plan.totals, plan.most
    legend = plan.legend
    series = []
    for i, g in enumerate(groups):
        colour = GROUP_COLOURS[i % len(GROUP_COLOURS)]
        xs = tuple(c.get(g, 0) for __, c in rows)
        series.append(Series(name(g), xs, tuple(f"{x:,}" if x else "" for x in xs), colour,
                             _ink_on(colour), GROUP_PATTERNS[i % len(GROUP_PATTERNS)]))
    end = _axis_end(f, most, labels, f"{most:,}")
    # (With no group, plotly draws no bar and so no row either.)
    return BarChart(title, tuple(labels) if series else (), tuple(series),
                    tuple((t, f"{t:,}") for t in totals), axis, (0, end), None, _step(end),
                    bool(legend), f.font, f.title_font)


def theme_bars(summary: CommentSummary, f: Frame = CONSOLE) -> BarChart:
    """charts.theme_chart: comments per theme, most first, each bar split by role group."""
    counts: dict[str, dict[str, int]] = {}
    for t, g, n in summary.theme_rows:
        counts.setdefault(t, {})[g] = n
    rows = [(label, counts.get(label, {})) for _, label, _ in summary.theme_totals]
    return _counted(f, _("Themes raised, by role"), _("Comments"), rows,
                    summary.grouping.order, "themes")


def poll_bars(poll: PollSummary, kind: str, f: Frame = CONSOLE) -> BarChart:
    """charts.poll_chart: the agreement chart for a scale, the choices chart otherwise."""
    return scale_bars(poll, f) if kind == "scale" else choice_bars(poll, f)


def choice_bars(poll: PollSummary, f: Frame = CONSOLE) -> BarChart:
    """charts.choice_chart: people choosing each option, split by role group; when not
    all fit, the most chosen first."""
    rows = [(c, {g: poll.counts[g][c] for g in poll.grouping.order}) for c in poll.choices]
    labels = _labels(f, _names(poll.choices))
    legend = key_names(poll.grouping.order)
    bottom = _axis_height(f) + _legend_height(f, legend)
    if _fit(f, labels, _title_height(f), bottom) < len(rows):
        rows.sort(key=lambda r: -sum(r[1].values()))
    return _counted(f, _("Choices, by role"), _("People"), rows, poll.grouping.order,
                    "answers")


def scale_bars(poll: PollSummary, f: Frame = CONSOLE) -> BarChart:
    """charts.scale_chart: diverging bars, the share of each role group at each point of
    agreement; the neutral block straddles zero, disagreement to the left."""
    groups = list(poll.grouping.order)
    top, bottom = _title_height(f), _axis_height(f) + _legend_height(f, _names(SCALE_LABELS))
    labels = _labels(f, _names(groups), 0.3)
    n = _fit(f, labels, top, bottom)
    groups, labels = groups[:n][::-1], labels[:n][::-1]
    pct = {g: [share(poll.counts[g][p], poll.group_sizes.get(g, 0)) for p in SCALE_LABELS]
           for g in groups}
    series = []
    for i, point in enumerate(SCALE_LABELS):
        base = tuple(-(pct[g][0] + pct[g][1] + pct[g][2] / 2) + sum(pct[g][:i])
                     for g in groups)
        xs = tuple(pct[g][i] for g in groups)
        series.append(Series(name(point), xs, tuple(f"{p}%" if p else "" for p in xs),
                             SCALE_COLOURS[i], _ink_on(SCALE_COLOURS[i]), "", base))
    return BarChart(_("Agreement, by role"), tuple(labels), tuple(series), (),
                    _("% of people in the group (disagree left, agree right)"), (-100, 100),
                    ((-100, "100%"), (-50, "50%"), (0, "0"), (50, "50%"), (100, "100%")),
                    None, True, f.font, f.title_font)


def bars_picture(chart) -> str:
    """A horizontal bar chart as SVG: a `BarChart`, or a Plotly figure of
    workshop/charts.py."""
    if not isinstance(chart, BarChart):
        chart = bars_of_figure(chart)
    size, title_size, title = chart.font, chart.title_font, chart.title
    bars = list(chart.series)
    rows = list(chart.rows)
    keyed = [b for b in bars if b.keyed and b.name] if chart.legend else []
    lines = max((len(_lines(r)) for r in rows), default=1)
    band = max(3.0 * size, lines * size * 1.3 + size)
    label_w = max((text_width(part, size) for r in rows for part in _lines(r)),
                  default=0) + size
    left, right = 10 + label_w + 6, WIDTH - size * 2.8
    top = title_size * 1.35 + size * 1.2
    plot_h = band * max(len(rows), 1)
    # The key under the axis: its entries in rows, as many as fit the width.
    key_rows, x, row = [], 10.0, []
    for b in keyed:
        w = size * 2 + text_width(b.name, size) + size
        if row and x + w > WIDTH - 10:
            key_rows.append(row)
            row, x = [], 10.0
        row.append((x, b))
        x += w
    if row:
        key_rows.append(row)
    axis_h = size * 3.4
    height = top + plot_h + axis_h + len(key_rows) * size * 1.8 + 8
    lo, hi = chart.span or (0, max(
        [sum(v or 0 for v in vals) for vals in zip(*[b.values for b in bars])] or [1]))
    scale = (right - left) / ((hi - lo) or 1)

    def at(v: float) -> float:
        return left + (v - lo) * scale

    defs, body = [], [_text(10, title_size * 0.9, title, title_size, weight="normal")]
    for v, label in _ticks(chart, lo, hi):
        colour = ZERO if v == 0 and lo < 0 else GRID
        body.append(f'<line x1="{at(v):.1f}" x2="{at(v):.1f}" y1="{top:.1f}" '
                    f'y2="{top + plot_h:.1f}" stroke="{colour}"/>')
        body.append(_text(at(v), top + plot_h + size * 0.9, label, size, "middle"))
    if chart.axis_title:
        body.append(_text((left + right) / 2, top + plot_h + size * 2.4, chart.axis_title,
                          size, "middle"))
    thick = band * 0.75
    ends = [0.0] * len(rows)
    fills = []
    for i, b in enumerate(bars):
        fill = b.colour
        if b.pattern:
            defs.append(_pattern(f"p{i}", b.pattern, b.colour))
            fill = f"url(#p{i})"
        fills.append(fill)
        for r, value in enumerate(b.values):
            value = value or 0
            start = b.base[r] if b.base is not None else ends[r]
            if b.base is None:
                ends[r] += value
            if not value:
                continue
            y = top + band * (len(rows) - 1 - r) + (band - thick) / 2  # first row lowest
            x0, x1 = sorted((at(start), at(start + value)))
            body.append(f'<rect x="{x0:.1f}" y="{y:.1f}" width="{x1 - x0:.1f}" '
                        f'height="{thick:.1f}" fill="{fill}" stroke="white" '
                        f'stroke-width="1"><title>{_t(b.name)}: {_t(value)}</title></rect>')
            text = b.texts[r] if r < len(b.texts) else ""
            if text and text_width(text, size) + 4 <= x1 - x0:
                body.append(_text((x0 + x1) / 2, y + thick / 2, text, size, "middle", b.ink))
    for r, (value, text) in enumerate(chart.totals):
        y = top + band * (len(rows) - 1 - r) + band / 2
        body.append(_text(at(value) + 3, y, text, size))
    for r, label in enumerate(rows):
        y = top + band * (len(rows) - 1 - r) + band / 2
        body.append(_text(left - 8, y, label, size, "end"))
    y = top + plot_h + axis_h
    for row in key_rows:
        for x, b in row:
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{size * 1.4:.1f}" '
                        f'height="{size * 1.1:.1f}" fill="{fills[bars.index(b)]}" '
                        f'stroke="{INK}" stroke-width="0.5"/>')
            body.append(_text(x + size * 1.8, y + size * 0.55, b.name, size))
        y += size * 1.8
    return _svg(WIDTH, height, title, [f"<defs>{''.join(defs)}</defs>", *body])


def _blue(share: float) -> tuple[int, int, int]:
    pos = max(0.0, min(1.0, share)) * (len(BLUES) - 1)
    i = min(int(pos), len(BLUES) - 2)
    f = pos - i
    return tuple(round(a + (b - a) * f) for a, b in zip(BLUES[i], BLUES[i + 1]))


def heat_of_figure(fig) -> Heat:
    """A Plotly heatmap (workshop/programme_view.py `theme_heatmap`) described for
    drawing."""
    layout, heat = fig.layout, fig.data[0]
    return Heat(layout.title.text or "", tuple(heat.y), tuple(heat.x),
                tuple(tuple(r) for r in heat.z), layout.font.size or 15)


def heatmap_picture(heat) -> str:
    """The themes-by-region heatmap as SVG (a `Heat`, or the Plotly figure of
    workshop/programme_view.py): a cell for each theme (rows, first at the top) and region
    (columns), its count written in it."""
    if not isinstance(heat, Heat):
        heat = heat_of_figure(heat)
    size, title = heat.font, heat.title
    rows, cols, z = list(heat.rows), list(heat.cols), [list(r) for r in heat.z]
    label_w = max((text_width(r, size) for r in rows), default=0) + size
    left = 10 + label_w
    cell_w = (HEAT_WIDTH - left - 10) / max(len(cols), 1)
    # Region names in full, on as many lines as the column's width needs.
    heads = []
    for name in cols:
        words, lines, line = str(name).split(), [], ""
        for w in words:
            if line and text_width(f"{line} {w}", size) > cell_w - 6:
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}".strip()
        lines.append(line)
        heads.append("<br>".join(lines))
    head_lines = max((len(_lines(h)) for h in heads), default=1)
    top = size * 2.6 + head_lines * size * 1.3 + 8
    cell_h = size * 2.2
    height = top + cell_h * len(rows) + 10
    values = [v for r in z for v in r]
    lo, hi = min(values, default=0), max(values, default=0)
    body = [_text(10, size * 1.2, title, size + 3)]
    for c, head in enumerate(heads):
        body.append(_text(left + cell_w * (c + 0.5), top - 6 - (head_lines * size * 1.3) / 2,
                          head, size, "middle"))
    for r, label in enumerate(rows):
        y = top + cell_h * r
        body.append(_text(left - 8, y + cell_h / 2, label, size, "end"))
        for c, value in enumerate(z[r]):
            rgb = _blue((value - lo) / (hi - lo) if hi > lo else 0)
            colour = "#%02x%02x%02x" % rgb
            x = left + cell_w * c
            body.append(f'<rect x="{x + 1:.1f}" y="{y + 1:.1f}" width="{cell_w - 2:.1f}" '
                        f'height="{cell_h - 2:.1f}" fill="{colour}"><title>{_t(label)} in '
                        f'{_t(cols[c])}: {value} comments</title></rect>')
            body.append(_text(x + cell_w / 2, y + cell_h / 2, f"{value:,}", size, "middle",
                              _ink_on(colour)))
    return _svg(HEAT_WIDTH, height, title, body)
