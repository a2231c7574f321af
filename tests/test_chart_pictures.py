"""The programme page's charts as pictures drawn on the server (workshop/chart_pictures.py):
every row, number, group and cell of the figure is in the picture."""

import re
import xml.etree.ElementTree as ET

import plotly.graph_objects as go
import pytest

from tests.conftest import SCENARIOS
from workshop.chart_pictures import BarChart, Heat, bars_picture, heatmap_picture
from workshop.charts import GROUP_COLOURS, INK
from workshop.programme_cache import programme_data
from workshop.programme_demo import build_programme_demo
from workshop.programme_view import ALL_REGIONS, theme_heatmap
from workshop.programmes import Programmes

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def data(workshops):
    programme = build_programme_demo(workshops, SCENARIOS)
    return programme_data(Programmes(workshops), programme["id"])


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, or this fails


def _texts(root: ET.Element) -> list[str]:
    return [" ".join("".join(t.itertext()).split()) for t in root.iter(f"{SVG}text")]


def _rects(root: ET.Element) -> dict[str, list[int]]:
    """Each bar part's group and number, from its tooltip ("Group: 12")."""
    found: dict[str, list[int]] = {}
    for r in root.iter(f"{SVG}rect"):
        tip = r.find(f"{SVG}title")
        if tip is not None:
            name, value = tip.text.rsplit(": ", 1)
            found.setdefault(name, []).append(float(value))
    return found


def test_a_theme_chart_picture_has_every_theme_total_group_and_number(data):
    fig = data.question("services").chart(ALL_REGIONS)
    root = _parse(bars_picture(fig))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == fig.layout.title.text
    texts = _texts(root)
    assert fig.layout.title.text in texts
    labels = [" ".join(y.split("<br>")) for y in fig.data[0].y]
    assert set(labels) <= set(texts)
    bars = [t for t in fig.data if t.type == "bar"]
    assert {b.name for b in bars} <= set(texts)  # the key
    parts = _rects(root)
    for b in bars:
        assert sorted(parts.get(b.name, [])) == sorted(x for x in b.x if x)
    totals = next(t for t in fig.data if t.type == "scatter")
    for total in totals.text:
        assert total.strip() in texts
    # Each group keeps its colour, with a pattern over it from the second group on.
    patterns = {p.get("id"): p.find(f"{SVG}rect").get("fill")
                for p in root.iter(f"{SVG}pattern")}
    assert list(patterns.values()) == [GROUP_COLOURS[i] for i in range(1, len(bars))]


def test_an_agreement_chart_picture_puts_disagreement_left_of_the_middle(data):
    fig = data.question("services_poll").chart(ALL_REGIONS)
    root = _parse(bars_picture(fig))
    zero = next(line for line in root.iter(f"{SVG}line") if line.get("stroke") == "#6f777b")
    middle = float(zero.get("x1"))
    for r in root.iter(f"{SVG}rect"):
        tip = r.find(f"{SVG}title")
        if tip is None:
            continue
        left, right = float(r.get("x")), float(r.get("x")) + float(r.get("width"))
        if tip.text.startswith("Strongly disagree"):
            assert right <= middle + 0.1
        if tip.text.startswith("Strongly agree"):
            assert left >= middle - 0.1


def test_each_picture_drawn_from_a_summary_is_the_console_figures_picture(data):
    """The page draws its pictures from each region's summary, without a Plotly figure:
    every question, every region and all together, the same picture as drawn from the
    console's own figure (workshop/charts.py), titles, rows, numbers, keys and axes."""
    kinds, compared = set(), 0
    for q in data.questions:
        view = data.question(q.id)
        for name in view.summaries:
            if not view.answered(name):
                continue
            chart = data.charts(q.id)[name]
            assert isinstance(chart, BarChart)
            assert bars_picture(chart) == bars_picture(view.chart(name)), (q.id, name)
            assert data.pictures(q.id)[name] == bars_picture(view.chart(name))
            kinds.add(q.kind)
            compared += 1
    assert {"comment", "scale"} <= kinds and compared >= 8


def test_a_picture_drawn_from_a_summary_speaks_the_figures_language(data):
    """Drawn in Welsh, the words (titles, axes, keys, the pack's options) are the console
    figure's Welsh words."""
    from workshop.charts import speaking
    for qid in ("services", "services_poll", "providers_poll"):
        view = data.question(qid)
        with speaking("cy", data.pack):
            welsh = bars_picture(view.bars(ALL_REGIONS))
            assert welsh == bars_picture(view.chart(ALL_REGIONS)), qid
        assert welsh != bars_picture(view.bars(ALL_REGIONS)), qid  # not the English one


