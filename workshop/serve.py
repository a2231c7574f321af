"""`python -m workshop serve`: the app for a whole room, on one port.

Starts WORKSHOP_PROCESSES copies of the Streamlit app for phones on free loopback ports
(by default one per CPU core, at most 4), one more for the browsers on this laptop (the
console and the projector) when there are two or more for phones, and the front door
(workshop/front.py) on WORKSHOP_PORT.
A copy that stops is started again on its port: its phones reconnect and come back as
the same delegates (the token in their link). Ctrl+C stops everything.

Every browser connection costs the front door an open file, and another for its socket to
an app process, so the open-file limit (1,024 by default on Linux, lower on macOS) is raised
to the most the system allows before anything else starts; the app processes inherit it.
The app processes' log files (--log-dir) hold the facilitator link with its secret, so they
are readable by their owner only.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from workshop import devices, links, settings
from workshop.front import FILES_PER_PHONE, SPARE_FILES, Front, Limits, phones_for
from workshop.wording import counted

try:
    import resource
except ImportError:  # Windows: no open-file limit to raise
    resource = None

STARTUP_SECONDS = 60
# An app process touches the file this names once it is warm (pages/shared/start.py).
READY_FILE_ENV = "WORKSHOP_READY_FILE"
MAX_RESTART_GAP = 30.0
ROOM_PHONES = 500  # the room the app is built and measured for (bench/README.md)
# Where the hard limit is "unlimited" (macOS), the soft one cannot be; a process may
# usually open this many there (kern.maxfilesperproc is 10,240 or more).
FALLBACK_FILES = (65536, 10240)


def raise_open_files() -> int:
    """Raise this process's open-file soft limit to the hard one (or as near as the system
    allows); processes started afterwards inherit it. The soft limit now (0: unlimited or
    no such limit)."""
    if resource is None:
        return 0
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 0
    wanted = [hard] if hard != resource.RLIM_INFINITY else []
    wanted += [n for n in FALLBACK_FILES if hard == resource.RLIM_INFINITY or n < hard]
    for n in wanted:
        if n <= soft:
            break
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (n, hard))
            return n
        except (ValueError, OSError):
            continue
    return soft


def limit_for(phones: int) -> int:
    """The open-file limit the front door needs for this many phones."""
    files = SPARE_FILES + phones * FILES_PER_PHONE
    while phones_for(files) < phones:
        files += 64
    return files


def open_files_message(limit: int) -> str | None:
    """What to tell the person starting the server if the limit is too low for a room."""
    if not limit or phones_for(limit) >= ROOM_PHONES:
        return None
    return (f"Warning: this computer lets the server open only {limit:,} files at once, "
            f"enough for about {phones_for(limit):,} phones (each phone needs about "
            f"{FILES_PER_PHONE}). For a bigger room, ask the computer's administrator "
            f"to raise its hard open-file limit (`ulimit -Hn`) to {limit_for(ROOM_PHONES):,} "
            f"or more.")


def private_log(path: Path) -> int:
    """Open an app process's log file for appending, readable by its owner only (it holds
    the facilitator link and its secret), even if it was there already."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, 0o600)
    return fd


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


