"""How many open files a real phone costs the server: headless Chromium phones join a workshop.

Starts the app as `make run` does (`python -m workshop serve`, like bench/load.py), opens
`--phones` phones in Debian's Chromium (`/usr/bin/chromium`, each a browser context of its
own, so each has its own connections, as separate phones do), joins each to the workshop
and lets it sit on the question page (its websocket, the follow component's waiting
request, the browser's connections for files). It counts the files (sockets included) the
front door and the app processes hold: before any phone, while they load and join, and
once they have been quiet for longer than the front door's idle timeout. Prints files per
phone; the last line is JSON. Loopback only; at most 40 phones.

    python bench/phone_files.py [--phones 10]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load import OpenFiles, new_workshop, server_env, server_pids, start_server  # noqa: E402
from workshop import follow  # noqa: E402
from workshop.front import Limits  # noqa: E402
from workshop.serve import stop_server, wait_healthy  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def files(pid: int) -> tuple[int, int]:
    pids = server_pids(pid)
    return OpenFiles.count(pids[0]), sum(OpenFiles.count(p) for p in pids[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phones", type=int, default=10)
    args = parser.parse_args()
    n = max(1, min(args.phones, 40))
    from playwright.sync_api import sync_playwright

    data, port, env = server_env("phone-files-")
    created = new_workshop(env)
    proc = start_server(env, port, data / "server.log", [], 2)
    status_file = follow.status_path(
        env["WORKSHOP_LIVE_DIR"], created["join code"], env["WORKSHOP_FACILITATOR_SECRET"])
    samples = {}
    try:
        wait_healthy(port)
        time.sleep(2)
        samples["before"] = files(proc.pid)
        peak = list(samples["before"])
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            pages = []
            for i in range(n):
                context = browser.new_context(viewport={"width": 390, "height": 844},
                                              is_mobile=True, has_touch=True)
                page = context.new_page()
                page.goto(created["join url"])
                page.wait_for_selector("[data-testid='stApp'][data-test-connection-state="
                                       "'CONNECTED']", timeout=60000)
                page.get_by_text("Care provider").click()
                page.get_by_label("Your table number or name").fill(f"Table {i + 1}")
                page.get_by_role("button", name="Join").click()
                page.get_by_text("Your comment").first.wait_for(timeout=60000)
                pages.append(page)
                now = files(proc.pid)
                peak = [max(a, b) for a, b in zip(peak, now)]
            time.sleep(3)
            samples["joined"] = files(proc.pid)
            peak = [max(a, b) for a, b in zip(peak, samples["joined"])]
            time.sleep(Limits().idle_seconds + 10)
            samples["quiet"] = files(proc.pid)
            browser.close()
    finally:
        stop_server(proc)
        status_file.unlink(missing_ok=True)
        shutil.rmtree(data, ignore_errors=True)
    base = samples["before"]
    result = {"phones": n, "files_before": {"front_door": base[0], "app_processes": base[1]}}
    for name, got in (("joined", samples["joined"]), ("quiet", samples["quiet"]),
                      ("peak", peak)):
        result[f"files_per_phone_{name}"] = {
            "front_door": round((got[0] - base[0]) / n, 2),
            "app_processes": round((got[1] - base[1]) / n, 2)}
    peak, quiet = result["files_per_phone_peak"], result["files_per_phone_quiet"]
    print(f"{n} phones: files per phone, front door {peak['front_door']} at most, "
          f"{quiet['front_door']} when quiet; app processes {peak['app_processes']} / "
          f"{quiet['app_processes']}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
