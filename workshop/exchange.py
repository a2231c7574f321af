"""CSV in and out: exports for spreadsheets, imports for answers written on paper.

One layout serves both ways (README.md, "Importing and exporting"): one row per comment,
idea, vote and per part of a structured answer (one row per item ranked, per option given
points, per criterion a judge scored, per card placed ...), each naming its person by a
label, never by an internal id. An export can be imported into a fresh workshop of the
same pack and gives the same counts.
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass, field

from workshop import formats
from workshop.errors import ImportRejected, InvalidInput
from workshop.scenarios import KIND_LABELS, POLL_KINDS, Pack, Question
from workshop.text import clean_comment, clean_short, csv_safe
from workshop.wording import counted
from workshop.workshops import Snapshot, Workshops, shown_to_room

EXPORT_COLUMNS = ("workshop", "question_id", "question_kind", "person", "role", "table",
                  "kind", "item", "criterion", "value", "text", "tag", "themes",
                  "theme_source", "hidden", "withdrawn", "created_at")
REQUIRED_COLUMNS = ("question_id", "role")
# Columns that name who answered, in the order they are read: any label, the same label
# on several rows is one person.
PERSON_COLUMNS = ("person", "judge", "group")
# What the kind column says on rows of the structured kinds (read back from the question).
ROW_KINDS = {"scale": "answer", "choice": "answer", "ranking": "answer", "points": "answer",
             "scoring_matrix": "score", "rating_matrix": "rating", "card_sort": "placement"}
MAX_PROBLEMS_SHOWN = 20


# --- export -------------------------------------------------------------------------------

def person_labels(snapshot: Snapshot) -> dict[str, str]:
    """Each person's label in an export: the one an import named them by, else "Person 1",
    "Person 2" ... in the order they joined."""
    labels = {d["id"]: d["person"] for d in snapshot.delegates if d.get("person")}
    taken = {label.casefold() for label in labels.values()}
    n = 0
    for d in snapshot.delegates:
        if d["id"] in labels:
            continue
        n += 1
        while f"person {n}" in taken:
            n += 1
        labels[d["id"]] = f"Person {n}"
    return labels


def export_rows(snapshot: Snapshot) -> list[dict]:
    """A readable row for every comment, idea, vote and part of an answer. Hidden and
    withdrawn comments keep their row, flagged, so the counts match the report, but never
    their words: the author took them back, or the facilitator kept them out of the room
    and the report."""
    people = person_labels(snapshot)
    delegates = {d["id"]: d for d in snapshot.delegates}
    wid = snapshot.workshop["id"]

    def row(delegate_id: str, question_id: str, kind: str, **cells) -> dict:
        d = delegates.get(delegate_id, {})
        q = snapshot.pack.question(question_id) if question_id else None
        return {"workshop": wid, "question_id": question_id,
                "question_kind": q.kind if q else "", "person": people.get(delegate_id, ""),
                "role": snapshot.role_of(delegate_id), "table": d.get("table", ""),
                "kind": kind, "item": "", "criterion": "", "value": "", "text": "",
                "tag": "", "themes": "", "theme_source": "", "hidden": "no",
                "withdrawn": "no", "created_at": "", **cells}

    rows = []
    ideas = {c["id"]: c for c in snapshot.comments}
    for c in snapshot.comments:
        withheld = c.get("hidden") or c.get("withdrawn")
        themes = [] if c.get("withdrawn") else c["themes"]
        merged = ideas.get(c.get("merged_into") or "")
        rows.append(row(
            c["delegate_id"], c["question_id"], c["kind"],
            text="" if withheld else c["text"], tag=c.get("tag") or "",
            item=merged["text"] if merged and shown_to_room(merged) and not withheld else "",
            themes=";".join(t["theme_id"] for t in themes),
            theme_source=";".join(dict.fromkeys(t["source"] for t in themes)),
            hidden="yes" if c.get("hidden") else "no",
            withdrawn="yes" if c.get("withdrawn") else "no", created_at=c["created_at"]))
    for a in snapshot.answers:
        q = snapshot.pack.question(a["question_id"])
        for cells in _answer_cells(q, a, ideas):
            rows.append(row(a["delegate_id"], q.id, created_at=a["updated_at"], **cells))
    said = {r["person"] for r in rows}
    for d in snapshot.delegates:  # people who joined and sent nothing: a sign-in row
        if people[d["id"]] not in said:
            rows.append(row(d["id"], "", "joined", created_at=d.get("joined_at", "")))
    return rows


def _answer_cells(q: Question, a: dict, ideas: dict[str, dict]) -> list[dict]:
    kind = ROW_KINDS.get(q.kind, "")
    if q.kind in POLL_KINDS:
        return [{"kind": kind, "value": v} for v in a["values"]]
    if q.kind == "ranking":
        return [{"kind": kind, "item": o, "value": str(i)}
                for i, o in enumerate(a["values"], start=1)]
    if q.kind == "points":
        given = a.get("points") or {}
        return [{"kind": kind, "item": o, "value": str(given.get(o, 0))} for o in q.options]
    if q.kind == "scoring_matrix":
        notes = a.get("notes") or {}
        return [{"kind": kind, "item": e.title, "criterion": c,
                 "value": str(a["scores"][e.id][c]), "text": notes.get(e.id, "") if i == 0
                 else ""}
                for e in q.entries if e.id in (a.get("scores") or {})
                for i, c in enumerate(q.criteria)]
    if q.kind == "rating_matrix":
        reasons = a.get("reasons") or {}
        return [{"kind": kind, "item": o, "criterion": d, "value": a["ratings"][o][d],
                 "text": reasons.get(o, "") if i == 0 else ""}
                for o in q.options if o in (a.get("ratings") or {})
                for i, d in enumerate(q.dimensions)]
    if q.kind == "card_sort":
        placed = a.get("placement") or {}
        return [{"kind": kind, "item": s.text, "value": placed[s.text]}
                for s in q.statements if s.text in placed]
    if q.kind == "idea_board":  # votes, for ideas still on the board
        return [{"kind": "vote", "item": ideas[i]["text"]} for i in a["values"]
                if i in ideas and shown_to_room(ideas[i])]
    return []


def export_csv(snapshot: Snapshot) -> str:
    """CSV text; cells that a spreadsheet would run as formulas are made plain text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in export_rows(snapshot):
        writer.writerow({k: csv_safe(v) for k, v in row.items()})
    return out.getvalue()


