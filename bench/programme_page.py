"""How long the programme page takes in a real browser, for a big programme.

Builds a programme of 7 regional workshops × 1,000 comments (as bench/programme_report.py
does) in a temporary folder, starts the app on it (`python -m workshop serve`, one app
process) and opens the programme page as the facilitator in headless Chromium, at each
window size asked for (1920 × 1080 and 1280 × 720 by default).

Two browsers. The facilitator's: one browser profile kept for the whole run, which has
shown the page before (twice, on a server started earlier on the same address, as the app
is started on one address on a laptop): Streamlit's own scripts come from its cache, as
they do in a browser that has opened the app before. And a browser that has never opened
the app: each page opened in a new, empty profile, every script fetched and compiled
afresh. Timed:

- first render: the page opened on "One question by region" (the view with charts) on a
  server just started (`--fresh` servers for each browser, in turn), timed from asking
  for the page until the run has finished (the app's script state is "notRunning" after
  a run), every chart on the page is drawn (each picture loaded) and the Streamlit status
  widget is gone;
- each tab switch (side by side → one question → national report → side by side), clicked
  as a facilitator would, timed the same way from the click;
- each question switch (the first few questions, comments and polls in turn), chosen in
  the Question list;
- the page opened again on each view (a new tab of each browser, the server warm);
- the floor of any page of the app: the same address opened without the key, which draws
  only the refusal (Streamlit's own script, connection and one short run).

Each switch is repeated `--repeats` times; the script prints the median and the maximum of
each, how much of it is the server's run (until the run has finished) and how much the
browser's drawing after it, and how many charts and bars the page drew. The last line is
JSON.

    python bench/programme_page.py [--regions 7] [--comments 1000] [--repeats 5] [--app DIR]
                                   [--sizes 1920x1080,1280x720] [--fresh 3]
                                   [--data DIR]
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
           "national": "Download the national report (markdown)",
           # Any page's floor: the same page opened without the key draws only its refusal.
           "refused": "Facilitator only"}

# Notes when the app's last run finished (its script state turning to "notRunning"), in the
# page's clock. (The whole document is watched: the app's root element can be made anew.)
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
# there and every chart is drawn (a Plotly chart its bars or its heatmap's cells, a chart
# drawn on the server as a picture loaded):
# when, in the page's clock.
READY = """([marker, charts]) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning'
      || document.querySelector("[data-testid='stStatusWidget']")) return false;
  if (![...document.querySelectorAll('h1, h2, h3, p, button, a, label')]
        .some(e => e.textContent.trim() === marker)) return false;
  const plots = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
  const pictures = [...document.querySelectorAll("[data-testid='stImage'] img, .pictures img")];
  if (plots.length + pictures.length < charts) return false;
  if (!plots.every(c => c.querySelector('.main-svg .trace, .main-svg .hm'))) return false;
  if (!pictures.every(i => i.complete && i.naturalWidth > 0)) return false;
  return performance.now();
}"""
COUNT = """() => ({
  charts: document.querySelectorAll("[data-testid='stPlotlyChart']").length,
  pictures: document.querySelectorAll("[data-testid='stImage'] img, .pictures img").length,
  bars: document.querySelectorAll("[data-testid='stPlotlyChart'] .point").length,
  tables: document.querySelectorAll(
    "[data-testid='stDataFrame'], [data-testid='stTable'], .pictures table").length,
  nodes: document.getElementsByTagName('*').length,
})"""


TICK = os.sysconf("SC_CLK_TCK")
APP = {"dir": ROOT}  # the checkout of the app served (--app)


def cpu_seconds(root: int) -> float:
    """CPU time (user and system) of a process and every process under it: the server's
    share of a switch, which other work on a shared box does not inflate."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / TICK
    mine, todo = set(), [root]
    while todo:
        pid = todo.pop()
        mine.add(pid)
        todo += [c for c, p in parents.items() if p == pid and c not in mine]
    return sum(times.get(pid, 0.0) for pid in mine)


