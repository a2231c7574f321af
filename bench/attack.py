"""One address attacks the room's front door; do the other phones still follow the presenter?

Starts the app as `make run` does (`python -m workshop serve`, like bench/load.py, with its
own temporary data folder and an open workshop; `--server-nofile 1024` starts it with the
usual Linux open-file limit), lets `--phones` phones join over Streamlit's browser
protocol, each from its own loopback address, and hold a request open at the front door's
`/_workshop/live/<name>` as the page's follow component does. Then, from ONE other
address (127.0.66.6), from a client process of its own:

- `--half-open N` connections that send part of a request head and never finish it; one
  the server closes is opened again half a second later, so the attacker keeps trying to
  hold N;
- `--waits N` connections each holding a live request open at the workshop's current
  version (the "has the facilitator moved on?" wait), asked again when answered (3 s
  after a 429, as the follow component does), opened again half a second after being
  closed (`--wait-addresses K` spreads them over K addresses instead);

while a probe from another address opens a new connection for the app's health page
every second and the facilitator moves on `--moves` times (through the workshop core,
as another process).

Printed: how many attacking connections the attacker had open, how long the
phones took to show each new question (follow: from the move until the phone's page shows
it), the probe's answers, the server's open files, and the size of the server's logs
(front door and app processes). The last line is one JSON object.

    python bench/attack.py [--phones 30] [--half-open 1000] [--waits 3000]
        [--seconds 90] [--server-nofile 1024]

Loopback only; bounded in connections (<= 5000 each), phones (<= 300) and time (<= 600 s).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load import (PACK, OpenFiles, Phone, new_workshop, pct,  # noqa: E402
                        raise_own_open_files, server_env, start_server)
from workshop import follow  # noqa: E402
from workshop.scenarios import load_packs  # noqa: E402
from workshop.serve import stop_server, wait_healthy  # noqa: E402

ATTACKER = "127.0.66.6"
PROBE = "127.0.77.7"


class Tally:
    """What the attacker managed: connections open now and at most, and what happened."""

    def __init__(self):
        self.open = 0
        self.peak = 0
        self.opened = 0
        self.closed_by_server = 0
        self.timed_out = 0     # answered 408 (a head not finished in time)
        self.refused = 0       # answered 429/503 (too many from one address, or full)
        self.failed = 0        # could not even connect
        self.answered = 0      # live waits answered (a move, or the wait's time up)

    def up(self):
        self.open += 1
        self.opened += 1
        self.peak = max(self.peak, self.open)

    def as_dict(self):
        return {k: v for k, v in vars(self).items() if k != "open"}


async def connect(port: int, source: str, tally: Tally):
    """A connection from `source` to the server, counted; None (after a pause) if refused."""
    try:
        pair = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
    except OSError:
        tally.failed += 1
        await asyncio.sleep(1.0)
        return None
    tally.up()
    return pair


async def half_open(port: int, source: str, tally: Tally, end: float) -> None:
    """Connect, send part of a head, never finish; again if the server closes it."""
    while time.time() < end:
        if not (pair := await connect(port, source, tally)):
            continue
        reader, writer = pair
        try:
            writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow")
            got = await asyncio.wait_for(reader.read(256), max(0.1, end - time.time()))
            tally.closed_by_server += 1
            if got.startswith((b"HTTP/1.1 429", b"HTTP/1.1 503")):
                tally.refused += 1
            elif got.startswith(b"HTTP/1.1 408"):
                tally.timed_out += 1
        except (OSError, asyncio.TimeoutError):
            pass
        finally:
            tally.open -= 1
            writer.close()
        await asyncio.sleep(0.5)  # bounded: at most two connections a second each


async def idle_wait(port: int, source: str, name: str, version: int, tally: Tally,
                    end: float) -> None:
    """Hold a live request open at the current version; ask again when answered."""
    while time.time() < end:
        if not (pair := await connect(port, source, tally)):
            continue
        reader, writer = pair
        try:
            while time.time() < end:
                writer.write(f"GET /_workshop/live/{name}?v={version} HTTP/1.1\r\n"
                             f"Host: 127.0.0.1\r\n\r\n".encode())
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"),
                                              max(0.1, end - time.time()))
                length = next((int(h.split(b":")[1]) for h in head.split(b"\r\n")
                               if h.lower().startswith(b"content-length:")), 0)
                body = await reader.readexactly(length)
                if head.startswith((b"HTTP/1.1 429", b"HTTP/1.1 503")):
                    tally.refused += 1
                    await asyncio.sleep(3.0)  # as the page's follow component does
                    continue
                tally.answered += 1
                try:
                    version = json.loads(body)["v"]
                except (ValueError, KeyError):
                    pass
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            tally.closed_by_server += 1
        except asyncio.TimeoutError:
            pass
        finally:
            tally.open -= 1
            writer.close()
        await asyncio.sleep(0.5)


async def probe(port: int, end: float, out: list) -> None:
    """Another device asks for the health page once a second: [seconds or None]."""
    while time.time() < end:
        started = time.time()
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(
                "127.0.0.1", port, local_addr=(PROBE, 0)), 10)
            writer.write(b"GET /_stcore/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"Connection: close\r\n\r\n")
            got = await asyncio.wait_for(reader.read(), 10)
            writer.close()
            out.append(time.time() - started if got.startswith(b"HTTP/1.1 200") else None)
        except (OSError, asyncio.TimeoutError):
            out.append(None)
        await asyncio.sleep(max(0.0, started + 1 - time.time()))


async def move(env: dict, wid: str) -> float:
    mover = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import sys; from workshop.cli import open_workshops;"
        " open_workshops().move(sys.argv[1], 1)", wid, cwd=ROOT, env=env)
    await mover.wait()
    return time.time()


async def attack(cfg: dict, opts: dict) -> dict:
    """The attacking address's connections (in a process of its own, so its thousands of
    connections do not slow the phones' and the probe's own client)."""
    port, end = cfg["port"], cfg["attack_end"]
    halves, waits = Tally(), Tally()
    live = json.loads(cfg["status_file"].read_text())
    sources = [f"127.0.{66 + k // 250}.{6 + k % 250}" for k in range(opts["wait_addresses"])]
    tasks = [asyncio.create_task(half_open(port, ATTACKER, halves, end))
             for _ in range(opts["half_open"])]
    tasks += [asyncio.create_task(idle_wait(port, sources[k % len(sources)], cfg["follow"],
                                            live["v"], waits, end))
              for k in range(opts["waits"])]
    held = []  # [time, half-open connections open, waits open], once a second
    while time.time() < end:
        held.append([time.time(), halves.open, waits.open])
        await asyncio.sleep(1.0)
    await asyncio.gather(*tasks, return_exceptions=True)
    return {"half_open": halves.as_dict(), "waits": waits.as_dict(), "held": held,
            "addresses": len(sources)}


def attacker_process(cfg: dict, opts: dict, out: str) -> None:
    raise_own_open_files()
    Path(out).write_text(json.dumps(asyncio.run(attack(cfg, opts))))


async def room(cfg: dict, args, env: dict) -> dict:
    port, end = cfg["port"], cfg["t0"] + cfg["duration"]
    phones = [Phone(i, cfg) for i in range(cfg["phones"])]

    async def join(p: Phone):
        await asyncio.sleep(p.rng.uniform(0, 5))
        try:
            return await p.join()
        except Exception as exc:
            p.rec["errors"].append(f"join: {exc!r}"[:200])
            return False
    joined = await asyncio.gather(*(join(p) for p in phones))
    followers = [asyncio.create_task(p.follow(end)) for p, ok in zip(phones, joined) if ok]

    cfg["attack_end"] = end - 5
    out = str(cfg["data"] / "attacker.json")
    opts = {"half_open": args.half_open, "waits": args.waits,
            "wait_addresses": args.wait_addresses}
    attacker = multiprocessing.get_context("fork").Process(
        target=attacker_process, args=(cfg, opts, out))
    attacker.start()
    probes: list = []
    prober = asyncio.create_task(probe(port, cfg["attack_end"], probes))

    await asyncio.sleep(args.settle)  # the attack is under way
    moves = []
    gap = (cfg["attack_end"] - time.time() - 10) / max(1, args.moves)
    for k in range(args.moves):
        at = await move(env, cfg["wid"])
        moves.append({"at": at, "target": cfg["targets"][k]})
        await asyncio.sleep(max(5.0, gap))
    await prober
    await asyncio.gather(*followers, return_exceptions=True)
    for p in phones:
        if p.tab is not None:
            await p.tab.close()
    await asyncio.get_running_loop().run_in_executor(None, attacker.join, 60)
    if attacker.is_alive():
        attacker.kill()
    got = json.loads(Path(out).read_text()) if Path(out).exists() else {
        "half_open": {}, "waits": {}, "held": [], "addresses": 0}

    follow, missed, misses = [], 0, []
    for m in moves:
        for p, ok in zip(phones, joined):
            if not ok:
                continue
            seen = next((t for q, t in p.rec["seen"] if q == m["target"] and t >= m["at"]),
                        None)
            if seen is None:
                missed += 1
                misses.append({"phone": p.i, "move": m["target"],
                               "seen": [q for q, _ in p.rec["seen"]][-3:]})
            else:
                follow.append(seen - m["at"])
        # What the attacker held open at that moment.
        moved = m.pop("at")
        at = max((h for h in got["held"] if h[0] <= moved), default=[0, None, None])
        m.update(half_open_open=at[1], waits_open=at[2])
    answered = [s for s in probes if s is not None]
    return {
        "phones": len(phones), "joined": sum(joined),
        "moves": moves,
        "p50_follow_s": pct(follow, 50), "p95_follow_s": pct(follow, 95),
        "max_follow_s": round(max(follow), 3) if follow else None,
        "follow_missed": missed, "missed_examples": misses[:5],
        "probe_requests": len(probes), "probe_failed": len(probes) - len(answered),
        "p50_probe_s": pct(answered, 50), "p95_probe_s": pct(answered, 95),
        "half_open": {"tried": args.half_open, **got["half_open"]},
        "waits": {"tried": args.waits, "addresses": got["addresses"], **got["waits"]},
        "phone_errors": sorted({e for p in phones for e in p.rec["errors"]})[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--half-open", type=int, default=1000)
    parser.add_argument("--waits", type=int, default=3000)
    parser.add_argument("--wait-addresses", type=int, default=1,
                        help="spread the live waits over this many addresses")
    parser.add_argument("--seconds", type=float, default=90.0)
    parser.add_argument("--moves", type=int, default=3)
    parser.add_argument("--settle", type=float, default=15.0,
                        help="seconds of attack before the first move")
    parser.add_argument("--server-nofile", default=None, metavar="SOFT[:HARD]",
                        help="the server's open-file limit, as in bench/load.py")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the data folder")
    args = parser.parse_args()
    args.half_open = max(0, min(args.half_open, 5000))
    args.waits = max(0, min(args.waits, 5000))
    args.wait_addresses = max(1, min(args.wait_addresses, 500))
    args.moves = max(1, min(args.moves, 2))  # the pack's questions after the first
    duration = max(40.0, min(args.seconds, 600.0))
    n = max(1, min(args.phones, 300))
    client_files = raise_own_open_files()

    data, port, env = server_env("attack-bench-")
    created = new_workshop(env)
    questions = list(load_packs(ROOT / "scenarios")[PACK].questions)
    status_file = follow.status_path(
        env["WORKSHOP_LIVE_DIR"], created["join code"], env["WORKSHOP_FACILITATOR_SECRET"])
    proc = start_server(env, port, data / "server.log", [], args.processes,
                        args.server_nofile)
    files = OpenFiles(proc.pid)
    try:
        wait_healthy(port)
        t0 = time.time() + 1
        cfg = {"port": port, "code": created["join code"], "wid": created["workshop"],
               "follow": status_file.stem,
               "seed": 1, "phones": n, "t0": t0, "duration": duration, "moves": [],
               "prompts": {q.prompt.strip(): q.id for q in questions},
               "targets": [questions[1].id, questions[2].id], "status_file": status_file,
               "data": data}
        result = asyncio.run(room(cfg, args, env))
    finally:
        peak_files = files.stop()
        stop_server(proc)
        status_file.unlink(missing_ok=True)
    logs = {f.name: f.stat().st_size for f in sorted(data.glob("*.log"))}
    result.update({"seconds": duration, "server_nofile": args.server_nofile,
                   "client_nofile": client_files, "log_bytes": logs,
                   "log_bytes_total": sum(logs.values()), **peak_files})
    front_log = (data / "server.log").read_text(errors="replace").splitlines()
    result["server_log_lines"] = len(front_log)
    result["server_log_tail"] = front_log[-6:]
    if args.keep:
        result["data"] = str(data)
    else:
        shutil.rmtree(data, ignore_errors=True)
    print(f"phones joined {result['joined']}/{n}; follow p50/p95/max "
          f"{result['p50_follow_s']}/{result['p95_follow_s']}/{result['max_follow_s']} s, "
          f"missed {result['follow_missed']}; probe p50/p95 {result['p50_probe_s']}/"
          f"{result['p95_probe_s']} s, failed {result['probe_failed']}/"
          f"{result['probe_requests']}; attacker opened {result['half_open'].get('opened')} "
          f"half-open and {result['waits'].get('opened')} waiting connections; logs "
          f"{result['log_bytes_total']} bytes")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
