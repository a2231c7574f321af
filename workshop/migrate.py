"""Copy every workshop and programme from one store to another (files ⇄ PostgreSQL).

Copying again is safe: a workshop already there is brought up to date (rows matched by
their ids: new ones added, changed ones updated), never copied twice. Nothing is deleted
from either store. A workshop that cannot be read is named and left out; the others are
copied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from store import FileStore, Store
from workshop.errors import NotFound, StoreError, WorkshopError
from workshop.programmes import COLLECTION as PROGRAMMES
from workshop.wording import counted

# Records kept like workshops, in collections of their own (Store.collection).
COLLECTIONS = (PROGRAMMES,)


@dataclass
class Copied:
    """What one migration did."""
    workshops: int = 0
    programmes: int = 0
    created: int = 0          # workshops and programmes new in the target
    rows_added: int = 0
    rows_changed: int = 0
    left_out: list[str] = field(default_factory=list)  # "<id>: why"

    def describe(self) -> str:
        return (f"{counted(self.workshops, 'workshop')} and "
                f"{counted(self.programmes, 'programme')} "
                f"({self.created} new there), {counted(self.rows_added, 'row')} added, "
                f"{counted(self.rows_changed, 'row')} updated")


def open_location(location: str, must_exist: bool = False) -> Store:
    """A store from a PostgreSQL address or a folder of workshop files."""
    from store.postgres import PgStore, is_database_url
    location = location.strip()
    if is_database_url(location):
        return PgStore(location)
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", location) or not location:
        raise WorkshopError(f"{location!r} is neither a PostgreSQL address (postgresql://"
                            "user:password@host:5432/dbname) nor a folder.")
    folder = Path(location)
    if must_exist and not folder.is_dir():
        raise WorkshopError(f"There is no folder {location}: nothing to copy from.")
    return FileStore(folder)


def copy_store(source: Store, target: Store, report=print) -> Copied:
    """Copy every workshop, then every programme; `report` is told about each one."""
    done = Copied()
    for collection in (None, *COLLECTIONS):
        src = source if collection is None else source.collection(collection)
        dst = target if collection is None else target.collection(collection)
        what = "workshop" if collection is None else "programme"
        for record_id in src.workshop_ids():
            try:
                created, added, changed = _copy_one(src, dst, record_id)
            except (StoreError, NotFound, ValueError) as exc:
                done.left_out.append(f"{record_id}: {exc}")
                report(f"left out {what} {record_id}: {exc}")
                continue
            if collection is None:
                done.workshops += 1
            else:
                done.programmes += 1
            done.created += created
            done.rows_added += added
            done.rows_changed += changed
            report(f"{what} {record_id}: {'copied' if created else 'already there'}, "
                   f"{counted(added, 'row')} added, {counted(changed, 'row')} updated")
    return done


def _copy_one(src: Store, dst: Store, record_id: str) -> tuple[bool, int, int]:
    record = src.workshop(record_id)
    tables = {name: src.rows(record_id, name) for name in src.tables(record_id)}
    created = record_id not in dst.workshop_ids()
    if created:
        dst.create_workshop(record_id, record)
    elif dst.workshop(record_id) != record:
        dst.update_workshop(record_id, record)
    added = changed = 0
    for name, rows in tables.items():
        have = {r["id"]: r for r in dst.rows(record_id, name)} if not created else {}
        added += dst.insert_many(record_id, name, [r for r in rows if r["id"] not in have])
        different = {r["id"]: r for r in rows if r["id"] in have and have[r["id"]] != r}
        if different:
            changed += len(dst.update_many(record_id, name, different,
                                           lambda row: different[row["id"]]))
    return created, added, changed
