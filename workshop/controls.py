"""What the facilitator decides the room sees, question by question: whether results are
shown (a pack's default, `results: live|hidden`, changed live from the console) and
whether a question still takes answers. Plain rules on a workshop record; the changes are
saved by workshop/workshops.py."""

from __future__ import annotations

from workshop.scenarios import Question

CLOSED = ("Voting on this question is closed, so no more answers can be sent. Thank you: "
          "what you sent before is kept.")
HIDDEN_RESULTS = "Results will be shown when the facilitator reveals them."


def results_shown(workshop: dict, question: Question) -> bool:
    """Whether the room (projector, phones) may see this question's results now."""
    chosen = (workshop.get("results_shown") or {}).get(question.id)
    if chosen is None:
        return question.results != "hidden"
    return bool(chosen)


def voting_open(workshop: dict, question_id: str) -> bool:
    return question_id not in (workshop.get("voting_closed") or ())


def answered(snapshot, question_id: str) -> int:
    """How many delegates have sent something on a question (an answer or a comment,
    withdrawn ones left out)."""
    people = {a["delegate_id"] for a in snapshot.answers if a["question_id"] == question_id}
    people |= {c["delegate_id"] for c in snapshot.comments
               if c["question_id"] == question_id and not c.get("withdrawn")}
    return len(people)
