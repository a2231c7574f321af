"""The drafted regional report, in the structure and voice of the East Midlands report.

Every number is counted from the snapshot here; every quotation is a visible comment,
verbatim. Sentences are only written when the data earns them. Everything people typed
(titles, names, labels, pack text, comments) goes in through workshop/text.py, so it shows
as typed and never adds markup: a sentence of ours naming such things is escaped whole.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from itertools import combinations

from workshop.analysis import (MIN_CONTRAST_GROUP, POOLED, Grouping, comment_grouping,
                               comments_for, differs, grouping, hidden_count, is_way_forward,
                               joined_by_role, share, summarise_comments, summarise_poll)
from workshop import report_formats
from workshop.scenarios import POLL_KINDS, Card, Question
from workshop.text import inline_markdown, markdown_text, quoted
from workshop.themes import terms
from workshop.wording import counted, join_words, number, plural, quantity, role_plural
from workshop.workshops import Snapshot

QUOTES_PER_QUESTION = 3
# At most this many role differences are written per question: the largest ones.
CONTRASTS_PER_QUESTION = 2
# Two comments sharing this share of their words (Jaccard) say the same thing: quote one.
NEAR_DUPLICATE = 0.6


def _date(value: str) -> str:
    try:
        d = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value or ""
    day = d.day
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix} {d:%B %Y}"


def _quote(snapshot: Snapshot, comment: dict, group: Grouping) -> str:
    """A comment quoted, attributed to the group its author is counted in on the chart."""
    return quoted(comment["text"], group.label_for(snapshot.role_of(comment["delegate_id"])))


def _primary(comment: dict) -> str | None:
    return comment["themes"][0]["theme_id"] if comment["themes"] else None


def _overlap(a: frozenset, b: frozenset) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def representative(snapshot: Snapshot, comments: list[dict], limit: int) -> list[dict]:
    """Comments that stand for the rest: those closest to the centre of their theme (sharing
    most words with the other comments on it) first, one per theme and spread across roles
    where possible, never two that say nearly the same thing."""
    words = {c["id"]: frozenset(terms(c["text"])) for c in comments}
    by_theme: dict[str | None, list[dict]] = defaultdict(list)
    for c in comments:
        by_theme[_primary(c)].append(c)

    def centrality(c: dict) -> float:
        others = [o for o in by_theme[_primary(c)] if o is not c] or [o for o in comments
                                                                      if o is not c]
        return sum(_overlap(words[c["id"]], words[o["id"]]) for o in others) / max(len(others), 1)

    ranked = sorted(comments, key=lambda c: (-centrality(c), -(c["themes"][0]["confidence"]
                                                                if c["themes"] else 0)))
    chosen: list[dict] = []
    themes_used, roles_used = set(), Counter()
    for strict in (True, False):
        for c in ranked:
            if len(chosen) >= limit:
                return chosen
            role = snapshot.role_of(c["delegate_id"])
            if c in chosen or any(_overlap(words[c["id"]], words[o["id"]]) >= NEAR_DUPLICATE
                                  or c["text"].lower() == o["text"].lower() for o in chosen):
                continue
            if strict and (_primary(c) in themes_used or roles_used[role] >= 1):
                continue
            chosen.append(c)
            themes_used.add(_primary(c))
            roles_used[role] += 1
    return chosen


def _participants(snapshot: Snapshot) -> str:
    joined = joined_by_role(snapshot)
    total = sum(joined.values())
    if not total:
        return "Nobody joined the workshop through the app."
    parts = [f"{number(n)} {role_plural(label) if n != 1 else _singular(label)}"
             for label, n in joined.items() if n]
    tables = Counter(d["table"] for d in snapshot.delegates)
    mixed = sum(1 for t in tables if len({d["role"] for d in snapshot.delegates
                                          if d["table"] == t}) > 1)
    text = (f"{counted(total, 'person', 'people')} took part: {join_words(parts)}. "
            f"They sat at {plural(len(tables), 'table')}")
    text += (f", {number(mixed)} of which mixed people in different roles." if mixed
             else ".")
    return text


def _singular(label: str) -> str:
    return "other person" if label == "Other" else label[0].lower() + label[1:]


def _comment_paragraphs(snapshot: Snapshot, question: Question) -> list[str]:
    comments = comments_for(snapshot, question.id)
    summary = summarise_comments(snapshot, question.id)
    out = []
    if not comments:
        return out
    people = summary.n_people
    themes = [(label, n) for _, label, n in summary.theme_totals]
    if themes:
        leading = [f"{inline_markdown(label.lower())} ({plural(n, 'comment')})"
                   for label, n in themes[:3]]
        out.append(f"{plural(people, 'person', 'people').capitalize()} made "
                   f"{plural(len(comments), 'comment')}. The discussion centred on "
                   f"{join_words(leading)}.")
    else:
        out.append(f"{plural(people, 'person', 'people').capitalize()} made "
                   f"{plural(len(comments), 'comment')}; none has been given a theme yet.")
    ways = [c for c in comments if is_way_forward(c)]
    issues = [c for c in comments if c["kind"] == "issue" and not is_way_forward(c)]
    asked = [c for c in comments if c["kind"] == "question"]
    if issues:
        word = quantity(len(issues), len(comments))
        lead = (f"{word.capitalize()} comments raised issues or concerns" if word
                else "One comment raised a concern")
        out.append(f"{lead}. Participants felt: "
                   + "; ".join(_quote(snapshot, c, summary.grouping)
                               for c in representative(snapshot, issues, 2))
                   + ".")
        out.extend(_role_concerns(snapshot, issues))
    out.extend(_theme_contrasts(snapshot, comments, summary))
    if ways:
        out.append("A way forward was suggested: " + "; ".join(
            _quote(snapshot, c, summary.grouping) for c in representative(snapshot, ways, 2))
            + ".")
    if asked:
        out.append("It was asked: " + "; ".join(
            _quote(snapshot, c, summary.grouping) for c in representative(snapshot, asked, 2))
            + ".")
    return out


def _role_concerns(snapshot: Snapshot, issues: list[dict]) -> list[str]:
    """'Providers expressed concern about X' where a role raised at least two concerns."""
    group = grouping(snapshot, [c["delegate_id"] for c in issues])
    per_role: dict[str, list[dict]] = {}
    for c in issues:
        g = group.label_for(snapshot.role_of(c["delegate_id"]))
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
        share_text = (f"all {number(n)} of their concerns" if n == len(items) else
                      f"{number(n)} of their {number(len(items))} concerns")
        out.append(inline_markdown(f"{role_plural(label).capitalize()} expressed concern "
                                   f"about {snapshot.theme_label(tid).lower()} ({share_text})."))
    return out


def _theme_contrasts(snapshot: Snapshot, comments: list[dict], summary) -> list[str]:
    """Which roles raised a main theme markedly more often than another, counted in people;
    written only where each role has enough people and the difference is real."""
    people: dict[str, set] = defaultdict(set)
    raised: dict[tuple[str, str], set] = defaultdict(set)
    for c in comments:
        role = snapshot.role_of(c["delegate_id"])
        people[role].add(c["delegate_id"])
        for t in c["themes"]:
            raised[(t["theme_id"], role)].add(c["delegate_id"])
    roles = [r for r in snapshot.pack.roles if len(people[r.id]) >= MIN_CONTRAST_GROUP]
    if len(roles) < 2:
        return []
    out = []
    for tid, label, _ in summary.theme_totals[:3]:
        for a, b in combinations(roles, 2):
            xa, na = len(raised[(tid, a.id)]), len(people[a.id])
            xb, nb = len(raised[(tid, b.id)]), len(people[b.id])
            if not differs(xa, na, xb, nb):
                continue
            (hi, xh, nh), (lo, xl, nl) = sorted([(a, xa, na), (b, xb, nb)],
                                                key=lambda g: -g[1] / g[2])
            out.append((xh / nh - xl / nl,
                        f"{role_plural(hi.label).capitalize()} raised {label.lower()} more "
                        f"often than {role_plural(lo.label)} ({xh} of the {nh} "
                        f"{role_plural(hi.label)} who commented, against {xl} of {nl})."))
    if not out:
        return [inline_markdown("Views were similar across " + join_words(
            [role_plural(r.label) for r in roles]) + ": no role raised any of the main themes "
            "markedly more often than another.")]
    return [inline_markdown(sentence) for sentence in _largest(out)]


def _largest(contrasts: list[tuple[float, str]]) -> list[str]:
    ranked = sorted(contrasts, key=lambda c: -c[0])
    return [sentence for _, sentence in ranked[:CONTRASTS_PER_QUESTION]]


def _poll_contrast(snapshot: Snapshot, question: Question, poll) -> str:
    """One sentence comparing roles on a poll, or saying their views were similar."""
    labels = {r.label: r for r in snapshot.pack.roles}
    groups = [g for g in poll.grouping.order
              if g in labels and poll.group_sizes.get(g, 0) >= MIN_CONTRAST_GROUP]
    if len(groups) < 2:
        return ""
    if question.kind == "scale":
        what, picked = "agree", ("Agree", "Strongly agree")
    else:
        top = max(poll.choices, key=lambda c: poll.totals[c])
        what, picked = f"choose \u201c{top}\u201d", (top,)
    count = {g: sum(poll.counts[g][c] for c in picked) for g in groups}
    out = []
    for a, b in combinations(groups, 2):
        na, nb = poll.group_sizes[a], poll.group_sizes[b]
        if differs(count[a], na, count[b], nb):
            (hi, nh), (lo, nl) = sorted([(a, na), (b, nb)], key=lambda g: -count[g[0]] / g[1])
            out.append((count[hi] / nh - count[lo] / nl,
                        f"{role_plural(hi).capitalize()} were more likely to {what} than "
                        f"{role_plural(lo)} ({count[hi]} of {nh}, {share(count[hi], nh)}%, "
                        f"against {count[lo]} of {nl}, {share(count[lo], nl)}%)."))
    return inline_markdown(" ".join(_largest(out)) or ("Views were similar across " + join_words(
        [role_plural(g) for g in groups]) + "."))


def _theme_table(snapshot: Snapshot, question: Question) -> list[str]:
    summary = summarise_comments(snapshot, question.id)
    if not summary.theme_totals:
        return []
    groups = list(summary.grouping.order)
    counts = {(t, g): n for t, g, n in summary.theme_rows}
    lines = ["| Theme | " + " | ".join(inline_markdown(g) for g in groups) + " | All |",
             "|---|" + "---|" * len(groups) + "---|"]
    for _, label, n in summary.theme_totals[:5]:
        lines.append(f"| {inline_markdown(label)} | "
                     + " | ".join(str(counts.get((label, g), 0)) for g in groups) + f" | {n} |")
    out = ["Main themes (comments; a comment can have more than one theme):", "", *lines]
    if summary.grouping.note:
        out += ["", inline_markdown(summary.grouping.note)]
    return out


def _poll_section(snapshot: Snapshot, question: Question) -> list[str]:
    poll = summarise_poll(snapshot, question.id)
    head = f"**Poll: {inline_markdown(question.prompt)}**"
    if not poll.n_people:
        return [head, "", "Nobody answered this poll."]
    lines = ["| Group | People | " + " | ".join(inline_markdown(c) for c in poll.choices) + " |",
             "|---|---|" + "---|" * len(poll.choices)]
    for g in poll.grouping.order:
        size = poll.group_sizes.get(g, 0)
        lines.append(f"| {inline_markdown(g)} | {size} | " + " | ".join(
            f"{poll.counts[g][c]} ({share(poll.counts[g][c], size)}%)" for c in poll.choices)
            + " |")
    lines.append(f"| Everyone | {poll.n_people} | " + " | ".join(
        f"{poll.totals[c]} ({share(poll.totals[c], poll.n_people)}%)" for c in poll.choices)
        + " |")
    sentences = []
    for g in poll.grouping.order:
        size = poll.group_sizes.get(g, 0)
        if question.kind == "scale":
            agree = poll.counts[g]["Agree"] + poll.counts[g]["Strongly agree"]
            disagree = poll.counts[g]["Disagree"] + poll.counts[g]["Strongly disagree"]
            sentences.append(f"{agree} of {size} {role_plural(g)} agreed and {disagree} "
                             "disagreed")
        else:
            top = max(poll.choices, key=lambda c: poll.counts[g][c])
            sentences.append(f"{poll.counts[g][top]} of {size} {role_plural(g)} chose "
                             f"\u201c{top}\u201d")
    text = "; ".join(sentences)
    contrast = _poll_contrast(snapshot, question, poll)
    out = [head, "", inline_markdown(text[0].upper() + text[1:] + ".")
           + (" " + contrast if contrast else ""), "", *lines]
    if poll.grouping.note:
        out += ["", inline_markdown(poll.grouping.note)]
    return out


def _card_section(snapshot: Snapshot, card: Card) -> list[str]:
    comment_q = [q for q in card.questions if q.kind == "comment"]
    polls = [q for q in card.questions if q.kind in POLL_KINDS]
    structured = [q for q in card.questions if q.kind not in ("comment", *POLL_KINDS)]
    heading = f"### {inline_markdown(card.title)}"
    if comment_q:
        heading += f": {inline_markdown(comment_q[0].prompt)}"
    out = [heading, "", f"Scenario: {inline_markdown(card.scenario)}", ""]
    said = any(comments_for(snapshot, q.id) for q in comment_q)
    answered = any(a["question_id"] in {q.id for q in polls} for a in snapshot.answers)
    answered = answered or any(report_formats.answered(snapshot, q) for q in structured)
    if not said and not answered:
        hidden = sum(hidden_count(snapshot, q.id) for q in comment_q)
        note = (f" ({plural(hidden, 'comment was', 'comments were')} hidden by the "
                "facilitator.)" if hidden else "")
        return out + ["This question was not discussed at the workshop: nobody commented "
                      f"or answered the poll.{note}", ""]
    for q in comment_q:
        for para in _comment_paragraphs(snapshot, q):
            out += [para, ""]
        table = _theme_table(snapshot, q)
        if table:
            out += [*table, ""]
        hidden = hidden_count(snapshot, q.id)
        if hidden:
            verb = "is" if hidden == 1 else "are"
            out += [f"{plural(hidden, 'comment was', 'comments were').capitalize()} hidden by "
                    f"the facilitator and {verb} not included here.", ""]
    for q in polls:
        out += [*_poll_section(snapshot, q), ""]
    for q in structured:
        out += [*report_formats.section(snapshot, q), ""]
    return out


def _closing(snapshot: Snapshot) -> list[str]:
    comments = snapshot.visible_comments
    out = ["## Headline issues, barriers and enablers", ""]
    if not comments:
        return out + ["No comments were made, so there are no headline messages to draw.", ""]
    theme_counts = Counter(t["theme_id"] for c in comments for t in c["themes"])
    questions_of = {tid: {c["question_id"] for c in comments
                          if tid in [t["theme_id"] for t in c["themes"]]} for tid in theme_counts}
    out.append("Headline issues across the day (comments, and the number of questions where "
               "each came up):")
    out.append("")
    for tid, n in theme_counts.most_common(5):
        out.append(f"- {inline_markdown(snapshot.theme_label(tid))}: {plural(n, 'comment')} "
                   f"across {plural(len(questions_of[tid]), 'question')}")
    out.append("")
    ideas = [c for c in comments if is_way_forward(c)]
    concerns = [c for c in comments if c["kind"] == "issue" and not is_way_forward(c)]
    for items, title, what in ((concerns, "Barriers", "issues and concerns"),
                               (ideas, "Enablers", "ideas and suggestions")):
        counts = Counter(_primary(c) for c in items if _primary(c))
        if not counts:
            continue
        out.append(f"**{title}** ({what} by main theme): " + join_words(
                       [f"{inline_markdown(snapshot.theme_label(t).lower())} ({n})"
                        for t, n in counts.most_common(4)]) + ".")
        out.append("")
    out += ["## Ways forward", ""]
    if not ideas:
        return out + ["No ideas or ways forward were put forward.", ""]
    by_question: dict[str, list[dict]] = {}
    for c in ideas:
        by_question.setdefault(c["question_id"], []).append(c)
    for q in snapshot.pack.questions:
        if q.id in by_question:
            best = representative(snapshot, by_question[q.id], 1)[0]
            out.append(f"- {inline_markdown(snapshot.pack.card_of(q.id).title)}: "
                       f"{_quote(snapshot, best, comment_grouping(snapshot, q.id))}")
    return out + [""]


def _methods(snapshot: Snapshot) -> list[str]:
    total = len(snapshot.comments)
    visible = len(snapshot.visible_comments)
    hidden = hidden_count(snapshot)
    person = sum(1 for c in snapshot.visible_comments
                 if any(t["source"] == "person" for t in c["themes"]))
    unassigned = sum(1 for c in snapshot.visible_comments if not c["themes"])
    return ["## How this draft was made", "",
            f"This draft was written from {counted(visible, 'comment')} and "
            f"{counted(len(snapshot.answers), 'poll answer')} given by participants; it leaves "
            f"out {counted(hidden, 'comment')} hidden by the facilitator and "
            f"{counted(total - visible - hidden, 'comment')} withdrawn by their authors. Themes "
            "were suggested automatically from the workshop's codebook; a facilitator set the "
            f"themes of {counted(person, 'comment')}, and {counted(unassigned, 'comment')} "
            "fitted no theme. Every figure is counted from the workshop's data and every "
            "quotation is a participant's own words, attributed by role only. Quantity words "
            "are used only where the counts earn them: \u201cmost\u201d means more than half, "
            "\u201cmany\u201d 30 to 50%, \u201csome\u201d 15 to 30% and \u201ca few\u201d "
            "at least two; nothing is generalised from a single comment. A difference "
            f"between roles is reported only where each role had at least {MIN_CONTRAST_GROUP} "
            "people and the difference was large (30 points or more) and unlikely to be chance; "
            "otherwise views are described as similar. Ways forward come from comments typed as "
            "ideas or worded as suggestions. Groups of fewer than three people in a role are "
            "reported together. Before sharing, a person should check that the themes fit the "
            "comments, that the quotations chosen are fair, and that the wording reflects the "
            "discussion in the room; `python -m workshop report WORKSHOP --check` re-checks "
            "every figure and quotation of an edited version against the data.", ""]


def draft_report(snapshot: Snapshot) -> str:
    """The whole report as markdown."""
    w, pack = snapshot.workshop, snapshot.pack
    date = inline_markdown(_date(w.get("date", "")))
    where = inline_markdown(", ".join(p for p in (w.get("region"), w.get("venue")) if p))
    out = [f"## {inline_markdown(w['region'].upper())} WORKSHOP REPORT:", "",
           f"# {inline_markdown(w['title'].upper())}", "", date, "",
           f"# Regional Workshop: {inline_markdown(w['title'])} {where}, {date}", "",
           "## Background", "",
           markdown_text(w.get("background") or pack.summary or pack.title), "",
           "## The regional workshop", ""]
    if pack.objectives:
        out += [inline_markdown("The objectives of the day were to " + join_words(
            [o.rstrip(".")[0].lower() + o.rstrip(".")[1:] for o in pack.objectives]) + "."), ""]
    out += [inline_markdown(_participants(snapshot)), ""]
    if pack.background:
        out += [inline_markdown(pack.background), ""]
    for stage in pack.stages:
        out += [f"## {inline_markdown(stage.title)}", ""]
        for card in stage.cards:
            out += _card_section(snapshot, card)
    out += _closing(snapshot)
    out += _methods(snapshot)
    return "\n".join(out).rstrip() + "\n"
