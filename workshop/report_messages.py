"""The key messages: the short opening a busy director reads alone.

Three to six messages: the themes that recurred across questions and roles (how many
people raised each, on how many questions, in which roles), the headline result of each
structured exercise (a ranking, a judging panel, an idea board), where roles differed
(every answer of every poll tested) and what the room proposed. Every figure is counted
here from the snapshot and re-derived by workshop/claims.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from workshop import report_formats
from workshop.analysis import (POOLED, comment_grouping, comparable_groups, grouping,
                               poll_differences, share, summarise_poll, theme_differences)
from workshop.points import distinct_points, same_point, shared, words
from workshop.scenarios import POLL_KINDS, Card
from workshop.text import inline_markdown
from workshop.report_words import N_, _, english, say, shown
from workshop.wording import (Voice, capital, in_sentence, join_words, number, plural,
                              role_count)
from workshop.workshops import Snapshot

# Content messages (themes and exercises) at most; with where roles differed and what the
# room proposed, a report has at most six.
CONTENT_MESSAGES = 4
DIFFERENCES_IN_MESSAGES = 3
IDEAS_IN_MESSAGES = 3

# Headings and labels, marked for the catalogue.
_THE_ROLES_ANSWERED_ALIKE = N_("The roles answered alike.")
_WHERE_ROLES_DIFFERED = N_("Where roles differed.")
_WHAT_THE_ROOM_PROPOSED = N_("What the room proposed.")
_KEY_MESSAGES = N_("Key messages")


@dataclass
class Day:
    """What one draft is made from: the snapshot, the voice it is written in (which keeps
    wording from repeating), the pack's questions (cards) the room reached, and how a
    comment is quoted: quoter(snapshot, comment, grouping of its question)."""
    snapshot: Snapshot
    voice: Voice
    reached: list[Card]
    quoter: Callable
    _groups: dict = field(default_factory=dict)

    def quote(self, comment: dict) -> str:
        """A comment quoted, attributed as its question's chart groups its author."""
        qid = comment["question_id"]
        if qid not in self._groups:
            self._groups[qid] = comment_grouping(self.snapshot, qid)
        return self.quoter(self.snapshot, comment, self._groups[qid])

    def role(self, label: str) -> str:
        """A role's name in a sentence (as typed), its other names in turn."""
        return inline_markdown(self.voice.role(label))


def _name(label: str) -> str:
    return inline_markdown(in_sentence(shown(label)))


def _verb(option: str, kind: str, past: bool) -> str:
    if kind == "scale":
        return {"agree": _("agreed") if past else _("agree"),
                "disagree": _("disagreed") if past else _("disagree"),
                "neither": _("neither agreed nor disagreed") if past
                else _("neither agree nor disagree")}[option]
    return say(N_("chose %(option)s") if past else N_("choose %(option)s"),
               option=f"\u201c{inline_markdown(shown(option))}\u201d")


