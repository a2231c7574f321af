"""Report sections for the structured kinds, in the same voice as the rest of the report.

Every figure comes from workshop/results.py; every quotation is a participant's own words
(an idea, a judge's comment, a group's reason), attributed by role only. Names from the
pack (options, entries, criteria, statements) are typed text: each sentence naming them is
escaped whole (workshop/text.py), as are table cells and headings.
"""

from __future__ import annotations

from workshop.results import (EVERYONE, board_result, points_result, ranking_result,
                              rating_result, scoring_result, sort_result)
from workshop.scenarios import Question
from workshop.text import inline_markdown, quoted
from workshop.wording import join_words, number, plural, quantity
from workshop.workshops import Snapshot

TOP_IDEAS = 5
REASONS_PER_OPTION = 1
# The options most often rated at the top level, one sentence each; the table has the rest.
RATED_SENTENCES = 3


def _one(value: float) -> str:
    """An average to one decimal place."""
    return f"{value:.1f}"


def _in_sentence(name: str) -> str:
    """'Competitive tendering' -> 'competitive tendering'; names with capitals inside
    ('Public Social Partnerships', 'TUPE') stay as they are."""
    rest = name[1:]
    return name[0].lower() + rest if rest == rest.lower() else name


def _table(head: list[str], rows: list[list]) -> list[str]:
    return (["| " + " | ".join(inline_markdown(h) for h in head) + " |", "|" + "---|" * len(head)]
            + ["| " + " | ".join(inline_markdown(str(c)) for c in row) + " |" for row in rows])


def answered(snapshot: Snapshot, question: Question) -> bool:
    if question.kind == "idea_board":
        return bool(board_result(snapshot, question.id).n_ideas_posted)
    return any(a["question_id"] == question.id and a.get("values") for a in snapshot.answers)


def section(snapshot: Snapshot, question: Question) -> list[str]:
    """The report lines for one structured question."""
    head = f"**{inline_markdown(question.prompt)}**"
    if not answered(snapshot, question):
        nobody = {"scoring_matrix": "No judge scored the entries.",
                  "idea_board": "No ideas were posted."}.get(question.kind,
                                                             "Nobody answered this question.")
        return [head, "", nobody]
    body = {"ranking": _ranking, "points": _points, "scoring_matrix": _scoring,
            "rating_matrix": _rating, "card_sort": _card_sort,
            "idea_board": _board}[question.kind](snapshot, question)
    return [head, "", *body]


def _groups(result) -> list[str]:
    return [*result.grouping.order, EVERYONE]


def _note(result) -> list[str]:
    """The privacy note, when roles were pooled (it names roles: escaped)."""
    note = result.grouping.note
    return ["", inline_markdown(note)] if note else []


def _ranking(snapshot: Snapshot, q: Question) -> list[str]:
    r = ranking_result(snapshot, q.id)
    first = r.options[0]
    text = (f"{plural(r.n_people, 'person', 'people').capitalize()} put {number(len(q.options))} "
            f"items in order. \u201c{first}\u201d came first overall (average place "
            f"{_one(r.average[EVERYONE][first])}), and {plural(r.firsts[first], 'person', 'people')}"
            f" put it first; \u201c{r.options[-1]}\u201d came last.")
    groups = _groups(r)
    rows = [[o] + [_one(r.average[g][o]) if g in r.average else "" for g in groups]
            for o in r.options]
    out = [inline_markdown(text), "", "Average place (1 is first):", "",
           *_table(["Item", *groups], rows)]
    return out + _note(r)


def _points(snapshot: Snapshot, q: Question) -> list[str]:
    r = points_result(snapshot, q.id)
    top, last = r.options[0], r.options[-1]
    text = (f"{plural(r.n_people, 'person', 'people').capitalize()} each spread {q.total} points. "
            f"\u201c{top}\u201d received the most, an average of {_one(r.average[EVERYONE][top])} "
            f"points; \u201c{last}\u201d the least ({_one(r.average[EVERYONE][last])}).")
    groups = _groups(r)
    rows = [[o] + [_one(r.average[g][o]) if g in r.average else "" for g in groups]
            for o in r.options]
    out = [inline_markdown(text), "", "Average points:", "", *_table(["Item", *groups], rows)]
    return out + _note(r)


