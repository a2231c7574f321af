"""The drafted regional report, in the structure and voice of the East Midlands report.

Every number is counted from the snapshot here; every quotation is a visible comment,
verbatim. Sentences are only written when the data earns them. The key messages come
first, for a reader with five minutes; each question's section then gives every distinct
point made (near-duplicates grouped, workshop/points.py); an appendix lists every visible
comment as typed. What the pack planned is written as the plan, never as a finding.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from workshop import report_formats
from workshop.analysis import (MIN_CONTRAST_GROUP, MIN_GROUP, POOLED, Grouping, comments_for,
                               hidden_count, joined_by_role, poll_differences, share,
                               summarise_comments, summarise_poll, theme_differences)
from workshop.decisions import AGREED_KINDS, AGREED_LEADS, agreed_of
from workshop.points import Point, distinct_points
from workshop.report_formats import group_header
from workshop.report_messages import Day, difference_sentence, key_messages
from workshop.report_words import (MONTHS, N_, _, english, group_name, pack_in, poll_lead,
                                   say, shown, speaking)
from workshop.results import EVERYONE
from workshop.scenarios import POLL_KINDS, Card, Question
from workshop.text import inline_markdown, markdown_text, quoted
from workshop.wording import (Voice, attribution, capital, counted, in_sentence, join_words,
                              number, plural, role_count)
from workshop.workshops import Snapshot

# A question's section lists every distinct point, up to this many of each kind (concerns,
# ideas, questions), those made by most people first; any beyond are in the appendix.
POINTS_SHOWN = 25
# Role differences written under one poll or question: the largest; the table has the rest.
DIFFERENCES_SHOWN = 2
APPENDIX_TITLE = N_("Appendix: everything that was said")

# How the figures and quotations were chosen: the check reads the words it quotes.
METHOD_NOTE = N_(
    "Every figure is counted from the workshop's data. Every quotation is a participant's own "
    "words, attributed by role only; comments making the same point are quoted once, with how "
    "many people made it, and the appendix gives every comment as typed. Ways forward are only "
    "what people typed as ideas. Quantity words are used only where the counts earn them: "
    "\u201cmost\u201d means more than half, \u201cmany\u201d 30 to 50%%, \u201csome\u201d 15 "
    "to 30%% and \u201ca few\u201d at least two; nothing is generalised from a single comment. "
    "A difference between roles is reported only where each role had at least %(contrast)s "
    "people and the difference was large (30 points or more) and unlikely to be chance; every "
    "answer of every poll is tested. Where fewer than %(fewest)s people in a role answered a "
    "question, their answers are shown together as \u201c%(pooled)s\u201d, to protect their "
    "privacy.")

# Headings and labels, marked for the catalogue.
_BACKGROUND = N_("Background")
_THE_REGIONAL_WORKSHOP = N_("The regional workshop")
_THEME = N_("Theme")
_ALL = N_("All")
_GROUP = N_("Group")
_PEOPLE = N_("People")
_SCENARIO = N_("Scenario:")
_HOW_THIS_DRAFT_WAS_MADE = N_("How this draft was made")
_MAIN_THEME = N_("Main theme")
_KIND = N_("Kind")
_COMMENT = N_("Comment")
_OPTION = N_("Option")
_REASON_GIVEN = N_("Reason given")


def _date(value: str) -> str:
    try:
        d = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value or ""
    day = d.day
    if not english():
        return say("%(day)s %(month)s %(year)s", day=day, month=_(MONTHS[d.month - 1]),
                   year=d.year)
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix} {d:%B %Y}"


def _quote(snapshot: Snapshot, comment: dict, group: Grouping) -> str:
    """A comment quoted, attributed to the group its author is counted in on the chart."""
    return quoted(comment["text"], attribution(group_name(group.label_for(
        snapshot.role_of(comment["delegate_id"])))))


def _primary(comment: dict) -> str | None:
    return comment["themes"][0]["theme_id"] if comment["themes"] else None


# --- the opening: title, background, the day --------------------------------------------

def _title(snapshot: Snapshot) -> list[str]:
    w = snapshot.workshop
    where = ", ".join(inline_markdown(p) for p in (w.get("region"), w.get("venue")) if p)
    date = inline_markdown(_date(w.get("date", "")))
    line = _("Workshop report") + (f": {where}" if where else "") + (f", {date}" if date else "")
    return [f"# {inline_markdown(w['title'])}", "", line + ".", ""]


def _background(snapshot: Snapshot) -> list[str]:
    """The facilitator's background. Where it repeats the pack's own summary, that part is
    given as the pack's description of the plan."""
    pack = snapshot.pack
    text = (snapshot.workshop.get("background") or "").strip()
    summary = " ".join((pack.summary or "").split())
    if summary and summary in " ".join(text.split()):
        text = " ".join(text.split())
    out = [f"## {_(_BACKGROUND)}", ""]
    if summary and (not text or summary in text):
        rest = text.replace(summary, "").strip()
        out += [_("The workshop pack describes the day it plans like this:"), "",
                f"> {inline_markdown(shown(summary))}", ""]
        if rest:
            out += [markdown_text(rest), ""]
        return out
    return out + [markdown_text(text or shown(pack.title)), ""]


