"""Phones follow the presenter through the database, whichever app server they reach.

When the store is PostgreSQL, several app servers (on one machine or several, behind a
load balancer: deploy/) share the workshops. A facilitator's move is written by the
server the console is on; every other server must answer its phones' waiting follow
requests at once. So the status (workshop/follow.py `status_of`) is kept in the table
`store_follow` under the workshop's follow name, and each change is announced with
PostgreSQL's NOTIFY on `store.postgres.FOLLOW_CHANNEL` (store/postgres.py
`publish_follow`), in the transaction that writes it.

Each app server runs one `DbFollow` in its own event loop (workshop_hosted.py): one
connection LISTENs, a small pool reads statuses, and `wait()` answers
`GET /_workshop/live/<name>?v=N` exactly as the laptop's front door does
(workshop/front.py): at once if the version is not N, else when it next changes (at most
WAIT_SECONDS later), woken a batch at a time. If the listening connection drops (the
database restarted), it is opened again and every status re-read, so no move is missed;
every RECHECK_SECONDS the statuses are re-read anyway.
"""

from __future__ import annotations

import asyncio
import json
import logging

from workshop.front import WAIT_SECONDS, wake_in_batches

_LOG = logging.getLogger(__name__)
RECHECK_SECONDS = 10.0
MAX_KNOWN = 1000  # statuses kept in memory; beyond, forgotten (re-read when asked)


class _Status:
    __slots__ = ("version", "body", "waiters")

    def __init__(self, version, body: bytes):
        self.version, self.body = version, body
        self.waiters: dict[asyncio.Future, str] = {}  # arrival order → device address


class DbFollow:
    """start() in the server's event loop; wait(name, known, address); stop()."""

    def __init__(self, url: str):
        self.url = url
        self.known: dict[str, _Status] = {}
        self.pool = None
        self._listener = None
        self._checker = None
        self.connected = asyncio.Event()

    async def start(self) -> None:
        from psycopg_pool import AsyncConnectionPool
        self.pool = AsyncConnectionPool(self.url, min_size=1, max_size=2,
                                        kwargs={"autocommit": True}, open=False,
                                        check=AsyncConnectionPool.check_connection,
                                        name="workshop-follow")
        await self.pool.open()
        self._listener = asyncio.create_task(self._listen())
        self._checker = asyncio.create_task(self._recheck())

    async def stop(self) -> None:
        for task in (self._listener, self._checker):
            if task is not None:
                task.cancel()
        for status in self.known.values():
            wake_in_batches(status.waiters)
        if self.pool is not None:
            await self.pool.close()

    async def wait(self, name: str, known: str, address: str) -> bytes | None:
        """The status's body once its version is not `known` (or WAIT_SECONDS passed);
        None for no such workshop."""
        status = await self._status(name)
        if status is None:
            return None
        if known == str(status.version):
            woken = asyncio.get_running_loop().create_future()
            status.waiters[woken] = address
            try:
                await asyncio.wait_for(woken, WAIT_SECONDS)
            except asyncio.TimeoutError:
                pass  # nothing new: the phone asks again
            finally:
                status.waiters.pop(woken, None)
            status = self.known.get(name, status)
            if status.version is None:
                return None  # deleted meanwhile
        return status.body

    # -- reading -------------------------------------------------------------------------
    async def _status(self, name: str) -> _Status | None:
        status = self.known.get(name)
        if status is not None:
            return status
        found = await self._read([name])
        if name not in found:
            return None  # no such workshop (yet): answered 404, not remembered
        if len(self.known) >= MAX_KNOWN:  # a server up for many days: start afresh
            for old in self.known.values():
                wake_in_batches(old.waiters)
            self.known.clear()
        status = self.known.get(name)  # read meanwhile by another request
        if status is None:
            status = self.known[name] = _Status(*found[name])
        return status

    async def _read(self, names: list[str]) -> dict[str, tuple[int, bytes]]:
        async with self.pool.connection() as conn:
            cur = await conn.execute("SELECT name, status FROM store_follow "
                                     "WHERE name = ANY(%s)", (names,))
            rows = await cur.fetchall()
        return {name: (status.get("v"), json.dumps(status).encode("utf-8"))
                for name, status in rows}

    async def _refresh(self, names: list[str]) -> None:
        """Re-read these statuses; wake the phones of each that changed."""
        names = [n for n in names if n in self.known]
        if not names:
            return
        found = await self._read(names)
        for name in names:
            status = self.known.get(name)
            if status is None:
                continue
            version, body = found.get(name, (None, b""))
            if version != status.version or body != status.body:
                status.version, status.body = version, body
                waiters, status.waiters = status.waiters, {}
                wake_in_batches(waiters)
                if version is None:
                    del self.known[name]

    # -- listening -----------------------------------------------------------------------
    async def _listen(self) -> None:
        import psycopg

        from store.postgres import FOLLOW_CHANNEL
        gap = 1.0
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(
                        self.url, autocommit=True, connect_timeout=10) as conn:
                    await conn.execute(f"LISTEN {FOLLOW_CHANNEL}")
                    self.connected.set()
                    gap = 1.0
                    await self._refresh(list(self.known))  # moves made while not listening
                    async for note in conn.notifies():
                        await self._refresh([note.payload])
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database restarted or is unreachable
                self.connected.clear()
                _LOG.warning("Following the presenter: lost the database (%s); trying "
                             "again in %.0f s.", str(exc).strip().splitlines()[:1], gap)
                await asyncio.sleep(gap)
                gap = min(gap * 2, 10.0)

    async def _recheck(self) -> None:
        while True:
            await asyncio.sleep(RECHECK_SECONDS)
            try:
                await self._refresh(list(self.known))
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                _LOG.warning("Following the presenter: could not re-read statuses (%s).",
                             str(exc).strip().splitlines()[:1])
