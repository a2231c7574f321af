"""What a sentence of a report claims, re-derived from the data.

workshop/claims.py matches each line of a report to the fresh draft and compares figures;
the rules here read what a sentence *says*, so a rewritten sentence is checked too:

- counts: "six people made ten comments", "electronic call monitoring (four comments)",
  "three people raised concerns", and for a theme over the day how many people raised it,
  on how many questions, in which roles;
- quantity words ("most", "many", "some", "a few" before a noun) by their rules
  (workshop/wording.py quantity), from the figures the sentence gives or, for a rating,
  from the ratings;
- a single person's comment is never generalised ("participants felt" needs two people);
- a way forward is only ever a comment typed as an idea;
- who came first, last, tied or in any place (entries, options, ideas, poll answers) is as
  the data has it; entries by the average of the judges who scored each;
- who the panel awarded, jointly or not, by whose casting vote and with what prize, is as
  the facilitator recorded it (workshop/decisions.py), and no entry is invented;
- a difference between roles is one the data shows, and "the roles answered alike" only
  where no answer of any poll differs;
- what the pack planned is introduced as the plan, never written as what happened.

Each rule returns plain-English problems; none of them fires on a fresh draft.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from workshop.analysis import (POOLED, grouping, poll_differences, summarise_poll,
                               theme_differences)
from workshop.decisions import casting_words, decision_of, money, titles
from workshop.points import same_point
from workshop.report_messages import theme_reach
from workshop.results import board_result, points_result, ranking_result, scoring_result
from workshop.scenarios import POLL_KINDS, Card
from workshop.text import as_typed
from workshop.report_words import _, english
from workshop.wording import attribution, join_words, quantity, role_names, role_plural
from workshop.workshops import Snapshot

_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
NUM = r"(\d[\d,]*|" + "|".join(_WORDS) + r")"
_QUOTED = re.compile(r"\u201c(.+?)\u201d(?:\s*\(((?:[^()\n]|\([^()\n]*\))*)\))?")


def value(token: str) -> int:
    low = token.lower()
    return _WORDS.index(low) + 1 if low in _WORDS else int(token.replace(",", ""))


def plain(text: str) -> str:
    """Markdown escapes and emphasis removed, spaces collapsed, lower case."""
    text = as_typed(text).replace("*", "")
    return " ".join(text.split()).strip(" .\u2026").lower()


@dataclass
class Sentence:
    """One sentence of a line: its text with quotations masked, and the quotations in it
    (text, attribution) in order. `masked` keeps each quotation's place as \u00a7n\u00a7."""
    masked: str
    quotes: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def bare(self) -> str:
        """The sentence without its quotations, in lower case, markdown removed."""
        return plain(re.sub(r"\u00a7\d+\u00a7", " ", self.masked))


def sentences(line: str) -> list[Sentence]:
    quotes: list[tuple[str, str | None]] = []

    def mask(m: re.Match) -> str:
        quotes.append((m.group(1), m.group(2)))
        return f"\u00a7{len(quotes) - 1}\u00a7"

    masked = _QUOTED.sub(mask, line)
    out = []
    for part in re.split(r"(?<=[.!?])\s+(?=[A-Z\u00a7*])", masked):
        ids = [int(i) for i in re.findall(r"\u00a7(\d+)\u00a7", part)]
        out.append(Sentence(part, [quotes[i] for i in ids]))
    return out


@dataclass(frozen=True)
class Ranked:
    """Names in order of a result, with their rank (equal values share one)."""
    names: dict[str, int]            # plain name -> rank (1 = first)
    last: int                        # the rank of the last
    unplaced: tuple[str, ...] = ()   # plain names with no place (an entry nobody scored)
    aliases: tuple[tuple[str, str], ...] = ()  # (another plain name, the name): an entry's group

    def tied_with(self, name: str) -> list[str]:
        return [n for n, r in self.names.items() if r == self.names[name] and n != name]


def _ranked(values: dict[str, float], high_first: bool, unplaced=(), aliases=()) -> Ranked:
    order = sorted(values, key=lambda n: -values[n] if high_first else values[n])
    ranks, previous, rank = {}, None, 0
    for i, name in enumerate(order, start=1):
        rank = rank if values[name] == previous else i
        previous = values[name]
        ranks[plain(name)] = rank
    return Ranked(ranks, max(ranks.values()) if ranks else 0,
                  tuple(plain(n) for n in unplaced),
                  tuple((plain(a), plain(n)) for a, n in aliases if plain(a) not in ranks))