def difference_sentence(day: Day, d, kind: str, where: str = "") -> str:
    """One role more likely than another to give a poll answer, or (kind "theme") to raise
    a theme. The role more likely always comes first."""
    hi, lo = day.role(d.high), day.role(d.low)
    if kind == "theme":
        theme = _name(day.snapshot.theme_label(d.option))
        text = day.voice.said("theme-contrast", [
            N_("%(high)s raised %(theme)s more often than %(low)s (%(xh)s of the %(nh)s who "
               "commented, against %(xl)s of %(nl)s)."),
            N_("more %(high)s than %(low)s raised %(theme)s (%(xh)s of %(nh)s, against "
               "%(xl)s of %(nl)s)."),
            N_("%(high)s brought up %(theme)s more often than %(low)s did: %(xh)s of the "
               "%(nh)s who commented, against %(xl)s of %(nl)s."),
        ], high=hi, low=lo, theme=theme, xh=d.x_high, nh=d.n_high, xl=d.x_low, nl=d.n_low)
    else:
        a = say("%(x)s of %(n)s, %(p)s%%", x=d.x_high, n=d.n_high, p=share(d.x_high, d.n_high))
        b = say("%(x)s of %(n)s, %(p)s%%", x=d.x_low, n=d.n_low, p=share(d.x_low, d.n_low))
        text = day.voice.said("difference", [
            N_("%(high)s were more likely than %(low)s to %(verb)s (%(a)s, against %(b)s)."),
            N_("more %(high)s than %(low)s %(verbed)s: %(xh)s of %(nh)s (%(ph)s%%) against "
               "%(xl)s of %(nl)s (%(pl)s%%)."),
            N_("%(high)s %(verbed)s more often than %(low)s (%(a)s, against %(b)s)."),
        ], high=hi, low=lo, verb=_verb(d.option, kind, False),
            verbed=_verb(d.option, kind, True), a=a, b=b, xh=d.x_high, nh=d.n_high,
            xl=d.x_low, nl=d.n_low, ph=share(d.x_high, d.n_high), pl=share(d.x_low, d.n_low))
    if where and not english():
        text = text[:1].lower() + text[1:]   # the sentence goes on after "On <question>, "
    return f"{where}{text}" if where else capital(text)


@dataclass(frozen=True)
class Reach:
    """How widely one theme was raised over the day."""
    theme_id: str
    label: str
    comments: tuple[dict, ...]
    people: frozenset
    cards: tuple[str, ...]           # ids of the questions (cards) it came up on


def theme_reach(snapshot: Snapshot, reached: list[Card]) -> list[Reach]:
    """Every theme given to a visible comment, the most widely raised first: by people,
    then by questions."""
    card_of = {q.id: card.id for card in reached for q in card.questions}
    found: dict[str, list[dict]] = {}
    for c in snapshot.visible_comments:
        for t in c["themes"]:
            found.setdefault(t["theme_id"], []).append(c)
    out = []
    for tid, comments in found.items():
        cards = {card_of[c["question_id"]] for c in comments if c["question_id"] in card_of}
        out.append(Reach(tid, snapshot.theme_label(tid), tuple(comments),
                         frozenset(c["delegate_id"] for c in comments),
                         tuple(card.id for card in reached if card.id in cards)))
    return sorted(out, key=lambda r: (-len(r.people), -len(r.cards), r.label))


def role_breakdown(day: Day, people) -> str:
    """'four commissioners, two care providers and three people in smaller groups': the
    people counted by role, roles with too few people pooled as everywhere else."""
    snapshot = day.snapshot
    group = grouping(snapshot, people)
    counts = Counter(group.label_of_role.get(snapshot.role_of(d), POOLED) for d in people)
    if list(counts) == [POOLED]:
        return _("all in smaller groups")
    return inline_markdown(join_words([
        role_count(g, counts[g], day.voice.role(g) if counts[g] > 1 else None)
        for g in group.order if counts[g]]))


def _typical(reach: Reach, used: set[str], kind: str | None = None) -> dict | None:
    """The comment that best states a theme: one using the theme's own words where one does
    (a comment that says "trust" states collaboration and trust), a statement rather than a
    question, on the theme as its main one, and then the one sharing most words with the
    others on it."""
    pool = [c for c in reach.comments if c["id"] not in used and (kind is None
                                                                  or c["kind"] == kind)]
    if not pool:
        return None
    centre = shared(list(reach.comments))
    label = words(reach.label)

    def score(c: dict) -> tuple:
        own = words(c["text"])
        return (bool(own & label), c["kind"] != "question",
                c["themes"][0]["theme_id"] == reach.theme_id,
                centre[c["id"]] * max(len(own), 1) ** 0.5)

    return max(pool, key=score)


def _on_questions(some: int, total: int) -> str:
    if total == 1:
        return _("on the one question discussed")
    if some == total:
        return say("on all %(total)s questions", total=number(total), count=f"{total:,}")
    return say("on %(some)s of the %(total)s questions", some=number(some),
               total=number(total), count=f"{total:,}")