def _scoring(snapshot: Snapshot, q: Question) -> list[str]:
    r = scoring_result(snapshot, q.id)
    scored = [e for e in r.entries if e.judges]
    leaders = [e for e in scored if e.rank == 1]
    if len(leaders) > 1:
        lead = (f"{join_words([e.title for e in leaders])} tied for first place on "
                f"{leaders[0].total} points")
    else:
        lead = f"The panel ranked {leaders[0].title} first, with {leaders[0].total} points"
    sentences = [f"{plural(r.n_judges, 'judge').capitalize()} scored "
                 f"{plural(len(scored), 'entry', 'entries')} from 1 to 5 on "
                 f"{plural(len(r.criteria), 'criterion', 'criteria')}. {lead}."]
    for tie in r.ties:
        if tie[0].rank != 1:
            sentences.append(f"{join_words([e.title for e in tie])} tied on {tie[0].total} "
                             "points.")
    spread = max(scored, key=lambda e: e.spread)
    if spread.spread and spread.judges > 1:
        sentences.append(f"Judges differed most on {spread.title}: their totals ranged from "
                         f"{min(spread.judge_totals)} to {max(spread.judge_totals)}.")
    rows = [[("=" if sum(1 for o in scored if o.rank == e.rank) > 1 else "") + str(e.rank),
             e.title, e.group, e.total, e.judges,
             f"{min(e.judge_totals)} to {max(e.judge_totals)}" if e.judges else ""]
            for e in scored]
    out = [inline_markdown(" ".join(sentences)), "", *_table(
        ["Rank", "Entry", "Entered by", "Total points", "Judges", "Judges' totals"], rows),
        "", "Equal totals share a rank (shown with =)."]
    for e in scored:
        best = max(r.criteria, key=lambda c: e.by_criterion[c])
        worst = min(r.criteria, key=lambda c: e.by_criterion[c])
        out += ["", f"*Feedback on {inline_markdown(e.title)}*", ""]
        if e.by_criterion[best] != e.by_criterion[worst]:
            out += [inline_markdown(
                f"Strongest on {best.lower()} (average {_one(e.by_criterion[best])} of 5); "
                f"weakest on {worst.lower()} (average {_one(e.by_criterion[worst])}).")]
        else:
            out += [f"Scored evenly across the criteria (average {_one(e.by_criterion[best])} "
                    "of 5)."]
        out += ["", *_table(["Criterion", "Average score"],
                            [[c, _one(e.by_criterion[c])] for c in r.criteria])]
        if e.notes:
            out += ["", "Judges said: " + "; ".join(quoted(t, who) for who, t in e.notes) + "."]
    return out


def _rating(snapshot: Snapshot, q: Question) -> list[str]:
    r = rating_result(snapshot, q.id)
    highest = q.levels[-1]
    sentences = []
    for option in q.options:
        strong = []
        for d in q.dimensions:
            counts = r.counts.get(EVERYONE, {}).get((option, d))
            if counts and quantity(counts[highest], sum(counts.values())) == "most":
                strong.append(d.lower())
        if strong:
            sentences.append((len(strong), f"Most groups rated {_in_sentence(option)} "
                             f"{highest.lower()} for {join_words(strong)}."))
    sentences = [text for _, text in sorted(sentences, key=lambda x: -x[0])[:RATED_SENTENCES]]
    if not sentences:
        sentences.append(f"No option was rated {highest.lower()} on any dimension by most "
                         "groups.")
    rows = []
    for option in q.options:
        cells = []
        for d in q.dimensions:
            counts = r.counts.get(EVERYONE, {}).get((option, d))
            cells.append(f"{r.typical(option, d)} ({sum(counts.values())})" if counts else "")
        rows.append([option, *cells])
    out = [inline_markdown(f"{plural(r.n_groups, 'group').capitalize()} rated the options. "
                           + " ".join(sentences)), "",
           "Typical rating (the middle one given), with the number of groups rating:", "",
           *_table(["Option", *q.dimensions], rows)]
    reasons = [(o, who, text) for option in q.options
               for o, who, text in [x for x in r.reasons if x[0] == option][:REASONS_PER_OPTION]]
    if reasons:
        out += ["", "Reasons given included:", ""] + [
            f"- {inline_markdown(o)}: {quoted(text, who)}" for o, who, text in reasons]
    return out + _note(r)


def _card_sort(snapshot: Snapshot, q: Question) -> list[str]:
    r = sort_result(snapshot, q.id)
    keyed = [s for s in q.statements if s.answer]
    text = (f"{plural(r.n_people, 'person', 'people').capitalize()} sorted "
            f"{plural(len(q.statements), 'statement')} into {join_words(list(q.categories))}.")
    if keyed:
        worst = min(keyed, key=lambda s: r.share_right(s.text))
        best = max(keyed, key=lambda s: r.share_right(s.text))
        text += (f" The statement most often sorted wrongly was \u201c{worst.text}\u201d (it is "
                 f"a {worst.answer.lower()}): {r.share_right(worst.text)}% sorted it correctly. "
                 f"\u201c{best.text}\u201d was sorted correctly by {r.share_right(best.text)}%.")
    groups = _groups(r)
    rows = [[s.text, s.answer or "(no answer set)"]
            + [f"{r.share_right(s.text, g)}%" if r.share_right(s.text, g) is not None else ""
               for g in groups] for s in q.statements]
    out = [inline_markdown(text), "", "Share who sorted each statement correctly:", "",
           *_table(["Statement", "Answer", *groups], rows)]
    return out + _note(r)


def _board(snapshot: Snapshot, q: Question) -> list[str]:
    r = board_result(snapshot, q.id)
    out = [f"{plural(r.n_ideas_posted, 'idea was', 'ideas were').capitalize()} posted"
           f"{' and ' + plural(r.voters, 'person', 'people') + ' voted' if r.voters else ''}; "
           f"each person had {plural(q.votes, 'vote')}."]
    for tag in (q.tags or (None,)):
        top = r.top(tag, TOP_IDEAS)
        if not top:
            continue
        out += ["", inline_markdown(f"Top ideas{' at ' + tag.lower() if tag else ''}:"), ""]
        for i, idea in enumerate(top, start=1):
            merged = (f", with {plural(len(idea.merged), 'similar idea')} merged into it"
                      if idea.merged else "")
            out.append(f"{i}. {quoted(idea.text, idea.role)}: {plural(idea.votes, 'vote')}"
                       f"{merged}")
    return out
