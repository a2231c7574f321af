"""One device, one delegate, in headless Chromium through the front door: a phone joins
and answers; opening the plain join link again (no token in it) on the same phone brings
back the same delegate, and answering again replaces the answer; another browser is
another person."""

import time

from tests.e2e.conftest import join, wait_connected
from tests.e2e.test_live_flow import PHONE, create_workshop
from workshop import devices


def _phone(browser):
    return browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)


def _join(page, role: str, table: str) -> None:
    join(page, role, table)


def _cookie(context, name: str, timeout: float = 20.0) -> str | None:
    end = time.time() + timeout
    while time.time() < end:
        found = [c for c in context.cookies() if c["name"] == name]
        if found:
            return found[0]
        time.sleep(0.2)
    return None


def test_the_join_link_opened_again_on_the_same_phone_is_the_same_delegate(
        server, browser, workshops):
    created = create_workshop(server)
    wid, code = created["workshop"], created["join code"]
    workshops.set_status(wid, "open")
    workshops.set_current(wid, "services_poll")

    context = _phone(browser)
    phone = context.new_page()
    phone.goto(created["join url"])
    wait_connected(phone)
    phone.get_by_text("We keep your role, your table and what you send").wait_for()
    _join(phone, "Care provider", "Table 4")
    phone.get_by_text("How much do you agree?").wait_for(timeout=20000)
    phone.get_by_text("Agree", exact=True).click()
    phone.get_by_role("button", name="Send answer").click()
    phone.get_by_text("your answer is saved").wait_for(timeout=20000)
    [me] = [d["id"] for d in workshops.snapshot(wid).delegates]
    assert f"me={me}" in phone.url

    cookie = _cookie(context, devices.delegate_cookie(code))
    assert cookie and cookie["value"] == me and cookie["path"] == "/"
    assert cookie["sameSite"] == "Lax" and cookie["expires"] > time.time() + 20 * 3600

    # The plain join link again (scanned from the screen once more), in a new tab.
    again = context.new_page()
    again.goto(created["join url"])
    wait_connected(again)
    again.get_by_text("You joined as Care provider, Table 4").wait_for(timeout=20000)
    assert f"me={me}" in again.url
    assert again.get_by_role("button", name="Care provider", exact=True).count() == 0
    again.get_by_role("button", name="Change my answer").wait_for(timeout=20000)
    again.get_by_text("Strongly agree", exact=True).click()
    again.get_by_role("button", name="Change my answer").click()
    again.get_by_text("your answer is saved").wait_for(timeout=20000)
    snap = workshops.snapshot(wid)
    assert [d["id"] for d in snap.delegates] == [me]  # the joined count did not rise
    assert [(a["delegate_id"], a["values"]) for a in snap.answers
            if a["question_id"] == "services_poll"] == [(me, ["Strongly agree"])]

    # Another browser (another phone) is another person.
    other_context = _phone(browser)
    other = other_context.new_page()
    other.goto(created["join url"])
    wait_connected(other)
    _join(other, "Commissioner", "Table 5")
    other.get_by_text("How much do you agree?").wait_for(timeout=20000)
    assert len(workshops.snapshot(wid).delegates) == 2
    for c in (context, other_context):
        c.close()
