"""A comment written to add markup, sent from a phone and imported from paper, shows as
typed on the projector, in the console, on the phone and in the report; and the only
commissioner in a room of providers is quoted as the charts group them, not by role."""

import csv
import html
import io
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.markup import live_markup
from tests.test_pages import SECRET, app, run  # noqa: F401  (fixture)
from tests.conftest import ROOT
from workshop import cli
from workshop.analysis import POOLED
from workshop.claims import check_report
from workshop.report import draft_report
from workshop.text import WORD_JOINER, as_typed, inline_markdown

PHONE = ("Line one\n\n![t](http://host/x.png)\n\n# HUGE HEADING\n\n"
         "[click](http://evil.example)\n\nhttp://evil.example/bare")
PAPER = ("Paper line\n\n![p](http://host/p.png)\n\n# PAPER HEADING\n\n"
         "[paper](http://evil.example/p) www.evil.example")
LIVE_LINK = re.compile(r"(?<!\\)\[[^\]\n]*(?<!\\)\]\(")


@pytest.fixture
def room(app, tmp_path):  # noqa: F811
    """One commissioner (on a phone) and four providers comment on the first question;
    a commissioner's comment from paper comes in by `python -m workshop import`."""
    ws, w = app
    wid, qid = w["id"], w["current_question_id"]
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["code"] = w["join_code"]
    run(at)
    at = run(at.button(key="role_commissioner").click())
    at.text_area(key="comment_text").input(PHONE)
    at = run(at.button(key="send_comment").click())
    assert "saved" in at.success[0].value
    for i in range(4):
        me = ws.join(wid, "provider", f"Table {i}")["id"]
        ws.submit_comment(wid, me, qid, f"Providers need longer contracts, point {i}", "issue")
    path = tmp_path / "paper.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["question_id", "text", "role", "table", "kind"])
        writer.writerow([qid, PAPER, "commissioner", "Paper", "idea"])
    assert cli.main(["import", wid, str(path)]) == 0
    return ws, w, at


def _page(w, page: str, facilitator: bool) -> AppTest:
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    if facilitator:
        at.query_params["key"] = SECRET
        run(at)
    else:
        at.query_params["code"] = w["join_code"]
    return run(at.switch_page(page))


def _no_markup_anywhere(at: AppTest) -> None:
    """Over every markdown element and caption of the page: no picture, no live link, no
    heading or address from the comments."""
    for el in [*at.markdown, *at.caption]:
        value = el.value
        assert "![" not in value and not LIVE_LINK.search(value), value
        assert not re.search(r"(?i)https?://(host|evil)|www\.evil", value), value  # no link
        assert not [line for line in value.splitlines()
                    if line.lstrip().startswith("#") and "HEADING" in line], value


def test_the_projector_wall_shows_both_comments_as_typed_and_pools_the_commissioner(room):
    ws, w, _ = room
    at = _page(w, "pages/projector.py", facilitator=False)
    _no_markup_anywhere(at)
    wall = [m.value for m in at.markdown if "proj-wall" in m.value]
    assert len(wall) == 1 and "\n" not in wall[0]  # a blank line would end the HTML
    items = re.findall(r"<li><p class='said'>(.*?)</p><p class='who'>(.*?)</p></li>", wall[0])
    assert len(items) == 6  # all six fit on the wall's first page
    for words, who in items:
        assert "<" not in words and ">" not in words
        assert "Commissioner" not in who
    shown = {html.unescape(words).replace(WORD_JOINER, ""): who for words, who in items}
    for typed in (PHONE, PAPER):
        # Two commissioners: pooled, as on the chart.
        assert shown[" ".join(typed.split())].endswith(f"· {POOLED}")
    assert sum(who.endswith("· Care provider") for who in shown.values()) == 4


