"""The drafted national report of a programme: its regional workshops read together.

Written in the voice of the regional report (workshop/report.py) and from the same
counts: key messages first (what every region said, what only some did, where roles
differed within regions, the ways forward proposed), then each question across the
regions, the ways forward most often proposed, and an appendix per region with that
region's own key messages. Every quotation is a visible comment, verbatim, attributed to
its region and to the group its author is counted in on that region's chart. Differences
between roles are only those the regional tests find (workshop/analysis.py), region by
region; nothing is said about roles where no region had enough people to compare them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from workshop import report_formats
from workshop.analysis import (MIN_CONTRAST_GROUP, MIN_GROUP, POOLED, PollSummary,
                               comments_for, comparable_groups, hidden_count, poll_differences,
                               share, summarise_poll, theme_differences)
from workshop.points import Point, distinct_points, same_point, shared
from workshop.programmes import Region
from workshop.region_differences import compare_regions, comparison_note, region_sentence
from workshop.report import _date, _inputs, _on_paper, _poll_overall, _reached, card_opening
from workshop.report_messages import Day, difference_sentence, key_messages, with_messages
from workshop.scenarios import POLL_KINDS, Card, Pack, Question, pack_from_dict
from workshop.text import inline_markdown, markdown_text, quoted
from workshop.wording import (Voice, attribution, capital, counted, in_sentence, join_words,
                              number, plural)

# Themes named in the key messages: raised everywhere, and raised in some regions only.
EVERYWHERE_SHOWN = 3
SOMEWHERE_SHOWN = 2
DIFFERENCES_SHOWN = 3
REGION_DIFFERENCES_SHOWN = 3      # in the key messages
REGION_DIFFERENCES_PER_QUESTION = 2
THEMES_IN_TABLE = 6
WAYS_FORWARD_SHOWN = 10
POINTS_PER_REGION = 1
APPENDIX_TITLE = "Appendix: the regions one by one"


def attributed(region: str, label: str) -> str:
    """What follows a quotation in the national report: its region and role."""
    return f"{region}, {attribution(label)}"


def _quoter(region: str):
    def quote(snapshot, comment: dict, group) -> str:
        return quoted(comment["text"], attributed(
            region, group.label_for(snapshot.role_of(comment["delegate_id"]))))
    return quote


def _name(label: str) -> str:
    return inline_markdown(in_sentence(label))


@dataclass
class _Programme:
    """What one national draft is made from."""
    title: str
    description: str
    pack: Pack
    regions: list[Region]
    days: dict[str, Day]               # region name -> the region read as a regional day
    voice: Voice
    compared: list | None = None       # (card, RegionComparison) per question, once worked out

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.regions]

    def theme_label(self, theme_id: str) -> str:
        for t in self.pack.codebook:
            if t.id == theme_id:
                return t.label
        for r in self.regions:
            label = r.snapshot.theme_label(theme_id)
            if label != theme_id:
                return label
        return theme_id

    def reached(self) -> list[Card]:
        """The pack's questions (cards) reached in at least one region, in pack order."""
        ids = {c.id for day in self.days.values() for c in day.reached}
        return [c for c in self.pack.cards if c.id in ids]


def _regions_named(names: list[str]) -> str:
    return inline_markdown(join_words(names))


def _of_regions(some: int, total: int) -> str:
    """'all three regions', 'two of the three regions'."""
    if some == total:
        return f"all {number(total)} regions" if total > 2 else (
            "both regions" if total == 2 else "the one region")
    return f"{number(some)} of the {number(total)} regions"


def _typical(comments: list[dict]) -> dict:
    """The comment nearest the centre of the others (a statement before a question)."""
    centre = shared(comments)
    return max(comments, key=lambda c: (c["kind"] != "question", centre[c["id"]]))


# --- key messages -------------------------------------------------------------------------

def _theme_reach(p: _Programme) -> dict[str, dict[str, list[dict]]]:
    """theme id -> region -> visible comments with that theme (on questions reached)."""
    found: dict[str, dict[str, list[dict]]] = {}
    for r in p.regions:
        for c in r.snapshot.visible_comments:
            for t in c["themes"]:
                found.setdefault(t["theme_id"], {}).setdefault(r.name, []).append(c)
    return found


def _people(comments) -> int:
    return len({c["delegate_id"] for c in comments})


