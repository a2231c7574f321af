"""Report sections for the structured kinds, in the same voice as the rest of the report.

Every figure comes from workshop/results.py; every quotation is a participant's own words
(an idea, a judge's comment, a group's reason), attributed by role only.
"""

from __future__ import annotations

from workshop.analysis import POOLED
from workshop.decisions import decision_of, decision_sentences
from workshop.results import (EVERYONE, board_result, points_result, ranking_result,
                              rating_result, scoring_result, sort_result)
from workshop.report_words import N_, _, group_name, say, shown
from workshop.scenarios import Question
from workshop.text import inline_markdown, quoted
from workshop.wording import (Voice, attribution, in_sentence, join_words, number,
                              plural, quantity)
from workshop.workshops import Snapshot

# The body gives one reason per option; the appendix gives every reason.
REASONS_PER_OPTION = 1
# The options most often rated at the top level, one sentence each; the table has the rest.
RATED_SENTENCES = 3


def _one(value: float) -> str:
    """An average to one decimal place."""
    return f"{value:.1f}"


def group_header(label: str, grouping) -> str:
    """A group's column or row name (as typed: escape it where it goes); the pooled group
    says which roles it holds."""
    if label == POOLED and grouping.pooled_roles:
        return f"{group_name(POOLED)}: {', '.join(shown(r) for r in grouping.pooled_roles)}"
    return group_name(label)


def _who(label: str) -> str:
    return attribution(group_name(label))


def _table(head: list[str], rows: list[list]) -> list[str]:
    return (["| " + " | ".join(inline_markdown(shown(h)) for h in head) + " |",
             "|" + "---|" * len(head)]
            + ["| " + " | ".join(inline_markdown(shown(str(c))) for c in row) + " |"
               for row in rows])


def answered(snapshot: Snapshot, question: Question) -> bool:
    if question.kind == "idea_board":
        return bool(board_result(snapshot, question.id).n_ideas_posted)
    return any(a["question_id"] == question.id and a.get("values") for a in snapshot.answers)


def section(snapshot: Snapshot, question: Question, voice: Voice | None = None) -> list[str]:
    """The report lines for one structured question."""
    voice = voice or Voice()
    head = f"**{inline_markdown(shown(question.prompt))}**"
    if not answered(snapshot, question):
        nobody = {"scoring_matrix": N_("No judge scored the entries."),
                  "idea_board": N_("No ideas were posted.")}.get(
            question.kind, N_("Nobody answered this question."))
        return [head, "", _(nobody)]
    body = {"ranking": _ranking, "points": _points, "scoring_matrix": _scoring,
            "rating_matrix": _rating, "card_sort": _card_sort,
            "idea_board": _board}[question.kind](snapshot, question, voice)
    return [head, "", *body]


def _groups(result) -> list[str]:
    return [*result.grouping.order, EVERYONE]


def _heads(result) -> list[str]:
    return ([group_header(g, result.grouping) for g in result.grouping.order]
            + [group_name(EVERYONE)])


def _named(options) -> str:
    return join_words([f"\u201c{inline_markdown(shown(o))}\u201d" for o in options])


def _ends(values: dict[str, float], best_high: bool) -> tuple[list[str], list[str]]:
    """The options at the top and at the bottom, ties kept together (to one decimal, as
    printed)."""
    rounded = {o: round(v, 1) for o, v in values.items()}
    top, bottom = max(rounded.values()), min(rounded.values())
    if not best_high:
        top, bottom = bottom, top
    return ([o for o in values if rounded[o] == top], [o for o in values if rounded[o] == bottom])


def _ranking_lead(snapshot: Snapshot, q: Question) -> str:
    r = ranking_result(snapshot, q.id)
    average = r.average[EVERYONE]
    first, last = _ends({o: average[o] for o in r.options}, best_high=False)
    place = _one(average[first[0]])
    if len(first) > 1:
        text = say("%(first)s shared first place overall (average place %(place)s)",
                   first=_named(first), place=place)
    else:
        text = say("%(first)s came first overall (average place %(place)s), and %(people)s "
                   "put it first", first=f"\u201c{inline_markdown(shown(first[0]))}\u201d",
                   place=place, people=plural(r.firsts[first[0]], "person", "people"))
    if last != first:
        text += (say("; %(last)s came last", last=_named(last)) if len(last) == 1
                 else say("; %(last)s shared last place", last=_named(last)))
    return text + "."


def _ranking(snapshot: Snapshot, q: Question, voice: Voice) -> list[str]:
    r = ranking_result(snapshot, q.id)
    text = (say("%(People)s put %(items)s items in order.",
                people=plural(r.n_people, "person", "people"), items=number(len(q.options)),
                count=f"{len(q.options):,}") + f" {_ranking_lead(snapshot, q)}")
    rows = [[o] + [_one(r.average[g][o]) if g in r.average else "" for g in _groups(r)]
            for o in r.options]
    return [text, "", _("Average place (1 is first):"), "",
            *_table([_("Item"), *_heads(r)], rows)]