class Facts:
    """Everything the rules compare against, counted once per check."""

    def __init__(self, snapshot: Snapshot, reached: list[Card]):
        self.snapshot = snapshot
        pack = snapshot.pack
        self.reached = reached
        self.cards = {plain(c.title): c for c in pack.cards}
        self.themes = {plain(t.label): t.id for t in snapshot.codebook}
        self.roles: dict[str, str] = {}
        for r in pack.roles:
            for name in role_names(r.label):
                self.roles[name.lower()] = r.label
        for name in role_names(POOLED):
            self.roles[name.lower()] = POOLED
        self.labels = {attribution(r.label).lower(): r.label for r in pack.roles}
        self.labels |= {r.label.lower(): r.label for r in pack.roles}
        self.reach = {r.theme_id: r for r in theme_reach(snapshot, reached)}
        visible = snapshot.visible_comments
        self.by_text: dict[str, list[dict]] = {}
        for c in visible:
            self.by_text.setdefault(plain(c["text"]), []).append(c)
        self._comments: dict[str | None, list[dict]] = {}
        self._found: dict[tuple, list] = {}
        self.plan = _shingles(" ".join([pack.summary or "", pack.background or "",
                                        *pack.objectives]))
        self.nouns = _nouns(pack)

    # --- comments ---------------------------------------------------------------------
    def comments(self, card: Card | None) -> list[dict]:
        key = card.id if card else None
        if key not in self._comments:
            ids = {q.id for c in ([card] if card else self.reached) for q in c.questions}
            self._comments[key] = [c for c in self.snapshot.visible_comments
                                   if c["question_id"] in ids]
        return self._comments[key]

    def quoted_comments(self, text: str) -> list[dict]:
        key = plain(text)
        exact = self.by_text.get(key)
        if exact:
            return exact
        return [c for k, cs in self.by_text.items() if key and key in k for c in cs]

    def backing(self, text: str) -> set[str]:
        """The people behind a quoted comment: its author and everyone who made the same
        point on the same question."""
        found = self.quoted_comments(text)
        people = set()
        for c in found:
            peers = [o for o in self.comments(self.snapshot.pack.card_of(c["question_id"]))
                     if o["question_id"] == c["question_id"]]
            people |= {o["delegate_id"] for o in peers if same_point(o, c)}
        return people

    # --- results ----------------------------------------------------------------------
    def ranked(self, card: Card | None) -> list[tuple[str, Ranked, object]]:
        """Every ranked result in scope: (what, ranking, the question)."""
        key = (card.id if card else None, "ranked")
        if key not in self._found:
            self._found[key] = self._all_ranked(card)
        return self._found[key]

    def _all_ranked(self, card: Card | None) -> list[tuple[str, Ranked, object]]:
        cards = [card] if card else self.reached
        out = []
        for c in cards:
            for q in c.questions:
                out += [(kind, ranked, q) for kind, ranked, _ in self._ranked(q)]
        return out

    def judging(self, card: Card | None) -> list:
        """The judging questions in scope, each with its recorded decision (or None)."""
        cards = [card] if card else self.reached
        return [(q, decision_of(self.snapshot.workshop, q.id)) for c in cards
                for q in c.questions if q.kind == "scoring_matrix"]

    def _ranked(self, q) -> list[tuple[str, Ranked, dict]]:
        snap = self.snapshot
        answered = [a for a in snap.answers if a["question_id"] == q.id and a.get("values")]
        if q.kind == "scoring_matrix":
            # Ranked by the average of the judges who scored each entry (results.py).
            r = scoring_result(snap, q.id)
            scored = {e.title: e.average for e in r.entries if e.judges}
            unscored = [e.title for e in r.entries if not e.judges]
            groups = [(e.group, e.title) for e in r.entries if e.group]
            return [("entry", _ranked(scored, True, unscored, groups), {})] if scored else []
        if q.kind == "ranking" and answered:
            r = ranking_result(snap, q.id)
            return [("ranking", _ranked({o: round(v, 1) for o, v in r.average["Everyone"]
                                         .items()}, False), {})]
        if q.kind == "points" and answered:
            r = points_result(snap, q.id)
            if "Everyone" in r.average:
                return [("points", _ranked({o: round(v, 1) for o, v in r.average["Everyone"]
                                            .items()}, True), {})]
        if q.kind == "idea_board":
            r = board_result(snap, q.id)
            out = []
            for tag in (q.tags or (None,)):
                ideas = {i.text: i.votes for i in r.ideas if tag is None or i.tag == tag}
                if ideas:
                    out.append(("idea", _ranked(ideas, True), {}))
            return out
        if q.kind == "choice" and answered:
            poll = summarise_poll(snap, q.id)
            return [("answer", _ranked(dict(poll.totals), True), {})]
        return []

    def differences(self, card: Card | None, kind: str):
        """Poll ("poll") or theme ("theme") differences between roles in scope."""
        key = (card.id if card else None, kind)
        if key not in self._found:
            self._found[key] = self._differences(card, kind)
        return self._found[key]

    def _differences(self, card: Card | None, kind: str):
        cards = [card] if card else self.reached
        out = []
        for c in cards:
            for q in c.questions:
                if kind == "poll" and q.kind in POLL_KINDS:
                    out += [(q, d) for d in poll_differences(self.snapshot, q.id)]
                if kind == "theme" and q.kind == "comment":
                    out += [(q, d) for d in theme_differences(self.snapshot, q.id)[1]]
        return out


