"""The front door (workshop/front.py) against two small fake app processes."""

import asyncio
import json
import time

import pytest

from tests.conftest import run_async as run
from workshop import follow, front




async def _fake_app(name: str, seen: list):
    """An HTTP/1.1 server that answers every request with its name, the path and the body
    it received; an Upgrade request turns the connection into an echo, like a websocket."""
    async def handle(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode().split("\r\n")
                headers = {k.lower(): v.strip() for k, _, v in
                           (line.partition(":") for line in lines[1:] if line)}
                body = await reader.readexactly(int(headers.get("content-length", 0)))
                seen.append((name, lines[0], [line for line in lines[1:] if line]))
                if headers.get("upgrade") == "websocket":
                    writer.write(b"HTTP/1.1 101 Switching Protocols\r\n\r\n")
                    while data := await reader.read(1024):
                        writer.write(name.encode() + b":" + data)
                        await writer.drain()
                    break
                reply = json.dumps({"app": name, "request": lines[0],
                                    "body": body.decode()}).encode()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s"
                             % (len(reply), reply))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


async def _request(port, path, source="127.0.0.1", body=b"", method="GET", conn=None):
    reader, writer = conn or await asyncio.open_connection(
        "127.0.0.1", port, local_addr=(source, 0))
    writer.write(f"{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n\r\n"
                 .encode() + body)
    head = await reader.readuntil(b"\r\n\r\n")
    length = int(next(line.split(":")[1] for line in head.decode().split("\r\n")
                      if line.lower().startswith("content-length")))
    status = int(head.split(b" ")[1])
    return status, await reader.readexactly(length), (reader, writer)


@pytest.fixture
def room(tmp_path):
    """Two fake app processes behind a front door, and a workshop status file."""
    async def start():
        seen = []
        apps = [await _fake_app(n, seen) for n in ("one", "two")]
        door = front.Front([("127.0.0.1", port) for _, port in apps], tmp_path)
        await door.start("127.0.0.1", 0)
        return door, apps, seen
    follow.publish_status(tmp_path, {"join_code": "ABC123", "follow_version": 3,
                                     "current_question_id": "q1", "status": "open"})
    return start, tmp_path


def _name(code: str = "ABC123") -> str:
    return follow.follow_name(code)


def test_a_status_is_published_under_a_keyed_name_not_its_join_code(tmp_path, monkeypatch):
    """Neither the static file nor the live answer can tell which join codes exist."""
    monkeypatch.setenv("WORKSHOP_FACILITATOR_SECRET", "one secret")
    follow.publish_status(tmp_path, {"join_code": "ABC123", "follow_version": 1})
    [published] = [p.name for p in tmp_path.glob("*.json")]
    assert "ABC123" not in published and published == f"{_name()}.json"
    assert follow.read_status(tmp_path, "ABC123")["v"] == 1
    assert _name("ABC124") != _name()
    monkeypatch.setenv("WORKSHOP_FACILITATOR_SECRET", "another secret")
    assert f"{_name()}.json" != published


def test_the_join_code_itself_finds_nothing_at_the_front_door(room):
    start, _ = room

    async def scenario():
        door, apps, _ = await start()
        port = door._server.sockets[0].getsockname()[1]
        plain = await _request(port, "/_workshop/live/ABC123?v=0")
        named = await _request(port, f"/_workshop/live/{_name()}?v=0")
        for got in (plain, named):
            got[2][1].close()
        for server, _ in apps:
            server.close()
        await door.close()
        return plain[:2], named[:2]

    (plain_status, _), (named_status, named_body) = run(scenario())
    assert plain_status == 404
    assert named_status == 200 and json.loads(named_body)["v"] == 3


