"""Where workshops live: one TinyDB JSON file each, or memory."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import MemoryStorage, Storage

from store.base import Store
from workshop.errors import CorruptStore

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class AtomicJSONStorage(Storage):
    """TinyDB storage whose every write is all-or-nothing and durable.

    TinyDB's own JSONStorage overwrites the file in place, so a crash mid-write leaves a
    torn file. Here each write goes to a temporary file in the same folder, is fsynced,
    then renamed over the old one. The parsed data is kept in memory so reads are free.
    """

    def __init__(self, path: Path, create: bool):
        self.path = Path(path)
        self._cache: dict | None = None
        if create and not self.path.exists():
            self.write({})

    def read(self) -> dict:
        if self._cache is None:
            try:
                text = self.path.read_text(encoding="utf-8")
                data = json.loads(text) if text.strip() else {}
                if not isinstance(data, dict):
                    raise ValueError("top level is not an object")
            except (ValueError, UnicodeDecodeError) as exc:
                aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
                shutil.copy2(self.path, aside)
                raise CorruptStore(
                    f"The store file {self.path.name} cannot be read ({exc}). A copy was kept "
                    f"as {aside.name} and the file was not changed. Restore it from a backup "
                    "or repair it, then restart.") from exc
            self._cache = data
        return self._cache

    def write(self, data: dict) -> None:
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
            dir_fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except BaseException:
            # TinyDB changed the cached dict before asking us to write: forget it, so the
            # next read comes from the file, which still holds the last good state.
            self._cache = None
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        self._cache = data


class FileStore(Store):
    """One `<workshop id>.json` TinyDB file per workshop in `folder`."""

    def __init__(self, folder: Path | str):
        super().__init__()
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def _path(self, workshop_id: str) -> Path:
        if not _SAFE_ID.match(workshop_id):
            raise ValueError(f"Not a workshop id: {workshop_id!r}")
        return self.folder / f"{workshop_id}.json"

    def _open_db(self, workshop_id: str, create: bool) -> TinyDB:
        return TinyDB(self._path(workshop_id), storage=AtomicJSONStorage, create=create)

    def _stored_ids(self) -> list[str]:
        return [p.stem for p in self.folder.glob("*.json") if _SAFE_ID.match(p.stem)]

    def _signature(self, workshop_id: str):
        # Every write renames a new file into place, so the inode changes with each write.
        try:
            st = os.stat(self._path(workshop_id))
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    @contextmanager
    def _exclusive(self, workshop_id: str):
        with open(self.folder / f".{workshop_id}.lock", "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


class MemoryStore(Store):
    """Everything in memory: for tests and previews."""

    def __init__(self):
        super().__init__()
        self._dbs: dict[str, TinyDB] = {}

    def _open_db(self, workshop_id: str, create: bool) -> TinyDB:
        if create:
            self._dbs[workshop_id] = TinyDB(storage=MemoryStorage)
        return self._dbs[workshop_id]

    def _stored_ids(self) -> list[str]:
        return list(self._dbs)