def _by_region(p: _Programme, per_region: dict[str, list[dict]]) -> str:
    return "; ".join(f"{inline_markdown(name)} {_people(per_region[name])}"
                     for name in p.names if name in per_region)


def _everywhere(p: _Programme, reach) -> list[str]:
    if len(p.regions) < 2:
        return []
    every = [(tid, by) for tid, by in reach.items() if len(by) == len(p.regions)]
    every.sort(key=lambda x: (-sum(_people(v) for v in x[1].values()), p.theme_label(x[0])))
    out = []
    for tid, by in every[:EVERYWHERE_SHOWN]:
        people = sum(_people(v) for v in by.values())
        top = max(p.names, key=lambda n: _people(by[n]))
        text = (f"**{capital(_name(p.theme_label(tid)))} came up in every region.** "
                + p.voice.pick("national-every", [
                    f"{capital(plural(people, 'person', 'people'))} raised it across all "
                    f"{number(len(p.regions))} regions (people by region: "
                    f"{_by_region(p, by)}).",
                    f"In all {number(len(p.regions))} regions people raised it: "
                    f"{plural(people, 'person', 'people')} in all ({_by_region(p, by)}).",
                ]))
        quote = p.days[top].quote(_typical(by[top]))
        out.append(f"{text} In {inline_markdown(top)}, for example: {quote}.")
    return out


def _somewhere(p: _Programme, reach) -> list[str]:
    if len(p.regions) < 2:
        return []
    some = [(tid, by) for tid, by in reach.items()
            if len(by) < len(p.regions) and sum(_people(v) for v in by.values()) >= 2]
    some.sort(key=lambda x: (-sum(_people(v) for v in x[1].values()), p.theme_label(x[0])))
    out = []
    for tid, by in some[:SOMEWHERE_SHOWN]:
        people = sum(_people(v) for v in by.values())
        names = [n for n in p.names if n in by]
        where = (f"only in {_regions_named(names)}" if len(names) == 1 else
                 f"in {number(len(names))} of the {number(len(p.regions))} regions only: "
                 f"{_regions_named(names)}")
        out.append(f"**{capital(_name(p.theme_label(tid)))} came up in some regions "
                   f"only.** {capital(plural(people, 'person', 'people'))} raised it, "
                   f"{where}.")
    return out


@dataclass(frozen=True)
class _Found:
    region: str
    difference: object
    kind: str
    card: Card


def _differences(p: _Programme) -> tuple[list[_Found], int]:
    """Every difference between roles a region's own tests find, and how many regions
    could compare roles at all (two roles with enough people on one question)."""
    found, comparable = [], 0
    for r in p.regions:
        day, could = p.days[r.name], False
        for card in day.reached:
            for q in card.questions:
                if q.kind in POLL_KINDS:
                    could |= len(comparable_groups(summarise_poll(r.snapshot, q.id))) >= 2
                    found += [_Found(r.name, d, q.kind, card)
                              for d in poll_differences(r.snapshot, q.id)]
                elif q.kind == "comment":
                    roles, diffs = theme_differences(r.snapshot, q.id)
                    could |= len(roles) >= 2
                    found += [_Found(r.name, d, "theme", card) for d in diffs]
        comparable += could
    return found, comparable


def _differences_message(p: _Programme) -> str | None:
    found, comparable = _differences(p)
    if not comparable:
        return (f"**Too few people in each role to compare roles.** In no region did two "
                f"roles each have {number(MIN_CONTRAST_GROUP)} people or more answering "
                "the same question, so no difference between roles is reported.")
    if not found:
        return (f"**Roles answered alike.** In the {plural(comparable, 'region')} where "
                "roles could be compared, no role's answers differed markedly from "
                "another's on any poll or theme.")
    groups: dict[tuple, list[_Found]] = {}
    for f in found:
        d = f.difference
        groups.setdefault((f.card.id, d.question_id, d.option, d.high, d.low), []).append(f)
    ranked = sorted(groups.values(), key=lambda g: (-len(g), -max(f.difference.gap for f in g)))
    said = []
    for group in ranked[:DIFFERENCES_SHOWN]:
        first = group[0]
        day = p.days[first.region]
        where = (f"On {_name(first.card.title)}, in {inline_markdown(first.region)}, "
                 if len(group) == 1 else
                 f"On {_name(first.card.title)}, in {number(len(group))} regions "
                 f"({_regions_named([f.region for f in group])}), ")
        sentence = difference_sentence(day, first.difference, first.kind, where)
        if len(group) > 1:
            sentence += " " + "; ".join(
                f"{inline_markdown(f.region)}: {f.difference.x_high} of "
                f"{f.difference.n_high} against {f.difference.x_low} of {f.difference.n_low}"
                for f in group[1:]) + "."
        said.append(sentence)
    regions = {f.region for f in found}
    text = "**Where roles differed.** " + " ".join(said)
    text += (f" In all, {plural(len(found), 'difference')} between roles stood out, in "
             f"{_of_regions(len(regions), comparable)} where roles could be compared; "
             "each region's are set out in its own report.")
    return text