def test_the_console_lists_the_comments_as_typed_and_pools_the_commissioner(room):
    ws, w, _ = room
    at = _page(w, "pages/console.py", facilitator=True)
    _no_markup_anywhere(at)
    for typed in (PHONE, PAPER):
        element = next(m for m in at.markdown if as_typed(m.value) == " ".join(typed.split()))
        assert live_markup(element.value) == []
    captions = [c.value for c in at.caption if " · themes " in c.value]
    assert len(captions) == 6
    assert sum(POOLED in c for c in captions) == 2
    assert not [c for c in captions if "Commissioner" in c]


def test_the_phone_lists_its_own_comment_as_typed(room):
    _, _, phone = room
    listed = next(m.value for m in phone.markdown if m.value.startswith("1. **"))
    words = listed.split(":** ", 1)[1]
    assert live_markup(words) == [] and as_typed(words) == " ".join(PHONE.split())
    _no_markup_anywhere(phone)


def _headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


def test_the_report_page_and_download_quote_as_typed_and_pool_the_commissioner(room):
    ws, w, _ = room
    snap = ws.snapshot(w["id"])
    report = draft_report(snap)  # what the page previews and the download button gives
    pack = snap.pack
    # Six of the report's own, and the one stage and question reached (the question in the
    # body and in the appendix): none from the comments.
    reached = pack.card_of(w["current_question_id"])
    assert len(_headings(report)) == 6 + 1 + 2
    assert _headings(report)[-1] == f"### {reached.title}"
    assert not [h for h in _headings(report) if "HEADING" in h]
    quotes = re.findall(r"\u201c([^\u201d]*)\u201d \(([^)]*)\)", report)
    ours = [(q, who) for q, who in quotes if "Line one" in q or "Paper line" in q]
    assert ours, "the commissioner's words are quoted"
    for words, who in ours:
        assert live_markup(words) == [] and who == POOLED
    assert "(Commissioner)" not in report
    assert check_report(snap, report).ok
    at = _page(w, "pages/report.py", facilitator=True)
    preview = next(m.value for m in at.markdown if m.value.startswith("# "))
    assert preview == report.rstrip("\n")
    _no_markup_anywhere(at)


def test_report_check_catches_the_commissioner_named_by_role(room):
    ws, w, _ = room
    snap = ws.snapshot(w["id"])
    report = draft_report(snap)
    named = report.replace(f"({POOLED})", "(Commissioner)")
    result = check_report(snap, named)
    assert not result.ok
    assert any("fewer than 3 people in that role answered there" in p.message
               for p in result.problems)


def test_an_idea_and_a_table_name_show_as_typed_on_phone_projector_and_console(
        formats_room):
    ws, w = formats_room
    wid = w["id"]
    ws.set_current(wid, "i")
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["code"] = w["join_code"]
    run(at)
    at = run(at.button(key="role_judge").click())
    next(t for t in at.text_input if t.label == "Your table number or name").input(
        "[Table](http://evil.example) :red[9]")
    at = run(next(b for b in at.button if b.label == "Save my table").click())
    at.text_area(key="idea_text_i").input(PHONE)
    at.radio(key="idea_tag_i").set_value("Procurement")
    at = run(next(b for b in at.button if b.label == "Post my idea").click())
    at = run(next(b for b in at.button if b.label == "Vote for idea 1").click())
    assert "Your vote for" in " ".join(m.value for m in at.success)
    _no_markup_anywhere(at)
    assert [c.value for c in at.caption if "You joined as" in c.value] == [inline_markdown(
        "Formats day · You joined as Judge, [Table](http://evil.example) :red[9]")]
    board = next(m.value for m in at.markdown if m.value.startswith("**Idea 1:** "))
    assert live_markup(board[len("**Idea 1:** "):]) == []
    for page, facilitator in (("pages/projector.py", False), ("pages/console.py", True)):
        shown = _page(w, page, facilitator)
        _no_markup_anywhere(shown)
        assert any("Line one" in m.value for m in shown.markdown), page


@pytest.fixture
def formats_room(monkeypatch):
    from tests.test_pages_formats import room as make_room
    yield from make_room.__wrapped__(monkeypatch)
