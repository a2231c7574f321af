"""Live moderation, timed in a real browser: a phone sends a comment and the facilitator's
console shows it in its live feed; the facilitator clicks Hide and the projector takes it
off the wall.

Starts the app as `make run` does (`python -m workshop serve`, like bench/load.py) on a
free port with its own data folder, creates and opens a workshop, and opens three pages in
Debian's Chromium (`/usr/bin/chromium`): the console on its Live tab (1280x800), the
projector (1920x1080) and one phone (390x844, joined). Then, `--rounds` times: the phone
sends a comment (timed from the tap on Send to the comment showing in the console's feed),
and the console's Hide is clicked (timed from the click to the comment leaving the
projector). Prints the median, 95th percentile and largest of both; the last line is JSON.
Target: 2 s or less each. Run it on a quiet machine: the pages share its cores.

    python bench/moderation_latency.py [--rounds 10]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workshop import follow  # noqa: E402
from workshop.serve import free_port, stop_server, wait_healthy  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
WAIT_S = 30  # the most one step may take before the round counts as failed
TARGET_S = 2.0


@dataclass
class Room:
    """The three pages of a workshop in a browser."""
    console: object
    projector: object
    phone: object


def open_room(browser, base: str, console_url: str, projector_url: str,
              phone_url: str) -> Room:
    def page(url, width, height, **kwargs):
        p = browser.new_context(viewport={"width": width, "height": height},
                                **kwargs).new_page()
        p.goto(url)
        p.wait_for_selector(CONNECTED, timeout=WAIT_S * 1000)
        return p
    room = Room(page(console_url, 1280, 800), page(projector_url, 1920, 1080),
                page(phone_url, 390, 844, is_mobile=True, has_touch=True))
    room.console.get_by_role("heading", name="Latest comments").wait_for(
        timeout=WAIT_S * 1000)
    room.phone.get_by_role("textbox", name="Your comment").wait_for(timeout=WAIT_S * 1000)
    room.projector.locator(".proj-prompt").wait_for(timeout=WAIT_S * 1000)
    return room


# Notes the moment (the browser's clock: the same machine's) when some text appears in
# (or, `gone`, leaves) the elements a selector picks, watching every change to the page.
WATCH = """([key, selector, text, gone]) => {
  window.__seen = window.__seen || {};
  delete window.__seen[key];
  let timer = null;
  const check = () => {
    const there = [...document.querySelectorAll(selector)].some(
      (el) => el.textContent.includes(text));
    if (there !== gone && !(key in window.__seen)) {
      window.__seen[key] = Date.now();
      observer.disconnect();
      clearInterval(timer);
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
  timer = setInterval(check, 20);
  check();
}"""
FEED_ITEM = "[class*='st-key-feed_item_']"
WALL_ITEM = ".proj-wall .said"


def _seen(page, key: str) -> float:
    """When the watched change happened, in seconds since the epoch."""
    page.wait_for_function(f"() => window.__seen && '{key}' in window.__seen",
                           timeout=WAIT_S * 1000)
    return page.evaluate(f"() => window.__seen['{key}']") / 1000


def one_round(room: Room, words: str) -> dict:
    """Send `words` from the phone and hide it from the console. Returns the seconds from
    the tap on Send to the phone listing it as sent (`saved`) and to the comment in the
    console's feed (`to_console`), and from the click on Hide to the comment gone from the
    projector (`off_projector`)."""
    room.phone.evaluate(WATCH, ["saved", "[data-testid='stMarkdownContainer'] li", words,
                                False])
    room.console.evaluate(WATCH, ["feed", FEED_ITEM, words, False])
    room.projector.evaluate(WATCH, ["wall", WALL_ITEM, words, False])
    room.phone.get_by_role("textbox", name="Your comment").fill(words)
    sent = time.time()
    room.phone.get_by_role("button", name="Send comment").click()
    saved = _seen(room.phone, "saved") - sent
    to_console = _seen(room.console, "feed") - sent
    _seen(room.projector, "wall")  # on the wall before it is hidden
    room.projector.evaluate(WATCH, ["gone", WALL_ITEM, words, True])
    item = room.console.locator(FEED_ITEM).filter(has_text=words)
    hide = item.get_by_role("button", name="Hide", exact=True)
    hide.wait_for(timeout=WAIT_S * 1000)
    clicked = time.time()
    hide.click()
    off_projector = _seen(room.projector, "gone") - clicked
    item.get_by_text(f"(hidden) {words}").wait_for(timeout=WAIT_S * 1000)
    return {"saved": saved, "to_console": to_console, "off_projector": off_projector}


def figures(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return {"median_s": round(statistics.median(ordered), 2), "p95_s": round(p95, 2),
            "max_s": round(ordered[-1], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    rounds = max(1, min(args.rounds, 200))
    from playwright.sync_api import sync_playwright

    from bench.load import new_workshop, start_server
    from store import FileStore
    from workshop.scenarios import load_packs
    from workshop.workshops import Workshops

    data = Path(tempfile.mkdtemp(prefix="moderation-"))
    port = free_port()
    secret = secrets.token_urlsafe(12)
    live = ROOT / "static" / "live"
    env = {**os.environ, "WORKSHOP_DATA_DIR": str(data / "store"),
           "WORKSHOP_PORT": str(port), "WORKSHOP_PUBLIC_URL": f"http://127.0.0.1:{port}",
           "WORKSHOP_FACILITATOR_SECRET": secret, "WORKSHOP_LIVE_DIR": str(live)}
    created = new_workshop(env)
    wid, code = created["workshop"], created["join code"]
    ws = Workshops(FileStore(data / "store"), load_packs(ROOT / "scenarios"), live)
    me = ws.join(wid, "provider", "Table 1")["id"]
    proc = start_server(env, port, data / "server.log", [], 2)
    base = f"http://127.0.0.1:{port}"
    saved, sent, hidden = [], [], []
    try:
        wait_healthy(port)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            room = open_room(browser, base, f"{base}/console?key={secret}&workshop={wid}",
                             created["projector url"], f"{created['join url']}&me={me}")
            time.sleep(3)  # every page has settled
            for n in range(rounds):
                r = one_round(room, f"Round {n + 1}: pay for travel time between visits")
                saved.append(r["saved"])
                sent.append(r["to_console"])
                hidden.append(r["off_projector"])
                print(f"round {n + 1}: sent -> listed on the phone {r['saved']:.2f} s, "
                      f"-> in the console {r['to_console']:.2f} s; "
                      f"Hide -> off the projector {r['off_projector']:.2f} s", flush=True)
                time.sleep(1)
            browser.close()
    finally:
        stop_server(proc)
        follow.status_path(live, code, secret).unlink(missing_ok=True)
        shutil.rmtree(data, ignore_errors=True)
    result = {"rounds": rounds, "sent_to_phone_list": figures(saved),
              "sent_to_console": figures(sent),
              "hide_to_off_projector": figures(hidden), "target_s": TARGET_S}
    for name, f in (("sent -> listed on the phone", result["sent_to_phone_list"]),
                    ("sent -> in the console feed", result["sent_to_console"]),
                    ("Hide -> off the projector", result["hide_to_off_projector"])):
        print(f"{name}: median {f['median_s']} s, p95 {f['p95_s']} s, max {f['max_s']} s")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
