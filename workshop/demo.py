"""A seeded fake workshop: the East Midlands day replayed, used by `make run` and tests.

Comments are the participant statements of the East Midlands report (scenarios/
peoples_borough_demo.csv), attributed to roles and tables as the report suggests. The
real day had no phone polls, so poll answers here are simulated from a fixed seed.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from workshop.workshops import Workshops

DEMO_TITLE = "Contracting for personalised outcomes"
DEMO_REGION = "East Midlands"
DEMO_CSV = "peoples_borough_demo.csv"
DEMO_BACKGROUND = (
    "In August 2009 the Putting People First Delivery Programme published Contracting for "
    "personalised outcomes: learning from emerging practice. This regional workshop "
    "shared its learning and explored how to apply it locally, with mixed groups of "
    "commissioners and providers. (Demo: the comments replay the East Midlands day; the "
    "poll answers are simulated.)")
# Extra delegates who answered polls but did not type comments, per role.
POLL_ONLY = {"commissioner": 4, "provider": 5, "user": 2, "other": 1}
# How each role leans on agreement statements (-2 disagree … +2 agree), by poll id.
# Price transparency split commissioners and providers on the day.
LEANS = {"price_transparency_poll": {"commissioner": 1.3, "provider": -0.9}}


def demo_rows(scenarios_dir: Path) -> list[tuple[str, str, str, str, str]]:
    with open(Path(scenarios_dir) / DEMO_CSV, newline="", encoding="utf-8") as fh:
        return [(r["question_id"], r["text"], r["role"], f"Table {r['table']}", r["kind"])
                for r in csv.DictReader(fh)]


def build_demo(workshops: Workshops, scenarios_dir: Path, seed: int = 42) -> dict:
    """Create, fill and open the demo workshop; returns its record."""
    rng = random.Random(seed)
    w = workshops.create(DEMO_TITLE, DEMO_REGION, "peoples_borough", date="2010-02-04",
                         venue="Nottingham", background=DEMO_BACKGROUND)
    wid = w["id"]
    # Each statement in the report was one participant's point.
    workshops.add_transcribed(wid, demo_rows(scenarios_dir), one_person_per_row=True)
    tokens = []
    for role, n in POLL_ONLY.items():
        for i in range(n):
            tokens.append(workshops.join(wid, role, f"Table {1 + (i % 6)}")["id"])
    tokens += [d["id"] for d in workshops.snapshot(wid).delegates if d.get("transcribed")]
    workshops.set_status(wid, "open")
    pack = workshops.pack_of(wid)
    discussed = {r[0] for r in demo_rows(scenarios_dir)}
    for q in pack.questions:
        if q.kind == "comment" or q.card_id not in discussed:
            continue
        workshops.set_current(wid, q.id)
        for token in tokens:
            role = workshops.delegate(wid, token)["role"]
            if rng.random() < 0.15:
                continue  # not everyone answers every poll
            workshops.answer_poll(wid, token, q.id, _simulated_answer(rng, q, role))
    workshops.set_current(wid, pack.questions[0].id)
    return workshops.get(wid)


def _simulated_answer(rng: random.Random, question, role: str):
    if question.kind == "scale":
        lean = LEANS.get(question.id, {}).get(role, 0.3)
        point = round(max(-2, min(2, rng.gauss(lean, 0.9))))
        return question.choices[point + 2]
    weights = [1 + 2 * ((i + len(role)) % 3 == 0) for i in range(len(question.options))]
    if question.multiple:
        picked = [o for o, wt in zip(question.options, weights) if rng.random() < 0.25 * wt]
        return picked or [question.options[0]]
    return rng.choices(question.options, weights)[0]
