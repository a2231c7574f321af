"""Workshops kept in a PostgreSQL database (psycopg 3, with a pool of connections).

Three tables, made on first use:

    store_workshops (collection, id, seq)    one line per workshop; seq counts its changes
    store_rows (collection, workshop_id, tbl, doc_id, seq, row)
                                             every row, with the seq of the change that
                                             last put it there
    store_follow (name, status)              what phones following the presenter are
                                             told (workshop/follow.py), by its name

Workshops have collection '' (the empty name); other records kept like workshops
(programmes) have their collection's name.

The guarantees are the file store's (store/base.py):
- acknowledged means durable: each change is one transaction, committed before the call
  returns, and applied in memory only after that;
- idempotent writes: rows are put by their place (table, doc_id), so applying a change
  twice gives the same state, and the store's ids decide what is new exactly as for files;
- writers never interleave: whoever writes a workshop holds a PostgreSQL advisory lock on
  it (every app process and the command line take the same one);
- every process sees every other's changes: each access reads the workshop's seq (one
  small query) and, when another process has moved it on, fetches just the rows put
  since. A theme correction marks the workshop record (workshop/workshops.py), so it
  reaches every process's tagger this way.
"""

from __future__ import annotations

import logging
import urllib.parse
from contextlib import contextmanager

from store.base import WORKSHOP_TABLE, Store, _Workshop
from workshop.errors import CorruptStore, NotFound, StoreError

