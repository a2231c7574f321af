"""Phones across several workshops on app servers behind HAProxy, sharing PostgreSQL.

The hosted set-up of docs/hosting.md, on this machine's loopback: a throwaway PostgreSQL
server (store/pg_local.py), `--servers` app servers (`streamlit run workshop_hosted.py`,
each standing for a machine of its own) and HAProxy in front (workshop/hosting.py: cookie
affinity, health checks). `--workshops` open workshops, each with its projector and its
facilitator's console; `--delegates` phones shared among them. Everything goes through
HAProxy, as browsers on the internet would.

The phones, projectors and consoles are bench/load.py's, speaking Streamlit's browser
protocol, with a browser's cookies (HAProxy's SERVERID keeps each on its server). The
facilitators move on twice, a few seconds apart from one workshop to the next.

With `--kill-one`, app server 1 is killed (SIGKILL, as a machine that fails) halfway
through the run, 8 s after the last workshop moved to the poll, while phones are
answering it. Like a browser's page, each phone whose
connection drops connects again (HAProxy sends it to a server still up) with its link,
`me=` token and all, and must be the same delegate there; projectors and consoles
reconnect the same way. reconnect: from the kill until the phone's page shows it is the
same delegate again.

The last line printed is one JSON object: delegates, joined, acknowledged, stored, lost,
p95_submit_to_projector_s, p95_follow_s, and with --kill-one failovers,
failovers_same_delegate, p95_reconnect_s; server_cpu_s (app servers and HAProxy),
db_cpu_s, phones_per_core.

    python bench/hosted.py --delegates 1000 --workshops 5 --servers 3 [--kill-one]
        [--minutes 4] [--nofile 1024]

Loopback only; bounded in delegates (<= 2000) and time (<= 30 minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import multiprocessing
import os
import secrets
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from websockets.protocol import State  # noqa: E402

from bench.aioclient import StatusPoller, Tab  # noqa: E402
from bench.load import (PACK, Phone, analyse, new_workshop, pct, phones_process,  # noqa: E402
                        raise_own_open_files, screens)
from workshop import follow  # noqa: E402
from workshop.hosting import Stack, free_port  # noqa: E402
from workshop.scenarios import load_packs  # noqa: E402

_DROPPED = (websockets.ConnectionClosed, websockets.InvalidHandshake, OSError,
            asyncio.TimeoutError, EOFError)


def closed(tab: Tab | None) -> bool:
    return tab is not None and tab.ws is not None and tab.ws.state in (State.CLOSING,
                                                                       State.CLOSED)


class ScreenTab(Tab):
    """A projector or console tab that, like the page in a browser, connects again when
    its server goes (through HAProxy, to one still up) and runs the page afresh. Its runs
    (the console's button and its fragments' timers) go one at a time, so none is sent to
    a session that does not know its fragment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, cookies={}, **kwargs)
        self.reconnected: list[float] = []
        self.one_at_a_time = asyncio.Lock()

    async def run(self, states=(), fragment_id: str = "", auto: bool = False):
        async with self.one_at_a_time:
            if self.ws is not None and closed(self):
                await self._again()
            if fragment_id and fragment_id not in self.fragments:
                fragment_id, auto = "", False  # a new session: the whole page
            try:
                return await super().run(states, fragment_id, auto)
            except _DROPPED:
                pass
            # What was sent may or may not have arrived: the page is shown again as it is
            # now, without pressing anything twice.
            while True:
                await self._again()
                try:
                    return await super().run()
                except _DROPPED:
                    continue

    async def _again(self) -> None:
        await self.close()
        self.fragments.clear()
        while True:
            await asyncio.sleep(1.0)
            try:
                await self.connect()
                self.reconnected.append(time.time())
                return
            except _DROPPED:
                await self.close()


