"""Who may open the facilitator pages: whoever holds the facilitator secret.

The facilitator link carries the secret as `key`; every facilitator page checks it (through
pages/ui.py `require_facilitator`) before it shows anything, and a wrong or missing key gets
the same refusal, with no hint about the secret.
"""

from __future__ import annotations

import hmac
import os
import secrets
import tomllib

from workshop import settings

SECRET_FILE = ".facilitator_secret"


def facilitator_secret() -> str:
    """From the environment, else .streamlit/secrets.toml, else generated once and kept."""
    value = settings.get("WORKSHOP_FACILITATOR_SECRET")
    if value:
        return value
    toml = settings.PROJECT_ROOT / ".streamlit" / "secrets.toml"
    if toml.exists():
        value = str(tomllib.loads(toml.read_text()).get("facilitator_secret", "")).strip()
        if value:
            return value
    path = settings.data_dir() / SECRET_FILE
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(18)
    # Created readable by this user only: the secret opens every workshop's console.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(value)
    return value


REFUSAL = "This page is for the workshop's facilitator. Open it from the facilitator link."


def is_facilitator(given: str | None) -> bool:
    """Whether `given` is the facilitator secret (compared in constant time)."""
    return bool(given) and hmac.compare_digest(str(given), facilitator_secret())
