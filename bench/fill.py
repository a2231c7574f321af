"""Build a large workshop quickly for the store and report benchmarks.

Comments are the demo day's real sentences (so theming and the report have real words),
spread over the comment questions and many delegates of every role.
"""

from __future__ import annotations

import csv
import random
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store import FileStore  # noqa: E402
from workshop.scenarios import load_packs  # noqa: E402
from workshop.workshops import Workshops, _now, _tag_dicts  # noqa: E402

SENTENCES = [row["text"] for row in csv.DictReader(
    open(ROOT / "scenarios" / "peoples_borough_demo.csv", encoding="utf-8"))]


def new_workshop(folder: Path, delegates: int = 300, live: Path | None = None, store=None):
    """An open People's Borough workshop with `delegates` joined; returns (ws, id, tokens).
    Kept in files in `folder`, or in `store` if given."""
    # Many delegates' comments arrive back to back here: the limit a minute per delegate
    # is set out of reach, so it is counted as usual but refuses nothing.
    ws = Workshops(store or FileStore(folder), load_packs(ROOT / "scenarios"), live or folder / "live",
                   posts_per_minute=10**6)
    w = ws.create("Store growth", "East Midlands", "peoples_borough")
    ws.set_status(w["id"], "open")
    roles = ws.pack_of(w["id"]).role_ids
    rows = [{"id": secrets.token_urlsafe(9), "role": roles[i % len(roles)],
             "table": f"Table {i % 40 + 1}", "joined_at": _now()} for i in range(delegates)]
    ws.store.insert_many(w["id"], "delegates", rows)
    return ws, w["id"], [r["id"] for r in rows]


def add_comments(ws: Workshops, wid: str, tokens: list[str], n: int, seed: int = 1) -> None:
    """Add n themed comments in batches (one journal change per batch)."""
    rng = random.Random(seed)
    questions = [q.id for q in ws.pack_of(wid).questions if q.kind == "comment"]
    tagger = ws.tagger(wid)
    batch = []
    for i in range(n):
        text = f"{rng.choice(SENTENCES)} ({rng.randrange(10**6)})"
        batch.append({"id": secrets.token_hex(8), "delegate_id": rng.choice(tokens),
                      "question_id": rng.choice(questions), "text": text,
                      "kind": rng.choice(["issue", "idea", "question"]),
                      "created_at": _now(), "updated_at": None, "hidden": False,
                      "withdrawn": False, "themes": _tag_dicts(tagger.tag(text))})
        if len(batch) == 1000:
            ws.store.insert_many(wid, "comments", batch)
            batch = []
    if batch:
        ws.store.insert_many(wid, "comments", batch)