def test_a_workshop_with_one_voice_is_drawn_as_its_figure(workshops, open_workshop):
    """A workshop where one person spoke and answered: a single bar, a single answer."""
    from workshop.analysis import summarise_comments, summarise_poll
    from workshop.chart_pictures import poll_bars, theme_bars
    from workshop.charts import poll_chart, theme_chart
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "3")["id"]
    workshops.submit_comment(wid, me, "services", "Specify outcomes, not times and tasks",
                             "idea")
    s = summarise_comments(workshops.snapshot(wid), "services")
    assert bars_picture(theme_bars(s)) == bars_picture(theme_chart(s))
    kinds = set()
    for q in workshops.pack_of(wid).questions:
        if q.kind in ("scale", "choice"):
            workshops.set_current(wid, q.id)
            workshops.answer_poll(wid, me, q.id, q.choices[-1])
            p = summarise_poll(workshops.snapshot(wid), q.id)
            assert p.n_people == 1
            assert bars_picture(poll_bars(p, q.kind)) == bars_picture(poll_chart(p, q.kind))
            kinds.add(q.kind)
    assert kinds == {"scale", "choice"}


def test_the_heatmap_picture_without_a_figure_is_the_figures_picture(data):
    counts = data.theme_counts("services")
    heat = data.heatmap("services")
    assert isinstance(heat, Heat)
    assert heatmap_picture(heat) == heatmap_picture(theme_heatmap(counts))


def test_the_heatmap_picture_writes_every_count_in_its_cell(data):
    counts = data.theme_counts("services")
    root = _parse(heatmap_picture(data.heatmap("services")))
    cells = {}
    for r in root.iter(f"{SVG}rect"):
        tip = r.find(f"{SVG}title")
        if tip is not None:
            theme, region, n = re.fullmatch(r"(.+) in (.+): (\d+) comments", tip.text).groups()
            cells[theme, region] = (int(n), r.get("fill"))
    regions = [c for c in counts.columns if c != ALL_REGIONS]
    assert {k: v[0] for k, v in cells.items()} == {
        (t, reg): int(counts.loc[t, reg]) for t in counts.index for reg in regions}
    assert set(regions) <= set(_texts(root)) and set(counts.index) <= set(_texts(root))
    # The most comments get the darkest cell, and its number is written in white.
    most = max(cells.values())
    darkest = min(cells.values(), key=lambda v: sum(int(v[1][i:i + 2], 16) for i in (1, 3, 5)))
    assert most[0] == darkest[0]
    written = [t for t in root.iter(f"{SVG}text") if "".join(t.itertext()) == str(most[0])]
    assert any(t.get("fill") == "white" for t in written)
    fewest = min(cells.values())
    written = [t for t in root.iter(f"{SVG}text") if "".join(t.itertext()) == str(fewest[0])]
    assert any(t.get("fill") == INK for t in written)


def test_words_people_typed_are_written_as_text_not_markup():
    fig = go.Figure(go.Bar(y=["Cost & <b>value</b>"], x=[3], orientation="h", name="All",
                           text=["3"], marker={"color": "#0072B2"}))
    fig.update_layout(title="Themes \"raised\" <script>", showlegend=True)
    root = _parse(bars_picture(fig))
    texts = _texts(root)
    assert "Cost & <b>value</b>" in texts and "Themes \"raised\" <script>" in texts
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}b"))


def test_a_chart_by_role_with_one_group_names_it_in_its_key(workshops, open_workshop):
    """Every comment from groups too small to show apart: one colour, and the key says whose
    it is ("Smaller groups combined"), on the screen's chart and its picture alike."""
    from workshop.analysis import POOLED, summarise_comments, summarise_poll
    from workshop.chart_pictures import choice_bars, theme_bars
    from workshop.charts import choice_chart, theme_chart
    wid = open_workshop["id"]
    people = [workshops.join(wid, role, "3")["id"] for role in ("provider", "user")]
    for me in people:
        workshops.submit_comment(wid, me, "services", "Specify outcomes, not times and tasks",
                                 "idea")
    s = summarise_comments(workshops.snapshot(wid), "services")
    assert s.grouping.order == (POOLED,)
    fig = theme_chart(s)
    assert fig.layout.showlegend
    assert [t.name for t in fig.data if t.type == "bar"] == [POOLED]
    assert POOLED in _texts(_parse(bars_picture(theme_bars(s))))
    q = next(q for q in workshops.pack_of(wid).questions if q.kind == "choice")
    workshops.set_current(wid, q.id)
    for me in people:
        workshops.answer_poll(wid, me, q.id, q.choices[0])
    p = summarise_poll(workshops.snapshot(wid), q.id)
    assert choice_chart(p).layout.showlegend
    assert POOLED in _texts(_parse(bars_picture(choice_bars(p))))
