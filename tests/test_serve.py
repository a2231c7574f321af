"""The server's app processes: how many, and how a failing one is started again."""

import os
import resource
import stat
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import ROOT
from workshop import front, serve


class Stopped:
    returncode = 1

    def poll(self):
        return 1

    def wait(self, timeout=None):
        return 1


def test_a_process_that_keeps_failing_is_started_again_less_and_less_often():
    backends = serve.Backends(1, [], None)
    backends.procs[0] = Stopped()
    t, waits = 10.0, []
    for _ in range(7):
        backends.started[0] = t  # started, and it fails half a second later
        t += 0.5
        assert not backends.restart_due(0, t)
        waits.append(backends.next_start[0] - t)
        t = backends.next_start[0]
        assert backends.restart_due(0, t)
    assert waits == [2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]


def test_a_process_that_ran_well_is_started_again_after_a_second():
    backends = serve.Backends(1, [], None)
    backends.procs[0] = Stopped()
    backends.failures[0] = 4
    backends.started[0] = 0.0
    assert not backends.restart_due(0, 1000.0)
    assert backends.next_start[0] == 1001.0
    assert backends.restart_due(0, 1001.0)


def test_nothing_is_started_again_while_stopping():
    backends = serve.Backends(1, [], None)
    backends.procs[0] = Stopped()
    backends.stopping = True
    assert not backends.restart_due(0, 1e9)


def test_process_count_from_the_setting(monkeypatch):
    monkeypatch.setenv("WORKSHOP_PROCESSES", "3")
    assert serve.default_processes() == 3
    monkeypatch.setenv("WORKSHOP_PROCESSES", "")
    assert 1 <= serve.default_processes() <= 4
    monkeypatch.setenv("WORKSHOP_PROCESSES", "lots")
    with pytest.raises(SystemExit, match="whole number"):
        serve.default_processes()


