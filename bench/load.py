"""A room of phones against a real server: load, lost answers, following the presenter.

Starts the app as `make run` does (`python -m workshop serve`: the front door and its app
processes) on a free loopback port with its own temporary data folder and a fresh open
workshop, then drives it over Streamlit's browser protocol the way the room's browsers do:

- N delegates (in a few client processes, asyncio inside), each from its own loopback
  address as phones on a network are, open the join link over a ramp, tap a role (which
  joins) and give a table, and then, like the page's follow component, hold a request
  open at the front door's `/_workshop/live/<name>?v=N`, which answers when the
    facilitator moves on, and re-run the page then. They send comments at random
  (exponential) intervals, 90 s apart on average, while the question takes comments;
  when a comment question appears a phone first reads it and types (15-60 s,
  `--typing`), so comments held back during a poll do not all go in the same second.
  They answer each poll once, 2-10 s after it appears. Some phones drop their connection
  part-way (sleep, lost Wi-Fi), come back later as a *new* session with the link's token,
  check that they are the same delegate with their comments listed, and edit one.
- One projector tab and one console tab (the facilitator link) re-run their fragments
  at the fragments' own run_every, as a browser does. The console presses "Next" twice:
  comment question → poll → comment question. Phones do not send in the 3 s before a
  move until they have seen the new question (someone reading it), so every send should be
  confirmed; a send refused because the facilitator moved on is counted as `refused`, and
  one the server only reached after the move (the page then shows the new question and
  confirms nothing) as `overtaken` - neither is acknowledged, so neither can be lost.

When the time is up the server is stopped and the store is read back from disk.
The last line printed is one JSON object:

    delegates, submitted, acknowledged, stored, lost, p50_submit_s, p95_submit_s,
    p95_submit_to_projector_s, p95_follow_s, server_cpu_s, server_peak_rss_mb, ...

`acknowledged`: the phone saw "saved"; `stored`: acknowledged and found in the store after
the server stopped, with the text / answer acknowledged; `lost`: acknowledged minus stored.
submit→projector: from pressing Send until a finished projector render shows that comment
(in the wall of latest comments, or counted in the kinds line). follow: from the
facilitator pressing Next until the phone's page shows the new question.

    python bench/load.py --delegates 500 [--minutes 3] [--workers 2]
        [--server-nofile 1024] [--server-arg=--runner.postScriptGC=true] ...

`--server-nofile 1024` starts the server with the open-file limit a Linux laptop usually
starts programs with (`ulimit -Sn 1024`; `1024:1024` lowers the hard limit too, so the
server cannot raise it); the client raises its own. The JSON also gives the most files
the front door and the app processes held (`server_peak_files_*`) and the size of the
server's logs.

Loopback only; bounded in delegates (<= 2000) and time (<= 30 minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import math
import multiprocessing
import os
import random
import re
import resource
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.aioclient import StatusPoller, Tab, boolean, json_value, string, trigger  # noqa: E402
from workshop import follow  # noqa: E402
from workshop.scenarios import COMMENT_KINDS, load_packs  # noqa: E402
from workshop.serve import default_processes, free_port, stop_server, wait_healthy  # noqa: E402

PACK = "peoples_borough"
QUIET_BEFORE_MOVE = 3
TAG = re.compile(r"\[d\d+-\d+\]")
KINDS_LINE = re.compile(r"^(?:(?:%s): \d+(?: · )?)+$" % "|".join(
    re.escape(v) for v in COMMENT_KINDS.values()))
WALL_COUNT = re.compile(r"Latest comments: ([\d,]+) in all")
SENTENCES = [re.sub(r"[&<>\"'*_`#\[\]]", "", line.split(",", 1)[1].rsplit(",", 3)[0])
             for line in (ROOT / "scenarios" / "peoples_borough_demo.csv").read_text(
                 encoding="utf-8").splitlines()[1:]]
SENTENCES = [s.strip() for s in SENTENCES if len(s.strip()) > 20]


def pct(values, p):
    values = sorted(values)
    if not values:
        return None
    return round(values[min(len(values) - 1, int(math.ceil(p / 100 * len(values))) - 1)], 3)


def server_pids(pid: int) -> list[int]:
    """The front door's process and the app processes it started."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return [pid, *map(int, children)]


