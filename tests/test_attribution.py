"""A quotation names its author's group as the charts group people: one commissioner in a
room of providers is quoted as the pooled group, wherever their words are shown."""

import pytest

from workshop.analysis import POOLED, comment_grouping, group_roles, summarise_comments
from workshop.claims import check_report
from workshop.report import draft_report

ALONE = "Commissioners should share their budget figures with providers"


@pytest.fixture
def room(workshops, open_workshop):
    """One commissioner and six providers comment on the current question."""
    wid, qid = open_workshop["id"], open_workshop["current_question_id"]
    me = workshops.join(wid, "commissioner", "Table 1")["id"]
    workshops.submit_comment(wid, me, qid, ALONE, "idea")
    for i in range(6):
        p = workshops.join(wid, "provider", f"Table {i % 3}")["id"]
        workshops.submit_comment(wid, p, qid, f"Providers need longer contracts to plan staff "
                                              f"rotas, point {i}", "issue")
    return workshops, wid, qid


def test_the_chart_and_the_quotation_use_the_same_groups(room):
    workshops, wid, qid = room
    snap = workshops.snapshot(wid)
    summary = summarise_comments(snap, qid)
    assert summary.grouping.order == ("Care provider", POOLED)  # the chart's bars
    group = comment_grouping(snap, qid)
    assert group.label_for("commissioner") == POOLED
    assert group.label_for("provider") == "Care provider"


def test_the_projector_wall_names_the_pooled_group(room):
    workshops, wid, qid = room
    total, wall, people = workshops.latest_comments(wid, qid, 10)
    assert total == 7 and people == {"commissioner": 1, "provider": 6}
    groups = group_roles(workshops.pack_of(wid), people)
    shown = {c["text"]: groups.label_for(role) for c, role in wall}
    assert shown[ALONE] == POOLED
    assert {label for text, label in shown.items() if text != ALONE} == {"Care provider"}


def test_the_report_quotes_the_commissioner_as_the_pooled_group(room):
    workshops, wid, _ = room
    snap = workshops.snapshot(wid)
    report = draft_report(snap)
    assert f"\u201c{ALONE}\u201d ({POOLED})" in report
    assert "(Commissioner)" not in report
    assert check_report(snap, report).ok


def test_the_check_wants_the_pooled_group_and_no_more(room):
    workshops, wid, _ = room
    snap = workshops.snapshot(wid)
    named = check_report(snap, f"## Notes\n\n\u201c{ALONE}\u201d (Commissioner)\n")
    assert [p.message for p in named.problems] == [
        f"the quotation \u201c{ALONE[:60]}\u201d is attributed to Commissioner, but fewer than "
        f"3 people in that role answered there: to protect their privacy it must say {POOLED}"]
    provider = next(c["text"] for c in snap.comments if "point 2" in c["text"])
    pooled = check_report(snap, f"## Notes\n\n\u201c{provider}\u201d ({POOLED})\n")
    assert "is attributed to Smaller groups combined but was written by Care provider" in \
        pooled.problems[0].message


def test_three_commissioners_are_named_by_role(room):
    workshops, wid, qid = room
    for i in range(2):
        me = workshops.join(wid, "commissioner", "Table 9")["id"]
        workshops.submit_comment(wid, me, qid, f"Share budgets early, view {i}", "idea")
    snap = workshops.snapshot(wid)
    assert comment_grouping(snap, qid).label_for("commissioner") == "Commissioner"
    assert check_report(snap, f"## Notes\n\n\u201c{ALONE}\u201d (Commissioner)\n").ok
