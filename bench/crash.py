"""Kill -9 in the middle of heavy saving, and a full disk: is every confirmed answer kept?

Crash repeats: a writer process saves comments through the real path
(Workshops.submit_comment over a FileStore, four threads, the journal compacted every few
dozen changes so kills also land mid-compaction) and logs each comment's text after the
store confirmed it. It is killed with SIGKILL at a random moment, then a fresh process
opens the store (every store file must load) and checks every logged comment is there.
The same folder is used for every repeat, so torn journal tails pile up and are handled.

Disk full: the writer saves until the disk is full - a small tmpfs when this process may
mount one (root), otherwise a file-size limit (RLIMIT_FSIZE) on the writer - and must stop
with a clear message; then everything confirmed before must still load and be there, and
after space is freed saving works again.

    python bench/crash.py [--repeats 50] [--disk-full auto|tmpfs|rlimit|none]

Prints one JSON line per part and a summary JSON object last.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ACKS = "acks.log"
SETUP = "setup.json"
STORE = "store"


def _workshops(folder: Path):
    from store import FileStore
    from workshop.scenarios import load_packs
    from workshop.workshops import Workshops
    # Many delegates' comments arrive back to back here: the limit a minute per delegate
    # is set out of reach, so it is counted as usual but refuses nothing.
    return Workshops(FileStore(folder / STORE), load_packs(ROOT / "scenarios"), folder / "live",
                     posts_per_minute=10**6)


def setup(folder: Path) -> dict:
    """An open workshop with 20 delegates; what the writer needs is kept in setup.json."""
    folder.mkdir(parents=True, exist_ok=True)
    ws = _workshops(folder)
    w = ws.create("Crash test", "East Midlands", "peoples_borough")
    ws.set_status(w["id"], "open")
    roles = ws.pack_of(w["id"]).role_ids
    tokens = [ws.join(w["id"], roles[i % len(roles)], f"Table {i}")["id"] for i in range(20)]
    info = {"wid": w["id"], "question": ws.get(w["id"])["current_question_id"],
            "tokens": tokens}
    (folder / SETUP).write_text(json.dumps(info))
    return info


def writer(folder: Path, threads: int, compact_every: int, limit: int) -> int:
    """Save comments until killed (or `limit` each); log each one the store confirmed."""
    from store import files
    from workshop.errors import StoreError
    files.COMPACT_CHANGES = compact_every
    info = json.loads((folder / SETUP).read_text())
    ws = _workshops(folder)
    log = os.open(folder / ACKS, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    failed: list[str] = []
    run = f"{os.getpid()}-{time.time_ns()}"

    def work(t: int) -> None:
        rng = random.Random(f"{run}-{t}")
        for k in range(limit):
            text = f"Comment {run}-{t}-{k}: outcomes for people matter more than tasks"
            try:
                ws.submit_comment(info["wid"], rng.choice(info["tokens"]), info["question"],
                                  text, "idea", submit_id=f"{run}-{t}-{k}")
            except StoreError as exc:
                failed.append(str(exc))
                return
            os.write(log, (text + "\n").encode())  # after "saved", as the phone sees it

    pool = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    if failed:
        print(failed[0], flush=True)
        return 3
    return 0


def _writer_cmd(folder: Path, threads=4, compact_every=40, limit=10**9) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--writer", str(folder),
            "--threads", str(threads), "--compact-every", str(compact_every),
            "--limit", str(limit)]


def check(folder: Path) -> dict:
    """Open the store in a fresh process's way and compare with the confirmation log."""
    from store import FileStore
    acked = []
    if (folder / ACKS).exists():
        raw = (folder / ACKS).read_bytes()
        acked = [line.decode() for line in raw.split(b"\n")[:-1]]  # a torn last line: never
    store = FileStore(folder / STORE)
    counts = {wid: len(store.rows(wid, "comments")) for wid in store.workshop_ids()}
    info = json.loads((folder / SETUP).read_text())
    texts = {c["text"] for c in store.rows(info["wid"], "comments")}
    missing = [t for t in acked if t not in texts]
    return {"acknowledged": len(acked), "stored": len(texts), "lost": len(missing),
            "files_loaded": len(counts), "lost_examples": missing[:3]}


