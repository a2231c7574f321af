"""Persistence behind one small interface: `Store`.

`FileStore` keeps one TinyDB file per workshop under a folder; `MemoryStore` keeps
everything in memory (tests, previews); `PgStore` (store/postgres.py) keeps every workshop
in a PostgreSQL database. All are safe to share between threads.
"""

from pathlib import Path

from store.base import Store
from store.files import FileStore, MemoryStore

__all__ = ["Store", "FileStore", "MemoryStore", "open_store", "configured_store"]


def open_store(location: str, folder: Path | str) -> Store:
    """The store at `location`: empty for files in `folder`, or a PostgreSQL address
    (postgresql://user:password@host:5432/dbname)."""
    from store.postgres import PgStore, is_database_url
    location = (location or "").strip()
    if not location:
        return FileStore(folder)
    if is_database_url(location):
        return PgStore(location)
    from workshop.errors import StoreError
    raise StoreError("WORKSHOP_STORE must be empty (workshops kept as files in "
                     "WORKSHOP_DATA_DIR) or a PostgreSQL address like "
                     "postgresql://user:password@host:5432/dbname.")


def configured_store() -> Store:
    """The store the settings choose (WORKSHOP_STORE, WORKSHOP_DATA_DIR)."""
    from workshop import settings
    return open_store(settings.get("WORKSHOP_STORE"), settings.data_dir())
