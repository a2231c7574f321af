"""Who may open the facilitator pages: whoever holds the facilitator secret.

The facilitator link carries the secret as `key`; every facilitator page checks it
(through pages/shared/access.py `require_facilitator`) before it shows anything, and a
wrong or missing key gets the same refusal, with no hint about the secret.
"""

from __future__ import annotations

import hashlib
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


# A browser that opened the facilitator link keeps a proof of it for an event day, so a
# reload of a page whose address has lost the key (Streamlit's navigation drops it) still
# opens. The cookie holds a keyed hash of the secret, never the secret itself.
FACILITATOR_COOKIE = "workshop_facilitator"
FACILITATOR_COOKIE_SECONDS = 24 * 60 * 60


def facilitator_cookie_value() -> str:
    """What the facilitator's browser keeps in FACILITATOR_COOKIE."""
    return hmac.new(facilitator_secret().encode("utf-8"), b"facilitator",
                    hashlib.sha256).hexdigest()


def is_facilitator_cookie(value: str | None) -> bool:
    """Whether a cookie's value proves this browser opened the facilitator link."""
    return bool(value) and hmac.compare_digest(str(value), facilitator_cookie_value())