def _region_differences(p: _Programme) -> list:
    """Every question's comparison of each region with the rest, in pack order."""
    if p.compared is None:
        p.compared = [(card, compare_regions(p.regions, q)) for card in p.reached()
                       for q in card.questions if q.kind in POLL_KINDS or q.kind == "comment"]
    return p.compared


def _region_message(p: _Programme) -> str | None:
    if len(p.regions) < 2:
        return None
    compared = _region_differences(p)
    found = [(card, d) for card, c in compared for d in c.found]
    if not any(len(c.compared) >= 1 and len(c.compared) + len(c.too_small) >= 2
               for _, c in compared):
        return None
    if not found:
        return ("**No region stood apart.** On every question, each region's answers and "
                "themes were close enough to the rest that no difference is reported.")
    found.sort(key=lambda x: -x[1].gap)
    said = [region_sentence(d, p.theme_label, f"On {_name(card.title)}, ")
            for card, d in found[:REGION_DIFFERENCES_SHOWN]]
    regions = {d.region for _, d in found}
    return (f"**Where a region differed from the rest.** " + " ".join(said)
            + f" In all, {plural(len(found), 'difference')} between one region and the "
            f"rest stood out, in {_of_regions(len(regions), len(p.regions))}.")


def _ideas(p: _Programme) -> list[tuple[Point, dict[str, Point]]]:
    """Ways forward (comments typed as ideas), grouped into points within each region and
    then across regions: (the point quoted, region -> that region's point), the points made
    by most people first."""
    merged: list[tuple[Point, dict[str, Point]]] = []
    for r in p.regions:
        reached = {q.id for c in p.days[r.name].reached for q in c.questions}
        ideas = [c for c in r.snapshot.visible_comments
                 if c["kind"] == "idea" and c["question_id"] in reached]
        for point in distinct_points(ideas):
            home = next((m for m in merged if r.name not in m[1]
                         and same_point(m[0].lead, point.lead)), None)
            if home is None:
                merged.append((point, {r.name: point}))
            else:
                home[1][r.name] = point
    order = {n: i for i, n in enumerate(p.names)}

    def people(m) -> int:
        return sum(pt.people for pt in m[1].values())
    merged.sort(key=lambda m: (-people(m), -len(m[1]), order[next(iter(m[1]))]))
    return merged


def _made_by(p: _Programme, regions: dict[str, Point]) -> str:
    people = sum(pt.people for pt in regions.values())
    if len(regions) == 1:
        return (f"Made by {plural(people, 'person', 'people')}." if people > 1 else "")
    return (f"Made by {plural(people, 'person', 'people')} in {number(len(regions))} "
            f"regions: {_regions_named([n for n in p.names if n in regions])}.")


def _ideas_message(p: _Programme, ideas) -> str | None:
    if not ideas:
        return None
    people = sum(pt.people for _, by in ideas for pt in by.values())
    regions = {n for _, by in ideas for n in by}
    text = (f"**Ways forward.** {capital(plural(people, 'person', 'people'))} in "
            f"{plural(len(regions), 'region')} put forward ideas.")
    shared_by = [(pt, by) for pt, by in ideas if len(by) > 1]
    if shared_by:
        lead, by = shared_by[0]
        region = next(n for n in p.names if n in by)
        text += (" The one proposed in most regions: "
                 f"{p.days[region].quote(by[region].lead)}. {_made_by(p, by)}")
    else:
        lead, by = ideas[0]
        region = next(iter(by))
        text += (" No idea was put forward in more than one region. The one made by most "
                 f"people: {p.days[region].quote(lead.lead)}. {_made_by(p, by)}")
    return text.rstrip()