class HostedPhone(Phone):
    """A phone in a browser: HAProxy's cookie kept, and its page connecting again (as the
    same delegate, by the link's token) when the server it was on goes."""

    def __init__(self, i: int, cfg: dict):
        workshop = cfg["workshops"][i % len(cfg["workshops"])]
        super().__init__(i, {**cfg, **workshop,
                             "moves": [m + workshop["offset"] for m in cfg["moves"]]})
        self.cookies: dict[str, str] = {}
        self.rec["workshop"] = i % len(cfg["workshops"])
        self.rec["failovers"] = []

    def new_tab(self, query: str) -> Tab:
        return Tab(self.cfg["port"], "", query, source=self.source, cookies=self.cookies)

    def new_poller(self) -> StatusPoller:
        return StatusPoller(self.cfg["port"], f"/_workshop/live/{self.cfg['follow']}",
                            source=self.source, cookies=self.cookies)

    async def live(self) -> None:
        end = self.cfg["t0"] + self.cfg["duration"]
        watcher = asyncio.create_task(self.watch(end))
        try:
            await super().live()
        finally:
            watcher.cancel()

    async def watch(self, end: float) -> None:
        """Notice the page's connection dropping (not by the phone itself) and connect
        again, as Streamlit's page does."""
        while time.time() < end - 3:
            await asyncio.sleep(0.25)
            tab = self.tab
            if self.away or not closed(tab) or not self.rec["token"]:
                continue
            dropped = time.time()
            server = self.cookies.get("SERVERID")
            self.question = None  # nothing is sent while the page is reconnecting
            rec = {"dropped": dropped, "server": server, "back": None,
                   "same_delegate": False, "tries": 0}
            self.rec["failovers"].append(rec)
            while time.time() < end and rec["back"] is None:
                await asyncio.sleep(min(0.5 * 2 ** rec["tries"], 4.0))
                rec["tries"] += 1
                again = self.new_tab(tab.query)
                try:
                    await again.connect()
                    r = await again.run()
                except Exception as exc:
                    rec["error"] = repr(exc)[:200]
                    await again.close()
                    continue
                token = parse_qs(again.query).get("me", [None])[0]
                rec["back"] = r.finished
                rec["same_delegate"] = r.has("You joined as") and token == self.rec["token"]
                rec["now_on"] = self.cookies.get("SERVERID")
                self.tab = again
                self.view(r)


def workshop_cfgs(env: dict, count: int, stagger: float) -> list[dict]:
    """`count` open workshops on the pack, made through the store (the database)."""
    made = []
    for n in range(count):
        created = new_workshop(env)
        made.append({"code": created["join code"], "wid": created["workshop"],
                     "follow": follow.follow_name(created["join code"],
                                                  env["WORKSHOP_FACILITATOR_SECRET"]),
                     "offset": n * stagger})
    return made


class CpuSampler:
    """CPU seconds of the app servers and HAProxy, and of PostgreSQL's processes, sampled
    every second (a killed server's last sample is kept); and the busiest second's cores."""

    def __init__(self, stack: Stack, pg_folder: str):
        self.stack, self.pg_folder = stack, pg_folder
        self.seen: dict[int, tuple[str, float]] = {}
        self.peak_cores = 0.0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @staticmethod
    def cpu(pid: int) -> float | None:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def _db_pids(self) -> list[int]:
        """PostgreSQL's server process (its CPU counts its ended children's) and its
        children now."""
        try:
            main = int((Path(self.pg_folder) / "data" / "postmaster.pid").read_text()
                       .split()[0])
            children = Path(f"/proc/{main}/task/{main}/children").read_text().split()
        except (OSError, ValueError, IndexError):
            return []
        return [main, *map(int, children)]

    def _sample(self) -> float:
        app = [p.pid for p in [self.stack.haproxy, *self.stack.procs] if p is not None]
        for kind, pids in (("server", app), ("db", self._db_pids())):
            for pid in pids:
                used = self.cpu(pid)
                if used is not None:
                    self.seen[pid] = (kind, used)
        return sum(v for k, v in self.seen.values() if k == "server")

    def _run(self) -> None:
        last, at = self._sample(), time.time()
        while not self.stopped.wait(1.0):
            now_cpu, now = self._sample(), time.time()
            self.peak_cores = max(self.peak_cores, (now_cpu - last) / max(now - at, 1e-3))
            last, at = now_cpu, now

    def totals(self) -> dict:
        self.stopped.set()
        self.thread.join(5)
        return {kind: sum(v for k, v in self.seen.values() if k == kind)
                for kind in ("server", "db")}


def run(args) -> dict:
    from store.pg_local import LocalServer
    n = max(1, min(args.delegates, 2000))
    duration = max(30.0, min(args.minutes * 60, 1800.0))
    ramp = args.ramp if args.ramp is not None else min(90.0, 0.3 * duration)
    workers = max(1, min(args.workers or math.ceil(n / 250), 8, n))
    client_files = raise_own_open_files()
    data = Path(tempfile.mkdtemp(prefix="hosted-bench-"))
    db = LocalServer({"max_connections": "200"}).start()
    try:
        return _run(args, n, duration, ramp, workers, client_files, data, db)
    finally:
        db.stop()
        if not args.keep:
            shutil.rmtree(data, ignore_errors=True)


