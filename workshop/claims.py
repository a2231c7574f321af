"""Checking a report against the data: every figure and every quotation.

A fresh draft is made from the same snapshot and used as the reference. Each line of the
report being checked is matched, within its section, to the draft's line with the same
wording once figures are set aside; its figures must then be the draft's figures. A line
the facilitator has rewritten has no such match: its figures must still be figures the
data gives for that section. Every quotation attributed to a role must be what a person
in that role wrote (the whole comment or a verbatim part of it), and still visible.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from workshop.analysis import MIN_GROUP, POOLED, comment_grouping
from workshop.report import draft_report
from workshop.results import rating_result, scoring_result
from workshop.text import as_typed
from workshop.wording import QUANTITY_WORDS
from workshop.workshops import Snapshot

_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(_WORDS) + r")\b", re.IGNORECASE)
_QUOTE = re.compile(r"([\u201c\"])(.+?)[\u201d\"](?:\s*\(([^()\n]+)\))?")
_TABLE_RULE = re.compile(r"^\|?(\s*:?-+:?\s*\|)+\s*$")


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


def _value(token: str) -> str:
    low = token.lower()
    if low in _WORDS:
        return str(_WORDS.index(low) + 1)
    return token.replace(",", "")


def _normal(text: str) -> str:
    return " ".join(as_typed(text).split()).strip(" .…").lower()


def _without_quotes(line: str) -> str:
    return _QUOTE.sub(lambda m: "\u201cQ\u201d" + (f" ({m.group(3)})" if m.group(3) else ""),
                      line)


def _skeleton(line: str) -> str:
    return " ".join(_NUMBER.sub("#", _without_quotes(line)).split())


def _sections(text: str):
    """(section key, line number, line) for each line; a heading starts a section."""
    key = ""
    for i, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#"):
            key = _skeleton(line.lstrip("#").strip()).lower()
        yield key, i, line


class _Reference:
    """What the data says, read from a fresh draft."""

    def __init__(self, snapshot: Snapshot):
        self.lines: dict[str, dict[str, list[list[str]]]] = defaultdict(lambda: defaultdict(list))
        self.figures: dict[str, set[str]] = defaultdict(set)
        for key, _, line in _sections(draft_report(snapshot)):
            tokens = _NUMBER.findall(_without_quotes(line))
            if tokens:
                self.lines[key][_skeleton(line)].append(tokens)
                self.figures[key].update(_value(t) for t in tokens)
        self.all_figures = set().union(*self.figures.values()) if self.figures else set()


def _check_figures(ref: _Reference, key: str, line: str) -> tuple[int, list[str]]:
    tokens = _NUMBER.findall(_without_quotes(line))
    if not tokens:
        return 0, []
    figures = [_value(t) for t in tokens]
    candidates = ref.lines.get(key, {}).get(_skeleton(line))
    if candidates:
        def differences(candidate):
            return [(tok, want) for tok, got, want in zip(tokens, figures, candidate)
                    if got != _value(want)]
        best = min((differences(c) for c in candidates), key=len)
        return len(figures), [f"says {tok} where the data gives {want}" for tok, want in best]
    # A rewritten line: figures in digits must be ones the data gives for this section.
    known = ref.figures.get(key) or ref.all_figures
    digits = [(tok, val) for tok, val in zip(tokens, figures) if tok[0].isdigit()]
    return len(digits), [f"the figure {tok} is not one the data gives for this section"
                         for tok, val in digits if val not in known]


class _Comments:
    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        pack = snapshot.pack
        self.role_labels = {r.label.lower(): r.label for r in pack.roles}
        self.role_labels[POOLED.lower()] = POOLED
        self.plain = {_normal(c) for q in pack.questions for c in q.choices}
        self.plain |= {_normal(t.label) for t in snapshot.codebook} | {_normal(POOLED)}
        self.plain |= set(QUANTITY_WORDS)
        # Words quoted from the pack or the background are not comments.
        self.pack_text = _normal(" ".join(
            [snapshot.workshop.get("background") or "", pack.summary or "", pack.background or ""]
            + [f"{card.title} {card.scenario} {card.plain_scenario or ''}" for card in pack.cards]
            + [" ".join([q.prompt, *q.options, *q.criteria, *q.dimensions, *q.levels,
                         *q.categories, *q.tags, *(s.text for s in q.statements),
                         *(f"{e.title} {e.group} {e.summary}" for e in q.entries)])
               for q in pack.questions]))
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
        found = [c for norm, c in self.comments if text and text in norm]
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


def check_report(snapshot: Snapshot, text: str) -> CheckResult:
    """Every figure and quotation of `text` re-derived from the snapshot."""
    ref, comments = _Reference(snapshot), _Comments(snapshot)
    n_figures = n_quotes = 0
    problems: list[Problem] = []
    for key, number, line in _sections(text):
        if not line.strip() or _TABLE_RULE.match(line):
            continue
        n, found = _check_figures(ref, key, line)
        n_figures += n
        problems += [Problem(number, p) for p in found]
        for m in _QUOTE.finditer(line):
            n, found = comments.check(m.group(2), m.group(3), m.group(1) == "\u201c")
            n_quotes += n
            problems += [Problem(number, p) for p in found]
    return CheckResult(n_figures, n_quotes, tuple(problems))
