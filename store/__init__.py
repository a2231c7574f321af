"""Persistence behind one small interface: `Store`.

`FileStore` keeps one TinyDB file per workshop under a folder; `MemoryStore` keeps
everything in memory (tests, previews). Both are safe to share between threads.
"""

from store.base import Store
from store.files import FileStore, MemoryStore

__all__ = ["Store", "FileStore", "MemoryStore"]
