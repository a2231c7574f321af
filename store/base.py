"""The store interface: workshops made of named tables of rows, each row keyed by "id".

Reads come from memory; every write reaches the disk (or fails loudly) before it returns,
so anything acknowledged to a delegate survives a crash.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterable
from contextlib import contextmanager, nullcontext

from tinydb import TinyDB
from tinydb.table import Document

from workshop.errors import NotFound, StoreError

WORKSHOP_TABLE = "workshop"
_WORKSHOP_ROW = 1  # the workshop record is the one row of its table


class _Workshop:
    """One open workshop: its TinyDB handle and an id → (doc_id, row) index per table."""

    def __init__(self, db: TinyDB):
        self.db = db
        self.version = 0
        self.signature = None
        self.tables: dict[str, dict[str, tuple[int, dict]]] = {}
        for name in db.tables():
            docs = db.table(name, cache_size=0).all()
            if name == WORKSHOP_TABLE:
                self.tables[name] = {"workshop": (doc.doc_id, dict(doc)) for doc in docs}
            else:
                self.tables[name] = {str(doc["id"]): (doc.doc_id, dict(doc)) for doc in docs}

    def table(self, name: str) -> dict[str, tuple[int, dict]]:
        return self.tables.setdefault(name, {})


class Store:
    """Thread-safe access to every workshop. Subclasses say how a workshop's DB opens."""

    def __init__(self):
        # One lock for the whole process: TinyDB is not thread-safe, and Streamlit runs
        # each session's script on its own thread.
        self._lock = threading.RLock()
        self._open: dict[str, _Workshop] = {}

    # -- subclass hooks -------------------------------------------------------------
    def _open_db(self, workshop_id: str, create: bool) -> TinyDB:
        raise NotImplementedError

    def _stored_ids(self) -> list[str]:
        raise NotImplementedError

    def _signature(self, workshop_id: str):
        """Something that changes when another process rewrites the workshop (or None)."""
        return None

    def _exclusive(self, workshop_id: str):
        """Held while writing, so two processes (app and command line) never interleave."""
        return nullcontext()

    @contextmanager
    def _writing(self, workshop_id: str):
        with self._lock, self._exclusive(workshop_id):
            ws = self._get(workshop_id)
            try:
                yield ws
            finally:
                ws.signature = self._signature(workshop_id)

    # -- workshops -------------------------------------------------------------------
    def workshop_ids(self) -> list[str]:
        with self._lock:
            return sorted(set(self._stored_ids()) | set(self._open))

    def create_workshop(self, workshop_id: str, record: dict) -> dict:
        with self._lock:
            if workshop_id in self.workshop_ids():
                raise StoreError(f"A workshop with id {workshop_id!r} already exists.")
            with self._exclusive(workshop_id):
                ws = _Workshop(self._open_db(workshop_id, create=True))
                self._open[workshop_id] = ws
                created = self._write_workshop(ws, {**record, "id": workshop_id})
                ws.signature = self._signature(workshop_id)
            return created

    def workshop(self, workshop_id: str) -> dict:
        with self._lock:
            ws = self._get(workshop_id)
            return copy.deepcopy(ws.table(WORKSHOP_TABLE)["workshop"][1])

    def update_workshop(self, workshop_id: str, fields: dict) -> dict:
        with self._writing(workshop_id) as ws:
            current = ws.table(WORKSHOP_TABLE)["workshop"][1]
            return self._write_workshop(ws, {**current, **fields})

    def version(self, workshop_id: str) -> int:
        """Changes whenever anything in the workshop changes (for caches)."""
        with self._lock:
            return self._get(workshop_id).version

    # -- rows ------------------------------------------------------------------------
    def rows(self, workshop_id: str, table: str) -> list[dict]:
        """Every row of a table, oldest first (copies: callers may change them)."""
        with self._lock:
            return [copy.deepcopy(row) for _, row in self._get(workshop_id).table(table).values()]

    def row(self, workshop_id: str, table: str, row_id: str) -> dict:
        with self._lock:
            found = self._get(workshop_id).table(table).get(row_id)
            if found is None:
                raise NotFound(f"No {table} row {row_id!r} in workshop {workshop_id!r}.")
            return copy.deepcopy(found[1])

    def insert(self, workshop_id: str, table: str, row: dict) -> tuple[dict, bool]:
        """Add a row; if its id is already there, keep the stored one (a repeated tap).

        Returns (stored row, created?).
        """
        with self._writing(workshop_id) as ws:
            index = ws.table(table)
            if row["id"] in index:
                return copy.deepcopy(index[row["id"]][1]), False
            doc_id = self._guard(lambda: ws.db.table(table, cache_size=0).insert(row))
            index[row["id"]] = (doc_id, copy.deepcopy(row))
            ws.version += 1
            return copy.deepcopy(row), True

    def update(self, workshop_id: str, table: str, row_id: str, fields: dict) -> dict:
        with self._writing(workshop_id) as ws:
            index = ws.table(table)
            if row_id not in index:
                raise NotFound(f"No {table} row {row_id!r} in workshop {workshop_id!r}.")
            doc_id, current = index[row_id]
            new = {**current, **fields}
            self._guard(lambda: ws.db.table(table, cache_size=0).upsert(Document(new, doc_id)))
            index[row_id] = (doc_id, copy.deepcopy(new))
            ws.version += 1
            return copy.deepcopy(new)

    def insert_many(self, workshop_id: str, table: str, rows: Iterable[dict]) -> int:
        """Add many rows in one write: all of them or none. Returns how many were new."""
        with self._writing(workshop_id) as ws:
            index = ws.table(table)
            new = [r for r in rows if r["id"] not in index]
            if not new:
                return 0
            doc_ids = self._guard(lambda: ws.db.table(table, cache_size=0).insert_multiple(new))
            for doc_id, r in zip(doc_ids, new):
                index[r["id"]] = (doc_id, copy.deepcopy(r))
            ws.version += 1
            return len(new)

    # -- internals -------------------------------------------------------------------
    def _get(self, workshop_id: str) -> _Workshop:
        ws = self._open.get(workshop_id)
        if ws is not None and ws.signature != self._signature(workshop_id):
            ws = None  # another process wrote it: read it again
        if ws is None:
            if workshop_id not in self._stored_ids():
                raise NotFound(f"There is no workshop {workshop_id!r}.")
            signature = self._signature(workshop_id)
            ws = _Workshop(self._open_db(workshop_id, create=False))
            ws.signature = signature
            self._open[workshop_id] = ws
        return ws

    def _write_workshop(self, ws: _Workshop, record: dict) -> dict:
        self._guard(lambda: ws.db.table(WORKSHOP_TABLE, cache_size=0).upsert(
            Document(record, _WORKSHOP_ROW)))
        ws.table(WORKSHOP_TABLE)["workshop"] = (_WORKSHOP_ROW, copy.deepcopy(record))
        ws.version += 1
        return copy.deepcopy(record)

    @staticmethod
    def _guard(write):
        try:
            return write()
        except OSError as exc:
            raise StoreError(f"Could not save: {exc.strerror or exc}. Nothing new was saved; "
                             "what was saved before is safe. Free some disk space and try "
                             "again.") from exc