def _theme_message(day: Day, reach: Reach, first: bool | None, used: set[str]) -> str:
    """One theme's message; `first` is True for the most widely raised, None for the first
    of several raised as widely."""
    snapshot = day.snapshot
    label = _name(reach.label)
    people = plural(len(reach.people), "person", "people")
    on = _on_questions(len(reach.cards), len(day.reached))
    roles = role_breakdown(day, reach.people)
    lead = "**" + say(
        N_("%(Theme)s came up more widely than anything else.") if first is True
        else N_("%(Theme)s came up as widely as anything.") if first is None else
        day.voice.pick("message-lead", [N_("%(Theme)s came up widely too."),
                                        N_("%(Theme)s recurred across the day."),
                                        N_("%(Theme)s also ran through the day.")]),
        theme=label) + "**"
    reach_text = day.voice.said("message-reach", [
        N_("It was raised by %(people)s, %(on)s: %(roles)s."),
        N_("In all, %(people)s raised it (%(roles)s), %(on)s."),
        N_("%(On)s, %(people)s brought it up: %(roles)s."),
        N_("It came from %(people)s (%(roles)s), %(on)s."),
    ], people=people, on=on, roles=roles)
    text = f"{lead} {reach_text}"
    typical = _typical(reach, used)
    if typical:
        used.add(typical["id"])
        text += " " + day.voice.said("message-quote", [
            N_("As one person put it: %(quote)s."), N_("In one person's words: %(quote)s."),
            N_("Typical of it: %(quote)s."), N_("One comment captures it: %(quote)s.")],
            quote=day.quote(typical))
    if typical and typical["kind"] != "idea":
        idea = _typical(reach, used | {c["id"] for c in reach.comments
                                       if same_point(c, typical)}, "idea")
        if idea:
            used.add(idea["id"])
            text += " " + say("One idea for it: %(quote)s.", quote=day.quote(idea))
    return text


def _differences_message(day: Day) -> str | None:
    snapshot = day.snapshot
    found, comparable = [], 0
    for card in day.reached:
        for q in card.questions:
            if q.kind in POLL_KINDS:
                poll = summarise_poll(snapshot, q.id)
                comparable += len(comparable_groups(poll)) >= 2
                found += [(d, q.kind, card) for d in poll_differences(snapshot, q.id)]
            elif q.kind == "comment":
                found += [(d, "theme", card) for d in theme_differences(snapshot, q.id)[1]]
    if not found:
        if not comparable:
            return None
        return (f"**{_(_THE_ROLES_ANSWERED_ALIKE)}** "
                + say("No role's answers differed markedly from another's on any option of "
                      "the %(polls)s where roles could be compared.",
                      polls=plural(comparable, "poll")))
    found.sort(key=lambda x: -x[0].gap)
    # The largest difference on each question, so the message spans the day.
    largest, seen = [], set()
    for d, kind, card in found:
        if card.id not in seen:
            seen.add(card.id)
            largest.append((d, kind, card))
    said = [difference_sentence(day, d, kind, say("On %(question)s, ",
                                                   question=_name(shown(card.title))))
            for d, kind, card in largest[:DIFFERENCES_IN_MESSAGES]]
    cards = {card.id for _d, _k, card in found}
    text = f"**{_(_WHERE_ROLES_DIFFERED)}** " + " ".join(said)
    if len(found) > len(said):
        text += " " + say("In all, %(differences)s between roles stood out, on %(questions)s; "
                          "each is set out under its question.",
                          differences=plural(len(found), "difference"),
                          questions=plural(len(cards), "question"))
    return text