def _reached(snapshot: Snapshot, card: Card) -> bool:
    for q in card.questions:
        if q.kind == "comment" and comments_for(snapshot, q.id):
            return True
        if q.kind in POLL_KINDS and any(a["question_id"] == q.id and a.get("values")
                                        for a in snapshot.answers):
            return True
        if q.kind not in ("comment", *POLL_KINDS) and report_formats.answered(snapshot, q):
            return True
    return False


def _tables(snapshot: Snapshot) -> str:
    """Where people sat, counted from the tables they gave (people with none are not at
    a table)."""
    tables = Counter(d["table"] for d in snapshot.delegates if d["table"])
    mixed = sum(1 for t in tables if len({d["role"] for d in snapshot.delegates
                                          if d["table"] == t}) > 1)
    n = len(tables)
    if not n:
        return ""
    if n == 1:
        return (_("They sat at one table, with people in different roles.") if mixed
                else _("They sat at one table, all in the same role."))
    tables = plural(n, "table")
    if mixed == n:
        return (say("They sat at %(tables)s, both mixing roles.", tables=tables) if n == 2
                else say("They sat at %(tables)s, all mixing roles.", tables=tables))
    if not mixed:
        return say("They sat at %(tables)s, each with people in one role only.",
                   tables=tables)
    return say("They sat at %(tables)s; %(mixed)s of them mixed people in different roles.",
               tables=tables, mixed=number(mixed))


def _the_day(day: Day) -> list[str]:
    snapshot, pack = day.snapshot, day.snapshot.pack
    out = [f"## {_(_THE_REGIONAL_WORKSHOP)}", ""]
    if pack.objectives:
        out += [say("The day was designed to %(aims)s.", aims=inline_markdown(join_words(
            [o.rstrip(".")[0].lower() + o.rstrip(".")[1:]
             for o in map(shown, pack.objectives)]))),
            ""]
    if pack.background:
        out += [_("The workshop pack set out this plan for it:"), "",
                f"> {inline_markdown(' '.join(shown(pack.background).split()))}", ""]
    joined = joined_by_role(snapshot)
    total = sum(joined.values())
    if not total:
        out += [_("Nobody joined the workshop through the app."), ""]
    else:
        parts = [role_count(label, n, day.voice.role(label) if n > 1 else None)
                 for label, n in joined.items() if n]
        out += [(say("On the day, %(people)s took part: %(roles)s.",
                     people=plural(total, "person", "people"),
                     roles=inline_markdown(join_words(parts)))
                 + f" {_tables(snapshot)}").rstrip(), ""]
    cards = pack.cards
    missed = [c for c in cards if c not in day.reached]
    if day.reached and missed:
        out += [say("The room reached %(num)s of the pack's %(questions)s. Not reached: "
                    "%(missed)s.", num=number(len(day.reached)),
                    questions=plural(len(cards), "question"), count=f"{len(cards):,}",
                    missed="; ".join(inline_markdown(shown(c.title)) for c in missed)), ""]
    elif len(cards) == 1 and day.reached:
        out += [_("The room reached the pack's only question."), ""]
    elif day.reached:
        out += [say("The room reached all %(questions)s in the pack.",
                    questions=plural(len(cards), "question"), count=f"{len(cards):,}"), ""]
    else:
        out += [_("Nothing has been said or answered yet."), ""]
    return out


