"""Every other pack, end to end in headless Chromium: a phone joins, answers each kind of
question the pack uses (axe-core finds no WCAG 2.2 AA violation before or after), the
projector shows it, and the drafted report has its section."""

import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, join, wait_connected
from tests.e2e.test_accessibility import violations
from tests.e2e.test_live_flow import PHONE, create_workshop

PACKS = ["home_care_competition", "housing_support_procurement", "ulo_idea_board"]
WAIT = 20000


def _group(phone, name: str):
    return phone.get_by_role("radiogroup", name=name, exact=True)


def _answer(phone, q) -> None:
    """Answer one question the way a delegate would, and wait until it is saved."""
    if q.kind == "ranking":
        for option in q.options[:-1]:  # a tap each, in order; the last places itself
            tap = phone.get_by_role("button", name=option, exact=True)
            tap.click()
            expect(tap).to_have_count(0, timeout=WAIT)  # placed: no longer to tap
        phone.get_by_role("button", name="Save my order").click()
        phone.get_by_text("your order is saved").wait_for(timeout=WAIT)
    elif q.kind == "points":
        box = phone.get_by_label(q.options[0], exact=True)
        box.fill(str(q.total))
        box.press("Tab")
        phone.get_by_text(f"0 of {q.total} points left").wait_for(timeout=WAIT)
        phone.get_by_role("button", name="Save my points").click()
        phone.get_by_text("your points are saved").wait_for(timeout=WAIT)
    elif q.kind == "scale":
        phone.get_by_text("Agree", exact=True).click()
        phone.get_by_role("button", name="Send answer").click()
        phone.get_by_text("your answer is saved").wait_for(timeout=WAIT)
    elif q.kind == "scoring_matrix":
        for criterion in q.criteria:
            _group(phone, criterion).get_by_text("4 Good").click()
        phone.get_by_label("Your comment on this entry", exact=False).fill(
            "Clear and realistic about costs")
        phone.get_by_role("button", name="Save scores for this entry").click()
        phone.get_by_text(f"Your scores for \u201c{q.entries[0].title}\u201d are saved").wait_for(
            timeout=WAIT)
    elif q.kind == "rating_matrix":
        for dimension in q.dimensions:
            _group(phone, dimension).get_by_text(q.levels[-1], exact=True).click()
        phone.get_by_role("button", name="Save ratings for this option").click()
        phone.get_by_text(f"Your ratings for \u201c{q.options[0]}\u201d are saved").wait_for(
            timeout=WAIT)
    elif q.kind == "card_sort":
        for s in q.statements:
            _group(phone, s.text).get_by_text(s.answer or q.categories[0], exact=True).click()
        phone.get_by_role("button", name="Save my sorting").click()
        phone.get_by_text("your sorting is saved").wait_for(timeout=WAIT)
    elif q.kind == "idea_board":
        phone.get_by_label("Your idea", exact=False).fill("Longer lead-in times for tenders")
        if q.tags:
            _group(phone, "Where does it belong?").get_by_text(q.tags[-1], exact=True).click()
        phone.get_by_role("button", name="Post my idea").click()
        phone.get_by_text("your idea is on the board").wait_for(timeout=WAIT)
        phone.get_by_role("button", name="Vote for idea 1").click()
        phone.get_by_text("Your vote for").wait_for(timeout=WAIT)
    else:
        raise AssertionError(f"no browser step for {q.kind}")


@pytest.mark.parametrize("pack_id", PACKS)
def test_each_format_from_phone_to_projector_to_report(server, browser, workshops, pack_id):
    created = create_workshop(server, pack_id)
    wid = created["workshop"]
    workshops.set_status(wid, "open")
    pack = workshops.pack_of(wid)
    role = pack.roles[0]

    phone = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(created["join url"])
    wait_connected(phone)
    join(phone, role.label, "Table 2")

    asked = [q for q in pack.questions if q.kind != "comment"]
    for q in asked:
        workshops.set_current(wid, q.id)  # the facilitator moves on; the phone follows
        phone.get_by_text(q.prompt, exact=True).first.wait_for(timeout=WAIT)
        assert violations(phone) == [], (q.kind, "before answering")
        _answer(phone, q)
        assert violations(phone) == [], (q.kind, "after saving")
        if q.kind == "card_sort":
            workshops.set_revealed(wid, q.id, True)
            phone.get_by_text("The facilitator has shown the answers.").wait_for(timeout=WAIT)
            assert violations(phone) == [], (q.kind, "answers shown")

    projector = browser.new_page(viewport={"width": 1600, "height": 900})
    projector.goto(created["projector url"])
    wait_connected(projector)
    projector.get_by_text(asked[-1].prompt).first.wait_for(timeout=WAIT)
    projector.locator("[data-testid='stPlotlyChart']").first.wait_for(timeout=WAIT)
    assert violations(projector) == []

    report = subprocess.run([sys.executable, "-m", "workshop", "report", wid], cwd=ROOT,
                            env=server["env"], check=True, capture_output=True,
                            text=True).stdout
    for q in asked:
        assert q.prompt in report
    assert "Nobody answered this question" not in report
    assert "No judge scored" not in report and "No ideas were posted" not in report
    check = subprocess.run([sys.executable, "-m", "workshop", "report", wid, "--check"],
                           cwd=ROOT, env=server["env"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    # A browser holds at most six connections to one server; each phone page keeps one
    # open waiting for the facilitator's next move.
    phone.close()
    projector.close()
