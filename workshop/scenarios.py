"""Scenario packs: YAML files of stages, cards and questions, validated on load.

A pack is data. A workshop keeps a copy of the pack it was created from, so editing a
pack file later never changes the meaning of answers already given.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from workshop.errors import PackError
from workshop.i18n import DEFAULT_LANGUAGE, N_, language
from workshop.text import has_tag
from workshop.themes import Theme, themes_from_dicts

QUESTION_KINDS = ("comment", "scale", "choice", "ranking", "points", "scoring_matrix",
                  "rating_matrix", "card_sort", "idea_board")
# Kinds answered by choosing from a list of options the same way for everyone.
POLL_KINDS = ("scale", "choice")
KIND_LABELS = {"comment": "open comment", "scale": "agreement scale",
               "choice": "single or multiple choice", "ranking": "ranking",
               "points": "points allocation", "scoring_matrix": "scoring matrix (judging)",
               "rating_matrix": "rating matrix", "card_sort": "card sort",
               "idea_board": "idea board with votes"}
DEFAULT_LEVELS = (N_("Low"), N_("Medium"), N_("High"))
SCORE_MIN, SCORE_MAX = 1, 5
MAX_ITEMS = 12
COMMENT_KINDS = {"issue": N_("Issue or concern"), "idea": N_("Idea or way forward"),
                 "question": N_("Question")}
# A pack may add kinds of comment (`comment_kinds:`), each with what a phone offers and the
# words the report gives them ("Experiences shared"); these three are always there.
MAX_COMMENT_KINDS = 6        # added by a pack, beyond the three
MAX_KIND_LABEL = 40
# Words the report keeps for the three built-in kinds (its check reads them so: a way
# forward is only ever an idea; "concerns" and "questions" are counted as those kinds).
RESERVED_KIND_WORDS = re.compile(r"\b(?:ideas?|ways? forward|propos\w*|suggest\w*|"
                                 r"recommend\w*|solutions?|concerns?|worr\w*|questions?|"
                                 r"asked|comments?)\b", re.IGNORECASE)
SCALE_LABELS = (N_("Strongly disagree"), N_("Disagree"), N_("Neither agree nor disagree"),
                N_("Agree"), N_("Strongly agree"))
# Limits on a pack's YAML, checked before it is read: the shipped packs are under 40 KB and
# nest 9 levels deep (pack, stages, a stage, cards, a card, questions, a question, entries,
# an entry). Anchors and aliases (&name, *name) are refused: a pack is written to be read
# by people, any repeat can be written out, and an alias repeated inside aliases grows a
# few hundred bytes into gigabytes (every workshop stores its pack in full, as JSON).
MAX_PACK_BYTES = 512 * 1024
MAX_PACK_DEPTH = 20
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

_PACK_KEYS = {"id": True, "title": True, "summary": False, "objectives": False,
              "background": False, "table": False, "comment_kinds": False, "roles": True,
              "codebook": True, "stages": True}
# Whether a delegate must give a table to join: optional (the default) lets a phone join
# with one tap on its role and add a table afterwards.
TABLE_CHOICES = ("optional", "required")
_STAGE_KEYS = {"id": True, "title": True, "cards": True}
_CARD_KEYS = {"id": True, "title": True, "scenario": True, "plain_scenario": False,
              "questions": True}
_QUESTION_KEYS = {"id": True, "kind": True, "prompt": True, "results": False}
# Welsh: any card, question, role, comment kind, stage and the pack itself may carry a
# `cy:` mapping with the Welsh for its own text fields (English is used where none is
# given). Lists carry one Welsh item for each English one, in the same order.
TRANSLATED = ("cy",)
_WELSH_TEXT = {
    "pack": ("title", "summary", "background"),
    "role": ("label",),
    "comment_kind": ("label", "report"),
    "stage": ("title",),
    "card": ("title", "scenario", "plain_scenario"),
    "question": ("prompt",),
    "theme": ("label", "description"),
}
_WELSH_LISTS = ("objectives", "options", "criteria", "dimensions", "levels", "categories",
                "tags", "statements")
_WELSH_ENTRY = ("title", "group", "summary")
# Whether the room sees a question's results as they come in, or only once revealed.
RESULTS_MODES = ("live", "hidden")
# What each kind of question takes beyond id, kind and prompt (True: required).
_KIND_KEYS = {
    "comment": {}, "scale": {},
    "choice": {"options": True, "multiple": False},
    "ranking": {"options": True},
    "points": {"options": True, "total": False},
    "scoring_matrix": {"entries": True, "criteria": True},
    "rating_matrix": {"options": True, "dimensions": True, "levels": False},
    "card_sort": {"categories": True, "statements": True},
    "idea_board": {"tags": False, "votes": False},
}


@dataclass(frozen=True)
class CommentKind:
    """A kind of comment a pack adds: its id, what a phone offers ("Experience") and how
    the report heads the comments of that kind ("Experiences shared")."""
    id: str
    label: str
    report: str


@dataclass(frozen=True)
class Role:
    id: str
    label: str


@dataclass(frozen=True)
class Entry:
    """Something judged in a scoring matrix: a competition entry."""
    id: str
    title: str
    group: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Statement:
    """A card to sort; `answer` is the right category, revealed by the facilitator."""
    text: str
    answer: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    prompt: str
    card_id: str
    stage_id: str
    options: tuple[str, ...] = ()
    multiple: bool = False
    total: int = 100                       # points
    entries: tuple[Entry, ...] = ()        # scoring_matrix
    criteria: tuple[str, ...] = ()         # scoring_matrix
    dimensions: tuple[str, ...] = ()       # rating_matrix columns
    levels: tuple[str, ...] = ()           # rating_matrix scale
    categories: tuple[str, ...] = ()       # card_sort
    statements: tuple[Statement, ...] = ()  # card_sort
    tags: tuple[str, ...] = ()             # idea_board
    votes: int = 3                         # idea_board: votes per delegate
    results: str = "live"                  # "hidden": shown once the facilitator reveals

    @property
    def choices(self) -> tuple[str, ...]:
        """What a delegate picks from: the scale's points or the options."""
        return SCALE_LABELS if self.kind == "scale" else self.options

    def entry(self, entry_id: str) -> Entry:
        return next(e for e in self.entries if e.id == entry_id)


