"""Checking a report against the data: every figure, quotation and claim.

A fresh draft is made from the same snapshot and used as the reference. Each line of the
report being checked is matched, within its section, to the draft's line with the same
wording once figures are set aside; its figures must then be the draft's figures. A line
the facilitator has rewritten has no such match: its figures, and any number word before a
counted noun ("seven people", "nine comments"), must still be ones the data gives for that
section, and what it states is re-derived (workshop/claim_rules.py): counts of people,
comments and themes; quantity words by their rules; no generalising from one person; ways
forward only from comments typed as ideas; who came first, last or tied; differences
between roles, and "the roles answered alike"; the pack's plan never written as what
happened. Every quotation attributed to a role must be what a person in that role wrote
(the whole comment or a verbatim part of it), and still visible.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from workshop import claim_rules
from workshop.analysis import MIN_GROUP, POOLED, comment_grouping
from workshop.claim_rules import Facts, Sentence, sentences
from workshop.decisions import AGREED_KINDS, AGREED_ONE, agreed_of
from workshop.report import METHOD_NOTE, _reached, draft_report
from workshop.results import rating_result, scoring_result
from workshop.text import as_typed
from workshop.report_words import (_, current, from_shown, group_name, number_words, pack_in,
                                   poll_lead, shown, shown_pack_words, speaking)
from workshop.wording import QUANTITY_WORDS, attribution
from workshop.workshops import Snapshot

_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(_WORDS) + r")\b", re.IGNORECASE)
_QUOTE = re.compile(r"([\u201c\"])(.+?)[\u201d\"](?:\s*\(([^()\n]+)\))?")
_TABLE_RULE = re.compile(r"^\|?(\s*:?-+:?\s*\|)+\s*$")
_QUANTITY = re.compile(r"\b(?:most|many|some|a few)\b", re.IGNORECASE)
_COUNTED = re.compile(r"(\d[\d,]*|\b(?:" + "|".join(_WORDS) + r"))\s+([a-z]+)\b",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    line: int        # 1-based line of the checked text
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class CheckResult:
    figures: int
    quotes: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        checked = f"{self.figures:,} figures and {self.quotes:,} quotations checked"
        if self.ok:
            return f"{checked}: all match the data."
        return f"{checked}: {len(self.problems):,} do not match the data."


@dataclass(frozen=True)
class _Numbers:
    """How the report's language writes numbers: its number words (from the report's
    catalogue, workshop/report_words.py), a figure or word, and one before a counted noun."""
    words: dict
    number: re.Pattern
    counted: re.Pattern


@lru_cache(maxsize=None)
def _numbers_of(lang: str) -> _Numbers:
    if lang == "en":
        return _Numbers({w: i + 1 for i, w in enumerate(_WORDS)}, _NUMBER, _COUNTED)
    with speaking(lang):
        words = number_words()
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return _Numbers(words,
                    re.compile(r"\d[\d,]*(?:\.\d+)?|\b(?:" + alternatives + r")\b",
                               re.IGNORECASE),
                    re.compile(r"(\d[\d,]*|\b(?:" + alternatives + r"))\s+(?:o\s+)?(\w+)\b",
                               re.IGNORECASE))


def _numbers() -> _Numbers:
    """The numbers of the language the check is reading (set by check_report)."""
    return _numbers_of(current())


def _value(token: str) -> str:
    low = token.lower()
    words = _numbers().words
    if low in words:
        return str(words[low])
    return token.replace(",", "")


def _normal(text: str) -> str:
    return " ".join(as_typed(text).split()).strip(" .…").lower()


def _without_quotes(line: str) -> str:
    return _QUOTE.sub(lambda m: "\u201cQ\u201d" + (f" ({m.group(3)})" if m.group(3) else ""),
                      line)


def _skeleton(line: str) -> str:
    return " ".join(_numbers().number.sub("#", _without_quotes(line)).split())


def _worded(line: str) -> str:
    """The skeleton with quantity words set aside too."""
    return _QUANTITY.sub("Q", _skeleton(line))


def _noun(word: str) -> str:
    low = word.lower()
    return "people" if low in ("person", "people") else re.sub(r"(?<=[a-z])(es|s)$", "", low)


def _sections(text: str):
    """(section key, heading path, line number, line) for each line; a heading starts a
    section, inside the sections of the headings above it."""
    path: list[tuple[int, str]] = []
    for i, line in enumerate(text.splitlines(), start=1):
        m = re.match(r"^(#{1,6})\s", line)
        if m:
            level = len(m.group(1))
            path = [p for p in path if p[0] < level]
            path.append((level, line[level:].strip()))
        key = " > ".join(_skeleton(h).lower() for _, h in path)
        yield key, [h for _, h in path], i, line


class _Reference:
    """What the data says, read from a fresh draft; with `facts`, also the quantity words
    each line uses."""

    def __init__(self, facts: Facts | None, draft: str):
        self.lines: dict[str, dict[str, list[list[str]]]] = defaultdict(lambda: defaultdict(list))
        self.worded: dict[str, dict[str, list[list[str]]]] = defaultdict(dict)
        self.figures: dict[str, set[str]] = defaultdict(set)
        self.counted: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for key, _, _, line in _sections(draft):
            bare = _without_quotes(line)
            tokens = _numbers().number.findall(bare)
            if tokens:
                self.lines[key][_skeleton(line)].append(tokens)
                self.figures[key].update(_value(t) for t in tokens)
            for number, noun in _numbers().counted.findall(bare):
                self.counted[key][_noun(noun)].add(_value(number))
            if facts is not None:
                words = [w for s in sentences(line)
                         for w, _ in claim_rules.quantity_uses(facts, s.bare)]
                self.worded[key].setdefault(_worded(line), words)
        self.all_figures = set().union(*self.figures.values()) if self.figures else set()
        self.all_counted: dict[str, set[str]] = defaultdict(set)
        for nouns in self.counted.values():
            for noun, values in nouns.items():
                self.all_counted[noun] |= values


def _check_figures(ref: _Reference, key: str, line: str, nouns: set[str]
                   ) -> tuple[int, list[str], bool]:
    """(figures checked, problems, whether the line matched a line of the draft)."""
    bare = _without_quotes(line)
    tokens = _numbers().number.findall(bare)
    if not tokens:
        return 0, [], _skeleton(line) in ref.lines.get(key, {}) or not line.strip()
    figures = [_value(t) for t in tokens]
    candidates = ref.lines.get(key, {}).get(_skeleton(line))
    if candidates:
        def differences(candidate):
            return [(tok, want) for tok, got, want in zip(tokens, figures, candidate)
                    if got != _value(want)]
        best = min((differences(c) for c in candidates), key=len)
        return (len(figures), [f"says {tok} where the data gives {want}" for tok, want in best],
                True)
    # A rewritten line: figures in digits must be ones the data gives for this section, and
    # so must any number before a counted noun ("seven people").
    known = ref.figures.get(key) or ref.all_figures
    problems = [f"the figure {tok} is not one the data gives for this section"
                for tok, val in zip(tokens, figures) if tok[0].isdigit() and val not in known]
    checked = sum(1 for t in tokens if t[0].isdigit())
    for number, noun in _numbers().counted.findall(bare):
        if noun.lower() not in nouns or number[0].isdigit():
            continue
        checked += 1
        values = ref.counted.get(key, {}).get(_noun(noun)) or ref.all_counted.get(_noun(noun),
                                                                                 set())
        if _value(number) not in values:
            problems.append(f"\u201c{number} {noun}\u201d is not a count the data gives for "
                            "this section")
    return checked, problems, False


def _flagged(problems: list[str]) -> set[str]:
    """The figures in digits a list of problems is about (as written)."""
    return {m.group(1).lower() for p in problems
            for m in [re.match(r"the figure (\S+)", p)] if m}


class _Comments:
    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        pack = snapshot.pack
        self.role_labels = {r.label.lower(): r.label for r in pack.roles}
        self.role_labels |= {attribution(r.label).lower(): r.label for r in pack.roles}
        self.role_labels[POOLED.lower()] = POOLED
        # The pooled group as the report's language names it.
        self.role_labels[group_name(POOLED).lower()] = POOLED
        # Roles as the pack names them in the report's language.
        self.role_labels |= {shown(r.label).lower(): r.label for r in pack.roles}
        self.role_labels |= {attribution(shown(r.label)).lower(): r.label for r in pack.roles}
        self.plain = {_normal(c) for q in pack.questions for c in q.choices}
        self.plain |= {_normal(shown(c)) for q in pack.questions for c in q.choices}
        self.plain |= {_normal(t.label) for t in snapshot.codebook} | {_normal(POOLED)}
        self.plain |= set(QUANTITY_WORDS) | {_normal(group_name(POOLED))}
        # Words the report's own fixed wording quotes (the quantity words, in its language).
        self.plain |= {_normal(w) for w in quoted_words()}
        # Words quoted from the pack or the background are not comments.
        self.pack_text = _normal(" ".join(
            [snapshot.workshop.get("background") or "", pack.summary or "", pack.background or ""]
            + [f"{card.title} {card.scenario} {card.plain_scenario or ''}" for card in pack.cards]
            + [" ".join([q.prompt, *q.options, *q.criteria, *q.dimensions, *q.levels,
                         *q.categories, *q.tags, *(s.text for s in q.statements),
                         *(f"{e.title} {e.group} {e.summary}" for e in q.entries)])
               for q in pack.questions] + shown_pack_words()))
        # Each is quoted under the group it is counted in on its question's chart
        # (analysis.py): a role with too few people there goes by the pooled name.
        groups = {q.id: comment_grouping(snapshot, q.id) for q in pack.questions}
        said = []
        for c in snapshot.comments:
            role = snapshot.role_of(c["delegate_id"])
            said.append({**c, "role": role, "label": groups[c["question_id"]].label_for(role)})
        # Judges' comments and groups' reasons are participants' words too.
        for q in pack.questions:
            if q.kind == "scoring_matrix":
                said += [{"text": text, "label": who} for e in scoring_result(
                    snapshot, q.id).entries for who, text in e.notes]
            elif q.kind == "rating_matrix":
                said += [{"text": text, "label": who}
                         for _, who, text in rating_result(snapshot, q.id).reasons]
        self.comments = [(_normal(c["text"]), c) for c in said]

    def _containing(self, text: str) -> list[dict]:
        """The comments a quotation is from: those that are exactly it (looked up), else
        those it is a verbatim part of."""
        if not hasattr(self, "_whole"):
            self._whole: dict[str, list[dict]] = defaultdict(list)
            for norm, c in self.comments:
                self._whole[norm].append(c)
        return self._whole.get(text) or [c for norm, c in self.comments if text and text in norm]

    def _state(self, comment: dict) -> str:
        if comment.get("withdrawn"):
            return "withdrawn"
        return "hidden" if comment.get("hidden") else "visible"

    def check(self, quote: str, label: str | None, curly: bool) -> tuple[int, list[str]]:
        text = _normal(quote)
        label = as_typed(label).strip().lower() if label is not None else None
        attributed = label is not None and label in self.role_labels
        if not attributed and (text in self.plain or text in self.pack_text or not curly):
            return 0, []
        found = self._containing(text)
        if not found:
            return 1, [f"the quotation \u201c{quote[:60]}\u201d is not a comment anyone made"]
        visible = [c for c in found if self._state(c) == "visible"]
        if not visible:
            return 1, [f"the quotation \u201c{quote[:60]}\u201d is from a comment that was "
                       f"{self._state(found[0])}; it must not be quoted"]
        if attributed:
            want = self.role_labels[label]
            shown = {c["label"] for c in visible}
            if want in shown:
                return 1, []
            roles = {self.snapshot.pack.role_label(c["role"]) for c in visible if "role" in c}
            if want in roles:
                return 1, [f"the quotation \u201c{quote[:60]}\u201d is attributed to {want}, "
                           f"but fewer than {MIN_GROUP} people in that role answered there: "
                           f"to protect their privacy it must say {POOLED}"]
            return 1, [f"the quotation \u201c{quote[:60]}\u201d is attributed to "
                       f"{want} but was written by {' or '.join(sorted(shown))}"]
        return 1, []


def quoted_words() -> set[str]:
    """What the report's note on method quotes in its own words ("most", "many"; in Welsh
    "y rhan fwyaf", "llawer"): never a participant's comment."""
    return {w for w in re.findall("\u201c([^\u201d]+)\u201d", _(METHOD_NOTE)) if "%(" not in w}


