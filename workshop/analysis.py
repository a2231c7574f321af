"""Counting what was said, split by role, with small groups protected.

Privacy rule: a role with fewer than MIN_GROUP people answering a question is not shown
on its own; such roles are pooled into one "smaller groups" bar, and the text says so.
A person's words quoted anywhere (projector, console, report) are attributed the same way:
to the group their answer is counted in on that question's chart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from workshop.i18n import N_
from workshop.scenarios import Pack
from workshop.workshops import Snapshot

# Fewer than 3 people of a role could be identified by their answers in a small room.
MIN_GROUP = 3
POOLED = N_("Smaller groups combined")


@dataclass(frozen=True)
class Grouping:
    """Which role label each delegate's answer is shown under, for one question."""
    label_of_role: dict[str, str]
    pooled_roles: tuple[str, ...]   # role labels pooled for privacy
    order: tuple[str, ...]          # group labels in display order

    def label_for(self, role_id: str) -> str:
        """The group a person of this role is shown and quoted under."""
        return self.label_of_role.get(role_id, POOLED)

    @property
    def note(self) -> str:
        if not self.pooled_roles:
            return ""
        return (f"{', '.join(self.pooled_roles)}: fewer than {MIN_GROUP} people answered, so "
                f"their answers are shown together as \u201c{POOLED}\u201d to protect privacy.")


def grouping(snapshot: Snapshot, delegate_ids) -> Grouping:
    """Group the given answering delegates by role, pooling roles under MIN_GROUP."""
    return group_roles(snapshot.pack, Counter(snapshot.role_of(d) for d in set(delegate_ids)))


def group_roles(pack: Pack, per_role: Mapping[str, int]) -> Grouping:
    """The privacy rule, from how many people of each role (by id) answered."""
    label_of, pooled = {}, []
    for role in pack.roles:
        n = per_role.get(role.id, 0)
        if n >= MIN_GROUP:
            label_of[role.id] = role.label
        elif n:
            label_of[role.id] = POOLED
            pooled.append(role.label)
    order = [r.label for r in pack.roles if label_of.get(r.id) == r.label]
    if pooled:
        order.append(POOLED)
    return Grouping(label_of, tuple(pooled), tuple(order))


def joined_by_role(snapshot: Snapshot) -> dict[str, int]:
    """How many delegates joined, per role label (every role listed, zero included)."""
    counts = Counter(d["role"] for d in snapshot.delegates)
    return {r.label: counts.get(r.id, 0) for r in snapshot.pack.roles}


def comments_for(snapshot: Snapshot, question_id: str) -> list[dict]:
    return [c for c in snapshot.visible_comments if c["question_id"] == question_id]


def comment_grouping(snapshot: Snapshot, question_id: str) -> Grouping:
    """How the people whose comments (or ideas) the room sees on a question are grouped:
    the chart's groups, and the name each of their comments is quoted under."""
    return grouping(snapshot, [c["delegate_id"] for c in comments_for(snapshot, question_id)])


def hidden_count(snapshot: Snapshot, question_id: str | None = None) -> int:
    return sum(1 for c in snapshot.comments if c.get("hidden") and not c.get("withdrawn")
               and (question_id is None or c["question_id"] == question_id))


@dataclass(frozen=True)
class CommentSummary:
    question_id: str
    n_comments: int
    n_people: int
    grouping: Grouping
    theme_rows: tuple[tuple[str, str, int], ...]   # (theme label, group, comments)
    theme_totals: tuple[tuple[str, str, int], ...]  # (theme id, theme label, comments) desc
    kind_rows: tuple[tuple[str, str, int], ...]    # (kind label, group, comments)
    unassigned: int
    hidden: int


def summarise_comments(snapshot: Snapshot, question_id: str) -> CommentSummary:
    comments = comments_for(snapshot, question_id)
    group = comment_grouping(snapshot, question_id)
    themes, kinds, totals = Counter(), Counter(), Counter()
    unassigned = 0
    for c in comments:
        g = group.label_for(snapshot.role_of(c["delegate_id"]))
        kinds[(snapshot.pack.kind_label(c["kind"]), g)] += 1
        ids = [t["theme_id"] for t in c["themes"]]
        if not ids:
            unassigned += 1
        for tid in ids:
            themes[(snapshot.theme_label(tid), g)] += 1
            totals[tid] += 1
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], snapshot.theme_label(kv[0])))
    return CommentSummary(
        question_id, len(comments), len({c["delegate_id"] for c in comments}), group,
        tuple((t, g, n) for (t, g), n in sorted(themes.items())),
        tuple((tid, snapshot.theme_label(tid), n) for tid, n in ranked),
        tuple((k, g, n) for (k, g), n in sorted(kinds.items())),
        unassigned, hidden_count(snapshot, question_id))


@dataclass(frozen=True)
class PollSummary:
    question_id: str
    choices: tuple[str, ...]
    n_people: int
    grouping: Grouping
    counts: dict[str, dict[str, int]]   # group -> choice -> people
    group_sizes: dict[str, int]          # group -> people answering
    totals: dict[str, int]               # choice -> people (everyone)