def test_app_log_files_are_readable_by_their_owner_only(tmp_path, monkeypatch):
    """They hold the facilitator link with its secret (pages/shared/workshops.py prints it)."""
    old = tmp_path / "app-2.log"
    old.write_text("from an earlier run\n")
    old.chmod(0o644)
    started = []

    class Child:
        def __init__(self, cmd, stdout=None, **kw):
            os.write(stdout, b"Facilitator link (keep private): http://x/console?key=s\n")
            started.append(cmd)

    monkeypatch.setattr(serve.subprocess, "Popen", Child)
    backends = serve.Backends(2, [], tmp_path)
    backends.start(0)
    backends.start(1)
    for name in ("app-1.log", "app-2.log"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
    assert old.read_text().startswith("from an earlier run\nFacilitator link")
    assert len(started) == 2


def test_a_new_log_folder_is_private_too(tmp_path, monkeypatch):
    monkeypatch.setattr(serve.Backends, "start", _stop_here)
    monkeypatch.setattr(serve.signal, "signal", lambda *args: None)
    with pytest.raises(SystemExit):
        serve.serve(0, "127.0.0.1", 1, [], tmp_path / "logs")
    assert stat.S_IMODE((tmp_path / "logs").stat().st_mode) == 0o700


def _stop_here(self, i):
    raise SystemExit("stopped before starting an app process")


LIMIT_CHECK = """
import resource, subprocess, sys
resource.setrlimit(resource.RLIMIT_NOFILE, ({soft}, {hard}))
from workshop import serve
def start(self, i):
    # what an app process started now would get
    out = subprocess.run([sys.executable, "-c", "import resource; "
                          "print(resource.getrlimit(resource.RLIMIT_NOFILE)[0])"],
                         capture_output=True, text=True).stdout.strip()
    print("app process limit", out, flush=True)
    raise SystemExit(0)
serve.Backends.start = start
serve.serve(0, "127.0.0.1", 1, [])
"""


def _limits_seen(soft: int, hard: int) -> str:
    out = subprocess.run([sys.executable, "-c", LIMIT_CHECK.format(soft=soft, hard=hard)],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_open_file_limit_is_raised_before_the_app_processes_start():
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard == resource.RLIM_INFINITY or hard < 4096:
        pytest.skip("needs a hard open-file limit of 4096 or more")
    out = _limits_seen(256, hard)
    assert f"app process limit {hard}" in out
    assert "Warning" not in out


def test_a_low_hard_limit_is_said_plainly_with_the_phones_it_carries():
    out = _limits_seen(256, 256)
    assert "app process limit 256" in out
    assert f"enough for about {front.phones_for(256)} phones" in out
    # Files kept for the listening socket and the like, and for a burst of new
    # connections; the rest for phones.
    assert front.phones_for(256) == (256 - front.SPARE_FILES - 64) // front.FILES_PER_PHONE


def test_the_phones_a_limit_carries():
    assert serve.open_files_message(20000) is None
    message = serve.open_files_message(1024)
    assert "1,024 files" in message and "about 144 phones" in message
    assert front.phones_for(serve.limit_for(serve.ROOM_PHONES)) >= serve.ROOM_PHONES
    assert serve.open_files_message(serve.limit_for(serve.ROOM_PHONES)) is None


def test_caps_from_the_settings(monkeypatch):
    monkeypatch.setenv("WORKSHOP_MAX_CONNECTIONS_PER_ADDRESS", "2000")
    monkeypatch.setenv("WORKSHOP_MAX_WAITING_PER_ADDRESS", "0")
    limits = front.Limits.from_settings()
    assert (limits.per_address, limits.waiting_per_address) == (2000, 0)
    monkeypatch.setenv("WORKSHOP_MAX_WAITING_PER_ADDRESS", "-3")
    with pytest.raises(SystemExit, match="WORKSHOP_MAX_WAITING_PER_ADDRESS must be a whole"):
        front.Limits.from_settings()


class Running:
    returncode = None

    def poll(self):
        return None

    def terminate(self):
        self.returncode = 0

    def wait(self, timeout=None):
        return 0


def _healthy_backends(monkeypatch, procs, startup_seconds=None):
    """Backends whose processes answer their health check at once (fakes given)."""
    monkeypatch.setattr(serve, "wait_healthy", lambda *args: None)
    if startup_seconds is not None:
        monkeypatch.setattr(serve, "STARTUP_SECONDS", startup_seconds)
    backends = serve.Backends(len(procs), [], None)
    backends.procs = list(procs)
    return backends


def test_visitors_are_let_in_only_once_every_app_process_is_warm(monkeypatch):
    """An app process answers its health check as soon as Streamlit is up; the front door
    opens only when each has also said it is warm (pages/shared/start.py)."""
    backends = _healthy_backends(monkeypatch, [Running(), Running()])
    files = [backends.ready_file(i) for i in range(2)]
    for i, after in ((0, 0.2), (1, 0.4)):
        threading.Timer(after, files[i].touch).start()
    backends.wait_healthy()
    assert all(f.exists() for f in files)  # both warm by the time the door opens
    backends.stop()
    assert not backends.ready_dir.exists()


def test_a_process_still_warming_at_the_deadline_is_let_in_anyway(monkeypatch):
    backends = _healthy_backends(monkeypatch, [Running()], startup_seconds=0.5)
    t = time.monotonic()
    backends.wait_healthy()
    assert 0.4 < time.monotonic() - t < 5 and not backends.ready_file(0).exists()
    backends.stop()


def test_a_process_that_stopped_while_warming_does_not_hold_the_door(monkeypatch):
    backends = _healthy_backends(monkeypatch, [Stopped()], startup_seconds=30)
    t = time.monotonic()
    backends.wait_healthy()  # the watcher starts it again; nobody waits for its warm-up
    assert time.monotonic() - t < 5
    backends.stop()


def test_an_app_process_says_it_is_warm_even_when_warming_failed(tmp_path, monkeypatch):
    from pages.shared import start
    ready = tmp_path / "ready"
    monkeypatch.setenv(serve.READY_FILE_ENV, str(ready))

    def broken(*args):
        raise RuntimeError("the store could not be read")
    monkeypatch.setattr(start, "_head_start", broken)
    with pytest.raises(RuntimeError):
        start._warm_then_ready(True)
    assert ready.exists()
