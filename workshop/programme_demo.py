"""A demo programme: the East Midlands day replayed, with other regions simulated.

The national programme behind the East Midlands report ran seven regional workshops. The
demo has the East Midlands replay (workshop/demo.py) and further regions whose comments are
drawn, with a seed of their own, from the East Midlands statements (roles shuffled) and
whose poll answers are simulated with leanings of their own. Each simulated workshop is
marked as such, and the national report says so in its background.
"""

from __future__ import annotations

import random
from pathlib import Path

from workshop.demo import DEMO_REGION, DEMO_TITLE, build_demo, demo_rows, replay
from workshop.programmes import Programmes
from workshop.workshops import Workshops

PROGRAMME_TITLE = "Contracting for personalised outcomes: the national programme"
PROGRAMME_DESCRIPTION = (
    "The Putting People First Delivery Programme ran regional workshops to share the "
    "learning of Contracting for personalised outcomes and explore how to apply it locally, "
    "with mixed groups of commissioners and providers. (Demo: the East Midlands comments "
    "replay the day; the other regions are simulated.)")
# (region, date, venue, seed, how commissioners and providers lean on price transparency)
SIMULATED = (
    ("London", "2010-01-20", "Westminster", 7, {"commissioner": 1.2, "provider": -1.0}),
    ("North West", "2010-02-18", "Manchester", 11, {"commissioner": 0.4, "provider": 0.2}),
)
ROLES = ("commissioner", "provider", "user", "other")


def simulated_rows(rows, rng: random.Random, share: float = 0.75):
    """Some of the statements, each given a role at random (weighted like the day)."""
    picked = [r for r in rows if rng.random() < share]
    weights = [4, 4, 1, 1]
    return [(qid, text, rng.choices(ROLES, weights)[0], f"Table {1 + rng.randrange(6)}", kind)
            for qid, text, _, _, kind in picked]


def build_programme_demo(workshops: Workshops, scenarios_dir: Path) -> dict:
    """The demo programme, with the East Midlands demo workshop (made if missing) and the
    simulated regions. Returns the programme's record."""
    programmes = Programmes(workshops)
    programme = programmes.create(PROGRAMME_TITLE, "peoples_borough", PROGRAMME_DESCRIPTION)
    east = next((w for w in workshops.all() if w["title"] == DEMO_TITLE
                 and w.get("region") == DEMO_REGION and not w.get("simulated")
                 and w.get("pack_id") == "peoples_borough"), None)
    if east is None:
        east = build_demo(workshops, scenarios_dir)
    programmes.add(programme["id"], east["id"])
    rows = demo_rows(scenarios_dir)
    for region, date, venue, seed, leans in SIMULATED:
        w = programmes.create_workshop(
            programme["id"], f"{DEMO_TITLE} ({region}, simulated)", region, date=date, venue=venue,
            background=f"A regional workshop of the national programme, in {region}. (Demo: "
                       "every answer here is simulated.)")
        workshops.store.update_workshop(w["id"], {"simulated": True})
        rng = random.Random(seed)
        replay(workshops, w["id"], simulated_rows(rows, rng), rng,
               {"price_transparency_poll": leans})
    return programmes.get(programme["id"])
