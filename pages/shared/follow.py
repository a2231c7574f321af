"""The follow component (follow_frame/index.html): it re-runs a page when the facilitator
moves on; beside it, the browser keeps the delegate's token (the cookie that brings the
phone back as the same delegate)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from pages.shared.browser import cookie, keep_cookie
from workshop import devices, follow

_follow = components.declare_component("follow_presenter",
                                       path=str(Path(__file__).parent / "follow_frame"))
# The title Streamlit gives the component's frame (its module and name).
FRAME_TITLE = _follow.name


def follow_presenter(join_code: str, version: int, delegate_token: str | None = None,
                     question: str | None = None) -> None:
    """Re-run this page when the facilitator moves on (workshop/front.py, follow.py).
    With a delegate's token, the browser also keeps it in the workshop's cookie, so the
    join link opened again on this phone brings back the same delegate. A new `question`
    (what the phone shows) scrolls the page back to its top."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base}" if base else ""
    if delegate_token and remembered_token(join_code) != delegate_token:
        keep_cookie({"name": devices.delegate_cookie(join_code), "value": delegate_token,
                     "max_age": devices.DELEGATE_COOKIE_SECONDS})
    name = follow.follow_name(join_code)
    _follow(url=f"{prefix}/app/static/live/{name}.json",
            live_url=f"{prefix}{follow.LIVE_PREFIX}{name}", version=version,
            interval_ms=follow.POLL_SECONDS * 1000, question=question, key="follow",
            default=version)


def remembered_token(join_code: str) -> str | None:
    """The delegate token this browser kept for the workshop (see follow_presenter), as
    sent when the page was opened."""
    return cookie(devices.delegate_cookie(join_code))
