"""What the facilitator decides the room sees, question by question: whether results are
shown (a pack's default, `results: live|hidden`, changed live from the console) and
whether a question still takes answers. Plain rules on a workshop record; the changes are
saved by workshop/workshops.py."""

from __future__ import annotations

import math

from workshop.i18n import N_, translations
from workshop.scenarios import Question

CLOSED = N_("Voting on this question is closed, so no more answers can be sent. Thank you: "
          "what you sent before is kept.")
HIDDEN_RESULTS = N_("Results will be shown when the facilitator reveals them.")


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


# A countdown the room sees on the projector, e.g. "two minutes to answer".
MAX_TIMER_SECONDS = 60 * 60


def time_left(workshop: dict, now: float) -> int | None:
    """Whole seconds left on the workshop's countdown (0 once it has run out), or None
    when no countdown is running."""
    ends = workshop.get("timer_ends")
    if ends is None:
        return None
    return max(0, math.ceil(float(ends) - now))


def as_clock(seconds: int) -> str:
    """Seconds as the projector shows them: 2:05."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def timer_line(workshop: dict, now: float, lang: str | None = None) -> str | None:
    """The countdown as the projector shows it, in LANG (English unless given)."""
    left = time_left(workshop, now)
    if left is None:
        return None
    gettext = translations(lang, "screens").gettext
    return (gettext("Time left: {clock}").format(clock=as_clock(left)) if left
            else gettext("Time is up"))


# Phones show the countdown in words, brought up to date every PHONE_TICK_SECONDS (not
# every second: each update is a server run for every phone in the room, and a screen
# reader should not be read a new number each second). The seconds are rounded up to
# that step, so the words never say less time than there is.
PHONE_TICK_SECONDS = 5
TIME_UP = N_("Time is up. You can still send or change your answer until the facilitator "
           "closes this question.")


def countdown_words(seconds: int, step: int = PHONE_TICK_SECONDS,
                    lang: str | None = None) -> str:
    """Seconds left as a phone says them: "1 minute 20 seconds left", "45 seconds left",
    "2 minutes left"; `TIME_UP` at 0. Rounded up to a whole `step`. In LANG (English
    unless given)."""
    words = translations(lang, "screens")
    if seconds <= 0:
        return words.gettext(TIME_UP)
    seconds = math.ceil(seconds / step) * step
    minutes, rest = divmod(seconds, 60)
    if minutes and rest:
        return words.gettext("{minutes} {seconds} left").format(
            minutes=words.ngettext("{n} minute", "{n} minutes", minutes).format(n=f"{minutes:,}"),
            seconds=words.ngettext("{n} second", "{n} seconds", rest).format(n=rest))
    if minutes:
        return words.ngettext("{n} minute left", "{n} minutes left", minutes).format(
            n=f"{minutes:,}")
    return words.ngettext("{n} second left", "{n} seconds left", rest).format(n=rest)


# Resetting a question sets its answers aside (a new round starts, empty); bringing them
# back returns to the round before. Nothing is deleted: each round's answers keep their
# own rows, and only the current round's are counted anywhere.
def rounds(workshop: dict, question_id: str) -> list[int]:
    """The question's rounds, oldest first; the last is the current one."""
    return list((workshop.get("rounds") or {}).get(question_id) or [0])


def round_of(workshop: dict, question_id: str) -> int:
    return rounds(workshop, question_id)[-1]


def answer_id(delegate_id: str, question_id: str, round_: int) -> str:
    """The id of a delegate's one answer to a question in a round."""
    base = f"{delegate_id}:{question_id}"
    return f"{base}#{round_}" if round_ else base


def current_answers(workshop: dict, answers) -> list[dict]:
    """The answers of each question's current round: what results and reports count."""
    return [a for a in answers
            if int(a.get("round") or 0) == round_of(workshop, a["question_id"])]
