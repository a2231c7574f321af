"""How long the national report and the programme page take for a big programme.

Builds a programme of 7 regional workshops (real FileStore in a temporary folder), each
with 1,000 comments (the demo day's sentences, bench/fill.py) from 300 delegates and a poll
answer from most of them on every poll. Then times, best and median of a few runs:

- drafting the national report (target 5 s or less),
- checking it (re-deriving every figure and quotation),
- the programme page's data for one comment question and one poll (target 1 s or less):
  the workshops side by side, every region's summary and all together, the charts, the
  themes-by-region heatmap and its table,
- with --apptest, the whole page rendered by streamlit.testing's AppTest, each tab;
- with --browser, the whole page as a facilitator sees it (target 1 s or less): a server
  just started on the data (`python -m workshop serve`), Chromium opening each tab of the
  page (the first opening on a cold server, then again), timed until the tab's content
  is drawn and the page has finished its run.

The last line is JSON.

    python bench/programme_report.py [--regions 7] [--comments 1000] [--runs 3] [--apptest]
                                     [--browser]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.fill import add_comments  # noqa: E402
from store import FileStore  # noqa: E402
from workshop import controls  # noqa: E402
from workshop.national_check import check_national_report  # noqa: E402
from workshop.national_report import draft_national_report  # noqa: E402
from workshop.programme_view import (members_table, pooled_snapshot, question_view,  # noqa: E402
                                     theme_counts, theme_heatmap, poll_counts)
from workshop.programmes import Programmes  # noqa: E402
from workshop.scenarios import POLL_KINDS, load_packs  # noqa: E402
from workshop.workshops import Workshops, _now  # noqa: E402

REGIONS = ("North East", "North West", "Yorkshire and the Humber", "East Midlands",
           "West Midlands", "London", "South West", "South East", "East of England")


def build(folder: Path, regions: int, comments: int) -> tuple[Programmes, str]:
    ws = Workshops(FileStore(folder), load_packs(ROOT / "scenarios"), folder / "live",
                   posts_per_minute=10**6)
    programmes = Programmes(ws)
    pid = programmes.create("Contracting for personalised outcomes", "peoples_borough")["id"]
    for i, region in enumerate(REGIONS[:regions]):
        w = programmes.create_workshop(pid, f"Regional workshop: {region}", region,
                                       date=f"2010-0{1 + i % 9}-1{i % 9}", venue=region)
        wid = w["id"]
        ws.set_status(wid, "open")
        roles = ws.pack_of(wid).role_ids
        rng = random.Random(i)
        people = [{"id": f"{wid}-d{j}", "role": roles[j % len(roles)],
                   "table": f"Table {j % 30 + 1}", "joined_at": _now()} for j in range(300)]
        ws.store.insert_many(wid, "delegates", people)
        add_comments(ws, wid, [p["id"] for p in people], comments, seed=i)
        answers = [{"id": controls.answer_id(p["id"], q.id, 0), "delegate_id": p["id"],
                    "question_id": q.id, "values": [rng.choice(q.choices)],
                    "updated_at": _now()}
                   for q in ws.pack_of(wid).questions if q.kind in POLL_KINDS
                   for p in people if rng.random() < 0.85]
        ws.store.insert_many(wid, "answers", answers)
    return programmes, pid


def timed(fn, runs: int) -> tuple[float, float, float]:
    """Best and median wall time, and the best CPU time (which other work on a shared box
    does not inflate)."""
    times, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return min(times), statistics.median(times), min(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--regions", type=int, default=7)
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--apptest", action="store_true")
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="programme-") as tmp:
        t = time.perf_counter()
        programmes, pid = build(Path(tmp), min(args.regions, len(REGIONS)), args.comments)
        build_s = time.perf_counter() - t
        programme = programmes.get(pid)
        t = time.perf_counter()
        regions = programmes.regions(pid)
        read_s = time.perf_counter() - t
        text = draft_national_report(programme, regions)
        draft = timed(lambda: draft_national_report(programme, regions), args.runs)
        check = timed(lambda: check_national_report(programme, regions, text), 1)
        pack = regions[0].snapshot.pack

        def page() -> None:
            members = programmes.members(pid)
            now = programmes.regions(pid)
            members_table(members, now)
            pooled = pooled_snapshot(now, pack)
            comment = question_view(now, pack, "services", pooled)
            theme_heatmap(theme_counts(comment))
            for name in (*comment.regions, "All regions"):
                comment.chart(name)
            poll = question_view(now, pack, "price_transparency_poll", pooled)
            poll_counts(poll)
            for name in (*poll.regions, "All regions"):
                poll.chart(name)
        page_s = timed(page, args.runs)
        figures = {
            "regions": len(regions), "comments_per_region": args.comments,
            "build_s": round(build_s, 1), "read_regions_s": round(read_s, 3),
            "report_lines": text.count("\n"),
            "draft_best_s": round(draft[0], 3), "draft_median_s": round(draft[1], 3),
            "draft_cpu_s": round(draft[2], 3), "check_s": round(check[0], 3),
            "page_data_best_s": round(page_s[0], 3), "page_data_median_s": round(page_s[1], 3),
            "page_data_cpu_s": round(page_s[2], 3),
        }
        if args.apptest:
            figures |= apptest(Path(tmp), pid)
        if args.browser:
            figures |= browser(Path(tmp), pid)
    print(f"national report of {figures['regions']} regions x {args.comments:,} comments: "
          f"drafted in {figures['draft_median_s']} s (median; {figures['draft_cpu_s']} s of "
          f"CPU; target 5 s), checked in "
          f"{figures['check_s']} s")
    print(f"programme page data (two questions, every region and all together): "
          f"{figures['page_data_median_s']} s (median; {figures['page_data_cpu_s']} s of CPU; "
          "target 1 s)")
    for name, label in VIEWS.items():
        if f"apptest_{name}_first_s" in figures:
            print(f"programme page, {label} tab, rendered by AppTest: first "
                  f"{figures[f'apptest_{name}_first_s']} s, again "
                  f"{figures[f'apptest_{name}_again_s']} s")
    if "browser_side_first_s" in figures:
        print(f"programme page in Chromium, a server just started: first opened in "
              f"{figures['browser_side_first_s']} s (any page of the app, here the refusal "
              f"page: {figures['browser_refusal_s']} s)")
        for name, label in VIEWS.items():
            print(f"  {label} tab: clicked {figures[f'browser_{name}_click_s']} s, opened "
                  f"again {figures[f'browser_{name}_again_s']} s (target 1 s)")
    print(json.dumps(figures))


VIEWS = {"side": "Workshops side by side", "one": "One question by region",
         "national": "National report"}
# What shows that a tab's content is drawn.
MARKERS = {"side": "text=Add a workshop", "one": "text=Themes by region",
           "national": "text=Download the national report (markdown)"}
RUNNING = ("[data-testid='stStatusWidgetRunningIcon'], "
           "[data-testid='stStatusWidgetRunningManIcon']")


def apptest(folder: Path, pid: str) -> dict:
    """Each tab of the page rendered by AppTest: the first time (the page's data worked out
    afresh; the app's imports already warm), then again."""
    import os

    from streamlit.testing.v1 import AppTest

    from workshop import access
    os.environ["WORKSHOP_DATA_DIR"] = str(folder)
    out = {}
    for name, label in VIEWS.items():
        at = AppTest.from_file(str(ROOT / "pages" / "programme.py"), default_timeout=120)
        at.query_params["key"] = access.facilitator_secret()
        at.query_params["programme"] = pid
        at.query_params["view"] = label
        for when in ("first", "again"):
            t = time.perf_counter()
            at.run()
            out[f"apptest_{name}_{when}_s"] = round(time.perf_counter() - t, 3)
    return out


def browser(folder: Path, pid: str) -> dict:
    """Each tab as Chromium shows it, from a server started just before."""
    import os
    import subprocess
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    from workshop.serve import free_port, wait_healthy
    port, secret = free_port(), "bench-facilitator-secret"
    env = {**os.environ, "WORKSHOP_DATA_DIR": str(folder), "WORKSHOP_PORT": str(port),
           "WORKSHOP_FACILITATOR_SECRET": secret}
    log = open(folder / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "workshop", "serve", "--port", str(port), "--address",
         "127.0.0.1", "--processes", "1", "--log-dir", str(folder)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    out = {}
    try:
        wait_healthy(port, 60, lambda: server.poll() is None)
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu"])

            def drawn(page, name: str) -> None:
                page.wait_for_selector(MARKERS[name], timeout=120000)
                page.wait_for_selector(RUNNING, state="detached", timeout=120000)

            def load(name: str, key: str = secret) -> tuple[float, object]:
                page = chromium.new_page(viewport={"width": 1280, "height": 800})
                t = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/programme?key={key}&programme={pid}"
                          f"&view={quote(VIEWS[name])}")
                drawn(page, name)
                return round(time.perf_counter() - t, 3), page

            # The first opening on the just-started server (nothing worked out yet), then
            # each other tab clicked in the same page, as a facilitator would.
            out["browser_side_first_s"], page = load("side")
            for name in ("one", "national", "side"):
                page.wait_for_timeout(2000 if name == "one" else 0)
                t = time.perf_counter()
                page.get_by_role("tab", name=VIEWS[name]).click()
                drawn(page, name)
                out[f"browser_{name}_click_s"] = round(time.perf_counter() - t, 3)
            page.close()
            for name in VIEWS:
                out[f"browser_{name}_again_s"], page = load(name)
                page.close()
            # What any page of the app takes to open here: the refusal a wrong key gets.
            t = time.perf_counter()
            page = chromium.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"http://127.0.0.1:{port}/programme?key=wrong")
            page.wait_for_selector("text=Facilitator only", timeout=120000)
            page.wait_for_selector(RUNNING, state="detached", timeout=120000)
            out["browser_refusal_s"] = round(time.perf_counter() - t, 3)
            page.close()
            chromium.close()
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return out


if __name__ == "__main__":
    main()
