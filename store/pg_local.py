"""A throwaway PostgreSQL server in a temporary folder, for tests and benchmarks.

Uses Debian's `postgresql` package (initdb and pg_ctl under /usr/lib/postgresql/<version>/
bin). PostgreSQL refuses to run as root, so as root the server runs as the unprivileged
user `nobody`, in a folder it owns. It listens on a unix socket in that folder only (no
network port), and is stopped, and its folder removed, by stop().
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

BIN_GLOB = "/usr/lib/postgresql/*/bin"
PORT = 5432  # only names the socket file; the server has no network port


def server_bin() -> Path | None:
    """The folder of the newest installed PostgreSQL server's programs, or None."""
    found = [Path(p) for p in glob.glob(BIN_GLOB) if (Path(p) / "initdb").exists()]
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
               default=None)


class LocalServer:
    """start() → a running server; url(dbname) → its address; stop() → gone."""

    def __init__(self, settings: dict[str, str] | None = None):
        self.bin = server_bin()
        if self.bin is None:
            raise FileNotFoundError("PostgreSQL is not installed (no initdb under "
                                    f"{BIN_GLOB}); install Debian's postgresql package.")
        self.settings = settings or {}
        self.folder: Path | None = None

    def _as_owner(self, *command: str) -> list[str]:
        if os.geteuid() != 0:
            return list(command)
        return ["setpriv", f"--reuid={self._user.pw_uid}", f"--regid={self._user.pw_gid}",
                "--clear-groups", *command]

    def start(self) -> LocalServer:
        self._user = pwd.getpwnam("nobody")
        # In /tmp itself: `nobody` must be able to reach the folder, and a socket's path
        # must stay short.
        self.folder = Path(tempfile.mkdtemp(prefix="pg-", dir="/tmp"))
        if os.geteuid() == 0:
            os.chown(self.folder, self._user.pw_uid, self._user.pw_gid)
        data = self.folder / "data"
        run = dict(cwd=self.folder, capture_output=True, text=True, check=True)
        try:
            subprocess.run(self._as_owner(
                str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync"), **run)
            options = {"listen_addresses": "''", "unix_socket_directories": f"'{self.folder}'",
                       "port": str(PORT), **self.settings}
            subprocess.run(self._as_owner(
                str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log"),
                "-w", "-t", "60", "-o", " ".join(f"-c {k}={v}" for k, v in options.items()),
                "start"), **run)
        except subprocess.CalledProcessError as exc:
            log = self.folder / "log"
            detail = log.read_text(errors="replace") if log.exists() else ""
            self.stop()
            raise RuntimeError(f"PostgreSQL did not start: {exc.stderr}{exc.stdout}"
                               f"{detail}") from None
        return self

    def url(self, dbname: str = "postgres") -> str:
        host = urllib.parse.quote(str(self.folder), safe="")
        return f"postgresql://postgres@{host}:{PORT}/{dbname}"

    def create_database(self, dbname: str) -> str:
        import psycopg
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{dbname}"')
        return self.url(dbname)

    def stop(self) -> None:
        if self.folder is None:
            return
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            subprocess.run(self._as_owner(str(self.bin / "pg_ctl"), "-D", str(data), "-m",
                                          "immediate", "-w", "stop"),
                           cwd=self.folder, capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None