@dataclass(frozen=True)
class Card:
    id: str
    title: str
    scenario: str
    questions: tuple[Question, ...]
    plain_scenario: str = ""


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Pack:
    id: str
    title: str
    roles: tuple[Role, ...]
    codebook: tuple[Theme, ...]
    stages: tuple[Stage, ...]
    summary: str = ""
    objectives: tuple[str, ...] = ()
    background: str = ""
    table: str = "optional"                # TABLE_CHOICES
    extra_kinds: tuple[CommentKind, ...] = ()  # comment kinds the pack adds
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def comment_kinds(self) -> dict[str, str]:
        """Every kind of comment a phone offers in this pack: id -> label."""
        return {**COMMENT_KINDS, **{k.id: k.label for k in self.extra_kinds}}

    def kind_label(self, kind: str) -> str:
        return self.comment_kinds.get(kind, kind)

    @property
    def cards(self) -> list[Card]:
        return [c for s in self.stages for c in s.cards]

    @property
    def questions(self) -> list[Question]:
        return [q for c in self.cards for q in c.questions]

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def card_of(self, question_id: str) -> Card:
        return next(c for c in self.cards if any(q.id == question_id for q in c.questions))

    def role_label(self, role_id: str) -> str:
        return next((r.label for r in self.roles if r.id == role_id), role_id)

    @property
    def role_ids(self) -> list[str]:
        return [r.id for r in self.roles]

    @property
    def table_required(self) -> bool:
        return self.table == "required"

    def in_language(self, lang: str | None) -> Pack:
        """The pack with its text in LANG ("cy": the Welsh its `cy:` mappings give, English
        wherever none is given). Ids, kinds and the order of every list are the same, so an
        option, category or level is the one at the same place in the English pack."""
        code = language(lang)
        if code == DEFAULT_LANGUAGE or not self.raw:
            return self
        made = self.__dict__.setdefault("_in_language", {})  # frozen: kept beside the fields
        if code not in made:  # worked out once per pack (each phone asks on every run)
            made[code] = (pack_from_dict(localised(self.raw, code), self.id)
                          if has_translation(self.raw, code) else self)
        return made[code]

    @property
    def languages(self) -> tuple[str, ...]:
        """English, and each language the pack carries text for."""
        return (DEFAULT_LANGUAGE, *(code for code in TRANSLATED
                                   if self.raw and has_translation(self.raw, code)))


