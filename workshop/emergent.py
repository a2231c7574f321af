"""Emergent themes: groups of comments the codebook does not cover well.

Comments with no theme, or only a low-confidence automatic one, are grouped by the words
they share (weighted so that words common to everything count for little). Each group of
at least MIN_SIZE comments is offered to the facilitator as a candidate theme with a
suggested name and example comments. Nothing enters the codebook until a person accepts,
renames or merges it.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from workshop.themes import STOPWORDS, stem

# An automatic theme below this confidence does not really fit.
LOW_CONFIDENCE = 0.5
MIN_SIZE = 3
# A comment joins a group when it is at least this similar (cosine) to the group's centre.
JOIN_SIMILARITY = 0.2
EXAMPLES = 3
# The most recent comments considered, so the console stays quick in a big room.
MAX_POOL = 400

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")


@dataclass(frozen=True)
class Candidate:
    key: str                      # stable for the same set of comments
    name: str                     # suggested theme name
    description: str
    keywords: tuple[str, ...]
    comment_ids: tuple[str, ...]
    examples: tuple[str, ...]     # up to EXAMPLES comment texts, most typical first


def needs_theme(comment: dict) -> bool:
    """Visible, no theme set by a person, and no automatic theme that fits well."""
    if comment.get("hidden") or comment.get("withdrawn"):
        return False
    tags = comment.get("themes") or []
    if any(t["source"] == "person" for t in tags):
        return False
    return not tags or max(t["confidence"] for t in tags) < LOW_CONFIDENCE


def _words(text: str) -> list[tuple[str, str]]:
    """(stem, word) for each content word."""
    return [(stem(w), w) for w in _WORD.findall(text.lower().replace("\u2019", "'"))
            if w not in STOPWORDS and len(w) > 2]


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {k: v / norm for k, v in vector.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def candidate_themes(comments: list[dict], set_aside=frozenset()) -> list[Candidate]:
    """Candidate themes from the comments that need one, biggest group first. Comments a
    facilitator has set aside ("not a new theme") are not offered again."""
    pool = [c for c in comments if needs_theme(c) and c["id"] not in set_aside][-MAX_POOL:]
    if len(pool) < MIN_SIZE:
        return []
    # A group is set apart by words that are common among these comments but not among
    # the rest ("transport" in a cluster, not "services" everywhere); rarer words weigh more.
    visible = [c for c in comments if not c.get("hidden") and not c.get("withdrawn")]
    words = {c["id"]: _words(c["text"]) for c in pool}
    inside = Counter(s for c in pool for s in {s for s, _ in words[c["id"]]})
    everywhere = Counter(s for c in visible for s in {s for s, _ in _words(c["text"])})
    n, n_in = len(visible), len(pool)
    n_out = max(n - n_in, 1)

    def distinctive(s: str) -> bool:
        rate_in = inside[s] / n_in
        return inside[s] >= 2 and (everywhere[s] - inside[s]) / n_out <= rate_in / 2

    idf = {s: math.log(1 + n / everywhere[s]) for s in inside if distinctive(s)}
    vectors = {c["id"]: _unit({s: idf[s] for s, _ in words[c["id"]] if s in idf})
               for c in pool}
    groups = _group([c for c in pool if vectors[c["id"]]], vectors)
    out = []
    for members in groups:
        if len(members) < MIN_SIZE:
            continue
        candidate = _describe(members, words, vectors)
        if candidate:
            out.append(candidate)
    return sorted(out, key=lambda c: (-len(c.comment_ids), c.name))


def _centre(members: list[dict], vectors) -> dict[str, float]:
    total: dict[str, float] = defaultdict(float)
    for c in members:
        for k, v in vectors[c["id"]].items():
            total[k] += v
    return _unit(total)


def _group(pool: list[dict], vectors) -> list[list[dict]]:
    """Leader grouping, then two passes moving each comment to its nearest centre."""
    groups: list[list[dict]] = []
    centres: list[dict[str, float]] = []
    for c in pool:
        sims = [_cosine(vectors[c["id"]], centre) for centre in centres]
        best = max(range(len(sims)), key=sims.__getitem__, default=None)
        if best is not None and sims[best] >= JOIN_SIMILARITY:
            groups[best].append(c)
            centres[best] = _centre(groups[best], vectors)
        else:
            groups.append([c])
            centres.append(vectors[c["id"]])
    for _ in range(2):
        moved: list[list[dict]] = [[] for _ in centres]
        for c in pool:
            sims = [_cosine(vectors[c["id"]], centre) for centre in centres]
            best = max(range(len(sims)), key=sims.__getitem__)
            if sims[best] >= JOIN_SIMILARITY:
                moved[best].append(c)
        groups = [g for g in moved if g]
        centres = [_centre(g, vectors) for g in groups]
    return groups


def _describe(members: list[dict], words, vectors) -> Candidate | None:
    centre = _centre(members, vectors)
    # Words shared by at least two comments in the group, strongest first.
    shared = Counter(s for c in members for s in {s for s, _ in words[c["id"]]})
    top = [s for s, _ in sorted(centre.items(), key=lambda kv: -kv[1]) if shared[s] >= 2][:3]
    if not top:
        return None
    surface: dict[str, Counter] = defaultdict(Counter)
    for c in members:
        for s, w in words[c["id"]]:
            surface[s][w] += 1
    shown = [surface[s].most_common(1)[0][0] for s in top]
    name = (" and ".join(shown[:2])).capitalize()
    ranked = sorted(members, key=lambda c: -_cosine(vectors[c["id"]], centre))
    ids = tuple(sorted(c["id"] for c in members))
    key = hashlib.sha1("|".join(ids).encode()).hexdigest()[:12]
    return Candidate(key, name, "Comments about " + ", ".join(shown) + ".", tuple(shown),
                     tuple(c["id"] for c in ranked), tuple(c["text"] for c in ranked[:EXAMPLES]))