def _card(facts: Facts, path: list[str]):
    """The pack question (card) a heading path is inside, or None for the whole day."""
    for heading in path[1:]:
        # (a heading in the pack's Welsh is read back to the pack's English title)
        title = claim_rules.plain(from_shown(as_typed(heading.split(":")[0]).strip()))
        if title in facts.cards:
            return facts.cards[title]
    return None


def check_report(snapshot: Snapshot, text: str, lang: str | None = None) -> CheckResult:
    """Every figure, quotation and claim of `text` re-derived from the snapshot. LANG is the
    language `text` was drafted in ("cy" for Welsh): its figures are read against a fresh
    draft in that language, with that language's number words."""
    if lang is not None:
        with speaking(lang), pack_in(snapshot.pack):
            return check_report(snapshot, text)
    draft = draft_report(snapshot)
    facts = Facts(snapshot, [c for c in snapshot.pack.cards if _reached(snapshot, c)])
    ref, comments = _Reference(facts, draft), _Comments(snapshot)
    n_figures = n_quotes = 0
    problems: list[Problem] = []
    lines = list(_sections(text))
    poll = None
    for index, (key, path, number, line) in enumerate(lines):
        if line.startswith("#"):
            poll = None
        if not line.strip() or _TABLE_RULE.match(line):
            continue
        card = _card(facts, path)
        if card is not None and line.startswith("**" + poll_lead()):
            prompt = claim_rules.plain(line[len("**" + poll_lead()):])
            poll = next((q for q in card.questions if prompt in (
                claim_rules.plain(q.prompt), claim_rules.plain(shown(q.prompt)))), None)
        n, found_figures, matched = _check_figures(ref, key, line, facts.nouns)
        n_figures += n
        problems += [Problem(number, p) for p in found_figures]
        for m in _QUOTE.finditer(line):
            n, found = comments.check(m.group(2), m.group(3), m.group(1) == "\u201c")
            n_quotes += n
            problems += [Problem(number, p) for p in found]
        problems += [Problem(number, p) for p in _agreed_problems(snapshot, path, line)]
        if line.lstrip().startswith(("|", ">", "- ")):
            continue  # tables, the pack's words, and list items (read with their lead)
        items = []
        for _, _, _, after in lines[index + 1:]:
            if not after.startswith("- "):
                break
            items += sentences(after[2:])
        found = _claims(facts, card, poll, line, items, matched,
                        ref.worded.get(key, {}).get(_worded(line)), _flagged(found_figures))
        if not matched:
            # A count re-derived (right or wrong) says more than "not a count the data
            # gives": keep that.
            said = {token.lower() for token, _ in claim_rules.count_problems_of_line(
                facts, card, line)}
            problems = [p for p in problems if p.line != number or not p.message.startswith(
                "\u201c") or p.message[1:].split()[0].lower() not in said]
        problems += [Problem(number, p) for p in found]
    return CheckResult(n_figures, n_quotes, tuple(problems))