def _key_messages(p: _Programme, ideas) -> list[str]:
    out = ["## Key messages", ""]
    reach = _theme_reach(p)
    messages = _everywhere(p, reach) + _somewhere(p, reach)
    for extra in (_region_message(p), _differences_message(p) if p.regions else None,
                  _ideas_message(p, ideas)):
        if extra:
            messages.append(extra)
    return with_messages(out, messages, "Nothing has been said or answered yet in any "
                         "region, so there are no messages to draw.", "The programme in "
                         "brief. The sections after take each question across the regions, "
                         "and the appendix gives each region's own key messages.")


# --- the opening --------------------------------------------------------------------------

def _title(p: _Programme) -> list[str]:
    dates = sorted(r.snapshot.workshop.get("date", "") for r in p.regions)
    if not p.regions:
        return [f"# {inline_markdown(p.title)}", "",
                "National report. No regional workshop has joined the programme yet.", ""]
    line = f"National report on {plural(len(p.regions), 'regional workshop')}"
    if dates and dates[0] and dates[0] != dates[-1]:
        line += f", {inline_markdown(_date(dates[0]))} to {inline_markdown(_date(dates[-1]))}"
    elif dates and dates[0]:
        line += f", {inline_markdown(_date(dates[0]))}"
    return [f"# {inline_markdown(p.title)}", "", line + ".", ""]


def _background(p: _Programme) -> list[str]:
    out = ["## Background", ""]
    text = p.description or p.pack.summary or p.pack.title
    out += [markdown_text(text), ""]
    out += [f"Every workshop of the programme used the same pack, "
            f"{inline_markdown(p.pack.title)}, so each question can be read across the "
            "regions. The workshops:", ""]
    for r in p.regions:
        w = r.snapshot.workshop
        where = ", ".join(inline_markdown(x) for x in (_date(w.get("date", "")),
                                                      w.get("venue")) if x)
        line = f"- **{inline_markdown(r.name)}**" + (f": {where}" if where else "")
        line += f". {capital(plural(len(r.snapshot.delegates), 'person', 'people'))} took part."
        if r.simulated:
            line += " The answers at this workshop are simulated, for demonstration."
        out.append(line)
    simulated = [r.name for r in p.regions if r.simulated]
    out.append("")
    if simulated:
        out += [f"Simulated answers: {_regions_named(simulated)}. What this report says "
                "about " + ("that region" if len(simulated) == 1 else "those regions")
                + " shows how the report reads, not what was said there.", ""]
    return out


def _overview_table(p: _Programme) -> list[str]:
    lines = ["| Region | Date | Venue | People | Comments | Poll answers |",
             "|---|---|---|---|---|---|"]
    for r in p.regions:
        w, s = r.snapshot.workshop, r.snapshot
        lines.append(f"| {inline_markdown(r.name)} | {inline_markdown(w.get('date', ''))} | "
                     f"{inline_markdown(w.get('venue', ''))} | {len(s.delegates)} | "
                     f"{len(s.visible_comments)} | {len(s.answers)} |")
    return ["## The regional workshops", "", *lines, ""]


# --- each question across the regions ------------------------------------------------------

def _comment_question(p: _Programme, q: Question) -> list[str]:
    per = {r.name: comments_for(r.snapshot, q.id) for r in p.regions}
    per = {n: c for n, c in per.items() if c}
    if not per:
        return ["Nobody commented on this question in any region.", ""]
    n_comments = sum(len(c) for c in per.values())
    people = sum(_people(c) for c in per.values())
    out = [f"{capital(plural(people, 'person', 'people'))} in {plural(len(per), 'region')} "
           f"made {plural(n_comments, 'comment')} here."]
    counts: dict[str, Counter] = {}
    for name, comments in per.items():
        counts[name] = Counter(t["theme_id"] for c in comments for t in c["themes"])
    totals = sum(counts.values(), Counter())
    ranked = sorted(totals, key=lambda t: (-totals[t], p.theme_label(t)))
    if ranked:
        top = ranked[0]
        where = [n for n in per if counts[n][top]]
        out[0] += (f" {capital(_name(p.theme_label(top)))} came up most "
                   f"({plural(totals[top], 'comment')}), in "
                   f"{_of_regions(len(where), len(per))}.")
    out.append("")
    names = list(per)
    if ranked:
        out += ["Themes (comments) by region:", "",
                "| Theme | " + " | ".join(inline_markdown(n) for n in names) + " | All |",
                "|---|" + "---|" * len(names) + "---|"]
        for tid in ranked[:THEMES_IN_TABLE]:
            out.append(f"| {inline_markdown(p.theme_label(tid))} | "
                       + " | ".join(str(counts[n][tid]) for n in names)
                       + f" | {totals[tid]} |")
        out.append("")
    out.append("The point made by most people in each region:")
    for name, comments in per.items():
        point = distinct_points(comments)[0]
        made = f" {capital(number(point.people))} people made it." if point.people > 1 else ""
        out.append(f"- {p.days[name].quote(point.lead)}.{made}")
    return out + [""]


