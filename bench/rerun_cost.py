"""What a phone costs the server: one rerun of the delegate page (with and without
runner.postScriptGC), against one poll of the static status file phones use to follow the
presenter.

Starts `streamlit run` with the demo workshop, drives reruns of a joined delegate's page over
the websocket protocol and fetches the status file, and prints server CPU per operation as
JSON lines. Loopback only; bounded in count.

    python bench/rerun_cost.py [--reruns 200] [--polls 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.wsclient import AppSession  # noqa: E402
from workshop.serve import free_port, wait_healthy  # noqa: E402


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def measure(post_script_gc: bool, reruns: int, polls: int) -> dict:
    port = free_port()
    data = Path(tempfile.mkdtemp(prefix="rerun-bench-"))
    env = {**os.environ, "WORKSHOP_DATA_DIR": str(data), "WORKSHOP_PORT": str(port),
           "WORKSHOP_PUBLIC_URL": f"http://127.0.0.1:{port}"}
    subprocess.run([sys.executable, "-m", "workshop", "demo"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    code, token, name = json.loads(subprocess.run(
        [sys.executable, "-c", "from workshop.cli import open_workshops;import json;"
         "from workshop.follow import follow_name;ws=open_workshops();w=ws.all()[0];"
         "print(json.dumps([w['join_code'], ws.join(w['id'],'provider','Table 1')['id'],"
         "follow_name(w['join_code'])]))"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "workshop_app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--runner.postScriptGC", str(post_script_gc).lower()],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(port)
        session = AppSession(port, {"code": code, "me": token})
        session.connect()
        for _ in range(5):  # warm up
            session.rerun()
        if not any("Scenario" in t for t in session.last_texts):
            raise RuntimeError("the delegate page did not show the question")
        before = cpu_seconds(proc.pid)
        start = time.perf_counter()
        for _ in range(reruns):
            session.rerun()
        wall = time.perf_counter() - start
        cpu = cpu_seconds(proc.pid) - before
        session.close()
        status_url = f"http://127.0.0.1:{port}/app/static/live/{name}.json"
        before = cpu_seconds(proc.pid)
        for _ in range(polls):
            with urllib.request.urlopen(status_url, timeout=5) as r:
                json.loads(r.read())
        poll_cpu = cpu_seconds(proc.pid) - before
    finally:
        proc.terminate()
        proc.wait(10)
    return {"postScriptGC": post_script_gc, "reruns": reruns,
            "server_cpu_ms_per_rerun": round(1000 * cpu / reruns, 2),
            "wall_ms_per_rerun": round(1000 * wall / reruns, 2),
            "status_polls": polls,
            "server_cpu_ms_per_status_poll": round(1000 * poll_cpu / polls, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reruns", type=int, default=200)
    parser.add_argument("--polls", type=int, default=2000)
    args = parser.parse_args()
    results = [measure(gc_on, min(args.reruns, 2000), min(args.polls, 20000))
               for gc_on in (True, False)]
    for r in results:
        print(json.dumps(r))
    phones, every = 500, 3
    per_s = phones / every
    best = results[-1]
    print(json.dumps({
        "phones": phones, "check_every_s": every,
        "server_cpu_share_if_phones_rerun": round(per_s * best["server_cpu_ms_per_rerun"] / 1000, 2),
        "server_cpu_share_with_status_file": round(
            per_s * best["server_cpu_ms_per_status_poll"] / 1000, 3)}))


if __name__ == "__main__":
    main()
