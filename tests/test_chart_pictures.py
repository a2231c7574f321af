"""The programme page's charts as pictures drawn on the server (workshop/chart_pictures.py):
every row, number, group and cell of the figure is in the picture."""

import re
import xml.etree.ElementTree as ET

import plotly.graph_objects as go
import pytest

from tests.conftest import SCENARIOS
from workshop.chart_pictures import bars_picture, heatmap_picture
from workshop.charts import GROUP_COLOURS, INK
from workshop.programme_cache import programme_data
from workshop.programme_demo import build_programme_demo
from workshop.programme_view import ALL_REGIONS
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
    fig = data.charts("services")[ALL_REGIONS]
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
    fig = data.charts("services_poll")[ALL_REGIONS]
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
