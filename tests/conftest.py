"""Every store test runs against both the memory store and the file store."""

from pathlib import Path

import pytest

from store import FileStore, MemoryStore
from workshop.scenarios import load_packs
from workshop.workshops import Workshops

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
DATA = ROOT / "tests" / "data"  # labelled data the tests use, kept in the repository


@pytest.fixture(params=["memory", "file"])
def store(request, tmp_path):
    return MemoryStore() if request.param == "memory" else FileStore(tmp_path / "data")


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