def test_each_device_stays_with_one_app_process_and_bodies_pass_through(room):
    start, _ = room

    async def scenario():
        door, apps, seen = await start()
        port = door._server.sockets[0].getsockname()[1]
        answers = {}
        for source in ("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"):
            got = []
            for path in ("/", "/_stcore/health"):
                status, body, conn = await _request(port, path, source)
                conn[1].close()
                got.append(json.loads(body)["app"])
            _, body, conn = await _request(port, "/upload", source, body=b"x" * 200_000,
                                           method="PUT")
            conn[1].close()
            assert json.loads(body)["body"] == "x" * 200_000
            assert len(set(got)) == 1, "one device's requests went to two processes"
            answers[source] = got[0]
        # New devices are spread evenly.
        assert sorted(answers.values()) == ["one", "one", "two", "two"]
        # A websocket is passed through both ways, to the same process.
        reader, writer = await asyncio.open_connection("127.0.0.1", port,
                                                       local_addr=("127.0.0.2", 0))
        writer.write(b"GET /_stcore/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                     b"Connection: Upgrade\r\n\r\n")
        assert b"101" in await reader.readuntil(b"\r\n\r\n")
        writer.write(b"hello")
        assert await reader.readexactly(len(answers["127.0.0.2"]) + 6) == \
            f"{answers['127.0.0.2']}:hello".encode()
        writer.close()
        for server, _ in apps:
            server.close()
        await door.close()
    run(scenario())


def test_phones_waiting_on_the_status_are_answered_when_the_facilitator_moves(room,
                                                                               monkeypatch):
    start, live = room
    monkeypatch.setattr(front, "RELEASE_BATCH", 10)

    async def scenario():
        door, apps, seen = await start()
        port = door._server.sockets[0].getsockname()[1]
        # A phone that knows an older version is answered at once.
        status, body, conn = await _request(port, f"/_workshop/live/{_name()}?v=2")
        assert status == 200 and json.loads(body)["v"] == 3
        conn[1].close()
        # Phones that are up to date wait; a move answers every one of them.
        waiting = [asyncio.create_task(_request(port, f"/_workshop/live/{_name()}?v=3"))
                   for _ in range(30)]
        await asyncio.sleep(0.5)
        assert not any(t.done() for t in waiting), "answered before anything changed"
        moved = time.monotonic()
        follow.publish_status(live, {"join_code": "ABC123", "follow_version": 4,
                                     "current_question_id": "q2", "status": "open"})
        results = await asyncio.wait_for(asyncio.gather(*waiting), 10)
        assert {json.loads(body)["question"] for _, body, _ in results} == {"q2"}
        assert time.monotonic() - moved < 5
        for _, _, conn in results:
            conn[1].close()
        # Unknown workshops are a clear 404; no app process was asked about any of this.
        status, body, conn = await _request(port, "/_workshop/live/NOPE99?v=0")
        assert status == 404 and b"no such workshop" in body
        conn[1].close()
        assert seen == []
        for server, _ in apps:
            server.close()
        await door.close()
    run(scenario())


def test_app_process_down_gives_a_clear_message(tmp_path):
    async def scenario():
        door = front.Front([("127.0.0.1", 9)], tmp_path)  # nothing listens on port 9
        await door.start("127.0.0.1", 0)
        port = door._server.sockets[0].getsockname()[1]
        status, body, conn = await _request(port, "/")
        conn[1].close()
        await door.close()
        return status, body
    status, body = run(scenario())
    assert status == 503 and b"try again in a moment" in body


def test_the_laptops_own_browsers_have_a_process_of_their_own(tmp_path):
    """The console and projector (on the serving laptop) stay live however busy phones are."""
    async def scenario():
        seen = []
        apps = [await _fake_app(n, seen) for n in ("facilitator", "phones")]
        door = front.Front([("127.0.0.1", apps[1][1])], tmp_path,
                           facilitator=("127.0.0.1", apps[0][1]),
                           own_addresses=frozenset({"127.0.0.1"}))
        await door.start("127.0.0.1", 0)
        port = door._server.sockets[0].getsockname()[1]
        got = {}
        for source in ("127.0.0.1", "127.0.0.2", "127.0.0.3"):
            _, body, conn = await _request(port, "/", source)
            conn[1].close()
            got[source] = json.loads(body)["app"]
        for server, _ in apps:
            server.close()
        await door.close()
        return got
    assert run(scenario()) == {"127.0.0.1": "facilitator", "127.0.0.2": "phones",
                                       "127.0.0.3": "phones"}


# -- defences ------------------------------------------------------------------------------

async def _door(tmp_path, limits=front.Limits(), trusted=frozenset(), apps=("one", "two")):
    """A front door before fake app processes; returns (door, port, seen, servers)."""
    seen = []
    servers = [await _fake_app(n, seen) for n in apps]
    door = front.Front([("127.0.0.1", port) for _, port in servers], tmp_path,
                       trusted=trusted, limits=limits)
    await door.start("127.0.0.1", 0)
    return door, door._server.sockets[0].getsockname()[1], seen, servers


async def _stop(door, servers):
    for server, _ in servers:
        server.close()
    await door.close()


async def _answer(reader, within=10):
    """Status code, headers (lower-case names) and body of one response; None if the
    connection ends first. `within` only stops a broken test from hanging."""
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), within)
    except asyncio.IncompleteReadError:
        return None
    lines = head.decode().split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
    body = await reader.readexactly(int(headers.get("content-length", 0)))
    return int(lines[0].split(" ")[1]), headers, body


