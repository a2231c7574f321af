"""What a sentence of the national report claims about regions, re-derived from the data.

The national check (workshop/national_check.py) compares each line with a fresh draft;
these rules read what a rewritten line *says*, as the regional rules do
(workshop/claim_rules.py), with regions as the thing counted:

- region words of a theme: "every region", "all three regions", "most regions" (more than
  half), "some"/"a few"/"several"/"many regions" (two or more), "no region", "only
  London", "only in London and Wales", "in two of the five regions", "in four regions";
- how many people raised a theme, and its comments ("cost (12 comments)"), over the
  programme or on the question of the section, or in a region the sentence names;
- a single person's comment is never generalised ("participants felt", "regions agreed"
  need two people behind them, counted or quoted);
- quantity words of people and comments ("most people") by the regional rule.

A theme sentence is read only where it names exactly one theme. None of the rules fires on
a fresh draft: they run only on lines the draft does not have.
"""

from __future__ import annotations

import re

from workshop import claim_rules
from workshop.claim_rules import NUM, Facts, Sentence, _mentions, plain, sentences, value
from workshop.programmes import Region
from workshop.scenarios import Card
from workshop.wording import number

_ALL = re.compile(r"\b(?:every|each) region\b|\ball (?:of )?(?:the )?(?:" + NUM[1:-1]
                  + r" )?regions\b|\bboth regions\b")
_MOST = re.compile(r"\bmost (?:of )?(?:the )?regions\b")
_SOME = re.compile(r"\b(?:some|a few|several|many|a number of) (?:of )?(?:the )?regions\b")
_NONE = re.compile(r"\b(?:no region|none of the regions|not in any region)\b")
_COUNTED = re.compile(NUM + r"(?: of (?:the )?" + NUM + r")? regions\b")
_ONLY = re.compile(r"\bonly (?:in )?(?:the )?$")
_ONLY_AFTER = re.compile(r"^(?:'s)?\s*only\b")
_SUPERLATIVE = re.compile(r"\b(?:made|proposed|raised|put forward) by most people\b",
                          re.IGNORECASE)
_GENERAL = re.compile(
    claim_rules._GENERAL.pattern
    + r"|\b(?:every|each|all|most|the) regions? (?:\w+ )?(?:felt|thought|believed|agreed|"
      r"argued|stressed|wanted|said)\b")


class NationalFacts:
    """What the region rules compare against: each region's facts, and each theme's
    people and comments per region, over the programme and per question (card)."""

    def __init__(self, regions: list[Region], reached: list[Card]):
        self.names = {r.name.lower(): r.name for r in regions}
        self.total = len(regions)
        self.regions = {r.name: Facts(r.snapshot, [c for c in reached]) for r in regions}
        self.themes: dict[str, str] = {}
        for f in self.regions.values():
            self.themes |= f.themes
        self.cards = {plain(c.title): c for c in reached}
        self.nouns = set().union(*(f.nouns for f in self.regions.values())) | {"regions"} \
            if regions else {"regions"}
        self._reach: dict[str | None, dict] = {}

    def reach(self, card: Card | None, theme_id: str) -> dict[str, tuple[set, int]]:
        """region -> (people who raised the theme, its comments), regions raising it only."""
        key = card.id if card else None
        if key not in self._reach:
            found: dict[str, dict[str, tuple[set, int]]] = {}
            for name, f in self.regions.items():
                for c in f.comments(card):
                    for t in c["themes"]:
                        people, n = found.setdefault(t["theme_id"], {}).get(name, (set(), 0))
                        found[t["theme_id"]][name] = (people | {c["delegate_id"]}, n + 1)
            self._reach[key] = found
        return self._reach[key].get(theme_id, {})

    def backing(self, text: str) -> set[str]:
        """Everyone behind a quoted comment, in whichever region it was said."""
        people: set[str] = set()
        for f in self.regions.values():
            people |= f.backing(text)
        return people


def _named_regions(facts: NationalFacts, text: str) -> list[tuple[int, str]]:
    return [(pos, facts.names[n]) for pos, n in _mentions(text, facts.names)]


def _theme(facts: NationalFacts, s: Sentence) -> str | None:
    found = {n for _, n in _mentions(s.bare, facts.themes)}
    return next(iter(found)) if len(found) == 1 else None