def _pooled_poll(p: _Programme, q: Question) -> tuple[PollSummary, dict[str, PollSummary]]:
    per = {r.name: summarise_poll(r.snapshot, q.id) for r in p.regions}
    totals = {c: sum(s.totals[c] for s in per.values()) for c in q.choices}
    n = sum(s.n_people for s in per.values())
    pooled = PollSummary(q.id, q.choices, n, next(iter(per.values())).grouping, {}, {}, totals)
    return pooled, {k: v for k, v in per.items() if v.n_people}


def _poll_question(p: _Programme, q: Question) -> list[str]:
    head = f"**Poll: {inline_markdown(q.prompt)}**"
    pooled, per = _pooled_poll(p, q)
    if not pooled.n_people:
        return [head, "", "Nobody answered this poll in any region.", ""]
    day = Day(p.regions[0].snapshot, p.voice, [], _quoter(""))
    text = [f"Across {plural(len(per), 'region')}: " + in_sentence(_poll_overall(day, q, pooled))]
    for name, poll in per.items():
        found = poll_differences(p.days[name].snapshot, q.id)
        text += [difference_sentence(p.days[name], d, q.kind, f"In {inline_markdown(name)}, ")
                 for d in found[:1]]
    lines = ["| Region | People | " + " | ".join(inline_markdown(c) for c in q.choices) + " |",
             "|---|---|" + "---|" * len(q.choices)]
    for name, poll in per.items():
        lines.append(f"| {inline_markdown(name)} | {poll.n_people} | " + " | ".join(
            f"{poll.totals[c]} ({share(poll.totals[c], poll.n_people)}%)" for c in q.choices)
            + " |")
    lines.append(f"| All regions | {pooled.n_people} | " + " | ".join(
        f"{pooled.totals[c]} ({share(pooled.totals[c], pooled.n_people)}%)"
        for c in q.choices) + " |")
    return [head, "", " ".join(text), "", *lines, ""]


def _other_question(p: _Programme, q: Question) -> list[str]:
    said = [(r.name, report_formats.headline(r.snapshot, q)) for r in p.regions]
    said = [(n, h) for n, h in said if h]
    head = f"**{inline_markdown(q.prompt)}**"
    if not said:
        return [head, "", "Nobody answered this in any region.", ""]
    return [head, "", *[f"- {inline_markdown(n)}: {h}" for n, h in said], ""]


def _region_lines(p: _Programme, q: Question) -> list[str]:
    """Where a region differed from the rest on this question, or why none is said."""
    if len(p.regions) < 2:
        return []
    c = next(c for _, c in _region_differences(p) if c.question_id == q.id)
    said = [region_sentence(d, p.theme_label)
            for d in c.found[:REGION_DIFFERENCES_PER_QUESTION]]
    if len(c.found) > REGION_DIFFERENCES_PER_QUESTION:
        more = plural(len(c.found) - REGION_DIFFERENCES_PER_QUESTION, "other difference")
        said.append(f"{capital(more)} between a region and the rest stood out here.")
    note = comparison_note(c)
    return [" ".join([*said, note]).strip(), ""]


def _card_section(p: _Programme, card: Card) -> list[str]:
    out = card_opening(card)
    missing = [r.name for r in p.regions if card not in p.days[r.name].reached]
    if missing:
        out += [f"Not reached in {_regions_named(missing)}.", ""]
    for q in card.questions:
        if q.kind == "comment":
            out += _comment_question(p, q) + _region_lines(p, q)
        elif q.kind in POLL_KINDS:
            out += _poll_question(p, q) + _region_lines(p, q)
        else:
            out += _other_question(p, q)
    return out


