"""The facilitator's pages on a server that has served nothing yet, both ways of serving:
without the key they show only a refusal; with it the console comes with its navigation.

Until workshop_app.py has run once in a process, Streamlit runs the page script the address
names directly, without it (pages/shared/access.py `require_facilitator`). Each way of
serving gets a fresh single app process whose first requests are the facilitator pages
without the key; its log then shows workshop_app.py has still never run (it prints the
facilitator link on its first run), so every refusal came from the page's own check on a
process in the state of a fresh one."""

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, SECRET, open_page
from workshop.access import REFUSAL
from workshop.serve import free_port, wait_healthy

MODES = ("front door", "streamlit run")
PRIVATE = "Only the facilitator may read this remark"


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> dict:
    """A data folder with an open workshop, a hidden comment and an edited report."""
    from store import FileStore
    from workshop.scenarios import load_packs
    from workshop.workshops import Workshops
    data = tmp_path_factory.mktemp("seed")
    ws = Workshops(FileStore(data), load_packs(ROOT / "scenarios"), data / "live")
    w = ws.create("Private planning day", "East Midlands", "peoples_borough")
    ws.set_status(w["id"], "open")
    me = ws.join(w["id"], "provider", "Table 1")["id"]
    comment = ws.submit_comment(w["id"], me, w["current_question_id"], PRIVATE, "issue")
    ws.set_hidden(w["id"], comment["id"], True)
    ws.save_report_edit(w["id"], "# Report\n\nA draft not shared yet.")
    return {"data": data, "id": w["id"], "title": w["title"], "code": w["join_code"]}


@contextmanager
def fresh_server(mode: str, seed: dict, tmp_path: Path):
    """A new server with one app process, on a copy of the seed data; yields its address
    and the app process's log."""
    data = tmp_path / "data"
    shutil.copytree(seed["data"], data)
    port = free_port()
    env = {**os.environ, "WORKSHOP_DATA_DIR": str(data), "WORKSHOP_PORT": str(port),
           "WORKSHOP_PUBLIC_URL": f"http://127.0.0.1:{port}",
           "WORKSHOP_FACILITATOR_SECRET": SECRET, "WORKSHOP_LIVE_DIR": str(data / "live")}
    log_path = tmp_path / "server.log"
    if mode == "front door":
        cmd = [sys.executable, "-m", "workshop", "serve", "--port", str(port), "--address",
               "127.0.0.1", "--processes", "1", "--log-dir", str(tmp_path)]
        app_log = tmp_path / "app-1.log"  # workshop/serve.py names it
    else:
        cmd = [sys.executable, "-m", "streamlit", "run", "workshop_app.py",
               "--server.port", str(port), "--server.address", "127.0.0.1"]
        app_log = log_path
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            try:
                wait_healthy(port, 60, lambda: proc.poll() is None)
            except RuntimeError:
                raise RuntimeError("the app did not start: " + log_path.read_text())
            yield f"http://127.0.0.1:{port}", app_log
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()


def settled(page) -> None:
    """Wait until the page's script has finished running."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                           timeout=30000)


def assert_refused(browser, url: str, seed: dict) -> None:
    """The refusal, and nothing of the facilitator's: no workshop, no comment, no control
    (Next, Download, Save, the workshop picker, the pack editor), no navigation."""
    page = open_page(browser, url, 1400, 900)
    try:
        page.get_by_text(REFUSAL).wait_for(timeout=30000)
        settled(page)
        main = page.locator("[data-testid='stMain']")
        assert main.get_by_role("heading").all_inner_texts() == ["Facilitator only"], url
        text = page.inner_text("body")
        for private in (seed["title"], seed["code"], PRIVATE, SECRET, "Facilitator console",
                        "Download", "Scenario packs", "Workshop status"):
            assert private not in text, (url, private)
        controls = page.locator("button, input, textarea, select, [role='combobox'], "
                                "[data-testid='stDownloadButton'], "
                                "[data-testid='stTopNavLink']").filter(visible=True)
        assert controls.count() == 0, (url, controls.all_inner_texts())
        for name in ("Console", "Report", "Packs"):
            assert page.get_by_role("link", name=name, exact=True).count() == 0, url
    finally:
        page.close()


FIRST_RUN_OF_THE_ENTRY = "Facilitator link (keep private)"  # pages/shared/workshops.py


@pytest.mark.parametrize("mode", MODES)
def test_on_a_fresh_server_facilitator_pages_need_the_key_and_then_navigate(
        browser, seed, tmp_path, mode):
    with fresh_server(mode, seed, tmp_path) as (base, app_log):
        for path in ("console", "report", "packs", "programme"):
            assert_refused(browser, f"{base}/{path}", seed)
            assert_refused(browser, f"{base}/{path}?key=wrong&workshop={seed['id']}", seed)
        assert FIRST_RUN_OF_THE_ENTRY not in app_log.read_text()

        # The facilitator's link, opened first: the console with its navigation.
        page = open_page(browser, f"{base}/console?key={SECRET}&workshop={seed['id']}",
                         1400, 900)
        page.get_by_role("heading", name="Facilitator console").wait_for(timeout=30000)
        page.get_by_role("button", name="Next ▶").wait_for()
        for name in ("Console", "Report", "Packs", "Programmes", "Projector"):
            page.get_by_role("link", name=name, exact=True).wait_for()
        # Moving between the facilitator's pages keeps the facilitator in.
        page.get_by_role("link", name="Report", exact=True).click()
        page.get_by_role("button", name="Download all input (CSV)").wait_for(timeout=30000)
        page.get_by_role("link", name="Packs", exact=True).click()
        page.get_by_role("heading", name="Scenario packs").wait_for(timeout=30000)
        page.get_by_role("link", name="Console", exact=True).click()
        page.get_by_role("button", name="Next ▶").wait_for(timeout=30000)
        page.close()
        assert FIRST_RUN_OF_THE_ENTRY in app_log.read_text()

        # Now that workshop_app.py runs every page, anyone else is still refused.
        for path in ("console", "report", "packs", "programme"):
            assert_refused(browser, f"{base}/{path}?key=wrong", seed)