# --- import -------------------------------------------------------------------------------

@dataclass
class Imported:
    """What an import added."""
    comments: int = 0
    ideas: int = 0
    answers: int = 0            # people's answers to questions other than comments
    new_people: int = 0
    people: int = 0             # people the rows were attributed to
    skipped: int = 0            # hidden or withdrawn rows: no words to import

    def describe(self) -> str:
        parts = [counted(n, what) for n, what in ((self.comments, "comment"),
                                                  (self.ideas, "idea"),
                                                  (self.answers, "answer")) if n]
        text = (", ".join(parts) or "nobody's answers, only who took part") + \
            f" from {counted(self.people, 'person', 'people')} ({self.new_people} new)"
        if self.skipped:
            text += (f"; {counted(self.skipped, 'hidden or withdrawn row')} left out (they "
                     "carry no words)")
        return text


@dataclass
class _Answer:
    """One person's rows on one structured question, gathered before checking."""
    person: object
    question: Question
    lines: list[int] = field(default_factory=list)
    cells: dict = field(default_factory=dict)     # item (or (item, criterion)) -> value
    texts: dict = field(default_factory=dict)     # item -> note or reason
    votes: list = field(default_factory=list)     # (line, idea text)


def _plain(text) -> str:
    return " ".join((text or "").split())


def _pick(name: str, choices) -> str | None:
    """The choice a cell names (spaces and capitals aside), or None."""
    want = _plain(name).casefold()
    return next((c for c in choices if _plain(c).casefold() == want), None)


def _lines(lines: list[int]) -> str:
    return f"line {lines[0]}" if len(set(lines)) == 1 else f"lines {min(lines)}-{max(lines)}"


