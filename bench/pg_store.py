"""Saving into a 20,000-comment workshop: PostgreSQL beside the file store.

Starts a throwaway PostgreSQL server (store/pg_local.py: Debian's postgresql package, its
default durability: fsync on, synchronous_commit on) and a temporary data folder, fills a
workshop in each with the same 20,000 comments, then times, for each store:

  save     Store.insert of one comment (what "saved" waits for)
  submit   Workshops.submit_comment: a delegate's comment as the phone page sends it
           (checks, theming and the save)
  hide     Workshops.set_hidden: one moderation
  read     a phone's own comments (Store.rows with a delegate id), which with PostgreSQL
           first asks the database whether another process changed the workshop

Prints one JSON line per store and a summary table.

    python bench/pg_store.py [--comments 20000] [--samples 300]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.fill import SENTENCES, add_comments, new_workshop  # noqa: E402
from store import FileStore  # noqa: E402
from store.pg_local import LocalServer  # noqa: E402
from store.postgres import PgStore  # noqa: E402


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return 1000 * (time.perf_counter() - t)


def measure(name: str, store, folder: Path, comments: int, samples: int) -> dict:
    ws, wid, tokens = new_workshop(folder, store=store)
    t = time.perf_counter()
    add_comments(ws, wid, tokens, comments, seed=comments)
    fill_s = time.perf_counter() - t
    question = ws.get(wid)["current_question_id"]
    ids = [c["id"] for c in ws.store.rows(wid, "comments")]
    rng = random.Random(7)
    times: dict[str, list[float]] = {"save": [], "submit": [], "hide": [], "read": []}
    for i in range(samples):
        text = f"{rng.choice(SENTENCES)} [{i}]"
        times["save"].append(timed(lambda: ws.store.insert(
            wid, "comments", {"id": f"bench-{i}", "delegate_id": rng.choice(tokens),
                              "question_id": question, "text": text, "kind": "idea",
                              "hidden": False, "withdrawn": False, "themes": []})))
        times["submit"].append(timed(lambda: ws.submit_comment(
            wid, rng.choice(tokens), question, text, "idea")))
        times["hide"].append(timed(lambda: ws.set_hidden(wid, rng.choice(ids), i % 2 == 0)))
        times["read"].append(timed(lambda: ws.store.rows(
            wid, "comments", {"delegate_id": rng.choice(tokens)})))
    row = {"store": name, "comments": len(ws.store.rows(wid, "comments")),
           "samples": samples, "fill_s": round(fill_s, 1)}
    for what, values in times.items():
        row[f"p50_{what}_ms"] = round(statistics.median(values), 2)
        row[f"p95_{what}_ms"] = round(pct(values, 95), 2)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=20000)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    samples = max(10, min(args.samples, 5000))
    results = []
    server = LocalServer().start()
    try:
        with tempfile.TemporaryDirectory(prefix="pg-store-") as tmp:
            store = PgStore(server.create_database("bench"))
            try:
                results.append(measure("postgresql", store, Path(tmp) / "pg", args.comments,
                                       samples))
            finally:
                store.close()
            print(json.dumps(results[-1]), flush=True)
            results.append(measure("files", FileStore(Path(tmp) / "files"),
                                   Path(tmp) / "files", args.comments, samples))
            print(json.dumps(results[-1]), flush=True)
    finally:
        server.stop()
    print(f"\n{'':28}" + "".join(f"{r['store']:>14}" for r in results))
    for what in ("save", "submit", "hide", "read"):
        for p in ("p50", "p95"):
            key = f"{p}_{what}_ms"
            print(f"{key:28}" + "".join(f"{r[key]:>14.2f}" for r in results))
    print(f"{'comments':28}" + "".join(f"{r['comments']:>14,}" for r in results))


if __name__ == "__main__":
    main()