class Meter:
    """What an action cost: wall time, the server's CPU time, and the time the page's
    main thread was busy (Chromium's own count: scripts, layout, painting)."""

    def __init__(self, server_pid: int):
        self.server_pid = server_pid

    def attach(self, page) -> None:
        page.__cdp = page.context.new_cdp_session(page)
        page.__cdp.send("Performance.enable")

    def busy(self, page) -> float:
        metrics = page.__cdp.send("Performance.getMetrics")["metrics"]
        return next(m["value"] for m in metrics if m["name"] == "TaskDuration")

    def start(self, page) -> tuple[float, float]:
        return cpu_seconds(self.server_pid), self.busy(page)

    def cost(self, page, since: tuple[float, float]) -> tuple[float, float]:
        return (round(cpu_seconds(self.server_pid) - since[0], 3),
                round(self.busy(page) - since[1], 3))


def start(folder: Path, port: int):
    env = {**os.environ, "WORKSHOP_DATA_DIR": str(folder), "WORKSHOP_PORT": str(port),
           "WORKSHOP_FACILITATOR_SECRET": SECRET,
           "WORKSHOP_PUBLIC_URL": f"http://127.0.0.1:{port}"}
    log = open(folder / f"server-{port}.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "workshop", "serve", "--port", str(port), "--address",
         "127.0.0.1", "--processes", "1", "--log-dir", str(folder)],
        cwd=APP["dir"], env=env, stdout=log, stderr=subprocess.STDOUT)
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


def finished(page) -> int:
    """Runs the server has said it finished for this page (its "script finished"
    messages): a quick run can come and go between two frames of the page."""
    return page.__finished


def listen(page) -> None:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    page.__finished = 0

    def frame(payload) -> None:
        if isinstance(payload, bytes):
            try:
                kind = ForwardMsg.FromString(payload).WhichOneof("type")
            except Exception:  # noqa: BLE001 (not a message of the app's)
                return
            if kind == "script_finished":
                page.__finished += 1
    page.on("websocket", lambda ws: ws.on("framereceived", frame))


def settle(page, before: int, view: str, t0: float) -> tuple[float, float]:
    """Seconds from `t0` (the page's clock) until the last run the action caused has
    finished, and until the view's content and every chart are drawn too (a view with
    charts draws at least one). `before`: the runs finished before the action."""
    charts = 1 if view == "one" else 0
    deadline = time.monotonic() + WAIT / 1000
    try:
        while True:
            while finished(page) <= before:
                if time.monotonic() > deadline:
                    raise TimeoutError("no run finished")
                page.wait_for_timeout(10)
            done = page.wait_for_function(READY, arg=[MARKERS[view], charts],
                                          timeout=WAIT, polling=10).json_value()
            seen = finished(page)
            page.wait_for_timeout(QUIET_MS)
            if finished(page) == seen:
                break
            before = seen  # another run followed: time until it is done too
        idle = page.evaluate("() => window.__idleAt")
    except Exception:
        page.screenshot(path=str(Path(tempfile.gettempdir()) / "programme-page-stuck.png"))
        raise RuntimeError(f"the {VIEWS.get(view, view)} view did not settle; picture in "
                           f"{tempfile.gettempdir()}/programme-page-stuck.png") from None
    # A run too quick for the page to show it running finished by the time all was drawn.
    ran = idle if t0 < idle <= done else done
    return round((ran - t0) / 1000, 3), round((done - t0) / 1000, 3)


def now(page) -> float:
    return page.evaluate("() => performance.now()")


def open_view(browser, meter: Meter, base: str, pid: str, view: str, size):
    """The page opened on `view` in a new browser tab, timed from asking for it: (run,
    drawn, server CPU, browser busy), and the page."""
    page = browser.new_page()  # a new profile (Browser) or a new tab (BrowserContext)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    meter.attach(page)
    listen(page)
    page.add_init_script(f"({WATCH.replace('document.body', 'document')})()")
    since = meter.start(page)
    page.goto(f"{base}/programme" if view == "refused" else
              f"{base}/programme?key={SECRET}&programme={pid}&view={quote(VIEWS[view])}",
              wait_until="commit")
    # The page's clock starts with the navigation.
    return (*settle(page, 0, view, 0.0), *meter.cost(page, since)), page


