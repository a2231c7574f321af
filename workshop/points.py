"""The distinct points made on a question: near-duplicate comments grouped, one rule.

Two comments make the same point when they share at least NEAR_DUPLICATE of their content
words (Jaccard on stems), when they are the same text, or when the facilitator merged one
idea into the other. The report quotes one comment per point and says how many people made
it; the quality benchmark uses the same rule to measure what the report covers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from workshop.formats import final_idea
from workshop.themes import terms

NEAR_DUPLICATE = 0.6


@lru_cache(maxsize=50_000)
def words(text: str) -> frozenset:
    """The stems of a comment's content words (kept for the comments of a big workshop:
    grouping compares each comment with many others)."""
    return frozenset(terms(text))


@lru_cache(maxsize=50_000)
def _same_text(text: str) -> str:
    return " ".join(text.lower().split())


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
    if _same_text(a["text"]) == _same_text(b["text"]):
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


def shared(comments: list[dict]) -> dict[str, float]:
    """How near each comment is to the centre of the others: the cosine between its words
    and how often the others use each word. The comment nearest the centre stands best for
    them (one pass over the words, so a theme of thousands of comments stays quick)."""
    bag = {c["id"]: words(c["text"]) for c in comments}
    used = Counter(w for c in comments for w in bag[c["id"]])
    return {c["id"]: sum(used[w] - 1 for w in bag[c["id"]]) / max(len(bag[c["id"]]), 1) ** 0.5
            / max(len(comments) - 1, 1) for c in comments}


def centrality(comments: list[dict]) -> dict[str, float]:
    """How much each comment shares its words with the others on the same main theme."""
    by_theme: dict[str | None, list[dict]] = defaultdict(list)
    for c in comments:
        by_theme[c["themes"][0]["theme_id"] if c["themes"] else None].append(c)
    out, everyone = {}, None
    for group in by_theme.values():
        if len(group) > 1:
            out |= shared(group)
        else:  # alone on its theme: measured against every comment
            everyone = everyone or shared(comments)
            out[group[0]["id"]] = everyone[group[0]["id"]]
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