class _Checker:
    """Collects the path of the field being checked so errors can name it."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, problem: str, fix: str) -> PackError:
        error = PackError(f"{self.source}: {where}: {problem}. Fix: {fix}")
        error.where = where
        return error

    def mapping(self, value, where: str, keys: dict[str, bool], welsh: bool = False) -> dict:
        """A mapping with KEYS (and, with `welsh`, a `cy:` mapping of its Welsh)."""
        if not isinstance(value, dict):
            raise self.fail(where or "top level", f"expected a mapping, found {type(value).__name__}",
                            f"write it as 'key: value' lines with the keys {', '.join(keys)}")
        prefix = f"{where}." if where else ""
        unknown = sorted(set(value) - set(keys) - ({"cy"} if welsh else set()))
        if unknown:
            raise self.fail(f"{prefix}{unknown[0]}", "unknown field",
                            f"remove it or use one of: {', '.join(keys)}")
        for key, required in keys.items():
            if required and key not in value:
                raise self.fail(f"{prefix}{key}", "missing", f"add '{key}:'")
        return value

    def text(self, value, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "must be non-empty text", "write some text after the colon")
        return value.strip()

    def ident(self, value, where: str, seen: set[str]) -> str:
        if not isinstance(value, str) or not _ID.match(value):
            raise self.fail(where, f"{value!r} is not a valid id",
                            "use lower-case letters, digits and _ (start with a letter)")
        if value in seen:
            raise self.fail(where, f"id {value!r} is used twice", "give each one its own id")
        seen.add(value)
        return value

    def labels(self, value, where: str, least: int, most: int) -> tuple[str, ...]:
        """A list of distinct one-line texts, least..most of them."""
        items = self.items(value, where)
        if not all(isinstance(o, (str, int, float)) and str(o).strip() for o in items):
            raise self.fail(where, "every item must be text", "write each item after '- '")
        items = [" ".join(str(o).split()) for o in items]
        if not least <= len(items) <= most:
            raise self.fail(where, f"has {len(items)} item{'s' * (len(items) != 1)}; it "
                            f"needs {least} to {most}", "add or remove items")
        if len(set(items)) != len(items):
            raise self.fail(where, "an item is listed twice", "remove the repeat")
        return tuple(items)

    def count(self, value, where: str, least: int, most: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
            raise self.fail(where, f"must be a whole number from {least} to {most}",
                            f"write for example {where.rsplit('.', 1)[-1]}: {most // 10 or most}")
        return value

    def items(self, value, where: str) -> list:
        if not isinstance(value, list) or not value:
            raise self.fail(where, "must be a non-empty list", "list items with '- ' lines")
        return value


def pack_from_dict(data, source: str = "pack") -> Pack:
    """Validate a pack's data; errors name the source, the field and the fix."""
    ck = _Checker(source)
    data = ck.mapping(data, "", _PACK_KEYS, welsh=True)
    _no_tags(ck, data, "")
    _welsh(ck, data, "", "pack")
    pack_id = ck.ident(data["id"], "id", set())
    roles, role_ids = [], set()
    for i, r in enumerate(ck.items(data["roles"], "roles")):
        r = ck.mapping(r, f"roles[{i}]", {"id": True, "label": True}, welsh=True)
        _welsh(ck, r, f"roles[{i}]", "role")
        roles.append(Role(ck.ident(r["id"], f"roles[{i}].id", role_ids),
                          ck.text(r["label"], f"roles[{i}].label")))
    for i, t in enumerate(ck.items(data["codebook"], "codebook")):
        if isinstance(t, dict):
            _welsh(ck, t, f"codebook[{i}]", "theme")
        examples = t.get("examples") if isinstance(t, dict) else None
        if examples is None:
            continue
        where = f"codebook[{i}].examples"
        if not isinstance(examples, list) or not examples:
            raise ck.fail(where, "must be a non-empty list of example comments",
                          "list each example comment with '- ', or remove 'examples'")
        for j, e in enumerate(examples):
            if not isinstance(e, str) or not e.strip():
                raise ck.fail(f"{where}[{j}]", "must be the text of a comment",
                              "write the comment after '- ' (quote it if it has a colon)")
        if len(set(" ".join(e.split()) for e in examples)) != len(examples):
            raise ck.fail(where, "an example is listed twice", "remove the repeat")
    try:
        codebook = tuple(themes_from_dicts(ck.items(data["codebook"], "codebook")))
    except (ValueError, TypeError, KeyError) as exc:
        raise ck.fail("codebook", str(exc), "give each theme an id, label and description")
    stages, stage_ids, card_ids, question_ids = [], set(), set(), set()
    for si, s in enumerate(ck.items(data["stages"], "stages")):
        s = ck.mapping(s, f"stages[{si}]", _STAGE_KEYS, welsh=True)
        _welsh(ck, s, f"stages[{si}]", "stage")
        stage_id = ck.ident(s["id"], f"stages[{si}].id", stage_ids)
        cards = []
        for ci, c in enumerate(ck.items(s["cards"], f"stages[{si}].cards")):
            where = f"stages[{si}].cards[{ci}]"
            c = ck.mapping(c, where, _CARD_KEYS, welsh=True)
            _welsh(ck, c, where, "card")
            card_id = ck.ident(c["id"], f"{where}.id", card_ids)
            questions = [
                _question(ck, q, f"{where}.questions[{qi}]", card_id, stage_id, question_ids)
                for qi, q in enumerate(ck.items(c["questions"], f"{where}.questions"))
            ]
            plain = c.get("plain_scenario") or ""
            cards.append(Card(card_id, ck.text(c["title"], f"{where}.title"),
                              ck.text(c["scenario"], f"{where}.scenario"), tuple(questions),
                              plain.strip() if isinstance(plain, str) else ""))
        stages.append(Stage(stage_id, ck.text(s["title"], f"stages[{si}].title"), tuple(cards)))
    objectives = data.get("objectives") or []
    if not isinstance(objectives, list) or not all(isinstance(o, str) for o in objectives):
        raise ck.fail("objectives", "must be a list of text", "write each objective on a '- ' line")
    table = data.get("table", "optional")
    if table not in TABLE_CHOICES:
        raise ck.fail("table", f"{table!r} is not one of {', '.join(TABLE_CHOICES)}",
                      "write 'table: optional' (a delegate may add a table after joining) "
                      "or 'table: required'")
    pack = Pack(pack_id, ck.text(data["title"], "title"), tuple(roles), codebook,
                tuple(stages), summary=str(data.get("summary") or "").strip(),
                objectives=tuple(objectives), background=str(data.get("background") or "").strip(),
                table=table, extra_kinds=_comment_kinds(ck, data.get("comment_kinds")), raw=data)
    for code in TRANSLATED:
        if has_translation(data, code):
            try:  # the Welsh must make a whole pack too (no repeated option, no long label)
                pack_from_dict(localised(data, code), source)
            except PackError as exc:
                problem = PackError(str(exc).replace(f"{source}: ", f"{source}: in the "
                                                     f"{code}: text, ", 1))
                problem.where = getattr(exc, "where", "")
                raise problem from None
    return pack