async def _closed(reader, within=10) -> bool:
    return await asyncio.wait_for(reader.read(), within) == b""


async def _connect(port, source="127.0.0.2"):
    return await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))


def test_a_head_that_never_finishes_is_answered_408_and_closed(tmp_path):
    async def scenario():
        door, port, seen, servers = await _door(
            tmp_path, front.Limits(head_seconds=0.3, idle_seconds=30))
        reader, writer = await _connect(port)
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: slo")  # and nothing more
        status, headers, _ = await _answer(reader)
        assert status == 408 and headers["connection"] == "close"
        assert await _closed(reader)
        # A connection that sends nothing at all is closed too, without an answer.
        reader, writer = await _connect(port)
        assert await _closed(reader)
        # A phone sending its head byte by byte, in time, is served.
        reader, writer = await _connect(port)
        for byte in b"GET /x HTTP/1.1\r\nHost: x\r\n\r\n":
            writer.write(bytes([byte]))
        status, _, body = await _answer(reader)
        assert status == 200 and json.loads(body)["request"] == "GET /x HTTP/1.1"
        writer.close()
        assert door.conns == set() or len(door.conns) <= 1
        await _stop(door, servers)
        return seen
    assert [line for _, line, _ in run(scenario())] == ["GET /x HTTP/1.1"]