def region_problems(facts: NationalFacts, card: Card | None, s: Sentence) -> list[str]:
    """Region words and counts said of the one theme a sentence names."""
    name = _theme(facts, s)
    if name is None or "differ" in s.bare:
        return []
    text = s.bare
    by = facts.reach(card, facts.themes[name])
    raised = [n for n in facts.names.values() if n in by]
    k, total = len(raised), facts.total
    where = f"{name} was raised in {number(k)} of the {number(total)} regions"
    out = []
    if _ALL.search(text) and k != total:
        missing = [n for n in facts.names.values() if n not in by]
        out.append(f"says every region of {name}, but it was not raised in "
                   f"{', '.join(missing)}")
    if _MOST.search(text) and not k > total / 2:
        out.append(f"says \u201cmost regions\u201d, but {where}; most needs more than half")
    m = _SOME.search(text)
    if m and k < 2:
        out.append(f"says \u201c{m.group(0)}\u201d, but {where}")
    if _NONE.search(text) and k:
        out.append(f"says no region raised {name}, but {where}")
    for m in _COUNTED.finditer(text):
        part, whole = value(m.group(1)), m.group(2) and value(m.group(2))
        if whole and whole != total:
            out.append(f"says {m.group(2)} regions, but the programme has {number(total)}")
        elif part not in (k, total) or (whole and part != k):
            out.append(f"says {m.group(0)}, but {where}")
    named = _named_regions(facts, text)
    for pos, region in named:
        before, after = text[:pos], text[pos + len(region):]
        if _ONLY.search(before) or _ONLY_AFTER.search(after):
            together = {r for p, r in named if p >= pos}
            if set(raised) - together or not together <= set(raised):
                out.append(f"says only {region}, but {name} was raised in "
                           f"{', '.join(raised) or 'no region'}")
            break
    # People who raised the theme, and its comments: in all, or in a region named.
    regions_here = [r for _, r in named]
    people_right = ({len(by[r][0]) for r in regions_here if r in by}
                    | {len(set().union(*(p for p, _ in by.values())))})
    comments_right = ({by[r][1] for r in regions_here if r in by}
                      | {sum(n for _, n in by.values())})
    if re.search(r"\b(?:raised|mentioned|brought up|came up|commented|spoke)\b", text):
        m = re.search(r"(?:^|\W)" + NUM + r" (?:people|person)\b", text)
        if m and "comment" not in text.replace("commented", "") \
                and value(m.group(1)) not in people_right | {0}:
            out.append(f"says {m.group(1)} people of {name}, where the data gives "
                       f"{' or '.join(str(n) for n in sorted(people_right)) or 'none'}")
    m = re.search(r"\((?:all )?" + NUM + r" comments?\)", text)
    if m and value(m.group(1)) not in comments_right | {0}:
        out.append(f"says {m.group(1)} comments on {name}, where the data gives "
                   f"{' or '.join(str(n) for n in sorted(comments_right)) or 'none'}")
    return out


def general_problems(facts: NationalFacts, s: Sentence, items: list[Sentence]) -> list[str]:
    """A generalisation needs two people or more behind it (the regional rule), counting
    everyone who raised the theme the sentence names, in any region."""
    theme = _theme(facts, s) if _GENERAL.search(s.bare) else None
    people = set().union(*(p for p, _ in facts.reach(None, facts.themes[theme]).values())) \
        if theme else set()
    return claim_rules.general_problems(facts, s, items, _GENERAL, people)


def quantity_problems(facts: NationalFacts, s: Sentence) -> list[str]:
    """'most people', 'some comments': the regional rule, from the figures given."""
    if not facts.regions:
        return []
    any_region = next(iter(facts.regions.values()))
    # "the point made by most people" names the largest point; it claims no share.
    s = Sentence(_SUPERLATIVE.sub(" ", s.masked), s.quotes)
    return [p for p in claim_rules.quantity_problems(any_region, None, s, None)
            if "regions" not in p]


def line_problems(facts: NationalFacts, card: Card | None, line: str,
                  items: list[Sentence]) -> list[str]:
    """Every rule, on each sentence of a line the draft does not have."""
    out = []
    said = sentences(line)
    for i, s in enumerate(said):
        led = items if i == len(said) - 1 else []
        out += region_problems(facts, card, s)
        out += general_problems(facts, s, led)
        out += quantity_problems(facts, s)
    return out


def region_line_problems(facts: NationalFacts, region: str, line: str,
                         items: list[Sentence]) -> list[str]:
    """A line of a region's own key messages (the appendix): the regional rules, with
    that region's facts."""
    f = facts.regions[region]
    said = sentences(line)
    theme = claim_rules.line_theme(f, said)
    out = []
    for i, s in enumerate(said):
        led = items if i == len(said) - 1 else []
        out += [p for _, p in claim_rules.count_problems(f, None, s, theme) if p]
        out += claim_rules.quantity_problems(f, None, s, None)
        out += claim_rules.general_problems(f, s, led)
        out += claim_rules.way_problems(f, s, led)
    return out


def region_of(facts: NationalFacts, path: list[str], appendix: str) -> str | None:
    """The region whose appendix section a heading path is inside."""
    if len(path) < 3 or plain(path[1].lstrip("# ")) != plain(appendix):
        return None
    return facts.names.get(plain(path[2].lstrip("# ")))


def card_of(facts: NationalFacts, path: list[str]) -> Card | None:
    """The question (card) a heading path is inside, or None for the whole programme."""
    for heading in path[1:]:
        title = plain(heading.split(":")[0])
        if title in facts.cards:
            return facts.cards[title]
    return None

