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
    w = workshops.create(DEMO_TITLE, DEMO_REGION, "peoples_borough", date="2010-02-04",
                         venue="Nottingham", background=DEMO_BACKGROUND)
    return replay(workshops, w["id"], demo_rows(scenarios_dir), random.Random(seed))


def replay(workshops: Workshops, wid: str, rows, rng: random.Random,
           leans: dict | None = None) -> dict:
    """Fill a People's Borough workshop: `rows` as comments written on paper, poll-only
    delegates, and simulated poll answers on the questions the rows discussed; it is left
    open on its first question."""
    leans = LEANS if leans is None else leans
    # Written on paper at the tables: each table's statements from one role count as one
    # person (nobody is counted twice).
    workshops.add_transcribed(wid, rows)
    tokens = []
    for role, n in POLL_ONLY.items():
        for i in range(n):
            tokens.append(workshops.join(wid, role, f"Table {1 + (i % 6)}")["id"])
    tokens += [d["id"] for d in workshops.snapshot(wid).delegates if d.get("transcribed")]
    workshops.set_status(wid, "open")
    pack = workshops.pack_of(wid)
    discussed = {r[0] for r in rows}
    for q in pack.questions:
        if q.kind == "comment" or q.card_id not in discussed:
            continue
        workshops.set_current(wid, q.id)
        for token in tokens:
            role = workshops.delegate(wid, token)["role"]
            if rng.random() < 0.15:
                continue  # not everyone answers every poll
            workshops.answer_poll(wid, token, q.id,
                                  _simulated_answer(rng, q, role, leans))
    workshops.set_current(wid, pack.questions[0].id)
    return workshops.get(wid)


def _simulated_answer(rng: random.Random, question, role: str, leans: dict | None = None):
    if question.kind == "scale":
        lean = (LEANS if leans is None else leans).get(question.id, {}).get(role, 0.3)
        point = round(max(-2, min(2, rng.gauss(lean, 0.9))))
        return question.choices[point + 2]
    weights = [1 + 2 * ((i + len(role)) % 3 == 0) for i in range(len(question.options))]
    if question.multiple:
        picked = [o for o, wt in zip(question.options, weights) if rng.random() < 0.25 * wt]
        return picked or [question.options[0]]
    return rng.choices(question.options, weights)[0]


# Demos of the other formats: every answer is simulated from a fixed seed, and the
# workshop's background says so. Idea-board ideas are the kinds of idea named in
# accounts of such events.
FORMAT_DEMO_PEOPLE = 4  # delegates per role
DEMO_IDEAS = (
    ("Give longer lead-in times before a tender closes", 0),
    ("Keep the paperwork in proportion to the size of the contract", 1),
    ("Publish tender documents in accessible formats, including easy read", 1),
    ("Welcome joint bids by large and small organisations", 1),
    ("Fund user-led organisations for several years, not one", 0),
    ("Give social value a real weighting when bids are scored", 1),
    ("Reserve some contracts for supported businesses", 0),
    ("Involve user-led organisations before the specification is written", 0),
    ("Allow more time for bids, so small groups can put one together", 1),
)


def format_demo_title(pack) -> str:
    return f"{pack.title} (demo)"


def build_format_demo(workshops: Workshops, pack_id: str, seed: int = 42) -> dict:
    """A workshop of any pack, open, with simulated answers to every structured question."""
    rng = random.Random(seed)
    pack = workshops.packs[pack_id]
    w = workshops.create(format_demo_title(pack), "Demo region", pack_id, venue="Demo venue",
                         background=(pack.summary or pack.title) + " (Demo: every answer "
                         "here is simulated.)")
    wid = w["id"]
    people = [(role.id, workshops.join(wid, role.id, f"Table {1 + i % 4}")["id"])
              for role in pack.roles for i in range(FORMAT_DEMO_PEOPLE)]
    tokens = [token for _, token in people]
    # Where the pack has judges, only they score the entries.
    judges = [token for role, token in people if role.startswith("judge")] or tokens
    workshops.set_status(wid, "open")
    for q in pack.questions:
        if q.kind in ("comment",):
            continue
        workshops.set_current(wid, q.id)
        if q.kind == "idea_board":
            _simulate_board(workshops, wid, q, tokens, rng)
            continue
        for token in judges if q.kind == "scoring_matrix" else tokens:
            _simulate(workshops, wid, q, token, rng)
    workshops.set_current(wid, pack.questions[0].id)
    return workshops.get(wid)


def _simulate(ws: Workshops, wid: str, q, token: str, rng: random.Random) -> None:
    lean = [rng.random() for _ in range(4)]  # this person's own leanings
    if q.kind in ("scale", "choice"):
        role = ws.delegate(wid, token)["role"]
        ws.answer_poll(wid, token, q.id, _simulated_answer(rng, q, role))
    elif q.kind == "ranking":
        ws.answer_ranking(wid, token, q.id, sorted(
            q.options, key=lambda o: q.options.index(o) + rng.gauss(0, 2)))
    elif q.kind == "points":
        shares = [rng.random() * (len(q.options) - i) for i in range(len(q.options))]
        given = [int(q.total * s / sum(shares)) for s in shares]
        given[0] += q.total - sum(given)
        ws.answer_points(wid, token, q.id, dict(zip(q.options, given)))
    elif q.kind == "scoring_matrix":
        for i, entry in enumerate(q.entries):
            ws.score_entry(wid, token, q.id, entry.id, {
                c: max(1, min(5, round(4 - 0.4 * i + rng.gauss(lean[0] - 0.5, 0.8))))
                for c in q.criteria})
    elif q.kind == "rating_matrix":
        top = len(q.levels) - 1
        for option in q.options:
            # Each cell has its own typical risk, the same for everyone; people vary round it.
            ws.rate_option(wid, token, q.id, option, {
                d: q.levels[max(0, min(top, round(
                    random.Random(f"{option}|{d}").random() * top + rng.gauss(0, 0.8))))]
                for d in q.dimensions})
    elif q.kind == "card_sort":
        ws.sort_cards(wid, token, q.id, {
            s.text: (s.answer if s.answer and rng.random() < 0.55 + 0.4 * lean[1]
                     else rng.choice(q.categories)) for s in q.statements})


def _simulate_board(ws: Workshops, wid: str, q, tokens: list[str], rng: random.Random) -> None:
    ideas = []
    for (text, tag), token in zip(DEMO_IDEAS, tokens):
        ideas.append(ws.post_idea(wid, token, q.id, text,
                                  q.tags[tag % len(q.tags)] if q.tags else None)["id"])
    for token in tokens:
        for idea in rng.sample(ideas, min(q.votes, len(ideas))):
            ws.vote(wid, token, q.id, idea)
    if len(ideas) >= 9:  # the last idea repeats the first: merged, votes carried over
        ws.merge_ideas(wid, ideas[8], ideas[0])