# --- a comment question ----------------------------------------------------------------

def _name(label: str) -> str:
    """A typed name (a theme, a role) inside one of our sentences: as typed, never markup."""
    return inline_markdown(in_sentence(shown(label)))


def _overview(day: Day, comments: list[dict], summary) -> str:
    """Who commented and the theme most of it was about; the table gives the others."""
    n, p = len(comments), summary.n_people
    themes = [(label, k) for _, label, k in summary.theme_totals]
    people = plural(p, "person", "people")
    made = plural(n, "comment")
    if not themes:
        return say("%(People)s made %(made)s; none has been given a theme yet.",
                   people=people, made=made)
    if n == 1:
        return say("One person commented here, on %(themes)s.",
                   themes=join_words([_name(t) for t, _k in themes]))
    (top, k) = themes[0]
    tied = [t for t, c in themes if c == k]
    if len(tied) > 1:
        return say("%(People)s made %(made)s here; %(themes)s came up most often "
                   "(%(each)s each).", people=people, made=made,
                   themes=join_words([_name(t) for t in tied]), each=plural(k, "comment"))
    share_of = (say("(all %(num)s comments)", num=number(n), count=f"{n:,}") if k == n else
                say("(%(part)s of the %(whole)s comments)", part=k, whole=n))
    return day.voice.said("overview", [
        N_("%(People)s made %(made)s here. %(Top)s came up most %(share)s."),
        N_("This question drew %(made)s from %(people)s, most often on %(top)s %(share)s."),
        N_("In all, %(people)s made %(made)s. The main thread was %(top)s %(share)s."),
        N_("%(Made)s came from %(people)s. %(Top)s led %(share)s."),
    ], people=people, made=made, top=_name(top), share=share_of)


def _role_concerns(day: Day, issues: list[dict], group) -> list[str]:
    """'Care providers expressed concern about X' where a role raised two concerns or more
    on one theme (roles pooled for privacy are never named)."""
    snapshot = day.snapshot
    per_role: dict[str, list[dict]] = {}
    for c in issues:
        g = group.label_of_role.get(snapshot.role_of(c["delegate_id"]), POOLED)
        if g != POOLED:
            per_role.setdefault(g, []).append(c)
    out = []
    for label, items in per_role.items():
        themes = Counter(_primary(c) for c in items if _primary(c))
        if len(items) < 2 or not themes:
            continue
        tid, n = themes.most_common(1)[0]
        if n < 2:
            continue
        share_text = (_("both their concerns") if n == len(items) == 2 else
                      say("all %(num)s of their concerns", num=number(n)) if n == len(items)
                      else say("%(part)s of their %(whole)s concerns", part=number(n),
                               whole=number(len(items))))
        theme = _name(snapshot.theme_label(tid))
        who = inline_markdown(day.voice.role(label))
        out.append(day.voice.said("role-concern", [
            N_("%(Who)s expressed concern about %(theme)s (%(share)s)."),
            N_("For %(who)s, the worry was %(theme)s (%(share)s)."),
            N_("%(Theme)s weighed on %(who)s (%(share)s)."),
        ], who=who, theme=theme, share=share_text))
    return out