def _shingles(text: str, size: int = 8) -> set[str]:
    words = re.findall(r"[\w'\u2019-]+", text.lower())
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


_BASE_NOUNS = ("people", "person", "participants", "delegates", "comments", "comment",
               "groups", "group", "tables", "table", "judges", "judge", "questions",
               "question", "ideas", "idea", "concerns", "concern", "votes", "answers",
               "entries", "entry", "polls", "poll", "points", "statements", "items")


def _nouns(pack) -> set[str]:
    nouns = set(_BASE_NOUNS)
    for r in pack.roles:
        for name in role_names(r.label):
            nouns.add(name.split()[0])
        nouns.add(role_plural(r.label).split()[0])
    return nouns


# --- the rules ------------------------------------------------------------------------

def _mentions(text: str, names) -> list[tuple[int, str]]:
    """(position, name) of each name in a lower-case text, longest names first, no overlap."""
    found, taken = [], set()
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(r"(?<![\w])" + re.escape(name) + r"(?![\w])", text):
            span = set(range(m.start(), m.end()))
            if not span & taken:
                taken |= span
                found.append((m.start(), name))
    return sorted(found)


def _people(comments) -> int:
    return len({c["delegate_id"] for c in comments})


_KINDS = {"issue": re.compile(r"concern|worr"),
          "idea": re.compile(r"\bideas?\b|ways? forward|propos|suggest"),
          "question": re.compile(r"\bquestions?\b|\basked\b|wanted to know")}


