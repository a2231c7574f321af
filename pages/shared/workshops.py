"""The app's one set of workshops, and finding a workshop by its join code."""

from __future__ import annotations

import threading
import traceback

import streamlit as st

from pages.shared.browser import device_address
from store import configured_store
from workshop import access, charts, links, settings
from workshop.scenarios import load_packs
from workshop.workshops import Workshops


@st.cache_resource
def workshops() -> Workshops:
    """One set of workshops for every session (the store and tagger are thread-safe),
    announced with the facilitator link when the app's entry script first runs: those
    opened as the process started, if they were, else opened now."""
    global _early, _given
    with _opening:
        ws, _early = _early or _open(), None
        _given = ws
    print(f"\nFacilitator link (keep private): "
          f"{links.facilitator_url(access.facilitator_secret())}\n", flush=True)
    return ws


_early: Workshops | None = None  # opened as the process started, not yet in use
_given: Workshops | None = None  # the pages' own
_opening = threading.Lock()
# Set once the theming model is loaded and the codebooks learnt (or that failed).
warmed = threading.Event()


def opened() -> Workshops:
    """The app's workshops, opened as the process starts (pages/shared/start.py), before
    any page asks: the pages' own if a page was first."""
    global _early
    with _opening:
        if _given is not None:
            return _given
        if _early is None:
            _early = _open()
        return _early


def _open() -> Workshops:
    skipped: list = []  # a broken pack never stops the app: it is left out and named
    ws = Workshops(configured_store(),
                   load_packs(*settings.pack_dirs(), skipped=skipped), settings.live_dir())
    ws.pack_problems = [str(problem) for problem in skipped]
    for problem in ws.pack_problems:
        print(f"A pack was left out: {problem}", flush=True)
    threading.Thread(target=_warm_up, args=(ws,), name="warm-up", daemon=True).start()
    for w in ws.all():  # phones of a restarted server find their statuses again
        ws.publish(w)
    return ws


def _warm_up(ws: Workshops) -> None:
    """Load the theming model, learn each pack's codebook and draw one chart as the server
    starts, in the background: the first time in a process they take seconds (the
    codebooks most), and the first comment of the day should not wait for them, nor hold
    up the console and projector meanwhile. Measured with bench/moderation_latency.py."""
    from workshop import themes
    try:
        themes.embedder()
        for pack in list(ws.packs.values()):
            themes.Tagger(list(pack.codebook))  # learnt once per codebook, then kept
        charts.go.Figure(charts.go.Bar(x=[1], y=["warm"])).to_json()
    except Exception:  # only ever a head start: the same work is done when first needed
        traceback.print_exc()
    finally:
        warmed.set()


def find_workshop(code: str, token: str | None = None) -> dict:
    """The workshop a code (typed, or in the link) names. Wrong codes count against this
    device's address; a code this session has found before is not counted again."""
    if code in st.session_state.get("codes_found", ()):
        return workshops().by_join_code(code)
    found = workshops().find_by_code(code, device_address(), token)
    st.session_state["codes_found"] = [*st.session_state.get("codes_found", ()), code]
    return found
