"""Every setting in one table: name, default, help. Read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS = (
    Setting("WORKSHOP_DATA_DIR", str(PROJECT_ROOT / "data"),
            "Folder holding one store file per workshop."),
    Setting("WORKSHOP_STORE", "",
            "Where workshops and programmes are kept. Empty: files in WORKSHOP_DATA_DIR. "
            "A PostgreSQL address, e.g. postgresql://workshop:password@db.example.org:5432/"
            "workshop: in that database (its tables are made on first use; see "
            "docs/hosting.md). Packs and the facilitator secret stay in WORKSHOP_DATA_DIR."),
    Setting("WORKSHOP_PUBLIC_URL", "",
            "Address phones use to reach the app, e.g. https://workshop.example.org. "
            "Empty: this machine's address on the local network and the Streamlit port."),
    Setting("WORKSHOP_PORT", "8501", "Port the app listens on (used to build links)."),
    Setting("WORKSHOP_FACILITATOR_SECRET", "",
            "Secret in the facilitator link. Empty: read .streamlit/secrets.toml "
            "(facilitator_secret), else generate one and keep it in the data folder."),
    Setting("WORKSHOP_SCENARIOS_DIR", str(PROJECT_ROOT / "scenarios"),
            "Folder of scenario packs (YAML)."),
    Setting("WORKSHOP_EMBEDDINGS", "on",
            "off: theme comments on words and corrections alone, without the optional "
            "word embeddings (wordllama), even when they are installed."),
    Setting("WORKSHOP_PROCESSES", "",
            "How many app processes `python -m workshop serve` runs behind its one port. "
            "Empty: one per CPU core, at most 4."),
    Setting("WORKSHOP_TRUSTED_PROXIES", "",
            "Addresses of a reverse proxy or tunnel in front of the app (comma-separated). "
            "Requests from them are told apart by their X-Forwarded-For address; from "
            "anywhere else that header is ignored."),
    Setting("WORKSHOP_POSTS_PER_MINUTE", "10",
            "Most comments one delegate may send in a minute, and most ideas one delegate "
            "may post in a minute (counted apart). 0: no limit."),
    Setting("WORKSHOP_WRONG_CODES", "10",
            "Most wrong join codes one address may try in 10 minutes before it must wait. "
            "Raise it when many phones share one address (a venue's Wi-Fi reaching the app "
            "through one public address). 0: no limit."),
    Setting("WORKSHOP_MAX_CONNECTIONS_PER_ADDRESS", "200",
            "Connections one network address may hold open at the front door of `python -m "
            "workshop serve` (0: no limit). A phone holds 2-3 (its page, its wait for the "
            "next move, now and then one for files) and up to 6 while a page loads, so "
            "200 lets about 60 phones share one address (a hotspot, a small office "
            "router) while no one address can take the front door's open files from the "
            "room. If every phone reaches the app through ONE shared address (a hosted app "
            "behind the venue's router), set about 4 per phone, e.g. 2000 for 500."),
    Setting("WORKSHOP_MAX_WAITING_PER_ADDRESS", "100",
            "Requests waiting for the facilitator's next move that one network address "
            "may hold at the front door (0: no limit). A phone holds one; phones beyond "
            "this ask again every 3 s instead of waiting, so they still follow, a little "
            "later. Waiting requests are answered in turns across addresses, so one "
            "address's many requests never hold back the others."),
    Setting("WORKSHOP_LIVE_DIR", str(PROJECT_ROOT / "static" / "live"),
            "Folder of tiny status files phones poll to follow the presenter. Streamlit "
            "serves only the app's static/ folder, so keep it inside static/."),
    Setting("WORKSHOP_ORGANISATION", "",
            "The organisation named as the author of a report downloaded as a Word, PDF or "
            "web page. Empty: \"Workshop facilitator\"."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The setting's value from the environment, or its default."""
    return os.environ.get(name) or _BY_NAME[name].default


def data_dir() -> Path:
    return Path(get("WORKSHOP_DATA_DIR"))


def scenarios_dir() -> Path:
    return Path(get("WORKSHOP_SCENARIOS_DIR"))


def packs_dir() -> Path:
    """Packs written or imported in the app: kept with the data, apart from the shipped ones."""
    return data_dir() / "packs"


def pack_dirs() -> tuple[Path, ...]:
    return scenarios_dir(), packs_dir()


def live_dir() -> Path:
    return Path(get("WORKSHOP_LIVE_DIR"))