def count_problems(facts: Facts, card: Card | None, s: Sentence, line_theme: str | None
                   ) -> list[tuple[str, str]]:
    """Counts of people, comments, ideas and questions a sentence states, as (the figure
    as written, the problem or "" where the figure is right)."""
    text = s.bare
    out = []
    comments = facts.comments(card)

    def want(found: re.Match, right: int, what: str):
        if found:
            out.append((found.group(1), "" if value(found.group(1)) == right else
                        f"says {found.group(1)} {what} where the data gives {right}"))

    themes = _mentions(text, facts.themes)
    # Who commented, and how much: on the question of the section, or (outside one) over
    # the day. A sentence saying so is not about the people who raised a theme.
    said = len(out)
    if "comment" in text:
        want(re.search(NUM + r" (?:people|person) (?:made|commented)", text), _people(comments),
             "people commented")
        want(re.search(r"comments? (?:came )?from " + NUM + r" (?:people|person)\b", text),
             _people(comments), "people commented")
        want(re.search(r"(?:made|drew) " + NUM + r" comments?\b", text), len(comments),
             "comments")
    day_counts = len(out) > said
    if "comment" in text and card is not None:
        want(re.search(r"^(?:in all, )?" + NUM + r" comments? came from", text), len(comments),
             "comments")
        want(re.search(r"\bof the " + NUM + r" comments\b", text), len(comments), "comments")
    # "theme (four comments)", "(4 of the 9 comments)", "(all nine comments)", "(2 each)".
    for m in re.finditer(r"\((?:all )?" + NUM + r"(?: of the \S+)? comments?( each)?\)", text):
        before = [(p, n) for p, n in themes if p < m.start()]
        if not before:
            continue
        named = [n for _, n in before] if m.group(2) else [before[-1][1]]
        for name in named:
            tid = facts.themes[name]
            right = sum(1 for c in comments if tid in [t["theme_id"] for t in c["themes"]])
            out.append((m.group(1), "" if value(m.group(1)) == right else
                        f"says {m.group(1)} comments on {name} where the data gives {right}"))
    # People of one kind: "three people raised concerns", "ideas came from four people".
    kinds = [k for k, rx in _KINDS.items() if rx.search(text)]
    if len(kinds) == 1 and "comment" not in text and not themes:
        mine = [c for c in comments if c["kind"] == kinds[0]]
        want(re.search(r"(?:^|\W)" + NUM + r" (?:people|person)\b", text), _people(mine),
             "people")
        if kinds[0] == "idea":
            want(re.search(r"\bput forward " + NUM + r" ideas?\b", text), len(mine), "ideas")
    # A theme over the day: people, questions and roles that raised it.
    if card is None and line_theme and not day_counts \
            and not [n for _, n in themes if n != line_theme]:
        reach = facts.reach.get(facts.themes[line_theme])
        if reach:
            want(re.search(r"(?:^|\W)" + NUM + r" (?:people|person)\b", text),
                 len(reach.people), f"people raised {line_theme}")
            want(re.search(NUM + r" of the \S+ questions", text), len(reach.cards),
                 f"questions had {line_theme}")
            out += _role_counts(facts, text, reach.people)
    return out


def line_theme(facts: Facts, said: list[Sentence]) -> str | None:
    """The one theme a line is about, if it names exactly one."""
    themes = {n for s in said for _, n in _mentions(s.bare, facts.themes)}
    return next(iter(themes)) if len(themes) == 1 else None


def count_problems_of_line(facts: Facts, card: Card | None, line: str
                           ) -> list[tuple[str, str]]:
    said = sentences(line)
    theme = line_theme(facts, said)
    return [x for s in said for x in count_problems(facts, card, s, theme)]


def _role_counts(facts: Facts, text: str, people) -> list[tuple[str, str]]:
    snapshot = facts.snapshot
    group = grouping(snapshot, people)
    counts = Counter(group.label_of_role.get(snapshot.role_of(d), POOLED) for d in people)
    out = []
    for pos, name in _mentions(text, facts.roles):
        m = re.search(NUM + r" $", text[max(0, pos - 12):pos])
        right = counts.get(facts.roles[name], 0)
        if m:
            out.append((m.group(1), "" if value(m.group(1)) == right else
                        f"says {m.group(1)} {name} where the data gives {right}"))
    return out


_QUANTITY = re.compile(r"\b(most|many|some|a few)\s+(?:of\s+(?:the|their|these|those)\s+)?"
                       r"(?:" + NUM[1:-1] + r"\s+)?([a-z]+)\b")


def quantity_uses(facts: Facts, text: str) -> list[tuple[str, str]]:
    """(word, noun) for each quantity word used of a countable noun."""
    return [(m.group(1), m.group(2)) for m in _QUANTITY.finditer(text)
            if m.group(2) in facts.nouns]


def quantity_problems(facts: Facts, card: Card | None, s: Sentence,
                      draft_words: list[str] | None) -> list[str]:
    text = s.bare
    uses = quantity_uses(facts, text)
    out = []
    for i, (word, noun) in enumerate(uses):
        after = text[text.find(word):]
        pairs = [(value(a), value(b)) for a, b in
                 re.findall(NUM + r" of (?:the )?" + NUM + r"\b", after)]
        if pairs:
            for part, whole in pairs:
                earned = quantity(part, whole)
                if earned != word:
                    out.append(f"says \u201c{word} {noun}\u201d for {part} of {whole}, where "
                               f"the rule gives " + (f"\u201c{earned}\u201d" if earned
                                                    else "no quantity word"))
            continue
        rated = _rated_share(facts, card, text)
        if rated:
            for part, whole in rated:
                if quantity(part, whole) != word:
                    out.append(f"says \u201c{word} {noun}\u201d, but {part} of {whole} gave "
                               "that rating")
            continue
        if draft_words is not None and i < len(draft_words):
            if draft_words[i] != word:
                out.append(f"says \u201c{word}\u201d where the data gives "
                           f"\u201c{draft_words[i]}\u201d")
            continue
        out.append(f"says \u201c{word} {noun}\u201d without the figures that earn it; give "
                   "them (for example \u201c12 of 20\u201d)")
    return out


