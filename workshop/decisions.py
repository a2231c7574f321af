"""What the facilitator records for the day: a judging panel's decision, and the day's
agreed actions and practice points.

A decision is the panel's, not the scores': the winner or joint winners, who gave a casting
vote (a role, "the chair"), and the prize each winner received. It is written into the
report as the decision and checked there (workshop/claim_rules.py). Agreed actions and
practice points are the facilitator's record of what the room agreed: never a delegate's
comment, never counted as one.

Everything here is plain data in the workshop record; workshop/workshops.py saves it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workshop.errors import InvalidInput
from workshop.report_words import N_, english, say
from workshop.scenarios import Question
from workshop.text import clean_short, has_tag, inline_markdown, one_line
from workshop.wording import join_words

# The largest prize a form will take, in pounds: a typing slip (an extra nought) is refused.
MAX_PRIZE = 10_000_000
MAX_AGREED_CHARS = 300
MAX_AGREED = 30          # agreed actions and practice points, together, per workshop
AGREED_KINDS = {"action": N_("Agreed actions"), "practice": N_("Practice points")}
# The line under each heading in the report: whose words these are.
AGREED_LEADS = {
    "action": N_("The facilitator recorded these actions as agreed on the day. They are not "
                 "delegates' comments and are not counted in any figure in this report."),
    "practice": N_("The facilitator recorded these practice points on the day. They are not "
                   "delegates' comments and are not counted in any figure in this report.")}
AGREED_ONE = {"action": "agreed action", "practice": "practice point"}


@dataclass(frozen=True)
class Decision:
    question_id: str
    winners: tuple[str, ...]         # entry ids, in the question's order
    casting_by: str = ""             # who gave the casting vote ("the chair"), or ""
    prize_pence: int | None = None   # what each winner received, or None

    @property
    def joint(self) -> bool:
        return len(self.winners) > 1

    def as_dict(self) -> dict:
        return {"winners": list(self.winners), "casting_by": self.casting_by,
                "prize_pence": self.prize_pence}


def money(pence: int) -> str:
    """£4,000 or £4,000.50."""
    pounds, left = divmod(pence, 100)
    return f"\u00a3{pounds:,}" + (f".{left:02d}" if left else "")


_AMOUNT = re.compile(r"^\u00a3?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$")


def parse_prize(text) -> int | None:
    """A prize as typed ("4000", "£4,000", "4000.50") in pence; blank is no prize."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, bool):
        raise InvalidInput("Write the prize as an amount of money, for example \u00a34,000.")
    if isinstance(text, (int, float)):
        if text < 0:
            raise InvalidInput("The prize cannot be less than \u00a30.")
        pence = round(text * 100)
    else:
        typed = text.strip().replace(" ", "")
        if typed.startswith(("-", "\u00a3-", "-\u00a3")):
            raise InvalidInput("The prize cannot be less than \u00a30.")
        m = _AMOUNT.match(typed)
        if not m:
            raise InvalidInput(f"\u201c{text.strip()[:30]}\u201d is not an amount of money. "
                               "Write the prize each winner received, for example "
                               "\u00a34,000 or 4000.")
        pence = int(m.group(1).replace(",", "")) * 100 + int((m.group(2) or "0").ljust(2, "0"))
    if pence > MAX_PRIZE * 100:
        raise InvalidInput(f"The prize can be at most {money(MAX_PRIZE * 100)}. Check for an "
                           "extra nought.")
    return pence


def make_decision(question: Question, winners, casting_by: str = "", prize=None) -> Decision:
    """A decision checked against its question, or InvalidInput saying what is wrong."""
    if question.kind != "scoring_matrix":
        raise InvalidInput("A panel's decision can only be recorded for a judging question.")
    chosen = list(dict.fromkeys(winners or ()))
    if not chosen:
        raise InvalidInput("Choose the winning entry, or two or more for joint winners.")
    ids = [e.id for e in question.entries]
    unknown = [w for w in chosen if w not in ids]
    if unknown:
        raise InvalidInput(f"\u201c{str(unknown[0])[:40]}\u201d is not an entry in this "
                           f"question. The entries are: "
                           f"{join_words([e.title for e in question.entries])}.")
    by = (clean_short(casting_by, "description of who gave the casting vote")
          if (casting_by or "").strip() else "")
    return Decision(question.id, tuple(i for i in ids if i in chosen), by, parse_prize(prize))


def decision_of(workshop: dict, question_id: str) -> Decision | None:
    """The decision recorded for a judging question, if any."""
    row = (workshop.get("decisions") or {}).get(question_id)
    if not row or not row.get("winners"):
        return None
    return Decision(question_id, tuple(row["winners"]), row.get("casting_by") or "",
                    row.get("prize_pence"))


def decision_shown(workshop: dict, question_id: str) -> bool:
    return question_id in (workshop.get("decisions_shown") or ())


def casting_words(by: str) -> str:
    """ "the chair" -> "the chair's casting vote"."""
    return f"{by}{chr(39) if by.endswith('s') else chr(39) + 's'} casting vote"


def titles(decision: Decision, question: Question) -> list[str]:
    return [question.entry(i).title for i in decision.winners]


def decision_sentences(decision: Decision, question: Question, markdown=True) -> str:
    """The decision in the report's words: "The panel awarded the prize to A, settled by
    the chair's casting vote. A received £4,000." (markdown-escaped unless markdown=False)."""
    esc = inline_markdown if markdown else (lambda t: t)
    names = titles(decision, question)
    winners = esc(join_words(names))
    if decision.casting_by:
        casting = esc(casting_words(decision.casting_by) if english()
                      else decision.casting_by)
        text = (say("The panel awarded the prize jointly to %(winners)s, settled by "
                    "%(casting)s.", winners=winners, casting=casting) if decision.joint else
                say("The panel awarded the prize to %(winners)s, settled by %(casting)s.",
                    winners=winners, casting=casting))
    else:
        text = (say("The panel awarded the prize jointly to %(winners)s.", winners=winners)
                if decision.joint else
                say("The panel awarded the prize to %(winners)s.", winners=winners))
    if decision.prize_pence is not None:
        text += " " + (say("Each winner received %(prize)s.", prize=money(decision.prize_pence))
                       if decision.joint else
                       say("%(winner)s received %(prize)s.", winner=esc(names[0]),
                           prize=money(decision.prize_pence)))
    return text


@dataclass(frozen=True)
class Agreed:
    id: str
    kind: str          # "action" or "practice"
    text: str


def agreed_of(workshop: dict) -> list[Agreed]:
    return [Agreed(a["id"], a.get("kind", "action"), a["text"])
            for a in workshop.get("agreed") or ()]


def check_agreed_kind(kind: str) -> str:
    if kind not in AGREED_KINDS:
        raise InvalidInput("Choose whether this is an agreed action or a practice point.")
    return kind


def clean_agreed(text: str | None) -> str:
    """One line of plain text, at most MAX_AGREED_CHARS long."""
    text = one_line(text)
    if not text:
        raise InvalidInput("Please type the agreed action or practice point.")
    if len(text) > MAX_AGREED_CHARS:
        raise InvalidInput(f"This is {len(text):,} characters long. The limit is "
                           f"{MAX_AGREED_CHARS}. Please shorten it or split it in two.")
    if has_tag(text):
        raise InvalidInput("Please remove the parts in angle brackets (< >). This is plain "
                           "text.")
    return text
