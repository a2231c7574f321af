"""Reading age of what delegates read: each card's scenario, its plain-English version, and
the question prompts, for every pack; and of the Easy Read summary of the demo day (with
its longest sentence, in words). Prints a table and a summary.

Reading age = Flesch-Kincaid grade + 5 (UK school years start at age 5).

    python bench/reading_age.py
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import textstat  # noqa: E402

from workshop.scenarios import load_packs  # noqa: E402


def reading_age(text: str) -> float:
    return round(textstat.flesch_kincaid_grade(text) + 5, 1)


def main() -> None:
    for pack in load_packs(ROOT / "scenarios").values():
        print(f"# {pack.id}")
        print(f"{'card':24} {'scenario':>8} {'plain':>6} {'prompts':>8}")
        rows = []
        for card in pack.cards:
            prompts = " ".join(q.prompt for q in card.questions)
            row = (reading_age(card.scenario),
                   reading_age(card.plain_scenario) if card.plain_scenario else None,
                   reading_age(prompts))
            rows.append(row)
            plain = f"{row[1]:6.1f}" if row[1] is not None else "     -"
            print(f"{card.id:24} {row[0]:8.1f} {plain} {row[2]:8.1f}")
        plain = [r[1] for r in rows if r[1] is not None]
        print(f"median reading age: scenario {statistics.median(r[0] for r in rows):.1f}, "
              f"plain {statistics.median(plain):.1f}, prompts "
              f"{statistics.median(r[2] for r in rows):.1f}")


def easy_read() -> None:
    """The Easy Read summary of the East Midlands demo day."""
    import tempfile

    from store import MemoryStore
    from workshop.demo import build_demo
    from workshop.outputs.easyread import sentences_of, summary
    from workshop.workshops import Workshops
    with tempfile.TemporaryDirectory() as live:
        ws = Workshops(MemoryStore(), load_packs(ROOT / "scenarios"), Path(live))
        snapshot = ws.snapshot(build_demo(ws, ROOT / "scenarios")["id"])
        points = [p.text for s in summary(snapshot) for p in s.points]
    sentences = [s for p in points for s in sentences_of(p)]
    print(f"# easy read summary of the demo day: {len(points)} points, reading age "
          f"{reading_age(' '.join(points)):.1f}, longest sentence "
          f"{max(len(s.split()) for s in sentences)} words")


if __name__ == "__main__":
    main()
    easy_read()