def _points_lead(snapshot: Snapshot, q: Question) -> str:
    r = points_result(snapshot, q.id)
    average = r.average[EVERYONE]
    top, last = _ends({o: average[o] for o in r.options}, best_high=True)
    text = say(N_("%(top)s received the most, an average of %(points)s points")
               if len(top) == 1 else
               N_("%(top)s shared the most, an average of %(points)s points"),
               top=_named(top), points=_one(average[top[0]]))
    if last != top:
        text += (say("; %(last)s the least (%(points)s)", last=_named(last),
                     points=_one(average[last[0]])) if len(last) == 1
                 else say("; %(last)s shared the least (%(points)s each)", last=_named(last),
                          points=_one(average[last[0]])))
    return text + "."


def _points(snapshot: Snapshot, q: Question, voice: Voice) -> list[str]:
    r = points_result(snapshot, q.id)
    text = (say("%(People)s each spread %(total)s points.",
                people=plural(r.n_people, "person", "people"), total=q.total)
            + " " + _points_lead(snapshot, q))
    rows = [[o] + [_one(r.average[g][o]) if g in r.average else "" for g in _groups(r)]
            for o in r.options]
    return [text, "", _("Average points:"), "", *_table([_("Item"), *_heads(r)], rows)]


def judged(entry) -> str:
    """ "28.0 points (average of 12 judges)": an entry's average, and whose it is."""
    return say("%(points)s points (average of %(judges)s)", points=_one(entry.average),
               judges=plural(entry.judges, "judge"))


def _tied(tie) -> str:
    """ "28.0 points (average of three judges each)" for entries that tied."""
    same = len({e.judges for e in tie}) == 1
    if same:
        return say("%(points)s points (average of %(judges)s each)",
                   points=_one(tie[0].average), judges=plural(tie[0].judges, "judge"))
    return say("%(points)s points (each the average of the judges who scored it)",
               points=_one(tie[0].average))


def _scoring_lead(snapshot: Snapshot, q: Question) -> str:
    r = scoring_result(snapshot, q.id)
    leaders = [e for e in r.entries if e.judges and e.rank == 1]
    if len(leaders) > 1:
        return say("%(entries)s tied for first place on %(points)s.",
                   entries=inline_markdown(join_words([shown(e.title) for e in leaders])),
                   points=_tied(leaders))
    return say("The panel ranked %(entry)s first, with %(points)s.",
               entry=inline_markdown(shown(leaders[0].title)), points=judged(leaders[0]))


def decision_line(snapshot: Snapshot, q: Question) -> str | None:
    """The panel's recorded decision, in the report's words, or None."""
    made = decision_of(snapshot.workshop, q.id)
    return decision_sentences(made, q) if made else None


def _scoring(snapshot: Snapshot, q: Question, voice: Voice) -> list[str]:
    r = scoring_result(snapshot, q.id)
    scored = [e for e in r.entries if e.judges]
    sentences = [say("%(Judges)s scored %(entries)s from 1 to 5 on %(criteria)s.",
                     judges=plural(r.n_judges, "judge"),
                     entries=plural(len(scored), "entry", "entries"),
                     criteria=plural(len(r.criteria), "criterion", "criteria"))
                 + " " + _scoring_lead(snapshot, q)]
    for tie in r.ties:
        if tie[0].rank != 1:
            sentences.append(say("%(entries)s tied on %(points)s.", entries=inline_markdown(
                join_words([shown(e.title) for e in tie])), points=_tied(tie)))
    spread = max(scored, key=lambda e: e.spread)
    widest = [e for e in scored if e.spread == spread.spread]
    if spread.spread and spread.judges > 1 and len(widest) == 1:
        sentences.append(say("Judges differed most on %(entry)s: their totals ranged from "
                             "%(low)s to %(high)s.", entry=inline_markdown(shown(spread.title)),
                             low=min(spread.judge_totals), high=max(spread.judge_totals)))
    rows = [[("=" if sum(1 for o in scored if o.rank == e.rank) > 1 else "") + str(e.rank),
             e.title, e.group, _one(e.average), e.judges,
             say("%(low)s to %(high)s", low=min(e.judge_totals), high=max(e.judge_totals))
             if e.judges else ""]
            for e in scored]
    decided = decision_line(snapshot, q)
    out = [" ".join(sentences), ""]
    if decided:
        out += ["**" + _("The panel's decision.") + f"** {decided}", ""]
    out += [*_table([_("Rank"), _("Entry"), _("Entered by"), _("Average points"),
                     _("Judges who scored it"), _("Judges' totals")], rows),
            "", _("Each entry's points are the average of the totals of the judges who scored "
                  "it. Equal averages share a rank (shown with =).")]
    for e in scored:
        rounded = {c: round(e.by_criterion[c], 1) for c in r.criteria}
        best = [c for c in r.criteria if rounded[c] == max(rounded.values())]
        worst = [c for c in r.criteria if rounded[c] == min(rounded.values())]
        out += ["", "*" + say("Feedback on %(entry)s", entry=inline_markdown(shown(e.title))) + "*",
                ""]
        if best != worst:
            out += [inline_markdown(say(
                "Strongest on %(best)s (average %(high)s of 5); weakest on %(worst)s (average "
                "%(low)s).", best=join_words([shown(c).lower() for c in best]),
                high=_one(e.by_criterion[best[0]]), worst=join_words([shown(c).lower() for c in worst]),
                low=_one(e.by_criterion[worst[0]])))]
        else:
            out += [say("Scored evenly across the criteria (average %(average)s of 5).",
                        average=_one(e.by_criterion[best[0]]))]
        out += ["", *_table([_("Criterion"), _("Average score")],
                            [[c, _one(e.by_criterion[c])] for c in r.criteria])]
        if e.notes:
            lead = voice.said("judges", [N_("Judges said:"), N_("From the judges:"),
                                           N_("The judges' comments:")])
            out += ["", f"{lead} " + "; ".join(quoted(t, _who(who)) for who, t in e.notes)
                    + "."]
    return out


