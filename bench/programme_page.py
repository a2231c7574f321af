"""How long the programme page takes in a real browser, for a big programme.

Builds a programme of 7 regional workshops × 1,000 comments (as bench/programme_report.py
does) in a temporary folder, starts the app on it (`python -m workshop serve`, one app
process) and opens the programme page as the facilitator in headless Chromium, at each
window size asked for (1920 × 1080 and 1280 × 720 by default). For each window size, on a
server just started:

- first render: the page opened on "One question by region" (the view with charts), timed
  from asking for the page until the run has finished (the app's script state is
  "notRunning" after a run), every chart on the page is drawn (each Plotly chart has its
  picture) and the Streamlit status widget is gone;
- each tab switch (side by side → one question → national report → side by side), clicked
  as a facilitator would, timed the same way from the click;
- each question switch (the first few questions, comments and polls in turn), chosen in
  the Question list;
- the page opened again on each view (a new browser tab, the server warm).

Each switch is repeated `--repeats` times; the script prints the median and the maximum of
each, how much of it is the server's run (until the run has finished) and how much the
browser's drawing after it, and how many charts and bars the page drew. The last line is
JSON.

    python bench/programme_page.py [--regions 7] [--comments 1000] [--repeats 5]
                                   [--sizes 1920x1080,1280x720] [--fresh 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.programme_report import REGIONS, build  # noqa: E402
from workshop.scenarios import POLL_KINDS  # noqa: E402
from workshop.serve import free_port, wait_healthy  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SECRET = "bench-facilitator-secret"
WAIT = int(os.environ.get("BENCH_WAIT_MS", "120000"))
VIEWS = {"side": "Workshops side by side", "one": "One question by region",
         "national": "National report"}
# What shows that a view's content is there.
MARKERS = {"side": "Add a workshop", "one": "Where a region differs from the rest",
           "national": "Download the national report (markdown)"}

# Counts the runs the app starts (its script state turning to "running") and notes when
# the last one finished, so a switch is timed until every run it caused has finished,
# however quick. (The whole document is watched: the app's root element can be made anew.)
WATCH = """() => {
  if (window.__runs !== undefined) return;
  window.__runs = 0;
  window.__idleAt = 0;
  new MutationObserver((records) => {
    // Each record holds the value before it; the value after it is the next one's on the
    // same element, or the element's value now.
    records.forEach((r, i) => {
      const next = records.slice(i + 1).find(n => n.target === r.target);
      const value = next ? next.oldValue : r.target.getAttribute('data-test-script-state');
      if (value === 'running') window.__runs += 1;
      if (value === 'notRunning') window.__idleAt = performance.now();
    });
  }).observe(document.body, {attributes: true, attributeOldValue: true, subtree: true,
                             attributeFilter: ['data-test-script-state']});
}"""
# A run started after `runs` has finished, the status widget is gone, the view's marker is
# there and every Plotly chart has drawn its picture (its bars, or its heatmap's cells):
# when, in the page's clock.
READY = """([runs, marker, charts]) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || window.__runs <= runs
      || app.getAttribute('data-test-script-state') !== 'notRunning'
      || document.querySelector("[data-testid='stStatusWidget']")) return false;
  if (![...document.querySelectorAll('h1, h2, h3, p, button, a, label')]
        .some(e => e.textContent.trim() === marker)) return false;
  const all = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
  if (all.length < charts) return false;
  if (!all.every(c => c.querySelector('.main-svg .trace, .main-svg .hm'))) return false;
  return performance.now();
}"""
COUNT = """() => ({
  charts: document.querySelectorAll("[data-testid='stPlotlyChart']").length,
  bars: document.querySelectorAll("[data-testid='stPlotlyChart'] .point").length,
    tables: document.querySelectorAll("[data-testid='stDataFrame'], [data-testid='stTable']").length,
  nodes: document.getElementsByTagName('*').length,
})"""


def start(folder: Path, port: int):
    env = {**os.environ, "WORKSHOP_DATA_DIR": str(folder), "WORKSHOP_PORT": str(port),
           "WORKSHOP_FACILITATOR_SECRET": SECRET,
           "WORKSHOP_PUBLIC_URL": f"http://127.0.0.1:{port}"}
    log = open(folder / f"server-{port}.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "workshop", "serve", "--port", str(port), "--address",
         "127.0.0.1", "--processes", "1", "--log-dir", str(folder)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    wait_healthy(port, 60, lambda: server.poll() is None)
    return server, log


def stop(server, log) -> None:
    server.terminate()
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


# How long the page must stay still after a switch for it to count as done.
QUIET_MS = 800


def settle(page, runs: int, view: str, t0: float) -> tuple[float, float]:
    """Seconds from `t0` (the page's clock) until the last run the action caused has
    finished, and until the view's content and every chart are drawn too (a view with
    charts draws at least one)."""
    charts = 1 if view == "one" else 0
    try:
        while True:
            done = page.wait_for_function(READY, arg=[runs, MARKERS[view], charts],
                                          timeout=WAIT, polling=10).json_value()
            seen = page.evaluate("() => window.__runs")
            page.wait_for_timeout(QUIET_MS)
            if page.evaluate("() => window.__runs") == seen:
                break
            runs = seen  # another run followed: time until it is done too
        idle = page.evaluate("() => window.__idleAt")
    except Exception:
        page.screenshot(path=str(Path(tempfile.gettempdir()) / "programme-page-stuck.png"))
        raise RuntimeError(f"the {VIEWS[view]} view did not settle; picture in "
                           f"{tempfile.gettempdir()}/programme-page-stuck.png") from None
    return (idle - t0) / 1000, (done - t0) / 1000


def now(page) -> float:
    return page.evaluate("() => performance.now()")


def open_view(chromium, base: str, pid: str, view: str, size) -> tuple[float, float, object]:
    """The page opened on `view` in a new browser tab, timed from asking for it."""
    page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
    page.add_init_script(f"({WATCH.replace('document.body', 'document')})()")
    page.goto(f"{base}/programme?key={SECRET}&programme={pid}&view={quote(VIEWS[view])}",
              wait_until="commit")
    # The page's clock starts with the navigation.
    ran, drawn = settle(page, 0, view, 0.0)
    return ran, drawn, page


def runs(page) -> int:
    return page.evaluate("() => window.__runs")


def switch_tab(page, view: str) -> tuple[float, float]:
    before, t0 = runs(page), now(page)
    page.get_by_role("tab", name=VIEWS[view]).click()
    return settle(page, before, view, t0)


def switch_question(page, label: str) -> tuple[float, float]:
    """Types the question's name into the Question list (which leaves only it), then
    presses Enter, timed from the key press."""
    box = page.get_by_test_id("stSelectbox").filter(has_text="Question")
    box.locator("input").click()
    page.keyboard.type(label)
    page.wait_for_function("() => document.querySelectorAll('[role=option]').length === 1",
                           timeout=WAIT)
    page.get_by_role("option", name=label, exact=True).wait_for(timeout=WAIT)
    before, t0 = runs(page), now(page)
    page.keyboard.press("Enter")
    return settle(page, before, "one", t0)


def fmt(values: list[float]) -> str:
    return (f"median {statistics.median(values):.2f} s, max {max(values):.2f} s "
            f"(n={len(values)})")


def measure(folder: Path, pid: str, size, repeats: int, questions: list[str]) -> dict:
    from playwright.sync_api import sync_playwright
    port = free_port()
    server, log = start(folder, port)
    base = f"http://127.0.0.1:{port}"
    out: dict = {}
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            ran, drawn, page = open_view(chromium, base, pid, "one", size)
            out["fresh_first"] = {"run": round(ran, 3), "drawn": round(drawn, 3)}
            out["drawn_one"] = page.evaluate(COUNT)
            tabs: dict[str, list] = {v: [] for v in VIEWS}
            for _ in range(repeats):
                for view in ("side", "one", "national"):
                    tabs[view].append(switch_tab(page, view))
            out["drawn_national"] = page.evaluate(COUNT)
            switch_tab(page, "one")
            asked = []
            for _ in range(repeats):
                for label in questions[1:] + questions[:1]:
                    asked.append(switch_question(page, label))
            page.close()
            again: dict[str, list] = {v: [] for v in VIEWS}
            for _ in range(repeats):
                for view in VIEWS:
                    ran, drawn, page = open_view(chromium, base, pid, view, size)
                    again[view].append((ran, drawn))
                    page.close()
            chromium.close()
    finally:
        stop(server, log)
    for view, times in tabs.items():
        out[f"tab_{view}"] = times
    out["question"] = asked
    for view, times in again.items():
        out[f"open_{view}"] = times
    return out


def fresh_only(folder: Path, pid: str, size) -> dict:
    """The page's first render on a server just started, nothing else."""
    from playwright.sync_api import sync_playwright
    port = free_port()
    server, log = start(folder, port)
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            ran, drawn, page = open_view(chromium, f"http://127.0.0.1:{port}", pid, "one",
                                         size)
            chromium.close()
    finally:
        stop(server, log)
    return {"run": round(ran, 3), "drawn": round(drawn, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--regions", type=int, default=7)
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--questions", type=int, default=4,
                        help="how many of the first questions to switch between")
    parser.add_argument("--sizes", default="1920x1080,1280x720")
    parser.add_argument("--fresh", type=int, default=2,
                        help="further just-started servers to time the first render on")
    args = parser.parse_args()
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes.split(",")]
    figures: dict = {"regions": args.regions, "comments_per_region": args.comments}
    with tempfile.TemporaryDirectory(prefix="programme-page-") as tmp:
        t = time.perf_counter()
        programmes, pid = build(Path(tmp), min(args.regions, len(REGIONS)), args.comments)
        figures["build_s"] = round(time.perf_counter() - t, 1)
        pack = programmes.regions(pid)[0].snapshot.pack
        shown = [q for q in pack.questions if q.kind in POLL_KINDS or q.kind == "comment"]
        figures["questions_switched"] = [q.id for q in shown[:args.questions]]
        labels = [f"{pack.card_of(q.id).title}: {q.prompt}" for q in shown[:args.questions]]
        for w, h in sizes:
            got = measure(Path(tmp), pid, (w, h), args.repeats, labels)
            firsts = [got["fresh_first"]] + [fresh_only(Path(tmp), pid, (w, h))
                                              for _ in range(args.fresh)]
            got["fresh_firsts"] = firsts
            figures[f"{w}x{h}"] = got
    print(f"Programme page, {args.regions} regions x {args.comments:,} comments, in "
          f"Chromium (target 1 s for the first render and each switch). 'run': until the "
          f"server's run has finished; 'drawn': until every chart is drawn too.")
    for w, h in sizes:
        got = figures[f"{w}x{h}"]
        print(f"\n{w} x {h}")
        firsts = got["fresh_firsts"]
        print(f"  first render, server just started ({len(firsts)} servers): run "
              f"{fmt([f['run'] for f in firsts])}; drawn {fmt([f['drawn'] for f in firsts])}")
        for view, label in VIEWS.items():
            times = got[f"tab_{view}"]
            print(f"  switch to '{label}': run {fmt([r for r, _ in times])}; drawn "
                  f"{fmt([d for _, d in times])}")
        times = got["question"]
        print(f"  switch question: run {fmt([r for r, _ in times])}; drawn "
              f"{fmt([d for _, d in times])}")
        for view, label in VIEWS.items():
            times = got[f"open_{view}"]
            print(f"  open again on '{label}': run {fmt([r for r, _ in times])}; drawn "
                  f"{fmt([d for _, d in times])}")
        one, nat = got["drawn_one"], got["drawn_national"]
        print(f"  'One question by region' draws {one['charts']} charts ({one['bars']} bars), "
              f"{one['tables']} tables, {one['nodes']:,} page elements; 'National report' "
              f"{nat['nodes']:,} page elements")
    for size in sizes:
        got = figures[f"{size[0]}x{size[1]}"]
        for key in [k for k in got if k.startswith(("tab_", "open_")) or k == "question"]:
            got[key] = [[round(r, 3), round(d, 3)] for r, d in got[key]]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