def test_an_idle_connection_is_closed_but_a_waiting_phone_is_not(tmp_path, monkeypatch):
    monkeypatch.setattr(front, "WAIT_SECONDS", 1.0)
    follow.publish_status(tmp_path, {"join_code": "ABC123", "follow_version": 3,
                                     "current_question_id": "q1", "status": "open"})

    async def scenario():
        door, port, seen, servers = await _door(
            tmp_path, front.Limits(head_seconds=5, idle_seconds=0.3))
        reader, writer = await _connect(port)
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert (await _answer(reader))[0] == 200
        assert await _closed(reader), "an idle keep-alive connection stayed open"
        # A live request held longer than the idle timeout is answered, and the phone's
        # connection is still usable afterwards.
        reader, writer = await _connect(port)
        writer.write(f"GET /_workshop/live/{_name()}?v=3 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        status, _, body = await _answer(reader)
        assert status == 200 and json.loads(body)["v"] == 3
        writer.write(f"GET /_workshop/live/{_name()}?v=2 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        assert (await _answer(reader))[0] == 200
        writer.close()
        await _stop(door, servers)
    run(scenario())


def test_one_address_may_hold_only_so_many_connections(tmp_path):
    async def scenario():
        door, port, seen, servers = await _door(
            tmp_path, front.Limits(per_address=3, refuse_seconds=1))
        held = []
        for _ in range(3):
            reader, writer = await _connect(port, "127.0.0.2")
            writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            assert (await _answer(reader))[0] == 200
            held.append((reader, writer))
        # A fourth from the same address is refused, in words or (for a phone waiting
        # for the next move) in JSON its follow component understands.
        reader, writer = await _connect(port, "127.0.0.2")
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        status, headers, body = await _answer(reader)
        assert status == 429 and b"Too many connections" in body
        assert await _closed(reader)
        reader, writer = await _connect(port, "127.0.0.2")
        writer.write(f"GET /_workshop/live/{_name()}?v=1 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        status, headers, body = await _answer(reader)
        assert status == 429 and headers["content-type"] == "application/json"
        # A refused connection that never says what it wants is simply closed.
        reader, writer = await _connect(port, "127.0.0.2")
        assert await _closed(reader)
        # Another device is served as usual.
        reader, writer = await _connect(port, "127.0.0.3")
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert (await _answer(reader))[0] == 200
        # One of the first address's connections closes: it may open another.
        held[0][1].close()
        await asyncio.sleep(0.2)
        reader, writer = await _connect(port, "127.0.0.2")
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert (await _answer(reader))[0] == 200
        await _stop(door, servers)
    run(scenario())


def test_refusals_cost_an_address_no_more_than_a_few_open_files(tmp_path):
    """Connections over the cap that say nothing are not kept waiting by the dozen."""
    async def scenario():
        door, port, seen, servers = await _door(
            tmp_path, front.Limits(per_address=1, refuse_seconds=60))
        held = [await _connect(port, "127.0.0.2")]
        extra = [await _connect(port, "127.0.0.2") for _ in range(front.REFUSING_AT_ONCE + 8)]
        # The first few wait (a minute here) to hear what they want; the rest are closed.
        reads = [asyncio.create_task(reader.read()) for reader, _ in extra]
        done = set()
        while len(done) < 8:
            finished, _ = await asyncio.wait(set(reads) - done, timeout=10,
                                             return_when=asyncio.FIRST_COMPLETED)
            assert finished, "refused connections were kept open"
            done |= finished
        await asyncio.sleep(0.3)
        assert sum(t.done() for t in reads) == 8 and {t.result() for t in done} == {b""}
        for task in reads:
            task.cancel()
        assert door.sockets <= 1 + front.REFUSING_AT_ONCE
        assert held
        await _stop(door, servers)
    run(scenario())


def test_one_address_may_have_only_so_many_requests_waiting(tmp_path):
    follow.publish_status(tmp_path, {"join_code": "ABC123", "follow_version": 3,
                                     "current_question_id": "q1", "status": "open"})

    async def scenario():
        door, port, seen, servers = await _door(tmp_path, front.Limits(waiting_per_address=2))
        live = f"GET /_workshop/live/{_name()}?v=3 HTTP/1.1\r\nHost: x\r\n\r\n".encode()
        waiting, writers = [], []
        for source in ("127.0.0.2", "127.0.0.2", "127.0.0.3"):
            reader, writer = await _connect(port, source)
            writer.write(live)
            waiting.append(asyncio.create_task(_answer(reader)))
            writers.append(writer)  # (a writer no longer referenced closes itself)
        await asyncio.sleep(0.3)
        assert not any(t.done() for t in waiting), [t.result() for t in waiting if t.done()]
        # The address's third is told at once to ask again later; its connection stays.
        reader, writer = await _connect(port, "127.0.0.2")
        writer.write(live)
        status, headers, _ = await _answer(reader)
        assert status == 429 and headers["content-type"] == "application/json"
        assert headers["connection"] == "keep-alive"
        writer.write(f"GET /_workshop/live/{_name()}?v=2 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        assert (await _answer(reader))[0] == 200
        follow.publish_status(tmp_path, {"join_code": "ABC123", "follow_version": 4,
                                         "current_question_id": "q2", "status": "open"})
        answers = await asyncio.gather(*waiting)
        assert [json.loads(body)["question"] for _, _, body in answers] == ["q2"] * 3
        await _stop(door, servers)
    run(scenario())


def test_many_waiting_requests_from_one_address_do_not_hold_back_another(tmp_path,
                                                                       monkeypatch):
    monkeypatch.setattr(front, "RELEASE_BATCH", 5)
    monkeypatch.setattr(front, "RELEASE_GAP", 0.05)
    follow.publish_status(tmp_path, {"join_code": "ABC123", "follow_version": 3,
                                     "current_question_id": "q1", "status": "open"})

    async def scenario():
        door, port, seen, servers = await _door(
            tmp_path, front.Limits(per_address=0, waiting_per_address=0))
        order = []

        async def wait(source, name):
            reader, writer = await _connect(port, source)
            writer.write(f"GET /_workshop/live/{_name()}?v=3 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            await _answer(reader)
            order.append(name)
            writer.close()
        crowd = [asyncio.create_task(wait("127.0.0.2", "crowd")) for _ in range(40)]
        await asyncio.sleep(0.5)  # the crowd is waiting first
        phone = asyncio.create_task(wait("127.0.0.3", "phone"))
        await asyncio.sleep(0.3)
        follow.publish_status(tmp_path, {"join_code": "ABC123", "follow_version": 4,
                                         "current_question_id": "q2", "status": "open"})
        await asyncio.gather(*crowd, phone)
        await _stop(door, servers)
        return order
    order = run(scenario())
    assert order.index("phone") < front.RELEASE_BATCH, order


BAD_LENGTHS = [
    ("Content-Length: -5\r\n", 400),
    ("Content-Length: abc\r\n", 400),
    ("Content-Length: +5\r\n", 400),
    ("Content-Length: 5, 5\r\n", 400),
    ("Content-Length: 5\r\nContent-Length: 6\r\n", 400),
    ("Content-Length: 5\r\nContent-Length: 5\r\n", 400),
    ("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", 400),
    ("Transfer-Encoding: gzip\r\n", 400),
    ("Content-Length: " + "9" * 30 + "\r\n", 413),
    ("Content-Length: 300000000\r\n", 413),
]


@pytest.mark.parametrize("length, code", BAD_LENGTHS)
def test_a_bad_content_length_is_refused_and_nothing_reaches_the_app(tmp_path, length, code):
    async def scenario():
        door, port, seen, servers = await _door(tmp_path)
        reader, writer = await _connect(port)
        # What follows the head must never be taken for a request of its own.
        writer.write(f"POST /upload HTTP/1.1\r\nHost: x\r\n{length}\r\n".encode()
                     + b"hello" + b"GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n")
        status, headers, _ = await _answer(reader)
        closed = await _closed(reader)
        await _stop(door, servers)
        return status, headers, closed, seen
    status, headers, closed, seen = run(scenario())
    assert (status, headers["connection"], closed) == (code, "close", True)
    assert seen == []


BAD_HEADS = [
    (b"GET /\r\nHost: x\r\n\r\n", 400),                     # no version
    (b"GET / HTTP/2.0\r\nHost: x\r\n\r\n", 400),
    (b"GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400),          # two spaces
    (b"G@T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    (b"GET http://[::1/ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    (b"GET nowhere HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost x\r\n\r\n", 400),              # no colon
    (b"GET / HTTP/1.1\r\nContent-Length : 0\r\n\r\n", 400),  # space before the colon
    (b"GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: x\nX-Sneaky: 1\r\n\r\n", 400),  # a bare line feed
    (b"GET / HTTP/1.1\r\nHost: x\x00y\r\n\r\n", 400),
    (b"GET /_workshop/live/ABC123?v=1 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", 400),
    (b"GET / HTTP/1.1\r\nCookie: " + b"x" * 70_000 + b"\r\n\r\n", 431),
]


@pytest.mark.parametrize("head, code", BAD_HEADS)
def test_a_malformed_head_is_refused_cleanly(tmp_path, head, code):
    async def scenario():
        door, port, seen, servers = await _door(tmp_path)
        reader, writer = await _connect(port)
        writer.write(head)
        answer = await _answer(reader)
        closed = await _closed(reader)
        await _stop(door, servers)
        return answer, closed, seen
    answer, closed, seen = run(scenario())
    assert answer is not None and answer[0] == code and closed
    assert seen == []


def _forwarded(header_lines):
    return [line.split(":", 1)[1].strip() for line in header_lines
            if line.lower().startswith("x-forwarded-for")]


def test_the_device_address_replaces_any_x_forwarded_for(tmp_path):
    """A phone cannot pass itself off as another device; a named proxy's word is taken."""
    async def scenario():
        door, port, seen, servers = await _door(tmp_path, trusted=frozenset({"127.0.0.9"}))
        got = {}
        for source, forged in (
                ("127.0.0.2", "X-Forwarded-For: 6.6.6.6\r\nx-forwarded-for: 8.8.8.8"),
                ("127.0.0.2", "X-Forwarded-For: 7.7.7.7"),
                ("127.0.0.9", "X-Forwarded-For: 6.6.6.6, 192.168.1.5"),
                ("127.0.0.9", "X-Forwarded-For: 10.1.1.1\r\nX-Forwarded-For: 192.168.1.6")):
            reader, writer = await _connect(port, source)
            writer.write(f"GET /{source} HTTP/1.1\r\nHost: x\r\n{forged}\r\n"
                         f"X-Forwarded-Proto: https\r\n\r\n".encode())
            _, _, body = await _answer(reader)
            writer.close()
            got.setdefault(source, []).append(json.loads(body)["app"])
        # The websocket upgrade head too.
        reader, writer = await _connect(port, "127.0.0.2")
        writer.write(b"GET /_stcore/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                     b"Connection: Upgrade\r\nX-Forwarded-For: 6.6.6.6\r\n\r\n")
        assert b"101" in await reader.readuntil(b"\r\n\r\n")
        writer.close()
        await _stop(door, servers)
        return got, seen
    got, seen = run(scenario())
    heads = [lines for _, _, lines in seen]
    assert [_forwarded(h) for h in heads] == [
        ["127.0.0.2"], ["127.0.0.2"],          # forged: not believed
        ["192.168.1.5"], ["192.168.1.6"],      # the proxy's last hop: believed
        ["127.0.0.2"]]                         # the websocket's head too
    proto = [[x for x in h if x.lower().startswith("x-forwarded-proto")] for h in heads]
    assert proto[0] == [] and proto[2] == ["X-Forwarded-Proto: https"]
    # Forged addresses do not move a phone to another app process; two devices behind
    # the proxy are two devices, spread over the processes.
    assert len(set(got["127.0.0.2"])) == 1
    assert len(set(got["127.0.0.9"])) == 2


def test_devices_behind_a_trusted_proxy_are_capped_one_by_one(tmp_path):
    async def scenario():
        door, port, seen, servers = await _door(
            tmp_path, front.Limits(per_address=1), trusted=frozenset({"127.0.0.9"}))
        codes = []
        held = []
        for device in ("192.168.1.5", "192.168.1.6", "192.168.1.5"):
            reader, writer = await _connect(port, "127.0.0.9")
            writer.write(f"GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: {device}\r\n\r\n"
                         .encode())
            codes.append((await _answer(reader))[0])
            held.append(writer)
        await _stop(door, servers)
        return codes
    assert run(scenario()) == [200, 200, 429]


def test_no_more_connections_than_the_open_file_limit_leaves_room_for(tmp_path):
    async def scenario():
        door, port, seen, servers = await _door(
            tmp_path, front.Limits(open_files=front.SPARE_FILES + 64 + 3, per_address=0))
        assert door.max_sockets == 3
        first = await _connect(port)
        second = await _connect(port)
        await asyncio.sleep(0.1)
        reader, writer = await _connect(port)
        status, headers, body = await _answer(reader)
        assert status == 503 and b"full" in body
        assert second[1] is not None
        # The connections already taken on are served.
        first[1].write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert (await _answer(first[0]))[0] == 200
        await _stop(door, servers)
    run(scenario())


def test_trouble_is_logged_one_line_a_kind_with_a_count(tmp_path, caplog):
    caplog.set_level("WARNING", logger="workshop.front")

    async def scenario():
        door, port, seen, servers = await _door(tmp_path)
        door.complaints.every = 0.5
        for _ in range(30):
            reader, writer = await _connect(port)
            writer.write(b"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")
            assert (await _answer(reader))[0] == 400
            writer.close()
        # What asyncio itself reports (the old flood: a failed accept, with a traceback,
        # many times a second once the open-file limit was reached).
        loop = asyncio.get_running_loop()
        for _ in range(100):
            loop.call_exception_handler({"message": "socket.accept() out of system resource",
                                         "exception": OSError(24, "Too many open files")})
        await asyncio.sleep(1.5)  # the counts are written out
        await _stop(door, servers)
    run(scenario())
    lines = [r.getMessage() for r in caplog.records if r.name == "workshop.front"]
    assert all(r.exc_info is None for r in caplog.records)
    assert len(lines) == 4, lines
    assert "29 more" in " ".join(lines) and "99 more" in " ".join(lines)
