"""Building a scenario pack step by step: the pack editor's forms add to a pack's data.

Every function works on the plain data of a pack (as read from its YAML) and returns it
changed; whether the result is a valid pack is for workshop.scenarios to say.
"""

from __future__ import annotations

import re

# What the two lists of "add a card" mean for each kind of question.
LISTS = {
    "choice": ("Options, one per line", None),
    "ranking": ("Items to put in order, one per line", None),
    "points": ("Items to give points to, one per line", None),
    "scoring_matrix": ("Criteria, one per line",
                       "Entries, one per line: title | who entered it | summary"),
    "rating_matrix": ("Options to rate (rows), one per line",
                      "What to rate them against (columns), one per line"),
    "card_sort": ("Categories, one per line", "Statements, one per line: statement | category"),
    "idea_board": ("Tags for ideas, one per line (optional)", None),
}


def slug(text: str, taken: set[str]) -> str:
    """A pack id from a name, not one of `taken`: 'Price & cost' -> 'price_cost'."""
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:30] or "item"
    base = base if base[0].isalpha() else f"x_{base}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


def lines(text: str) -> list[str]:
    return [" ".join(x.split()) for x in (text or "").splitlines() if x.strip()]


def all_ids(data: dict) -> set[str]:
    ids = set()
    for s in data.get("stages") or []:
        ids.add(s.get("id"))
        for c in s.get("cards") or []:
            ids.add(c.get("id"))
            ids.update(q.get("id") for q in c.get("questions") or [])
    return ids


def question(kind: str, prompt: str, first: list[str], second: list[str], taken) -> dict:
    q = {"id": slug(prompt, taken), "kind": kind, "prompt": prompt}
    if kind in ("choice", "ranking", "points", "rating_matrix"):
        q["options"] = first
    if kind == "scoring_matrix":
        q["criteria"] = first
        entries, seen = [], set()
        for line in second:
            title, group, summary = ([p.strip() for p in line.split("|")] + ["", ""])[:3]
            entries.append({"id": slug(title, seen), "title": title, "group": group,
                            "summary": summary})
            seen.add(entries[-1]["id"])
        q["entries"] = entries
    elif kind == "rating_matrix":
        q["dimensions"] = second
    elif kind == "card_sort":
        q["categories"] = first
        q["statements"] = [dict(zip(("text", "answer"), [p.strip() for p in line.split("|", 1)]))
                           for line in second]
    elif kind == "idea_board" and first:
        q["tags"] = first
    return q


def add_card(data: dict, stage: int, new_stage: str, title: str, scenario: str, plain: str,
             kind: str, prompt: str, first: str, second: str) -> dict:
    """A card with one question, in stage number `stage` (or a new stage at the end)."""
    stages = data.setdefault("stages", [])
    taken = all_ids(data)
    if stage >= len(stages):
        stages.append({"id": slug(new_stage or "stage", taken),
                       "title": new_stage.strip() or "New stage", "cards": []})
        taken.add(stages[-1]["id"])
        stage = len(stages) - 1
    card = {"id": slug(title or "card", taken), "title": title.strip(),
            "scenario": scenario.strip()}
    taken.add(card["id"])
    if plain.strip():
        card["plain_scenario"] = plain.strip()
    card["questions"] = [question(kind, prompt.strip(), lines(first), lines(second), taken)]
    stages[stage].setdefault("cards", []).append(card)
    return data


def add_role(data: dict, label: str) -> dict:
    roles = data.setdefault("roles", [])
    roles.append({"id": slug(label, {r.get("id") for r in roles}), "label": label.strip()})
    return data


def add_theme(data: dict, label: str, description: str) -> dict:
    themes = data.setdefault("codebook", [])
    themes.append({"id": slug(label, {t.get("id") for t in themes}), "label": label.strip(),
                   "description": description.strip()})
    return data