def _rated_share(facts: Facts, card: Card | None, text: str) -> list[tuple[int, int]]:
    """For 'most groups rated X high for A and B': (groups at that level, groups rating)
    for each dimension named, from the ratings."""
    from workshop.results import rating_result
    if card is None:
        return []
    for q in card.questions:
        if q.kind != "rating_matrix":
            continue
        r = rating_result(facts.snapshot, q.id)
        options = [o for o in q.options if plain(o) in text]
        levels = [lv for lv in q.levels if re.search(r"\b" + re.escape(lv.lower()) + r"\b", text)]
        dims = [d for d in q.dimensions if plain(d) in text]
        if len(options) == 1 and len(levels) == 1 and dims:
            cells = [r.counts.get("Everyone", {}).get((options[0], d)) for d in dims]
            return [(c[levels[0]], sum(c.values())) for c in cells if c]
    return []


_GENERAL = re.compile(
    r"\b(?:participants|delegates|attendees|the room|everyone|groups|people)\s+"
    r"(?:generally\s+|also\s+|all\s+)?(?:felt|thought|believed|agreed|argued|stressed|"
    r"considered|were concerned|worried|wanted)\b"
    r"|\bit was (?:generally |widely |also )?(?:felt|agreed|argued|thought|believed)\b"
    r"|\bthere was (?:an? )?(?:general |broad )?(?:agreement|consensus)\b")


def general_problems(facts: Facts, s: Sentence, items: list[Sentence],
                     general: re.Pattern = _GENERAL, also=frozenset()) -> list[str]:
    """A generalisation needs two people or more behind it: those quoted with it, those
    counted in it, and `also` (people the caller knows stand behind it)."""
    m = general.search(s.bare)
    if not m:
        return []
    counted = [value(n) for n in re.findall(NUM + r" (?:people|participants|delegates)\b",
                                            s.bare)]
    people: set[str] = set(also)
    for text, _ in [q for x in [s, *items] for q in x.quotes]:
        people |= facts.backing(text)
    if max([len(people), *counted]) >= 2:
        return []
    return [f"\u201c{m.group(0)}\u201d generalises from one person's comment; say one "
            "person said it, or show that two or more did"]


_WAY = re.compile(r"\b(?:ways? forward|propos\w*|suggest\w*|ideas?|recommend\w*|"
                  r"solutions?)\b")


def way_problems(facts: Facts, s: Sentence, items: list[Sentence]) -> list[str]:
    """A way forward is only ever a comment typed as an idea."""
    bare = s.bare
    for name in [*facts.themes, *facts.cards]:
        bare = bare.replace(name, " ")
    m = _WAY.search(bare)
    if not m:
        return []
    # Quotations after the word in this sentence, and every item of the list it leads.
    start = s.masked.lower().find(m.group(0)) if m.group(0) in s.masked.lower() else 0
    ids = [int(i) for i in re.findall(r"\u00a7(\d+)\u00a7", s.masked[start:])]
    first = len(s.quotes) - len(ids)
    quotes = s.quotes[first:] + [q for item in items for q in item.quotes]
    out = []
    for text, _ in quotes:
        found = facts.quoted_comments(text)
        if found and not any(c["kind"] == "idea" for c in found):
            kind = {"issue": "an issue", "question": "a question"}.get(found[0]["kind"],
                                                                       found[0]["kind"])
            out.append(f"the quotation \u201c{text[:60]}\u201d is presented as a way forward, "
                       f"but it was typed as {kind}")
    return out


_CUES = {"ranking": re.compile(r"\bplace\b|\bin order\b"),
         "points": re.compile(r"\bpoints?\b"), "idea": re.compile(r"\bvotes?\b"),
         "answer": re.compile(r"\bchos|\banswer"), "entry": re.compile(r"\bpanel\b|\bjudg")}
_FIRST = re.compile(r"\b(?:first|won|winners?|winning|awarded|top|the most|most often|"
                    r"most chosen|most popular|led|highest)\b")