def _proposals_message(day: Day, used: set[str]) -> str | None:
    snapshot = day.snapshot
    reached = {q.id for card in day.reached for q in card.questions}
    ideas = [c for c in snapshot.visible_comments
             if c["kind"] == "idea" and c["question_id"] in reached]
    if not ideas:
        return None
    people = {c["delegate_id"] for c in ideas}
    cards = {snapshot.pack.card_of(c["question_id"]).id for c in ideas}
    proposed = {"people": plural(len(people), "person", "people"),
                "ideas": plural(len(ideas), "idea"), "some": number(len(cards)),
                "total": number(len(day.reached)), "count": f"{len(day.reached):,}"}
    text = f"**{_(_WHAT_THE_ROOM_PROPOSED)}** " + (
        say("In all, %(people)s put forward %(ideas)s, on all %(some)s questions.",
            **proposed) if len(cards) == len(day.reached) > 1 else
        say("In all, %(people)s put forward %(ideas)s, on %(some)s of the %(total)s "
            "questions.", **proposed) if len(day.reached) > 1 else
        say("In all, %(people)s put forward %(ideas)s.", **proposed))
    counts = Counter(t["theme_id"] for c in ideas for t in c["themes"])
    top = counts.most_common(2)
    if top and top[0][1] >= 2 and (len(top) < 2 or top[0][1] > top[1][1]):
        text += " " + say("They most often concerned %(theme)s (%(ideas)s).",
                          theme=_name(snapshot.theme_label(top[0][0])),
                          ideas=plural(top[0][1], "idea"))
    chosen = []
    # Ideas on a board are quoted under its own headline; the rest are quoted here.
    boards = {q.id for q in snapshot.pack.questions if q.kind == "idea_board"}
    for point in distinct_points([c for c in ideas if c["question_id"] not in boards]):
        if point.lead["id"] in used or any(c["id"] in used for c in point.members):
            continue
        if point.theme in {p.theme for p in chosen}:
            continue
        chosen.append(point)
        if len(chosen) == IDEAS_IN_MESSAGES:
            break
    if len(ideas) == 1 and chosen:
        return (f"**{_(_WHAT_THE_ROOM_PROPOSED)}** "
                + say("One person put forward an idea: %(quote)s.",
                      quote=day.quote(chosen[0].lead)))
    if chosen:
        text += " " + say("Among them: %(quotes)s.",
                          quotes="; ".join(day.quote(p.lead) for p in chosen))
    return text


def key_messages(day: Day) -> list[str]:
    """The '## Key messages' section."""
    snapshot = day.snapshot
    out = [f"## {_(_KEY_MESSAGES)}", ""]
    reach = [r for r in theme_reach(snapshot, day.reached)
             if len(r.people) >= 2 and (len(r.cards) >= 2 or len(r.people) >= 3)]
    exercises = []
    for card in day.reached:
        structured = [q for q in card.questions if report_formats.headline(snapshot, q)]
        for q in structured:
            # Named by its question where one card holds several exercises.
            name = shown(card.title) if len(structured) == 1 else shown(q.prompt).rstrip(" .?!:")
            exercises.append(f"**{capital(inline_markdown(name))}.** "
                             f"{report_formats.headline(snapshot, q)}")
    n_themes = min(len(reach), CONTENT_MESSAGES - min(len(exercises), CONTENT_MESSAGES // 2))
    n_exercises = min(len(exercises), CONTENT_MESSAGES - n_themes)
    used: set[str] = set()
    messages = []
    for i, r in enumerate(reach[:n_themes]):
        first = (i == 0 and (len(reach) == 1 or len(r.people) > len(reach[1].people))) or (
            None if i == 0 else False)
        messages.append(_theme_message(day, r, first, used))
    messages += exercises[:n_exercises]
    for extra in (_differences_message(day), _proposals_message(day, used)):
        if extra:
            messages.append(extra)
    return with_messages(out, messages, _("Nothing has been said or answered yet, so there "
                                           "are no messages to draw."),
                         _("The day in brief. The sections after give every point made, and "
                           "the appendix every comment as typed."))


def with_messages(out: list[str], messages: list[str], nothing: str, intro: str) -> list[str]:
    """The key messages section: `out` (its heading), then `intro` and each message as a
    paragraph, or `nothing` when there are none."""
    if not messages:
        return out + [nothing, ""]
    out += [intro, ""]
    for m in messages:
        out += [m, ""]
    return out