def _welsh(ck: _Checker, item: dict, where: str, what: str) -> None:
    """Check an item's `cy:` mapping: the Welsh for the item's own text fields only, each
    one text, and each list one Welsh item for every English one."""
    if "cy" not in item:
        return
    at = f"{where}.cy" if where else "cy"
    cy = item["cy"]
    texts = [f for f in _WELSH_TEXT[what] if f in item]
    lists = [f for f in _WELSH_LISTS if f in item]
    if what == "question" and item.get("kind") == "rating_matrix" and "levels" not in lists:
        lists.append("levels")  # Low, Medium, High unless the pack names its own
    if "entries" in item:
        lists.append("entries")
    allowed = texts + lists
    if not isinstance(cy, dict) or not cy:
        raise ck.fail(at, "must be the Welsh for this item's text, as 'field: Welsh' lines",
                      f"write for example 'cy:' and under it '  {allowed[0]}: ...' "
                      if allowed else "remove 'cy:'")
    for key, value in cy.items():
        if key not in allowed:
            raise ck.fail(f"{at}.{key}", "has no English text here to translate",
                          f"give the Welsh for one of: {', '.join(allowed)}" if allowed
                          else "remove it")
        if key in texts:
            ck.text(value, f"{at}.{key}")
            continue
        english = item.get(key) or (list(DEFAULT_LEVELS) if key == "levels" else [])
        if not isinstance(value, list) or len(value) != len(english):
            found = len(value) if isinstance(value, list) else "no"
            raise ck.fail(f"{at}.{key}", f"has {found} item{'s' * (found != 1)} but the "
                          f"English has {len(english)}",
                          f"give one Welsh item for each English one in '{key}', in the "
                          "same order")
        for i, v in enumerate(value):
            if key == "entries":
                v = ck.mapping(v, f"{at}.{key}[{i}]", {name: False for name in _WELSH_ENTRY})
                for name, text in v.items():
                    ck.text(text, f"{at}.{key}[{i}].{name}")
            elif not isinstance(v, (str, int, float)) or not str(v).strip():
                raise ck.fail(f"{at}.{key}[{i}]", "must be text",
                              "write the Welsh for the English item at the same place")
        if key != "entries" and len({" ".join(str(v).split()) for v in value}) != len(value):
            raise ck.fail(f"{at}.{key}", "an item is listed twice",
                          "give each item its own Welsh, so they can be told apart")


