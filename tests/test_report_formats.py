"""Report sections for the structured kinds: same voice, every figure from the data."""

import pytest

from tests.test_formats import room  # noqa: F401  (fixture)
from workshop.claims import check_report
from workshop.report import draft_report


def _people(ws, wid, qid, n, role="judge"):
    ws.set_current(wid, qid)
    return [ws.join(wid, role, str(i))["id"] for i in range(n)]


@pytest.fixture
def day(room):  # noqa: F811
    ws, wid = room
    for me, order in zip(_people(ws, wid, "r", 3), (["A", "B", "C"], ["A", "C", "B"],
                                                   ["B", "A", "C"])):
        ws.answer_ranking(wid, me, "r", order)
    for me, given in zip(_people(ws, wid, "p", 2), ({"A": 10}, {"A": 4, "B": 6})):
        ws.answer_points(wid, me, "p", given)
    a, b, c = _people(ws, wid, "j", 3)
    for judge, e1, e2 in ((a, (5, 4), (4, 4)), (b, (3, 3), (3, 3)), (c, (1, 1), (2, 2))):
        ws.score_entry(wid, judge, "j", "e1", dict(zip(("Clarity", "Value"), e1)),
                       "Clear about outcomes" if judge == a else "")
        ws.score_entry(wid, judge, "j", "e2", dict(zip(("Clarity", "Value"), e2)))
    for me, level in zip(_people(ws, wid, "m", 3), ("High", "High", "Low")):
        ws.rate_option(wid, me, "m", "X", {"Risk": level},
                       "Bidders may challenge the award" if level == "Low" else "")
    for i, me in enumerate(_people(ws, wid, "cs", 4)):
        ws.sort_cards(wid, me, "cs", {"Always advertise": "Blue rule" if i else "Red rule",
                                      "Treat bidders equally": "Red rule"})
    x, y = _people(ws, wid, "i", 2)
    lead = ws.post_idea(wid, x, "i", "Longer lead-in times", "Procurement")
    dup = ws.post_idea(wid, y, "i", "More time to bid", "Procurement")
    ws.vote(wid, x, "i", lead["id"])
    ws.vote(wid, y, "i", dup["id"])
    ws.merge_ideas(wid, dup["id"], lead["id"])
    return ws, wid


def test_each_kind_has_its_section_in_the_report_voice(day):
    ws, wid = day
    report = draft_report(ws.snapshot(wid))
    assert ("Three people put three items in order. \u201cA\u201d came first overall (average "
            "place 1.3), and two people put it first; \u201cC\u201d came last.") in report
    assert ("Two people each spread 10 points. \u201cA\u201d received the most, an average of "
            "7.0 points; \u201cB\u201d the least (3.0).") in report
    assert ("Three judges scored two entries from 1 to 5 on two criteria. The panel ranked Two "
            "first, with 6.0 points (average of three judges). Judges differed most on One: their "
            "totals ranged from 2 to 9.") in report
    assert "| 1 | Two |  | 6.0 | 3 | 4 to 8 |\n| 2 | One | G | 5.7 | 3 | 2 to 9 |" in report
    assert ("Strongest on clarity (average 3.0 of 5); weakest on value (average 2.7).") in report
    assert "Judges said: \u201cClear about outcomes\u201d (Judge)." in report
    assert "Three groups rated the options. Most groups rated x high for risk (2 of 3)." in report
    assert "- X: \u201cBidders may challenge the award\u201d (Judge)" in report
    assert ("Four people sorted two statements into Red rule and Blue rule. The statement most "
            "often sorted wrongly was \u201cAlways advertise\u201d (it is a blue rule): 75% "
            "sorted it correctly.") in report
    # Two people posted ideas: too few to name their role, so quoted as the chart groups.
    assert ("Ideas at procurement level:\n\n- \u201cLonger lead-in times\u201d (Smaller groups "
            "combined): two votes, with one similar idea merged into it") in report


def test_the_check_passes_on_these_sections_and_catches_a_changed_total(day):
    ws, wid = day
    snap = ws.snapshot(wid)
    report = draft_report(snap)
    assert check_report(snap, report).ok, check_report(snap, report).problems
    doctored = report.replace("| 1 | Two |  | 6.0 |", "| 1 | Two |  | 8.0 |")
    assert [p.message for p in check_report(snap, doctored).problems] == [
        "says 8.0 where the data gives 6.0"]


def test_unanswered_structured_questions_say_so(room):  # noqa: F811
    ws, wid = room
    report = draft_report(ws.snapshot(wid))
    assert "Nothing has been said or answered yet." in report
    assert "### C" not in report and "**Order**" not in report