def _run(args, n, duration, ramp, workers, client_files, data, db) -> dict:
    from store.postgres import PgStore
    stack = None
    try:
        port = free_port()
        env = {**os.environ, "WORKSHOP_STORE": db.url(),
               "WORKSHOP_DATA_DIR": str(data / "store"), "WORKSHOP_LIVE_DIR": str(data / "live"),
               "WORKSHOP_PORT": str(port), "WORKSHOP_PUBLIC_URL": f"http://127.0.0.1:{port}",
               "WORKSHOP_FACILITATOR_SECRET": secrets.token_urlsafe(12)}
        workshops = workshop_cfgs(env, max(1, args.workshops), args.stagger)
        stack = Stack(args.servers, env, port=port, folder=data / "logs",
                      nofile=args.nofile).start()
        cpu = CpuSampler(stack, str(db.folder))
        pack = load_packs(ROOT / "scenarios")[PACK]
        questions = list(pack.questions)
        after = [questions[1].id, questions[2].id]
        t0 = time.time() + 3
        span = duration - ramp
        moves = [t0 + ramp + 0.4 * span, t0 + ramp + 0.7 * span]
        # While the poll's answers come in (2-10 s after each phone sees it), once every
        # workshop has moved to it (reconnecting and following are measured apart).
        kill_at = moves[0] + workshops[-1]["offset"] + 8.0 if args.kill_one else None
        cfg = {"port": port, "secret": env["WORKSHOP_FACILITATOR_SECRET"], "seed": args.seed,
               "delegates": n, "t0": t0, "duration": duration, "ramp": ramp, "settle": 8.0,
               "comment_every": max(2.0, args.comment_every), "typing": [15.0, 45.0],
               "reconnect_share": max(0.0, min(args.reconnect_share, 1.0)),
               "away": 10.0, "moves": moves, "move_targets": after, "move_via": "console",
               "env": env, "workshops": workshops,
               "prompts": {q.prompt.strip(): q.id for q in questions},
               "kinds": {q.id: q.kind for q in questions}}
        outs, children = [], []
        ctx = multiprocessing.get_context("fork")
        for w in range(workers):
            out = str(data / f"phones-{w}.json")
            child = ctx.Process(target=phones_process,
                                args=(cfg, list(range(w, n, workers)), out, HostedPhone))
            child.start()
            outs.append(out)
            children.append(child)

        async def room():
            async def killer():
                await asyncio.sleep(max(0.0, kill_at - time.time()))
                stack.kill(0)

            tasks = [screens({**cfg, **w, "moves": [m + w["offset"] for m in moves]},
                             tab_class=ScreenTab) for w in workshops]
            if kill_at is not None:
                tasks.append(killer())
            return await asyncio.gather(*tasks)

        shown = asyncio.run(room())[:len(workshops)]
        for child in children:
            child.join(max(5.0, t0 + duration + 300 - time.time()))
            if child.is_alive():
                child.kill()
        used = cpu.totals()
        peak_cores = cpu.peak_cores
    finally:
        if stack is not None:
            stack.stop()
    phones = []
    for out in outs:
        if Path(out).exists():
            phones += [p for p in json.loads(Path(out).read_text())["phones"] if p["i"] >= 0]
    store = PgStore(db.url())
    try:
        per = []
        for k, w in enumerate(workshops):
            wcfg = {**cfg, **w, "moves": [m + w["offset"] for m in moves],
                    "delegates": sum(1 for p in phones if p.get("workshop") == k)}
            per.append(analyse(wcfg, [p for p in phones if p.get("workshop") == k],
                               shown[k], None, store=store, raw=True))
    finally:
        store.close()
    result = summarise(per, phones, n, kill_at)
    seconds = duration + cfg["settle"]
    cores = used["server"] / seconds
    result.update({
        "workshops": len(workshops), "app_servers": args.servers, "minutes": duration / 60,
        "ramp_s": ramp, "server_nofile": args.nofile, "client_nofile": client_files,
        "server_cpu_s": round(used["server"], 1), "db_cpu_s": round(used["db"], 1),
        "server_cpu_cores": round(cores, 2), "db_cpu_cores": round(used["db"] / seconds, 2),
        "server_peak_cores": round(peak_cores, 2),
        "phones_per_core": round(n / max(cores + used["db"] / seconds, 1e-6)),
        "screen_reconnects": sum(s.get("screen_reconnects", 0) for s in shown),
    })
    if args.keep:
        result["data"] = str(data)
    return result


