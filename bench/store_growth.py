"""Does saving a comment stay fast as a workshop grows?

Fills a workshop in a temporary folder (real FileStore, fsync on) to 0, 5k, 10k and 20k
comments and times, at each size, delegates' comments saved through the same call the
phone page makes (Workshops.submit_comment), and bare Store.insert calls. Prints one JSON
line per size and a summary JSON object on the last line.

    python bench/store_growth.py [--samples 300] [--sizes 0,5000,10000,20000]
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


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--sizes", default="0,5000,10000,20000")
    args = parser.parse_args()
    samples = max(10, min(args.samples, 5000))
    sizes = sorted(int(s) for s in args.sizes.split(","))
    rng = random.Random(7)
    results = []
    with tempfile.TemporaryDirectory(prefix="store-growth-") as tmp:
        folder = Path(tmp)
        ws, wid, tokens = new_workshop(folder)
        question = ws.get(wid)["current_question_id"]
        have = 0
        for size in sizes:
            add_comments(ws, wid, tokens, max(0, size - have), seed=size)
            have = max(have, size)
            submit, insert = [], []
            for i in range(samples):
                text = f"{rng.choice(SENTENCES)} [{size}-{i}]"
                t = time.perf_counter()
                ws.submit_comment(wid, rng.choice(tokens), question, text, "idea")
                submit.append(1000 * (time.perf_counter() - t))
                t = time.perf_counter()
                ws.store.insert(wid, "bench", {"id": f"{size}-{i}", "text": text})
                insert.append(1000 * (time.perf_counter() - t))
            have += samples
            t = time.perf_counter()
            reopened = len(FileStore(folder).rows(wid, "comments"))
            load_ms = 1000 * (time.perf_counter() - t)
            files = {p.suffix: p.stat().st_size for p in folder.glob(f"{wid}.*")}
            row = {"comments": size, "samples": samples,
                   "p50_submit_ms": round(statistics.median(submit), 2),
                   "p95_submit_ms": round(pct(submit, 95), 2),
                   "max_submit_ms": round(max(submit), 1),
                   "p50_store_insert_ms": round(statistics.median(insert), 2),
                   "p95_store_insert_ms": round(pct(insert, 95), 2),
                   "reopen_ms": round(load_ms, 1), "rows_after_reopen": reopened,
                   "tinydb_file_mb": round(files.get(".json", 0) / 2**20, 2),
                   "journal_kb": round(files.get(".journal", 0) / 1024, 1)}
            results.append(row)
            print(json.dumps(row), flush=True)
    print(json.dumps({"p95_submit_ms_by_size": {r["comments"]: r["p95_submit_ms"]
                                                for r in results},
                      "p50_submit_ms_by_size": {r["comments"]: r["p50_submit_ms"]
                                                for r in results}}))


if __name__ == "__main__":
    main()