def stop_server(proc: subprocess.Popen, seconds: float = 20) -> None:
    """Stop a server started as a child process: asked first, then made to."""
    proc.terminate()
    try:
        proc.wait(seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


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

    def __init__(self, count: int, extra: list[str], log_dir: Path | None,
                 phones_only: frozenset[int] = frozenset()):
        self.ports = [free_port() for _ in range(count)]
        self.phones_only = phones_only  # processes that never serve the facilitator
        self.extra = list(extra)
        self.log_dir = log_dir
        self.procs: list[subprocess.Popen | None] = [None] * count
        self.stopping = False
        # A process that keeps failing is started again less and less often (1 s, 2 s, 4 s
        # ... up to MAX_RESTART_GAP), so its log stays readable and the laptop keeps going.
        self.failures = [0] * count
        self.next_start = [0.0] * count
        self.started = [0.0] * count
        self.ready_dir: Path | None = None

    def ready_file(self, i: int) -> Path:
        """The file app process i touches once it is warm (pages/shared/start.py)."""
        if self.ready_dir is None:
            self.ready_dir = Path(tempfile.mkdtemp(prefix="workshop-ready-"))
        return self.ready_dir / f"app-{i + 1}"

    def start(self, i: int) -> None:
        out = (private_log(self.log_dir / f"app-{i + 1}.log") if self.log_dir
               else subprocess.DEVNULL)
        self.ready_file(i).unlink(missing_ok=True)
        try:
            # `streamlit run workshop_app.py`, with the app's modules and data made ready
            # before the process takes its first visitor (pages/shared/start.py).
            self.procs[i] = subprocess.Popen(
                [sys.executable, "-m", "pages.shared.start",
                 *(["--phones"] if i in self.phones_only else []),
                 "--server.port", str(self.ports[i]), "--server.address", "127.0.0.1",
                 "--server.headless", "true", *self.extra],
                cwd=settings.PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT,
                env={**os.environ, READY_FILE_ENV: str(self.ready_file(i))})
            self.started[i] = time.monotonic()
        finally:
            if out is not subprocess.DEVNULL:
                os.close(out)  # the child has its own copy

    def wait_healthy(self) -> None:
        """Until every app process answers and has warmed up (its modules, workshops,
        theming model and programmes ready: pages/shared/start.py), so the first visitor
        waits for none of it. A process still warming at the deadline is let in anyway."""
        deadline = time.time() + STARTUP_SECONDS
        for i, port in enumerate(self.ports):
            wait_healthy(port, deadline - time.time(), lambda: self.procs[i].poll() is None)
        for i in range(len(self.ports)):
            while not self.ready_file(i).exists() and self.procs[i].poll() is None \
                    and time.time() < deadline:
                time.sleep(0.05)

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
        if self.ready_dir is not None:  # once no process is left to touch a file there
            shutil.rmtree(self.ready_dir, ignore_errors=True)


def serve(port: int, address: str, processes: int, extra: list[str],
          log_dir: Path | None = None) -> None:
    """Serve with `processes` app processes for phones, plus one for this laptop's own
    browsers when there are two or more."""
    # Stopped while starting: still stop the app processes (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    limits = Limits.from_settings()  # a mistyped setting stops here, before anything starts
    warning = open_files_message(raise_open_files())  # before the app processes start
    if warning:
        print(warning, flush=True)
    if log_dir is not None:
        log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    own_process = processes >= 2  # the laptop's console and projector get one of their own
    total = processes + own_process
    # With a process of its own, the laptop's (the first) is the facilitator's.
    backends = Backends(total, extra, log_dir,
                        frozenset(range(1, total)) if own_process else frozenset())
    try:
        for i in range(total):
            backends.start(i)
        print(f"Starting {counted(total, 'app process', 'app processes')} (the workshops, "
              "the theming model and the programmes are read first: a few seconds)...",
              flush=True)
        backends.wait_healthy()
        print(f"Serving the workshop app on http://{address}:{port} "
              f"({counted(processes, 'app process', 'app processes')} for phones"
              f"{', and one for the console and projector' if own_process else ''}).",
              flush=True)
        asyncio.run(_run(backends, port, address, own_process, limits))
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


async def _run(backends: Backends, port: int, address: str, own_process: bool,
               limits: Limits) -> None:
    ports = backends.ports
    facilitator = ("127.0.0.1", ports[0]) if own_process else None
    phones = ports[1:] if facilitator else ports
    front = Front([("127.0.0.1", p) for p in phones], settings.live_dir(),
                  facilitator=facilitator, own_addresses=own_addresses(),
                  trusted=devices.trusted_proxies(), limits=limits)
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
