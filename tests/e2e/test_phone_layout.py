"""The delegate's phone at 390×844 (and 320×640): joined in one tap, the new question and
its answer in the first screen after the facilitator moves on, touch targets of 44 px,
no "Press Enter" hints, an empty comment told so by its box."""

import os
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import idle, open_page

SHOTS = os.environ.get("WORKSHOP_SHOTS")  # a folder to keep the screenshots in, if set
WAIT = 20000


def shot(page, name: str, tmp_path: Path) -> None:
    page.wait_for_timeout(800)  # let fonts and layout settle
    page.screenshot(path=str(Path(SHOTS or tmp_path) / f"{name}.png"))


def scene(workshops, pack_id: str = "peoples_borough") -> dict:
    w = workshops.create("Phone day", "East Midlands", pack_id)
    workshops.set_status(w["id"], "open")
    return workshops.get(w["id"])


def heights(page, selector: str) -> list[float]:
    """Heights of the matching elements on show (not those in a closed expander)."""
    return [el.bounding_box()["height"] for el in page.locator(selector).all()
            if el.is_visible()]


def test_join_in_one_tap_and_the_next_question_is_on_the_first_screen(
        server, browser, workshops, tmp_path):
    w = scene(workshops)
    page = open_page(browser, f"{server['base']}/?code={w['join_code']}", 390, 844,
                     is_mobile=True, has_touch=True)
    taps = 0
    role = page.get_by_role("button", name="Care provider", exact=True)
    role.wait_for(timeout=WAIT)
    assert role.bounding_box()["height"] >= 44
    assert role.bounding_box()["y"] + role.bounding_box()["height"] <= 844
    shot(page, "join-390", tmp_path)
    role.tap()
    taps += 1
    page.get_by_text("You joined as Care provider").wait_for(timeout=WAIT)
    assert taps <= 2 and len(workshops.snapshot(w["id"]).delegates) == 1

    # The comment question: no "Press Ctrl+Enter" hint while typing; an empty send is
    # told so right under the box.
    box = page.get_by_label("Your comment", exact=False)
    box.fill("Pay carers for travel time")
    expect(page.locator("[data-testid='InputInstructions']")).to_be_hidden()
    box.fill("")
    page.get_by_role("button", name="Send comment").tap()
    error = page.get_by_text("Please type your comment before sending.")
    error.wait_for(timeout=WAIT)
    box_bottom = box.bounding_box()["y"] + box.bounding_box()["height"]
    assert 0 <= error.bounding_box()["y"] - box_bottom <= 80
    shot(page, "comment-error-390", tmp_path)

    # Scrolled to the bottom, as after reading one's comments; then the facilitator moves.
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(500)
    workshops.move(w["id"], 1)
    group = page.get_by_role("radiogroup", name="How much do you agree?")
    group.wait_for(timeout=30000)
    idle(page)
    first, last = group.locator("label").first, group.locator("label").last
    assert 0 <= first.bounding_box()["y"] and (
        last.bounding_box()["y"] + last.bounding_box()["height"] <= 844), \
        "the answer is not on the first screen after the move"
    top = page.get_by_text("You joined as Care provider").bounding_box()
    assert top["y"] >= 0, "the page did not go back to its top for the new question"
    send = page.get_by_role("button", name="Send answer")
    assert send.bounding_box()["y"] + send.bounding_box()["height"] <= 844
    radios = "[data-testid='stRadio'] label:has(input)"
    expect(page.locator(radios)).to_have_count(5)  # the comment page's are gone
    labels = heights(page, radios)
    assert labels and min(labels) >= 44, labels
    shot(page, "scale-390", tmp_path)
    page.get_by_text("Read the scenario").tap()
    page.get_by_text("Show the scenario in plain English").wait_for()
    shot(page, "scale-scenario-open-390", tmp_path)

    workshops.set_current(w["id"], "provider_development_poll")  # choose all that apply
    page.get_by_role("button", name="Send answer").wait_for(timeout=30000)
    page.get_by_text("Sharing data", exact=False).first.wait_for(timeout=WAIT)
    idle(page)
    first = page.get_by_role("checkbox", name="Sharing data", exact=False)
    box = page.locator("[data-testid='stCheckbox'] label").filter(has=first).bounding_box()
    assert box["y"] + box["height"] <= 844, "the scenario opened before stays open"
    boxes = heights(page, "[data-testid='stCheckbox'] label")
    assert boxes and min(boxes) >= 44, boxes
    shot(page, "multiple-choice-390", tmp_path)
    page.close()