_LOG = logging.getLogger(__name__)
SCHEMES = ("postgresql://", "postgres://")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS store_workshops (
    collection text NOT NULL,
    id text NOT NULL,
    seq bigint NOT NULL,
    PRIMARY KEY (collection, id)
);
CREATE TABLE IF NOT EXISTS store_rows (
    collection text NOT NULL,
    workshop_id text NOT NULL,
    tbl text NOT NULL,
    doc_id integer NOT NULL,
    seq bigint NOT NULL,
    row json NOT NULL,
    PRIMARY KEY (collection, workshop_id, tbl, doc_id),
    FOREIGN KEY (collection, workshop_id) REFERENCES store_workshops (collection, id)
        ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS store_rows_seq ON store_rows (collection, workshop_id, seq);
CREATE TABLE IF NOT EXISTS store_follow (
    name text PRIMARY KEY,
    status jsonb NOT NULL
);
"""
# Phones following the presenter (workshop/follow_db.py) are told of a new status by a
# notification on this channel, its payload the status's name.
FOLLOW_CHANNEL = "workshop_follow"
_SCHEMA_LOCK = 7_315_424_019  # any fixed number: one process makes the tables at a time


def is_database_url(location: str) -> bool:
    return location.strip().lower().startswith(SCHEMES)


_HIDDEN = "(address not shown)"


def safe_url(url: str) -> str:
    """The address without its password, fit to print."""
    try:
        parts = urllib.parse.urlsplit(url)
        if parts.password is None:
            return url
        host = parts.netloc.rsplit("@", 1)[-1]
        user = urllib.parse.unquote(parts.username or "")
        return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
    except ValueError:
        return _HIDDEN


def _check_url(url: str) -> None:
    from psycopg.conninfo import conninfo_to_dict
    if not is_database_url(url):
        raise StoreError(f"{safe_url(url)!r} is not a PostgreSQL address. Give one like "
                         "postgresql://user:password@host:5432/dbname.")
    try:
        conninfo_to_dict(url)
    except Exception as exc:  # psycopg.ProgrammingError: a malformed address
        shown = safe_url(url)
        why = _first_line(exc).replace(url, "the address")
        raise StoreError(f"The PostgreSQL address "
                         f"{'' if shown == _HIDDEN else shown + ' '}cannot be read "
                         f"({why}). Give one like "
                         "postgresql://user:password@host:5432/dbname.") from None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class _Seq:
    """What a PgStore knows about one open workshop: the seq of its last change read."""

    def __init__(self, seq: int, new: bool = False):
        self.seq = seq
        self.new = new  # made by create_workshop; not in the database until its record is


class PgStore(Store):
    """Every workshop in one PostgreSQL database (see the module doc)."""

    def __init__(self, url: str, collection: str = "", pool=None):
        super().__init__()
        self.url = url
        self.name = collection
        self._held: dict[str, list] = {}  # workshop id → [connection, depth, known seq]
        if pool is None:
            pool = _open_pool(url)
        self._pool = pool

    def close(self) -> None:
        """Close the pool's connections (the store cannot be used afterwards)."""
        self._pool.close()

    # -- talking to the database -------------------------------------------------------
    @contextmanager
    def _db(self, doing: str):
        """Database errors as a StoreError saying what could not be done."""
        import psycopg
        try:
            yield
        except (psycopg.Error, _pool_errors()) as exc:
            raise StoreError(f"Could not {doing}: the database said \"{_first_line(exc)}\". "
                             "Nothing new was saved; what was saved before is safe. Check "
                             "that the database server is running, then try again.") from exc

    @contextmanager
    def _conn(self, workshop_id: str | None = None):
        """The connection holding the workshop's lock, or one from the pool."""
        held = self._held.get(workshop_id) if workshop_id is not None else None
        if held is not None:
            yield held[0]
        else:
            with self._pool.connection() as conn:
                yield conn

    def _query(self, workshop_id, sql: str, params=(), doing="read the workshops"):
        with self._db(doing), self._conn(workshop_id) as conn:
            return conn.execute(sql, params).fetchall()

    # -- the hooks of Store ------------------------------------------------------------
    def _stored_ids(self) -> list[str]:
        return [r[0] for r in self._query(
            None, "SELECT id FROM store_workshops WHERE collection = %s", (self.name,))]

    def _signature(self, workshop_id: str):
        held = self._held.get(workshop_id)
        if held is not None and held[2] is not None:
            return held[2]  # nobody else writes while the lock is held
        found = self._query(workshop_id, "SELECT seq FROM store_workshops "
                            "WHERE collection = %s AND id = %s", (self.name, workshop_id))
        seq = found[0][0] if found else None
        if held is not None:
            held[2] = seq
        return seq

    def _exclusive(self, workshop_id: str):
        if workshop_id in self._held:
            return self._nested(workshop_id)
        return self._advisory_lock(workshop_id)

    @contextmanager
    def _nested(self, workshop_id: str):
        held = self._held[workshop_id]
        held[1] += 1
        try:
            yield
        finally:
            held[1] -= 1

    @contextmanager
    def _advisory_lock(self, workshop_id: str):
        key = f"{self.name}/{workshop_id}"
        with self._lock, self._db("reach the workshop"), self._pool.connection() as conn:
            conn.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (key,))
            self._held[workshop_id] = [conn, 1, None]
            try:
                yield
            finally:
                del self._held[workshop_id]
                try:
                    conn.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))",
                                 (key,))
                except Exception:  # the session ends instead, which frees its locks
                    conn.close()

    def _create(self, workshop_id: str) -> None:
        """Nothing yet: the workshop enters the database with its record (_persist), in
        one transaction, so no process ever sees a workshop without one."""

    def _new(self, workshop_id: str) -> _Workshop:
        ws = _Workshop({})
        ws.state = _Seq(0, new=True)
        return ws

    def _load(self, workshop_id: str) -> _Workshop:
        rows = self._query(workshop_id, "SELECT tbl, doc_id, row FROM store_rows "
                           "WHERE collection = %s AND workshop_id = %s",
                           (self.name, workshop_id), doing=f"open the workshop {workshop_id}")
        data: dict[str, dict[str, dict]] = {}
        for table, doc_id, row in rows:
            data.setdefault(table, {})[str(doc_id)] = row
        try:
            ws = _Workshop(data)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise CorruptStore(f"The workshop {workshop_id} cannot be opened: its rows in "
                               f"the database are not a workshop's tables ({exc!r}). "
                               "Nothing was changed. Restore the database from a backup, "
                               "or delete the workshop if you no longer need it.") from None
        if "workshop" not in ws.table(WORKSHOP_TABLE):
            if self._signature(workshop_id) is None:  # deleted meanwhile
                raise NotFound(f"There is no workshop {workshop_id!r}.")
            raise CorruptStore(f"The workshop {workshop_id} cannot be opened: the database "
                               "holds no workshop record for it. Nothing was changed. "
                               "Restore the database from a backup, or delete the "
                               "workshop if you no longer need it.")
        ws.state = _Seq(self._signature(workshop_id))
        return ws

    def _catch_up(self, workshop_id: str, ws: _Workshop, signature) -> bool:
        """Apply just the rows other processes put since this one last looked. One
        statement, so the seq and the rows come from one moment."""
        if signature is None or ws.signature is None:
            return False
        found = self._query(
            workshop_id,
            "SELECT w.seq, r.tbl, r.doc_id, r.row FROM store_workshops w "
            "LEFT JOIN store_rows r ON r.collection = w.collection "
            "AND r.workshop_id = w.id AND r.seq > %s "
            "WHERE w.collection = %s AND w.id = %s ORDER BY r.tbl, r.doc_id",
            (ws.signature, self.name, workshop_id))
        if not found:
            return False  # deleted by another process
        for _, table, doc_id, row in found:
            if table is not None:
                ws.apply({"put": table, "rows": [[doc_id, row]]})
        ws.state = _Seq(found[0][0])
        ws.signature = found[0][0]
        return True

    def _persist(self, workshop_id: str, ws: _Workshop, change: dict) -> None:
        from psycopg.errors import UniqueViolation
        from psycopg.types.json import Json
        state: _Seq = ws.state
        held = self._held[workshop_id]
        conn = held[0]
        try:
            with self._db(f"save to the workshop {workshop_id}"), conn.transaction():
                if state.new:
                    try:
                        conn.execute("INSERT INTO store_workshops (collection, id, seq) "
                                     "VALUES (%s, %s, 1)", (self.name, workshop_id))
                    except UniqueViolation:
                        raise StoreError(f"A workshop with id {workshop_id!r} already "
                                         "exists.") from None
                    seq = 1
                else:
                    found = conn.execute(
                        "UPDATE store_workshops SET seq = seq + 1 WHERE collection = %s "
                        "AND id = %s RETURNING seq", (self.name, workshop_id)).fetchone()
                    if found is None:
                        raise NotFound(f"There is no workshop {workshop_id!r}.")
                    seq = found[0]
                with conn.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO store_rows (collection, workshop_id, tbl, doc_id, seq, "
                        "row) VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (collection, "
                        "workshop_id, tbl, doc_id) DO UPDATE SET seq = EXCLUDED.seq, "
                        "row = EXCLUDED.row",
                        [(self.name, workshop_id, change["put"], int(doc_id), seq, Json(row))
                         for doc_id, row in change["rows"]])
        except BaseException:
            held[2] = None  # read the seq again: the database knows what happened
            if state.new:
                self._open.pop(workshop_id, None)
            raise
        state.seq, state.new = seq, False
        held[2] = seq

    def _delete(self, workshop_id: str) -> None:
        with self._db(f"delete the workshop {workshop_id}"), \
                self._conn(workshop_id) as conn, conn.transaction():
            conn.execute("DELETE FROM store_workshops WHERE collection = %s AND id = %s",
                         (self.name, workshop_id))
        held = self._held.get(workshop_id)
        if held is not None:
            held[2] = None

    # -- following the presenter -------------------------------------------------------
    def publish_follow(self, name: str, status: dict) -> None:
        """Keep a workshop's follow status (workshop/follow.py) under its name and notify
        every app server listening (workshop/follow_db.py), in one transaction. A status
        older than the one kept (a lower version) never replaces it; one unchanged is not
        notified again."""
        from psycopg.types.json import Jsonb
        with self._db("tell the phones what the facilitator shows"), \
                self._pool.connection() as conn, conn.transaction():
            changed = conn.execute(
                "INSERT INTO store_follow AS f (name, status) VALUES (%s, %s) "
                "ON CONFLICT (name) DO UPDATE SET status = EXCLUDED.status "
                "WHERE f.status IS DISTINCT FROM EXCLUDED.status "
                "AND (f.status->>'v')::bigint <= (EXCLUDED.status->>'v')::bigint",
                (name, Jsonb(status))).rowcount
            if changed:
                conn.execute("SELECT pg_notify(%s, %s)", (FOLLOW_CHANNEL, name))

    def drop_follow(self, name: str) -> None:
        """Forget a deleted workshop's follow status (its phones are then told 404)."""
        with self._db("remove the workshop's status"), self._pool.connection() as conn, \
                conn.transaction():
            conn.execute("DELETE FROM store_follow WHERE name = %s", (name,))
            conn.execute("SELECT pg_notify(%s, %s)", (FOLLOW_CHANNEL, name))

    def _collection(self, name: str) -> Store:
        return PgStore(self.url, name, self._pool)


def _pool_errors():
    from psycopg_pool import PoolTimeout
    return PoolTimeout


def _open_pool(url: str):
    """A pool of connections to the database, its tables made if missing. A bad address
    or a server that cannot be reached is a StoreError saying so, before any pool."""
    import psycopg
    from psycopg_pool import ConnectionPool
    _check_url(url)
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn, \
                conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            conn.execute(_SCHEMA)
    except psycopg.Error as exc:
        raise StoreError(f"Cannot use the PostgreSQL database at {safe_url(url)}: "
                         f"{_first_line(exc)}. Check the address (user, password, host, port "
                         "and database name) and that the server is running.") from None
    # Each connection is checked as it is taken from the pool, so a database restarted
    # since (its old connections gone) costs no call an error.
    return ConnectionPool(url, min_size=1, max_size=4, kwargs={"autocommit": True},
                          check=ConnectionPool.check_connection, open=True,
                          name="workshop-store")
