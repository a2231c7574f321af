"""The store interface: workshops made of named tables of rows, each row keyed by "id".

Reads come from memory; every write reaches the disk (or fails loudly) before it returns,
so anything acknowledged to a delegate survives a crash.

Each write is one *change*: a list of whole rows put at their places in a table
({"put": table, "rows": [[doc_id, row], ...]}). Applying a change twice gives the same
state, so a file store can keep changes in an append-only journal and replay it safely.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable

from workshop.errors import CorruptStore, NotFound, StoreError

WORKSHOP_TABLE = "workshop"
_WORKSHOP_ROW = 1  # the workshop record is the one row of its table
# Versions are unique in the process, so a workshop read again from disk never repeats a
# version a cache has already seen.
_VERSIONS = itertools.count(1)


def copy_row(value):
    """A deep copy of JSON-shaped data (dicts, lists, scalars): several times faster than
    copy.deepcopy, which matters when a page reads a table of thousands of rows."""
    if isinstance(value, dict):
        return {k: copy_row(v) if isinstance(v, (dict, list)) else v for k, v in value.items()}
    if isinstance(value, list):
        return [copy_row(v) if isinstance(v, (dict, list)) else v for v in value]
    return value


def _index_value(value):
    """A field value as an index key (lists and dicts by their text)."""
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


class _Workshop:
    """One open workshop: an id → (doc_id, row) index per table, in insertion order."""

    def __init__(self, data: dict[str, dict[str, dict]]):
        self.version = next(_VERSIONS)
        self.signature = None
        self.tables: dict[str, dict[str, tuple[int, dict]]] = {}
        self.next_doc: dict[str, int] = {}
        self.state = None  # what the subclass keeps about the workshop's files
        # (table, field) → field value → row keys, built on first use: a phone asking for
        # its own few comments should not look at the whole room's.
        self.indexes: dict[tuple[str, str], dict[object, dict[str, None]]] = {}
        for name, docs in data.items():
            for doc_id, row in sorted(docs.items(), key=lambda d: int(d[0])):
                self._put(name, int(doc_id), row)

    def table(self, name: str) -> dict[str, tuple[int, dict]]:
        return self.tables.setdefault(name, {})

    def _put(self, name: str, doc_id: int, row: dict) -> None:
        key = "workshop" if name == WORKSHOP_TABLE else str(row["id"])
        table = self.table(name)
        old = table.get(key)
        table[key] = (doc_id, row)
        self.next_doc[name] = max(self.next_doc.get(name, 1), doc_id + 1)
        for (indexed, field), index in self.indexes.items():
            if indexed != name:
                continue
            if old is not None:
                before = old[1].get(field)
                if before == row.get(field):
                    continue
                index.get(_index_value(before), {}).pop(key, None)
            index.setdefault(_index_value(row.get(field)), {})[key] = None

    def keys_where(self, name: str, field: str, value) -> list[str]:
        """Keys of the rows whose `field` equals `value`, oldest first."""
        index = self.indexes.get((name, field))
        if index is None:
            index = {}
            for key, (_, row) in self.table(name).items():
                index.setdefault(_index_value(row.get(field)), {})[key] = None
            self.indexes[(name, field)] = index
        table = self.table(name)
        return sorted(index.get(_index_value(value), ()), key=lambda k: table[k][0])

    def apply(self, change: dict) -> None:
        for doc_id, row in change["rows"]:
            self._put(change["put"], int(doc_id), row)
        self.version = next(_VERSIONS)

    def data(self) -> dict[str, dict[str, dict]]:
        """Everything, shaped as a TinyDB file: {table: {doc_id: row}}."""
        return {name: {str(doc_id): row for doc_id, row in index.values()}
                for name, index in self.tables.items()}


class Store:
    """Thread-safe access to every workshop. Subclasses say where changes are kept."""

    def __init__(self):
        # One lock for the whole process: Streamlit runs each session's script on its own
        # thread, and the in-memory index must change together with the disk.
        self._lock = threading.RLock()
        self._open: dict[str, _Workshop] = {}
        # Damaged workshops: (signature of their files, message). Every page run asks for
        # every workshop; a damaged one is read again only when its files change.
        self._damaged: dict[str, tuple[object, str]] = {}
        self._collections: dict[str, Store] = {}

    # -- subclass hooks -------------------------------------------------------------
    def _create(self, workshop_id: str) -> None:
        """Make the (empty) place a new workshop is kept."""
        raise NotImplementedError

    def _load(self, workshop_id: str) -> _Workshop:
        """Read a stored workshop (everything acknowledged so far)."""
        raise NotImplementedError

    def _new(self, workshop_id: str) -> _Workshop:
        """The workshop just made by _create, before its record is written."""
        return self._load(workshop_id)

    def _persist(self, workshop_id: str, ws: _Workshop, change: dict) -> None:
        """Make one change durable before it is acknowledged, or raise OSError having
        kept nothing of it."""
        raise NotImplementedError

    def _after_write(self, workshop_id: str, ws: _Workshop) -> None:
        """Housekeeping after an acknowledged write (e.g. compaction); must not fail it."""

    def _stored_ids(self) -> list[str]:
        raise NotImplementedError

    def _signature(self, workshop_id: str):
        """Something that changes when another process changes the workshop (or None)."""
        return None

    def _catch_up(self, workshop_id: str, ws: _Workshop, signature) -> bool:
        """Bring an open workshop up to date with what another process added, in place
        (`signature`: the files as they are now, taken before reading); False if it has to
        be read again whole."""
        return False

    def _exclusive(self, workshop_id: str):
        """Held while writing, so two processes (app and command line) never interleave."""
        raise NotImplementedError

    def _delete(self, workshop_id: str) -> None:
        """Remove everything kept about the workshop."""
        raise NotImplementedError

    def _collection(self, name: str) -> Store:
        """A store of its own for other records kept like workshops (programmes)."""
        raise NotImplementedError

    # -- other records ---------------------------------------------------------------
    def collection(self, name: str) -> Store:
        """Records of another kind (e.g. "programmes"), kept the same way as workshops
        (each one a record and tables of rows) but never listed among them."""
        if not name.isidentifier():
            raise ValueError(f"Not a collection name: {name!r}")
        with self._lock:
            if name not in self._collections:
                self._collections[name] = self._collection(name)
            return self._collections[name]

    # -- workshops -------------------------------------------------------------------
    def workshop_ids(self) -> list[str]:
        with self._lock:
            return sorted(set(self._stored_ids()) | set(self._open))

    def create_workshop(self, workshop_id: str, record: dict) -> dict:
        with self._lock:
            if workshop_id in self.workshop_ids():
                raise StoreError(f"A workshop with id {workshop_id!r} already exists.")
            with self._exclusive(workshop_id):
                self._guard(lambda: self._create(workshop_id))
                ws = self._new(workshop_id)
                self._open[workshop_id] = ws
                created = self._write_workshop(workshop_id, ws, {**record, "id": workshop_id})
                ws.signature = self._signature(workshop_id)
            return created

    def workshop(self, workshop_id: str) -> dict:
        with self._lock:
            ws = self._get(workshop_id)
            return copy_row(ws.table(WORKSHOP_TABLE)["workshop"][1])

    def update_workshop(self, workshop_id: str, fields) -> dict:
        """Set fields of the workshop record. `fields` may be a function of the current
        record giving them: it runs under the lock every process takes, on the record as
        it is on disk, so a change worked out from the record (a version + 1, a theme
        added) never overwrites another process's. It may raise to write nothing."""
        with self._lock, self._exclusive(workshop_id):
            ws = self._get(workshop_id)
            current = ws.table(WORKSHOP_TABLE)["workshop"][1]
            if callable(fields):
                fields = fields(copy_row(current))
            return self._write_workshop(workshop_id, ws, {**current, **fields})

    def delete_workshop(self, workshop_id: str) -> None:
        """Remove a workshop for good, damaged or not, with every copy kept of its files."""
        with self._lock:
            if workshop_id not in self.workshop_ids():
                raise NotFound(f"There is no workshop {workshop_id!r}.")
            with self._exclusive(workshop_id):
                self._open.pop(workshop_id, None)
                self._damaged.pop(workshop_id, None)
                try:
                    self._delete(workshop_id)
                except OSError as exc:
                    raise StoreError(f"Could not delete all of the workshop's files: "
                                     f"{exc.strerror or exc}. Try again; if it keeps "
                                     "failing, delete the files named after the workshop "
                                     "in the data folder.") from exc

    def version(self, workshop_id: str) -> int:
        """Changes whenever anything in the workshop changes (for caches)."""
        with self._lock:
            return self._get(workshop_id).version

    def tables(self, workshop_id: str) -> list[str]:
        """The names of the workshop's tables of rows (its record aside)."""
        with self._lock:
            ws = self._get(workshop_id)
            return sorted(name for name, rows in ws.tables.items()
                          if name != WORKSHOP_TABLE and rows)

    # -- rows ------------------------------------------------------------------------
    def rows(self, workshop_id: str, table: str, where: dict | None = None) -> list[dict]:
        """Every row of a table, oldest first (copies: callers may change them); with
        `where`, only rows whose fields equal those values (picked before copying, so a
        phone asking for its own few comments does not copy the whole room's)."""
        with self._lock:
            ws = self._get(workshop_id)
            index = ws.table(table)
            if where:
                (field, value), *rest = where.items()
                found = (index[k][1] for k in ws.keys_where(table, field, value))
                return [copy_row(row) for row in found
                        if all(row.get(k) == v for k, v in rest)]
            return [copy_row(row) for _, row in index.values()]

    def row(self, workshop_id: str, table: str, row_id: str) -> dict:
        with self._lock:
            found = self._get(workshop_id).table(table).get(row_id)
            if found is None:
                raise NotFound(f"No {table} row {row_id!r} in workshop {workshop_id!r}.")
            return copy_row(found[1])

    def insert(self, workshop_id: str, table: str, row: dict) -> tuple[dict, bool]:
        """Add a row; if its id is already there, keep the stored one (a repeated tap).

        Returns (stored row, created?).
        """
        with self._lock, self._exclusive(workshop_id):
            ws = self._get(workshop_id)
            index = ws.table(table)
            if row["id"] in index:
                return copy_row(index[row["id"]][1]), False
            self._write(workshop_id, ws, table, [(ws.next_doc.get(table, 1), copy_row(row))])
            return copy_row(row), True

    def update(self, workshop_id: str, table: str, row_id: str, fields: dict) -> dict:
        with self._lock, self._exclusive(workshop_id):
            ws = self._get(workshop_id)
            index = ws.table(table)
            if row_id not in index:
                raise NotFound(f"No {table} row {row_id!r} in workshop {workshop_id!r}.")
            doc_id, current = index[row_id]
            new = copy_row({**current, **fields})
            self._write(workshop_id, ws, table, [(doc_id, new)])
            return copy_row(new)

    def update_many(self, workshop_id: str, table: str, row_ids: Iterable[str],
                    fields) -> list[dict]:
        """Set fields of many rows in one write: all of them or none. `fields` may be a
        function of a row as it is now (under the lock every process takes) giving its
        fields, or None to leave that row alone. Rows not there are skipped. Returns the
        rows changed."""
        with self._lock, self._exclusive(workshop_id):
            ws = self._get(workshop_id)
            index = ws.table(table)
            placed = []
            for row_id in dict.fromkeys(row_ids):
                if row_id not in index:
                    continue
                doc_id, current = index[row_id]
                change = fields(copy_row(current)) if callable(fields) else fields
                if change is not None:
                    placed.append((doc_id, copy_row({**current, **change})))
            if placed:
                self._write(workshop_id, ws, table, placed)
            return [copy_row(row) for _, row in placed]

    def insert_many(self, workshop_id: str, table: str, rows: Iterable[dict]) -> int:
        """Add many rows in one write: all of them or none. Returns how many were new."""
        with self._lock, self._exclusive(workshop_id):
            ws = self._get(workshop_id)
            index = ws.table(table)
            new, seen = [], set()
            for r in rows:
                if r["id"] not in index and r["id"] not in seen:
                    seen.add(r["id"])
                    new.append(r)
            if not new:
                return 0
            first = ws.next_doc.get(table, 1)
            self._write(workshop_id, ws, table,
                        [(first + i, copy_row(r)) for i, r in enumerate(new)])
            return len(new)

    # -- internals -------------------------------------------------------------------
    def _get(self, workshop_id: str) -> _Workshop:
        ws = self._open.get(workshop_id)
        if ws is not None:
            now = self._signature(workshop_id)
            if now != ws.signature and not self._catch_up(workshop_id, ws, now):
                ws = None  # another process rewrote it: read it again
                del self._open[workshop_id]
        if ws is None:
            if workshop_id not in self._stored_ids():
                raise NotFound(f"There is no workshop {workshop_id!r}.")
            with self._exclusive(workshop_id):  # never read half of another's compaction
                signature = self._signature(workshop_id)
                damaged = self._damaged.get(workshop_id)
                if damaged is not None and damaged[0] == signature:
                    raise CorruptStore(damaged[1])  # files unchanged: still damaged
                try:
                    ws = self._load(workshop_id)
                except CorruptStore as exc:
                    self._damaged[workshop_id] = (signature, str(exc))
                    raise
                self._damaged.pop(workshop_id, None)
            ws.signature = signature
            self._open[workshop_id] = ws
        return ws

    def _write(self, workshop_id: str, ws: _Workshop, table: str, placed) -> None:
        """Persist one change, then apply it in memory (only once it is durable)."""
        change = {"put": table, "rows": [[doc_id, row] for doc_id, row in placed]}
        try:
            self._guard(lambda: self._persist(workshop_id, ws, change))
        finally:
            ws.signature = self._signature(workshop_id)
        ws.apply(change)
        self._after_write(workshop_id, ws)
        ws.signature = self._signature(workshop_id)

    def _write_workshop(self, workshop_id: str, ws: _Workshop, record: dict) -> dict:
        record = copy_row(record)
        self._write(workshop_id, ws, WORKSHOP_TABLE, [(_WORKSHOP_ROW, record)])
        return copy_row(record)

    @staticmethod
    def _guard(write):
        try:
            return write()
        except OSError as exc:
            raise StoreError(f"Could not save: {exc.strerror or exc}. Nothing new was saved; "
                             "what was saved before is safe. Free some disk space and try "
                             "again.") from exc