_FIRST_SCORED = re.compile(r"\b(?:first|top|led|highest)\b")   # an entry, by its scores
_LAST = re.compile(r"\b(?:last|the least|lowest|bottom)\b")
_TIE = re.compile(r"\b(?:tied?|ties|shared|joint|equal(?:ly)?)\b")
_ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth")
_ORDINAL = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\b")
# Between a name and the place it is given: "X came second", "X, ranked third".
_TO_PLACE = re.compile(r"^[\s,]*(?:(?:came|was|were|placed|ranked|finished|in|joint|equal)\s+)*"
                       r"(?:the\s+)?$")
# What the panel decided, as against how the entries scored.
_AWARD = re.compile(r"\b(?:awarded|awards?|prizes?|winners?|won|wins|winning|casting vote)\b")


def _spots(s: Sentence, kind: str, names, aliases=()) -> list[tuple[int, int, str]]:
    """Where a result's names are in a sentence, as (start, end, name): options, ideas and
    answers are quoted; entries are written as titled (a one-word title only with its
    capital, so 'Two' is not 'two people'; a longer title in any case), or quoted, or by the
    group that entered them (`aliases`)."""
    masked = s.masked
    alias = dict(aliases)
    names = {**{n: n for n in names}, **{a: n for a, n in alias.items() if n in names}}
    out = []
    for i, (t, _) in enumerate(s.quotes):
        if plain(t) in names:
            at = masked.find(f"\u00a7{i}\u00a7")
            out.append((at, at + len(f"\u00a7{i}\u00a7") if at >= 0 else at, names[plain(t)]))
    if kind != "entry":
        return out
    bare = as_typed(masked)
    for name, meant in names.items():
        for title in set(_titles(name, bare)):
            out += [(m.start(), m.end(), meant) for m in re.finditer(
                r"(?<![\w])" + re.escape(title) + r"(?![\w])", bare)]
    # A title inside a longer one ("Care" in "Home care") is the longer one.
    return sorted(x for x in out if not any(o[0] <= x[0] and x[1] <= o[1] and o != x
                                            for o in out))


def _titles(name: str, text: str) -> list[str]:
    """The spellings of a plain (lower-case) name as it appears in a text."""
    return [m.group(0) for m in re.finditer(re.escape(name), text, re.IGNORECASE)
            if m.group(0)[:1].isupper() or not m.group(0)[:1].isalpha() or " " in name]


def _nearest(spots, start: int, end: int):
    """The name nearest a word: the gap between them, whichever side the name is on."""
    return min(spots, key=lambda x: (x[0] - end if x[0] >= end else max(0, start - x[1]),
                                     x[0] >= start))


def rank_problems(facts: Facts, card: Card | None, s: Sentence) -> list[str]:
    """Who came first, last, tied or in a given place is as the data has it. The sentence's
    words say which result it is about; each clause (between semicolons) is read on its
    own, so "“A” came first; “B” and “C” shared last place" is two claims. Where a judging
    panel's decision is recorded, who won is the decision's to say (decision_problems)."""
    text = as_typed(s.masked).lower()
    about = [(kind, ranked, q) for kind, ranked, q in facts.ranked(card)
             if any(p >= 0 for p, _, _ in _spots(s, kind, [*ranked.names, *ranked.unplaced],
                                                 ranked.aliases))]
    if len(about) > 1:
        # Several results share names: the one the sentence's words name.
        about = [a for a in about if _CUES[a[0]].search(text)] or about
    out = []
    for kind, ranked, q in about:
        decided = kind == "entry" and decision_of(facts.snapshot.workshop, q.id) is not None
        for part in s.masked.split(";"):
            clause = Sentence(part, s.quotes)
            low = as_typed(part).lower()
            if decided and _AWARD.search(low):
                continue
            spots = [x for x in _spots(clause, kind, [*ranked.names, *ranked.unplaced],
                                       ranked.aliases) if x[0] >= 0]
            if spots:
                out += _rank_clause(low, ranked, spots,
                                    _FIRST_SCORED if decided else _FIRST)
    return out


