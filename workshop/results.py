"""Results of the structured kinds: rankings, points, judging, ratings, card sorts, idea boards.

Like analysis.py, every split by role protects small groups (fewer than MIN_GROUP people
of a role are pooled). "Everyone" is always given too.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from workshop.analysis import Grouping, grouping
from workshop.formats import final_idea
from workshop.workshops import Snapshot, shown_to_room

EVERYONE = "Everyone"


def _answers(snapshot: Snapshot, question_id: str) -> list[dict]:
    return [a for a in snapshot.answers if a["question_id"] == question_id and a.get("values")]


def _group_of(snapshot: Snapshot, group: Grouping, delegate_id: str) -> str:
    """The group a person's answer is counted in, and their words are quoted under."""
    return group.label_for(snapshot.role_of(delegate_id))


def _split(snapshot: Snapshot, answers: list[dict]):
    group = grouping(snapshot, [a["delegate_id"] for a in answers])
    by_group: dict[str, list[dict]] = defaultdict(list)
    for a in answers:
        by_group[_group_of(snapshot, group, a["delegate_id"])].append(a)
        by_group[EVERYONE].append(a)
    return group, by_group


@dataclass(frozen=True)
class OrderResult:
    """Ranking or points: each option's average (place, or points) per group."""
    question_id: str
    n_people: int
    grouping: Grouping
    options: tuple[str, ...]               # best first, for everyone
    average: dict[str, dict[str, float]]   # group -> option -> mean place / mean points
    firsts: dict[str, int]                 # option -> people who put it first (ranking)
    sizes: dict[str, int]


def ranking_result(snapshot: Snapshot, question_id: str) -> OrderResult:
    q = snapshot.pack.question(question_id)
    answers = _answers(snapshot, question_id)
    group, by_group = _split(snapshot, answers)
    average = {g: {o: statistics.fmean(a["values"].index(o) + 1 for a in rows)
                   for o in q.options} for g, rows in by_group.items()}
    order = tuple(sorted(q.options, key=lambda o: (average.get(EVERYONE, {}).get(o, 0),
                                                   q.options.index(o))))
    firsts = Counter(a["values"][0] for a in answers)
    return OrderResult(question_id, len(answers), group, order, average,
                       {o: firsts.get(o, 0) for o in q.options},
                       {g: len(rows) for g, rows in by_group.items()})


def points_result(snapshot: Snapshot, question_id: str) -> OrderResult:
    q = snapshot.pack.question(question_id)
    answers = [a for a in _answers(snapshot, question_id) if a.get("points")]
    group, by_group = _split(snapshot, answers)
    average = {g: {o: statistics.fmean(a["points"].get(o, 0) for a in rows) for o in q.options}
               for g, rows in by_group.items()}
    order = tuple(sorted(q.options, key=lambda o: (-average.get(EVERYONE, {}).get(o, 0),
                                                   q.options.index(o))))
    return OrderResult(question_id, len(answers), group, order, average, {},
                       {g: len(rows) for g, rows in by_group.items()})


@dataclass(frozen=True)
class EntryScore:
    entry_id: str
    title: str
    group: str
    total: int                          # every judge's scores on every criterion, added
    judges: int                         # the judges who scored this entry
    judge_totals: tuple[int, ...]
    by_criterion: dict[str, float]      # criterion -> mean score
    notes: tuple[tuple[str, str], ...]  # (judge's group, comment)
    rank: int = 0                       # 1 = first; equal averages share a rank

    @property
    def average(self) -> float:
        """The average of the totals of the judges who scored this entry, to one decimal
        place as written: a judge who did not score it does not pull it down."""
        return round(statistics.fmean(self.judge_totals), 1) if self.judge_totals else 0.0

    @property
    def spread(self) -> int:
        return max(self.judge_totals) - min(self.judge_totals) if self.judge_totals else 0


@dataclass(frozen=True)
class ScoringResult:
    question_id: str
    n_judges: int
    entries: tuple[EntryScore, ...]     # by rank, ties together
    criteria: tuple[str, ...]

    @property
    def ties(self) -> list[list[EntryScore]]:
        by_rank: dict[int, list[EntryScore]] = defaultdict(list)
        for e in self.entries:
            by_rank[e.rank].append(e)
        return [group for group in by_rank.values() if len(group) > 1 and group[0].judges]


def scoring_result(snapshot: Snapshot, question_id: str) -> ScoringResult:
    q = snapshot.pack.question(question_id)
    answers = [a for a in _answers(snapshot, question_id) if a.get("scores")]
    judges = grouping(snapshot, [a["delegate_id"] for a in answers])
    scored = []
    for e in q.entries:
        rows = [a for a in answers if e.id in a["scores"]]
        totals = tuple(sum(a["scores"][e.id].values()) for a in rows)
        per = {c: statistics.fmean(a["scores"][e.id][c] for a in rows) if rows else 0.0
               for c in q.criteria}
        notes = tuple((_group_of(snapshot, judges, a["delegate_id"]),
                       a.get("notes", {}).get(e.id, "")) for a in rows
                      if a.get("notes", {}).get(e.id))
        scored.append(EntryScore(e.id, e.title, e.group, sum(totals), len(rows), totals, per,
                                 notes))
    # Ranked by each entry's average over the judges who scored it; not yet scored last.
    scored.sort(key=lambda s: (not s.judges, -s.average, q.entries.index(q.entry(s.entry_id))))
    ranked, previous, rank = [], None, 0
    for i, s in enumerate(scored, start=1):
        rank = rank if s.average == previous else i
        previous = s.average
        ranked.append(replace(s, rank=rank))
    return ScoringResult(question_id, len(answers), tuple(ranked), q.criteria)


