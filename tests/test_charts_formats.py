"""The structured kinds' charts: each says its numbers in words and in a table."""

import pytest

from tests.test_formats import room  # noqa: F401  (the fixture)
from workshop import charts
from workshop.results import (board_result, points_result, rating_result, ranking_result,
                              scoring_result, sort_result)


def _people(ws, wid, qid, roles):
    ws.set_current(wid, qid)
    return [ws.join(wid, role, "1")["id"] for role in roles]


ROLES = ("judge",) * 3 + ("other",) * 3


def test_ranking_and_points_state_the_averages(room):  # noqa: F811
    ws, wid = room
    for k, me in enumerate(_people(ws, wid, "r", ROLES)):
        ws.answer_ranking(wid, me, "r", ["A", "B", "C"] if k < 4 else ["B", "A", "C"])
    r = ranking_result(ws.snapshot(wid), "r")
    text = charts.describe_order(r, "ranking")
    assert text.startswith("6 people put the items in order. Overall: 1st \u201cA\u201d "
                           "(average place 1.3)")
    assert "4 of 6 put \u201cA\u201d first" in text
    table = charts.order_table(r, "ranking")
    assert list(table.columns) == ["Item", "Judge (3)", "Other (3)", "Everyone (6)",
                                   "People putting it first"]
    assert table.iloc[0].tolist() == ["A", 1.0, 1.7, 1.3, 4]
    fig = charts.order_chart(r, "ranking", big=True)
    assert [t.name for t in fig.data] == ["Judge", "Other", "Everyone"]
    for k, me in enumerate(_people(ws, wid, "p", ROLES)):
        ws.answer_points(wid, me, "p", {"A": k, "B": 10 - k})
    p = points_result(ws.snapshot(wid), "p")
    assert "Most points: \u201cB\u201d (7.5 points on average)" in charts.describe_order(
        p, "points")
    assert charts.order_chart(p, "points").layout.title.text == "Average points, by role"


def test_judging_names_ties_as_ties_and_the_spread(room):  # noqa: F811
    ws, wid = room
    a, b = _people(ws, wid, "j", ("judge", "judge"))
    ws.score_entry(wid, a, "j", "e1", {"Clarity": 5, "Value": 4})
    ws.score_entry(wid, a, "j", "e2", {"Clarity": 3, "Value": 3})
    ws.score_entry(wid, b, "j", "e1", {"Clarity": 2, "Value": 2})
    ws.score_entry(wid, b, "j", "e2", {"Clarity": 4, "Value": 3})
    r = scoring_result(ws.snapshot(wid), "j")
    text = charts.describe_scoring(r)
    assert "Tie for 1st place: \u201cOne\u201d and \u201cTwo\u201d (6.5 each)" in text
    assert "Judges differed most on \u201cOne\u201d (totals 4 to 9)" in text
    table = charts.scoring_table(r)
    assert table["Rank"].tolist() == ["joint 1st (tie)", "joint 1st (tie)"]
    assert table["Spread"].tolist() == [5, 1]
    bar = charts.scoring_chart(r, big=True).data[0]
    assert "joint 1st (tie) · 6.5 (average of 2 judges) · spread 5" in bar.text


def test_an_entry_one_judge_missed_keeps_its_rank_on_the_chart_and_table(room):  # noqa: F811
    """Three judges score One 10 each; a fourth scores only Two. Two averages 8, so One
    stays first on the average of the three judges who scored it."""
    ws, wid = room
    judges = _people(ws, wid, "j", ("judge",) * 4)
    for me in judges[:3]:
        ws.score_entry(wid, me, "j", "e1", {"Clarity": 5, "Value": 5})
        ws.score_entry(wid, me, "j", "e2", {"Clarity": 4, "Value": 4})
    ws.score_entry(wid, judges[3], "j", "e2", {"Clarity": 4, "Value": 4})
    r = scoring_result(ws.snapshot(wid), "j")
    table = charts.scoring_table(r)
    assert table["Entry"].tolist() == ["One", "Two"]
    assert table["Rank"].tolist() == ["1st", "2nd"]
    assert table["Average score"].tolist() == [10.0, 8.0]
    assert table["Judges who scored it"].tolist() == [3, 4]
    bar = charts.scoring_chart(r, big=True).data[0]
    assert "1st · 10.0 (average of 3 judges) · spread 0" in bar.text
    assert "\u201cOne\u201d, 10.0 (average of 3 judges)" in charts.describe_scoring(r)