def has_translation(data, code: str) -> bool:
    """Whether pack data carries text in language CODE anywhere."""
    if isinstance(data, dict):
        return code in data or any(has_translation(v, code) for v in data.values())
    if isinstance(data, list):
        return any(has_translation(v, code) for v in data)
    return False


def localised(data: dict, code: str) -> dict:
    """Pack data with each item's text replaced by its CODE text (a copy; English stays
    where none is given). A card sort's answers follow their category to its new name."""
    def walk(value):
        if isinstance(value, list):
            return [walk(v) for v in value]
        if not isinstance(value, dict):
            return value
        out = {k: walk(v) for k, v in value.items() if k not in TRANSLATED}
        given = value.get(code)
        if not isinstance(given, dict):
            return out
        names = dict(zip(value.get("categories") or (), given.get("categories") or ()))
        for key, text in given.items():
            if key == "statements":
                out[key] = [{**st, "text": str(new), **({"answer": names.get(st["answer"],
                                                                              st["answer"])}
                                                          if st.get("answer") else {})}
                            for st, new in zip(out[key], text)]
            elif key == "entries":
                out[key] = [{**e, **new} for e, new in zip(out[key], text)]
            else:
                out[key] = copy.deepcopy(text)
        if names and "statements" not in given:
            out["statements"] = [{**st, **({"answer": names.get(st["answer"], st["answer"])}
                                           if st.get("answer") else {})}
                                 for st in out["statements"]]
        return out

    return walk(data)


