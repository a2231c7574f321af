"""Hosted: app servers behind HAProxy sharing PostgreSQL (workshop/hosting.py,
workshop_hosted.py, workshop/follow_db.py, deploy/).

The whole set-up runs for real at small scale (bench/hosted.py): a throwaway PostgreSQL
server, two app servers, HAProxy, twenty phones in two workshops, one server killed while
phones answer a poll. Nothing acknowledged is lost, every phone of the killed server comes
back as the same delegate on the other, and every phone follows both moves, one made
after the kill. No timing thresholds: the figures are bench/hosted.py's to print."""

import asyncio
import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, run_async
from workshop import follow
from workshop.hosting import compose_haproxy_config, haproxy_bin, haproxy_config

pytestmark = pytest.mark.hosted


def _need_haproxy():
    if haproxy_bin() is None:
        reason = ("HAProxy is not installed (Debian's haproxy package, which `make test` "
                  "installs), so the hosted set-up cannot be tested.")
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " On CI it must run.")
        pytest.skip(reason)


def test_shipped_haproxy_config_is_the_one_written_and_haproxy_accepts_it(tmp_path):
    _need_haproxy()
    assert (ROOT / "deploy" / "haproxy.cfg").read_text() == compose_haproxy_config()
    text = haproxy_config([("app1", "127.0.0.1:8501"), ("app2", "127.0.0.1:8502")],
                          bind="127.0.0.1:8080", max_connections=1000)
    # Affinity by HAProxy's cookie, never by the browser's address; a server that is down
    # is taken out by its health check and its browsers sent to another.
    assert "cookie SERVERID insert indirect nocache" in text
    assert "balance source" not in text and "stick on src" not in text
    assert "option redispatch" in text and "uri /_stcore/health" in text
    assert "timeout tunnel" in text
    assert text.count("\n    server ") == 2
    for config in (text, compose_haproxy_config()):
        path = tmp_path / "haproxy.cfg"
        path.write_text(config)
        check = subprocess.run([haproxy_bin(), "-c", "-f", str(path)], capture_output=True,
                               text=True)
        assert check.returncode == 0, check.stdout + check.stderr


def test_the_compose_file_matches_the_load_balancer_and_the_repository():
    """Docker cannot run here, so what can be checked without it is: every server HAProxy
    sends to is an app service built from the repository's Dockerfile, each app reaches
    the database service and believes only HAProxy's address, the files it names exist,
    and every secret it asks for is in env.example."""
    import re

    import yaml
    deploy = ROOT / "deploy"
    compose = yaml.safe_load((deploy / "docker-compose.yml").read_text())
    services = compose["services"]
    routed = re.findall(r"^\s+server (\w+) (\w+):8501 ", compose_haproxy_config(), re.M)
    assert routed and all(name == host for name, host in routed)
    proxy_ip = services["haproxy"]["networks"]["workshop"]["ipv4_address"]
    for name, _ in routed:
        app = services[name]
        assert (ROOT / app["build"]["context"].replace("..", ".") / app["build"]["dockerfile"]
                ).resolve() == (deploy / "Dockerfile").resolve()
        env = app["environment"]
        assert "@db:5432/" in env["WORKSHOP_STORE"] and "db" in services
        assert app["depends_on"]["db"]["condition"] == "service_healthy"
        assert env["WORKSHOP_TRUSTED_PROXIES"] == proxy_ip
    assert (ROOT / services["haproxy"]["build"]["dockerfile"]).exists()
    dockerfile = (deploy / "Dockerfile").read_text()
    assert "workshop_hosted.py" in dockerfile and (ROOT / "workshop_hosted.py").exists()
    assert "8501" in dockerfile
    asked = set(re.findall(r"\$\{(\w+):\?", (deploy / "docker-compose.yml").read_text()))
    listed = set(re.findall(r"^(\w+)=", (deploy / "env.example").read_text(), re.M))
    assert asked and asked <= listed
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".venv", ".git", "deploy/.env"} <= set(ignored)


def test_a_move_wakes_a_waiting_phone_through_the_database(pg_url, tmp_path):
    """The follow status goes into the database with the move, and an app server's
    waiting request (workshop/follow_db.py) is answered by the notification."""
    from store.postgres import PgStore
    from workshop.follow_db import DbFollow
    from workshop.scenarios import load_packs
    from workshop.workshops import Workshops
    store = PgStore(pg_url)
    ws = Workshops(store, load_packs(ROOT / "scenarios"), tmp_path / "live")
    w = ws.create("Hosted", "East Midlands", "peoples_borough")
    ws.set_status(w["id"], "open")
    name = follow.follow_name(w["join_code"])

    async def scenario():
        live = DbFollow(pg_url)
        await live.start()
        try:
            first = json.loads(await live.wait(name, "", "1.2.3.4"))
            assert first["status"] == "open"
            waiting = asyncio.create_task(live.wait(name, str(first["v"]), "1.2.3.4"))
            await asyncio.sleep(0.5)
            assert not waiting.done()  # nothing moved: it waits
            await asyncio.to_thread(ws.move, w["id"], 1)
            moved = json.loads(await asyncio.wait_for(waiting, 20))
            assert moved["v"] == first["v"] + 1
            assert moved["question"] == ws.get(w["id"])["current_question_id"]
            assert await live.wait("no-such-name", "", "1.2.3.4") is None
            await asyncio.to_thread(ws.delete, w["id"], w["join_code"])
            for _ in range(100):  # told by the notification, a moment later
                if await live.wait(name, "", "1.2.3.4") is None:
                    break
                await asyncio.sleep(0.1)
            assert await live.wait(name, "", "1.2.3.4") is None
        finally:
            await live.stop()

    try:
        run_async(scenario())
    finally:
        store.close()


def test_one_server_killed_loses_nothing_and_its_phones_come_back_as_themselves(pg_server):
    _need_haproxy()
    if shutil.which("setpriv") is None and os.geteuid() == 0:
        pytest.skip("setpriv is needed to run PostgreSQL as root")
    out = subprocess.run(
        [sys.executable, "bench/hosted.py", "--delegates", "20", "--workshops", "2",
         "--servers", "2", "--kill-one", "--minutes", "1.5", "--comment-every", "15",
         "--reconnect-share", "0", "--seed", "5"],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["joined"] == 20, result
    assert result["acknowledged"] > 0 and result["answers_acknowledged"] > 0, result
    assert result["lost"] == 0, result["lost_examples"]
    assert result["stored"] == result["acknowledged"], result
    # The killed server had phones, and every one of them came back as the same delegate.
    assert result["failovers"] >= 1, result
    assert result["failovers_back"] == result["failovers"], result["failover_examples"]
    assert result["failovers_same_delegate"] == result["failovers"], \
        result["failover_examples"]
    # Both facilitators' moves reached every phone, one of them after the kill; the
    # projectors kept showing every acknowledged comment.
    assert result["moves"] == 4 and result["follow_missed"] == 0, result
    assert result["projector_missed"] == 0, result
