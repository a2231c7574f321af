"""The front door (workshop/front.py) against two small fake app processes."""

import asyncio
import json
import threading
import time

import pytest

from workshop import follow, front


def run(coro):
    """asyncio.run on a thread of its own (the browser tests' Playwright keeps an event
    loop running on the main thread when they run in the same session)."""
    out = {}

    def target():
        try:
            out["value"] = asyncio.run(coro)
        except BaseException as exc:  # re-raised on the test's thread
            out["error"] = exc
    thread = threading.Thread(target=target)
    thread.start()
    thread.join(60)
    if "error" in out:
        raise out["error"]
    return out.get("value")


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
                seen.append((name, lines[0]))
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
        status, body, conn = await _request(port, "/_workshop/live/ABC123?v=2")
        assert status == 200 and json.loads(body)["v"] == 3
        conn[1].close()
        # Phones that are up to date wait; a move answers every one of them.
        waiting = [asyncio.create_task(_request(port, "/_workshop/live/ABC123?v=3"))
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
