"""The app as `make run` serves it (two app processes behind the front door, on one
port) and headless Chromium (Debian's) for browser tests."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workshop.serve import free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SECRET = "e2e-facilitator-secret"
SESSION_TTL = 4


@pytest.fixture(autouse=True)
def _isolated_settings():
    """Browser tests use the server's own settings (set below), not the unit-test ones."""
    yield


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    port = free_port()
    data = tmp_path_factory.mktemp("e2e-data")
    env = {**os.environ, "WORKSHOP_DATA_DIR": str(data), "WORKSHOP_PORT": str(port),
           "WORKSHOP_PUBLIC_URL": f"http://127.0.0.1:{port}",
           "WORKSHOP_FACILITATOR_SECRET": SECRET,
           "WORKSHOP_LIVE_DIR": str(ROOT / "static" / "live")}
    log = open(data / "server.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "workshop", "serve", "--port", str(port), "--address",
         "127.0.0.1", "--processes", "2", "--log-dir", str(data),
         # A phone away longer than this comes back to a server that has forgotten its
         # session, as after a long sleep (Streamlit's default is 120 s).
         f"--streamlit-arg=--server.disconnectedSessionTTL={SESSION_TTL}"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(port, 60, lambda: proc.poll() is None)
    except RuntimeError:
        proc.kill()
        raise RuntimeError("the app did not start: " + (data / "server.log").read_text())
    yield {"base": base, "env": env, "data": data}
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test`, which installs it.")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def wait_connected(page) -> None:
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']",
                           timeout=30000)


@pytest.fixture(scope="session")
def workshops(server):
    """The server's workshops, opened from this process (the store sees each other's
    writes), for setting the scene quickly. With the server's facilitator secret: the
    status phones follow is published under a name made with it (workshop/follow.py)."""
    os.environ["WORKSHOP_FACILITATOR_SECRET"] = SECRET
    from store import FileStore
    from workshop.scenarios import load_packs
    from workshop.workshops import Workshops
    return Workshops(FileStore(server["data"]), load_packs(ROOT / "scenarios"),
                     ROOT / "static" / "live")


def open_page(browser, url: str, width: int = 390, height: int = 844, **kwargs):
    page = browser.new_page(viewport={"width": width, "height": height}, **kwargs)
    page.goto(url)
    wait_connected(page)
    return page


def join(page, role: str, table: str | None = None) -> None:
    """A phone on the join page joins as a delegate would: one tap on the role, then, if
    given, the table (optional in the shipped packs) in the field shown after joining."""
    from playwright.sync_api import expect
    page.get_by_role("button", name=role, exact=True).click()
    page.get_by_text(f"You joined as {role}").wait_for(timeout=20000)
    if table:
        idle(page)  # the page drawn after joining is complete
        page.get_by_text("Your table number or name (optional)").click()
        box = page.get_by_label("Your table number or name")
        box.fill(table)
        expect(box).to_have_value(table)
        page.get_by_role("button", name="Save my table").click()
        page.get_by_text("your table is saved").wait_for(timeout=20000)
        page.get_by_text(f"You joined as {role}, {table}").wait_for(timeout=20000)


def idle(page) -> None:
    """Wait until the page has finished its run (Streamlit's running icon is gone)."""
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid='stStatusWidgetRunningIcon'], "
                           "[data-testid='stStatusWidgetRunningManIcon']", state="detached",
                           timeout=20000)