class _Reader:
    """Reads rows into people, comments and answers, collecting every problem."""

    def __init__(self, pack: Pack, snapshot: Snapshot):
        self.pack, self.snapshot = pack, snapshot
        self.problems: list[str] = []
        self.people: dict = {}           # key -> existing delegate id or new person fields
        self.labels: dict = {}           # key -> how the person is named in messages
        self.roles: dict = {}            # named key -> (role, first line)
        self.comments: list[dict] = []
        self.answers: dict = {}          # (person key, question id) -> _Answer
        self.ideas: dict = {}            # (board id, idea text) -> idea id
        self.merges: list = []           # (line, idea dict, text of the idea it joined)
        self.skipped = 0
        self._existing_named = {d["person"].casefold(): d for d in snapshot.delegates
                                if d.get("transcribed") and d.get("person")}
        self._existing_tables = {(d["role"], d["table"]): d for d in snapshot.delegates
                                 if d.get("transcribed") and not d.get("person")}
        for c in snapshot.comments:
            if shown_to_room(c) and _kind_of(pack, c["question_id"]) == "idea_board":
                self.ideas.setdefault((c["question_id"], _plain(c["text"]).casefold()),
                                      c["id"])

    def fail(self, where: str, problem: str) -> None:
        self.problems.append(f"{where}: {problem}")

    # -- people ----------------------------------------------------------------------
    def person(self, line: int, role: str, table: str, label: str):
        if label:
            key = ("named", label.casefold())
            first = self.roles.setdefault(key, (role, line))
            if first[0] != role:
                self.fail(f"line {line}", f"{label} is {self._role(first[0])} on line "
                          f"{first[1]} but {self._role(role)} here; one person has one role")
            existing = self._existing_named.get(label.casefold())
            if existing is not None and existing["role"] != role:
                self.fail(f"line {line}", f"{label} was imported before as "
                          f"{self._role(existing['role'])}; one person has one role")
            if key not in self.people:
                self.people[key] = existing["id"] if existing else {
                    "role": role, "table": table, "person": label}
                self.labels[key] = label
            return key
        key = ("table", role, table)
        if key not in self.people:
            existing = self._existing_tables.get((role, table))
            self.people[key] = existing["id"] if existing else {"role": role, "table": table}
            self.labels[key] = (f"{self.pack.role_label(role)} at table {table}" if table
                                else f"{self.pack.role_label(role)} with no table")
        return key

    def _role(self, role: str) -> str:
        return f"\u201c{self.pack.role_label(role)}\u201d"

    # -- rows ------------------------------------------------------------------------
    def read(self, line: int, row: dict) -> None:
        cell = {k: _plain(v) for k, v in row.items() if k}
        if cell.get("hidden", "").lower() == "yes" or cell.get("withdrawn", "").lower() == "yes":
            self.skipped += 1
            return
        where = f"line {line}"
        role = (_pick(cell.get("role", ""), self.pack.role_ids)
                or next((r.id for r in self.pack.roles
                         if _plain(r.label).casefold() == cell.get("role", "").casefold()), None))
        if role is None:
            self.fail(where, f"unknown role {cell.get('role', '')!r} (valid: "
                      f"{', '.join(self.pack.role_ids)})")
        qid = cell.get("question_id", "")
        question = None
        if qid:
            try:
                question = self.pack.question(qid)
            except KeyError:
                self.fail(where, f"unknown question_id {qid!r} (valid: "
                          f"{', '.join(q.id for q in self.pack.questions)})")
        elif cell.get("text") or cell.get("value") or cell.get("item"):
            self.fail(where, "there is no question_id: say which question this answers")
        try:
            table = clean_short(cell["table"], "table") if cell.get("table") else ""
            label = next((clean_short(cell[c], "person") for c in PERSON_COLUMNS
                          if cell.get(c)), "")
        except InvalidInput as exc:
            self.fail(where, str(exc))
            return
        if role is None or (qid and question is None):
            return
        key = self.person(line, role, table, label)
        if question is None:
            return  # a sign-in row: the person took part
        try:
            self._answer(line, key, question, cell)
        except InvalidInput as exc:
            self.fail(where, str(exc))

    def _answer(self, line: int, key, q: Question, cell: dict) -> None:
        item, value, text = cell.get("item", ""), cell.get("value", ""), cell.get("text", "")
        if q.kind == "comment":
            kind = cell.get("kind", "").lower()
            kinds = self.pack.comment_kinds
            if not kind:
                raise InvalidInput(f"the kind column says what kind of comment this is "
                                   f"({', '.join(kinds)})")
            if kind not in kinds:
                raise InvalidInput(f"unknown kind {kind!r} (valid: {', '.join(kinds)})")
            self.comments.append({"person": key, "question_id": q.id,
                                  "text": clean_comment(text), "kind": kind})
            return
        if q.kind == "idea_board" and cell.get("kind", "").lower() != "vote":
            if cell.get("kind", "").lower() not in ("", "idea"):
                raise InvalidInput("on an idea board the kind is idea or vote")
            tag = _pick(cell.get("tag", ""), q.tags) if cell.get("tag") else None
            idea = {"id": secrets.token_hex(8), "person": key, "question_id": q.id,
                    "text": clean_comment(text), "kind": "idea",
                    "tag": formats.idea_tag(q, tag), "merged_into": None}
            self.comments.append(idea)
            self.ideas.setdefault((q.id, idea["text"].casefold()), idea["id"])
            if item:
                self.merges.append((line, idea, item))
            return
        answer = self.answers.setdefault((key, q.id), _Answer(key, q))
        answer.lines.append(line)
        if q.kind == "idea_board":
            if not item:
                raise InvalidInput("a vote needs the idea voted for in the item column")
            answer.votes.append((line, item))
            return
        if q.kind in POLL_KINDS:
            if not value:
                raise InvalidInput("the answer chosen goes in the value column")
            answer.cells[(value.casefold(), "")] = _pick(value, q.choices) or value
            return
        criterion = ""
        if q.kind in ("scoring_matrix", "rating_matrix"):
            criterion = cell.get("criterion", "")
            if not criterion:
                raise InvalidInput("the criterion column says which "
                                   + ("criterion was scored" if q.kind == "scoring_matrix"
                                      else "row was rated"))
        if not item or not value:
            raise InvalidInput(f"a {KIND_LABELS[q.kind]} row needs the item column and the "
                               "value column")
        slot = (item.casefold(), criterion.casefold())
        if slot in answer.cells:
            raise InvalidInput(f"{self.labels[key]} already has a value for {item!r}"
                               + (f", {criterion!r}" if criterion else "")
                               + " on this question")
        answer.cells[slot] = (item, criterion, value)
        if text:
            answer.texts.setdefault(item.casefold(), []).append(text)

    # -- whole answers ---------------------------------------------------------------
    def finish(self) -> list[dict]:
        for line, idea, into in self.merges:
            target = self.ideas.get((idea["question_id"], into.casefold()))
            if target is None or target == idea["id"]:
                self.fail(f"line {line}", f"the idea it was merged into, {into!r}, is not on "
                          "the board")
            else:
                idea["merged_into"] = target
        merged = {i["id"] for _, i, _ in self.merges if i["merged_into"]}
        for line, idea, _ in self.merges:
            if idea["merged_into"] in merged:
                self.fail(f"line {line}", "an idea can only be merged into one that has not "
                          "itself been merged")
        answered = {(a["delegate_id"], a["question_id"]) for a in self.snapshot.answers}
        out = []
        for (key, qid), answer in self.answers.items():
            where = f"{_lines(answer.lines)} ({self.labels[key]}, {qid})"
            if isinstance(self.people[key], str) and (self.people[key], qid) in answered:
                self.fail(where, f"{self.labels[key]} already has an answer to this question "
                          "from an earlier import")
                continue
            try:
                out.append({"person": key, "question_id": qid,
                            "fields": self._fields(answer, where)})
            except InvalidInput as exc:
                self.fail(where, str(exc))
        return out

    def _fields(self, a: _Answer, where: str) -> dict:
        q = a.question
        if q.kind in POLL_KINDS:
            return formats.poll(q, list(a.cells.values()))
        if q.kind == "idea_board":
            ids = []
            for line, text in a.votes:
                idea = self.ideas.get((q.id, text.casefold()))
                if idea is None:
                    raise InvalidInput(f"line {line} votes for {text!r}, which is not an idea "
                                       "on the board")
                ids.append(idea)
            return formats.votes(q, ids)
        if q.kind == "ranking":
            places = {}
            for item, _, value in a.cells.values():
                places[_pick(item, q.options) or item] = _whole(value, "A place")
            if sorted(places.values()) != list(range(1, len(places) + 1)):
                raise InvalidInput(f"places go from 1 to {len(q.options)}, each used once")
            return formats.ranking(q, sorted(places, key=places.get))
        if q.kind == "points":
            return formats.points(q, {_pick(item, q.options) or item: value
                                      for item, _, value in a.cells.values()})
        if q.kind == "card_sort":
            texts = [s.text for s in q.statements]
            return formats.card_sort(q, {_pick(item, texts) or item:
                                         _pick(value, q.categories) or value
                                         for item, _, value in a.cells.values()})
        if q.kind == "scoring_matrix":
            return self._by_item(a, "scores", "notes", [e.id for e in q.entries],
                                 lambda item: _entry(q, item), formats.scores,
                                 lambda v: _whole(v, "A score"), q.criteria)
        return self._by_item(a, "ratings", "reasons", list(q.options),
                             lambda item: _pick(item, q.options) or item, formats.ratings,
                             lambda v: _pick(v, q.levels) or v, q.dimensions)

    @staticmethod
    def _by_item(a: _Answer, field_: str, text_field: str, order: list[str], name, check,
                 value, columns) -> dict:
        given: dict[str, dict] = {}
        texts: dict[str, str] = {}
        for item, criterion, v in a.cells.values():
            given.setdefault(name(item), {})[_pick(criterion, columns) or criterion] = value(v)
            texts[name(item)] = " ".join(dict.fromkeys(a.texts.get(item.casefold(), [])))
        out = {field_: {}, text_field: {}}
        for item, cells in given.items():
            cleaned, text = check(a.question, item, cells, texts.get(item, ""))
            out[field_][item] = cleaned
            out[text_field][item] = text
        out["values"] = [k for k in order if k in out[field_]]
        return out


