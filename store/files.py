"""Where workshops live: a TinyDB file plus an append-only journal each, or memory.

A workshop `w` is kept as two files in the data folder:

    w.json      a TinyDB JSON file (tables of rows): the state at the last compaction
    w.journal   one line per acknowledged change since then, each fsynced before the
                delegate is told "saved"

Rewriting the whole TinyDB file for every comment would cost more with every comment (a
20,000-comment workshop is megabytes); appending one line costs the same at any size. When
the journal grows past COMPACT_BYTES or COMPACT_CHANGES, its changes are folded into a new
w.json (written to a temporary file, fsynced, renamed over the old one) and the journal
is emptied the same way. Opening a workshop reads w.json and replays the journal.

Crash safety:
- a change is acknowledged only after its journal line is fsynced;
- a crash during compaction leaves either the old w.json (journal still full) or the new
  one (journal replayed again on top: changes put whole rows, so replaying twice is the
  same as once);
- a crash during an append can leave a torn last line. It was never acknowledged, so it is
  ignored, kept aside as w.journal.torn-<time> for inspection, and cut off before the next
  append. A damaged line *followed by good ones* is not a torn write: the store refuses to
  guess (CorruptStore) and keeps a copy aside;
- a failed append (disk full) is cut back to the last good line before the error is
  reported, so what was saved before stays readable.

Damage is never read as less data. w.json is written whole (temporary file, fsync,
rename) and is never empty: from creation it holds at least "{}", and from the first
compaction on, the workshop record. So a workshop is *damaged* (CorruptStore) when w.json
is missing beside its journal, empty, unreadable or holds no workshop record, when it holds
nothing ("{}") but the journal does not start with the workshop's creation, or when the
journal is damaged before good lines. Its files are then left exactly as they are (nothing
is written, so nothing is compacted over them), one copy of each is kept beside them as
<file>.corrupt-<time> (the same bytes are never copied twice), and the store says what
happened and what to do. Other workshops are not affected.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import tempfile
import time
import zlib
from contextlib import contextmanager, nullcontext
from pathlib import Path

from tinydb.storages import Storage

from store.base import WORKSHOP_TABLE, Store, _Workshop
from workshop.errors import CorruptStore, NotFound, StoreError

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_LOG = logging.getLogger(__name__)

# Fold the journal into the TinyDB file when it reaches either size. Compacting a
# 20,000-comment workshop takes a few hundred milliseconds, so it happens rarely.
COMPACT_BYTES = 4 * 1024 * 1024
COMPACT_CHANGES = 5000
_write = os.write  # one place to make appends fail in tests


def _fsync_dir(folder: Path) -> None:
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _replace_atomically(path: Path, write) -> None:
    """Write a new version of `path` beside it, fsync it, rename it over the old one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _keep_aside(path: Path, what: str, data: bytes | None = None) -> Path | None:
    """A copy of a damaged file beside it, <name>.<what>-<time>, or the copy already kept
    of the same bytes: however often a damaged file is read, it is copied once."""
    if data is None:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
    for kept in sorted(path.parent.glob(f"{path.name}.{what}-*")):
        try:
            if kept.stat().st_size == len(data) and kept.read_bytes() == data:
                return kept
        except OSError:
            continue
    stamp, n = int(time.time()), 1
    aside = path.with_name(f"{path.name}.{what}-{stamp}")
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.{what}-{stamp}-{n}")
    with open(aside, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return aside


class _Damage(Exception):
    """What is wrong with a workshop's files, in a few plain words."""


def _parse_store_file(raw: bytes, name: str) -> dict:
    if not raw.strip():
        raise _Damage(f"its store file {name} is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise _Damage(f"its store file {name} cannot be read ({exc})") from exc
    if not isinstance(data, dict):
        raise _Damage(f"its store file {name} does not hold tables of rows")
    return data


class AtomicJSONStorage(Storage):
    """TinyDB storage whose every write is all-or-nothing and durable.

    TinyDB's own JSONStorage overwrites the file in place, so a crash mid-write leaves a
    torn file. Here each write goes to a temporary file in the same folder, is fsynced,
    then renamed over the old one. The parsed data is kept in memory so reads are free.
    (The store writes through it only when creating and compacting a workshop; other
    tools may open the file with TinyDB and this storage.)
    """

    def __init__(self, path: Path, create: bool = False):
        self.path = Path(path)
        self._cache: dict | None = None
        if create and not self.path.exists():
            self.write({})

    def read(self) -> dict:
        if self._cache is None:
            raw = self.path.read_bytes()
            try:
                data = _parse_store_file(raw, self.path.name)
            except _Damage as exc:
                aside = _keep_aside(self.path, "corrupt", raw)
                kept = f"A copy was kept as {aside.name} and" if aside else "Nothing was kept:"
                raise CorruptStore(f"The store file {self.path.name} cannot be used: {exc}. "
                                   f"{kept} the file was not changed. Restore it from a "
                                   "backup.") from None
            self._cache = data
        return self._cache

    def write(self, data: dict) -> None:
        try:
            _replace_atomically(self.path, lambda fh: json.dump(
                data, fh, ensure_ascii=False, separators=(",", ":")))
        except BaseException:
            self._cache = None  # the file still holds the last good state
            raise
        self._cache = data


def encode_change(change: dict) -> bytes:
    """One journal line: CRC-32 of the JSON, a space, the JSON, a newline."""
    body = json.dumps(change, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"%08x %s\n" % (zlib.crc32(body), body)


def decode_change(line: bytes) -> dict | None:
    """The change on a journal line, or None if the line is damaged or incomplete."""
    if not line.endswith(b"\n") or len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:-1]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        change = json.loads(body)
    except ValueError:
        return None
    return change if isinstance(change, dict) and "put" in change else None


def _more_after_first_line(rest: bytes) -> bool:
    """A damaged line followed by more: damage, not a write cut off at the end."""
    parts = rest.split(b"\n", 1)
    return len(parts) == 2 and bool(parts[1].strip())


class _Files:
    """What a FileStore knows about one open workshop's files."""

    def __init__(self, good_size: int, changes: int):
        self.good_size = good_size      # journal bytes up to the last complete line
        self.changes = changes          # lines in the journal


class FileStore(Store):
    """One TinyDB file and one journal per workshop in `folder` (see the module doc)."""

    def __init__(self, folder: Path | str):
        super().__init__()
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._held: dict[str, tuple[object, int]] = {}  # workshop id → (lock file, depth)

    def _path(self, workshop_id: str) -> Path:
        if not _SAFE_ID.match(workshop_id):
            raise ValueError(f"Not a workshop id: {workshop_id!r}")
        return self.folder / f"{workshop_id}.json"

    def _journal(self, workshop_id: str) -> Path:
        return self._path(workshop_id).with_suffix(".journal")

    def _stored_ids(self) -> list[str]:
        # A journal without its store file is a damaged workshop, listed as such.
        return sorted({p.stem for pattern in ("*.json", "*.journal")
                       for p in self.folder.glob(pattern) if _SAFE_ID.match(p.stem)})

    def _signature(self, workshop_id: str):
        # Compaction renames new files into place and appends grow the journal, so inode
        # and size of the two files change with every write.
        sig = []
        for path in (self._path(workshop_id), self._journal(workshop_id)):
            try:
                st = os.stat(path)
                sig.append((st.st_ino, st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                sig.append(None)
        return tuple(sig)

    def _exclusive(self, workshop_id: str):
        """An flock on .<id>.lock; re-entrant within this process (callers hold _lock)."""
        held = self._held.get(workshop_id)
        if held is not None:
            return self._nested(workshop_id)
        return self._flock(workshop_id)

    @contextmanager
    def _nested(self, workshop_id: str):
        fh, depth = self._held[workshop_id]
        self._held[workshop_id] = (fh, depth + 1)
        try:
            yield
        finally:
            self._held[workshop_id] = (fh, depth)

    @contextmanager
    def _flock(self, workshop_id: str):
        self._path(workshop_id)  # checks the id
        with self._lock, open(self.folder / f".{workshop_id}.lock", "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            self._held[workshop_id] = (fh, 1)
            try:
                yield
            finally:
                del self._held[workshop_id]
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- creating and loading ----------------------------------------------------------
    def _create(self, workshop_id: str) -> None:
        AtomicJSONStorage(self._path(workshop_id), create=True)
        _replace_atomically(self._journal(workshop_id), lambda fh: None)

    def _new(self, workshop_id: str) -> _Workshop:
        ws = _Workshop({})  # what _create has just written: "{}" and an empty journal
        ws.state = _Files(0, 0)
        return ws

    def _load(self, workshop_id: str) -> _Workshop:
        path, journal = self._path(workshop_id), self._journal(workshop_id)
        try:
            stored, raw = _read_or_none(path), _read_or_none(journal)
        except OSError as exc:  # not damage: permissions or the disk; tried again each time
            raise StoreError(f"The workshop {workshop_id} cannot be opened: its files cannot "
                             f"be read ({exc.strerror or exc}). Nothing was changed. Check "
                             "the data folder and the disk, then reload the page.") from exc
        if stored is None and raw is None:  # deleted by another process meanwhile
            raise NotFound(f"There is no workshop {workshop_id!r}.")
        try:
            ws = self._read(workshop_id, stored, raw or b"")
        except _Damage as exc:
            kept, failed = [], ""
            for damaged, data in ((path, stored), (journal, raw)):
                try:
                    if data:
                        kept.append(_keep_aside(damaged, "corrupt", data).name)
                except OSError as error:
                    failed = f", and no copy could be kept ({error.strerror or error})"
            message = (f"The workshop {workshop_id} cannot be opened: {exc}. Nothing was "
                       "changed" + (f", and a copy was kept in the data folder as "
                                    f"{' and '.join(kept)}" if kept else "") + failed
                       + f". Restore {path.name} and {journal.name} from a backup, then "
                       "reload the page; or delete the workshop if you no longer need it.")
            _LOG.error("%s", message)
            raise CorruptStore(message) from None
        return ws

    def _read(self, workshop_id: str, stored: bytes | None, raw: bytes) -> _Workshop:
        """The workshop in these file contents, or _Damage saying what is wrong."""
        path, journal = self._path(workshop_id), self._journal(workshop_id)
        if stored is None:
            raise _Damage(f"its store file {path.name} is missing (its journal "
                          f"{journal.name} is still there)")
        data = _parse_store_file(stored, path.name)
        try:
            ws = _Workshop(data)
            ws.state = _Files(0, 0)
            good, complete = self._replay(ws, raw, 0)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise _Damage(f"its files do not hold a workshop's tables ({exc!r})") from exc
        if not complete:
            if _more_after_first_line(raw[good:]):
                raise _Damage(f"its journal {journal.name} is damaged at byte {good}, "
                              "before changes that were saved after it")
            _LOG.warning(
                "%s ends in an incomplete change (%d bytes): a write cut off by a crash "
                "before it was confirmed to anyone. It is ignored and will be kept aside "
                "as %s.torn-<time> before the next save.", journal.name, len(raw) - good,
                journal.name)
        if "workshop" not in ws.table(WORKSHOP_TABLE):
            raise _Damage("its files hold no workshop record: it was cut off while being "
                          "created, or its files were emptied")
        if not data.get(WORKSHOP_TABLE):
            # Only a workshop never compacted has a store file without its record, and then
            # the journal holds everything from its creation, which comes first.
            first = decode_change(raw[:raw.find(b"\n") + 1])
            if data or first is None or first["put"] != WORKSHOP_TABLE:
                raise _Damage(f"its store file {path.name} has lost the workshop's earlier "
                              f"changes: it holds no workshop record, and its journal "
                              "starts part-way through")
        return ws

    @staticmethod
    def _replay(ws: _Workshop, raw: bytes, offset: int) -> tuple[int, bool]:
        """Apply the complete journal lines in `raw` (read from byte `offset`); returns
        the offset after the last one applied, and whether everything was applied."""
        files: _Files = ws.state
        pos = 0
        while pos < len(raw):
            end = raw.find(b"\n", pos)
            line = raw[pos:] if end < 0 else raw[pos:end + 1]
            change = decode_change(line)
            if change is None:
                return pos, False
            ws.apply(change)
            files.changes += 1
            pos += len(line)
            files.good_size = offset + pos
        return pos, True

    def _catch_up(self, workshop_id: str, ws: _Workshop, signature) -> bool:
        """Another server process appended to the journal: apply just the new lines (a
        compaction by the other process means reading everything again)."""
        files: _Files = ws.state
        old = ws.signature
        if (old is None or files is None or signature[0] != old[0] or signature[1] is None
                or old[1] is None or signature[1][0] != old[1][0]
                or signature[1][2] < files.good_size):
            return False
        try:
            with open(self._journal(workshop_id), "rb") as fh:
                if os.fstat(fh.fileno()).st_ino != signature[1][0]:
                    return False  # compacted since the signature was taken: read it all
                fh.seek(files.good_size)
                raw = fh.read()
        except FileNotFoundError:
            return False
        done, complete = self._replay(ws, raw, files.good_size)
        if not complete and _more_after_first_line(raw[done:]):
            return False  # damage before good lines: a full read reports it
        # A line still being written by the other process is read again next time.
        ws.signature = signature if complete else (
            signature[0], signature[1][:2] + (files.good_size,))
        return True

    # -- writing -----------------------------------------------------------------------
    def _persist(self, workshop_id: str, ws: _Workshop, change: dict) -> None:
        line = encode_change(change)
        files: _Files = ws.state
        journal = self._journal(workshop_id)
        if not journal.exists():  # a store file from before journals: start one durably
            _replace_atomically(journal, lambda fh: None)
        fd = os.open(journal, os.O_WRONLY)
        try:
            size = os.fstat(fd).st_size
            if size > files.good_size:  # a torn line from a crash: keep it aside, cut it
                aside = journal.with_name(f"{journal.name}.torn-{int(time.time())}")
                with open(journal, "rb") as fh:
                    fh.seek(files.good_size)
                    aside.write_bytes(fh.read())
                os.ftruncate(fd, files.good_size)
            try:
                os.lseek(fd, files.good_size, os.SEEK_SET)
                written = 0
                while written < len(line):
                    written += _write(fd, line[written:])
                os.fsync(fd)
            except BaseException:
                # Disk full or another failure: cut back to the last good line, so the
                # journal stays exactly what was acknowledged.
                try:
                    os.ftruncate(fd, files.good_size)
                    os.fsync(fd)
                except OSError:
                    pass  # the torn tail is then ignored (and cut) on the next open
                raise
        finally:
            os.close(fd)
        files.good_size += len(line)
        files.changes += 1

    def _after_write(self, workshop_id: str, ws: _Workshop) -> None:
        files: _Files = ws.state
        if files.good_size >= COMPACT_BYTES or files.changes >= COMPACT_CHANGES:
            try:
                self.compact(workshop_id)
            except OSError as exc:
                # The change itself is safe in the journal; compaction tries again later.
                _LOG.warning("Could not compact %s (%s); its journal keeps everything.",
                             workshop_id, exc)

    def compact(self, workshop_id: str) -> None:
        """Fold the journal into the TinyDB file (see the module doc)."""
        with self._lock, self._exclusive(workshop_id):
            ws = self._get(workshop_id)
            AtomicJSONStorage(self._path(workshop_id)).write(ws.data())
            # The new file holds every change; a crash here only means replaying them again.
            _replace_atomically(self._journal(workshop_id), lambda fh: None)
            ws.state = _Files(0, 0)
            ws.signature = self._signature(workshop_id)

    def _collection(self, name: str) -> Store:
        # A folder inside the data folder: its files never match the workshops' "*.json".
        return FileStore(self.folder / name)

    # -- deleting ----------------------------------------------------------------------
    def _delete(self, workshop_id: str) -> None:
        """The store file first (the workshop is gone from then on; a journal left by a
        crash here shows as damaged and can be deleted again), then the journal, every
        copy kept aside, temporary files and the lock file. Other workshops' names never
        match: an id has no dots."""
        name = self._path(workshop_id).stem
        doomed = [self._path(workshop_id), self._journal(workshop_id)]
        for pattern in (f"{name}.json.*", f"{name}.journal.*", f".{name}.json.*",
                        f".{name}.journal.*"):
            doomed += sorted(self.folder.glob(pattern))
        doomed.append(self.folder / f".{name}.lock")
        for path in doomed:
            path.unlink(missing_ok=True)
        _fsync_dir(self.folder)


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


class MemoryStore(Store):
    """Everything in memory: for tests and previews."""

    def __init__(self):
        super().__init__()
        self._ids: set[str] = set()

    def _create(self, workshop_id: str) -> None:
        self._ids.add(workshop_id)

    def _load(self, workshop_id: str) -> _Workshop:
        return _Workshop({})

    def _persist(self, workshop_id: str, ws: _Workshop, change: dict) -> None:
        pass

    def _stored_ids(self) -> list[str]:
        return list(self._ids)

    def _delete(self, workshop_id: str) -> None:
        self._ids.discard(workshop_id)

    def _exclusive(self, workshop_id: str):
        return nullcontext()

    def _collection(self, name: str) -> Store:
        return MemoryStore()
