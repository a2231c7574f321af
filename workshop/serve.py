"""`python -m workshop serve`: the app for a whole room, on one port.

Starts WORKSHOP_PROCESSES copies of the Streamlit app for phones on free loopback ports
(by default one per CPU core, at most 4), one more for the browsers on this laptop (the
console and the projector) when there are two or more for phones, and the front door
(workshop/front.py) on WORKSHOP_PORT.
A copy that stops is started again on its port: its phones reconnect and come back as
the same delegates (the token in their link). Ctrl+C stops everything.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from workshop import links, settings
from workshop.front import Front
from workshop.wording import counted

STARTUP_SECONDS = 60
MAX_RESTART_GAP = 30.0


def default_processes() -> int:
    wanted = settings.get("WORKSHOP_PROCESSES").strip()
    if wanted:
        try:
            return max(1, min(int(wanted), 16))
        except ValueError:
            raise SystemExit(f"WORKSHOP_PROCESSES must be a whole number (or empty for one "
                             f"per core), not {wanted!r}.")
    cores = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
             else os.cpu_count() or 1)
    return max(1, min(cores, 4))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port: int, timeout: float = STARTUP_SECONDS,
                 alive=lambda: True) -> None:
    """Wait until the Streamlit server on this loopback port answers its health check."""
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                        timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if not alive() or time.time() > deadline:
            raise RuntimeError(f"The app on port {port} did not start (see its log).")
        time.sleep(0.2)


class Backends:
    """The app processes: started, watched, restarted, stopped."""

    def __init__(self, count: int, extra: list[str], log_dir: Path | None):
        self.ports = [free_port() for _ in range(count)]
        self.extra = list(extra)
        self.log_dir = log_dir
        self.procs: list[subprocess.Popen | None] = [None] * count
        self.stopping = False
        # A process that keeps failing is started again less and less often (1 s, 2 s, 4 s
        # ... up to MAX_RESTART_GAP), so its log stays readable and the laptop keeps going.
        self.failures = [0] * count
        self.next_start = [0.0] * count
        self.started = [0.0] * count

    def start(self, i: int) -> None:
        out = (open(self.log_dir / f"app-{i + 1}.log", "ab") if self.log_dir
               else subprocess.DEVNULL)
        try:
            self.procs[i] = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "workshop_app.py",
                 "--server.port", str(self.ports[i]), "--server.address", "127.0.0.1",
                 "--server.headless", "true", *self.extra],
                cwd=settings.PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT)
            self.started[i] = time.monotonic()
        finally:
            if out is not subprocess.DEVNULL:
                out.close()  # the child has its own copy

    def wait_healthy(self) -> None:
        deadline = time.time() + STARTUP_SECONDS
        for i, port in enumerate(self.ports):
            wait_healthy(port, deadline - time.time(), lambda: self.procs[i].poll() is None)

    def restart_due(self, i: int, now: float) -> bool:
        """Has process i stopped, and is it time to start it again?"""
        proc = self.procs[i]
        if proc is None or proc.poll() is None or self.stopping:
            return False
        if self.next_start[i] == 0.0:  # just seen stopped: when to start it again
            ran_well = now - self.started[i] > MAX_RESTART_GAP
            self.failures[i] = 0 if ran_well else self.failures[i] + 1
            self.next_start[i] = now + min(2.0 ** self.failures[i], MAX_RESTART_GAP)
            print(f"App process {i + 1} stopped (exit {proc.returncode}); starting it again "
                  f"in {self.next_start[i] - now:.0f} s.", flush=True)
        if now < self.next_start[i]:
            return False
        self.next_start[i] = 0.0
        return True

    async def watch(self) -> None:
        while not self.stopping:
            await asyncio.sleep(1)
            for i in range(len(self.procs)):
                if self.restart_due(i, time.monotonic()):
                    self.start(i)

    def stop(self) -> None:
        self.stopping = True
        for proc in self.procs:
            if proc is not None and proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            if proc is None:
                continue
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def serve(port: int, address: str, processes: int, extra: list[str],
          log_dir: Path | None = None) -> None:
    """Serve with `processes` app processes for phones, plus one for this laptop's own
    browsers when there are two or more."""
    # Stopped while starting: still stop the app processes (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    own_process = processes >= 2  # the laptop's console and projector get one of their own
    total = processes + own_process
    backends = Backends(total, extra, log_dir)
    for i in range(total):
        backends.start(i)
    try:
        backends.wait_healthy()
        print(f"Serving the workshop app on http://{address}:{port} "
              f"({counted(processes, 'app process', 'app processes')} for phones"
              f"{', and one for the console and projector' if own_process else ''}).",
              flush=True)
        asyncio.run(_run(backends, port, address, own_process))
    finally:
        backends.stop()


def own_addresses() -> frozenset[str]:
    """The addresses this machine's own browsers connect from."""
    found = {"127.0.0.1", "::1", links.lan_address()}
    try:
        found |= {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
    except OSError:
        pass
    return frozenset(found)


async def _run(backends: Backends, port: int, address: str, own_process: bool) -> None:
    ports = backends.ports
    facilitator = ("127.0.0.1", ports[0]) if own_process else None
    phones = ports[1:] if facilitator else ports
    front = Front([("127.0.0.1", p) for p in phones], settings.live_dir(),
                  facilitator=facilitator, own_addresses=own_addresses())
    await front.start(address, port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    watcher = asyncio.create_task(backends.watch())
    await stop.wait()
    backends.stopping = True
    watcher.cancel()
    await front.close()