def _comment_kinds(ck: _Checker, value) -> tuple[CommentKind, ...]:
    """The kinds of comment a pack adds to issue, idea and question."""
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        raise ck.fail("comment_kinds", "must be a list of kinds of comment",
                      "list each kind with '- id: ...', 'label: ...' and 'report: ...', or "
                      "remove 'comment_kinds'")
    if len(value) > MAX_COMMENT_KINDS:
        raise ck.fail("comment_kinds", f"has {len(value)} kinds; at most "
                      f"{MAX_COMMENT_KINDS} may be added",
                      "keep the kinds a phone needs to offer; phones show every one")
    seen, labels, out = set(COMMENT_KINDS), {v.lower() for v in COMMENT_KINDS.values()}, []
    for i, k in enumerate(value):
        where = f"comment_kinds[{i}]"
        k = ck.mapping(k, where, {"id": True, "label": True, "report": True},
                       welsh=True)
        _welsh(ck, k, where, "comment_kind")
        if isinstance(k["id"], str) and k["id"] in COMMENT_KINDS:
            raise ck.fail(f"{where}.id", f"{k['id']!r} is already a kind of comment",
                          "issue, idea and question are always offered: give the new kind "
                          "its own id")
        kind_id = ck.ident(k["id"], f"{where}.id", seen)
        label, report = ck.text(k["label"], f"{where}.label"), ck.text(k["report"],
                                                                        f"{where}.report")
        for name, text in (("label", label), ("report", report)):
            if len(text) > MAX_KIND_LABEL:
                raise ck.fail(f"{where}.{name}", f"is {len(text)} characters long",
                              f"keep it to {MAX_KIND_LABEL} characters: it is a button on a "
                              "phone and a heading in the report")
        reserved = RESERVED_KIND_WORDS.search(report)
        if reserved:
            raise ck.fail(f"{where}.report", f"uses the word {reserved.group(0)!r}, which the "
                          "report keeps for issues, ideas and questions",
                          "word it another way, for example 'Experiences shared'")
        if label.lower() in labels:
            raise ck.fail(f"{where}.label", f"{label!r} is the label of another kind",
                          "give each kind a label of its own, so phones can tell them apart")
        labels.add(label.lower())
        out.append(CommentKind(kind_id, label, report))
    return tuple(out)


