"""Answers to the structured question kinds: checked here, before anything is saved.

Each function takes the question and what the delegate sent, and returns the fields to
store, or raises InvalidInput saying what to change. Nothing here touches the store.
"""

from __future__ import annotations

from workshop.errors import InvalidInput
from workshop.i18n import N_
from workshop.scenarios import SCORE_MAX, SCORE_MIN, Question
from workshop.text import clean_comment

MAX_REASON_CHARS = 500


def _reason(text: str | None) -> str:
    text = " ".join((text or "").split())
    if not text:
        return ""
    if len(text) > MAX_REASON_CHARS:
        raise InvalidInput(N_("Your reason is {length} characters long. The limit is {limit}. "
                              "Please shorten it."), length=f"{len(text):,}",
                           limit=MAX_REASON_CHARS)
    return clean_comment(text)


def poll(question: Question, value) -> dict:
    """One answer to an agreement scale or a choice (a list of answers where the question
    allows several)."""
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    values = [v for v in values if v not in (None, "")]
    if not values:
        raise InvalidInput(N_("Please choose an answer before sending."))
    if len(values) > 1 and not question.multiple:
        raise InvalidInput(N_("Please choose one answer only."))
    unknown = [v for v in values if v not in question.choices]
    if unknown:
        raise InvalidInput(f"{unknown[0]!r} is not one of the answers to choose from.")
    return {"values": [v for v in question.choices if v in values]}


def votes(question: Question, idea_ids: list[str]) -> dict:
    """A person's votes on an idea board: each idea once, at most the board's votes."""
    if len(set(idea_ids)) != len(idea_ids):
        raise InvalidInput("Each idea can have one vote from each person.")
    if len(idea_ids) > question.votes:
        raise InvalidInput(f"Each person has {question.votes} votes; this gives "
                           f"{len(idea_ids)}.")
    return {"values": list(idea_ids)}


def ranking(question: Question, order) -> dict:
    order = [str(o) for o in (order or [])]
    if sorted(order) != sorted(question.options) or len(set(order)) != len(order):
        missing = [o for o in question.options if o not in order]
        if missing:
            raise InvalidInput(N_("Please put every item in order once: {item!r} has no place "
                                  "yet."), item=missing[0])
        raise InvalidInput(N_("Please put every item in order once."))
    return {"values": order}


def points_step(total: int) -> int:
    """How much the + and - of a points box add or take: the biggest of 10, 5, 2 and 1
    that divides the total and leaves at least ten steps (100 points: 10 a tap). Any whole
    number can still be typed."""
    return next((step for step in (10, 5, 2) if total % step == 0 and total // step >= 10), 1)


def points(question: Question, allocation) -> dict:
    allocation = dict(allocation or {})
    unknown = [k for k in allocation if k not in question.options]
    if unknown:
        raise InvalidInput(f"{unknown[0]!r} is not one of the items to give points to.")
    try:
        given = {o: int(allocation.get(o) or 0) for o in question.options}
    except (TypeError, ValueError):
        raise InvalidInput(N_("Please give whole numbers of points.")) from None
    if any(v < 0 for v in given.values()):
        raise InvalidInput(N_("Points cannot be below zero."))
    spent = sum(given.values())
    if spent != question.total:
        more = question.total - spent
        raise InvalidInput(N_("You have given {spent} of {total} points. Please give {more} "
                              "more.") if more > 0 else
                           N_("You have given {spent} of {total} points. Please take {more} "
                              "away."), spent=spent, total=question.total, more=abs(more))
    return {"values": [o for o in question.options if given[o]], "points": given}


def scores(question: Question, entry_id: str, given: dict, note: str | None) -> tuple[dict, str]:
    if entry_id not in {e.id for e in question.entries}:
        raise InvalidInput("That entry is not one of the entries to judge.")
    unknown = [k for k in given if k not in question.criteria]
    if unknown:
        raise InvalidInput(f"{unknown[0]!r} is not one of the criteria.")
    missing = [c for c in question.criteria if given.get(c) in (None, "")]
    if missing:
        raise InvalidInput(N_("Please score every criterion: {criterion!r} has no score yet."),
                           criterion=missing[0])
    try:
        cleaned = {c: int(given[c]) for c in question.criteria}
    except (TypeError, ValueError):
        raise InvalidInput("Scores are whole numbers.") from None
    if any(not SCORE_MIN <= v <= SCORE_MAX for v in cleaned.values()):
        raise InvalidInput(f"Scores go from {SCORE_MIN} to {SCORE_MAX}.")
    return cleaned, _reason(note)


def ratings(question: Question, option: str, given: dict, reason: str | None
            ) -> tuple[dict, str]:
    if option not in question.options:
        raise InvalidInput(f"{option!r} is not one of the options to rate.")
    unknown = [k for k in given if k not in question.dimensions]
    if unknown:
        raise InvalidInput(f"{unknown[0]!r} is not one of the things to rate against.")
    missing = [d for d in question.dimensions if not given.get(d)]
    if missing:
        raise InvalidInput(N_("Please rate every row: {row!r} has no rating yet."),
                           row=missing[0])
    wrong = [v for v in given.values() if v not in question.levels]
    if wrong:
        raise InvalidInput(f"{wrong[0]!r} is not a rating: use {', '.join(question.levels)}.")
    return {d: given[d] for d in question.dimensions}, _reason(reason)


def card_sort(question: Question, placement: dict) -> dict:
    texts = [s.text for s in question.statements]
    unknown = [k for k in placement if k not in texts]
    if unknown:
        raise InvalidInput("One of the cards is not part of this sort.")
    missing = [t for t in texts if not placement.get(t)]
    if missing:
        raise InvalidInput(N_("Please place every card: \u201c{card}\u201d has no place yet."),
                           card=missing[0])
    wrong = [v for v in placement.values() if v not in question.categories]
    if wrong:
        raise InvalidInput(f"{wrong[0]!r} is not a category: use "
                           f"{', '.join(question.categories)}.")
    return {"values": sorted(set(placement.values())), "placement": {t: placement[t]
                                                                     for t in texts}}


def idea_tag(question: Question, tag: str | None) -> str:
    if not question.tags:
        return ""
    if tag not in question.tags:
        raise InvalidInput(N_("Please choose where your idea belongs: {tags}."),
                           tags=" or ".join(question.tags))
    return tag


def final_idea(ideas: dict[str, dict], idea_id: str) -> str:
    """The idea a (possibly merged) idea now counts as."""
    seen = set()
    while ideas.get(idea_id, {}).get("merged_into") and idea_id not in seen:
        seen.add(idea_id)
        idea_id = ideas[idea_id]["merged_into"]
    return idea_id