def summarise_poll(snapshot: Snapshot, question_id: str) -> PollSummary:
    question = snapshot.pack.question(question_id)
    answers = [a for a in snapshot.answers if a["question_id"] == question_id and a["values"]]
    group = grouping(snapshot, [a["delegate_id"] for a in answers])
    counts = {g: {c: 0 for c in question.choices} for g in group.order}
    sizes = Counter()
    totals = {c: 0 for c in question.choices}
    for a in answers:
        g = group.label_for(snapshot.role_of(a["delegate_id"]))
        sizes[g] += 1
        for v in a["values"]:
            if v in totals:
                counts[g][v] += 1
                totals[v] += 1
    return PollSummary(question_id, question.choices, len(answers), group, counts,
                       dict(sizes), totals)


def share(part: int, whole: int) -> int:
    """A whole-number percentage, 0 when there is nothing to share."""
    return round(100 * part / whole) if whole else 0


# A difference between two roles is written up only when each role has at least this many
# people, the gap is at least MIN_GAP, and a two-proportion test puts it beyond chance
# (|z| >= Z_SIGNIFICANT, about the 5 % level). Otherwise the report says views were similar.
MIN_CONTRAST_GROUP = 5
MIN_GAP = 0.30
Z_SIGNIFICANT = 1.96


def differs(x1: int, n1: int, x2: int, n2: int) -> bool:
    """Whether x1 of n1 and x2 of n2 differ enough to say so in the report."""
    if min(n1, n2) < MIN_CONTRAST_GROUP:
        return False
    p1, p2 = x1 / n1, x2 / n2
    if abs(p1 - p2) < MIN_GAP:
        return False
    pooled = (x1 + x2) / (n1 + n2)
    spread = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)) ** 0.5
    return spread > 0 and abs(p1 - p2) / spread >= Z_SIGNIFICANT


def is_way_forward(comment: dict) -> bool:
    """A way forward is what its author typed as an idea. A comment typed as an issue or a
    question is never presented as one, however it is worded: the author chose its kind."""
    return comment["kind"] == "idea"


@dataclass(frozen=True)
class Difference:
    """One role more likely than another to give one answer to a poll."""
    question_id: str
    option: str           # a choice, or for agreement scales "agree", "disagree", "neither"
    high: str             # group label of the role more likely to give it
    low: str
    x_high: int
    n_high: int
    x_low: int
    n_low: int

    @property
    def gap(self) -> float:
        return self.x_high / self.n_high - self.x_low / self.n_low


# An agreement scale is compared on agreeing, disagreeing and sitting on the fence.
SCALE_SIDES = {"agree": ("Agree", "Strongly agree"),
               "disagree": ("Disagree", "Strongly disagree"),
               "neither": ("Neither agree nor disagree",)}


def poll_sides(question) -> dict[str, tuple[str, ...]]:
    """Every answer a poll's roles are compared on: each choice, or each side of a scale."""
    if question.kind == "scale":
        return SCALE_SIDES
    return {c: (c,) for c in question.choices}


def comparable_groups(poll: PollSummary) -> list[str]:
    """The groups of a poll big enough to compare: single roles with MIN_CONTRAST_GROUP
    people or more (a pooled group mixes roles, so it is never compared)."""
    return [g for g in poll.grouping.order
            if g != POOLED and poll.group_sizes.get(g, 0) >= MIN_CONTRAST_GROUP]


def poll_differences(snapshot: Snapshot, question_id: str) -> list[Difference]:
    """Every real difference between two roles on any answer of a poll, largest first."""
    poll = summarise_poll(snapshot, question_id)
    question = snapshot.pack.question(question_id)
    groups = comparable_groups(poll)
    found = []
    for option, picked in poll_sides(question).items():
        count = {g: sum(poll.counts[g][c] for c in picked) for g in groups}
        for i, a in enumerate(groups):
            for b in groups[i + 1:]:
                na, nb = poll.group_sizes[a], poll.group_sizes[b]
                if not differs(count[a], na, count[b], nb):
                    continue
                (hi, nh), (lo, nl) = sorted([(a, na), (b, nb)],
                                            key=lambda g: -count[g[0]] / g[1])
                found.append(Difference(question_id, option, hi, lo, count[hi], nh,
                                        count[lo], nl))
    return sorted(found, key=lambda d: -d.gap)


def theme_differences(snapshot: Snapshot, question_id: str) -> tuple[list[str], list[Difference]]:
    """Roles that raised a theme of a comment question markedly more often than another,
    counted in people, on every theme. Also returns the roles that could be compared
    (those with MIN_CONTRAST_GROUP people or more commenting)."""
    people: dict[str, set] = {}
    raised: dict[tuple[str, str], set] = {}
    for c in comments_for(snapshot, question_id):
        role = snapshot.role_of(c["delegate_id"])
        people.setdefault(role, set()).add(c["delegate_id"])
        for t in c["themes"]:
            raised.setdefault((t["theme_id"], role), set()).add(c["delegate_id"])
    roles = [r for r in snapshot.pack.roles if len(people.get(r.id, ())) >= MIN_CONTRAST_GROUP]
    themes = sorted({tid for tid, _ in raised})
    found = []
    for tid in themes:
        for i, a in enumerate(roles):
            for b in roles[i + 1:]:
                xa, na = len(raised.get((tid, a.id), ())), len(people[a.id])
                xb, nb = len(raised.get((tid, b.id), ())), len(people[b.id])
                if not differs(xa, na, xb, nb):
                    continue
                (hi, xh, nh), (lo, xl, nl) = sorted([(a, xa, na), (b, xb, nb)],
                                                    key=lambda g: -g[1] / g[2])
                found.append(Difference(question_id, tid, hi.label, lo.label, xh, nh, xl, nl))
    return [r.label for r in roles], sorted(found, key=lambda d: -d.gap)
