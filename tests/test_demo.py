"""The demo workshop: the East Midlands day replayed, ready for charts and a report."""

import re
from collections import Counter

from tests.conftest import SCENARIOS
from workshop.analysis import summarise_poll
from workshop.demo import build_demo, demo_rows
from workshop.report import draft_report
from workshop.text import inline_markdown


def test_demo_rows_are_valid_and_skip_the_undiscussed_question(packs):
    rows = demo_rows(SCENARIOS)
    pack = packs["peoples_borough"]
    assert len(rows) >= 60
    assert {r[0] for r in rows} <= {q.id for q in pack.questions if q.kind == "comment"}
    assert "support_for_people" not in {r[0] for r in rows}
    assert set(Counter(r[4] for r in rows)) == {"issue", "idea", "question"}


def test_demo_builds_an_open_workshop_with_input_and_a_report(workshops):
    w = build_demo(workshops, SCENARIOS, seed=42)
    snap = workshops.snapshot(w["id"])
    assert w["status"] == "open"
    assert len(snap.comments) == len(demo_rows(SCENARIOS))
    poll = summarise_poll(snap, "price_transparency_poll")
    assert poll.n_people > 20
    report = draft_report(snap)
    assert "Not reached: Support for people." in report
    # Quotations attributed to a role (an option's name followed by its figures is not one).
    quotes = re.findall(r"\u201c(.+?)\u201d \((?:[^()\d]|\([^()]*\))+\)", report)
    assert len(quotes) > 20
    visible = {inline_markdown(c["text"]) for c in snap.visible_comments}
    assert [q for q in quotes if q not in visible] == []  # every quotation is verbatim


def test_demo_is_repeatable(workshops, store, packs, tmp_path):
    a = workshops.snapshot(build_demo(workshops, SCENARIOS, seed=7)["id"])
    b = workshops.snapshot(build_demo(workshops, SCENARIOS, seed=7)["id"])
    assert sorted(x["values"][0] for x in a.answers) == sorted(x["values"][0] for x in b.answers)


def test_every_other_pack_has_a_simulated_demo_whose_report_checks_out(workshops, packs):
    from workshop.claims import check_report
    from workshop.demo import build_format_demo
    for pack_id in [p for p in packs if p != "peoples_borough"]:
        w = build_format_demo(workshops, pack_id, seed=3)
        snap = workshops.snapshot(w["id"])
        structured = [q for q in snap.pack.questions if q.kind != "comment"]
        assert structured and "simulated" in w["background"]
        report = draft_report(snap)
        assert "Nobody answered this question" not in report, pack_id
        result = check_report(snap, report)
        assert result.ok, (pack_id, [str(p) for p in result.problems])
