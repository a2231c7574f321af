"""The projector's layout (workshop/screen.py) and the charts drawn in it: every region
fits the screen, words are big enough, long lists show their top or turn pages."""

import pytest

from tests.conftest import ROOT
from workshop import charts, screen
from workshop.results import board_result, sort_result
from workshop.scenarios import load_packs
from workshop.screen import Screen

PACKS = load_packs(ROOT / "scenarios")
QUESTIONS = [(p.id, q) for p in PACKS.values() for q in p.questions]
SIZES = [Screen(1920, 1080), Screen(1280, 720)]


@pytest.mark.parametrize("size", [None, "wide", [0, 0], [10, 10], ["a", 3], [1, 2, 3]])
def test_a_window_size_that_makes_no_sense_is_the_design_size(size):
    assert screen.Screen.of(size) == Screen(1920, 1080)


def test_everything_scales_with_the_window():
    assert Screen.of([1280, 720]).scale == pytest.approx(2 / 3)
    assert Screen(1280, 720).px(22) == 15
    assert Screen(1920, 1200).scale == 1  # the narrower way decides
    assert Screen(800, 600).scale == 0.5  # never smaller than half size


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width}x{s.height}")
def test_every_question_of_every_pack_lays_out_within_the_screen(size):
    for pack_id, q in QUESTIONS:
        lay = screen.layout(size, PACKS[pack_id].card_of(q.id), q)
        used = (2 * lay.pad_y + lay.header_height + lay.gap + lay.chart.height
                + lay.sentence_height + size.px(8))
        assert used <= size.height, (pack_id, q.id)
        assert lay.side_width + lay.main_width + lay.gap + 2 * lay.pad_x == size.width
        assert lay.chart.font >= round(22 * size.scale) and lay.text_font >= lay.chart.font
        if q.kind == "comment":
            assert lay.wall_width and lay.chart.width + lay.gap + lay.wall_width == lay.main_width
        else:
            assert not lay.wall_width and lay.chart.width == lay.main_width


def test_the_room_reads_the_short_plain_scenario_or_its_opening_sentences():
    card = PACKS["housing_support_procurement"].card_of("practice_points")
    assert screen.room_scenario(card) == card.plain_scenario  # short: all of it
    # It leads into the card's first question only ("Share out your points" is not about
    # the statement to agree with that follows on the same card).
    changes = PACKS["ulo_idea_board"].card_of("changes")
    assert [screen.room_scenario(changes, q) for q in changes.questions] == [
        changes.plain_scenario, ""]
    long = type(card)("c", "Title", "One. " + "A long sentence that goes on " * 10 + ".", ())
    assert screen.room_scenario(long) == "One."
    endless = type(card)("c", "Title", "word " * 80, ())
    assert screen.room_scenario(endless) == ""
    for p in PACKS.values():
        for c in p.cards:
            shown = screen.room_scenario(c)
            assert len(shown) <= screen.ROOM_SCENARIO_CHARS
            assert not shown or shown[-1] in ".?!"


def test_long_lists_turn_pages_shared_out_evenly():
    assert screen.page_now(8, 7, now=0) == (0, 4)
    assert screen.page_now(8, 7, now=screen.PAGE_SECONDS) == (4, 4)
    assert screen.page_now(8, 7, now=2 * screen.PAGE_SECONDS) == (0, 4)
    assert screen.page_now(5, 7, now=12345) == (0, 5)
    # Something just sent is shown at once: the first page stays while it is new.
    assert screen.page_index(3, now=screen.PAGE_SECONDS, newest_age=2) == 0
    assert screen.page_index(3, now=screen.PAGE_SECONDS, newest_age=60) == 1


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width}x{s.height}")
def test_the_wall_holds_what_fits_and_turns_through_the_latest_pages(size):
    q = PACKS["peoples_borough"].question("services")
    lay = screen.layout(size, PACKS["peoples_borough"].card_of(q.id), q)
    items = [(("A long point about outcomes " * 12) if i % 5 == 0 else f"Short point {i}",
              "Idea or way forward · Person who uses services or carer")
             for i in range(lay.wall_size * screen.WALL_DEPTH)]
    pages = screen.wall_pages(items, lay)
    assert len(pages) == screen.WALL_DEPTH
    assert pages[0][0] == 0 and all(a[1] == b[0] for a, b in zip(pages, pages[1:]))
    room = lay.wall_height - lay.text_font * screen.LINE - size.px(12)  # one-line heading
    for first, end in pages:
        assert end > first
        assert sum(screen.comment_height(lay, *items[i]) for i in range(first, end)) <= room


