"""Where one region differs from the rest, on one question: said only when the counts
support it.

A region is compared with every other region taken together, by the test the reports use
for roles (workshop/analysis.py `differs`): each side needs MIN_CONTRAST_GROUP people or
more, a gap of MIN_GAP or more, and a two-proportion test beyond chance. A region with too
few people to compare on its own is not named, but its people still count in "the rest"
(pooled, as small groups are elsewhere). Comment questions are compared on each theme (the
people who raised it, of those who commented); polls on every answer (each side of an
agreement scale), in people.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.analysis import MIN_CONTRAST_GROUP, comments_for, differs, poll_sides, share
from workshop.programmes import Region
from workshop.scenarios import POLL_KINDS, Question
from workshop.text import inline_markdown
from workshop.wording import in_sentence, join_words, number

# What the rest of the regions are called in a sentence.
THE_REST = "the other regions"


HOW_COMPARED = (
    "Each region is compared with all the others together. A difference is only said when "
    f"it is large and unlikely to be chance, with at least {number(MIN_CONTRAST_GROUP)} "
    "people on each side.")


@dataclass(frozen=True)
class RegionDifference:
    """One region more (or less) likely than the rest to raise a theme or give an answer."""
    question_id: str
    kind: str            # "theme", or the poll's kind
    option: str          # a theme id, a choice, or a side of a scale
    region: str
    x_region: int
    n_region: int
    x_rest: int
    n_rest: int

    @property
    def higher(self) -> bool:
        return self.x_region / self.n_region > self.x_rest / self.n_rest

    @property
    def gap(self) -> float:
        return abs(self.x_region / self.n_region - self.x_rest / self.n_rest)


@dataclass(frozen=True)
class RegionComparison:
    """Every region difference on one question, and which regions were big enough to be
    compared (the others are only counted in the rest)."""
    question_id: str
    compared: tuple[str, ...]
    too_small: tuple[str, ...]
    found: tuple[RegionDifference, ...]


def _people_by_option(regions: list[Region], question: Question
                      ) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """Per region: how many people answered (or commented), and per option how many of
    them gave it (or raised the theme)."""
    answered: dict[str, int] = {}
    gave: dict[str, dict[str, int]] = {}
    for r in regions:
        if question.kind in POLL_KINDS:
            answers = [a for a in r.snapshot.answers
                       if a["question_id"] == question.id and a["values"]]
            answered[r.name] = len({a["delegate_id"] for a in answers})
            gave[r.name] = {
                side: len({a["delegate_id"] for a in answers
                           if any(v in picked for v in a["values"])})
                for side, picked in poll_sides(question).items()}
        else:
            comments = comments_for(r.snapshot, question.id)
            answered[r.name] = len({c["delegate_id"] for c in comments})
            raised: dict[str, set] = {}
            for c in comments:
                for t in c["themes"]:
                    raised.setdefault(t["theme_id"], set()).add(c["delegate_id"])
            gave[r.name] = {tid: len(people) for tid, people in raised.items()}
    return answered, gave


def compare_regions(regions: list[Region], question: Question) -> RegionComparison:
    """Each region big enough against all the others together, on every option."""
    answered, gave = _people_by_option(regions, question)
    options = sorted({o for g in gave.values() for o in g}) if question.kind not in POLL_KINDS \
        else list(poll_sides(question))
    compared = tuple(r.name for r in regions if answered[r.name] >= MIN_CONTRAST_GROUP)
    small = tuple(r.name for r in regions if 0 < answered[r.name] < MIN_CONTRAST_GROUP)
    total = sum(answered.values())
    kind = question.kind if question.kind in POLL_KINDS else "theme"
    found = []
    if len(regions) >= 2:
        for name in compared:
            n_rest = total - answered[name]
            for option in options:
                x = gave[name].get(option, 0)
                x_rest = sum(g.get(option, 0) for n, g in gave.items() if n != name)
                if differs(x, answered[name], x_rest, n_rest):
                    found.append(RegionDifference(question.id, kind, option, name, x,
                                                  answered[name], x_rest, n_rest))
    if sum(1 for n in answered.values() if n) == 2:
        # Two regions: each is "the rest" of the other, so one difference is said once,
        # from the side more likely to give it.
        found = [d for d in found if d.higher]
    found.sort(key=lambda d: (-d.gap, d.region, d.option))
    return RegionComparison(question.id, compared, small, tuple(found))


def _what(d: RegionDifference, theme_label) -> str:
    if d.kind == "theme":
        return f"raised {inline_markdown(in_sentence(theme_label(d.option)))}"
    if d.kind == "scale":
        return {"agree": "agreed", "disagree": "disagreed",
                "neither": "neither agreed nor disagreed"}[d.option]
    return f"chose \u201c{inline_markdown(d.option)}\u201d"


def region_sentence(d: RegionDifference, theme_label, lead: str = "") -> str:
    """'In London, 12 of the 20 people who commented (60%) raised cost, against 9 of 70
    (13%) in the other regions.'"""
    who = "who commented" if d.kind == "theme" else "who answered"
    more = "more" if d.higher else "fewer"
    where = "in" if lead else "In"
    return (f"{lead}{where} {inline_markdown(d.region)}, {more} people {_what(d, theme_label)} "
            f"than in {THE_REST}: {d.x_region} of the {d.n_region} {who} "
            f"({share(d.x_region, d.n_region)}%), against {d.x_rest} of {d.n_rest} "
            f"({share(d.x_rest, d.n_rest)}%).")


def comparison_note(c: RegionComparison) -> str:
    """What to say when no region differs, or some were too small to compare."""
    small = ""
    if c.too_small:
        names = inline_markdown(join_words(list(c.too_small)))
        small = (f" Fewer than {number(MIN_CONTRAST_GROUP)} people answered in {names}, so "
                 f"{'it is' if len(c.too_small) == 1 else 'they are'} counted only with "
                 f"{THE_REST}.")
    if not c.compared or len(c.compared) + len(c.too_small) < 2:
        return ("Too few people answered in enough regions to compare them." + small).strip()
    if not c.found:
        return ("No region's answers differed markedly from the rest." + small).strip()
    return small.strip()
