"""How long drafting the report takes for a big workshop, and where the time goes.

Fills a workshop (real FileStore in a temporary folder) with N comments, takes a snapshot
and times workshop.report.draft_report over it (best and median of a few runs), then
profiles one run and prints the functions that take the most time. The last line is JSON.

    python bench/report_size.py [--comments 5000] [--runs 3] [--top 12]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.fill import add_comments, new_workshop  # noqa: E402
from workshop.report import draft_report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="report-size-") as tmp:
        ws, wid, tokens = new_workshop(Path(tmp), delegates=400)
        add_comments(ws, wid, tokens, min(args.comments, 100_000))
        t = time.perf_counter()
        snapshot = ws.snapshot(wid)
        snapshot_s = time.perf_counter() - t
        times = []
        for _ in range(max(1, min(args.runs, 20))):
            t = time.perf_counter()
            text = draft_report(snapshot)
            times.append(time.perf_counter() - t)
        profile = cProfile.Profile()
        profile.runcall(draft_report, snapshot)
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
        print(out.getvalue())
    print(json.dumps({"comments": args.comments, "snapshot_s": round(snapshot_s, 3),
                      "draft_report_best_s": round(min(times), 3),
                      "draft_report_median_s": round(statistics.median(times), 3),
                      "report_chars": len(text)}))


if __name__ == "__main__":
    main()