def crash_repeats(repeats: int, folder: Path, seed: int = 1) -> dict:
    rng = random.Random(seed)
    setup(folder)
    kills, worst = 0, None
    for _ in range(repeats):
        before = (folder / ACKS).stat().st_size if (folder / ACKS).exists() else 0
        proc = subprocess.Popen(_writer_cmd(folder), cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        deadline = time.time() + 30
        while time.time() < deadline:  # wait until it is really saving
            if (folder / ACKS).exists() and (folder / ACKS).stat().st_size > before:
                break
            if proc.poll() is not None:
                raise RuntimeError("writer stopped: " + proc.stderr.read().decode()[-2000:])
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        kills += 1
        result = check(folder)
        if result["lost"] or worst is None:
            worst = result
        if result["lost"]:
            break
    final = check(folder)
    store = folder / STORE
    return {"part": "crash", "repeats": kills, "acknowledged": final["acknowledged"],
            "stored": final["stored"], "lost": final["lost"] if not worst["lost"]
            else worst["lost"], "files_loaded": final["files_loaded"],
            "torn_tails_kept_aside": len(list(store.glob("*.torn-*"))),
            "corrupt_files": len(list(store.glob("*.corrupt-*"))),
            "lost_examples": worst["lost_examples"]}


def _can_mount_tmpfs() -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe = Path(tempfile.mkdtemp(prefix="tmpfs-probe-"))
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(probe)],
                        capture_output=True).returncode == 0
    if ok:
        subprocess.run(["umount", str(probe)], check=False)
    probe.rmdir()
    return ok


def disk_full(mode: str, folder: Path, limit_kb: int = 1024) -> dict:
    """Save until the disk is full; show the message; check nothing saved was harmed."""
    if mode == "auto":
        mode = "tmpfs" if _can_mount_tmpfs() else "rlimit"
    mounted = False
    (folder / STORE).mkdir(parents=True, exist_ok=True)
    limit_bytes = limit_kb * 1024
    try:
        if mode == "tmpfs":  # only the store folder is on the small disk
            subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={limit_bytes}", "tmpfs",
                            str(folder / STORE)], check=True)
            mounted = True
        setup(folder)
        filler = folder / STORE / "other-files.bin"  # something a person could delete
        filler.write_bytes(b"x" * (limit_bytes // 8))
        preexec = None
        if mode == "rlimit":
            def preexec():
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
        t = time.time()
        proc = subprocess.run(_writer_cmd(folder, compact_every=400, limit=200_000), cwd=ROOT,
                              capture_output=True, text=True, preexec_fn=preexec, timeout=600)
        message = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
        full = check(folder)
        filler.unlink()  # space freed (rlimit: the next writer has no limit)
        again = subprocess.run(_writer_cmd(folder, threads=1, limit=5), cwd=ROOT,
                               capture_output=True, text=True, timeout=120)
        after = check(folder)
        return {"part": "disk_full", "mode": mode, "limit_mb": limit_bytes / 2**20,
                "seconds_to_fill": round(time.time() - t, 1),
                "writer_exit": proc.returncode, "message": message,
                "acknowledged_before_full": full["acknowledged"],
                "lost": full["lost"], "store_loads": full["files_loaded"] >= 1,
                "saves_after_space_freed": after["acknowledged"] - full["acknowledged"],
                "lost_after": after["lost"], "again_exit": again.returncode,
                "stderr_tail": proc.stderr.strip().splitlines()[-1:] if proc.returncode
                not in (0, 3) else []}
    finally:
        if mounted:
            subprocess.run(["umount", str(folder / STORE)], check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--disk-full", default="auto", choices=["auto", "tmpfs", "rlimit",
                                                                 "none"])
    parser.add_argument("--writer", help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=4, help=argparse.SUPPRESS)
    parser.add_argument("--compact-every", type=int, default=40, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=10**9, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.writer:
        sys.exit(writer(Path(args.writer), args.threads, args.compact_every, args.limit))
    with tempfile.TemporaryDirectory(prefix="crash-bench-") as tmp:
        crash = crash_repeats(max(1, min(args.repeats, 1000)), Path(tmp) / "crash")
        print(json.dumps(crash), flush=True)
        full = None
        if args.disk_full != "none":
            full = disk_full(args.disk_full, Path(tmp) / "full")
            print(json.dumps(full), flush=True)
    print(json.dumps({"crash_repeats": crash["repeats"], "crash_lost": crash["lost"],
                      "crash_acknowledged": crash["acknowledged"],
                      "disk_full_lost": full and full["lost"],
                      "disk_full_message": full and full["message"]}))


if __name__ == "__main__":
    main()
