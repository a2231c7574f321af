"""Checking a national report against every region's data: figures and quotations.

The same machinery as the regional check (workshop/claims.py): a fresh national draft is
the reference, each line is matched within its section to the draft's line with the same
wording once figures are set aside, and its figures must then be the draft's; a rewritten
line's figures (and numbers before a counted noun) must be ones the data gives for that
section. Every quotation must carry its region and role, and be what a person in that role
wrote in that region's workshop (checked by that region's own quotation check), still
visible.
"""

from __future__ import annotations

from workshop import claims
from workshop.claims import (_QUOTE, _TABLE_RULE, CheckResult, Problem, _check_figures,
                             _Comments, _sections)
from workshop.claim_rules import _nouns
from workshop.claim_rules import sentences
from workshop.national_claims import (NationalFacts, card_of, line_problems,
                                      region_line_problems, region_of)
from workshop.national_report import APPENDIX_TITLE, draft_national_report, reached_cards
from workshop.programmes import Region
from workshop.text import as_typed

_NOUNS = {"region", "regions", "workshop", "workshops", "comment", "comments", "idea",
          "ideas", "people", "person", "difference", "differences", "question", "questions"}


class _Reference(claims._Reference):
    """What the data says, read from a fresh national draft (as claims.py reads a regional
    one), and its lines as drafted."""

    def __init__(self, draft: str):
        super().__init__(None, draft)
        self.as_drafted = set(draft.splitlines())


class _Quotes:
    """Each region's own quotation check, and which region a quotation names."""

    def __init__(self, regions: list[Region]):
        self.regions = {r.name: _Comments(r.snapshot) for r in regions}
        # Longest names first, so "North East Lincolnshire" is not read as "North East".
        self.names = sorted(self.regions, key=len, reverse=True)

    def _split(self, label: str) -> tuple[str | None, str | None]:
        text = " ".join(as_typed(label).split())
        for name in self.names:
            if text.casefold().startswith(name.casefold() + ","):
                return name, text[len(name) + 1:].strip()
            if text.casefold() == name.casefold():
                return name, None
        return None, text

    def _said_in(self, quote: str) -> list[str]:
        return [name for name, check in self.regions.items()
                if not check.check(quote, None, True)[1]]

    def check(self, quote: str, label: str | None, curly: bool) -> tuple[int, list[str]]:
        short = quote[:60]
        if label is None:
            # Unattributed: the pack's own words, a theme or an answer are not quotations.
            results = [check.check(quote, None, curly) for check in self.regions.values()]
            if any(n == 0 or not found for n, found in results):
                return (max((n for n, _ in results), default=0), [])
            return 1, [f"the quotation \u201c{short}\u201d is not a comment anyone made in any "
                       "region"]
        region, role = self._split(label)
        if region is None:
            # A role with no region, or words in brackets that name no one (figures after
            # a poll answer): each region's own check tells which.
            results = [c.check(quote, label, curly) for c in self.regions.values()]
            if any(n == 0 for n, _ in results):
                return 0, []
            said = self._said_in(quote)
            if said:
                return 1, [f"the quotation \u201c{short}\u201d does not say its region: it "
                           f"was said in {' and '.join(said)}"]
            return 1, [f"the quotation \u201c{short}\u201d is not a comment anyone made in "
                       "any region"]
        n, found = self.regions[region].check(quote, role, curly)
        if not found:
            return max(n, 1), []
        if role is None:
            return 1, [f"the quotation \u201c{short}\u201d does not say the role of who said "
                       "it"]
        if "is not a comment anyone made" in found[0]:
            elsewhere = self._said_in(quote)
            if elsewhere:
                return 1, [f"the quotation \u201c{short}\u201d is attributed to {region}, but "
                           f"it was said in {' and '.join(elsewhere)}"]
            return 1, [f"the quotation \u201c{short}\u201d is not a comment anyone made in "
                       f"{region}, nor in any other region"]
        return n, [f"{f} (in {region})" for f in found]


def check_national_report(programme: dict, regions: list[Region], text: str) -> CheckResult:
    """Every figure and quotation of `text` re-derived from the regions' data."""
    ref = _Reference(draft_national_report(programme, regions))
    quotes = _Quotes(regions)
    nouns = set(_NOUNS)
    for r in regions:
        nouns |= _nouns(r.snapshot.pack)
    facts = NationalFacts(regions, reached_cards(programme, regions))
    n_figures = n_quotes = 0
    problems: list[Problem] = []
    lines = list(_sections(text))
    for index, (key, path, number, line) in enumerate(lines):
        if not line.strip() or _TABLE_RULE.match(line):
            continue
        n, found, matched = _check_figures(ref, key, line, nouns)
        n_figures += n
        problems += [Problem(number, p) for p in found]
        for m in _QUOTE.finditer(line):
            n, found = quotes.check(m.group(2), m.group(3), m.group(1) == "\u201c")
            n_quotes += n
            problems += [Problem(number, p) for p in found]
        if matched or line in ref.as_drafted or line.lstrip().startswith(("|", ">", "- ", "#")):
            continue  # the draft's own line; tables, the pack's words, list items, headings
        items = []
        for _, _, _, after in lines[index + 1:]:
            if not after.startswith("- "):
                break
            items += sentences(after[2:])
        region = region_of(facts, path, APPENDIX_TITLE)
        found = (region_line_problems(facts, region, line, items) if region else
                 line_problems(facts, card_of(facts, path), line, items))
        problems += [Problem(number, p) for p in dict.fromkeys(found)]
    return CheckResult(n_figures, n_quotes, tuple(problems))
