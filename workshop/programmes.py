"""Programmes: regional workshops run on one shared pack, reported on together.

A programme has a title, a pack (the shared scenario and codebook, copied when the
programme is created) and its workshops, each with its region (and the workshop's own date
and venue). It only points at workshops: adding one copies nothing, and removing one, or
deleting the programme's record of it, never touches the workshop's data. A workshop outside
any programme works exactly as before.

Programmes are kept in the store's "programmes" collection, one record each, beside the
workshops (store/base.py `Store.collection`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import secrets
from dataclasses import dataclass

from workshop import exchange
from workshop.errors import InvalidInput, NotFound, StoreError
from workshop.text import clean_short, csv_safe
from workshop.workshops import Snapshot, Workshops

COLLECTION = "programmes"


@dataclass(frozen=True)
class Member:
    """One workshop of a programme: its region in the programme, and its record (None if
    the workshop was deleted or cannot be read now)."""
    workshop_id: str
    region: str
    workshop: dict | None

    @property
    def date(self) -> str:
        return (self.workshop or {}).get("date", "")

    @property
    def venue(self) -> str:
        return (self.workshop or {}).get("venue", "")


@dataclass(frozen=True)
class Region:
    """One region's workshop as the national report reads it."""
    name: str
    snapshot: Snapshot

    @property
    def simulated(self) -> bool:
        return bool(self.snapshot.workshop.get("simulated"))


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "programme"


def _question_ids(pack_raw: dict) -> list[str]:
    return [q.get("id") for s in pack_raw.get("stages") or () for c in s.get("cards") or ()
            for q in c.get("questions") or ()]


