"""The room's front door: one address for every browser, several app processes behind it.

A Streamlit server is one Python process, so it uses about one CPU core however many the
laptop has; with hundreds of phones, the burst of page runs when the facilitator moves on
queues behind itself (bench/load.py). `python -m workshop serve` therefore starts several
`streamlit run` processes on loopback ports and puts this small asyncio server in front:

- every connection from one device (one address, see workshop/devices.py) goes to the same
  process, chosen when the device is first seen (the process with the fewest devices), so
  a browser's session, its media files and uploads stay together. Browsers on the serving
  laptop itself (the console and the projector) may have a process of their own. Request
  heads are read and checked; bodies and websockets are passed through untouched. Each
  head sent on to an app process carries exactly one `X-Forwarded-For`: the device's
  address, so the app processes know the real device;
- `GET /_workshop/live/<status name>?v=N` (workshop/follow.py) is answered here, without any app process: it
  returns the workshop's status (current question, open or closed, version) at once if
  its version is not N, or else when the facilitator next moves on (at most WAIT_SECONDS
  later). Phones hold one such request open instead of polling, so a move reaches them
  at once and a quiet room costs nothing. The status comes from the file the app writes
  (workshop/follow.py), so it works whichever process the console runs on. After a move
  phones are woken RELEASE_BATCH at a time, RELEASE_GAP apart, so 500 page runs arrive as
  a quick stream the processes work through in order, not as one burst that finishes all
  at once; the first of each address's waiting requests go first, so many requests from
  one address cannot hold the others back.

Defences (each one measured by bench/attack.py, see bench/README.md):

- a request head must arrive whole within `head_seconds` of its first byte (of the
  connection opening, for the first one), and a connection on which nothing moves either
  way for `idle_seconds` is closed (websockets too: the app processes ping every 30 s);
- one address may hold `per_address` connections and `waiting_per_address` waiting live
  requests (the laptop's own browsers are not counted); beyond that a request is answered
  429 at once (a phone's follow component then asks every few seconds instead of
  waiting), and the front door never takes on more connections than its open-file limit
  leaves room for (each may need a second socket to its app process);
- a head that is malformed, too big, or has a negative, non-numeric, repeated or
  conflicting `Content-Length` is answered 400 (413, 431) and the connection closed, so a
  body can never be read as a request;
- trouble is logged one line per kind a minute, with a count: never a traceback flood.

Stores are shared by the processes through the data folder (store/files.py: file locks,
and each process reads only the journal lines others added).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from workshop import devices, follow, settings

try:
    import resource
except ImportError:  # Windows: no open-file limit to read
    resource = None

_LOG = logging.getLogger(__name__)

_LIVE = re.compile("^" + re.escape(follow.LIVE_PREFIX) + r"([A-Za-z0-9_-]{1,32})$")
WAIT_SECONDS = 25.0
WATCH_SECONDS = 0.1
RELEASE_BATCH, RELEASE_GAP = 25, 0.05
MAX_HEAD = 64 * 1024
CHUNK = 64 * 1024
# Files the front door holds per phone, measured (bench/README.md): its websocket (and
# that connection's socket to the app process), its waiting live request, and a browser's
# connection for files and uploads now and then (with its own to the app process).
FILES_PER_PHONE = 5
SPARE_FILES = 64   # the listening socket, log and status files, Python's own
REFUSING_AT_ONCE = 16  # refusals an address may be waiting on; beyond, closed at once
LOG_EVERY = 60.0   # seconds: one log line per kind of trouble per this long


@dataclass(frozen=True)
class Limits:
    """How long a browser may take, and how much one address may hold (0: no cap)."""
    head_seconds: float = 10.0     # a request head, whole, from its first byte
    idle_seconds: float = 60.0     # nothing moving either way on a connection
    per_address: int = 200         # connections one address may hold
    waiting_per_address: int = 100  # live requests one address may have waiting
    refuse_seconds: float = 2.0    # a refused connection may say what it wanted this long
    max_body: int = 256 * 1024 * 1024  # bytes (Streamlit's own upload limit is 200 MB)
    open_files: int = 0            # the process's limit; 0: read it (resource.getrlimit)

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(per_address=_whole("WORKSHOP_MAX_CONNECTIONS_PER_ADDRESS"),
                   waiting_per_address=_whole("WORKSHOP_MAX_WAITING_PER_ADDRESS"))


def _whole(name: str) -> int:
    value = settings.get(name).strip()
    try:
        number = int(value)
        if number < 0:
            raise ValueError
    except ValueError:
        raise SystemExit(f"{name} must be a whole number (0 for no limit), not {value!r}.")
    return number


def open_files_limit() -> int:
    """This process's open-file (soft) limit; 0 where there is none to read."""
    if resource is None:
        return 0
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    return 0 if soft == resource.RLIM_INFINITY else soft


