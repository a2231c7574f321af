"""Phones follow the presenter without re-running anything on the server.

Each workshop has a tiny JSON status file (current question, open or closed, a version
number). Behind `python -m workshop serve` the front door (workshop/front.py) reads it and
answers phones waiting for a change the moment it changes. Under plain `streamlit run`
it is served as a static file that phones fetch every POLL_SECONDS. Either way a phone
asks Streamlit to re-run its page only when the version changes.

A status is published under a name made from the join code with the facilitator secret
(`follow_name`), never under the code itself: neither the static file nor the front door's
live answer can be used to find out which join codes exist. Guessing codes is limited
where they are typed, at joining (workshop/limits.py). A phone learns its workshop's name
from the page once it has joined.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import tempfile
from pathlib import Path

from workshop import access

# Where the front door answers "has the facilitator moved on?" (+ join code, ?v=version).
LIVE_PREFIX = "/_workshop/live/"

# Without the front door: how often phones check for a move, in seconds (500 phones make
# ~170 tiny static requests a second; a move shows within this time).
POLL_SECONDS = 3


def follow_name(join_code: str, secret: str | None = None) -> str:
    """The name a workshop's status is published under (module doc): 20 URL-safe
    characters, the same in every process that shares the facilitator secret."""
    key = (secret or access.facilitator_secret()).encode("utf-8")
    digest = hmac.new(key, b"follow:" + join_code.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:15]).decode("ascii")


def named_status_path(live_dir: Path, name: str) -> Path:
    return Path(live_dir) / f"{name}.json"


def status_path(live_dir: Path, join_code: str, secret: str | None = None) -> Path:
    return named_status_path(live_dir, follow_name(join_code, secret))


def status_of(workshop: dict) -> dict:
    """What phones are told: the version they follow, the question shown, open or not."""
    return {
        "v": int(workshop.get("follow_version", 0)),
        "question": workshop.get("current_question_id") or "",
        "status": workshop.get("status", "draft"),
    }


def publish_status(live_dir: Path, workshop: dict) -> dict:
    """Write the status phones poll; returns what was written."""
    status = status_of(workshop)
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