def _agreed_problems(snapshot: Snapshot, path: list[str], line: str) -> list[str]:
    """Under "Agreed actions" or "Practice points", each item is one the facilitator
    recorded, of that kind."""
    kind = next((k for k, title in AGREED_KINDS.items() for h in path[1:]
                 if claim_rules.plain(h) in (title.lower(), _(title).lower())), None)
    if kind is None or not line.startswith("- "):
        return []
    said = claim_rules.plain(line[2:])
    recorded = {claim_rules.plain(a.text): a.kind for a in agreed_of(snapshot.workshop)}
    if recorded.get(said) == kind:
        return []
    if said in recorded:
        return [f"\u201c{line[2:62].strip()}\u201d was recorded as "
                f"{'an' if recorded[said] == 'action' else 'a'} {AGREED_ONE[recorded[said]]}, "
                f"not {'an' if kind == 'action' else 'a'} {AGREED_ONE[kind]}"]
    return [f"\u201c{line[2:62].strip()}\u201d is not {'an' if kind == 'action' else 'a'} "
            f"{AGREED_ONE[kind]} the facilitator recorded"]


def _claims(facts: Facts, card, poll, line: str, items: list[Sentence], matched: bool,
            draft_words: list[str] | None, flagged: set[str]) -> list[str]:
    """What the sentences of one line (and the list it leads) state, re-derived."""
    out = claim_rules.plan_problems(facts, line)
    said = sentences(line)
    line_theme = claim_rules.line_theme(facts, said)
    used = 0
    for i, s in enumerate(said):
        last = i == len(said) - 1
        led = items if last else []
        if not matched:
            out += [p for token, p in claim_rules.count_problems(facts, card, s, line_theme)
                    if p and token.lower() not in flagged]
        uses = len(claim_rules.quantity_uses(facts, s.bare))
        words = draft_words[used:used + uses] if draft_words is not None else None
        used += uses
        out += claim_rules.quantity_problems(facts, card, s, words)
        out += claim_rules.general_problems(facts, s, led)
        out += claim_rules.way_problems(facts, s, led)
        out += claim_rules.rank_problems(facts, card, s)
        out += claim_rules.decision_problems(facts, card, s)
        out += claim_rules.difference_problems(facts, card, s, poll)
    return out