def switch_tab(page, meter: Meter, view: str) -> tuple:
    since = meter.start(page)
    before, t0 = finished(page), now(page)
    page.get_by_role("tab", name=VIEWS[view]).click()
    return (*settle(page, before, view, t0), *meter.cost(page, since))


def switch_question(page, meter: Meter, label: str) -> tuple:
    """Types the question's name into the Question list (which leaves only it), then
    presses Enter, timed from the key press."""
    box = page.get_by_test_id("stSelectbox").filter(has_text="Question")
    box.locator("input").click()
    page.keyboard.type(label)
    page.wait_for_function("() => document.querySelectorAll('[role=option]').length === 1",
                           timeout=WAIT)
    page.get_by_role("option", name=label, exact=True).wait_for(timeout=WAIT)
    since = meter.start(page)
    before, t0 = finished(page), now(page)
    page.keyboard.press("Enter")
    return (*settle(page, before, "one", t0), *meter.cost(page, since))


def fmt(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} / {max(values):.2f}"


def line(label: str, times: list) -> str:
    """Median / maximum of each measure."""
    cols = [fmt([t[i] for t in times]) for i in range(4)]
    return (f"  {label:<44} {cols[0]:>13} {cols[1]:>13} {cols[2]:>13} {cols[3]:>13}  "
            f"(n={len(times)})")


def measure(folder: Path, pid: str, size, repeats: int, questions: list[str],
            fresh: int) -> dict:
    """Everything at one window size. The facilitator's browser is one browser profile
    kept for the whole run (as a laptop's browser is): it has opened the app before, so
    Streamlit's own scripts come from its cache, and each server is started on the same
    address, as the app is on a laptop. Beside it, the same page opened in a browser
    profile that has never opened the app (everything fetched afresh)."""
    from playwright.sync_api import sync_playwright
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    out: dict = {"first_known": [], "first_new": []}
    with sync_playwright() as pw, tempfile.TemporaryDirectory(prefix="profile-") as profile:
        mine = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM,
                                                     args=ARGS)
        new = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # The browser has shown this page before (yesterday, say: on another server
        # started on the same address), twice, as a facilitator's browser has: Chromium
        # keeps a script's compiled code from the second time it runs it.
        server, log = start(folder, port)
        try:
            for _ in range(2):
                _, page = open_view(mine, Meter(server.pid), base, pid, "one", size)
                page.close()
        finally:
            stop(server, log)
        # The first render on a server just started: in the facilitator's browser, then
        # (on another server just started) in a browser that has never opened the app.
        for i in range(2 * max(1, fresh)):
            server, log = start(folder, port)
            meter = Meter(server.pid)
            try:
                known = i % 2 == 0
                got, page = open_view(mine if known else new, meter, base, pid, "one", size)
                out["first_known" if known else "first_new"].append(got)
                if i == 0:
                    out["drawn_one"] = page.evaluate(COUNT)
                    tabs: dict[str, list] = {v: [] for v in VIEWS}
                    for _ in range(repeats):
                        for view in ("side", "one", "national"):
                            tabs[view].append(switch_tab(page, meter, view))
                    out["drawn_national"] = page.evaluate(COUNT)
                    switch_tab(page, meter, "one")
                    asked = []
                    for _ in range(repeats):
                        for label in questions[1:] + questions[:1]:
                            asked.append(switch_question(page, meter, label))
                    for view, times in tabs.items():
                        out[f"tab_{view}"] = times
                    out["question"] = asked
                    page.close()
                    for who, browser in (("known", mine), ("new", new)):
                        for view in VIEWS:
                            out[f"open_{who}_{view}"] = []
                        for _ in range(repeats):
                            for view in VIEWS:
                                got, page = open_view(browser, meter, base, pid, view, size)
                                out[f"open_{who}_{view}"].append(got)
                                page.close()
                    # Any page's floor: the refusal (the facilitator's browser forgets the
                    # key's cookie first, or it would be let in).
                    mine.clear_cookies()
                    for who, browser in (("known", mine), ("new", new)):
                        out[f"open_{who}_refused"] = []
                        for _ in range(repeats):
                            got, page = open_view(browser, meter, base, pid, "refused",
                                                  size)
                            out[f"open_{who}_refused"].append(got)
                            page.close()
                else:
                    page.close()
            finally:
                stop(server, log)
        mine.close()
        new.close()
    return out