def _rated(snapshot: Snapshot, q: Question) -> list[str]:
    """Sentences on the options most groups rated at the top level, with the figures."""
    r = rating_result(snapshot, q.id)
    highest = q.levels[-1]
    sentences = []
    for option in q.options:
        strong = []
        for d in q.dimensions:
            counts = r.counts.get(EVERYONE, {}).get((option, d))
            if counts and quantity(counts[highest], sum(counts.values())) == "most":
                strong.append(say("%(dimension)s (%(part)s of %(whole)s)",
                                  dimension=shown(d).lower(), part=counts[highest],
                                  whole=sum(counts.values())))
        if strong:
            sentences.append((len(strong), inline_markdown(say(
                "Most groups rated %(option)s %(level)s for %(dimensions)s.",
                option=in_sentence(shown(option)), level=shown(highest).lower(),
                dimensions=join_words(strong)))))
    return [text for _, text in sorted(sentences, key=lambda x: -x[0])[:RATED_SENTENCES]]


def _rating(snapshot: Snapshot, q: Question, voice: Voice) -> list[str]:
    r = rating_result(snapshot, q.id)
    highest = q.levels[-1]
    sentences = _rated(snapshot, q) or [inline_markdown(say(
        "No option was rated %(level)s on any dimension by more than half the groups rating "
        "it.", level=shown(highest).lower()))]
    rows = []
    for option in q.options:
        cells = []
        for d in q.dimensions:
            counts = r.counts.get(EVERYONE, {}).get((option, d))
            cells.append(f"{r.typical(option, d)} ({sum(counts.values())})" if counts else "")
        rows.append([option, *cells])
    out = [say("%(Groups)s rated the options.", groups=plural(r.n_groups, "group")) + " "
           + " ".join(sentences), "",
           _("Typical rating (the middle one given), with the number of groups rating:"), "",
           *_table([_("Option"), *q.dimensions], rows)]
    reasons = [(o, who, text) for option in q.options
               for o, who, text in [x for x in r.reasons if x[0] == option][:REASONS_PER_OPTION]]
    if reasons:
        more = len(r.reasons) - len(reasons)
        out += ["", _("Reasons given included:") if not more else
                say("Reasons given included these (%(more)s more are in the appendix):",
                    more=number(more), count=f"{more:,}"), ""]
        out += [f"- {inline_markdown(shown(o))}: {quoted(text, _who(who))}" for o, who, text in reasons]
    return out


def reasons(snapshot: Snapshot, q: Question) -> list[str]:
    """Every reason given for a rating, as rows of the appendix's table."""
    if q.kind != "rating_matrix":
        return []
    return [f"| {inline_markdown(shown(o))} | {quoted(text, _who(who))} |"
            for o, who, text in rating_result(snapshot, q.id).reasons]


def _sort_lead(snapshot: Snapshot, q: Question) -> str:
    r = sort_result(snapshot, q.id)
    keyed = [s for s in q.statements if s.answer]
    if not keyed:
        return ""
    low = min(r.share_right(s.text) for s in keyed)
    worst = [s for s in keyed if r.share_right(s.text) == low]
    if len(worst) == 1:
        s = worst[0]
        return say("The statement most often sorted wrongly was %(statement)s (it is a "
                   "%(answer)s): %(share)s%% sorted it correctly.",
                   statement=f"\u201c{inline_markdown(shown(s.text))}\u201d",
                   answer=inline_markdown(shown(s.answer).lower()), share=low)
    return say("The statements most often sorted wrongly were %(statements)s: %(share)s%% "
               "sorted each correctly.", statements=_named([s.text for s in worst]), share=low)