def _rank_clause(text: str, ranked: Ranked, spots: list[tuple[int, int, str]],
                 first=_FIRST) -> list[str]:
    out = []
    names = ranked.names
    named = list(dict.fromkeys(n for _, _, n in spots))
    if _TIE.search(text) and len(named) > 1:
        if any(n in ranked.unplaced for n in named):
            return ["says " + " and ".join(named) + " tied, but "
                    + " and ".join(n for n in named if n in ranked.unplaced)
                    + " had no score"]
        if len({names[n] for n in named}) > 1:
            return ["says " + " and ".join(named) + " tied, but they did not"]
        return []
    claims = [(m, want) for rx, want in ((first, 1), (_LAST, ranked.last))
              for m in rx.finditer(text)]
    claims += [(m, _ORDINALS.index(m.group(1)) + 2) for m in _ORDINAL.finditer(text)]
    for m, want in claims:
        if text[max(0, m.start() - 7):m.start()] == "put it ":
            continue  # "and 11 people put it first": how many, not which
        start, end, name = _nearest(spots, m.start(), m.end())
        if m.re is _ORDINAL and not (end <= m.start() and _TO_PLACE.match(
                text[end:m.start()])) and not re.search(r"\branked\s+$", text[:start]):
            continue  # "a second judge": not a place given to a name
        place = "first" if want == 1 else "last" if m.re is _LAST else m.group(1)
        if name in ranked.unplaced:
            out.append(f"says {name} came {place}, but no judge scored it")
        elif names[name] != want:
            out.append(f"says {name} came {place}, but it did not (it is placed "
                       f"{names[name]})")
        elif not _TIE.search(text) and ranked.tied_with(name):
            out.append(f"says {name} came {place} alone, "
                       f"but it tied with {' and '.join(ranked.tied_with(name))}")
    return out


_PLACED = re.compile(r"\branked (.+?) (?:first|" + "|".join(_ORDINALS) + r"|last)\b"
                     r"|\bawarded (?:the |a |its |their )?(?:\w+ )?(?:prizes? )?(?:jointly )?"
                     r"to (.+?)(?=[,.;:]|$| for\b| with\b| after\b| by\b| on\b)")
_JOINT = re.compile(r"\b(?:jointly|joint winners?|shared|each winner|both|between them)\b")
_NOT_WON = re.compile(r"(?:ahead of|over|rather than|than|instead of|not|beat|beating)\s+$")
_PRONOUNS = {"it", "them", "this", "that", "these", "those", "entries", "both", "each",
             "this entry", "that entry", "the entry", "the entries", "one", "two", "all"}
_PRIZE = re.compile(r"\u00a3\s?(\d[\d,]*(?:\.\d{1,2})?)")


def decision_problems(facts: Facts, card: Card | None, s: Sentence) -> list[str]:
    """Who the panel ranked or awarded, with what casting vote and prize, is what the
    scores and the recorded decision say; an entry not in the question is never named."""
    text = as_typed(s.masked).lower()
    out = []
    for q, decision in facts.judging(card):
        entries = {plain(e.title) for e in q.entries}
        groups = tuple((plain(e.group), plain(e.title)) for e in q.entries
                       if e.group and plain(e.group) not in entries)
        for m in _PLACED.finditer(text):
            said = plain(m.group(1) or m.group(2))
            for name in sorted(entries | {g for g, _ in groups}, key=len, reverse=True):
                said = re.sub(r"(?<![\w])" + re.escape(name) + r"(?![\w])", ",", said)
            for piece in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", said):
                piece = piece.strip().removeprefix("the ")
                if piece and piece not in _PRONOUNS and "\u00a7" not in piece \
                        and len(piece.split()) <= 8:
                    out.append(f"names \u201c{piece}\u201d, which is not an entry in this "
                               "question")
        if not _AWARD.search(text):
            continue
        spots = _spots(s, "entry", entries, groups)
        if decision is None:
            if "casting vote" in text:
                out.append("says a casting vote settled it, but no casting vote was recorded")
            out += [f"gives a prize of \u00a3{a}, but no prize was recorded"
                    for a in _PRIZE.findall(text)]
            continue
        winners = [plain(t) for t in titles(decision, q)]
        shown = join_words(titles(decision, q))
        named = [n for start, _, n in spots if not _NOT_WON.search(text[:start])]
        for n in dict.fromkeys(named):
            if n not in winners:
                out.append(f"says {n} won, but the panel's recorded decision was {shown}")
        if _JOINT.search(text) and not decision.joint:
            out.append(f"says the prize was shared, but the panel's recorded decision names "
                       f"one winner, {shown}")
        elif decision.joint and named and set(named) < set(winners) and not _JOINT.search(text):
            out.append(f"says the prize went to {join_words(list(dict.fromkeys(named)))} "
                       f"alone, but the panel's recorded decision was joint: {shown}")
        if "casting vote" in text:
            by = plain(decision.casting_by).removeprefix("the ")
            giver = re.search(r"(\S+)(?:'s|s'|\u2019s|s\u2019)\s+casting vote", text)
            if not decision.casting_by:
                out.append("says a casting vote settled it, but no casting vote was recorded")
            elif giver and giver.group(1) != "a" and by and by not in text:
                out.append(f"names the wrong casting vote: the recorded one was "
                           f"{casting_words(decision.casting_by)}")
        for amount in _PRIZE.findall(text):
            pence = round(float(amount.replace(",", "")) * 100)
            if decision.prize_pence is None:
                out.append(f"gives a prize of \u00a3{amount}, but no prize was recorded")
            elif pence not in (decision.prize_pence,
                               decision.prize_pence * len(decision.winners)):
                out.append(f"gives a prize of \u00a3{amount}, but the recorded prize was "
                           f"{money(decision.prize_pence)}"
                           + (" each" if decision.joint else ""))
    return out