def _theme_contrasts(day: Day, question: Question) -> list[str]:
    """Roles that raised a theme markedly more often than another (every theme tested)."""
    roles, found = theme_differences(day.snapshot, question.id)
    if len(roles) < 2:
        return []
    if not found:
        return [day.voice.said("theme-similar", [
            N_("No role raised any theme markedly more often than another."),
            N_("Each role raised the themes in much the same measure: no difference stood "
               "out."),
        ])]
    return [difference_sentence(day, d, "theme") for d in found[:DIFFERENCES_SHOWN]]


_LEADS = {
    "issue": ([N_("%(People)s raised concerns:"), N_("Concerns came from %(people)s:"),
               N_("%(People)s voiced worries:"), N_("The worries, from %(people)s:")],
              [N_("One person raised a concern:"), N_("A single concern came up:"),
               N_("There was one worry:")],
              N_("One person raised %(k)s concerns:")),
    "idea": ([N_("%(People)s put forward ideas:"), N_("Ideas came from %(people)s:"),
              N_("%(People)s proposed ways forward:"), N_("Ways forward, from %(people)s:")],
             [N_("One person put forward an idea:"), N_("A single idea came up:"),
              N_("There was one proposal:")],
             N_("One person put forward %(k)s ideas:")),
    "question": ([N_("%(People)s asked questions:"), N_("Questions came from %(people)s:"),
                  N_("%(People)s wanted to know:"), N_("Questions, from %(people)s:")],
                 [N_("One person asked a question:"), N_("A single question came up:"),
                  N_("There was one question:")],
                 N_("One person asked %(k)s questions:")),
}


def _leads(snapshot: Snapshot, kind: str):
    """The lead-ins of one kind of comment: the three built in, or a pack's own kind in the
    pack's words ("Experiences shared by three people:")."""
    if kind in _LEADS:
        return _LEADS[kind]
    words = shown(next(k.report for k in snapshot.pack.extra_kinds if k.id == kind))
    words = words.replace("%", "%%")
    return ([say("%(words)s by %%(people)s:", words=words)],
            [say("%(words)s by one person:", words=words).replace("%%", "%")],
            say("%(words)s by one person, %%(k)s in all:", words=words))


def _made_by(day: Day, point: Point) -> str:
    if point.people < 2:
        return ""
    return ". " + day.voice.said("made-by", [
        N_("%(People)s made this point."), N_("%(People)s said much the same."),
        N_("%(People)s raised it."), N_("Made by %(people)s.")],
        num=number(point.people), people=plural(point.people, "person", "people"))


def _points_block(day: Day, kind: str, comments: list[dict], order: dict) -> list[str]:
    """Every distinct point of one kind, each quoted once, with how many people made it."""
    if not comments:
        return []
    snapshot = day.snapshot
    points = distinct_points(comments)
    points.sort(key=lambda p: (order.get(p.theme, len(order)), -p.people))
    people = len({c["delegate_id"] for c in comments})
    many, single, several = _leads(snapshot, kind)
    if people > 1:
        lead = day.voice.said(f"lead-{kind}", many) % {
            "People": capital(plural(people, "person", "people")),
            "people": plural(people, "person", "people")}
    elif len(points) > 1:
        lead = _(several) % {"k": number(len(points)), "count": f"{len(points):,}"}
    else:
        lead = day.voice.said(f"lead-one-{kind}", single)
    lines = [lead]
    for p in points[:POINTS_SHOWN]:
        lines.append(f"- {day.quote(p.lead)}{_made_by(day, p)}")
    if len(points) > POINTS_SHOWN:
        lines.append("- " + say("%(points)s, in the appendix.", points=plural(
            len(points) - POINTS_SHOWN, "more point")))
    return lines


