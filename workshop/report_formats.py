"""Report sections for the structured kinds, in the same voice as the rest of the report.

Every figure comes from workshop/results.py; every quotation is a participant's own words
(an idea, a judge's comment, a group's reason), attributed by role only.
"""

from __future__ import annotations

from workshop.analysis import POOLED
from workshop.decisions import decision_of, decision_sentences
from workshop.results import (EVERYONE, board_result, points_result, ranking_result,
                              rating_result, scoring_result, sort_result)
from workshop.scenarios import Question
from workshop.text import inline_markdown, quoted
from workshop.wording import (Voice, attribution, capital, in_sentence, join_words, number,
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
        return f"{POOLED}: {', '.join(grouping.pooled_roles)}"
    return label


def _who(label: str) -> str:
    return attribution(label)


def _table(head: list[str], rows: list[list]) -> list[str]:
    return (["| " + " | ".join(inline_markdown(h) for h in head) + " |", "|" + "---|" * len(head)]
            + ["| " + " | ".join(inline_markdown(str(c)) for c in row) + " |" for row in rows])


def answered(snapshot: Snapshot, question: Question) -> bool:
    if question.kind == "idea_board":
        return bool(board_result(snapshot, question.id).n_ideas_posted)
    return any(a["question_id"] == question.id and a.get("values") for a in snapshot.answers)


def section(snapshot: Snapshot, question: Question, voice: Voice | None = None) -> list[str]:
    """The report lines for one structured question."""
    voice = voice or Voice()
    head = f"**{inline_markdown(question.prompt)}**"
    if not answered(snapshot, question):
        nobody = {"scoring_matrix": "No judge scored the entries.",
                  "idea_board": "No ideas were posted."}.get(question.kind,
                                                             "Nobody answered this question.")
        return [head, "", nobody]
    body = {"ranking": _ranking, "points": _points, "scoring_matrix": _scoring,
            "rating_matrix": _rating, "card_sort": _card_sort,
            "idea_board": _board}[question.kind](snapshot, question, voice)
    return [head, "", *body]


def _groups(result) -> list[str]:
    return [*result.grouping.order, EVERYONE]


def _heads(result) -> list[str]:
    return [group_header(g, result.grouping) for g in result.grouping.order] + [EVERYONE]


def _named(options) -> str:
    return join_words([f"\u201c{inline_markdown(o)}\u201d" for o in options])


def _ends(values: dict[str, float], best_high: bool) -> tuple[list[str], list[str]]:
    """The options at the top and at the bottom, ties kept together (to one decimal, as
    printed)."""
    shown = {o: round(v, 1) for o, v in values.items()}
    top, bottom = max(shown.values()), min(shown.values())
    if not best_high:
        top, bottom = bottom, top
    return ([o for o in values if shown[o] == top], [o for o in values if shown[o] == bottom])


def _ranking_lead(snapshot: Snapshot, q: Question) -> str:
    r = ranking_result(snapshot, q.id)
    average = r.average[EVERYONE]
    first, last = _ends({o: average[o] for o in r.options}, best_high=False)
    place = _one(average[first[0]])
    if len(first) > 1:
        text = f"{_named(first)} shared first place overall (average place {place})"
    else:
        text = (f"\u201c{inline_markdown(first[0])}\u201d came first overall (average place "
                f"{place}), and {plural(r.firsts[first[0]], 'person', 'people')} put it first")
    if last != first:
        text += (f"; {_named(last)} came last" if len(last) == 1
                 else f"; {_named(last)} shared last place")
    return text + "."


def _ranking(snapshot: Snapshot, q: Question, voice: Voice) -> list[str]:
    r = ranking_result(snapshot, q.id)
    text = (f"{capital(plural(r.n_people, 'person', 'people'))} put "
            f"{number(len(q.options))} items in order. {_ranking_lead(snapshot, q)}")
    rows = [[o] + [_one(r.average[g][o]) if g in r.average else "" for g in _groups(r)]
            for o in r.options]
    return [text, "", "Average place (1 is first):", "", *_table(["Item", *_heads(r)], rows)]


def _points_lead(snapshot: Snapshot, q: Question) -> str:
    r = points_result(snapshot, q.id)
    average = r.average[EVERYONE]
    top, last = _ends({o: average[o] for o in r.options}, best_high=True)
    verb = "received the most" if len(top) == 1 else "shared the most"
    text = f"{_named(top)} {verb}, an average of {_one(average[top[0]])} points"
    if last != top:
        text += (f"; {_named(last)} the least ({_one(average[last[0]])})" if len(last) == 1
                 else f"; {_named(last)} shared the least ({_one(average[last[0]])} each)")
    return text + "."


def _points(snapshot: Snapshot, q: Question, voice: Voice) -> list[str]:
    r = points_result(snapshot, q.id)
    text = (f"{capital(plural(r.n_people, 'person', 'people'))} each spread {q.total} points. "
            + _points_lead(snapshot, q))
    rows = [[o] + [_one(r.average[g][o]) if g in r.average else "" for g in _groups(r)]
            for o in r.options]
    return [text, "", "Average points:", "", *_table(["Item", *_heads(r)], rows)]


def judged(entry) -> str:
    """ "28.0 points (average of 12 judges)": an entry's average, and whose it is."""
    return f"{_one(entry.average)} points (average of {plural(entry.judges, 'judge')})"


def _tied(tie) -> str:
    """ "28.0 points (average of three judges each)" for entries that tied."""
    same = len({e.judges for e in tie}) == 1
    return (f"{_one(tie[0].average)} points ("
            + (f"average of {plural(tie[0].judges, 'judge')} each)" if same else
               "each the average of the judges who scored it)"))


def _scoring_lead(snapshot: Snapshot, q: Question) -> str:
    r = scoring_result(snapshot, q.id)
    leaders = [e for e in r.entries if e.judges and e.rank == 1]
    if len(leaders) > 1:
        return (f"{inline_markdown(join_words([e.title for e in leaders]))} tied for first "
                f"place on {_tied(leaders)}.")
    return f"The panel ranked {inline_markdown(leaders[0].title)} first, with {judged(leaders[0])}."


def decision_line(snapshot: Snapshot, q: Question) -> str | None:
    """The panel's recorded decision, in the report's words, or None."""
    made = decision_of(snapshot.workshop, q.id)
    return decision_sentences(made, q) if made else None


def _scoring(snapshot: Snapshot, q: Question, voice: Voice) -> list[str]:
    r = scoring_result(snapshot, q.id)
    scored = [e for e in r.entries if e.judges]
    sentences = [f"{capital(plural(r.n_judges, 'judge'))} scored "
                 f"{plural(len(scored), 'entry', 'entries')} from 1 to 5 on "
                 f"{plural(len(r.criteria), 'criterion', 'criteria')}. "
                 + _scoring_lead(snapshot, q)]
    for tie in r.ties:
        if tie[0].rank != 1:
            sentences.append(f"{inline_markdown(join_words([e.title for e in tie]))} tied on "
                             f"{_tied(tie)}.")
    spread = max(scored, key=lambda e: e.spread)
    widest = [e for e in scored if e.spread == spread.spread]
    if spread.spread and spread.judges > 1 and len(widest) == 1:
        sentences.append(f"Judges differed most on {inline_markdown(spread.title)}: their "
                         f"totals ranged from {min(spread.judge_totals)} to "
                         f"{max(spread.judge_totals)}.")
    rows = [[("=" if sum(1 for o in scored if o.rank == e.rank) > 1 else "") + str(e.rank),
             e.title, e.group, _one(e.average), e.judges,
             f"{min(e.judge_totals)} to {max(e.judge_totals)}" if e.judges else ""]
            for e in scored]
    decided = decision_line(snapshot, q)
    out = [" ".join(sentences), ""]
    if decided:
        out += [f"**The panel's decision.** {decided}", ""]
    out += [*_table(["Rank", "Entry", "Entered by", "Average points", "Judges who scored it",
                     "Judges' totals"], rows),
            "", "Each entry's points are the average of the totals of the judges who scored "
            "it. Equal averages share a rank (shown with =)."]
    for e in scored:
        shown = {c: round(e.by_criterion[c], 1) for c in r.criteria}
        best = [c for c in r.criteria if shown[c] == max(shown.values())]
        worst = [c for c in r.criteria if shown[c] == min(shown.values())]
        out += ["", f"*Feedback on {inline_markdown(e.title)}*", ""]
        if best != worst:
            out += [inline_markdown(
                f"Strongest on {join_words([c.lower() for c in best])} (average "
                f"{_one(e.by_criterion[best[0]])} of 5); weakest on "
                f"{join_words([c.lower() for c in worst])} (average "
                f"{_one(e.by_criterion[worst[0]])}).")]
        else:
            out += [f"Scored evenly across the criteria (average {_one(e.by_criterion[best[0]])} "
                    "of 5)."]
        out += ["", *_table(["Criterion", "Average score"],
                            [[c, _one(e.by_criterion[c])] for c in r.criteria])]
        if e.notes:
            lead = voice.pick("judges", ["Judges said:", "From the judges:",
                                         "The judges' comments:"])
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
                strong.append(f"{d.lower()} ({counts[highest]} of {sum(counts.values())})")
        if strong:
            sentences.append((len(strong), inline_markdown(
                f"Most groups rated {in_sentence(option)} {highest.lower()} for "
                f"{join_words(strong)}.")))
    return [text for _, text in sorted(sentences, key=lambda x: -x[0])[:RATED_SENTENCES]]


def _rating(snapshot: Snapshot, q: Question, voice: Voice) -> list[str]:
    r = rating_result(snapshot, q.id)
    highest = q.levels[-1]
    sentences = _rated(snapshot, q) or [inline_markdown(
        f"No option was rated {highest.lower()} on any dimension by more than half the "
        "groups rating it.")]
    rows = []
    for option in q.options:
        cells = []
        for d in q.dimensions:
            counts = r.counts.get(EVERYONE, {}).get((option, d))
            cells.append(f"{r.typical(option, d)} ({sum(counts.values())})" if counts else "")
        rows.append([option, *cells])
    out = [f"{capital(plural(r.n_groups, 'group'))} rated the options. "
           + " ".join(sentences), "",
           "Typical rating (the middle one given), with the number of groups rating:", "",
           *_table(["Option", *q.dimensions], rows)]
    reasons = [(o, who, text) for option in q.options
               for o, who, text in [x for x in r.reasons if x[0] == option][:REASONS_PER_OPTION]]
    if reasons:
        more = len(r.reasons) - len(reasons)
        out += ["", "Reasons given included:" if not more else
                f"Reasons given included these ({number(more)} more are in the appendix):", ""]
        out += [f"- {inline_markdown(o)}: {quoted(text, _who(who))}" for o, who, text in reasons]
    return out


def reasons(snapshot: Snapshot, q: Question) -> list[str]:
    """Every reason given for a rating, as rows of the appendix's table."""
    if q.kind != "rating_matrix":
        return []
    return [f"| {inline_markdown(o)} | {quoted(text, _who(who))} |"
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
        return (f"The statement most often sorted wrongly was \u201c{inline_markdown(s.text)}"
                f"\u201d (it is a {inline_markdown(s.answer.lower())}): {low}% sorted it "
                "correctly.")
    return (f"The statements most often sorted wrongly were {_named([s.text for s in worst])}: "
            f"{low}% sorted each correctly.")


def _card_sort(snapshot: Snapshot, q: Question, voice: Voice) -> list[str]:
    r = sort_result(snapshot, q.id)
    keyed = [s for s in q.statements if s.answer]
    text = (f"{capital(plural(r.n_people, 'person', 'people'))} sorted "
            f"{plural(len(q.statements), 'statement')} into "
            f"{inline_markdown(join_words(list(q.categories)))}.")
    if keyed:
        high = max(r.share_right(s.text) for s in keyed)
        best = [s for s in keyed if r.share_right(s.text) == high]
        text += f" {_sort_lead(snapshot, q)}"
        if high != min(r.share_right(s.text) for s in keyed):
            text += (f" {capital(_named([s.text for s in best]))} "
                     f"{'was' if len(best) == 1 else 'were each'} sorted correctly by {high}%.")
    rows = [[s.text, s.answer or "(no answer set)"]
            + [f"{r.share_right(s.text, g)}%" if r.share_right(s.text, g) is not None else ""
               for g in _groups(r)] for s in q.statements]
    return [text, "", "Share who sorted each statement correctly:", "",
            *_table(["Statement", "Answer", *_heads(r)], rows)]


def _level(tag: str) -> str:
    low = tag.lower()
    return low if low.endswith("level") else f"{low} level"


def _board_lead(snapshot: Snapshot, q: Question) -> str:
    r = board_result(snapshot, q.id)
    parts = []
    for tag in (q.tags or (None,)):
        ideas = r.top(tag, len(r.ideas))
        if not ideas or not ideas[0].votes:
            continue
        most = [i for i in ideas if i.votes == ideas[0].votes]
        named = join_words([quoted(i.text, _who(i.role)) for i in most])
        votes = plural(most[0].votes, "vote") + (" each" if len(most) > 1 else "")
        where = f"at {inline_markdown(_level(tag))}, " if tag else ""
        parts.append(f"{where}{named} with {votes}")
    if not parts:
        return ""
    several = len(parts) > 1 or parts[0].count("\u201d") > 1
    return (f"The {'ideas' if several else 'idea'} with the most votes "
            f"{'were' if several else 'was'} " + "; and ".join(parts) + ".")


def _board(snapshot: Snapshot, q: Question, voice: Voice) -> list[str]:
    r = board_result(snapshot, q.id)
    out = [f"{capital(plural(r.n_ideas_posted, 'idea was', 'ideas were'))} posted"
           f"{' and ' + plural(r.voters, 'person', 'people') + ' voted' if r.voters else ''}; "
           f"each person had {plural(q.votes, 'vote')}. Every idea is listed, those with "
           "the most votes first."]
    for tag in (q.tags or (None,)):
        ideas = r.top(tag, len(r.ideas))
        if not ideas:
            continue
        out += ["", f"Ideas{' at ' + inline_markdown(_level(tag)) if tag else ''}:", ""]
        for idea in ideas:
            merged = (f", with {plural(len(idea.merged), 'similar idea')} merged into it"
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
