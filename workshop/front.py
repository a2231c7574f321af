"""The room's front door: one address for every browser, several app processes behind it.

A Streamlit server is one Python process, so it uses about one CPU core however many the
laptop has; with hundreds of phones, the burst of page runs when the facilitator moves on
queues behind itself (bench/load.py). `python -m workshop serve` therefore starts several
`streamlit run` processes on loopback ports and puts this small asyncio server in front:

- every connection from one device (one IP address) goes to the same process, chosen
  when the device is first seen (the process with the fewest devices), so a browser's
  session, its media files and uploads stay together. Browsers on the serving laptop
  itself (the console and the projector) may have a process of their own. Bytes are passed through untouched:
  HTTP requests are read only as far as their heads, and a websocket is spliced both ways;
- `GET /_workshop/live/<join code>?v=N` is answered here, without any app process: it
  returns the workshop's status (current question, open or closed, version) at once if
  its version is not N, or else when the facilitator next moves on (at most WAIT_SECONDS
  later). Phones hold one such request open instead of polling, so a move reaches them
  at once and a quiet room costs nothing. The status comes from the file the app writes
  (workshop/follow.py), so it works whichever process the console runs on. Phones are
  woken RELEASE_BATCH at a time, RELEASE_GAP apart, so 500 page runs arrive as a quick
  stream the processes work through in order, not as one burst that finishes all at once.

Stores are shared by the processes through the data folder (store/files.py: file locks,
and each process reads only the journal lines others added).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from workshop import follow

_LOG = logging.getLogger(__name__)

_LIVE = re.compile("^" + re.escape(follow.LIVE_PREFIX) + r"([A-Za-z0-9_-]{1,32})$")
WAIT_SECONDS = 25.0
WATCH_SECONDS = 0.1
RELEASE_BATCH, RELEASE_GAP = 25, 0.05
MAX_HEAD = 64 * 1024
CHUNK = 64 * 1024


class _Status:
    """One workshop's status file as last read, and the phones waiting for a change."""

    def __init__(self):
        self.signature = None
        self.body = b""
        self.version = None
        self.changed = asyncio.Event()
        self.turn = 0  # phones answered since the last move


