"""A demo programme: the East Midlands day replayed, with other regions simulated.

The national programme behind the East Midlands report ran seven regional workshops. The
demo has the East Midlands replay (workshop/demo.py) and further regions whose comments are
drawn, with a seed of their own, from the East Midlands statements (roles shuffled). Each
simulated region has an emphasis of its own: statements on the themes it cares about are
kept more often, those on a theme it never raised are left out, so some themes come up in
some regions only; and its poll answers lean its own way on a few polls, so a region can
differ from the rest. Each simulated workshop is marked as such, and the national report
says so in its background.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
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


def _everyone(lean: float) -> dict[str, float]:
    return {role: lean for role in ("commissioner", "provider", "user", "other")}


@dataclass(frozen=True)
class Simulated:
    """A simulated region: where and when, its seed, how its people lean on some polls
    (-2 disagree ... +2 agree, by poll and role), and how much more (or less) often it
    raises each theme than the East Midlands did (0: never)."""
    region: str
    date: str
    venue: str
    seed: int
    leans: dict
    emphasis: dict


SIMULATED = (
    # London: price and people's own choice to the fore; self-funders firmly in the
    # framework; commissioners and providers split on price transparency; nobody raised
    # the workforce.
    Simulated("London", "2010-01-20", "Westminster", 7,
              {"price_transparency_poll": {"commissioner": 1.2, "provider": -1.0},
               "self_funders_poll": _everyone(1.6)},
              {"cost": 1.8, "choice": 1.5, "workforce": 0, "capacity": 0.6}),
    # North West: partnership and the workforce to the fore, little on price; against
    # giving providers localities; nobody raised information and advice.
    Simulated("North West", "2010-02-18", "Manchester", 11,
              {"locality_poll": _everyone(-1.3),
               "price_transparency_poll": {"commissioner": 0.4, "provider": 0.2}},
              {"collaboration": 1.8, "workforce": 1.6, "cost": 0.3, "information": 0}),
)
ROLES = ("commissioner", "provider", "user", "other")


def simulated_rows(rows, rng: random.Random, share: float = 0.6,
                   themes_of: dict[str, set[str]] | None = None,
                   emphasis: dict[str, float] | None = None):
    """Some of the statements, each given a role at random (weighted like the day). A
    statement is kept more or less often by the region's emphasis on its themes (as the
    East Midlands day themed it); one on a theme the region never raised is left out."""
    def keep(text: str) -> float:
        chance = share
        for theme in (themes_of or {}).get(text, ()):
            chance *= (emphasis or {}).get(theme, 1.0)
        return min(chance, 0.95)
    picked = [r for r in rows if rng.random() < keep(r[1])]
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
    themes_of: dict[str, set[str]] = {}
    for c in workshops.snapshot(east["id"]).comments:
        themes_of.setdefault(c["text"], set()).update(t["theme_id"] for t in c["themes"])
    for sim in SIMULATED:
        w = programmes.create_workshop(
            programme["id"], f"{DEMO_TITLE} ({sim.region}, simulated)", sim.region,
            date=sim.date, venue=sim.venue,
            background=f"A regional workshop of the national programme, in {sim.region}. "
                       "(Demo: every answer here is simulated.)")
        workshops.store.update_workshop(w["id"], {"simulated": True})
        rng = random.Random(sim.seed)
        replay(workshops, w["id"], simulated_rows(rows, rng, themes_of=themes_of,
                                                  emphasis=sim.emphasis), rng, sim.leans)
    return programmes.get(programme["id"])