def _comment_blocks(day: Day, question: Question) -> list[list[str]]:
    snapshot = day.snapshot
    comments = comments_for(snapshot, question.id)
    if not comments:
        return [[_("Nobody commented on this question.")]]
    summary = summarise_comments(snapshot, question.id)
    blocks = [[_overview(day, comments, summary)]]
    issues = [c for c in comments if c["kind"] == "issue"]
    notes = _role_concerns(day, issues, summary.grouping) + _theme_contrasts(day, question)
    if notes:
        blocks.append([" ".join(notes)])
    order = {tid: i for i, (tid, _, _) in enumerate(summary.theme_totals)}
    for kind in snapshot.pack.comment_kinds:
        block = _points_block(day, kind, [c for c in comments if c["kind"] == kind], order)
        if block:
            blocks.append(block)
    table = _theme_table(summary)
    if table:
        blocks.append(table)
    hidden = hidden_count(snapshot, question.id)
    if hidden:
        one = [N_("The facilitator hid %(comments)s; it is not included."),
               N_("Left out: %(comments)s the facilitator hid."),
               N_("%(Comments)s hidden by the facilitator is left out.")]
        many = [N_("The facilitator hid %(comments)s; they are not included."),
                N_("Left out: %(comments)s the facilitator hid."),
                N_("%(Comments)s hidden by the facilitator are left out.")]
        blocks.append([day.voice.said("hidden", one if hidden == 1 else many,
                           comments=plural(hidden, "comment"))])
    return blocks


def _theme_table(summary) -> list[str]:
    if not summary.theme_totals:
        return []
    groups = list(summary.grouping.order)
    counts = {(t, g): n for t, g, n in summary.theme_rows}
    lines = [f"| {_(_THEME)} | " + " | ".join(inline_markdown(group_header(g, summary.grouping))
                                              for g in groups)
             + f" | {_(_ALL)} |", "|---|" + "---|" * len(groups) + "---|"]
    for _tid, label, n in summary.theme_totals[:5]:
        lines.append(f"| {inline_markdown(shown(label))} | "
                     + " | ".join(str(counts.get((label, g), 0)) for g in groups) + f" | {n} |")
    return [_("Themes (comments):"), "", *lines]


# --- a poll -----------------------------------------------------------------------------

def _poll_overall(day: Day, question: Question, poll) -> str:
    n = poll.n_people
    if question.kind == "scale":
        agree = poll.totals["Agree"] + poll.totals["Strongly agree"]
        disagree = poll.totals["Disagree"] + poll.totals["Strongly disagree"]
        pa, pd = share(agree, n), share(disagree, n)
        return day.voice.said("poll-scale", [
            N_("Of the %(n)s people who answered, %(agree)s agreed (%(pa)s%%) and "
               "%(disagree)s disagreed (%(pd)s%%)."),
            N_("%(People)s answered: %(agree)s agreed (%(pa)s%%) and %(disagree)s disagreed "
               "(%(pd)s%%); the rest neither agreed nor disagreed."),
            N_("Agreement stood at %(agree)s of %(n)s (%(pa)s%%), disagreement at "
               "%(disagree)s (%(pd)s%%)."),
            N_("%(agree)s of the %(n)s people answering agreed (%(pa)s%%); %(disagree)s "
               "disagreed (%(pd)s%%)."),
        ], n=n, agree=agree, disagree=disagree, pa=pa, pd=pd,
            people=plural(n, "person", "people"))
    ranked = sorted(poll.choices, key=lambda c: -poll.totals[c])
    top, k = ranked[0], poll.totals[ranked[0]]
    if len(ranked) > 1 and poll.totals[ranked[1]] == k:
        tied = [c for c in ranked if poll.totals[c] == k]
        return say("%(People)s answered; %(tied)s tied as the most chosen (%(k)s people "
                   "each, %(pk)s%%).", people=plural(n, "person", "people"),
                   tied=join_words([f"\u201c{inline_markdown(shown(c))}\u201d" for c in tied]),
                   k=k, pk=share(k, n))
    nxt = ranked[1] if len(ranked) > 1 else None
    t = f"\u201c{inline_markdown(shown(top))}\u201d"
    s = (f"\u201c{inline_markdown(shown(nxt))}\u201d ({poll.totals[nxt]}, "
         f"{share(poll.totals[nxt], n)}%)") if nxt else ""
    options = ([N_("%(People)s answered; %(top)s was chosen most often (%(k)s, %(pk)s%%), "
                   "ahead of %(next)s."),
                N_("Of %(n)s people answering, %(k)s (%(pk)s%%) chose %(top)s, the most chosen "
                   "answer; %(next)s came next."),
                N_("%(Top)s led among the %(n)s people who answered (%(k)s, %(pk)s%%), "
                   "followed by %(next)s.")] if s else
               [N_("%(People)s answered; %(top)s was chosen most often (%(k)s, %(pk)s%%)."),
                N_("Of %(n)s people answering, %(k)s (%(pk)s%%) chose %(top)s, the most chosen "
                   "answer."),
                N_("%(Top)s led among the %(n)s people who answered (%(k)s, %(pk)s%%).")])
    return day.voice.said("poll-choice", options, people=plural(n, "person", "people"),
               top=t, k=k, pk=share(k, n), n=n, next=s)


