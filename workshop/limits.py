"""How often one device or one delegate may do something.

- Wrong join codes, per device address (workshop/devices.py): at most
  WORKSHOP_WRONG_CODES in WRONG_CODES_SECONDS, then every code from that address is
  refused until the oldest of them is that old. Kept in memory, per app process: behind
  `python -m workshop serve` every connection from one address goes to the same process,
  so the count is the device's whole count. Nothing here is written to disk.
- Comments and ideas, per delegate: at most WORKSHOP_POSTS_PER_MINUTE each in a minute,
  counted from the times stored with them (Workshops._check_pace), so a restart or a
  second process sees the same count.

`Window` is the one rule both use: given the times of earlier attempts, how long until
one more is allowed.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from workshop import settings
from workshop.i18n import N_
from workshop.wording import counted

WRONG_CODES_SECONDS = 600
POSTS_SECONDS = 60


@dataclass(frozen=True)
class Window:
    """At most `limit` in any `seconds`; a limit of 0 means no limit."""
    limit: int
    seconds: float

    def wait(self, times: Iterable[float], now: float) -> float:
        """Seconds until one more is allowed, given when the earlier ones happened
        (0: allowed now)."""
        if self.limit <= 0:
            return 0.0
        recent = sorted(t for t in times if now - t < self.seconds)
        if len(recent) < self.limit:
            return 0.0
        return max(recent[-self.limit] + self.seconds - now, 0.001)


class RateLimiter:
    """A `Window` per key (a device address), kept in memory; safe to share between
    threads. Keys whose times have all passed are forgotten."""

    MAX_KEYS = 100_000  # a server up for days with many addresses: oldest forgotten first

    def __init__(self, window: Window, clock=time.monotonic):
        self.window = window
        self._clock = clock
        self._lock = threading.Lock()
        self._times: dict[str, deque[float]] = {}

    def wait(self, key: str) -> float:
        """Seconds until `key` may try again (0: now)."""
        with self._lock:
            return self.window.wait(self._times.get(key, ()), self._clock())

    def hit(self, key: str) -> None:
        """Count one attempt by `key`, now."""
        if self.window.limit <= 0:
            return
        with self._lock:
            now = self._clock()
            times = self._times.pop(key, None) or deque()
            while times and now - times[0] >= self.window.seconds:
                times.popleft()
            times.append(now)
            while len(times) > self.window.limit:
                times.popleft()  # only the latest `limit` decide when the next is allowed
            self._times[key] = times  # re-inserted: the dict stays oldest-used first
            if len(self._times) > self.MAX_KEYS:
                self._forget(now)

    def _forget(self, now: float) -> None:
        for key in [k for k, t in self._times.items() if now - t[-1] >= self.window.seconds]:
            del self._times[key]
        while len(self._times) > self.MAX_KEYS:
            del self._times[next(iter(self._times))]


def wrong_codes_window() -> Window:
    return Window(_whole(settings.get("WORKSHOP_WRONG_CODES")), WRONG_CODES_SECONDS)


def posts_window(per_minute: int | None = None) -> Window:
    if per_minute is None:
        per_minute = _whole(settings.get("WORKSHOP_POSTS_PER_MINUTE"))
    return Window(per_minute, POSTS_SECONDS)


def _whole(value: str) -> int:
    try:
        return max(int(value), 0)
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number: limits are whole numbers, "
                         "0 for no limit.") from None


def wait_words(seconds: float) -> dict:
    """A wait for a message: `wait` in words ("20 seconds"), and its number and unit
    apart (`wait_n`, `wait_unit`) for a language that says it another way."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 60:
        return {"wait": in_words(seconds), "wait_n": seconds, "wait_unit": N_("second")}
    return {"wait": in_words(seconds), "wait_n": math.ceil(seconds / 60),
            "wait_unit": N_("minute")}


def in_words(seconds: float) -> str:
    """A wait as a person would say it: "20 seconds", "1 minute", "7 minutes"."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 60:
        return counted(seconds, "second")
    return counted(math.ceil(seconds / 60), "minute")
