"""The distinct points made on a question: near-duplicate comments grouped, one rule.

Two comments make the same point when they share at least NEAR_DUPLICATE of their content
words (Jaccard on stems), when they are the same text, or when the facilitator merged one
idea into the other. The report quotes one comment per point and says how many people made
it; the quality benchmark uses the same rule to measure what the report covers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from workshop.formats import final_idea
from workshop.themes import terms

NEAR_DUPLICATE = 0.6


def words(text: str) -> frozenset:
    return frozenset(terms(text))


def overlap(a: frozenset, b: frozenset) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def roots(comments: list[dict]) -> dict[str, str]:
    """Each comment's id -> the idea it was merged into in the end (itself if none)."""
    by_id = {c["id"]: c for c in comments}
    return {c["id"]: final_idea(by_id, c["id"]) if c.get("merged_into") else c["id"]
            for c in comments}


def same_point(a: dict, b: dict, root: dict[str, str] | None = None) -> bool:
    """Whether two comments on a question make the same point."""
    root = root or {}
    if root.get(a["id"], a["id"]) == root.get(b["id"], b["id"]):
        return True
    if " ".join(a["text"].lower().split()) == " ".join(b["text"].lower().split()):
        return True
    return overlap(words(a["text"]), words(b["text"])) >= NEAR_DUPLICATE


@dataclass(frozen=True)
class Point:
    """One distinct point: the comment quoted for it and every comment making it."""
    lead: dict
    members: tuple[dict, ...]     # the lead first

    @property
    def people(self) -> int:
        return len({c["delegate_id"] for c in self.members})

    @property
    def theme(self) -> str | None:
        return self.lead["themes"][0]["theme_id"] if self.lead["themes"] else None


def centrality(comments: list[dict]) -> dict[str, float]:
    """How much each comment shares its words with the others on the same main theme:
    the comment nearest the centre of its theme stands best for the rest."""
    bag = {c["id"]: words(c["text"]) for c in comments}
    by_theme: dict[str | None, list[dict]] = defaultdict(list)
    for c in comments:
        by_theme[c["themes"][0]["theme_id"] if c["themes"] else None].append(c)
    out = {}
    for c in comments:
        theme = c["themes"][0]["theme_id"] if c["themes"] else None
        others = [o for o in by_theme[theme] if o is not c] or [o for o in comments
                                                               if o is not c]
        out[c["id"]] = (sum(overlap(bag[c["id"]], bag[o["id"]]) for o in others)
                        / max(len(others), 1))
    return out


def distinct_points(comments: list[dict]) -> list[Point]:
    """The comments of one question grouped into points: a merged idea joins the idea it
    was merged into; otherwise a comment joins the first point whose lead it repeats.
    Points made by more people come first, then in the order the comments were made."""
    root = roots(comments)
    central = centrality(comments)
    # Leads are ideas nothing was merged into, the most central first.
    order = sorted(comments, key=lambda c: (root[c["id"]] != c["id"], -central[c["id"]]))
    groups: list[list[dict]] = []
    for c in order:
        home = next((g for g in groups if same_point(g[0], c, root)), None)
        if home is None:
            groups.append([c])
        else:
            home.append(c)
    position = {c["id"]: i for i, c in enumerate(comments)}
    points = [Point(g[0], tuple(g)) for g in groups]
    return sorted(points, key=lambda p: (-p.people, min(position[c["id"]] for c in p.members)))
