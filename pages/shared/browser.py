"""What the browser sent with the page: its cookies and its address."""

from __future__ import annotations

import streamlit as st

from workshop import devices

# Keeps a cookie of the app's own (a delegate's token, the facilitator's proof, the
# language chosen), set from the page itself: no frame to load. Shows nothing (hidden by
# pages/shared/style.py).
KEEP_JS = """
export default function (component) {
  const r = component.data;
  if (!r || !r.name || !r.value) return;
  const pair = r.name + "=" + r.value;
  try {
    if (document.cookie.split("; ").indexOf(pair) >= 0) return;
    document.cookie = pair + "; Path=/; Max-Age=" + r.max_age + "; SameSite=" +
                      (r.same_site || "Lax") +
                      (location.protocol === "https:" ? "; Secure" : "");
  } catch (e) { /* cookies blocked: the link still works */ }
}
"""
KEEP_KEY = "keep_cookie_"  # each cookie kept has its own element, keyed KEEP_KEY + its name
_keep = st.components.v2.component("keep_cookie", js=KEEP_JS)


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


def keep_cookie(remember: dict) -> None:
    """Have the browser keep a cookie: `remember` gives its name, value, max_age (seconds)
    and same_site ("Lax" unless said)."""
    _keep(key=KEEP_KEY + remember["name"], data=remember)