def _kind_of(pack: Pack, question_id: str) -> str:
    try:
        return pack.question(question_id).kind
    except KeyError:
        return ""


def _entry(q: Question, name: str) -> str:
    """An entry named by its title or its id."""
    found = next((e.id for e in q.entries if _plain(e.title).casefold() == name.casefold()
                  or e.id == name), None)
    if found is None:
        raise InvalidInput(f"{name!r} is not one of the entries to judge (entries: "
                           f"{', '.join(e.title for e in q.entries)})")
    return found


def _whole(value: str, what: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise InvalidInput(f"{what} is a whole number, not {value!r}.") from None


def import_csv(workshops: Workshops, workshop_id: str, text: str) -> Imported:
    """Add what was written on paper, of any kind of question: all got or none.

    Rows naming the same person (a `person`, `judge` or `group` column) are one person;
    without one, got sharing a role and a table are one person."""
    reader = csv.DictReader(io.StringIO(text))
    reader.fieldnames = [_plain(f).lower() for f in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in reader.fieldnames]
    if missing:
        raise ImportRejected(f"The CSV has no column {', '.join(missing)}. It needs at least "
                             f"the columns {', '.join(REQUIRED_COLUMNS)} (README.md lists "
                             "the columns for each kind of question).")
    pack = workshops.pack_of(workshop_id)
    got = _Reader(pack, workshops.snapshot(workshop_id))
    n_rows = 0
    for line, row in enumerate(reader, start=2):
        n_rows += 1
        got.read(line, row)
    answers = got.finish()
    problems = got.problems
    if problems:
        shown = "\n".join(problems[:MAX_PROBLEMS_SHOWN])
        more = (f"\n\u2026 and {len(problems) - MAX_PROBLEMS_SHOWN} more"
                if len(problems) > MAX_PROBLEMS_SHOWN else "")
        raise ImportRejected(f"Nothing was imported. Fix these got and try again:\n{shown}{more}")
    if not got.people:
        raise ImportRejected("The CSV has no got to import." if not n_rows else
                             "Every row of the CSV is hidden or withdrawn: there is nothing "
                             "to import.")
    workshops.add_imported(workshop_id, got.people, got.comments, answers)
    ideas = sum(1 for c in got.comments if _kind_of(pack, c["question_id"]) == "idea_board")
    return Imported(comments=len(got.comments) - ideas, ideas=ideas, answers=len(answers),
                    new_people=sum(1 for p in got.people.values() if isinstance(p, dict)),
                    people=len(got.people), skipped=got.skipped)