_SIMILAR = re.compile(r"\bno role\b|\banswered alike\b|\bmuch the same\b|\bviews were similar\b"
                      r"|\bsimilar across\b|\bno difference\b|\bdid not differ\b")
_THAN = re.compile(r"\bthan (?:did |among |to )?")


def difference_problems(facts: Facts, card: Card | None, s: Sentence, poll) -> list[str]:
    """Role differences, and their absence, as the data shows them."""
    text = s.bare
    named = [c for p, c in _mentions(text, facts.cards)]
    scope = facts.cards[named[0]] if card is None and named else card
    themes = [n for _, n in _mentions(text, facts.themes)]
    kind = "theme" if themes or "theme" in text else "poll"
    found = facts.differences(scope, kind)
    if kind == "poll" and poll is not None:
        found = [(q, d) for q, d in found if q.id == poll.id]
    if _SIMILAR.search(text):
        if found:
            q, d = found[0]
            return [f"says the roles answered alike, but {role_plural(d.high)} and "
                    f"{role_plural(d.low)} differed ({d.x_high} of {d.n_high} against "
                    f"{d.x_low} of {d.n_low})"]
        return []
    # "X were more likely than Y", "more X than Y", "X raised it more often than Y".
    mentions = _mentions(text, facts.roles)
    pair = None
    for m in _THAN.finditer(text):
        after = [n for p, n in mentions if p == m.end()]
        before = [n for p, n in mentions if p < m.start()]
        if after and before and "more" in text[:m.start()]:
            pair = (facts.roles[before[-1]], facts.roles[after[0]])
            break
    if pair is None:
        return []
    high, low = pair
    options = [plain(t) for t, _ in s.quotes]
    for q, d in found:
        if (d.high, d.low) != (high, low):
            continue
        if kind == "theme":
            if plain(facts.snapshot.theme_label(d.option)) in themes:
                return []
        elif plain(d.option) in options or (q.kind == "scale" and re.search(
                {"agree": r"(?<!dis)agree", "disagree": r"disagree",
                 "neither": r"neither"}[d.option], text)):
            return []
    return [f"says {role_plural(high)} differed from {role_plural(low)}, but the data shows "
            "no real difference there"]


def plan_openings() -> tuple[str, ...]:
    """How the report introduces the pack's plan in the language being checked (from the
    report's catalogue): the words before the plan itself."""
    if english():
        return ()
    return tuple(plain(_(m).split("%(")[0]) for m in (
        "The day was designed to %(aims)s.", "The workshop pack set out this plan for it:",
        "The workshop pack describes the day it plans like this:"))


def plan_problems(facts: Facts, line: str) -> list[str]:
    """The pack's plan is introduced as the plan, not written as what happened."""
    text = plain(line)
    if text.startswith(("the day was designed", "the workshop pack", "the plan")
                       + plan_openings()):
        return []
    if _shingles(text) & facts.plan:
        return ["repeats the pack's plan as if it were what happened: introduce it as the "
                "plan (\u201cThe day was designed to \u2026\u201d) or quote it"]
    return []