def _no_tags(ck: _Checker, value, where: str) -> None:
    """Pack text is plain text: charts would show <a ...> or <b> in it as a link or bold."""
    if isinstance(value, dict):
        for key, item in value.items():
            _no_tags(ck, item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _no_tags(ck, item, f"{where}[{i}]")
    elif isinstance(value, str) and has_tag(value):
        raise ck.fail(where, "has a part in angle brackets (< >)",
                      "remove the angle brackets: pack text is plain text")


def _question(ck: _Checker, q, where, card_id, stage_id, seen) -> Question:
    if isinstance(q, dict) and q.get("kind") not in QUESTION_KINDS:
        kind = q.get("kind")
        raise ck.fail(f"{where}.kind", f"{kind!r} is not a question kind" if kind else "missing",
                      f"use one of: {', '.join(QUESTION_KINDS)}")
    kind = q["kind"] if isinstance(q, dict) else None
    q = ck.mapping(q, where, {**_QUESTION_KEYS, **_KIND_KEYS.get(kind, {})}, welsh=True)
    _welsh(ck, q, where, "question")
    qid = ck.ident(q["id"], f"{where}.id", seen)
    fields: dict = {}
    if kind in ("choice", "ranking", "points", "rating_matrix"):
        fields["options"] = ck.labels(q["options"], f"{where}.options", 2, MAX_ITEMS)
    if kind == "choice":
        multiple = q.get("multiple", False)
        if not isinstance(multiple, bool):
            raise ck.fail(f"{where}.multiple", "must be true or false", "write multiple: true")
        fields["multiple"] = multiple
    elif kind == "points":
        fields["total"] = ck.count(q.get("total", 100), f"{where}.total", 10, 1000)
    elif kind == "scoring_matrix":
        fields["criteria"] = ck.labels(q["criteria"], f"{where}.criteria", 1, MAX_ITEMS)
        entry_ids: set[str] = set()
        entries = []
        for i, e in enumerate(ck.items(q["entries"], f"{where}.entries")):
            at = f"{where}.entries[{i}]"
            e = ck.mapping(e, at, {"id": True, "title": True, "group": False, "summary": False})
            entries.append(Entry(ck.ident(e["id"], f"{at}.id", entry_ids),
                                 ck.text(e["title"], f"{at}.title"),
                                 str(e.get("group") or "").strip(),
                                 " ".join(str(e.get("summary") or "").split())))
        fields["entries"] = tuple(entries)
    elif kind == "rating_matrix":
        fields["dimensions"] = ck.labels(q["dimensions"], f"{where}.dimensions", 1, MAX_ITEMS)
        fields["levels"] = ck.labels(q.get("levels") or list(DEFAULT_LEVELS),
                                     f"{where}.levels", 2, 7)
    elif kind == "card_sort":
        categories = ck.labels(q["categories"], f"{where}.categories", 2, 6)
        statements = []
        for i, st in enumerate(ck.items(q["statements"], f"{where}.statements")):
            at = f"{where}.statements[{i}]"
            st = ck.mapping(st, at, {"text": True, "answer": False})
            answer = str(st.get("answer") or "").strip()
            if answer and answer not in categories:
                raise ck.fail(f"{at}.answer", f"{answer!r} is not one of the categories",
                              f"use one of: {', '.join(categories)}")
            statements.append(Statement(ck.text(st["text"], f"{at}.text"), answer))
        if len({s.text for s in statements}) != len(statements):
            raise ck.fail(f"{where}.statements", "a statement is listed twice", "remove the repeat")
        fields.update(categories=categories, statements=tuple(statements))
    elif kind == "idea_board":
        fields["tags"] = ck.labels(q["tags"], f"{where}.tags", 1, 6) if q.get("tags") else ()
        fields["votes"] = ck.count(q.get("votes", 3), f"{where}.votes", 1, 20)
    results = q.get("results", "live")
    if results not in RESULTS_MODES:
        raise ck.fail(f"{where}.results", f"{results!r} is not live or hidden",
                      "write results: hidden (shown when you reveal them) or results: live")
    return Question(qid, kind, ck.text(q["prompt"], f"{where}.prompt"), card_id, stage_id,
                    results=results, **fields)


def _line_of(text: str, where: str) -> int | None:
    """The line (1-based) of the field a validation error names, e.g.
    'stages[0].cards[2].questions[1].kind'."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line if node else None
    for name, index in re.findall(r"([a-z_]+)?(?:\[(\d+)\])?\.?", where or ""):
        if name and isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == name), None)
            if match is None:
                break
            line, node = match[0].start_mark.line, match[1]
        if index and isinstance(node, yaml.SequenceNode) and int(index) < len(node.value):
            node = node.value[int(index)]
            line = node.start_mark.line
    return None if line is None else line + 1


def check_pack_size(size: int, source: str = "pack") -> None:
    """Refuse a pack of more than MAX_PACK_BYTES before reading it."""
    if size > MAX_PACK_BYTES:
        raise PackError(f"{source}: is {size / 1024:,.0f} KB; a pack can be at most "
                        f"{MAX_PACK_BYTES // 1024} KB. Fix: shorten the longest texts or "
                        "split the day into two packs.")


def _check_shape(text: str, source: str) -> None:
    """Walk the YAML's events (no data is built, nothing nests in Python) and refuse
    anchors, aliases and nesting deeper than MAX_PACK_DEPTH."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            raise PackError(f"{source}: line {line}: uses a YAML anchor or alias "
                            f"({sign}{event.anchor}); packs may not use them. Fix: write "
                            "the repeated part out in full where it is needed.")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_PACK_DEPTH:
                raise PackError(f"{source}: line {line}: lists and fields nest more than "
                                f"{MAX_PACK_DEPTH} levels deep; a pack needs at most 9. "
                                "Fix: check the brackets and the indentation.")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load_yaml(text: str, source: str = "pack"):
    """A pack's YAML as plain data, within the limits above (PackError if not)."""
    # Each character is at least a byte: a text far too long is refused without encoding it.
    check_pack_size(len(text) if len(text) > MAX_PACK_BYTES
                    else len(text.encode("utf-8", "surrogatepass")), source)
    try:
        _check_shape(text, source)
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        raise PackError(f"{source}: is not valid YAML{line}. Fix: check the indentation "
                        "and quote text containing ':'.") from exc


