"""App servers behind HAProxy, sharing one PostgreSQL database (docs/hosting.md).

Each app server is `streamlit run workshop_hosted.py` (the app, plus the endpoint phones
follow the presenter by, answered from the database). HAProxy, Debian's `haproxy`
package, spreads browsers over them:

- a browser stays on the server it was first sent to by a cookie HAProxy adds
  (SERVERID), not by its network address: a whole room's phones often share one address
  (the venue's Wi-Fi), and a browser's session, media files and uploads are kept by one
  server;
- a server that stops answering its health check (/_stcore/health) is taken out within
  a few seconds, and its browsers' next connections go to another (`option redispatch`):
  a phone's page reconnects by itself and, by the `me=` token in its link, is the same
  delegate there, with everything it saved (saved means committed to the database);
- websockets are kept open as long as they are used (`timeout tunnel`), and a follow
  request waits up to 25 s (workshop/front.py WAIT_SECONDS), well within `timeout server`.

`haproxy_config()` writes the configuration; deploy/haproxy.cfg is the one it writes for
deploy/docker-compose.yml (`compose_haproxy_config()`). `Stack` runs it all as plain processes on one machine
(`python -m workshop hosted`, the tests and bench/hosted.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from workshop import settings

HEALTH_PATH = "/_stcore/health"
COOKIE = "SERVERID"


def haproxy_config(servers: list[tuple[str, str]], bind: str = "*:8080",
                   max_connections: int = 20000, resolver: str | None = None) -> str:
    """HAProxy's configuration for these app servers, each (name, "host:port"). With a
    `resolver` ("address:port" of a DNS server, as Docker's 127.0.0.11:53), servers named
    by host name are looked up again while HAProxy runs (a container started again may
    get a new address), and HAProxy starts even before they can be found."""
    lines = [
        "# HAProxy in front of the workshop's app servers (docs/hosting.md).",
        "# Written by workshop/hosting.py haproxy_config(); the reasons are there.",
        "global",
        f"    maxconn {max_connections}",
        "",
    ]
    if resolver:
        lines += ["resolvers dns",
                  f"    nameserver dns1 {resolver}",
                  "    hold valid 10s",
                  ""]
    lines += [
        "defaults",
        "    mode http",
        "    log global",
        # The app servers learn each phone's own address from this header; they believe
        # it from loopback, or from the addresses in WORKSHOP_TRUSTED_PROXIES.
        "    option forwardfor",
        "    timeout connect 5s",
        # A follow request is answered within 25 s; pages and uploads well within this.
        "    timeout client 65s",
        "    timeout server 65s",
        "    timeout http-request 10s",
        "    timeout http-keep-alive 10s",
        "    timeout queue 30s",
        # A websocket (a page's connection) stays open while the page is open.
        "    timeout tunnel 2h",
        "    timeout client-fin 10s",
        "",
        "frontend workshop",
        f"    bind {bind}",
        "    default_backend app_servers",
        "",
        "backend app_servers",
        "    balance leastconn",
        # Affinity by a cookie HAProxy adds, never by the browser's address.
        f'    cookie {COOKIE} insert indirect nocache httponly attr "SameSite=Lax"',
        # A server that is down: its browsers' requests go to another one, tried again
        # on another server at each attempt, also when a server being stopped accepted
        # the connection but closed it unanswered.
        "    option redispatch 1",
        "    retries 3",
        "    retry-on conn-failure empty-response",
        "    option httpchk",
        f"    http-check send meth GET uri {HEALTH_PATH}",
        "    http-check expect status 200",
        # Checked every 2 s; after one failed check, every 0.5 s: a server that stops is
        # taken out within about 3 s, and its sessions closed (their pages reconnect).
        "    default-server check inter 2s fastinter 500ms fall 2 rise 2 "
        "on-marked-down shutdown-sessions"
        + (" resolvers dns init-addr last,libc,none" if resolver else ""),
    ]
    lines += [f"    server {name} {address} cookie {name}" for name, address in servers]
    return "\n".join(lines) + "\n"


COMPOSE_SERVERS = 3


def compose_haproxy_config() -> str:
    """deploy/haproxy.cfg: the app servers of deploy/docker-compose.yml, found by name."""
    return haproxy_config([(f"app{i}", f"app{i}:8501") for i in range(1, COMPOSE_SERVERS + 1)],
                          bind="*:8080", resolver="127.0.0.11:53")


def haproxy_connections(wanted: int = 20000) -> int:
    """As many connections as HAProxy can hold here: it needs two files for each (the
    browser's and the app server's), and cannot go past this machine's hard open-file
    limit."""
    import resource
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard == resource.RLIM_INFINITY:
        return wanted
    return max(256, min(wanted, (hard - 64) // 2))


def haproxy_bin() -> str | None:
    return shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if Path(p).exists()),
        None)


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float, alive=lambda: True) -> None:
    """Wait until a GET of this URL answers 200."""
    import urllib.request
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if not alive():
            raise RuntimeError(f"{url} stopped before it answered (see its log).")
        if time.time() > deadline:
            raise RuntimeError(f"{url} did not answer within {timeout:.0f} s.")
        time.sleep(0.3)


def _nofile(spec: str | None):
    """A preexec_fn setting the open-file soft limit (as `ulimit -Sn N` would)."""
    if not spec:
        return None

    def apply():
        import resource
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(int(spec), hard), hard))
    return apply


@dataclass
class Stack:
    """`servers` app servers and HAProxy on this machine's loopback, sharing the database
    in env's WORKSHOP_STORE. start(), kill(i), stop()."""
    servers: int
    env: dict
    port: int = 0                  # HAProxy's; 0: a free one
    folder: Path | None = None     # logs and haproxy.cfg; None: a temporary folder
    address: str = "127.0.0.1"
    nofile: str | None = None      # app servers' open-file soft limit
    startup_seconds: float = 120.0
    ports: list[int] = field(default_factory=list)
    procs: list[subprocess.Popen | None] = field(default_factory=list)
    haproxy: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Stack:
        binary = haproxy_bin()
        if binary is None:
            raise RuntimeError("HAProxy is not installed: install Debian's haproxy package "
                               "(make system-test does).")
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="workshop-hosted-"))
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.port = self.port or free_port()
        self.ports = [free_port() for _ in range(self.servers)]
        self.procs = [None] * self.servers
        for i in range(self.servers):
            self.start_server(i)
        config = self.folder / "haproxy.cfg"
        config.write_text(haproxy_config(
            [(f"app{i + 1}", f"127.0.0.1:{p}") for i, p in enumerate(self.ports)],
            bind=f"{self.address}:{self.port}", max_connections=haproxy_connections()))
        try:
            for i, port in enumerate(self.ports):
                wait_for(f"http://127.0.0.1:{port}{HEALTH_PATH}", self.startup_seconds,
                         lambda i=i: self.procs[i].poll() is None)
            self.haproxy = subprocess.Popen(
                [binary, "-f", str(config), "-db"], stdout=self._log("haproxy"),
                stderr=subprocess.STDOUT)
            wait_for(f"{self.url}{HEALTH_PATH}", 30, lambda: self.haproxy.poll() is None)
        except BaseException:
            self.stop()
            raise
        return self

    def _log(self, name: str):
        return open(os.open(self.folder / f"{name}.log",
                            os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), "ab")

    def start_server(self, i: int) -> None:
        """Start app server i (again, after kill)."""
        log = self._log(f"app{i + 1}")
        try:
            self.procs[i] = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "workshop_hosted.py",
                 "--server.port", str(self.ports[i]), "--server.address", "127.0.0.1",
                 "--server.headless", "true"],
                cwd=settings.PROJECT_ROOT, env=self.env, stdout=log,
                stderr=subprocess.STDOUT, preexec_fn=_nofile(self.nofile))
        finally:
            log.close()

    def kill(self, i: int) -> None:
        """Stop app server i at once, as a machine that fails does (SIGKILL)."""
        proc = self.procs[i]
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()

    def pids(self) -> list[int]:
        return [p.pid for p in self.procs if p is not None and p.poll() is None]

    def stop(self) -> None:
        for proc in [self.haproxy, *self.procs]:
            if proc is not None and proc.poll() is None:
                proc.terminate()
        for proc in [self.haproxy, *self.procs]:
            if proc is None:
                continue
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def run(servers: int, port: int, address: str, folder: Path | None) -> None:
    """`python -m workshop hosted`: the stack in the foreground until Ctrl+C."""
    from store.postgres import is_database_url
    if not is_database_url(settings.get("WORKSHOP_STORE")):
        raise SystemExit("Set WORKSHOP_STORE to the PostgreSQL database's address "
                         "(postgresql://user:password@host:5432/dbname) first: the app "
                         "servers share their workshops through it (docs/hosting.md).")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    stack = Stack(servers, dict(os.environ), port=port, folder=folder, address=address)
    try:
        stack.start()
        print(f"Serving the workshop app on http://{address}:{stack.port} through HAProxy, "
              f"{servers} app servers on ports {', '.join(map(str, stack.ports))}; "
              f"logs in {stack.folder}. Ctrl+C stops them.", flush=True)
        while True:
            time.sleep(2)
            for i, proc in enumerate(stack.procs):
                if proc.poll() is not None:
                    print(f"App server {i + 1} stopped (exit {proc.returncode}); starting "
                          f"it again.", flush=True)
                    stack.start_server(i)
            if stack.haproxy.poll() is not None:
                raise SystemExit(f"HAProxy stopped (see {stack.folder}/haproxy.log).")
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
