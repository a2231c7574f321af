"""What the browser sent with the page: its cookies and its address."""

from __future__ import annotations

import streamlit as st

from workshop import devices


def request_text(value) -> str | None:
    """A value from the browser's request, if it is text (a page run with no browser,
    as in tests, has none)."""
    return value if isinstance(value, str) else None


def cookie(name: str) -> str | None:
    """A cookie the browser sent when the page was opened."""
    return request_text(st.context.cookies.get(name))


def device_address() -> str:
    """This browser's address (workshop/devices.py). Streamlit gives none for a
    connection from this computer, as the front door's are: loopback."""
    return devices.app_device_address(request_text(st.context.ip_address) or "127.0.0.1",
                                      request_text(st.context.headers.get("X-Forwarded-For")))