def _poll_section(day: Day, question: Question) -> list[str]:
    snapshot = day.snapshot
    poll = summarise_poll(snapshot, question.id)
    head = f"**{poll_lead()}{inline_markdown(shown(question.prompt))}**"
    if not poll.n_people:
        return [head, "", _("Nobody answered this poll.")]
    lines = [f"| {_(_GROUP)} | {_(_PEOPLE)} | "
             + " | ".join(inline_markdown(shown(c)) for c in poll.choices)
             + " |", "|---|---|" + "---|" * len(poll.choices)]
    for g in poll.grouping.order:
        size = poll.group_sizes.get(g, 0)
        lines.append(f"| {inline_markdown(group_header(g, poll.grouping))} | {size} | " + " | ".join(
            f"{poll.counts[g][c]} ({share(poll.counts[g][c], size)}%)" for c in poll.choices)
            + " |")
    lines.append(f"| {group_name(EVERYONE)} | {poll.n_people} | " + " | ".join(
        f"{poll.totals[c]} ({share(poll.totals[c], poll.n_people)}%)" for c in poll.choices)
        + " |")
    text = [_poll_overall(day, question, poll)]
    found = poll_differences(snapshot, question.id)
    comparable = [g for g in poll.grouping.order if g != POOLED
                  and poll.group_sizes.get(g, 0) >= MIN_CONTRAST_GROUP]
    if found:
        text += [difference_sentence(day, d, question.kind) for d in found[:DIFFERENCES_SHOWN]]
        if len(found) > DIFFERENCES_SHOWN:
            more = len(found) - DIFFERENCES_SHOWN
            text.append(say("The table shows %(more)s.",
                            more=plural(more, "more difference")))
    elif len(comparable) >= 2:
        text.append(day.voice.said("poll-similar", [
            N_("No role's answers differed markedly from another's, on any option."),
            N_("The roles answered alike: no difference between them stood out on any "
               "option."),
            N_("On every option, answers were much the same from role to role."),
        ]))
    return [head, "", " ".join(text), "", *lines]


def card_opening(card: Card) -> list[str]:
    """A card's heading (its title, and its comment question's prompt) and its scenario."""
    comment_q = [q for q in card.questions if q.kind == "comment"]
    heading = f"### {inline_markdown(shown(card.title))}"
    if comment_q:
        heading += f": {inline_markdown(shown(comment_q[0].prompt))}"
    return [heading, "", f"> **{_(_SCENARIO)}** "
            f"{inline_markdown(' '.join(shown(card.scenario).split()))}", ""]


def _card_section(day: Day, card: Card) -> list[str]:
    out = card_opening(card)
    for q in card.questions:
        if q.kind == "comment":
            for block in _comment_blocks(day, q):
                out += [*block, ""]
        elif q.kind in POLL_KINDS:
            out += [*_poll_section(day, q), ""]
        else:
            out += [*report_formats.section(day.snapshot, q, day.voice), ""]
    return out