def proc_cpu(pid: int) -> float:
    """CPU seconds of the server: the front door and its app processes."""
    total = 0.0
    for p in server_pids(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def proc_peak_rss_mb(pid: int) -> float:
    """Peak resident memory of the server: the sum of each process's peak."""
    total = 0.0
    for p in server_pids(pid):
        try:
            lines = Path(f"/proc/{p}/status").read_text().splitlines()
        except OSError:
            continue
        total += next((int(line.split()[1]) / 1024 for line in lines
                       if line.startswith("VmHWM:")), 0.0)
    return total


# -- the phones ------------------------------------------------------------------------

class Phone:
    """One delegate's phone: its tab, what it shows, and what it did."""

    def __init__(self, i: int, cfg: dict):
        self.i, self.cfg = i, cfg
        # Each phone has its own address on the room's network (any 127.x.y.z is this box).
        self.source = f"127.0.{1 + i // 250}.{1 + i % 250}"
        self.rng = random.Random(cfg["seed"] * 100_003 + i)
        self.tab: Tab | None = None
        self.question = None
        self.version = None
        self.sent_version = None
        self.changed_at = 0.0
        self.away = False
        self.rec = {"i": i, "token": None, "submits": [], "seen": [], "errors": [],
                    "reconnect": None}

    def new_tab(self, query: str) -> Tab:
        """A new connection of the phone's page (its join link, or the link with its token)."""
        return Tab(self.cfg["port"], "", query, source=self.source)

    def new_poller(self) -> StatusPoller:
        """What the follow component asks whether the facilitator moved on."""
        return StatusPoller(self.cfg["port"], f"/_workshop/live/{self.cfg['follow']}",
                            source=self.source)

    def view(self, render) -> None:
        """Note which question the page shows, and the follow component's version."""
        for text in render.texts:  # the page's heading is the question
            q = self.cfg["prompts"].get(text.strip())
            if q:
                if q != self.question:
                    self.question = q
                    self.changed_at = render.finished
                    self.rec["seen"].append([q, render.finished])
                break
        comp = self.tab.widgets.get(("component_instance", _component_name(self.tab)))
        if comp is not None:
            try:
                self.version = json.loads(comp.json_args).get("version", self.version)
            except ValueError:
                pass

    async def join(self) -> bool:
        cfg = self.cfg
        self.tab = self.new_tab(f"code={cfg['code']}")
        await self.tab.connect()
        r = await self.tab.run()
        await asyncio.sleep(self.rng.uniform(3, 8))  # reading, choosing
        roles = [w for kind, w in r.every_widget if kind == "button" and "-role_" in w.id]
        if not roles:
            self.rec["errors"].append("no join form: " + " | ".join(r.texts + r.alerts)[:200])
            return False
        r = await self.tab.run([trigger(roles[self.i % len(roles)].id)])  # one tap joins
        table, save = r.widget("text_input", "Your table"), r.widget("button", "Save my table")
        if table and save:  # then the table, as most phones give it
            r = await self.tab.run([string(table.id, f"Table {self.i % 40 + 1}"),
                                    trigger(save.id)])
        token = parse_qs(self.tab.query).get("me", [None])[0]
        if not token:
            self.rec["errors"].append("join not confirmed: " + " | ".join(r.alerts)[:200])
            return False
        self.rec["token"] = token
        self.view(r)
        return True

    async def follow(self, end: float) -> None:
        """The follow component (pages/shared/follow_frame/index.html): hold a request open at the front
        door's status, which answers when the facilitator moves on; re-run the page then."""
        cfg = self.cfg
        poller = self.new_poller()
        known = self.version
        while time.time() < end:
            if self.away:
                await asyncio.sleep(1)
                continue
            body = await poller.get(f"v={known}")
            try:
                status = json.loads(body) if body else None
            except ValueError:
                status = None
            if not status:
                await asyncio.sleep(1)  # the server is busy or restarting: ask again
                continue
            known = status["v"]
            if status["v"] != self.version and status["v"] != self.sent_version:
                self.sent_version = status["v"]
                comp = self.tab.widgets.get(("component_instance", _component_name(self.tab)))
                if comp is not None and not self.away:
                    try:
                        r = await self.tab.run([json_value(comp.id, json.dumps(status["v"]))])
                        self.view(r)
                    except Exception as exc:
                        # The page's connection dropped: like the component, ask again once
                        # the page is connected again (the status is asked for at once).
                        self.rec["errors"].append(f"follow: {exc!r}"[:200])
                        self.sent_version = None
                        known = self.version
                        await asyncio.sleep(1)
        await poller.close()

    def quiet(self, now: float) -> bool:
        """Near a move and not yet showing the new question: a person would not send."""
        return any(m - QUIET_BEFORE_MOVE <= now <= m + 60 and self.changed_at < m
                   for m in self.cfg["moves"])

    async def send_comment(self, k: int) -> None:
        w = self.tab.widgets
        text_area = _find(w, "text_area", "Your comment")
        kind = _find(w, "radio", "What are you adding")
        send = _find(w, "button", "Send comment")
        if not (text_area and kind and send):
            self.rec["errors"].append("no comment form")
            return
        text = f"{self.rng.choice(SENTENCES)} [d{self.i}-{k}]"
        item = {"what": "comment", "q": self.question, "text": text, "sent": time.time()}
        self.rec["submits"].append(item)
        try:
            r = await self.tab.run([string(kind.id, self.rng.choice(kind.options)),
                                    string(text_area.id, text), trigger(send.id)])
        except Exception as exc:
            item.update(outcome="error", detail=repr(exc)[:200])
            return
        item["done"] = r.finished
        item["outcome"], item["detail"] = _outcome(r, "your comment is saved")
        self.view(r)
        if item["outcome"] == "error" and self.question != item["q"]:
            # The server reached the tap only after the facilitator had moved on: the page
            # shows the new question and nothing was confirmed (the text stays unsent).
            item["outcome"] = "overtaken"

    async def answer_poll(self) -> None:
        w = self.tab.widgets
        submit = _find(w, "button", "Send answer") or _find(w, "button", "Change my answer")
        radio = _find(w, "radio", "How much do you agree") or _find(w, "radio", "Your answer")
        boxes = [p for (k, _), p in w.items() if k == "checkbox" and p.form_id]
        if not submit or not (radio or boxes):
            self.rec["errors"].append("no poll form")
            return
        if radio:
            values = [self.rng.choice(list(radio.options))]
            states = [string(radio.id, values[0])]
        else:
            chosen = self.rng.sample(boxes, min(len(boxes), self.rng.randint(1, 2)))
            values = [b.label for b in boxes if b in chosen]
            states = [boolean(b.id, b in chosen) for b in boxes]
        item = {"what": "answer", "q": self.question, "values": values, "sent": time.time()}
        self.rec["submits"].append(item)
        try:
            r = await self.tab.run(states + [trigger(submit.id)])
        except Exception as exc:
            item.update(outcome="error", detail=repr(exc)[:200])
            return
        item["done"] = r.finished
        item["outcome"], item["detail"] = _outcome(r, "your answer is saved")
        self.view(r)
        if item["outcome"] == "error" and self.question != item["q"]:
            # The server reached the tap only after the facilitator had moved on: the page
            # shows the new question and nothing was confirmed (the text stays unsent).
            item["outcome"] = "overtaken"

    async def come_back(self) -> None:
        """Drop the connection (sleep, Wi-Fi), come back as a new session with the link."""
        query = self.tab.query
        acked = {s["text"] for s in self.rec["submits"]
                 if s["what"] == "comment" and s.get("outcome") == "ack"}
        self.away = True
        self.rec["away"] = [time.time(), None]
        async with self.tab.lock:
            await self.tab.close()
        await asyncio.sleep(self.cfg["away"])
        rec = {"ok": False, "edited": False}
        self.rec["reconnect"] = rec
        try:
            self.tab = self.new_tab(query)
            await self.tab.connect()
            r = await self.tab.run()
            self.question = None
            self.view(r)
            # The list of their comments (markdown: brackets come escaped).
            shown = set(TAG.findall(" ".join(r.texts).replace("\\", "")))
            wanted = {TAG.search(t).group(0) for t in acked}
            rec["same_delegate"] = r.has("You joined as")
            rec["sees_own"] = wanted <= shown
            rec["ok"] = rec["same_delegate"] and rec["sees_own"]
            change = _find(self.tab.widgets, "checkbox", "Change or withdraw one of these")
            if change is not None:  # open the edit form, as a delegate taps the switch
                r = await self.tab.run([boolean(change.id, True)])
            edit = _find(self.tab.widgets, "text_area", "Edit your comment")
            kind = _find(self.tab.widgets, "radio", "Type")
            save = _find(self.tab.widgets, "button", "Save changes")
            if edit and kind and save and TAG.search(edit.default):
                tag = TAG.search(edit.default).group(0)
                new = f"{self.rng.choice(SENTENCES)} (edited) {tag}"
                for s in self.rec["submits"]:  # saved or not, what it may now read
                    if s.get("text", "").endswith(tag) and s.get("outcome") == "ack":
                        s["edit_tried"] = new
                keep = [boolean(change.id, True)] if change is not None else []
                r = await self.tab.run([*keep, string(edit.id, new),
                                        string(kind.id, kind.options[0]), trigger(save.id)])
                if any(a.startswith("Saved") for a in r.alerts):
                    rec["edited"] = True
                    for s in self.rec["submits"]:
                        if s.get("text", "").endswith(tag) and s.get("outcome") == "ack":
                            s["text"] = new
        except Exception as exc:
            rec["error"] = repr(exc)[:200]
        finally:
            self.away = False
            self.rec["away"][1] = time.time()

    async def live(self) -> None:
        cfg = self.cfg
        rng = self.rng
        await asyncio.sleep(max(0.0, cfg["t0"] + rng.uniform(0, cfg["ramp"]) - time.time()))
        end = cfg["t0"] + cfg["duration"]
        try:
            if not await self.join():
                return
        except Exception as exc:
            self.rec["errors"].append(f"join: {exc!r}"[:200])
            return
        follower = asyncio.create_task(self.follow(end))
        come_back_at = None
        if rng.random() < cfg["reconnect_share"]:
            come_back_at = rng.uniform(time.time() + 10, end - cfg["away"] - 15)
        next_comment = time.time() + rng.uniform(5, cfg["comment_every"])
        poll_due: dict[str, float] = {}
        answered: set[str] = set()
        shown = self.question
        k = 0
        try:
            while time.time() < end - 2:
                await asyncio.sleep(0.5)
                now = time.time()
                if come_back_at and now >= come_back_at:
                    come_back_at = None
                    await self.come_back()
                    continue
                if self.quiet(now) or self.question is None:
                    continue
                kind = cfg["kinds"][self.question]
                if self.question != shown:
                    shown = self.question
                    if kind == "comment":  # read the new question, then type
                        next_comment = max(next_comment, now + rng.uniform(*cfg["typing"]))
                if kind == "comment":
                    if now >= next_comment:
                        k += 1
                        await self.send_comment(k)
                        next_comment = time.time() + max(
                            2.0, rng.expovariate(1 / cfg["comment_every"]))
                elif self.question not in answered:
                    due = poll_due.setdefault(self.question, now + rng.uniform(2, 10))
                    if now >= due:
                        answered.add(self.question)
                        await self.answer_poll()
        except Exception as exc:
            self.rec["errors"].append(f"phone: {exc!r}"[:200])
        finally:
            await follower
            await self.tab.close()


def _component_name(tab: Tab) -> str:
    return next((label for (k, label) in tab.widgets if k == "component_instance"), "")


def _find(widgets, kind, label):
    return next((p for (k, lab), p in widgets.items() if k == kind and lab.startswith(label)),
                None)


def _outcome(render, confirmation: str) -> tuple[str, str]:
    if any(confirmation in a for a in render.alerts):
        return "ack", ""
    text = " | ".join(render.alerts)[:200]
    if "moved on" in text or "not taking answers" in text:
        return "refused", text
    return "error", text or "no confirmation shown"


def phones_process(cfg: dict, indices: list[int], out: str, phone_class=None) -> None:
    """One client process: its share of the phones, all in one event loop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    async def main():
        phones = [(phone_class or Phone)(i, cfg) for i in indices]
        await asyncio.wait_for(asyncio.gather(*(p.live() for p in phones),
                                              return_exceptions=True),
                               cfg["duration"] + 300)
        return [p.rec for p in phones]

    try:
        recs = asyncio.run(main())
    except Exception as exc:
        recs = [{"i": -1, "errors": [f"client process: {exc!r}"], "submits": [], "seen": []}]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    Path(out).write_text(json.dumps({"phones": recs,
                                     "cpu_s": usage.ru_utime + usage.ru_stime}))


# -- projector and console ----------------------------------------------------------------

async def screens(cfg: dict, tab_class=Tab) -> dict:
    """The projector and the facilitator's console, and the facilitator's moves."""
    port, code = cfg["port"], cfg["code"]
    projector = tab_class(port, "projector", f"code={code}")
    console = tab_class(port, "console", f"key={cfg['secret']}&workshop={cfg['wid']}")
    await projector.connect()
    await console.connect()
    renders, moves, console_runs = [], [], []

    shows = {"question": None}

    def note(r):
        """What a finished projector run (page or fragment) put on the screen."""
        count = 0
        for t in r.texts:
            if t.startswith("<h1") and "<h2" in t:
                prompt = html.unescape(t.split("<h2", 1)[1].split(">", 1)[1].split("</h2>")[0])
                shows["question"] = cfg["prompts"].get(prompt.strip(), shows["question"])
            if KINDS_LINE.match(t):
                count = max(count, sum(int(n) for n in re.findall(r": (\d+)", t)))
            found = WALL_COUNT.search(t)
            if found:
                count = max(count, int(found.group(1).replace(",", "")))
        # (Typed text reaches the page as character references: "&#91;d3-5&#93;".)
        renders.append([r.started, r.finished, shows["question"], count,
                        sorted(set(TAG.findall(html.unescape(" ".join(r.texts)))))])

    note(await projector.run())
    await console.run()
    end = cfg["t0"] + cfg["duration"] + cfg["settle"]

    async def timers(tab: Tab, on_render):
        due: dict[str, float] = {}
        while time.time() < end:
            now = time.time()
            for fid, every in list(tab.fragments.items()):
                if fid not in tab.fragments:  # gone: the page ran again without it
                    continue
                when = due.setdefault(fid, now + every)
                if now >= when:
                    r = await tab.run(fragment_id=fid, auto=True)
                    on_render(r)
                    due[fid] = max(when + every, time.time())
            await asyncio.sleep(0.02)

    async def facilitator():
        for at in cfg["moves"]:
            await asyncio.sleep(max(0.0, at - time.time()))
            started = time.time()
            if cfg["move_via"] == "console":
                nxt = console.widgets.get(("button", "Next ▶"))
                r = await console.run([trigger(nxt.id)])
                finished = r.finished
            else:  # the same move from another process, as `python -m workshop` would
                mover = await asyncio.create_subprocess_exec(
                    sys.executable, "-c", "import sys; from workshop.cli import open_workshops;"
                    " open_workshops().move(sys.argv[1], 1)", cfg["wid"], cwd=ROOT,
                    env=cfg["env"])
                await mover.wait()
                finished = time.time()
                started = finished  # the move happened when the process wrote it
            moves.append({"at": started, "console_s": round(finished - started, 3)})

    await asyncio.gather(
        timers(projector, note),
        timers(console, lambda r: console_runs.append(r.finished - r.started)),
        facilitator())
    await projector.close()
    await console.close()
    return {"renders": renders, "moves": moves, "console_fragment_s": console_runs,
            "screen_reconnects": sum(len(getattr(tab, "reconnected", ()))
                                     for tab in (projector, console))}


# -- the run ----------------------------------------------------------------------------

def open_files_limit(spec: str | None):
    """A preexec_fn giving the server the open-file limit `ulimit -Sn SOFT` (or, for
    `SOFT:HARD`, `ulimit -n` with both) would: the limit a laptop starts it with."""
    if not spec:
        return None
    soft, _, hard = spec.partition(":")

    def apply():
        _, now_hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        new_hard = min(int(hard), now_hard) if hard else now_hard
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(int(soft), new_hard), new_hard))
    return apply


def raise_own_open_files() -> int:
    """The client holds a socket per phone connection: its soft limit up to the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        return hard
    except (ValueError, OSError):
        return soft


class OpenFiles:
    """Samples how many files (sockets included) the front door and the app processes
    hold, once a second, on a thread: the peak of each."""

    def __init__(self, pid: int):
        import threading
        self.pid, self.front, self.apps = pid, 0, 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @staticmethod
    def count(pid: int) -> int:
        try:
            return len(os.listdir(f"/proc/{pid}/fd"))
        except OSError:
            return 0

    def _run(self) -> None:
        while not self.stopped.wait(1.0):
            pids = server_pids(self.pid)
            self.front = max(self.front, self.count(pids[0]))
            self.apps = max(self.apps, sum(self.count(p) for p in pids[1:]))

    def stop(self) -> dict:
        self.stopped.set()
        self.thread.join(5)
        return {"server_peak_files_front_door": self.front,
                "server_peak_files_app_processes": self.apps}


def start_server(env: dict, port: int, log: Path, extra: list[str],
                 processes: int, nofile: str | None = None) -> subprocess.Popen:
    """The app as `make run` serves it: `python -m workshop serve` (front door + app
    processes), on loopback; `nofile` as for open_files_limit."""
    return subprocess.Popen(
        [sys.executable, "-m", "workshop", "serve", "--port", str(port), "--address",
         "127.0.0.1", "--processes", str(processes), "--log-dir", str(log.parent),
         *[f"--streamlit-arg={a}" for a in extra]],
        cwd=ROOT, env=env, stdout=open(log, "ab"), stderr=subprocess.STDOUT,
        preexec_fn=open_files_limit(nofile))


def server_env(prefix: str) -> tuple[Path, int, dict]:
    """A fresh data folder, a free loopback port and the environment for a server on them
    (its own store and facilitator key; live status files where the app serves them)."""
    data = Path(tempfile.mkdtemp(prefix=prefix))
    port = free_port()
    env = {**os.environ, "WORKSHOP_DATA_DIR": str(data / "store"),
           "WORKSHOP_PORT": str(port), "WORKSHOP_PUBLIC_URL": f"http://127.0.0.1:{port}",
           "WORKSHOP_FACILITATOR_SECRET": secrets.token_urlsafe(12),
           "WORKSHOP_LIVE_DIR": str(ROOT / "static" / "live")}
    return data, port, env


def new_workshop(env: dict) -> dict:
    out = subprocess.run([sys.executable, "-m", "workshop", "create", "--title",
                          "Load test day", "--region", "East Midlands", "--scenario", PACK],
                         cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    created = dict(line.split(": ", 1) for line in out.strip().splitlines())
    subprocess.run([sys.executable, "-c",
                    "import sys; from workshop.cli import open_workshops; "
                    "open_workshops().set_status(sys.argv[1], 'open')", created["workshop"]],
                   cwd=ROOT, env=env, check=True)
    return created


def timeline(cfg, phones, screen) -> dict:
    """Every confirmed submission and every follow, in seconds from the start (for
    finding when the slow ones happen): written by --timeline."""
    t0 = cfg["t0"]
    return {
        "ramp_s": cfg["ramp"],
        "moves": [m["at"] - t0 for m in screen["moves"]],
        "submits": [{"at": round(s["sent"] - t0, 3), "what": s["what"],
                     "submit_s": round(s["done"] - s["sent"], 3),
                     "to_projector_s": s.get("to_projector") and round(s["to_projector"], 3)}
                    for p in phones for s in p["submits"] if s.get("outcome") == "ack"],
        "follow_s": sorted(round(f, 3) for p in phones for f in p.get("follow_s", [])),
    }


def analyse(cfg, phones, screen, data: Path | None, store=None, raw: bool = False) -> dict:
    """The figures (module doc), from the store read back after the server stopped (the
    files in `data`, or `store`); with `raw`, also the timings they summarise."""
    if store is None:
        from store import FileStore  # read back from disk, after the server stopped
        store = FileStore(data)
    comments = store.rows(cfg["wid"], "comments")
    answers = {a["id"]: a for a in store.rows(cfg["wid"], "answers")}
    by_text = {c["text"]: c for c in comments}
    rank = {}
    per_q: dict[str, int] = {}
    for c in comments:
        if not c["hidden"] and not c["withdrawn"]:
            per_q[c["question_id"]] = per_q.get(c["question_id"], 0) + 1
            rank[c["text"]] = per_q[c["question_id"]]

    submits = [s for p in phones for s in p["submits"]]
    acked = [s for s in submits if s.get("outcome") == "ack"]
    tokens = {id(s): p["token"] for p in phones for s in p["submits"]}
    stored, lost_examples = 0, []
    for s in acked:
        if s["what"] == "comment":
            # An edit sent after coming back may have been saved without the phone seeing
            # the confirmation: the comment then reads as edited, which is not a loss.
            row = by_text.get(s["text"]) or by_text.get(s.get("edit_tried"))
            ok = row is not None and row["question_id"] == s["q"]
        else:
            row = answers.get(f"{tokens[id(s)]}:{s['q']}")
            ok = row is not None and row["values"] == s["values"]
        stored += ok
        if not ok and len(lost_examples) < 5:
            lost_examples.append({"sent": s, "stored_row": row})

    renders = screen["renders"]
    to_projector, missed = [], 0
    for s in acked:
        s["to_projector"] = None
        if s["what"] != "comment":
            continue
        tag = TAG.search(s["text"]).group(0)
        r_needed = rank.get(s["text"], 10**9)
        shown = next((r[1] for r in renders if r[1] >= s["sent"] and r[2] == s["q"]
                      and (r[3] >= r_needed or tag in r[4])), None)
        if shown is None:
            missed += 1
        else:
            to_projector.append(shown - s["sent"])
            s["to_projector"] = shown - s["sent"]

    follow, follow_missed = [], 0
    move_times = [m["at"] for m in screen["moves"]]
    targets = cfg["move_targets"]
    for at, target in zip(move_times, targets):
        for p in phones:
            away = p.get("away")
            if not p["token"] or (away and away[0] <= at + 30 and (away[1] or 1e18) >= at - 5):
                continue  # asleep around the move: it shows the question when it wakes
            seen = next((t for q, t in p["seen"] if q == target and t >= at), None)
            if seen is None:
                follow_missed += 1
            else:
                follow.append(seen - at)
                p.setdefault("follow_s", []).append(seen - at)

    submit_s = [s["done"] - s["sent"] for s in acked]
    reconnects = [p["reconnect"] for p in phones if p.get("reconnect")]
    errors = [e for p in phones for e in p["errors"]]
    errors += [s.get("detail") or "no confirmation shown" for s in submits
               if s.get("outcome") == "error"]
    return {
        "delegates": cfg["delegates"],
        "joined": sum(1 for p in phones if p["token"]),
        "submitted": len(submits),
        "acknowledged": len(acked),
        "stored": stored,
        "lost": len(acked) - stored,
        "refused": sum(1 for s in submits if s.get("outcome") == "refused"),
        "overtaken": sum(1 for s in submits if s.get("outcome") == "overtaken"),
        "errors": len(errors),
        "comments_acknowledged": sum(1 for s in acked if s["what"] == "comment"),
        "answers_acknowledged": sum(1 for s in acked if s["what"] == "answer"),
        "p50_submit_s": pct(submit_s, 50),
        "p95_submit_s": pct(submit_s, 95),
        "max_submit_s": round(max(submit_s), 3) if submit_s else None,
        "p50_submit_to_projector_s": pct(to_projector, 50),
        "p95_submit_to_projector_s": pct(to_projector, 95),
        "projector_missed": missed,
        "p50_follow_s": pct(follow, 50),
        "p95_follow_s": pct(follow, 95),
        "max_follow_s": round(max(follow), 3) if follow else None,
        "follow_missed": follow_missed,
        "moves": len(move_times),
        "console_next_s": [m["console_s"] for m in screen["moves"]],
        "projector_renders": len(renders),
        "p50_projector_render_s": pct([r[1] - r[0] for r in renders], 50),
        "p95_projector_render_s": pct([r[1] - r[0] for r in renders], 95),
        "p95_console_fragment_s": pct(screen["console_fragment_s"], 95),
        "reconnects": len(reconnects),
        "reconnects_same_delegate": sum(1 for r in reconnects if r.get("same_delegate")),
        "reconnects_seeing_own_comments": sum(1 for r in reconnects if r.get("sees_own")),
        "edits_after_reconnect": sum(1 for r in reconnects if r.get("edited")),
        "store_comments": len(comments),
        "error_examples": sorted(set(errors))[:5],
        "lost_examples": lost_examples,
        **({"raw": {"submit_s": submit_s, "to_projector_s": to_projector,
                    "follow_s": follow, "errors": errors}} if raw else {}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--delegates", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--ramp", type=float, default=None,
                        help="seconds over which phones join (default: min(60, 25%% of run))")
    parser.add_argument("--comment-every", type=float, default=90.0,
                        help="mean seconds between one phone's comments")
    parser.add_argument("--typing", default="15,60",
                        help="MIN,MAX seconds a phone reads a new comment question and types "
                             "before its next comment can go (0,0: comments held back during a "
                             "poll all go the moment the comment question is back)")
    parser.add_argument("--reconnect-share", type=float, default=0.1,
                        help="share of phones that drop and come back as a new session")
    parser.add_argument("--away", type=float, default=15.0,
                        help="seconds a dropped phone stays away")
    parser.add_argument("--workers", type=int, default=None,
                        help="client processes (default: 1 per 250 phones, at least 1)")
    parser.add_argument("--server-arg", action="append", default=[],
                        help="extra `streamlit run` option, e.g. --server-arg=--runner."
                             "postScriptGC=true")
    parser.add_argument("--move-via", choices=["console", "core"], default="console",
                        help="press Next in the console tab (default), or move from another "
                             "process through the workshop core (leaves the console's own "
                             "rerun cost out)")
    parser.add_argument("--processes", type=int, default=None,
                        help="app processes behind the front door (default: as "
                             "`python -m workshop serve`, one per core, at most 4)")
    parser.add_argument("--server-nofile", default=None, metavar="SOFT[:HARD]",
                        help="start the server with this open-file limit, as after `ulimit "
                             "-Sn SOFT` (1024 is the usual Linux default); SOFT:HARD also "
                             "lowers the hard limit the server may raise itself to")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the data folder")
    parser.add_argument("--timeline", type=Path, default=None,
                        help="write every confirmed submission and follow, timed, here")
    args = parser.parse_args()
    n = max(1, min(args.delegates, 2000))
    duration = max(15.0, min(args.minutes * 60, 1800.0))
    ramp = args.ramp if args.ramp is not None else min(60.0, 0.25 * duration)
    ramp = max(1.0, min(ramp, duration / 2))
    try:
        typing = sorted(max(0.0, float(x)) for x in args.typing.split(","))
        assert len(typing) == 2
    except (ValueError, AssertionError):
        parser.error("--typing takes MIN,MAX in seconds, e.g. 15,60")
    workers = max(1, min(args.workers or math.ceil(n / 250), 8, n))

    data, port, env = server_env("load-bench-")
    secret = env["WORKSHOP_FACILITATOR_SECRET"]
    created = new_workshop(env)
    pack = load_packs(ROOT / "scenarios")[PACK]
    questions = list(pack.questions)
    start = next(i for i, q in enumerate(questions) if q.id == questions[0].id)
    after = [questions[start + 1].id, questions[start + 2].id]
    processes = args.processes or default_processes()
    client_files = raise_own_open_files()
    proc = start_server(env, port, data / "server.log", args.server_arg, processes,
                        args.server_nofile)
    files = OpenFiles(proc.pid)
    status_file = follow.status_path(
        env["WORKSHOP_LIVE_DIR"], created["join code"], env["WORKSHOP_FACILITATOR_SECRET"])
    try:
        wait_healthy(port)
        t0 = time.time() + 2
        span = duration - ramp
        cfg = {"port": port, "code": created["join code"], "wid": created["workshop"],
               "follow": status_file.stem,
               "secret": secret, "seed": args.seed, "delegates": n, "t0": t0,
               "duration": duration, "ramp": ramp, "settle": 8.0,
               "comment_every": max(2.0, args.comment_every),
               "typing": typing,
               "reconnect_share": max(0.0, min(args.reconnect_share, 1.0)),
               "away": max(1.0, min(args.away, span / 4)),
               "moves": [t0 + ramp + 0.4 * span, t0 + ramp + 0.65 * span],
               "move_targets": after, "move_via": args.move_via, "env": env,
               "prompts": {q.prompt.strip(): q.id for q in questions},
               "kinds": {q.id: q.kind for q in questions}}
        cpu0 = proc_cpu(proc.pid)
        outs, children = [], []
        ctx = multiprocessing.get_context("fork")
        for w in range(workers):
            out = str(data / f"phones-{w}.json")
            child = ctx.Process(target=phones_process, args=(cfg, list(range(w, n, workers)), out))
            child.start()
            outs.append(out)
            children.append(child)
        screen = asyncio.run(screens(cfg))
        for child in children:
            child.join(max(5.0, t0 + duration + 300 - time.time()))
            if child.is_alive():
                child.kill()
        server_cpu = proc_cpu(proc.pid) - cpu0
        peak_rss = proc_peak_rss_mb(proc.pid)
    finally:
        peak_files = files.stop()
        stop_server(proc)
        status_file.unlink(missing_ok=True)
    phones, client_cpu = [], 0.0
    for out in outs:
        if Path(out).exists():
            got = json.loads(Path(out).read_text())
            phones += [p for p in got["phones"] if p["i"] >= 0]
            client_cpu += got["cpu_s"]
    result = analyse(cfg, phones, screen, data / "store")
    if args.timeline:
        args.timeline.write_text(json.dumps(timeline(cfg, phones, screen)))
    own = resource.getrusage(resource.RUSAGE_SELF)
    result.update({
        "server_cpu_s": round(server_cpu, 1),
        "server_cpu_cores": round(server_cpu / (duration + cfg["settle"]), 2),
        "server_peak_rss_mb": round(peak_rss, 1),
        "client_cpu_s": round(client_cpu + own.ru_utime + own.ru_stime, 1),
        "minutes": round(duration / 60, 2), "ramp_s": ramp, "client_processes": workers,
        "server_args": args.server_arg, "move_via": args.move_via,
        "app_processes": processes,
        "server_nofile": args.server_nofile, "client_nofile": client_files,
        "server_log_bytes": sum(f.stat().st_size for f in data.glob("*.log")),
        **peak_files,
    })
    if args.keep:
        result["data"] = str(data)
    else:
        import shutil
        shutil.rmtree(data, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
