"""Hosted, in headless Chromium: two app servers behind HAProxy sharing PostgreSQL
(workshop/hosting.py). The console is on one server and the phone on the other (each
browser kept on its server by HAProxy's SERVERID cookie); the facilitator moves on and the
phone follows through the database, untouched. Then the phone's server is killed: the
page reconnects through HAProxy to the other server as the same delegate, still lists its
comment, and follows the next move."""

import os
import secrets
import subprocess
import sys

import pytest

from tests.e2e.conftest import ROOT, join, wait_connected
from workshop.hosting import Stack, free_port, haproxy_bin

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def hosted(pg_server, tmp_path_factory):
    if haproxy_bin() is None:
        pytest.fail("HAProxy is missing: run `make test`, which installs it.")
    data = tmp_path_factory.mktemp("hosted-e2e")
    url = pg_server.create_database("hosted_e2e")
    secret = secrets.token_urlsafe(12)
    env = {**os.environ, "WORKSHOP_STORE": url, "WORKSHOP_DATA_DIR": str(data / "store"),
           "WORKSHOP_LIVE_DIR": str(data / "live"), "WORKSHOP_FACILITATOR_SECRET": secret}
    stack = Stack(2, env, port=free_port(), folder=data / "logs")
    env["WORKSHOP_PORT"] = str(stack.port)
    env["WORKSHOP_PUBLIC_URL"] = stack.url
    stack.start()
    yield {"stack": stack, "env": env, "secret": secret}
    stack.stop()


def test_phone_follows_a_console_on_another_server_and_survives_its_server(hosted, browser):
    stack, env = hosted["stack"], hosted["env"]
    out = subprocess.run([sys.executable, "-m", "workshop", "create", "--title",
                          "Hosted browser day", "--region", "East Midlands", "--scenario",
                          "peoples_borough"], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    created = dict(line.split(": ", 1) for line in out.strip().splitlines())
    subprocess.run([sys.executable, "-c", "import sys; from workshop.cli import "
                    "open_workshops; open_workshops().set_status(sys.argv[1], 'open')",
                    created["workshop"]], cwd=ROOT, env=env, check=True)

    def pinned(server: str, **kwargs):
        context = browser.new_context(**kwargs)
        context.add_cookies([{"name": "SERVERID", "value": server, "url": stack.url}])
        return context, context.new_page()

    console_ctx, console = pinned("app1", viewport={"width": 1280, "height": 900})
    console.goto(f"{stack.url}/console?key={hosted['secret']}&workshop={created['workshop']}")
    wait_connected(console)
    console.get_by_text("Facilitator console").wait_for()

    phone_ctx, phone = pinned("app2", viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(created["join url"])
    wait_connected(phone)
    join(phone, "Care provider")
    phone.get_by_text("Types of services provided").wait_for(timeout=20000)
    comment = "Specify outcomes rather than times and tasks"
    phone.get_by_label("Your comment").fill(comment)
    phone.get_by_role("button", name="Send comment").click()
    phone.get_by_text("your comment is saved").wait_for(timeout=20000)
    token_url = phone.url
    assert "me=" in token_url

    console.get_by_role("button", name="Next ▶").click()
    phone.get_by_text("How much do you agree?").wait_for(timeout=30000)  # untouched

    stack.kill(1)  # the phone's server

    def server_of(context) -> set:
        return {c["value"] for c in context.cookies() if c["name"] == "SERVERID"}
    for _ in range(60):  # the page notices, reconnects, and HAProxy sends it to app1
        if server_of(phone_ctx) == {"app1"}:
            break
        phone.wait_for_timeout(500)
    assert server_of(phone_ctx) == {"app1"}
    wait_connected(phone)
    phone.get_by_text("You joined as Care provider").wait_for(timeout=30000)
    assert phone.url.split("me=")[1].split("&")[0] == token_url.split("me=")[1].split("&")[0]

    console.get_by_role("button", name="Next ▶").click()
    # The third question (a comment question again): the phone follows on its new server
    # and still lists its comment there.
    phone.get_by_text(comment).first.wait_for(timeout=30000)
    phone.get_by_label("Your comment").wait_for(timeout=30000)
    console_ctx.close()
    phone_ctx.close()
