"""Every store test runs against both the memory store and the file store; the store's
own tests (tests/test_store.py, tests/test_workshops.py) against PostgreSQL too, on a
server the tests start themselves (store/pg_local.py)."""

import asyncio
import os
import threading
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

from store import FileStore, MemoryStore
from store.pg_local import LocalServer, server_bin
from workshop.scenarios import load_packs
from workshop.workshops import Workshops


def run_async(coro, timeout: float = 60):
    """asyncio.run on a thread of its own: the browser tests' Playwright keeps an event loop
    running on the main thread when they run in the same session."""
    out = {}

    def target():
        try:
            out["value"] = asyncio.run(coro)
        except BaseException as exc:  # re-raised on the test's thread
            out["error"] = exc
    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise TimeoutError(f"the scenario did not finish within {timeout:.0f} s")
    if "error" in out:
        raise out["error"]
    return out.get("value")

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
DATA = ROOT / "tests" / "data"  # labelled data the tests use, kept in the repository


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "hosted: app servers behind HAProxy sharing PostgreSQL (tests/test_hosted.py); "
                   "part of the normal suite, `-m 'not hosted'` leaves them out")


@pytest.fixture(params=["memory", "file"])
def store(request, tmp_path):
    return MemoryStore() if request.param == "memory" else FileStore(tmp_path / "data")


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for the whole test run, stopped at its end. Without PostgreSQL
    installed its tests are skipped; on CI (CI=true), where `make test` installs it, they
    fail instead."""
    if server_bin() is None:
        reason = ("PostgreSQL is not installed (Debian's postgresql package, which "
                  "`make test` installs), so the PostgreSQL store tests cannot run.")
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " On CI they must run.")
        pytest.skip(reason)
    server = LocalServer().start()
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """An address of the test server whose tables live in a schema of this test only."""
    import psycopg
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield pg_server.url() + "?options=" + quote(f"-csearch_path={schema}")
    while _OTHERS:
        _OTHERS.pop().close()
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


class Places:
    """Stores of one kind over the same data, each like another server process."""

    def __init__(self, kind: str, request, tmp_path):
        self.kind, self.request, self.folder = kind, request, tmp_path / "data"
        self.opened = []

    def open(self):
        if self.kind == "memory":
            return MemoryStore()
        if self.kind == "file":
            return FileStore(self.folder)
        from store.postgres import PgStore
        store = PgStore(self.request.getfixturevalue("pg_url"))
        self.opened.append(store)
        return store

    def close(self):
        for store in self.opened:
            store.close()


def another(store):
    """A second store over the same data as `store`, as another process would open it
    (None for the memory store, which keeps nothing)."""
    if isinstance(store, FileStore):
        return FileStore(store.folder)
    if isinstance(store, MemoryStore):
        return None
    from store.postgres import PgStore
    other = PgStore(store.url)
    _OTHERS.append(other)
    return other


_OTHERS: list = []


@pytest.fixture(params=["file", "postgresql"])
def shared(request, tmp_path):
    """Stores that keep their data where other processes see it: files and PostgreSQL."""
    found = Places(request.param, request, tmp_path)
    yield found
    found.close()
    while _OTHERS:
        _OTHERS.pop().close()


@pytest.fixture(params=["memory", "file", "postgresql"])
def every_store(request, tmp_path):
    """The memory store, the file store and the PostgreSQL store."""
    found = Places(request.param, request, tmp_path)
    yield found.open()
    found.close()
    while _OTHERS:
        _OTHERS.pop().close()


@pytest.fixture(scope="session")
def packs():
    return load_packs(SCENARIOS)


@pytest.fixture
def workshops(store, packs, tmp_path):
    return Workshops(store, packs, tmp_path / "live")


@pytest.fixture
def open_workshop(workshops):
    """A People's Borough workshop, open, on its first question."""
    w = workshops.create("Contracting for personalised outcomes", "East Midlands",
                         "peoples_borough", date="2010-02-04", venue="Nottingham")
    workshops.set_status(w["id"], "open")
    return workshops.get(w["id"])


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path):
    """No test touches the project's own data folder or static files."""
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "appdata"))
    monkeypatch.setenv("WORKSHOP_LIVE_DIR", str(tmp_path / "applive"))
    monkeypatch.setenv("WORKSHOP_PUBLIC_URL", "http://room.test:8501")
