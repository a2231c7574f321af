"""Telling devices apart: the address a request really came from.

A phone is known by its network address for the front door's affinity, for rate limits
(wrong join codes, comments a minute) and for "one device, one delegate". Behind a proxy
every request arrives from the proxy's address, so the proxy's `X-Forwarded-For` header is
believed, and only from a proxy the operator names (WORKSHOP_TRUSTED_PROXIES): anyone else
could write any address there.

`python -m workshop serve` puts its front door (workshop/front.py) before the app
processes on loopback; it replaces `X-Forwarded-For` with the one address it worked out,
so the app processes believe that header from loopback only.
"""

from __future__ import annotations

from workshop import settings

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
# A phone keeps its delegate token in a cookie for an event day, so opening the join link
# again (without the token in it) brings back the same delegate, not a new one.
DELEGATE_COOKIE_SECONDS = 24 * 60 * 60


def trusted_proxies() -> frozenset[str]:
    """Addresses named in WORKSHOP_TRUSTED_PROXIES (comma- or space-separated)."""
    raw = settings.get("WORKSHOP_TRUSTED_PROXIES").replace(",", " ")
    return frozenset(a.strip() for a in raw.split() if a.strip())


def device_address(peer: str | None, forwarded_for: str | None,
                   trusted: frozenset[str]) -> str:
    """The device's address: the last hop a trusted proxy saw, else the direct peer."""
    peer = (peer or "").strip() or "unknown"
    if peer in trusted and forwarded_for:
        hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
        if hops:
            return hops[-1][:64]
    return peer


def app_device_address(peer: str | None, forwarded_for: str | None) -> str:
    """In an app process: the front door (on loopback) or a named proxy is believed."""
    return device_address(peer, forwarded_for, trusted_proxies() | LOOPBACK)


def delegate_cookie(join_code: str) -> str:
    """The name of the cookie a browser keeps its delegate token in: one per workshop."""
    return "workshop_me_" + "".join(ch for ch in join_code.upper() if ch.isalnum())