def _card_sort(snapshot: Snapshot, q: Question, voice: Voice) -> list[str]:
    r = sort_result(snapshot, q.id)
    keyed = [s for s in q.statements if s.answer]
    text = say("%(People)s sorted %(statements)s into %(categories)s.",
               people=plural(r.n_people, "person", "people"),
               statements=plural(len(q.statements), "statement"),
               categories=inline_markdown(join_words([shown(c) for c in q.categories])))
    if keyed:
        high = max(r.share_right(s.text) for s in keyed)
        best = [s for s in keyed if r.share_right(s.text) == high]
        text += f" {_sort_lead(snapshot, q)}"
        if high != min(r.share_right(s.text) for s in keyed):
            text += " " + say(N_("%(Statements)s was sorted correctly by %(share)s%%.")
                              if len(best) == 1 else
                              N_("%(Statements)s were each sorted correctly by %(share)s%%."),
                              statements=_named([s.text for s in best]), share=high)
    rows = [[s.text, s.answer or _("(no answer set)")]
            + [f"{r.share_right(s.text, g)}%" if r.share_right(s.text, g) is not None else ""
               for g in _groups(r)] for s in q.statements]
    return [text, "", _("Share who sorted each statement correctly:"), "",
            *_table([_("Statement"), _("Answer"), *_heads(r)], rows)]


def _level(tag: str) -> str:
    low = tag.lower()
    return low if low.endswith("level") else say("%(tag)s level", tag=low)


def _board_lead(snapshot: Snapshot, q: Question) -> str:
    r = board_result(snapshot, q.id)
    parts = []
    for tag in (q.tags or (None,)):
        ideas = r.top(tag, len(r.ideas))
        if not ideas or not ideas[0].votes:
            continue
        most = [i for i in ideas if i.votes == ideas[0].votes]
        named = join_words([quoted(i.text, _who(i.role)) for i in most])
        votes = plural(most[0].votes, "vote")
        where = say("at %(level)s, ", level=inline_markdown(_level(shown(tag)))) if tag else ""
        parts.append(where + (say("%(ideas)s with %(votes)s each", ideas=named, votes=votes)
                              if len(most) > 1 else
                              say("%(ideas)s with %(votes)s", ideas=named, votes=votes)))
    if not parts:
        return ""
    several = len(parts) > 1 or parts[0].count("\u201d") > 1
    return (say("The ideas with the most votes were %(parts)s.", parts=_("; and ").join(parts))
            if several else
            say("The idea with the most votes was %(parts)s.", parts=_("; and ").join(parts)))


def _board(snapshot: Snapshot, q: Question, voice: Voice) -> list[str]:
    r = board_result(snapshot, q.id)
    posted = {"ideas": plural(r.n_ideas_posted, "idea was", "ideas were"),
              "people": plural(r.voters, "person", "people"), "votes": plural(q.votes, "vote")}
    out = [(say("%(Ideas)s posted and %(people)s voted; each person had %(votes)s.", **posted)
            if r.voters else say("%(Ideas)s posted; each person had %(votes)s.", **posted))
           + " " + _("Every idea is listed, those with the most votes first.")]
    for tag in (q.tags or (None,)):
        ideas = r.top(tag, len(r.ideas))
        if not ideas:
            continue
        out += ["", say("Ideas at %(level)s:", level=inline_markdown(_level(shown(tag)))) if tag
                else _("Ideas:"), ""]
        for idea in ideas:
            merged = (say(", with %(similar)s merged into it",
                          similar=plural(len(idea.merged), "similar idea"))
                      if idea.merged else "")
            out.append(f"- {quoted(idea.text, _who(idea.role))}: "
                       f"{plural(idea.votes, 'vote')}{merged}")
    return out


def headline(snapshot: Snapshot, q: Question) -> str | None:
    """The one sentence of a structured question's result a busy reader needs, or None."""
    if q.kind in ("comment", "scale", "choice") or not answered(snapshot, q):
        return None
    if q.kind == "ranking":
        return _ranking_lead(snapshot, q)
    if q.kind == "points":
        return _points_lead(snapshot, q)
    if q.kind == "scoring_matrix":
        decided = decision_line(snapshot, q)
        return _scoring_lead(snapshot, q) + (f" {decided}" if decided else "")
    if q.kind == "rating_matrix":
        rated = _rated(snapshot, q)
        return rated[0] if rated else None
    if q.kind == "card_sort":
        return _sort_lead(snapshot, q) or None
    if q.kind == "idea_board":
        return _board_lead(snapshot, q) or None
    return None
