"""The programme page (pages/programme.py) with Streamlit's AppTest."""

import re
from html.parser import HTMLParser

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from pages import ui
from tests.conftest import ROOT, SCENARIOS
from tests.test_pages import SECRET, run
from workshop.programme_demo import build_programme_demo
from workshop.programmes import Programmes
from workshop.region_differences import compare_regions

APP = str(ROOT / "workshop_app.py")


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("WORKSHOP_FACILITATOR_SECRET", SECRET)
    st.cache_resource.clear()
    ws = ui.workshops()  # the same instance the pages use
    programme = build_programme_demo(ws, SCENARIOS)
    yield ws, programme
    st.cache_resource.clear()


SIDE, ONE, NATIONAL = "Workshops side by side", "One question by region", "National report"


def _open(pid: str | None = None, view: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).switch_page("pages/programme.py")
    at.query_params["key"] = SECRET
    if pid:
        at.query_params["programme"] = pid
    if view:
        at.query_params["view"] = view
    return run(at)


class _Blocks(HTMLParser):
    """What the page's HTML blocks hold: headings, pictures' descriptions and tables."""

    def __init__(self):
        super().__init__()
        self.headings, self.alts, self.tables = [], [], []
        self._text = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            assert attrs["src"].startswith("data:image/svg+xml;base64,")
            self.alts.append(attrs["alt"])
        elif tag == "h3":
            self._text = []
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self._text = []

    def handle_endtag(self, tag):
        if tag == "h3":
            self.headings.append("".join(self._text))
        elif tag in ("th", "td"):
            self.tables[-1][-1].append("".join(self._text))
        if tag in ("h3", "th", "td"):
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def _blocks(at) -> _Blocks:
    found = _Blocks()
    for el in at.get("html"):
        found.feed(el.proto.body)
    return found


def _pictures(at) -> list[str]:
    """The description of each picture on the page."""
    return _blocks(at).alts


def _table(rows: list[list[str]]) -> pd.DataFrame:
    return pd.DataFrame(rows[1:], columns=rows[0])


def test_without_the_secret_the_page_says_it_is_for_the_facilitator(demo):
    at = AppTest.from_file(APP).switch_page("pages/programme.py")
    at.query_params["key"] = "wrong"
    at = at.run(timeout=30)
    assert not at.title or at.title[0].value != "Programmes"
    assert not at.dataframe and not at.text_area


def test_the_page_shows_the_workshops_side_by_side_and_the_report(demo):
    ws, programme = demo
    at = _open(programme["id"])
    assert at.title[0].value == "Programmes"
    assert [t.label for t in at.tabs] == [SIDE, ONE, NATIONAL]
    table = at.dataframe[0].value
    assert list(table["Region"]) == ["London", "East Midlands", "North West"]
    assert list(table["Simulated"]) == ["yes", "no", "yes"]
    # Only the open tab is drawn.
    assert not at.text_area and not at.subheader
    # The first question is a comment question: a chart per region and all together, each
    # a picture with its words, and the themes-by-region table beside the heatmap.
    at = _open(programme["id"], ONE)
    assert _blocks(at).headings == ["London", "East Midlands", "North West", "All regions"]
    pictures = _pictures(at)
    assert len(pictures) == 5  # three regions, all together, and the heatmap
    assert all(p.startswith("Chart: Themes raised, by role") for p in pictures[:4])
    assert "comments from" in pictures[0]  # the sentence beside the chart
    assert pictures[4].startswith("Chart: Comments on each theme, by region")
    tables = _blocks(at).tables
    assert len(tables) == 5  # the numbers of each chart, and of the heatmap
    assert tables[0][0][0] == "Theme" and tables[0][0][-1] == "All"
    themes = _table(tables[-1]).set_index("Theme").astype(int)
    assert list(themes.columns) == ["London", "East Midlands", "North West", "All regions"]
    assert (themes["All regions"] == themes[["London", "East Midlands",
                                             "North West"]].sum(axis=1)).all()
    # Each region's own table adds up to the heatmap's column for it.
    london = _table(tables[0]).set_index("Theme")["All"].astype(int)
    assert london.to_dict() == themes["London"][themes["London"] > 0].to_dict()
    at = _open(programme["id"], NATIONAL)
    report = next(a for a in at.text_area if a.label == "National report (markdown)")
    assert report.value.startswith("# Contracting for personalised outcomes")
    assert any("<h2>Key messages</h2>" in h.proto.body for h in at.get("html"))


def test_a_poll_shows_answers_by_region(demo):
    ws, programme = demo
    at = _open(programme["id"], ONE)
    question = next(s for s in at.selectbox if s.label == "Question")
    at = run(question.set_value("price_transparency_poll"))
    answers = at.table[-1].value
    assert "Agree" in list(answers.index)
    assert any(c.startswith("All regions (") for c in answers.columns)


def test_edits_to_the_national_report_are_saved_and_checked(demo):
    ws, programme = demo
    at = _open(programme["id"], NATIONAL)
    area = next(a for a in at.text_area if a.label == "National report (markdown)")
    quoted = re.search(r"\(East Midlands, ([^()]+)\)", area.value).group(1)
    at = run(area.input(area.value.replace(f"(East Midlands, {quoted})",
                                           f"(London, {quoted})", 1)))
    at = run(next(b for b in at.button if b.label == "Save my edits").click())
    saved = Programmes(ws).get(programme["id"])["report_edit"]
    assert f"(London, {quoted})" in saved
    assert any("do not match the data" in w.value for w in at.warning)


def test_a_programme_is_created_and_a_workshop_added_on_the_page(demo):
    ws, programme = demo
    other = ws.create("Another day", "Wales", "peoples_borough")
    at = _open()
    at.text_input[0].input("Second programme")
    next(s for s in at.selectbox if s.label.startswith("Scenario pack")).set_value(
        "peoples_borough")
    at = run(at.button[0].click())
    pid = at.query_params["programme"]
    assert Programmes(ws).get(pid)["title"] == "Second programme"
    form_region = next(t for t in at.text_input if t.label.startswith("Region in the programme"))
    workshop = next(s for s in at.selectbox if s.label == "Workshop")
    workshop.set_value(other["id"])
    form_region.input("Cymru")
    at = run(next(b for b in at.button if b.label == "Add to the programme").click())
    assert [(m.workshop_id, m.region) for m in Programmes(ws).members(pid)] == [
        (other["id"], "Cymru")]


def test_the_page_says_where_a_region_differs_from_the_rest_only_when_counts_support_it(demo):
    ws, programme = demo
    regions = Programmes(ws).regions(programme["id"])
    pack = regions[0].snapshot.pack
    at = _open(programme["id"], ONE)
    question = next(s for s in at.selectbox if s.label == "Question")
    said_any = False
    for q in [q for q in pack.questions if q.kind in ("scale", "choice")]:
        at = run(question.set_value(q.id))
        question = next(s for s in at.selectbox if s.label == "Question")
        assert "Where a region differs from the rest" in [s.value for s in at.subheader]
        found = compare_regions(regions, q).found
        shown = [m.value for m in at.markdown if m.value.startswith("In ")
                 and "than in the other regions" in m.value]
        assert len(shown) == len(found), q.id
        for d, text in zip(found, shown):
            assert text.startswith(f"In {d.region}, ")
            assert f"{d.x_region} of the {d.n_region} who answered" in text
        said_any |= bool(found)
    assert said_any