def _ways_forward(p: _Programme, ideas) -> list[str]:
    if not ideas:
        return []
    out = ["## Ways forward most often proposed", "",
           "The ideas people typed, in every region, those made by most people first. "
           "Ideas making the same point are quoted once.", ""]
    for lead, by in ideas[:WAYS_FORWARD_SHOWN]:
        region = next(n for n in p.names if n in by)
        made = _made_by(p, by)
        out.append(f"- {p.days[region].quote(by[region].lead)}." + (f" {made}" if made else ""))
    if len(ideas) > WAYS_FORWARD_SHOWN:
        out.append(f"- {plural(len(ideas) - WAYS_FORWARD_SHOWN, 'more idea')}, in the "
                   "regional reports.")
    return out + [""]


def _methods(p: _Programme) -> list[str]:
    """How the draft was made: what it was written from, the rules its words follow, and
    how each region's paper input was counted (the regional report's rule)."""
    out = ["## How this draft was made", ""]
    inputs = []
    for r in p.regions:
        s = r.snapshot
        hidden = hidden_count(s)
        withdrawn = len(s.comments) - len(s.visible_comments) - hidden
        inputs.append(f"- {inline_markdown(r.name)}: "
                      f"{join_words(_inputs(s, len(s.visible_comments)))}; "
                      f"{counted(hidden, 'comment')} hidden by the facilitator and "
                      f"{counted(withdrawn, 'comment')} withdrawn by their authors are left "
                      "out.")
    out += ["This draft was written from every region's own data:", "", *inputs, "",
            "Themes were suggested automatically from the pack's codebook, and a facilitator "
            "could change them, region by region. Every figure is counted from the "
            "regions' data. Every quotation is a participant's own words, attributed to "
            "its region and to the role its author is counted in there. Ways forward are "
            "only what people typed as ideas. Quantity words are used only where the counts "
            "earn them, as in the regional reports; a theme is said to come up in every "
            "region only where each region raised it, and nothing is generalised from a single comment. A "
            "difference between roles, or between one region and the rest, is reported "
            f"only where each side had at least {MIN_CONTRAST_GROUP} people and the "
            "difference was large (30 points or more) and unlikely to be chance; a region "
            "with fewer people is counted only with the rest. Where fewer than "
            f"{number(MIN_GROUP)} people in a role answered a question in a region, their "
            f"answers are shown together as \u201c{POOLED}\u201d, to protect their "
            "privacy.", ""]
    for r in p.regions:
        for line in _on_paper(r.snapshot):
            if line:
                out += [f"In {inline_markdown(r.name)}, {line[0].lower()}{line[1:]}", ""]
    out += ["Before sharing, a person should check that the themes fit the comments, that "
            "the quotations chosen are fair, and that the wording reflects the discussions "
            "in the regions. The programme page checks an edited version against the data: "
            "every figure, quotation and quantity word.", ""]
    return out


def _appendix(p: _Programme) -> list[str]:
    out = [f"## {APPENDIX_TITLE}", "",
           "Each region's own key messages, as its regional report gives them. Each "
           "regional report has every point made and every comment as typed.", ""]
    for r in p.regions:
        out += [f"### {inline_markdown(r.name)}", ""]
        lines = key_messages(p.days[r.name])
        body = [line for line in lines[2:] if not line.startswith("The day in brief.")]
        while body and not body[0].strip():
            body.pop(0)
        out += body
    return out


def _programme(programme: dict, regions: list[Region]) -> _Programme:
    voice = Voice()
    days = {r.name: Day(r.snapshot, voice, [c for c in r.snapshot.pack.cards
                                           if _reached(r.snapshot, c)], _quoter(r.name))
            for r in regions}
    pack = pack_from_dict(programme["pack"], f"programme {programme.get('id', '')}")
    return _Programme(programme["title"], programme.get("description") or "", pack,
                      list(regions), days, voice)


def reached_cards(programme: dict, regions: list[Region]) -> list[Card]:
    """The pack's questions (cards) reached in at least one region, in pack order."""
    return _programme(programme, regions).reached()


def draft_national_report(programme: dict, regions: list[Region]) -> str:
    """The whole national report as markdown."""
    p = _programme(programme, regions)
    ideas = _ideas(p)
    out = _title(p)
    out += _key_messages(p, ideas)
    out += _background(p)
    out += _overview_table(p)
    reached = p.reached()
    if reached:
        out += ["## Question by question", ""]
        for card in reached:
            out += _card_section(p, card)
    out += _ways_forward(p, ideas)
    if p.regions:
        out += _methods(p)
        out += _appendix(p)
    return "\n".join(out).rstrip() + "\n"