class Programmes:
    """Every programme, over the same store and packs as the workshops."""

    def __init__(self, workshops: Workshops):
        self.workshops = workshops
        self.store = workshops.store.collection(COLLECTION)

    # -- programmes ------------------------------------------------------------------
    def create(self, title: str, pack_id: str, description: str = "") -> dict:
        title = clean_short(title, "title")
        packs = self.workshops.packs
        if pack_id not in packs:
            raise InvalidInput(f"There is no scenario pack {pack_id!r}. Packs: "
                               f"{', '.join(sorted(packs)) or 'none'}.")
        pack = packs[pack_id]
        taken = set(self.store.workshop_ids())
        for _ in range(1000):
            pid = f"{_slug(title)}-{secrets.token_hex(2)}"
            if pid not in taken:
                break
        return self.store.create_workshop(pid, {
            "title": title, "description": (description or "").strip(), "pack_id": pack_id,
            "pack": pack.raw, "members": [], "created_at": _now(), "report_edit": None})

    def all(self) -> list[dict]:
        """Every programme that can be read, oldest first."""
        found = []
        for pid in self.store.workshop_ids():
            try:
                found.append(self.store.workshop(pid))
            except (StoreError, NotFound):
                continue
        return sorted(found, key=lambda p: p.get("created_at", ""))

    def get(self, programme_id: str) -> dict:
        try:
            return self.store.workshop(programme_id)
        except (NotFound, ValueError):
            known = ", ".join(p["id"] for p in self.all()) or "none yet"
            raise NotFound(f"There is no programme {programme_id!r}. Programmes: "
                           f"{known}.") from None

    def of_workshop(self, workshop_id: str) -> list[dict]:
        """The programmes a workshop belongs to."""
        return [p for p in self.all()
                if any(m["workshop_id"] == workshop_id for m in p["members"])]

    # -- members ---------------------------------------------------------------------
    def _can_join(self, programme: dict, workshop: dict, region: str) -> None:
        """Refuse a workshop on another pack (or another version of it), or a region the
        programme already has, with what to do instead."""
        name = f"\u201c{workshop['title']}\u201d ({workshop['id']})"
        if workshop.get("pack_id") != programme["pack_id"]:
            raise InvalidInput(
                f"{name} uses the scenario pack {workshop.get('pack_id')!r}, but the "
                f"programme \u201c{programme['title']}\u201d shares the pack "
                f"{programme['pack_id']!r}. Only workshops run on that pack can join it, so "
                "their answers can be compared question by question.")
        if _question_ids(workshop.get("pack") or {}) != _question_ids(programme["pack"]):
            raise InvalidInput(
                f"{name} was run on another version of the pack {programme['pack_id']!r} "
                "(its questions are not the same), so it cannot join this programme.")
        for m in programme["members"]:
            if m["workshop_id"] == workshop["id"]:
                raise InvalidInput(f"{name} is already in this programme, for "
                                   f"{m['region']}.")
            if m["region"].casefold() == region.casefold():
                raise InvalidInput(
                    f"This programme already has a workshop for {m['region']} "
                    f"({m['workshop_id']}). Give {name} another region (--region), or "
                    "remove the other one first.")

    def add(self, programme_id: str, workshop_id: str, region: str | None = None) -> Member:
        """Add an existing workshop (its own region unless another is given)."""
        self.get(programme_id)
        workshop = self.workshops.get(workshop_id)
        region = clean_short(region or workshop.get("region") or "", "region")

        def change(programme: dict) -> dict:
            self._can_join(programme, workshop, region)
            return {"members": [*programme["members"],
                                {"workshop_id": workshop_id, "region": region,
                                 "added_at": _now()}]}
        self.store.update_workshop(programme_id, change)
        return Member(workshop_id, region, workshop)

    def create_workshop(self, programme_id: str, title: str, region: str, date: str = "",
                        venue: str = "", background: str = "") -> dict:
        """A new workshop on the programme's pack, added to it. The programme is checked
        first, so a refused region creates nothing."""
        programme = self.get(programme_id)
        region = clean_short(region, "region")
        probe = {"id": "", "title": clean_short(title, "title"),
                 "pack_id": programme["pack_id"], "pack": programme["pack"]}
        self._can_join(programme, probe, region)
        w = self.workshops.create(title, region, programme["pack_id"], date=date,
                                  venue=venue, background=background)
        self.add(programme_id, w["id"], region)
        return w

    def remove(self, programme_id: str, workshop_id: str) -> None:
        """Take a workshop out of a programme. The workshop and its data are kept."""
        def change(programme: dict) -> dict:
            kept = [m for m in programme["members"] if m["workshop_id"] != workshop_id]
            if len(kept) == len(programme["members"]):
                raise NotFound(f"The workshop {workshop_id!r} is not in the programme "
                               f"\u201c{programme['title']}\u201d.")
            return {"members": kept}
        self.get(programme_id)
        self.store.update_workshop(programme_id, change)

    def members(self, programme_id: str) -> list[Member]:
        """The programme's workshops, in the order they were added."""
        out = []
        for m in self.get(programme_id)["members"]:
            try:
                w = self.workshops.get(m["workshop_id"])
            except (NotFound, StoreError):
                w = None
            out.append(Member(m["workshop_id"], m["region"], w))
        return out

    def regions(self, programme_id: str) -> list[Region]:
        """Each region whose workshop can be read, with its snapshot, by date."""
        found = [Region(m.region, self.workshops.snapshot(m.workshop_id))
                 for m in self.members(programme_id) if m.workshop is not None]
        return sorted(found, key=lambda r: (r.snapshot.workshop.get("date", ""), r.name))

    def save_report_edit(self, programme_id: str, markdown: str | None) -> dict:
        """Keep the edited national report (None goes back to the fresh draft)."""
        self.get(programme_id)
        return self.store.update_workshop(programme_id, {
            "report_edit": markdown, "report_edited_at": _now() if markdown else None})


# -- export ---------------------------------------------------------------------------

EXPORT_COLUMNS = ("region", *exchange.EXPORT_COLUMNS)


def export_csv(regions: list[Region]) -> str:
    """Every region's input as one CSV: the workshop export (workshop/exchange.py), with the
    region each row came from first. Hidden and withdrawn words are left out as there."""
    out = io.StringIO()
    writer = csv.DictWriter(out, EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for region in regions:
        for row in exchange.export_rows(region.snapshot):
            writer.writerow({k: csv_safe(v) for k, v in {"region": region.name, **row}.items()})
    return out.getvalue()