def test_the_wall_says_how_many_in_all_and_which_page():
    assert screen.wall_heading(1, 0, 1) == "Latest comments: 1 in all"
    assert screen.wall_heading(524, 1, 3) == "Latest comments: 524 in all · page 2 of 3"


def test_integer_ticks_never_repeat():
    assert [charts._step(top) for top in (1, 3, 5, 6, 11, 26, 99, 524)] == [
        1, 1, 1, 2, 5, 10, 20, 200]


def _sizes_in(fig) -> list[float]:
    """Every text size a figure sets."""
    found = [fig.layout.font.size, fig.layout.title.font.size]
    for t in fig.data:
        tf = getattr(t, "textfont", None)
        if tf is not None and tf.size is not None:
            found.append(tf.size)
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        found += [axis.tickfont.size] + ([axis.title.font.size] if axis.title.text else [])
    return [s for s in found if s is not None]


def test_a_long_board_shows_its_top_ideas_and_says_how_many_more(workshops):
    w = workshops.create("Ideas", "Scotland", "ulo_idea_board")
    wid = w["id"]
    workshops.set_status(wid, "open")
    workshops.set_current(wid, "ideas")
    for i in range(40):
        me = workshops.join(wid, "ulo", "1")["id"]
        idea = workshops.post_idea(wid, me, "ideas", f"Idea number {i} about fair tenders",
                                   "Procurement level")
        if i % 3 == 0:
            workshops.vote(wid, me, "ideas", idea["id"])
    r = board_result(workshops.snapshot(wid), "ideas")
    q = PACKS["ulo_idea_board"].question("ideas")
    for size in SIZES:
        box = screen.layout(size, PACKS["ulo_idea_board"].card_of("ideas"), q).chart
        fig = charts.board_chart(r, q.tags, box)
        shown = len(fig.data[0].y) + (len(fig.data[1].y) if len(fig.data) > 1 else 0)
        assert 3 <= shown < 40
        assert fig.layout.title.text.endswith(f": top {shown} of 40 ideas")
        assert fig.layout.height <= box.height
        assert min(_sizes_in(fig)) >= box.font
        assert fig.layout.uniformtext.minsize == box.font  # never shrunk below it
        assert fig.layout.xaxis.dtick == int(fig.layout.xaxis.dtick)
        assert fig.layout.xaxis.tickformat == ",d"
    console = charts.board_chart(r, q.tags)
    assert sum(len(t.y) for t in console.data) == charts.BOARD_SIZE


def test_a_long_card_sort_turns_pages_and_colours_red_and_blue_rules_so(workshops):
    w = workshops.create("Rules", "Scotland", "housing_support_procurement")
    wid = w["id"]
    workshops.set_status(wid, "open")
    workshops.set_current(wid, "red_blue")
    q = PACKS["housing_support_procurement"].question("red_blue")
    for _ in range(3):
        me = workshops.join(wid, "provider", "1")["id"]
        workshops.sort_cards(wid, me, "red_blue", {s.text: s.answer for s in q.statements})
    r = sort_result(workshops.snapshot(wid), "red_blue")
    box = screen.layout(Screen(1280, 720), PACKS["housing_support_procurement"].card_of(
        "red_blue"), q).chart
    first = charts.sort_chart(r, q.categories, False, box, now=0)
    second = charts.sort_chart(r, q.categories, False, box, now=screen.PAGE_SECONDS)
    n = len(first.data[0].y)
    assert n < len(q.statements)
    assert first.layout.title.text.endswith(f": cards 1 to {n} of {len(q.statements)}")
    assert second.layout.title.text.endswith(f": cards {n + 1} to {2 * n} of "
                                             f"{len(q.statements)}")
    assert not set(first.data[0].y) & set(second.data[0].y)
    colours = {t.name: t.marker.color for t in first.data if t.type == "bar"}
    assert colours == {"Red rule": charts.NAMED_COLOURS["red"],
                       "Blue rule": charts.NAMED_COLOURS["blue"]}