@dataclass(frozen=True)
class RatingResult:
    question_id: str
    n_groups: int                    # answers (each from a table or group)
    grouping: Grouping
    levels: tuple[str, ...]
    counts: dict[str, dict[tuple[str, str], Counter]]  # group -> (option, dimension) -> levels
    reasons: tuple[tuple[str, str, str], ...]          # (option, group, reason)

    def typical(self, option: str, dimension: str, group: str = EVERYONE) -> str | None:
        """The middle rating given (the lower of the two middles when even)."""
        counts = self.counts.get(group, {}).get((option, dimension))
        if not counts:
            return None
        ranked = sorted(counts.elements(), key=self.levels.index)
        return ranked[(len(ranked) - 1) // 2]

    def mean_level(self, option: str, dimension: str, group: str = EVERYONE) -> float | None:
        counts = self.counts.get(group, {}).get((option, dimension))
        if not counts:
            return None
        return statistics.fmean(self.levels.index(v) for v in counts.elements())


def rating_result(snapshot: Snapshot, question_id: str) -> RatingResult:
    q = snapshot.pack.question(question_id)
    answers = [a for a in _answers(snapshot, question_id) if a.get("ratings")]
    group, by_group = _split(snapshot, answers)
    counts: dict[str, dict[tuple[str, str], Counter]] = {}
    for g, rows in by_group.items():
        cells: dict[tuple[str, str], Counter] = defaultdict(Counter)
        for a in rows:
            for option, given in a["ratings"].items():
                for dimension, level in given.items():
                    cells[(option, dimension)][level] += 1
        counts[g] = dict(cells)
    reasons = tuple((o, _group_of(snapshot, group, a["delegate_id"]), r)
                    for a in answers for o in q.options
                    if (r := a.get("reasons", {}).get(o)))
    return RatingResult(question_id, len(answers), group, q.levels, counts, reasons)


@dataclass(frozen=True)
class SortResult:
    question_id: str
    n_people: int
    grouping: Grouping
    placed: dict[str, Counter]            # statement -> category -> people
    correct: dict[str, dict[str, int]]    # group -> statement -> people right
    sizes: dict[str, int]
    answers: dict[str, str]               # statement -> right category ('' if none)

    def share_right(self, statement: str, group: str = EVERYONE) -> int | None:
        size = self.sizes.get(group, 0)
        if not size or not self.answers.get(statement):
            return None
        return round(100 * self.correct[group][statement] / size)


def sort_result(snapshot: Snapshot, question_id: str) -> SortResult:
    q = snapshot.pack.question(question_id)
    answers = [a for a in _answers(snapshot, question_id) if a.get("placement")]
    group, by_group = _split(snapshot, answers)
    placed = {s.text: Counter(a["placement"].get(s.text) for a in answers) for s in q.statements}
    correct = {g: {s.text: sum(1 for a in rows if s.answer and
                               a["placement"].get(s.text) == s.answer) for s in q.statements}
               for g, rows in by_group.items()}
    return SortResult(question_id, len(answers), group, placed, correct,
                      {g: len(rows) for g, rows in by_group.items()},
                      {s.text: s.answer for s in q.statements})


@dataclass(frozen=True)
class Idea:
    id: str
    text: str
    tag: str
    votes: int                       # people who voted for it or for an idea merged into it
    role: str                        # the group of whoever posted it (analysis.py)
    merged: tuple[str, ...]          # texts of ideas merged into this one


@dataclass(frozen=True)
class BoardResult:
    question_id: str
    ideas: tuple[Idea, ...]          # most votes first
    voters: int
    n_ideas_posted: int

    def top(self, tag: str | None = None, n: int = 5) -> list[Idea]:
        return [i for i in self.ideas if tag is None or i.tag == tag][:n]


def board_result(snapshot: Snapshot, question_id: str) -> BoardResult:
    posted = [c for c in snapshot.comments if c["question_id"] == question_id
              and shown_to_room(c)]
    by_id = {c["id"]: c for c in posted}
    voters: dict[str, set[str]] = defaultdict(set)
    answers = _answers(snapshot, question_id)
    for a in answers:
        for idea_id in a["values"]:
            if idea_id in by_id:
                voters[final_idea(by_id, idea_id)].add(a["delegate_id"])
    merged: dict[str, list[str]] = defaultdict(list)
    for c in posted:
        if c.get("merged_into"):
            merged[final_idea(by_id, c["id"])].append(c["text"])
    posters = grouping(snapshot, [c["delegate_id"] for c in posted])
    ideas = [Idea(c["id"], c["text"], c.get("tag") or "", len(voters[c["id"]]),
                  _group_of(snapshot, posters, c["delegate_id"]),
                  tuple(merged[c["id"]]))
             for c in posted if not c.get("merged_into")]
    order = {c["id"]: i for i, c in enumerate(posted)}
    ideas.sort(key=lambda i: (-i.votes, order[i.id]))
    return BoardResult(question_id, tuple(ideas), len(answers), len(posted))