def made(folder: Path, regions: int, comments: int):
    """The programme, built in `folder` unless it was built there before."""
    from store import FileStore
    from workshop.programmes import Programmes
    from workshop.scenarios import load_packs
    from workshop.workshops import Workshops
    folder.mkdir(parents=True, exist_ok=True)
    built = folder / "programme-id"
    if built.exists():
        ws = Workshops(FileStore(folder), load_packs(ROOT / "scenarios"), folder / "live")
        return Programmes(ws), built.read_text()
    programmes, pid = build(folder, min(regions, len(REGIONS)), comments)
    built.write_text(pid)
    return programmes, pid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--regions", type=int, default=7)
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--questions", type=int, default=4,
                        help="how many of the first questions to switch between")
    parser.add_argument("--sizes", default="1920x1080,1280x720")
    parser.add_argument("--app", type=Path, default=ROOT,
                        help="a checkout of the app to serve, to time an earlier version "
                        "(default: this one)")
    parser.add_argument("--data", type=Path, help="a folder to build the programme in once "
                        "and use again (default: a temporary one)")
    parser.add_argument("--fresh", type=int, default=3,
                        help="just-started servers to time the first render on, for each "
                        "of the two browsers")
    args = parser.parse_args()
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes.split(",")]
    APP["dir"] = args.app.resolve()
    figures: dict = {"regions": args.regions, "comments_per_region": args.comments}
    with tempfile.TemporaryDirectory(prefix="programme-page-") as tmp:
        folder = args.data or Path(tmp)
        t = time.perf_counter()
        programmes, pid = made(folder, args.regions, args.comments)
        figures["build_s"] = round(time.perf_counter() - t, 1)
        pack = programmes.regions(pid)[0].snapshot.pack
        shown = [q for q in pack.questions if q.kind in POLL_KINDS or q.kind == "comment"]
        figures["questions_switched"] = [q.id for q in shown[:args.questions]]
        labels = [f"{pack.card_of(q.id).title}: {q.prompt}" for q in shown[:args.questions]]
        for w, h in sizes:
            figures[f"{w}x{h}"] = measure(folder, pid, (w, h), args.repeats, labels,
                                          args.fresh)
    print(f"Programme page ({APP['dir'].name}), {args.regions} regions x {args.comments:,} "
          f"comments, in "
          f"Chromium; target 1 s for the first render and each switch. Seconds, median / "
          f"maximum. run: until the server's last run has finished; drawn: until every chart "
          f"is drawn too; server CPU: the server's CPU time; browser busy: the page's main "
          f"thread busy (scripts, layout, painting). Load average at the end: "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.")
    for w, h in sizes:
        got = figures[f"{w}x{h}"]
        print(f"\n{w} x {h}{'':<35} {'run':>13} {'drawn':>13} {'server CPU':>13} "
              f"{'browser busy':>13}")
        print(line("first render, server just started", got["first_known"]))
        for view, label in VIEWS.items():
            print(line(f"switch to '{label}'", got[f"tab_{view}"]))
        print(line("switch question", got["question"]))
        for view, label in VIEWS.items():
            print(line(f"open again on '{label}'", got[f"open_known_{view}"]))
        print(line("any page: opened without the key (refusal)", got["open_known_refused"]))
        print("  in a browser that has never opened the app (its scripts fetched afresh):")
        print(line("first render, server just started", got["first_new"]))
        for view, label in VIEWS.items():
            print(line(f"open on '{label}'", got[f"open_new_{view}"]))
        print(line("any page: opened without the key (refusal)", got["open_new_refused"]))
        one, nat = got["drawn_one"], got["drawn_national"]
        print(f"  'One question by region' draws {one['charts']} Plotly charts ({one['bars']} "
              f"bars), {one.get('pictures', 0)} chart pictures, "
              f"{one['tables']} tables, {one['nodes']:,} page elements; 'National report' "
              f"{nat['nodes']:,} page elements")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