def test_rating_heatmap_writes_the_level_in_every_cell(room):  # noqa: F811
    ws, wid = room
    for level, me in zip(("High", "High", "Low"), _people(ws, wid, "m", ("judge",) * 3)):
        ws.rate_option(wid, me, "m", "X", {"Risk": level}, "why")
    r = rating_result(ws.snapshot(wid), "m")
    q = ws.pack_of(wid).question("m")
    heat = charts.rating_heatmap(r, q.options, q.dimensions).data[0]
    assert [list(row) for row in heat.text] == [["High<br>(3)"], ["not<br>rated"]]
    assert charts.rating_table(r, q.options, q.dimensions)["Risk"].tolist() == [
        "High (1 Low, 2 High)", "not rated"]
    assert "Typically rated High: \u201cX\u201d on Risk." in charts.describe_rating(
        r, q.options, q.dimensions)


def test_card_sort_before_and_after_the_reveal(room):  # noqa: F811
    ws, wid = room
    for k, me in enumerate(_people(ws, wid, "cs", ROLES)):
        ws.sort_cards(wid, me, "cs", {"Always advertise": "Blue rule" if k % 3 else "Red rule",
                                      "Treat bidders equally": "Red rule"})
    r = sort_result(ws.snapshot(wid), "cs")
    q = ws.pack_of(wid).question("cs")
    before = charts.describe_sort(r, False)
    assert "not shown yet" in before and "\u201cAlways advertise\u201d: 4 put it in Blue rule" \
        in before
    assert "Right answer" not in charts.sort_table(r, q.categories, False).columns
    after = charts.describe_sort(r, True)
    assert "\u201cAlways advertise\u201d 67%" in after and "left out" in after
    table = charts.sort_table(r, q.categories, True)
    assert table.iloc[0]["% right: Judge"] == "67%"
    assert [t.name for t in charts.sort_chart(r, q.categories, True).data] == [
        "Judge", "Other", "Everyone"]


def test_idea_board_lists_votes_and_merges(room):  # noqa: F811
    ws, wid = room
    a, b, c = _people(ws, wid, "i", ("judge",) * 3)
    one = ws.post_idea(wid, a, "i", "Longer lead-in times", "Procurement")
    dup = ws.post_idea(wid, b, "i", "More time to bid", "Procurement")
    ws.post_idea(wid, c, "i", "Multi-year funding", "Commissioning")
    ws.vote(wid, a, "i", one["id"])
    ws.vote(wid, b, "i", dup["id"])
    ws.merge_ideas(wid, dup["id"], one["id"])
    r = board_result(ws.snapshot(wid), "i")
    assert charts.describe_board(r) == (
        "2 ideas on the board (1 duplicate merged); 2 people have voted. Most votes: "
        "\u201cLonger lead-in times\u201d (2); \u201cMulti-year funding\u201d (0).")
    assert charts.board_table(r).iloc[0]["Merged into it"] == "More time to bid"
    fig = charts.board_chart(r, ("Commissioning", "Procurement"))
    assert {t.name for t in fig.data} == {"Commissioning", "Procurement"}


@pytest.mark.parametrize("text", ["Short", "a " * 40, "Framework agreements (including "
                                  "fixed-price) and other ways of buying support"])
def test_long_labels_wrap_to_the_width_they_have(text):
    from workshop.screen import text_width
    out = charts.wrap(text, 200, 22, 3)
    assert out.count("<br>") <= 2
    assert all(text_width(line, 22) <= 200 for line in out.split("<br>"))
    words = " ".join(text.split())
    assert out.replace("<br>", " ") == words or out.endswith("\u2026")


def test_the_sentence_beside_the_comment_chart_counts_in_good_english(workshops, open_workshop):
    from workshop.analysis import summarise_comments
    from workshop.charts import describe_comments
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "3")["id"]
    workshops.submit_comment(wid, me, "services", "Specify outcomes, not times and tasks",
                             "idea")
    one = describe_comments(summarise_comments(workshops.snapshot(wid), "services"))
    assert one.startswith("1 comment from 1 person.")
    other = workshops.join(wid, "user", "4")["id"]
    workshops.submit_comment(wid, other, "services", "Ask people what matters to them",
                             "idea")
    workshops.submit_comment(wid, other, "services", "Pay for outcomes", "idea")
    three = describe_comments(summarise_comments(workshops.snapshot(wid), "services"))
    assert three.startswith("3 comments from 2 people.")
