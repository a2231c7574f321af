"""The room, end to end in headless Chromium: a phone joins and answers, the projector
shows it, the facilitator moves on and the phone follows without being touched."""

import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, SECRET, SESSION_TTL, join, wait_connected

PHONE = {"width": 390, "height": 844}


def create_workshop(server, pack_id: str = "peoples_borough") -> dict:
    out = subprocess.run([sys.executable, "-m", "workshop", "create", "--title",
                          "Browser test day", "--region", "East Midlands", "--scenario",
                          pack_id], cwd=ROOT, env=server["env"], check=True,
                         capture_output=True, text=True).stdout
    return dict(line.split(": ", 1) for line in out.strip().splitlines())


def test_phone_projector_and_follow(server, browser, tmp_path):
    created = create_workshop(server)
    base = server["base"]

    console = browser.new_page(viewport={"width": 1280, "height": 900})
    console.goto(f"{base}/console?key={SECRET}&workshop={created['workshop']}")
    wait_connected(console)
    console.get_by_text("Facilitator console").wait_for()
    assert console.get_by_role("dialog").count() == 0  # no "page not found"
    console.get_by_role("radiogroup", name="Workshop status").get_by_role(
        "radio", name="Open", exact=True).click()
    console.get_by_text("Phones join at").wait_for()

    phone = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(created["join url"])
    wait_connected(phone)
    join(phone, "Care provider", "Table 4")
    phone.get_by_text("Types of services provided").wait_for(timeout=20000)
    assert "me=" in phone.url  # a reload brings the same delegate back

    comment = "Specify outcomes rather than times and tasks"
    phone.get_by_label("Your comment").fill(comment)
    phone.get_by_role("button", name="Send comment").click()
    phone.get_by_text("your comment is saved").wait_for(timeout=20000)
    phone.screenshot(path=str(tmp_path / "phone.png"))

    projector = browser.new_page(viewport={"width": 1600, "height": 900})
    projector.goto(created["projector url"])
    wait_connected(projector)
    projector.get_by_text(comment).first.wait_for(timeout=20000)
    projector.get_by_text(created["join code"]).first.wait_for()
    projector.screenshot(path=str(tmp_path / "projector.png"))

    # (Earlier browser tests made workshops with this same title: the console must stay
    # on the one in its link.)
    console.get_by_role("button", name="Next ▶").click()
    # The phone is not touched: it must move on by itself.
    phone.get_by_text("How much do you agree?").wait_for(timeout=30000)
    phone.get_by_text("Strongly agree", exact=True).click()
    phone.get_by_role("button", name="Send answer").click()
    phone.get_by_text("your answer is saved").wait_for(timeout=20000)

    phone.reload()
    wait_connected(phone)
    phone.get_by_text("You joined as Care provider").wait_for(timeout=20000)
    for page in (phone, projector, console):
        page.close()


@pytest.mark.parametrize("away_s", [2, SESSION_TTL + 6], ids=["wifi-blip", "long-sleep"])
def test_a_phone_that_loses_wifi_catches_up_and_keeps_its_answers(server, browser, workshops,
                                                                  away_s):
    """The phone's connection drops (its websocket is cut and it cannot reach the server for
    a while); the facilitator moves on meanwhile; when it is back it reconnects, shows the
    new question by itself and still lists its comment (same delegate). Away longer than
    the server keeps a disconnected session, it comes back as a new session."""
    created = create_workshop(server)
    wid = created["workshop"]
    workshops.set_status(wid, "open")
    me = workshops.join(wid, "user", "Table 9")["id"]
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    sockets, away = [], [False]

    def through(ws):  # the app's websocket, passed through while the phone has Wi-Fi
        if away[0]:
            ws.close()
        else:
            ws.connect_to_server()
            sockets.append(ws)

    context.route_web_socket("**/_stcore/stream", through)
    phone = context.new_page()
    phone.goto(f"{created['join url']}&me={me}")
    wait_connected(phone)
    comment = "Ask people what a good week looks like for them"
    phone.get_by_label("Your comment").fill(comment)
    phone.get_by_role("button", name="Send comment").click()
    phone.get_by_text("your comment is saved").wait_for(timeout=20000)

    away[0] = True
    context.set_offline(True)
    for ws in sockets:
        ws.close()
    phone.wait_for_selector("[data-testid='stApp']:not([data-test-connection-state="
                            "'CONNECTED'])", timeout=10000)
    workshops.move(wid, 1)  # the facilitator moves on while the phone is away
    phone.wait_for_timeout(away_s * 1000)
    away[0] = False
    context.set_offline(False)

    wait_connected(phone)
    phone.get_by_text("How much do you agree?").wait_for(timeout=40000)
    phone.get_by_text("You joined as").wait_for()
    phone.get_by_text("Your comments on earlier questions (1)").wait_for()
    # Listed once, when the page has finished drawing (the list under the earlier question
    # may still be on screen, faded, while the new question's page is being drawn).
    expect(phone.get_by_text(comment)).to_have_count(1, timeout=20000)
    phone.get_by_text("Agree", exact=True).click()
    phone.get_by_role("button", name="Send answer").click()
    phone.get_by_text("your answer is saved").wait_for(timeout=20000)
    assert [a["values"] for a in workshops.snapshot(wid).answers
            if a["delegate_id"] == me] == [["Agree"]]
    context.close()