def summarise(per: list[dict], phones: list[dict], n: int, kill_at: float | None) -> dict:
    """One workshop's figures added up over all of them; percentiles over every sample."""
    def total(key):
        return sum(r[key] for r in per)
    raw = {k: [v for r in per for v in r["raw"][k]] for k in per[0]["raw"]}
    result = {
        "delegates": n,
        "joined": total("joined"),
        "submitted": total("submitted"),
        "acknowledged": total("acknowledged"),
        "comments_acknowledged": total("comments_acknowledged"),
        "answers_acknowledged": total("answers_acknowledged"),
        "stored": total("stored"),
        "lost": total("lost"),
        "refused": total("refused"),
        "overtaken": total("overtaken"),
        "errors": total("errors"),
        "p50_submit_s": pct(raw["submit_s"], 50),
        "p95_submit_s": pct(raw["submit_s"], 95),
        "p50_submit_to_projector_s": pct(raw["to_projector_s"], 50),
        "p95_submit_to_projector_s": pct(raw["to_projector_s"], 95),
        "projector_missed": total("projector_missed"),
        "p50_follow_s": pct(raw["follow_s"], 50),
        "p95_follow_s": pct(raw["follow_s"], 95),
        "max_follow_s": round(max(raw["follow_s"]), 3) if raw["follow_s"] else None,
        "follow_missed": total("follow_missed"),
        "moves": total("moves"),
        "console_next_s": [t for r in per for t in r["console_next_s"]],
        "reconnects": total("reconnects"),
        "reconnects_same_delegate": total("reconnects_same_delegate"),
        "lost_examples": [e for r in per for e in r["lost_examples"]][:5],
        "error_examples": sorted(set(raw["errors"]))[:5],
    }
    if kill_at is not None:
        failovers = [f for p in phones for f in p.get("failovers", [])
                     if f["dropped"] >= kill_at - 1]
        back = [f["back"] - kill_at for f in failovers if f["back"] is not None]
        result.update({
            "killed": "app1",
            "failovers": len(failovers),
            "failovers_back": len(back),
            "failovers_same_delegate": sum(1 for f in failovers if f["same_delegate"]),
            "p50_reconnect_s": pct(back, 50),
            "p95_reconnect_s": pct(back, 95),
            "max_reconnect_s": round(max(back), 3) if back else None,
            "failover_examples": [f for f in failovers if not f["same_delegate"]][:3],
        })
    return result


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--delegates", type=int, default=100)
    parser.add_argument("--workshops", type=int, default=5)
    parser.add_argument("--servers", type=int, default=3, help="app servers")
    parser.add_argument("--kill-one", action="store_true",
                        help="kill app server 1 halfway through the poll")
    parser.add_argument("--minutes", type=float, default=4.0)
    parser.add_argument("--ramp", type=float, default=None,
                        help="seconds over which phones join (default: min(90, 30%% of run))")
    parser.add_argument("--comment-every", type=float, default=90.0,
                        help="mean seconds between one phone's comments")
    parser.add_argument("--reconnect-share", type=float, default=0.05,
                        help="share of phones that drop and come back by themselves")
    parser.add_argument("--stagger", type=float, default=3.0,
                        help="seconds between one workshop's move and the next's")
    parser.add_argument("--workers", type=int, default=None,
                        help="client processes (default: 1 per 250 phones)")
    parser.add_argument("--nofile", default=None, metavar="SOFT",
                        help="the app servers' open-file soft limit, as after `ulimit -Sn "
                             "SOFT` (1024 on a usual Linux server)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the logs and data")
    args = parser.parse_args(argv)
    result = run(args)
    shown = ["lost", "joined", "p95_submit_to_projector_s", "p95_follow_s"]
    if args.kill_one:
        shown += ["failovers", "failovers_same_delegate", "p95_reconnect_s"]
    for key in shown:
        print(f"{key}: {result.get(key)}")
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