# --- what the facilitator recorded as agreed --------------------------------------------

def _agreed(snapshot: Snapshot) -> list[str]:
    """The day's agreed actions and practice points, each kind in its own section: the
    facilitator's record, apart from what delegates said and counted nowhere."""
    items = agreed_of(snapshot.workshop)
    out = []
    for kind, title in AGREED_KINDS.items():
        mine = [a for a in items if a.kind == kind]
        if mine:
            out += [f"## {_(title)}", "", _(AGREED_LEADS[kind]), "",
                    *[f"- {inline_markdown(a.text)}" for a in mine], ""]
    return out


# --- the end: how the draft was made, and everything said --------------------------------

def _methods(snapshot: Snapshot) -> list[str]:
    total = len(snapshot.comments)
    visible = len(snapshot.visible_comments)
    hidden = hidden_count(snapshot)
    person = sum(1 for c in snapshot.visible_comments
                 if any(t["source"] == "person" for t in c["themes"]))
    unassigned = sum(1 for c in snapshot.visible_comments if not c["themes"])
    return [f"## {_(_HOW_THIS_DRAFT_WAS_MADE)}", "",
            say("This draft was written from %(inputs)s given by participants; it leaves out "
                "%(hidden)s hidden by the facilitator and %(withdrawn)s withdrawn by their "
                "authors. Themes were suggested automatically from the workshop's codebook (a "
                "comment can have more than one); a facilitator set the themes of %(person)s, "
                "and %(unassigned)s fitted no theme.",
                inputs=join_words(_inputs(snapshot, visible)),
                hidden=counted(hidden, "comment"),
                withdrawn=counted(total - visible - hidden, "comment"),
                person=counted(person, "comment"), unassigned=counted(unassigned, "comment")),
            "",
            say(METHOD_NOTE, contrast=MIN_CONTRAST_GROUP, fewest=number(MIN_GROUP),
                pooled=group_name(POOLED)), "",
            _("Before sharing, a person should check that the themes fit the comments, that "
              "the quotations chosen are fair, and that the wording reflects the discussion "
              "in the room. The report page checks an edited version against the data: "
              "every figure, quotation and quantity word."), "", *_on_paper(snapshot)]


# What one person's answer to each structured kind is called in the note on method.
_ANSWER_NAMES = {"scale": ("poll answer", None), "choice": ("poll answer", None),
                 "ranking": ("ranking", None), "points": ("points allocation", None),
                 "scoring_matrix": ("judge's score sheet", "judges' score sheets"),
                 "rating_matrix": ("set of ratings", "sets of ratings"),
                 "card_sort": ("card sort", None),
                 "idea_board": ("person's idea votes", "people's idea votes")}


def _inputs(snapshot: Snapshot, visible: int) -> list[str]:
    """What the draft was written from: comments, poll answers, and each other kind of
    answer there is (a judge's score sheet is never a poll answer)."""
    kinds = {q.id: q.kind for q in snapshot.pack.questions}
    n = Counter(_ANSWER_NAMES[kinds[a["question_id"]]] for a in snapshot.answers
                if a.get("values") and kinds.get(a["question_id"]) in _ANSWER_NAMES)
    polls = _ANSWER_NAMES["scale"]
    out = [counted(visible, "comment"), counted(n.pop(polls, 0), *polls)]
    seen = list(dict.fromkeys(_ANSWER_NAMES.values()))
    return out + [counted(k, *name) for name, k in sorted(n.items(), key=lambda x: seen.index(x[0]))]


