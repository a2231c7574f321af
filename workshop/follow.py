"""Phones follow the presenter without re-running anything on the server.

Each workshop has a tiny JSON status file (current question, open or closed, a version
number). Behind `python -m workshop serve` the front door (workshop/front.py) reads it and
answers phones waiting for a change the moment it changes. Under plain `streamlit run`
it is served as a static file that phones fetch every POLL_SECONDS. Either way a phone
asks Streamlit to re-run its page only when the version changes.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

# Where the front door answers "has the facilitator moved on?" (+ join code, ?v=version).
LIVE_PREFIX = "/_workshop/live/"

# Without the front door: how often phones check for a move, in seconds (500 phones make
# ~170 tiny static requests a second; a move shows within this time).
POLL_SECONDS = 3


def status_path(live_dir: Path, join_code: str) -> Path:
    return Path(live_dir) / f"{join_code}.json"


def publish_status(live_dir: Path, workshop: dict) -> dict:
    """Write the status phones poll; returns what was written."""
    status = {
        "v": int(workshop.get("follow_version", 0)),
        "question": workshop.get("current_question_id") or "",
        "status": workshop.get("status", "draft"),
    }
    folder = Path(live_dir)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".status.", dir=folder)
    with os.fdopen(fd, "w") as fh:
        json.dump(status, fh)
    os.replace(tmp, status_path(folder, workshop["join_code"]))
    return status


def read_status(live_dir: Path, join_code: str) -> dict | None:
    try:
        return json.loads(status_path(live_dir, join_code).read_text())
    except (OSError, ValueError):
        return None