def test_steppers_and_ranking_buttons_are_big_enough_and_fit_320px(server, browser, workshops,
                                                               tmp_path):
    w = scene(workshops, "home_care_competition")
    page = open_page(browser, f"{server['base']}/?code={w['join_code']}", 320, 640,
                     is_mobile=True, has_touch=True)
    page.get_by_role("button", name="Other", exact=True).wait_for(timeout=WAIT)
    shot(page, "join-320", tmp_path)
    page.close()
    me = workshops.join(w["id"], "other", "")["id"]
    for qid, width, height in (("criteria_order", 390, 844), ("investment", 390, 844),
                               ("criteria_order", 320, 640), ("investment", 320, 640)):
        workshops.set_current(w["id"], qid)
        page = open_page(browser, f"{server['base']}/?code={w['join_code']}&me={me}", width,
                         height, is_mobile=True, has_touch=True)
        page.get_by_role("button", name="Save my", exact=False).wait_for(timeout=WAIT)
        idle(page)
        if qid == "investment":
            steppers = heights(page, "[data-testid='stNumberInputStepUp'], "
                                     "[data-testid='stNumberInputStepDown']")
            assert steppers and min(steppers) >= 44, steppers
        else:
            buttons = heights(page, "[data-testid='stMain'] button")
            assert buttons and min(buttons) >= 44, buttons
            q = workshops.pack_of(w["id"]).question(qid)
            for option in q.options[:3]:  # three taps: three places
                tap = page.get_by_role("button", name=option, exact=True)
                tap.tap()
                expect(tap).to_have_count(0, timeout=WAIT)
            page.get_by_text("Tap the item for 4th place.").wait_for(timeout=WAIT)
            idle(page)
            buttons = heights(page, "[data-testid='stMain'] button")  # with Undo last
            assert min(buttons) >= 44, buttons
            shot(page, f"{qid}-tapped-{width}", tmp_path)
            page.get_by_role("button", name="Start again").tap()
        overflow = page.evaluate("() => document.documentElement.scrollWidth"
                                 " - document.documentElement.clientWidth")
        assert overflow <= 0
        shot(page, f"{qid}-{width}", tmp_path)
        page.close()


def test_the_follow_component_takes_no_line_above_the_page(server, browser, workshops):
    """The invisible component that follows the facilitator is styled by its frame's
    title: it stays a block of no height, so the page starts at the top."""
    from pages.shared.follow import FRAME_TITLE
    w = scene(workshops)
    page = open_page(browser, f"{server['base']}/?code={w['join_code']}", 390, 844,
                     is_mobile=True, has_touch=True)
    page.get_by_role("button", name="Care provider", exact=True).tap()
    page.get_by_text("You joined as Care provider").wait_for(timeout=WAIT)
    frame = page.locator(f"iframe[title='{FRAME_TITLE}']")
    frame.wait_for(state="attached", timeout=WAIT)
    assert frame.evaluate("f => getComputedStyle(f).display") == "block"
    holder = frame.locator("xpath=ancestor::*[@data-testid='stElementContainer'][1]")
    # Until the frame's script has run it has Streamlit's default height; once it has said
    # its height (none), the line above the page must be gone.
    holder.evaluate("h => new Promise(done => { const t0 = Date.now(); const look = () => "
                    "(h.getBoundingClientRect().height <= 1 || Date.now() - t0 > 15000) "
                    "? done() : setTimeout(look, 100); look(); })")
    assert holder.bounding_box()["height"] <= 1
