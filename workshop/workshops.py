"""The live workshop: lifecycle, joining, answering, moderation and theme edits.

`Workshops` is the one door pages and the command line use. Every rule about who may do
what, and when, lives here.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from store.base import Store
from workshop import controls, decisions, follow, formats, i18n, limits
from workshop.emergent import Candidate, candidate_themes
from workshop.errors import InvalidInput, NotAccepting, NotFound, StoreError, TooMany
from workshop.i18n import N_
from workshop.scenarios import KIND_LABELS, POLL_KINDS, Pack, pack_from_dict
from workshop.text import clean_comment, clean_short
from workshop.themes import Tagger, Theme, ThemeTag, themes_from_dicts
from workshop.wording import counted

# Join codes avoid characters that look alike when read off a projector (0/O, 1/I/L).
JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
STATUSES = ("draft", "open", "closed")
_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    """Everything known about one workshop at one moment: input to analysis and report."""
    workshop: dict
    pack: Pack
    codebook: tuple[Theme, ...]
    delegates: tuple[dict, ...]
    comments: tuple[dict, ...]   # every comment, hidden and withdrawn included
    answers: tuple[dict, ...]

    @property
    def visible_comments(self) -> list[dict]:
        """What the room and the report may show: not hidden, not withdrawn. (A comment
        waiting for the facilitator's approval is saved hidden: see Workshops.approve.)"""
        return [c for c in self.comments if shown_to_room(c)]

    @property
    def awaiting(self) -> list[dict]:
        """Comments (and ideas) the facilitator has not yet approved or hidden."""
        return [c for c in self.comments if awaiting_approval(c)]

    def role_of(self, delegate_id: str) -> str:
        return self._roles.get(delegate_id, "other")

    @cached_property
    def _roles(self) -> dict[str, str]:
        # Built once per snapshot: analysis asks for a role per comment (thousands).
        return {d["id"]: d["role"] for d in self.delegates}

    def theme_label(self, theme_id: str) -> str:
        return next((t.label for t in self.codebook if t.id == theme_id), theme_id)

    def shown_count(self, delegate_id: str) -> int:
        """How many of one person's comments (and ideas) the room may see."""
        return self._shown_by_author[delegate_id]

    @cached_property
    def _shown_by_author(self) -> Counter:
        return Counter(c["delegate_id"] for c in self.visible_comments)

    @property
    def hidden_together(self) -> list[HiddenBatch]:
        """Comments hidden all at once by Workshops.hide_all_from, still hidden: one
        entry per action, the latest first."""
        batches: dict[str, HiddenBatch] = {}
        for c in self.comments:
            batch = c.get("hidden_batch")
            if batch and c.get("hidden"):
                old = batches.get(batch)
                batches[batch] = HiddenBatch(batch, c["delegate_id"],
                                             (old.count if old else 0) + 1,
                                             c.get("moderated_at") or "")
        return sorted(batches.values(), key=lambda b: b.at, reverse=True)


def shown_to_room(comment: dict) -> bool:
    """The one rule for what the room (projector, charts) and the report may show."""
    return not comment.get("hidden") and not comment.get("withdrawn")


# What a delegate is told after sending a comment that waits for approval.
HELD = N_("Your comment will appear on the screen once the facilitator has approved it.")


def awaiting_approval(comment: dict) -> bool:
    """Sent while the workshop asked for approval, and not yet approved or hidden."""
    return bool(comment.get("awaiting")) and bool(comment.get("hidden")) \
        and not comment.get("withdrawn")


@dataclass(frozen=True)
class HiddenBatch:
    """One "hide all from this person": which action, whose comments, how many, when."""
    id: str
    delegate_id: str
    count: int
    at: str


@dataclass(frozen=True)
class Damaged:
    """A workshop whose files cannot be read: its id, and what happened and what to do."""
    id: str
    message: str


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "workshop"


def _language(value: str | None) -> str:
    """A language code ("en", "cy") from what was chosen; anything else is refused."""
    try:
        return i18n.language(value)
    except i18n.LanguageError as exc:
        raise InvalidInput(str(exc)) from None


def report_edit_field(lang: str | None = None) -> str:
    """Where a workshop keeps its edited report in LANG: "report_edit" for English,
    "report_edit_cy" for Welsh."""
    from workshop.i18n import language
    code = language(lang)
    return "report_edit" if code == "en" else f"report_edit_{code}"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Workshops:
    """All workshops in one store, with their packs and theme taggers."""

    def __init__(self, store: Store, packs: dict[str, Pack], live_dir: Path | None = None,
                 posts_per_minute: int | None = None):
        """`posts_per_minute`: comments (and ideas) one delegate may send in a minute;
        None: the WORKSHOP_POSTS_PER_MINUTE setting."""
        self.store = store
        self.packs = packs
        self.live_dir = live_dir
        self._lock = threading.RLock()
        self._taggers: dict[str, tuple[int, Tagger]] = {}
        self._packs_of: dict[str, Pack] = {}
        self._codes: dict[str, str] = {}  # join code → workshop id, found before
        # Wrong join codes per device address, and comments and ideas per delegate
        # (workshop/limits.py).
        self.wrong_codes = limits.RateLimiter(limits.wrong_codes_window())
        self.posts = limits.posts_window(posts_per_minute)
        self._pace_lock = threading.Lock()  # a delegate's count and their next post
        self._clock = time.time
        self.pack_problems: list[str] = []  # packs left out as unreadable, to show

    def add_pack(self, pack: Pack) -> None:
        """A pack written or imported in the app, for workshops created from now on.
        Workshops already created keep the copy of the pack they started with."""
        with self._lock:
            self.packs = {**self.packs, pack.id: pack}

    # -- lifecycle -------------------------------------------------------------------
    def create(self, title: str, region: str, pack_id: str, date: str = "", venue: str = "",
               background: str = "") -> dict:
        title = clean_short(title, "title")
        region = clean_short(region, "region")
        if pack_id not in self.packs:
            raise InvalidInput(f"There is no scenario pack {pack_id!r}. Packs: "
                               f"{', '.join(sorted(self.packs)) or 'none'}.")
        pack = self.packs[pack_id]
        with self._lock:
            codes = {w["join_code"] for w in self.all()}
            code = self._unique(lambda: "".join(secrets.choice(JOIN_ALPHABET)
                                                for _ in range(JOIN_CODE_LENGTH)), codes)
            ids = set(self.store.workshop_ids())
            wid = self._unique(lambda: f"{_slug(title)}-{secrets.token_hex(2)}", ids)
            record = {
                "title": title, "region": region, "date": date or dt.date.today().isoformat(),
                "venue": (venue or "").strip(), "background": (background or "").strip(),
                "pack_id": pack_id, "pack": pack.raw, "codebook": _theme_dicts(pack.codebook),
                "join_code": code, "status": "draft", "current_question_id": pack.questions[0].id,
                "follow_version": 0, "created_at": _now(), "report_edit": None,
            }
            created = self.store.create_workshop(wid, record)
        self._publish(created)
        return created

    @staticmethod
    def _unique(make, taken: set[str]) -> str:
        for _ in range(1000):
            value = make()
            if value not in taken:
                return value
        raise RuntimeError("could not find a free id")

    def all(self) -> list[dict]:
        """Every workshop that can be read. A damaged one is left out (see damaged()), so
        one damaged workshop never stops the others."""
        return self.listing()[0]

    def damaged(self) -> list[Damaged]:
        """Workshops that cannot be opened, each with what happened and what to do: damaged
        (their files are left as they are and a copy is kept, store/files.py) or, for now,
        unreadable (permissions, the disk)."""
        return self.listing()[1]

    def listing(self) -> tuple[list[dict], list[Damaged]]:
        """all() and damaged() in one pass."""
        found, damaged = [], []
        for wid in self.store.workshop_ids():
            try:
                found.append(self.store.workshop(wid))
            except StoreError as exc:  # damaged, or its files cannot be read now
                damaged.append(Damaged(wid, str(exc)))
            except NotFound:
                continue  # deleted by another process meanwhile
        return found, damaged

    def delete(self, workshop_id: str, confirm: str) -> str:
        """Delete a workshop for good: everything delegates typed, its report edits (kept in
        its store file), every copy kept aside and its status file. `confirm` is what the
        facilitator typed: the join code or the title (for a damaged workshop, whose record
        cannot be read, its id). Returns the name of what was deleted."""
        try:
            w = self.get(workshop_id)
        except StoreError:
            w = None  # damaged, or unreadable: confirmed by its id
        typed = " ".join((confirm or "").split())
        if w is None:
            confirmed, name = typed == workshop_id, workshop_id
            ask = f"type its id, {workshop_id}"
        else:
            confirmed = (typed.replace(" ", "").upper() == w["join_code"]
                         or typed.casefold() == " ".join(w["title"].split()).casefold())
            name = f"\u201c{w['title']}\u201d ({workshop_id})"
            ask = f"type its join code, {w['join_code']}, or its title"
        if not typed or not confirmed:
            raise InvalidInput(f"Nothing was deleted. To delete {name}, {ask}.")
        self.store.delete_workshop(workshop_id)
        with self._lock:
            self._taggers.pop(workshop_id, None)
            self._packs_of.pop(workshop_id, None)
            self._codes = {c: i for c, i in self._codes.items() if i != workshop_id}
        drop = getattr(self.store, "drop_follow", None)
        if drop is not None and w is not None:
            drop(follow.follow_name(w["join_code"]))
        if self.live_dir is not None:
            if w is not None:
                follow.status_path(self.live_dir, w["join_code"]).unlink(missing_ok=True)
            else:  # its join code cannot be read: remove status files of no workshop
                names = {follow.follow_name(x["join_code"]) for x in self.all()}
                for path in Path(self.live_dir).glob("*.json"):
                    if path.stem not in names:
                        path.unlink(missing_ok=True)
        return name

    def get(self, workshop_id: str) -> dict:
        return self.store.workshop(workshop_id)

    def find_by_code(self, code: str, address: str, token: str | None = None) -> dict:
        """The workshop a device asks for by code (typed, or in its link), counting wrong
        codes against the device's address. Once it has tried too many, no code is looked
        up for it until it has waited, unless it brings the token of one of the
        workshop's delegates (a phone already in, perhaps sharing a venue's address)."""
        try:
            found = self.by_join_code(code)
        except NotFound:
            found = None
        if found is not None and self.returning(found["id"], token):
            return found
        wait = self.wrong_codes.wait(address)
        if wait:
            raise TooMany(N_("That is too many wrong codes in a short time. Please try again "
                             "in {wait}, or ask the facilitator for the link."), wait,
                          **limits.wait_words(wait))
        if found is None:
            if _looks_like_a_code(_normal_code(code)):  # a typo that can match nothing
                self.wrong_codes.hit(address)           # is not a guess
            return self.by_join_code(code)  # raises NotFound with its message
        return found

    def by_join_code(self, code: str) -> dict:
        """The workshop a delegate's code points at; a clear message if none."""
        code = _normal_code(code)
        if not code:
            raise InvalidInput(N_("Please type the join code shown on the screen."))
        # Every phone's page asks this on every run: remember where each code was found
        # rather than reading every workshop each time (checked, so never stale).
        known = self._codes.get(code)
        if known is not None:
            try:
                w = self.get(known)
                if w["join_code"] == code:
                    return w
            except NotFound:
                pass
        for w in self.all():
            if w["join_code"] == code:
                self._codes[code] = w["id"]
                return w
        raise NotFound(N_("No workshop has the code {code}. Check the code on the screen "
                          "and try again."), code=code)

    def pack_of(self, workshop_id: str) -> Pack:
        """The pack as it was when the workshop was created."""
        with self._lock:
            if workshop_id not in self._packs_of:
                w = self.get(workshop_id)
                self._packs_of[workshop_id] = pack_from_dict(w["pack"], f"workshop {workshop_id}")
            return self._packs_of[workshop_id]

    def set_status(self, workshop_id: str, status: str) -> dict:
        if status not in STATUSES:
            raise InvalidInput(f"Status must be one of {', '.join(STATUSES)}.")
        w = self._follow_change(workshop_id, {"status": status})
        compact = getattr(self.store, "compact", None)
        if status == "closed" and compact is not None:
            # Fold the journal: the words of withdrawn comments leave the disk too. The
            # status is saved already; if the disk refuses, the next fold does it.
            try:
                compact(workshop_id)
            except OSError as exc:
                _LOG.warning("Could not fold the journal of %s on closing (%s).",
                             workshop_id, exc)
        return w

    def set_current(self, workshop_id: str, question_id: str) -> dict:
        self._question(workshop_id, question_id)
        return self._follow_change(workshop_id, {"current_question_id": question_id})

    def move(self, workshop_id: str, step: int) -> dict:
        """Go to the next (step=1) or previous (step=-1) question."""
        ids = [q.id for q in self.pack_of(workshop_id).questions]
        current = self.get(workshop_id)["current_question_id"]
        i = min(max(ids.index(current) + step, 0), len(ids) - 1)
        return self.set_current(workshop_id, ids[i])

    def _follow_change(self, workshop_id: str, change) -> dict:
        """Change what phones show (`change`: fields, or a function of the record giving
        them) and raise the version phones follow, in one write."""
        def bumped(w: dict) -> dict:
            fields = change(w) if callable(change) else change
            return {**fields, "follow_version": w["follow_version"] + 1}
        w = self.store.update_workshop(workshop_id, bumped)
        self._publish(w)
        return w

    def _publish(self, workshop: dict) -> None:
        self.publish(workshop)

    def publish(self, workshop: dict) -> None:
        """Tell phones following the presenter what the workshop shows now: in its status
        file, and in the database when the store keeps them there (PostgreSQL: app
        servers on other machines answer their phones from it, workshop/follow_db.py)."""
        if self.live_dir is not None:
            follow.publish_status(self.live_dir, workshop)
        to_database = getattr(self.store, "publish_follow", None)
        if to_database is not None:
            to_database(follow.follow_name(workshop["join_code"]),
                        follow.status_of(workshop))

    def _question(self, workshop_id: str, question_id: str):
        pack = self.pack_of(workshop_id)
        try:
            return pack.question(question_id)
        except KeyError:
            raise NotFound(f"There is no question {question_id!r} in this workshop. "
                           f"Questions: {', '.join(q.id for q in pack.questions)}.") from None

    # -- delegates -------------------------------------------------------------------
    def join(self, workshop_id: str, role: str, table: str, language: str | None = None) -> dict:
        """A delegate joins with a role (and a table); `language` is the one they chose on
        the join page ("en" or "cy"), kept so their phone speaks it when they come back."""
        w = self.get(workshop_id)
        if w["status"] == "closed":
            raise NotAccepting(N_("This workshop has closed. Thank you for taking part."))
        pack = self.pack_of(workshop_id)
        if role not in pack.role_ids:
            raise InvalidInput(f"Please choose your role: {', '.join(pack.role_ids)}.")
        row = {"id": secrets.token_urlsafe(9), "role": role,
               "table": self._table(pack, table), "joined_at": _now()}
        if language is not None:
            row["language"] = _language(language)
        return self.store.insert(workshop_id, "delegates", row)[0]

    def set_language(self, workshop_id: str, token: str, language: str) -> dict:
        """A delegate changes the language of their phone (kept with them)."""
        self.delegate(workshop_id, token)  # a token that is not a delegate: NotFound
        return self.store.update(workshop_id, "delegates", token,
                                 {"language": _language(language)})

    def set_screen_language(self, workshop_id: str, language: str) -> dict:
        """The language the projector speaks, chosen by the facilitator."""
        code = _language(language)
        self.get(workshop_id)
        return self.store.update_workshop(workshop_id, lambda w: {"screen_language": code})

    @staticmethod
    def _table(pack: Pack, table: str | None) -> str:
        """The table as given; none ("") only where the pack leaves the table optional."""
        if not (table or "").strip() and not pack.table_required:
            return ""
        return clean_short(table, "table number or name")

    def set_table(self, workshop_id: str, token: str, table: str) -> dict:
        """A delegate gives (or changes) their table after joining."""
        if self.get(workshop_id)["status"] == "closed":
            raise NotAccepting(N_("This workshop has closed. Thank you for taking part."))
        self.delegate(workshop_id, token)  # a token that is not a delegate: NotFound
        return self.store.update(workshop_id, "delegates", token,
                                 {"table": clean_short(table, N_("table number or name"))})

    def delegate(self, workshop_id: str, token: str) -> dict:
        return self.store.row(workshop_id, "delegates", token)

    def returning(self, workshop_id: str, token: str | None) -> dict | None:
        """The delegate a device's token (from its link or its cookie) stands for in this
        workshop, or None: a phone that joined before comes back as the same person."""
        if not token:
            return None
        try:
            return self.delegate(workshop_id, token)
        except NotFound:
            return None

    # -- answering -------------------------------------------------------------------
    def _accepting(self, workshop_id: str, question_id: str) -> None:
        w = self.get(workshop_id)
        if w["status"] != "open":
            raise NotAccepting(N_("The workshop is not taking answers right now. Your text is "
                                  "still in the box; send it when the facilitator opens it."))
        if w["current_question_id"] != question_id:
            raise NotAccepting(N_("The facilitator has moved on to another question, so this "
                                  "one is closed. Your text is still in the box."))
        if not controls.voting_open(w, question_id):
            raise NotAccepting(controls.CLOSED)

    def submit_comment(self, workshop_id: str, token: str, question_id: str, text: str,
                       kind: str, submit_id: str | None = None) -> dict:
        """Save a delegate's comment. The same submit_id twice saves it once."""
        text = clean_comment(text)
        self._comment_kind(workshop_id, kind)
        self._kind(workshop_id, question_id, "comment")
        return self._new_comment(workshop_id, token, question_id, text, kind, submit_id)

    def _comment_kind(self, workshop_id: str, kind: str) -> None:
        """A kind of comment this workshop's pack offers (issue, idea, question and any the
        pack adds), or a message naming them."""
        kinds = [v.lower() for v in self.pack_of(workshop_id).comment_kinds.values()]
        if kind not in self.pack_of(workshop_id).comment_kinds:
            raise InvalidInput("Please choose what you are adding: " + ", ".join(kinds[:-1])
                               + " or " + kinds[-1] + ".")

    def _new_comment(self, workshop_id: str, token: str, question_id: str, text: str,
                     kind: str, submit_id: str | None, **extra) -> dict:
        text = clean_comment(text)
        self._accepting(workshop_id, question_id)
        delegate = self.delegate(workshop_id, token)
        themes = _tag_dicts(self.tagger(workshop_id).tag(text, question_id))
        # In approval mode a comment is saved hidden, so nothing the room sees (wall,
        # charts, report) shows it until the facilitator approves it.
        held = bool(self.get(workshop_id).get("approval"))
        with self._pace_lock:
            if submit_id:  # a repeated tap on Send: already saved, not counted again
                try:
                    return self.store.row(workshop_id, "comments", submit_id)
                except NotFound:
                    pass
            self._check_pace(workshop_id, delegate["id"], question_id)
            row = {"id": submit_id or secrets.token_hex(8), "delegate_id": delegate["id"],
                   "question_id": question_id, "text": text, "kind": kind,
                   "created_at": _now(), "updated_at": None, "hidden": held,
                   "withdrawn": False, "themes": themes, **extra}
            if held:
                row["awaiting"] = True
            return self.store.insert(workshop_id, "comments", row)[0]

    def _check_pace(self, workshop_id: str, delegate_id: str, question_id: str) -> None:
        """Refuse a delegate's comment (or idea) beyond the limit a minute, counted from
        the times saved with their earlier ones: a restarted server, or another process,
        counts the same. (Check and save are one step under this process's lock; a
        device's connections all reach one process behind the front door.)"""
        if self.posts.limit <= 0:
            return
        boards = {q.id for q in self.pack_of(workshop_id).questions
                  if q.kind == "idea_board"}
        idea = question_id in boards
        times = [_seconds(c.get("created_at"))
                 for c in self.store.rows(workshop_id, "comments", {"delegate_id": delegate_id})
                 if (c["question_id"] in boards) == idea]
        wait = self.posts.wait([t for t in times if t is not None], self._clock())
        if not wait:
            return
        limit = self.posts.limit
        if idea:
            raise TooMany(N_("You have posted {ideas} in the last minute. Please wait {wait} "
                             "before posting another. Your idea is still in the box."), wait,
                          ideas=counted(limit, "idea"), limit=limit, **limits.wait_words(wait))
        raise TooMany(N_("You have sent {comments} in the last minute. Please wait {wait} "
                         "before sending another. Your comment is still in the box."), wait,
                      comments=counted(limit, "comment"), limit=limit,
                      **limits.wait_words(wait))

    def own_comments(self, workshop_id: str, token: str,
                     question_id: str | None = None) -> list[dict]:
        return [c for c in self.store.rows(workshop_id, "comments", {"delegate_id": token})
                if not c["withdrawn"]
                and (question_id is None or c["question_id"] == question_id)]

    def edit_comment(self, workshop_id: str, token: str, comment_id: str, text: str,
                     kind: str) -> dict:
        comment = self._own(workshop_id, token, comment_id)
        text = clean_comment(text)
        self._comment_kind(workshop_id, kind)
        fields = {"text": text, "kind": kind, "updated_at": _now()}
        if not any(t["source"] == "person" for t in comment["themes"]):
            fields["themes"] = _tag_dicts(self.tagger(workshop_id).tag(text,
                                                                     comment.get("question_id")))
        return self.store.update(workshop_id, "comments", comment_id, fields)

    def withdraw_comment(self, workshop_id: str, token: str, comment_id: str) -> dict:
        """The delegate takes their comment back: its words are deleted; the row stays,
        flagged and shown nowhere, so the report can say how many were withdrawn. (The
        store's journal drops the old words when it is next folded, at the latest when
        the workshop closes.)"""
        self._own(workshop_id, token, comment_id)
        return self.store.update(workshop_id, "comments", comment_id,
                                 {"withdrawn": True, "text": "", "themes": [],
                                  "updated_at": _now()})

    def _own(self, workshop_id: str, token: str, comment_id: str) -> dict:
        comment = self.store.row(workshop_id, "comments", comment_id)
        if comment["delegate_id"] != token or comment["withdrawn"]:
            raise NotFound("That comment is not one of yours.")
        return comment

    def answer_poll(self, workshop_id: str, token: str, question_id: str, value) -> dict:
        """Save (or change) a delegate's poll answer; one answer per delegate per question."""
        question = self._question(workshop_id, question_id)
        if question.kind not in POLL_KINDS:
            raise InvalidInput(f"This question is a {KIND_LABELS[question.kind]}, not a poll.")
        return self._save_answer(workshop_id, token, question_id,
                                 formats.poll(question, value))

    def _kind(self, workshop_id: str, question_id: str, kind: str):
        question = self._question(workshop_id, question_id)
        if question.kind != kind:
            raise InvalidInput(f"This question is a {KIND_LABELS[question.kind]}, not a "
                               f"{KIND_LABELS[kind]}.")
        return question

    def _save_answer(self, workshop_id: str, token: str, question_id: str, fields: dict,
                     merge: tuple[str, tuple[str, ...]] | None = None) -> dict:
        """Insert or update the delegate's one answer row for a question, in one write.
        With `merge` = (field, order), fields are folded into the dicts already saved (a
        judge scoring entry by entry) and `values` lists that field's keys in that order."""
        self._accepting(workshop_id, question_id)
        delegate = self.delegate(workshop_id, token)
        round_ = controls.round_of(self.get(workshop_id), question_id)
        row_id = controls.answer_id(delegate["id"], question_id, round_)
        with self._lock:
            try:
                old = self.store.row(workshop_id, "answers", row_id)
            except NotFound:
                old = None
            if merge:
                if old:
                    fields = {k: ({**old.get(k, {}), **v} if isinstance(v, dict) else v)
                              for k, v in fields.items()}
                field, order = merge
                fields["values"] = [k for k in order if k in fields[field]]
            fields = {**fields, "updated_at": _now()}
            if old is None:
                return self.store.insert(workshop_id, "answers", {
                    "id": row_id, "delegate_id": delegate["id"], "question_id": question_id,
                    **({"round": round_} if round_ else {}), **fields})[0]
            return self.store.update(workshop_id, "answers", row_id, fields)

    def answer_ranking(self, workshop_id: str, token: str, question_id: str, order) -> dict:
        q = self._kind(workshop_id, question_id, "ranking")
        return self._save_answer(workshop_id, token, question_id, formats.ranking(q, order))

    def answer_points(self, workshop_id: str, token: str, question_id: str, allocation) -> dict:
        q = self._kind(workshop_id, question_id, "points")
        return self._save_answer(workshop_id, token, question_id,
                                 formats.points(q, allocation))

    def score_entry(self, workshop_id: str, token: str, question_id: str, entry_id: str,
                    scores: dict, note: str = "") -> dict:
        """A judge's scores for one entry (every criterion) and a comment on it."""
        q = self._kind(workshop_id, question_id, "scoring_matrix")
        cleaned, note = formats.scores(q, entry_id, scores, note)
        return self._save_answer(workshop_id, token, question_id, {
            "scores": {entry_id: cleaned}, "notes": {entry_id: note}},
            merge=("scores", tuple(e.id for e in q.entries)))

    def rate_option(self, workshop_id: str, token: str, question_id: str, option: str,
                    ratings: dict, reason: str = "") -> dict:
        """A group's ratings of one option against every dimension, with a reason."""
        q = self._kind(workshop_id, question_id, "rating_matrix")
        cleaned, reason = formats.ratings(q, option, ratings, reason)
        return self._save_answer(workshop_id, token, question_id, {
            "ratings": {option: cleaned}, "reasons": {option: reason}},
            merge=("ratings", q.options))

    def sort_cards(self, workshop_id: str, token: str, question_id: str,
                   placement: dict) -> dict:
        q = self._kind(workshop_id, question_id, "card_sort")
        return self._save_answer(workshop_id, token, question_id,
                                 formats.card_sort(q, placement))

    def set_results_shown(self, workshop_id: str, question_id: str, shown: bool) -> dict:
        """Show (or hide) a question's results to the room, whatever the pack's default."""
        self._question(workshop_id, question_id)
        return self._follow_change(workshop_id, lambda w: {"results_shown": {
            **(w.get("results_shown") or {}), question_id: bool(shown)}})

    def set_voting(self, workshop_id: str, question_id: str, open_: bool) -> dict:
        """Close a question to answers (phones say so), or open it again."""
        self._question(workshop_id, question_id)

        def change(w: dict) -> dict:
            closed = set(w.get("voting_closed") or ()) - {question_id}
            return {"voting_closed": sorted(closed if open_ else closed | {question_id})}
        return self._follow_change(workshop_id, change)

    def start_timer(self, workshop_id: str, seconds: int) -> dict:
        """Start (or restart) the countdown the projector and phones show (phones follow
        the change as they follow a move)."""
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) \
                or not 0 < seconds <= controls.MAX_TIMER_SECONDS:
            raise InvalidInput("Choose a time from a few seconds up to 60 minutes.")
        ends = self._clock() + float(seconds)
        return self._follow_change(workshop_id, {"timer_ends": ends})

    def stop_timer(self, workshop_id: str) -> dict:
        return self._follow_change(workshop_id, {"timer_ends": None})

    def set_revealed(self, workshop_id: str, question_id: str, revealed: bool) -> dict:
        """Show (or hide again) the right answers of a card sort to the room."""
        self._kind(workshop_id, question_id, "card_sort")
        def change(w: dict) -> dict:
            shown = set(w.get("revealed") or ())
            return {"revealed": sorted(shown | {question_id} if revealed
                                       else shown - {question_id})}
        return self._follow_change(workshop_id, change)

    def post_idea(self, workshop_id: str, token: str, question_id: str, text: str,
                  tag: str | None = None, submit_id: str | None = None) -> dict:
        """An idea on an idea board: a comment of kind 'idea' with the board's tag."""
        q = self._kind(workshop_id, question_id, "idea_board")
        return self._new_comment(workshop_id, token, question_id, text, "idea", submit_id,
                                 tag=formats.idea_tag(q, tag), merged_into=None)

    def vote(self, workshop_id: str, token: str, question_id: str, idea_id: str,
             on: bool = True) -> dict:
        """Give (or take back) one of the delegate's votes for an idea."""
        q = self._kind(workshop_id, question_id, "idea_board")
        board = {c["id"]: c for c in self.store.rows(workshop_id, "comments")
                 if c["question_id"] == question_id}
        on_board = {i for i, c in board.items() if not c["withdrawn"] and not c["hidden"]}
        if on and idea_id not in on_board:
            raise NotFound(N_("That idea is no longer on the board."))
        # A vote for an idea taken off the board is given back.
        mine = [m for m in self.own_answer(workshop_id, token, question_id) if m in on_board]
        if on and idea_id not in mine:
            if len(mine) >= q.votes:
                raise InvalidInput(N_("You have used all {votes} of your votes. Take one back "
                                      "to vote for this idea."), votes=q.votes)
            mine.append(idea_id)
        elif not on:
            mine = [m for m in mine if m != idea_id]
        return self._save_answer(workshop_id, token, question_id, {"values": mine})

    def merge_ideas(self, workshop_id: str, idea_id: str, into_id: str) -> dict:
        """The facilitator merges a duplicate idea into another. The duplicate is kept
        (marked merged) and its votes count for the idea it joined."""
        idea = self.store.row(workshop_id, "comments", idea_id)
        into = self.store.row(workshop_id, "comments", into_id)
        if idea_id == into_id or idea["question_id"] != into["question_id"]:
            raise InvalidInput("Choose two different ideas on the same board to merge.")
        if into.get("merged_into"):
            raise InvalidInput("That idea has itself been merged; merge into the one it "
                               "joined instead.")
        return self.store.update(workshop_id, "comments", idea_id,
                                 {"merged_into": into_id, "moderated_at": _now()})

    def unmerge_idea(self, workshop_id: str, idea_id: str) -> dict:
        return self.store.update(workshop_id, "comments", idea_id,
                                 {"merged_into": None, "moderated_at": _now()})

    def answer_row(self, workshop_id: str, token: str, question_id: str) -> dict | None:
        """The delegate's whole saved answer to a question, or None."""
        try:
            return self.store.row(workshop_id, "answers", self._answer_id(workshop_id, token,
                                                                          question_id))
        except NotFound:
            return None

    def own_answer(self, workshop_id: str, token: str, question_id: str) -> list[str]:
        row = self.answer_row(workshop_id, token, question_id)
        return row["values"] if row else []

    def _answer_id(self, workshop_id: str, token: str, question_id: str) -> str:
        return controls.answer_id(token, question_id,
                                  controls.round_of(self.get(workshop_id), question_id))

    def reset_answers(self, workshop_id: str, question_id: str) -> int:
        """Set a question's answers aside (kept, restorable) and start it again, empty.
        Returns how many answers were set aside."""
        self._question(workshop_id, question_id)
        count = len(self._round_answers(workshop_id, question_id))

        def change(w: dict) -> dict:
            made = int((w.get("rounds_made") or {}).get(question_id, 0)) + 1
            return {"rounds": {**(w.get("rounds") or {}),
                               question_id: [*controls.rounds(w, question_id), made]},
                    "rounds_made": {**(w.get("rounds_made") or {}), question_id: made}}
        self._follow_change(workshop_id, change)
        return count

    def restore_answers(self, workshop_id: str, question_id: str) -> int:
        """Bring back the answers the last reset set aside (those given since are set
        aside in their turn, and kept). Returns how many came back."""
        self._question(workshop_id, question_id)
        if len(controls.rounds(self.get(workshop_id), question_id)) < 2:
            raise InvalidInput("There are no answers set aside on this question.")

        def change(w: dict) -> dict:
            kept = controls.rounds(w, question_id)
            if len(kept) < 2:
                raise InvalidInput("There are no answers set aside on this question.")
            return {"rounds": {**(w.get("rounds") or {}), question_id: kept[:-1]}}
        self._follow_change(workshop_id, change)
        return len(self._round_answers(workshop_id, question_id))

    def _round_answers(self, workshop_id: str, question_id: str) -> list[dict]:
        return controls.current_answers(self.get(workshop_id), self.store.rows(
            workshop_id, "answers", {"question_id": question_id}))

    def add_transcribed(self, workshop_id: str, rows) -> int:
        """Add checked (question_id, text, role, table, kind) comment rows written on paper.

        Paper does not say who wrote what, so one person stands for each role at each table
        (people are never over-counted), the same person as in earlier imports."""
        rows = list(rows)
        known = {(d["role"], d["table"]): d["id"]
                 for d in self.store.rows(workshop_id, "delegates")
                 if d.get("transcribed") and not d.get("person")}
        people = {(role, table): known.get((role, table)) or {"role": role, "table": table}
                  for _, _, role, table, _ in rows}
        self.add_imported(workshop_id, people, [
            {"person": (role, table), "question_id": qid, "text": text, "kind": kind}
            for qid, text, role, table, kind in rows], [])
        return len(rows)

    def add_imported(self, workshop_id: str, people: dict, comments: list[dict],
                     answers: list[dict]) -> None:
        """Save checked input typed in from paper (workshop/exchange.py checks it), whatever
        the workshop's status: one write each for people, comments and answers.

        `people`: key -> an existing delegate's id, or the fields of a new person (role,
        table, and "person", the label the import named them by, if any). Each comment
        (or idea) and answer names its person by key; answers are whole answer rows (the
        fields a phone's answer saves)."""
        new = {k: {"id": secrets.token_urlsafe(9), "role": p["role"], "table": p["table"],
                   "joined_at": _now(), "transcribed": True,
                   **({"person": p["person"]} if p.get("person") else {})}
               for k, p in people.items() if isinstance(p, dict)}
        ids = {k: new[k]["id"] if k in new else p for k, p in people.items()}
        self.store.insert_many(workshop_id, "delegates", new.values())
        tags = self.tagger(workshop_id).tag_many([c["text"] for c in comments],
                                                 [c["question_id"] for c in comments])
        self.store.insert_many(workshop_id, "comments", [
            {"id": c.get("id") or secrets.token_hex(8), "delegate_id": ids[c["person"]],
             "question_id": c["question_id"], "text": c["text"], "kind": c["kind"],
             "created_at": _now(), "updated_at": None, "hidden": False, "withdrawn": False,
             "themes": _tag_dicts(t),
             **{k: v for k, v in c.items() if k in ("tag", "merged_into")}}
            for c, t in zip(comments, tags)])
        w = self.get(workshop_id)
        rows = []
        for a in answers:
            round_ = controls.round_of(w, a["question_id"])
            delegate = ids[a["person"]]
            rows.append({"id": controls.answer_id(delegate, a["question_id"], round_),
                         "delegate_id": delegate, "question_id": a["question_id"],
                         **({"round": round_} if round_ else {}), **a["fields"],
                         "updated_at": _now(), "transcribed": True})
        self.store.insert_many(workshop_id, "answers", rows)

    # -- facilitator -----------------------------------------------------------------
    def set_approval(self, workshop_id: str, on: bool) -> dict:
        """Ask for approval (on) before new comments and ideas are shown to the room.
        Comments already waiting keep waiting when it is turned off."""
        return self.store.update_workshop(workshop_id, lambda w: {"approval": bool(on)})

    def approve(self, workshop_id: str, comment_id: str) -> dict:
        """Show a comment waiting for approval to the room."""
        return self.set_hidden(workshop_id, comment_id, False)

    def set_hidden(self, workshop_id: str, comment_id: str, hidden: bool) -> dict:
        """Hide a comment from the room and the report, or restore it. Never deletes.
        Hidden or restored on its own, it no longer belongs to a "hide all" action, and no
        longer waits for approval (the facilitator has decided)."""
        return self.store.update(workshop_id, "comments", comment_id,
                                 {"hidden": bool(hidden), "hidden_batch": None,
                                  "awaiting": False, "moderated_at": _now()})

    def hide_all_from(self, workshop_id: str, comment_id: str) -> HiddenBatch:
        """Hide every comment and idea still shown from the person who wrote this one, in
        one action (one write). restore_hidden with its id brings back exactly these, not
        ones hidden before on their own."""
        author = self.store.row(workshop_id, "comments", comment_id)["delegate_id"]
        batch, at = secrets.token_hex(6), _now()
        ids = [c["id"] for c in self.store.rows(workshop_id, "comments",
                                                 {"delegate_id": author})]
        hidden = self.store.update_many(
            workshop_id, "comments", ids,
            lambda c: None if (c.get("hidden") and not awaiting_approval(c))
            or c.get("withdrawn") or c["delegate_id"] != author else
            {"hidden": True, "hidden_batch": batch, "awaiting": False, "moderated_at": at})
        return HiddenBatch(batch, author, len(hidden), at)

    def restore_hidden(self, workshop_id: str, batch_id: str) -> int:
        """Undo one "hide all from this person": show again the comments it hid that are
        still hidden by it. Returns how many."""
        ids = [c["id"] for c in self.store.rows(workshop_id, "comments",
                                                 {"hidden_batch": batch_id})]
        at = _now()
        return len(self.store.update_many(
            workshop_id, "comments", ids,
            lambda c: {"hidden": False, "hidden_batch": None, "moderated_at": at}
            if c.get("hidden_batch") == batch_id and c.get("hidden") else None))

    def set_comment_themes(self, workshop_id: str, comment_id: str,
                           theme_ids: list[str]) -> dict:
        """A facilitator's themes for a comment win, and teach the tagger."""
        known = {t.id for t in self.codebook(workshop_id)}
        unknown = [t for t in theme_ids if t not in known]
        if unknown:
            raise InvalidInput(f"There is no theme {unknown[0]!r} in this workshop's codebook.")
        comment = self.store.row(workshop_id, "comments", comment_id)
        tags = [ThemeTag(t, 1.0, "person") for t in dict.fromkeys(theme_ids)]
        updated = self.store.update(workshop_id, "comments", comment_id,
                                    {"themes": _tag_dicts(tags), "themes_set_at": _now()})
        tagger = self.tagger(workshop_id)
        tagger.learn(comment["text"], list(dict.fromkeys(theme_ids)),
                     comment.get("question_id"))
        # Other server processes see the mark change and rebuild their taggers with it.
        # This one keeps its tagger, which has just learnt it, if nothing else changed the
        # codebook or taught anything since it was built (else it is built again).
        with self._lock:
            built = self._taggers.get(workshop_id)
        fresh = []

        def mark(w: dict) -> dict:
            fresh.append(built is not None and built[1] is tagger
                         and built[0] == _tagger_key(w))
            return {"taught": secrets.token_hex(6)}
        w = self.store.update_workshop(workshop_id, mark)
        with self._lock:
            if fresh[-1] and self._taggers.get(workshop_id) is built:
                self._taggers[workshop_id] = (_tagger_key(w), tagger)
        return updated

    def codebook(self, workshop_id: str) -> list[Theme]:
        return themes_from_dicts(self.get(workshop_id)["codebook"])

    def add_theme(self, workshop_id: str, label: str, description: str = "",
                  keywords: tuple[str, ...] = ()) -> Theme:
        label = clean_short(label, "theme name")
        added = []

        def change(w: dict) -> dict:
            themes = themes_from_dicts(w["codebook"])
            if any(t.label.lower() == label.lower() for t in themes):
                raise InvalidInput(f"There is already a theme called {label!r}.")
            ids = {t.id for t in themes}
            base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:30] or "theme"
            theme_id = base if base not in ids and base[0].isalpha() else self._unique(
                lambda: f"t_{base}_{secrets.token_hex(2)}", ids)
            added.append(Theme(theme_id, label, (description or "").strip(), tuple(keywords)))
            return {"codebook": _theme_dicts([*themes, added[-1]])}
        self.store.update_workshop(workshop_id, change)
        return added[-1]

    def rename_theme(self, workshop_id: str, theme_id: str, label: str,
                     description: str | None = None) -> Theme:
        label = clean_short(label, "theme name")
        renamed = []

        def change(w: dict) -> dict:
            themes = themes_from_dicts(w["codebook"])
            if theme_id not in {t.id for t in themes}:
                raise NotFound(f"There is no theme {theme_id!r}.")
            if any(t.label.lower() == label.lower() and t.id != theme_id for t in themes):
                raise InvalidInput(f"There is already a theme called {label!r}.")
            new = [replace(t, label=label, description=t.description if description is None
                           else description) if t.id == theme_id else t for t in themes]
            renamed.extend(t for t in new if t.id == theme_id)
            return {"codebook": _theme_dicts(new)}
        self.store.update_workshop(workshop_id, change)
        return renamed[-1]

    def retag(self, workshop_id: str) -> int:
        """Re-theme every comment whose themes no person has set. Returns how many changed."""
        tagger = self.tagger(workshop_id)
        changed = 0
        for c in self.store.rows(workshop_id, "comments"):
            if any(t["source"] == "person" for t in c["themes"]):
                continue
            tags = _tag_dicts(tagger.tag(c["text"], c.get("question_id")))
            if tags != c["themes"]:
                self.store.update(workshop_id, "comments", c["id"], {"themes": tags})
                changed += 1
        return changed

    def candidate_themes(self, workshop_id: str) -> list[Candidate]:
        """Groups of comments the codebook does not cover, offered as new themes."""
        return candidate_themes(list(self.store.rows(workshop_id, "comments")),
                                frozenset(self.get(workshop_id).get("set_aside") or ()))

    def accept_candidate(self, workshop_id: str, candidate: Candidate, label: str,
                         description: str | None = None) -> Theme:
        """A person accepts a candidate (perhaps renamed): it joins the codebook and its
        comments take it, as themes set by a person."""
        theme = self.add_theme(workshop_id, label, candidate.description
                               if description is None else description, candidate.keywords)
        self._give_theme(workshop_id, candidate, theme.id)
        return theme

    def merge_candidate(self, workshop_id: str, candidate: Candidate, theme_id: str) -> None:
        """A person decides a candidate's comments belong to an existing theme."""
        if theme_id not in {t.id for t in self.codebook(workshop_id)}:
            raise NotFound(f"There is no theme {theme_id!r}.")
        self._give_theme(workshop_id, candidate, theme_id)

    def set_aside_candidate(self, workshop_id: str, candidate: Candidate) -> None:
        """Not a new theme: stop offering these comments as one."""
        self.store.update_workshop(workshop_id, lambda w: {
            "set_aside": sorted(set(w.get("set_aside") or ()) | set(candidate.comment_ids))})

    def _give_theme(self, workshop_id: str, candidate: Candidate, theme_id: str) -> None:
        for comment_id in candidate.comment_ids:
            self.set_comment_themes(workshop_id, comment_id, [theme_id])

    # -- what the facilitator records: decisions, agreed actions ---------------------
    def record_decision(self, workshop_id: str, question_id: str, winners,
                        casting_by: str = "", prize=None) -> decisions.Decision:
        """Record (or replace) a judging panel's decision. Refused input changes nothing."""
        made = decisions.make_decision(self._question(workshop_id, question_id), winners,
                                       casting_by, prize)
        self.store.update_workshop(workshop_id, lambda w: {"decisions": {
            **(w.get("decisions") or {}), question_id: made.as_dict()}})
        return made

    def clear_decision(self, workshop_id: str, question_id: str) -> dict:
        self._question(workshop_id, question_id)
        return self.store.update_workshop(workshop_id, lambda w: {
            "decisions": {k: v for k, v in (w.get("decisions") or {}).items()
                          if k != question_id},
            "decisions_shown": [q for q in w.get("decisions_shown") or () if q != question_id]})

    def set_decision_shown(self, workshop_id: str, question_id: str, shown: bool) -> dict:
        """Show the recorded decision on the projector, or hide it (hidden to begin with)."""
        self._question(workshop_id, question_id)
        if shown and decisions.decision_of(self.get(workshop_id), question_id) is None:
            raise InvalidInput("Record the panel's decision before showing it.")
        return self.store.update_workshop(workshop_id, lambda w: {"decisions_shown": sorted(
            set(w.get("decisions_shown") or ()) - {question_id}
            | ({question_id} if shown else set()))})

    def add_agreed(self, workshop_id: str, kind: str, text: str) -> decisions.Agreed:
        """Add an agreed action or practice point to the day's list."""
        kind, text = decisions.check_agreed_kind(kind), decisions.clean_agreed(text)
        added = []

        def change(w: dict) -> dict:
            items = list(w.get("agreed") or ())
            if len(items) >= decisions.MAX_AGREED:
                raise InvalidInput(f"The list can hold {decisions.MAX_AGREED} agreed actions "
                                   "and practice points. Remove one before adding another.")
            ids = {a["id"] for a in items}
            added.append(decisions.Agreed(
                self._unique(lambda: f"a_{secrets.token_hex(3)}", ids), kind, text))
            return {"agreed": [*items, {"id": added[-1].id, "kind": kind, "text": text}]}
        self.store.update_workshop(workshop_id, change)
        return added[-1]

    def edit_agreed(self, workshop_id: str, agreed_id: str, text: str,
                    kind: str | None = None) -> dict:
        text = decisions.clean_agreed(text)
        if kind is not None:
            decisions.check_agreed_kind(kind)

        def change(w: dict) -> dict:
            items = list(w.get("agreed") or ())
            if not any(a["id"] == agreed_id for a in items):
                raise NotFound("That item is no longer on the list.")
            return {"agreed": [{**a, "text": text, "kind": kind or a.get("kind", "action")}
                               if a["id"] == agreed_id else a for a in items]}
        return self.store.update_workshop(workshop_id, change)

    def remove_agreed(self, workshop_id: str, agreed_id: str) -> dict:
        return self.store.update_workshop(workshop_id, lambda w: {"agreed": [
            a for a in w.get("agreed") or () if a["id"] != agreed_id]})

    def save_report_edit(self, workshop_id: str, markdown: str | None,
                         lang: str | None = None) -> dict:
        """Keep the facilitator's edited report (None goes back to the fresh draft). Each
        language's report is edited on its own: a Welsh edit is kept apart from the
        English one (report_edit_field)."""
        field = report_edit_field(lang)
        return self.store.update_workshop(workshop_id, {
            field: markdown,
            field.replace("report_edit", "report_edited_at"): _now() if markdown else None})

    # -- themes ----------------------------------------------------------------------
    def tagger(self, workshop_id: str) -> Tagger:
        """The workshop's tagger: its codebook, plus every correction a person made."""
        w = self.get(workshop_id)
        key, codebook = _tagger_key(w), w["codebook"]
        with self._lock:
            cached = self._taggers.get(workshop_id)
            if cached and cached[0] == key:
                return cached[1]
            tagger = Tagger(themes_from_dicts(codebook))
            for c in self.store.rows(workshop_id, "comments"):
                person = [t["theme_id"] for t in c["themes"] if t["source"] == "person"]
                if person:
                    tagger.learn(c["text"], person, c.get("question_id"))
            self._taggers[workshop_id] = (key, tagger)
            return tagger

    # -- reading ---------------------------------------------------------------------
    def snapshot(self, workshop_id: str) -> Snapshot:
        w = self.get(workshop_id)
        return Snapshot(w, self.pack_of(workshop_id), tuple(themes_from_dicts(w["codebook"])),
                        tuple(self.store.rows(workshop_id, "delegates")),
                        tuple(self.store.rows(workshop_id, "comments")),
                        tuple(controls.current_answers(
                            w, self.store.rows(workshop_id, "answers"))))

    def version(self, workshop_id: str) -> int:
        return self.store.version(workshop_id)

    def latest_comments(self, workshop_id: str, question_id: str, n: int
                        ) -> tuple[int, list[tuple[dict, str]], dict[str, int]]:
        """How many comments the room may see on a question, the latest n of them with
        their authors' roles, and how many people of each role wrote those the room sees
        (for the privacy rule, analysis.group_roles): what the projector refreshes often,
        without the cost of a whole snapshot."""
        visible = [c for c in self.store.rows(workshop_id, "comments",
                                              {"question_id": question_id})
                   if shown_to_room(c)]
        known = {d["id"]: d["role"] for d in self.store.rows(workshop_id, "delegates")}
        roles = {d: known.get(d, "other") for d in {c["delegate_id"] for c in visible}}
        people: dict[str, int] = {}
        for role in roles.values():
            people[role] = people.get(role, 0) + 1
        latest = visible[-n:] if n > 0 else []
        return len(visible), [(c, roles[c["delegate_id"]]) for c in latest], people


def _normal_code(code: str | None) -> str:
    return (code or "").strip().upper().replace(" ", "")


def _looks_like_a_code(code: str) -> bool:
    return len(code) == JOIN_CODE_LENGTH and all(ch in JOIN_ALPHABET for ch in code)


def _seconds(stamp: str | None) -> float | None:
    """A saved time (ISO 8601) as seconds since the epoch; None if there is none."""
    try:
        return dt.datetime.fromisoformat(stamp).timestamp()
    except (TypeError, ValueError):
        return None


def _tagger_key(workshop: dict) -> tuple:
    """What a tagger was built from: the codebook and the last correction's mark."""
    return hash(repr(workshop["codebook"])), workshop.get("taught")


def _theme_dicts(themes) -> list[dict]:
    out = []
    for t in themes:
        d = {"id": t.id, "label": t.label, "description": t.description}
        if t.keywords:
            d["keywords"] = list(t.keywords)
        if t.examples:
            d["examples"] = list(t.examples)
        out.append(d)
    return out


def _tag_dicts(tags) -> list[dict]:
    return [{"theme_id": t.theme_id, "confidence": round(float(t.confidence), 3),
             "source": t.source} for t in tags]
