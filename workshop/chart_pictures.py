"""The console's bar charts and the themes-by-region heatmap as SVG pictures, drawn here.

The programme page shows up to nine charts at once. Drawn in the browser by Plotly, they
need its script (megabytes, read afresh on every opening of the page) and a second or more
of drawing; as pictures drawn here they cost milliseconds and show at once. The pictures
are drawn from the same figures (workshop/charts.py, workshop/programme_view.py): the same
rows in the same order, the Okabe-Ito colours with a pattern for each group, every number
written on its bar or cell, the same titles, keys and axes.

Only what those figures use is drawn: horizontal bars (stacked, or placed from a base as
the agreement chart's are), the totals written after them, and heatmaps with their counts.
"""

from __future__ import annotations

import math
from html import escape

from workshop.charts import FONT, INK, _ink_on
from workshop.screen import text_width

WIDTH = 640          # a chart's width, in the picture's pixels
HEAT_WIDTH = 1100    # the heatmap's: it runs the page's width
GRID, ZERO = "#dddddd", "#6f777b"
# Plotly's "Blues", the heatmap's colours from fewest to most.
BLUES = ((247, 251, 255), (222, 235, 247), (198, 219, 239), (158, 202, 225),
         (107, 174, 214), (66, 146, 198), (33, 113, 181), (8, 81, 156), (8, 48, 107))


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


def _ticks(axis, lo: float, hi: float) -> list[tuple[float, str]]:
    if axis.tickvals is not None:
        texts = axis.ticktext or [f"{v:,g}" for v in axis.tickvals]
        return list(zip(axis.tickvals, texts))
    step = axis.dtick or _nice(hi - lo)
    n = int(math.floor((hi - lo) / step + 1e-9))
    return [(lo + i * step, f"{lo + i * step:,.0f}") for i in range(n + 1)]


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" font-family="{_t(FONT)}" '
            f'role="img"><title>{_t(title)}</title>'
            f'<rect width="100%" height="100%" fill="white"/>{"".join(body)}</svg>')


def bars_picture(fig) -> str:
    """A horizontal bar chart (workshop/charts.py) as SVG."""
    layout = fig.layout
    size = (layout.font.size or 14)
    title_size = (layout.title.font.size or size + 4)
    title = layout.title.text or ""
    bars = [t for t in fig.data if t.type == "bar"]
    totals = [t for t in fig.data if t.type == "scatter"]
    rows = list(bars[0].y) if bars else []
    keyed = [b for b in bars if b.showlegend is not False and b.name] \
        if layout.showlegend else []
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
    lo, hi = layout.xaxis.range or (0, max(
        [sum(v or 0 for v in vals) for vals in zip(*[b.x for b in bars])] or [1]))
    scale = (right - left) / ((hi - lo) or 1)

    def at(v: float) -> float:
        return left + (v - lo) * scale

    defs, body = [], [_text(10, title_size * 0.9, title, title_size, weight="normal")]
    ticks = _ticks(layout.xaxis, lo, hi)
    for v, label in ticks:
        colour = ZERO if v == 0 and lo < 0 else GRID
        body.append(f'<line x1="{at(v):.1f}" x2="{at(v):.1f}" y1="{top:.1f}" '
                    f'y2="{top + plot_h:.1f}" stroke="{colour}"/>')
        body.append(_text(at(v), top + plot_h + size * 0.9, label, size, "middle"))
    axis_title = layout.xaxis.title.text
    if axis_title:
        body.append(_text((left + right) / 2, top + plot_h + size * 2.4, axis_title, size,
                          "middle"))
    thick = band * 0.75
    ends = [0.0] * len(rows)
    for i, b in enumerate(bars):
        colour = b.marker.color
        shape = (b.marker.pattern.shape if b.marker.pattern else "") or ""
        fill = colour
        if shape:
            defs.append(_pattern(f"p{i}", shape, colour))
            fill = f"url(#p{i})"
        bases = list(b.base) if b.base is not None else None
        ink = (b.textfont.color if b.textfont and b.textfont.color else _ink_on(colour))
        for r, value in enumerate(b.x):
            value = value or 0
            start = bases[r] if bases is not None else ends[r]
            if bases is None:
                ends[r] += value
            if not value:
                continue
            y = top + band * (len(rows) - 1 - r) + (band - thick) / 2  # first row lowest
            x0, x1 = sorted((at(start), at(start + value)))
            body.append(f'<rect x="{x0:.1f}" y="{y:.1f}" width="{x1 - x0:.1f}" '
                        f'height="{thick:.1f}" fill="{fill}" stroke="white" '
                        f'stroke-width="1"><title>{_t(b.name)}: {_t(value)}</title></rect>')
            text = b.text[r] if b.text is not None else ""
            if text and text_width(text, size) + 4 <= x1 - x0:
                body.append(_text((x0 + x1) / 2, y + thick / 2, text, size, "middle", ink))
    for t in totals:
        for r, (value, text) in enumerate(zip(t.x, t.text)):
            y = top + band * (len(rows) - 1 - r) + band / 2
            body.append(_text(at(value) + 3, y, str(text).strip(), size))
    for r, label in enumerate(rows):
        y = top + band * (len(rows) - 1 - r) + band / 2
        body.append(_text(left - 8, y, label, size, "end"))
    y = top + plot_h + axis_h
    for row in key_rows:
        for x, b in row:
            i = bars.index(b)
            fill = f"url(#p{i})" if any(d.startswith(f'<pattern id="p{i}"') for d in defs) \
                else b.marker.color
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{size * 1.4:.1f}" '
                        f'height="{size * 1.1:.1f}" fill="{fill}" stroke="{INK}" '
                        f'stroke-width="0.5"/>')
            body.append(_text(x + size * 1.8, y + size * 0.55, b.name, size))
        y += size * 1.8
    return _svg(WIDTH, height, title, [f"<defs>{''.join(defs)}</defs>", *body])


def _blue(share: float) -> tuple[int, int, int]:
    pos = max(0.0, min(1.0, share)) * (len(BLUES) - 1)
    i = min(int(pos), len(BLUES) - 2)
    f = pos - i
    return tuple(round(a + (b - a) * f) for a, b in zip(BLUES[i], BLUES[i + 1]))


def heatmap_picture(fig) -> str:
    """The themes-by-region heatmap (workshop/programme_view.py) as SVG: a cell for each
    theme (rows, first at the top) and region (columns), its count written in it."""
    layout, heat = fig.layout, fig.data[0]
    size = layout.font.size or 15
    title = layout.title.text or ""
    rows, cols, z = list(heat.y), list(heat.x), [list(r) for r in heat.z]
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