def _on_paper(snapshot: Snapshot) -> list[str]:
    """How people who took part on paper were counted: the rule the import used."""
    paper = [d for d in snapshot.delegates if d.get("transcribed")]
    if not paper:
        return []
    answers = any(a.get("transcribed") for a in snapshot.answers)
    named = sum(1 for d in paper if d.get("person"))
    people = counted(len(paper), "person", "people")
    if not named:
        said = (N_("Answers written on paper were typed in afterwards; each table's answers "
                   "from one role are counted as one person. In all, %(people)s took part on "
                   "paper.") if answers else
                N_("Comments written on paper were typed in afterwards; each table's comments "
                   "from one role are counted as one person. In all, %(people)s took part on "
                   "paper."))
    elif named == len(paper):
        said = (N_("Answers written on paper were typed in afterwards, attributed to the "
                   "people named in the import. In all, %(people)s took part on paper.")
                if answers else
                N_("Comments written on paper were typed in afterwards, attributed to the "
                   "people named in the import. In all, %(people)s took part on paper."))
    else:
        said = (N_("Answers written on paper were typed in afterwards: those naming a person "
                   "are attributed to that person, and each table's other answers from one "
                   "role are counted as one person. In all, %(people)s took part on paper.")
                if answers else
                N_("Comments written on paper were typed in afterwards: those naming a person "
                   "are attributed to that person, and each table's other comments from one "
                   "role are counted as one person. In all, %(people)s took part on paper."))
    return [say(said, people=people), ""]


def _appendix(day: Day) -> list[str]:
    """Every visible comment, as typed, by question and then main theme; and every reason
    given for a rating. Tables, so the reader can scan and sort them."""
    snapshot = day.snapshot
    visible = snapshot.visible_comments
    kinds = {**snapshot.pack.comment_kinds, "issue": _("Concern"), "idea": _("Idea"),
             "question": _("Question")}
    out = []
    for card in day.reached:
        lines = []
        for q in card.questions:
            comments = comments_for(snapshot, q.id)
            rank = {t.id: i for i, t in enumerate(snapshot.codebook)}
            comments = sorted(comments, key=lambda c: rank.get(_primary(c), len(rank)))
            if comments:
                lines += [f"| {_(_MAIN_THEME)} | {_(_KIND)} | {_(_COMMENT)} |",
                          "|---|---|---|"]
                for c in comments:
                    theme = (shown(snapshot.theme_label(_primary(c))) if _primary(c)
                             else _("No theme"))
                    lines.append(f"| {inline_markdown(theme)} "
                                 f"| {shown(kinds.get(c['kind'], ''))} "
                                 f"| {day.quote(c)} |")
                lines.append("")
            reasons = report_formats.reasons(snapshot, q)
            if reasons:
                lines += [f"| {_(_OPTION)} | {_(_REASON_GIVEN)} |", "|---|---|",
                          *reasons, ""]
        if lines:
            out += [f"### {inline_markdown(shown(card.title))}", "", *lines]
    if not out:
        return []
    return [f"## {_(APPENDIX_TITLE)}", "",
            say("Every comment the room could see, as typed, by question and main theme "
                "(%(comments)s in all), and every reason given for a rating. Hidden and "
                "withdrawn comments are left out.", comments=counted(len(visible), "comment")),
            "", *out]


def draft_report(snapshot: Snapshot, lang: str | None = None) -> str:
    """The whole report as markdown, its fixed wording in LANG (English by default; "cy"
    for Welsh)."""
    if lang is not None:
        with speaking(lang), pack_in(snapshot.pack):
            return draft_report(snapshot)
    day = Day(snapshot, Voice(), [c for c in snapshot.pack.cards if _reached(snapshot, c)],
              _quote)
    out = _title(snapshot)
    out += key_messages(day)
    out += _background(snapshot)
    out += _the_day(day)
    for stage in snapshot.pack.stages:
        cards = [c for c in stage.cards if c in day.reached]
        if not cards:
            continue
        out += [f"## {inline_markdown(shown(stage.title))}", ""]  # the pack's words
        for card in cards:
            out += _card_section(day, card)
    out += _agreed(snapshot)
    out += _methods(snapshot)
    out += _appendix(day)
    return "\n".join(out).rstrip() + "\n"
