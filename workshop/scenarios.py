"""Scenario packs: YAML files of stages, cards and questions, validated on load.

A pack is data. A workshop keeps a copy of the pack it was created from, so editing a
pack file later never changes the meaning of answers already given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from workshop.errors import PackError
from workshop.themes import Theme, themes_from_dicts

QUESTION_KINDS = ("comment", "scale", "choice")
COMMENT_KINDS = {"issue": "Issue or concern", "idea": "Idea or way forward", "question": "Question"}
SCALE_LABELS = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
                "Strongly agree")
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

_PACK_KEYS = {"id": True, "title": True, "summary": False, "objectives": False,
              "background": False, "roles": True, "codebook": True, "stages": True}
_STAGE_KEYS = {"id": True, "title": True, "cards": True}
_CARD_KEYS = {"id": True, "title": True, "scenario": True, "plain_scenario": False,
              "questions": True}
_QUESTION_KEYS = {"id": True, "kind": True, "prompt": True, "options": False, "multiple": False}


@dataclass(frozen=True)
class Role:
    id: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    prompt: str
    card_id: str
    stage_id: str
    options: tuple[str, ...] = ()
    multiple: bool = False

    @property
    def choices(self) -> tuple[str, ...]:
        """What a delegate picks from: the scale's points or the choice's options."""
        return SCALE_LABELS if self.kind == "scale" else self.options


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
    raw: dict = field(default_factory=dict, compare=False, repr=False)

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


class _Checker:
    """Collects the path of the field being checked so errors can name it."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, problem: str, fix: str) -> PackError:
        return PackError(f"{self.source}: {where}: {problem}. Fix: {fix}")

    def mapping(self, value, where: str, keys: dict[str, bool]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where or "top level", f"expected a mapping, found {type(value).__name__}",
                            f"write it as 'key: value' lines with the keys {', '.join(keys)}")
        prefix = f"{where}." if where else ""
        unknown = sorted(set(value) - set(keys))
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

    def items(self, value, where: str) -> list:
        if not isinstance(value, list) or not value:
            raise self.fail(where, "must be a non-empty list", "list items with '- ' lines")
        return value


def pack_from_dict(data, source: str = "pack") -> Pack:
    """Validate a pack's data; errors name the source, the field and the fix."""
    ck = _Checker(source)
    data = ck.mapping(data, "", _PACK_KEYS)
    pack_id = ck.ident(data["id"], "id", set())
    roles, role_ids = [], set()
    for i, r in enumerate(ck.items(data["roles"], "roles")):
        r = ck.mapping(r, f"roles[{i}]", {"id": True, "label": True})
        roles.append(Role(ck.ident(r["id"], f"roles[{i}].id", role_ids),
                          ck.text(r["label"], f"roles[{i}].label")))
    try:
        codebook = tuple(themes_from_dicts(ck.items(data["codebook"], "codebook")))
    except (ValueError, TypeError, KeyError) as exc:
        raise ck.fail("codebook", str(exc), "give each theme an id, label and description")
    stages, stage_ids, card_ids, question_ids = [], set(), set(), set()
    for si, s in enumerate(ck.items(data["stages"], "stages")):
        s = ck.mapping(s, f"stages[{si}]", _STAGE_KEYS)
        stage_id = ck.ident(s["id"], f"stages[{si}].id", stage_ids)
        cards = []
        for ci, c in enumerate(ck.items(s["cards"], f"stages[{si}].cards")):
            where = f"stages[{si}].cards[{ci}]"
            c = ck.mapping(c, where, _CARD_KEYS)
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
    return Pack(pack_id, ck.text(data["title"], "title"), tuple(roles), codebook, tuple(stages),
                summary=str(data.get("summary") or "").strip(), objectives=tuple(objectives),
                background=str(data.get("background") or "").strip(), raw=data)


def _question(ck: _Checker, q, where, card_id, stage_id, seen) -> Question:
    q = ck.mapping(q, where, _QUESTION_KEYS)
    qid = ck.ident(q["id"], f"{where}.id", seen)
    kind = q["kind"]
    if kind not in QUESTION_KINDS:
        raise ck.fail(f"{where}.kind", f"{kind!r} is not a question kind",
                      f"use one of: {', '.join(QUESTION_KINDS)}")
    options = q.get("options") or []
    if kind == "choice":
        options = ck.items(options, f"{where}.options")
        if len(options) < 2 or not all(isinstance(o, str) and o.strip() for o in options):
            raise ck.fail(f"{where}.options", "a choice needs at least two text options",
                          "list the options with '- ' lines")
        if len(set(options)) != len(options):
            raise ck.fail(f"{where}.options", "an option is listed twice", "remove the repeat")
    elif options:
        raise ck.fail(f"{where}.options", f"a {kind} question has no options",
                      "remove 'options', or make it kind: choice")
    multiple = q.get("multiple", False)
    if not isinstance(multiple, bool):
        raise ck.fail(f"{where}.multiple", "must be true or false", "write multiple: true")
    return Question(qid, kind, ck.text(q["prompt"], f"{where}.prompt"), card_id, stage_id,
                    tuple(o.strip() for o in options), multiple)


def load_pack(path: Path | str) -> Pack:
    """Read and validate one pack file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PackError(f"{path.name}: cannot be read ({exc.strerror}).") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        raise PackError(f"{path.name}: is not valid YAML{line}. Fix: check the indentation "
                        "and quote text containing ':'.") from exc
    return pack_from_dict(data, path.name)


def load_packs(folder: Path | str) -> dict[str, Pack]:
    """Every pack in a folder, by id. A broken pack raises PackError naming its file."""
    packs: dict[str, Pack] = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        pack = load_pack(path)
        if pack.id in packs:
            raise PackError(f"{path.name}: id: {pack.id!r} is already used by another pack. "
                            "Fix: give this pack its own id.")
        packs[pack.id] = pack
    return packs