def dump_yaml(data) -> str:
    """Pack data as YAML in the format of the files under scenarios/ (never with
    anchors or aliases, which load_yaml refuses)."""
    return yaml.dump(data, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True,
                     width=92)


class _PlainDumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True


def pack_from_yaml(text: str, source: str = "pack") -> Pack:
    """Parse and validate a pack's YAML; errors name the source, the line, the field and
    the fix."""
    data = load_yaml(text, source)
    try:
        return pack_from_dict(data, source)
    except PackError as exc:
        line = _line_of(text, getattr(exc, "where", ""))
        if not line:
            raise
        located = PackError(str(exc).replace(f"{source}: ", f"{source}: line {line}: ", 1))
        located.where = getattr(exc, "where", "")
        raise located from None


def pack_to_yaml(pack: Pack) -> str:
    """The pack as YAML, in the format of the files under scenarios/."""
    return dump_yaml(pack.raw)


def load_pack(path: Path | str) -> Pack:
    """Read and validate one pack file."""
    path = Path(path)
    try:
        check_pack_size(path.stat().st_size, path.name)
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PackError(f"{path.name}: cannot be read ({exc.strerror}).") from exc
    except UnicodeDecodeError as exc:
        raise PackError(f"{path.name}: is not text in UTF-8. Fix: save it as UTF-8 text "
                        "(a .yaml file).") from exc
    return pack_from_yaml(text, path.name)


def load_packs(*folders: Path | str,
               skipped: list[PackError] | None = None) -> dict[str, Pack]:
    """Every pack in the folders, by id. A broken pack raises PackError naming its file;
    with `skipped`, it is left out and its error added there instead (the app starts with
    the others and says which were left out)."""
    packs: dict[str, Pack] = {}
    for folder in folders:
        for path in sorted(Path(folder).glob("*.yaml")):
            try:
                pack = load_pack(path)
                if pack.id in packs:
                    raise PackError(f"{path.name}: id: {pack.id!r} is already used by "
                                    "another pack. Fix: give this pack its own id.")
            except PackError as exc:
                if skipped is None:
                    raise
                skipped.append(exc)
                continue
            packs[pack.id] = pack
    return packs


def save_pack(text: str, folder: Path | str, taken: dict[str, Pack]) -> Pack:
    """Check a pack's YAML and keep it as <id>.yaml in `folder` (written whole, then moved
    into place). A pack from another folder with the same id is never replaced."""
    pack = pack_from_yaml(text, "your pack")
    folder = Path(folder)
    target = folder / f"{pack.id}.yaml"
    if pack.id in taken and not target.exists():
        raise PackError(f"your pack: id: {pack.id!r} is already used by the pack "
                        f"\u201c{taken[pack.id].title}\u201d. Fix: give your pack its own id.")
    folder.mkdir(parents=True, exist_ok=True)
    temp = target.with_suffix(".yaml.tmp")
    temp.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    temp.replace(target)
    return pack