class Front:
    def __init__(self, backends: list[tuple[str, int]], live_dir: Path | str,
                 facilitator: tuple[str, int] | None = None,
                 own_addresses: frozenset[str] = frozenset()):
        self.backends = list(backends)
        self.live_dir = Path(live_dir)
        # The facilitator's screens (console, projector) usually run on the laptop that
        # serves the app: given a process of their own, they stay live while the room's
        # phones keep the other processes busy.
        self.facilitator = facilitator
        self.own_addresses = own_addresses
        self.devices: dict[str, int] = {}       # IP address → backend index
        self.load = [0] * len(self.backends)    # devices per backend
        self.statuses: dict[str, _Status] = {}
        self._watcher = None
        self._server = None

    # -- serving -------------------------------------------------------------------------
    async def start(self, host: str, port: int) -> None:
        self._server = await asyncio.start_server(self._connection, host, port,
                                                  limit=MAX_HEAD, backlog=1024)
        self._watcher = asyncio.create_task(self._watch())

    async def close(self) -> None:
        if self._watcher:
            self._watcher.cancel()
        if self._server:
            self._server.close()

    def backend_for(self, address: str) -> tuple[str, int]:
        if self.facilitator is not None and address in self.own_addresses:
            return self.facilitator
        return self.backends[self._phone_backend(address)]

    def _phone_backend(self, address: str) -> int:
        index = self.devices.get(address)
        if index is None:
            index = min(range(len(self.backends)), key=lambda i: self.load[i])
            if len(self.devices) < 100_000:
                self.devices[address] = index
            self.load[index] += 1
        return index

    async def _connection(self, reader: asyncio.StreamReader,
                          writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peername") or ("?",)
        link = _Upstream()
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                    return
                method, target, headers = _parse_head(head)
                url = urlsplit(target)
                live = method in ("GET", "HEAD") and _LIVE.match(url.path)
                if live:
                    # Answered here. If the app process closes its idle connection
                    # meanwhile, this browser connection stays open for the answer.
                    link.forwarding = False
                    if not await self._live(writer, live.group(1), url.query, headers,
                                            method == "HEAD"):
                        return
                    continue
                if not await link.open(self.backend_for(peer[0]), writer):
                    await _reply(writer, 503, "text/plain; charset=utf-8",
                                 b"The workshop app is starting or restarting. Please "
                                 b"try again in a moment.", keep=False)
                    return
                link.forwarding = True
                up_writer = link.writer
                up_writer.write(head)
                if headers.get("upgrade", "").lower() == "websocket" or \
                        "chunked" in headers.get("transfer-encoding", "").lower():
                    await _copy(reader, up_writer)  # from now on, bytes both ways
                    await link.pump
                    return
                length = int(headers.get("content-length") or 0)
                while length > 0:
                    data = await reader.read(min(length, CHUNK))
                    if not data:
                        return
                    up_writer.write(data)
                    length -= len(data)
                    await up_writer.drain()
                await up_writer.drain()
        except (ConnectionError, ValueError, asyncio.CancelledError):
            pass
        finally:
            link.close()
            writer.close()

    # -- following the presenter ---------------------------------------------------------
    async def _live(self, writer, code: str, query: str, headers: dict,
                    head_only: bool) -> bool:
        known = (parse_qs(query).get("v") or [""])[0]
        status = self._status(code)
        if status.version is not None and known == str(status.version):
            try:
                await asyncio.wait_for(status.changed.wait(), WAIT_SECONDS)
            except asyncio.TimeoutError:
                pass  # nothing new: the phone asks again
            else:
                await self._in_turn(status)
        keep = headers.get("connection", "").lower() != "close"
        if status.version is None:
            await _reply(writer, 404, "application/json", b'{"error": "no such workshop"}',
                         keep, head_only)
        else:
            await _reply(writer, 200, "application/json", status.body, keep, head_only)
        return keep

    async def _in_turn(self, status: _Status) -> None:
        """Wake phones a batch at a time after a move (see the module doc)."""
        turn, status.turn = status.turn, status.turn + 1
        if turn >= RELEASE_BATCH:
            await asyncio.sleep(RELEASE_GAP * (turn // RELEASE_BATCH))

    def _status(self, code: str) -> _Status:
        status = self.statuses.get(code)
        if status is None:
            status = _Status()
            self._read(code, status)
            if status.version is None:
                return status  # no such workshop (yet): answered 404, not remembered
            if len(self.statuses) > 1000:  # a server up for many days: start afresh
                self.statuses.clear()
            self.statuses[code] = status
        return status

    def _read(self, code: str, status: _Status) -> bool:
        path = follow.status_path(self.live_dir, code)
        try:
            st = os.stat(path)
        except OSError:
            signature = None
        else:
            signature = (st.st_ino, st.st_mtime_ns, st.st_size)
        if signature == status.signature:
            return False
        status.signature = signature
        try:
            body = path.read_bytes()
            version = json.loads(body)["v"]
        except (OSError, ValueError, KeyError, TypeError):
            body, version = b"", None
        if version == status.version and body == status.body:
            return False
        status.body, status.version = body, version
        return True

    async def _watch(self) -> None:
        """Notice a new status file (written by whichever process the console runs on)."""
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            for code, status in list(self.statuses.items()):
                if self._read(code, status):
                    woken, status.changed = status.changed, asyncio.Event()
                    status.turn = 0
                    woken.set()


class _Upstream:
    """A browser connection's connection to its app process, opened when first needed.

    Its responses are copied back as they come. When the app process closes it (idle
    keep-alive), the browser connection is closed too if a request of it was waiting for
    an answer from the app, and otherwise kept (the next request opens a new one)."""

    def __init__(self):
        self.writer = None
        self.pump = None
        self.forwarding = False

    async def open(self, backend: tuple[str, int], client: asyncio.StreamWriter) -> bool:
        if self.writer is not None and not self.writer.is_closing():
            return True
        self.close()
        try:
            reader, self.writer = await asyncio.open_connection(*backend, limit=CHUNK)
        except OSError:
            return False
        self.pump = asyncio.create_task(self._back(reader, self.writer, client))
        return True

    async def _back(self, reader: asyncio.StreamReader, own: asyncio.StreamWriter,
                    client: asyncio.StreamWriter) -> None:
        try:
            await _copy(reader, client, close=False)
        finally:
            own.close()
            if self.forwarding and self.writer is own:
                client.close()

    def close(self) -> None:
        if self.pump is not None:
            self.pump.cancel()
        if self.writer is not None:
            self.writer.close()
        self.pump = self.writer = None


def _parse_head(head: bytes) -> tuple[str, str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3:
        raise ValueError("not an HTTP request")
    headers = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return parts[0], parts[1], headers


async def _copy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                close: bool = True) -> None:
    """Pass bytes on until the reader ends (then close the writer, unless told not to)."""
    try:
        while True:
            data = await reader.read(CHUNK)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        if close:
            writer.close()


async def _reply(writer, code: int, kind: str, body: bytes, keep: bool = True,
                 head_only: bool = False) -> None:
    reason = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}[code]
    writer.write(
        f"HTTP/1.1 {code} {reason}\r\nContent-Type: {kind}\r\n"
        f"Content-Length: {len(body)}\r\nCache-Control: no-store\r\n"
        f"Connection: {'keep-alive' if keep else 'close'}\r\n\r\n".encode("latin-1")
        + (b"" if head_only else body))
    await writer.drain()