def accept_backlog(open_files: int) -> int:
    """How many connections to take on at a time. asyncio accepts up to this many in one
    go before any is looked at, so this many files are kept free for such a burst."""
    if not open_files:
        return 1024
    return max(64, min(1024, (open_files - SPARE_FILES) // 4))


def connection_files(open_files: int) -> int:
    """Files the front door gives to connections (browsers' and to app processes)."""
    return open_files - SPARE_FILES - accept_backlog(open_files)


def phones_for(open_files: int) -> int:
    """About how many phones the front door can carry with this many open files."""
    return max(0, connection_files(open_files) // FILES_PER_PHONE)


class BadRequest(Exception):
    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code


_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+\Z")
_TARGET = re.compile(r"(?:/|https?://)[\x21-\x7e]*\Z|\*\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_DIGITS = re.compile(r"[0-9]+\Z")
# Forwarding headers believed only from a trusted proxy (WORKSHOP_TRUSTED_PROXIES).
_PROXY_ONLY = frozenset({"x-forwarded-proto", "x-forwarded-host", "forwarded", "x-real-ip"})


@dataclass
class Request:
    method: str
    target: str
    version: str
    fields: list[tuple[str, str, str]]  # (lower-case name, value, the line as sent)
    length: int = 0
    chunked: bool = False

    def header(self, name: str) -> str:
        """A header's value; repeated lines joined with commas, as HTTP says."""
        return ", ".join(v for n, v, _ in self.fields if n == name)

    @property
    def upgrade(self) -> bool:
        return self.header("upgrade").lower() == "websocket"

    @property
    def keep_alive(self) -> bool:
        connection = self.header("connection").lower()
        if self.version == "HTTP/1.0":
            return "keep-alive" in connection
        return "close" not in connection

    def forward_head(self, device: str, from_proxy: bool) -> bytes:
        """The head for an app process: the device's address as the one X-Forwarded-For."""
        drop = {"x-forwarded-for"} | (set() if from_proxy else _PROXY_ONLY)
        lines = [f"{self.method} {self.target} {self.version}"]
        lines += [line for n, _, line in self.fields if n not in drop]
        lines.append(f"X-Forwarded-For: {device}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def parse_request(head: bytes, max_body: int) -> Request:
    """Read a request head (ending in a blank line); BadRequest if it is not one to pass on."""
    lines = head.decode("latin-1")[:-4].split("\r\n")
    while lines and lines[0] == "":  # blank lines before a request are allowed
        lines.pop(0)
    parts = lines[0].split(" ") if lines else []
    if (len(parts) != 3 or not _TOKEN.match(parts[0]) or not _TARGET.match(parts[1])
            or parts[2] not in ("HTTP/1.1", "HTTP/1.0")):
        raise BadRequest(400, "That is not a web request this server understands.")
    try:
        urlsplit(parts[1])
    except ValueError:
        raise BadRequest(400, "The request's address cannot be read.") from None
    fields = []
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        value = value.strip(" \t")
        # No space before the colon, no folded or broken lines, no control characters.
        if not sep or not _TOKEN.match(name) or _CONTROL.search(value):
            raise BadRequest(400, "The request has a header line this server cannot read.")
        fields.append((name.lower(), value, line))
    request = Request(parts[0], parts[1], parts[2], fields)
    lengths = [v for n, v, _ in fields if n == "content-length"]
    codings = [v for n, v, _ in fields if n == "transfer-encoding"]
    if len(lengths) > 1 or (lengths and codings):
        raise BadRequest(400, "The request gives its length more than once.")
    if codings:
        if len(codings) > 1 or codings[0].lower() != "chunked":
            raise BadRequest(400, "The request's Transfer-Encoding is not supported.")
        request.chunked = True
    if lengths:
        if not _DIGITS.match(lengths[0]):
            raise BadRequest(400, "The request's Content-Length is not a whole number.")
        if len(lengths[0]) > 15 or int(lengths[0]) > max_body:
            raise BadRequest(413, "The request is too big.")
        request.length = int(lengths[0])
    return request


class _Complaints:
    """Trouble logged one line per kind per LOG_EVERY seconds, with a count of the rest."""

    def __init__(self, every: float = LOG_EVERY):
        self.every = every
        self.kinds: dict[str, list] = {}  # kind → [first logged at, how many since]

    def note(self, kind: str, detail: str = "") -> None:
        now = asyncio.get_running_loop().time()
        entry = self.kinds.get(kind)
        if entry is None:
            self.kinds[kind] = [now, 0]
            _LOG.warning("Front door: %s%s", kind, f" ({detail})" if detail else "")
        else:
            entry[1] += 1

    def flush(self, now: float) -> None:
        for kind, (since, more) in list(self.kinds.items()):
            if now - since >= self.every:
                del self.kinds[kind]
                if more:
                    _LOG.warning("Front door: %s: %d more in the last %.0f s", kind, more,
                                 now - since)


class _Status:
    """One workshop's status file as last read, and the phones waiting for a change."""

    def __init__(self):
        self.signature = None
        self.body = b""
        self.version = None
        self.waiters: dict[asyncio.Future, str] = {}  # in arrival order → device address


class _Conn:
    """One browser connection, as the sweeper sees it: what it is doing, since when."""
    __slots__ = ("peer", "address", "task", "phase", "since", "last", "timed_out",
                 "counted")

    def __init__(self, peer: str, now: float):
        self.peer, self.address, self.task = peer, None, asyncio.current_task()
        self.phase, self.since, self.last = "new", now, now  # first head due from now
        self.timed_out, self.counted = False, False

    def expires(self, limits: Limits) -> float | None:
        if self.phase in ("new", "head"):  # "head": part of one has come
            return self.since + limits.head_seconds
        if self.phase == "busy":  # a live request the front door holds
            return None
        return self.last + limits.idle_seconds  # idle, body, pipe


class Front:
    def __init__(self, backends: list[tuple[str, int]], live_dir: Path | str,
                 facilitator: tuple[str, int] | None = None,
                 own_addresses: frozenset[str] = frozenset(),
                 trusted: frozenset[str] = frozenset(),
                 limits: Limits = Limits()):
        self.backends = list(backends)
        self.live_dir = Path(live_dir)
        # The facilitator's screens (console, projector) usually run on the laptop that
        # serves the app: given a process of their own, they stay live while the room's
        # phones keep the other processes busy.
        self.facilitator = facilitator
        self.own_addresses = own_addresses
        self.trusted = trusted              # proxies whose X-Forwarded-For is believed
        self.limits = limits
        self.devices: dict[str, int] = {}       # device address → backend index
        self.load = [0] * len(self.backends)    # devices per backend
        self.statuses: dict[str, _Status] = {}
        self.conns: set[_Conn] = set()
        self.per_address: dict[str, int] = {}   # connections held
        self.waiting: dict[str, int] = {}       # live requests waiting
        self.refusing: dict[str, int] = {}      # refusals waiting for a head
        self.sockets = 0                        # browser and app-process sockets open
        files = limits.open_files or open_files_limit()
        self.backlog = accept_backlog(files)
        self.max_sockets = connection_files(files) if files else 0  # 0: no limit known
        self.complaints = _Complaints()
        self._watcher = None
        self._server = None

    # -- serving -------------------------------------------------------------------------
    async def start(self, host: str, port: int) -> None:
        loop = asyncio.get_running_loop()
        # asyncio's own reports (an accept that failed, say) as one line a kind a minute.
        loop.set_exception_handler(lambda _loop, context: self.complaints.note(
            context.get("message") or "event loop error", repr(context.get("exception"))))
        self._server = await asyncio.start_server(self._connection, host, port,
                                                  limit=MAX_HEAD, backlog=self.backlog)
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

    def _capped(self, address: str) -> bool:
        return address not in self.own_addresses

    def _admit(self, conn: _Conn, address: str) -> bool:
        """Count this connection against its address, unless the address holds its cap."""
        conn.address = address
        held = self.per_address.get(address, 0)
        cap = self.limits.per_address
        if cap and self._capped(address) and held >= cap:
            self.complaints.note("too many connections from one address", address)
            return False
        self.per_address[address] = held + 1
        conn.counted = True
        return True

    async def _connection(self, reader: asyncio.StreamReader,
                          writer: asyncio.StreamWriter) -> None:
        peer = (writer.get_extra_info("peername") or ("unknown",))[0]
        conn = _Conn(peer, asyncio.get_running_loop().time())
        link = _Upstream(self, conn)
        self.sockets += 1
        try:
            if self.max_sockets and self.sockets + 1 > self.max_sockets:
                # No file to spare for its app-process socket: said at once, no waiting.
                self.complaints.note("refused connections: the open-file limit is reached",
                                     f"{self.max_sockets} for connections")
                writer.write(_response(503, "text/plain; charset=utf-8", _FULL, False))
                return
            if peer not in self.trusted and not self._admit(conn, peer):
                await self._refuse(reader, writer, peer)
                return
            self.conns.add(conn)
            await self._serve(conn, reader, writer, link)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            if conn.timed_out and conn.phase == "head":
                writer.write(_response(408, "text/plain; charset=utf-8", _SLOW, False))
        except Exception as exc:  # never a traceback per connection
            self.complaints.note(f"unexpected {type(exc).__name__}", str(exc)[:200])
        finally:
            self.conns.discard(conn)
            if conn.counted:
                left = self.per_address[conn.address] - 1
                if left:
                    self.per_address[conn.address] = left
                else:
                    del self.per_address[conn.address]
            link.close()
            writer.close()
            self.sockets -= 1

    async def _refuse(self, reader, writer, address: str) -> None:
        """Over its address's cap: answered 429 if it says what it wants soon, else closed
        (at once, if the address already has REFUSING_AT_ONCE refusals pending)."""
        pending = self.refusing.get(address, 0)
        if pending >= REFUSING_AT_ONCE:
            return
        self.refusing[address] = pending + 1
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"),
                                          self.limits.refuse_seconds)
        except (asyncio.TimeoutError, asyncio.IncompleteReadError,
                asyncio.LimitOverrunError, ConnectionError):
            return
        finally:
            left = self.refusing[address] - 1
            if left:
                self.refusing[address] = left
            else:
                del self.refusing[address]
        live = f" {follow.LIVE_PREFIX}".encode() in head.split(b"\r\n", 1)[0]
        writer.write(_response(429, *(_BUSY_JSON if live else _BUSY_TEXT), False))

    async def _read_head(self, conn: _Conn, reader, writer) -> bytes | None:
        """The next request head, or None when the connection is over."""
        loop = asyncio.get_running_loop()
        if conn.phase == "new":  # its first head is due within head_seconds of opening
            first = await reader.readexactly(1)
        else:  # after a request: waiting for the next (idle timeout)
            conn.phase = "idle"
            first = await reader.readexactly(1)
            conn.since = loop.time()
        conn.phase, conn.last = "head", loop.time()
        try:
            rest = await reader.readuntil(b"\r\n\r\n")
        except asyncio.LimitOverrunError:
            await self._bad(writer, BadRequest(431, "The request's headers are too long."),
                            conn)
            return None
        return first + rest

    async def _bad(self, writer, bad: BadRequest, conn: _Conn) -> None:
        self.complaints.note(f"refused a request ({bad.code})",
                             f"{bad} from {conn.address or conn.peer}")
        writer.write(_response(bad.code, "text/plain; charset=utf-8",
                               str(bad).encode(), False))
        await writer.drain()

    async def _serve(self, conn: _Conn, reader, writer, link: _Upstream) -> None:
        loop = asyncio.get_running_loop()
        from_proxy = conn.peer in self.trusted
        while True:
            head = await self._read_head(conn, reader, writer)
            if head is None:
                return
            try:
                request = parse_request(head, self.limits.max_body)
            except BadRequest as bad:
                await self._bad(writer, bad, conn)
                return
            device = devices.device_address(conn.peer, request.header("x-forwarded-for")
                                            or None, self.trusted)
            if not conn.counted and not self._admit(conn, device):  # through a proxy
                writer.write(_response(429, *(_BUSY_JSON if _LIVE.match(
                    urlsplit(request.target).path) else _BUSY_TEXT), False))
                return
            url = urlsplit(request.target)
            live = request.method in ("GET", "HEAD") and _LIVE.match(url.path)
            if live:
                if request.length or request.chunked:
                    await self._bad(writer, BadRequest(400, "This request takes no body."),
                                    conn)
                    return
                # Answered here. If the app process closes its idle connection
                # meanwhile, this browser connection stays open for the answer.
                link.forwarding = False
                conn.phase = "busy"
                keep = request.keep_alive
                await self._live(conn, writer, device, live.group(1), url.query, keep,
                                 request.method == "HEAD")
                conn.last = loop.time()
                if not keep:
                    return
                continue
            if not await link.open(self.backend_for(device), writer):
                await _reply(writer, 503, "text/plain; charset=utf-8",
                             b"The workshop app is starting or restarting. Please "
                             b"try again in a moment.", keep=False)
                return
            link.forwarding = True
            up_writer = link.writer
            up_writer.write(request.forward_head(device, from_proxy))
            conn.phase = "body"
            if request.upgrade or request.chunked:
                conn.phase = "pipe"  # from now on, bytes both ways
                await _copy(reader, up_writer, conn)
                await link.pump
                return
            length = request.length
            while length > 0:
                data = await reader.read(min(length, CHUNK))
                if not data:
                    return
                conn.last = loop.time()
                up_writer.write(data)
                length -= len(data)
                await up_writer.drain()
            await up_writer.drain()
            conn.phase = "idle"

    # -- following the presenter ---------------------------------------------------------
    async def _live(self, conn: _Conn, writer, address: str, name: str, query: str,
                    keep: bool, head_only: bool) -> None:
        known = (parse_qs(query).get("v") or [""])[0]
        status = self._status(name)
        if status.version is not None and known == str(status.version):
            waiting = self.waiting.get(address, 0)
            cap = self.limits.waiting_per_address
            if cap and self._capped(address) and waiting >= cap:
                self.complaints.note("too many waiting requests from one address", address)
                conn.phase, conn.last = "idle", asyncio.get_running_loop().time()
                await _reply(writer, 429, *_BUSY_JSON, keep, head_only)
                return
            woken = asyncio.get_running_loop().create_future()
            status.waiters[woken] = address
            self.waiting[address] = waiting + 1
            try:
                await asyncio.wait_for(woken, WAIT_SECONDS)
            except asyncio.TimeoutError:
                pass  # nothing new: the phone asks again
            finally:
                status.waiters.pop(woken, None)
                left = self.waiting[address] - 1
                if left:
                    self.waiting[address] = left
                else:
                    del self.waiting[address]
        # A browser that does not take its answer is timed out as an idle one.
        conn.phase, conn.last = "idle", asyncio.get_running_loop().time()
        if status.version is None:
            await _reply(writer, 404, "application/json", b'{"error": "no such workshop"}',
                         keep, head_only)
        else:
            await _reply(writer, 200, "application/json", status.body, keep, head_only)

    def _wake(self, status: _Status) -> None:
        """After a move: every waiting phone answered, a batch at a time (module doc),
        each address's first waiting request before any address's second."""
        waiters, status.waiters = status.waiters, {}
        wake_in_batches(waiters)

    def _status(self, name: str) -> _Status:
        status = self.statuses.get(name)
        if status is None:
            status = _Status()
            self._read(name, status)
            if status.version is None:
                return status  # no such workshop (yet): answered 404, not remembered
            if len(self.statuses) > 1000:  # a server up for many days: start afresh
                for old in self.statuses.values():
                    _release(list(old.waiters))
                self.statuses.clear()
            self.statuses[name] = status
        return status

    def _read(self, name: str, status: _Status) -> bool:
        path = follow.named_status_path(self.live_dir, name)
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
        """Notice a new status file (written by whichever process the console runs on),
        close connections past their time, and write out the counts of trouble."""
        loop = asyncio.get_running_loop()
        sweep_every = max(WATCH_SECONDS, min(1.0, self.limits.head_seconds / 4,
                                             self.limits.idle_seconds / 4))
        next_sweep = loop.time()
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            for name, status in list(self.statuses.items()):
                if self._read(name, status):
                    self._wake(status)
            now = loop.time()
            if now >= next_sweep:
                next_sweep = now + sweep_every
                self._sweep(now)
                self.complaints.flush(now)

    def _sweep(self, now: float) -> None:
        for conn in list(self.conns):
            due = conn.expires(self.limits)
            if due is not None and now > due and not conn.timed_out:
                conn.timed_out = True
                conn.task.cancel()


def wake_in_batches(waiters: dict[asyncio.Future, str]) -> None:
    """Answer waiting requests (future → device address, in arrival order) RELEASE_BATCH
    at a time, RELEASE_GAP apart, each address's first waiting request before any
    address's second (module doc). In the running event loop."""
    rank: dict[str, int] = {}
    order = []
    for n, (woken, address) in enumerate(waiters.items()):
        rank[address] = rank.get(address, -1) + 1
        order.append((rank[address], n, woken))
    order.sort(key=lambda item: item[:2])
    loop = asyncio.get_running_loop()
    for batch, start in enumerate(range(0, len(order), RELEASE_BATCH)):
        due = [woken for _, _, woken in order[start:start + RELEASE_BATCH]]
        if batch:
            loop.call_later(RELEASE_GAP * batch, _release, due)
        else:
            _release(due)


def _release(waiters) -> None:
    for woken in waiters:
        if not woken.done():
            woken.set_result(None)


class _Upstream:
    """A browser connection's connection to its app process, opened when first needed.

    Its responses are copied back as they come. When the app process closes it (idle
    keep-alive), the browser connection is closed too if a request of it was waiting for
    an answer from the app, and otherwise kept (the next request opens a new one)."""

    def __init__(self, front: Front, conn: _Conn):
        self.front, self.conn = front, conn
        self.writer = None
        self.backend = None
        self.pump = None
        self.forwarding = False

    async def open(self, backend: tuple[str, int], client: asyncio.StreamWriter) -> bool:
        if self.writer is not None and not self.writer.is_closing() and \
                self.backend == backend:
            return True
        self.close()  # gone, or another device behind the same proxy connection
        try:
            reader, self.writer = await asyncio.open_connection(*backend, limit=CHUNK)
        except OSError as exc:
            self.front.complaints.note("an app process could not be reached", str(exc))
            return False
        self.backend = backend
        self.front.sockets += 1
        self.pump = asyncio.create_task(self._back(reader, self.writer, client))
        return True

    async def _back(self, reader: asyncio.StreamReader, own: asyncio.StreamWriter,
                    client: asyncio.StreamWriter) -> None:
        try:
            await _copy(reader, client, self.conn, close=False)
        finally:
            own.close()
            if self.forwarding and self.writer is own:
                client.close()

    def close(self) -> None:
        if self.pump is not None:
            self.pump.cancel()
        if self.writer is not None:
            self.writer.close()
            self.front.sockets -= 1
        self.pump = self.writer = self.backend = None


async def _copy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, conn: _Conn,
                close: bool = True) -> None:
    """Pass bytes on until the reader ends (then close the writer, unless told not to),
    noting when bytes last moved on the browser connection."""
    loop = asyncio.get_running_loop()
    try:
        while True:
            data = await reader.read(CHUNK)
            if not data:
                break
            conn.last = loop.time()
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        if close:
            writer.close()


_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 408: "Request Timeout",
            413: "Content Too Large", 429: "Too Many Requests",
            431: "Request Header Fields Too Large", 503: "Service Unavailable"}
_FULL = (b"The workshop server is full: it cannot take more connections just now. "
         b"Please try again in a minute.")
_SLOW = b"The request took too long to arrive. Please try again."
_BUSY_TEXT = ("text/plain; charset=utf-8",
              b"Too many connections from your network address. Please close some tabs "
              b"or try again in a minute.")
_BUSY_JSON = ("application/json",
              b'{"error": "too many waiting requests from this address; ask again soon"}')


def _response(code: int, kind: str, body: bytes, keep: bool = True,
              head_only: bool = False) -> bytes:
    retry = "Retry-After: 5\r\n" if code in (429, 503) else ""
    return (f"HTTP/1.1 {code} {_REASONS[code]}\r\nContent-Type: {kind}\r\n"
            f"Content-Length: {len(body)}\r\nCache-Control: no-store\r\n{retry}"
            f"Connection: {'keep-alive' if keep else 'close'}\r\n\r\n".encode("latin-1")
            + (b"" if head_only else body))


async def _reply(writer, code: int, kind: str, body: bytes, keep: bool = True,
                 head_only: bool = False) -> None:
    writer.write(_response(code, kind, body, keep, head_only))
    await writer.drain()
