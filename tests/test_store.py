import json
import os
import threading

import pytest

from tinydb import TinyDB

from store import FileStore, files
from workshop.errors import CorruptStore, NotFound, StoreError


def test_rows_round_trip_and_survive_reopen(store, tmp_path):
    store.create_workshop("w1", {"title": "T"})
    store.insert("w1", "comments", {"id": "c1", "text": "hello"})
    store.update("w1", "comments", "c1", {"hidden": True})
    assert store.rows("w1", "comments") == [{"id": "c1", "text": "hello", "hidden": True}]
    if isinstance(store, FileStore):
        again = FileStore(store.folder)
        assert again.rows("w1", "comments") == [{"id": "c1", "text": "hello", "hidden": True}]
        assert again.workshop("w1")["title"] == "T"


def test_repeated_insert_with_same_id_keeps_one(store):
    store.create_workshop("w1", {})
    first, created = store.insert("w1", "comments", {"id": "c1", "text": "a"})
    second, again = store.insert("w1", "comments", {"id": "c1", "text": "a"})
    assert (created, again) == (True, False)
    assert len(store.rows("w1", "comments")) == 1


def test_workshops_are_stored_apart(store):
    store.create_workshop("a", {})
    store.create_workshop("b", {})
    store.insert("a", "comments", {"id": "x"})
    assert store.rows("b", "comments") == []
    assert store.workshop_ids() == ["a", "b"]


def test_unknown_workshop_and_row_are_clear(store):
    with pytest.raises(NotFound, match="no workshop"):
        store.rows("nope", "comments")
    store.create_workshop("w", {})
    with pytest.raises(NotFound):
        store.update("w", "comments", "missing", {})


def test_returned_rows_are_copies(store):
    store.create_workshop("w", {})
    store.insert("w", "comments", {"id": "c", "themes": [{"theme_id": "cost"}]})
    store.rows("w", "comments")[0]["themes"].append("junk")
    assert store.rows("w", "comments")[0]["themes"] == [{"theme_id": "cost"}]


def test_concurrent_inserts_lose_nothing(store):
    store.create_workshop("w", {})

    def add(prefix):
        for i in range(40):
            store.insert("w", "comments", {"id": f"{prefix}{i}"})

    threads = [threading.Thread(target=add, args=(p,)) for p in "abcd"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.rows("w", "comments")) == 160
    if isinstance(store, FileStore):
        assert len(FileStore(store.folder).rows("w", "comments")) == 160


def test_corrupt_file_is_kept_aside_and_not_overwritten(tmp_path):
    folder = tmp_path / "data"
    FileStore(folder).create_workshop("w", {"title": "T"})
    (folder / "w.json").write_text('{"workshop": {"1": {"title": "T"')  # torn
    store = FileStore(folder)
    with pytest.raises(CorruptStore, match="kept"):
        store.rows("w", "comments")
    assert (folder / "w.json").read_text() == '{"workshop": {"1": {"title": "T"'
    assert list(folder.glob("w.json.corrupt-*"))


def test_failed_write_keeps_the_last_good_state(tmp_path, monkeypatch):
    store = FileStore(tmp_path / "data")
    store.create_workshop("w", {})
    store.insert("w", "comments", {"id": "kept"})

    def disk_full(fd, data):  # half the line reaches the disk, then the disk is full
        if len(data) > 4:
            return os.write(fd, data[:len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "_write", disk_full)
    with pytest.raises(StoreError, match="No space left"):
        store.insert("w", "comments", {"id": "lost"})
    monkeypatch.undo()
    assert [r["id"] for r in store.rows("w", "comments")] == ["kept"]
    assert [r["id"] for r in FileStore(tmp_path / "data").rows("w", "comments")] == ["kept"]
    store.insert("w", "comments", {"id": "later"})
    assert [r["id"] for r in FileStore(tmp_path / "data").rows("w", "comments")] == [
        "kept", "later"]


def test_failed_compaction_keeps_the_journal(tmp_path, monkeypatch):
    store = FileStore(tmp_path / "data")
    store.create_workshop("w", {})
    monkeypatch.setattr(files, "COMPACT_CHANGES", 3)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(json, "dump", disk_full)
    for i in range(5):
        store.insert("w", "comments", {"id": str(i)})  # acknowledged: in the journal
    monkeypatch.undo()
    assert len(FileStore(tmp_path / "data").rows("w", "comments")) == 5


def test_journal_is_compacted_into_the_tinydb_file(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "COMPACT_CHANGES", 10)
    folder = tmp_path / "data"
    store = FileStore(folder)
    store.create_workshop("w", {"title": "T"})
    for i in range(25):
        store.insert("w", "comments", {"id": f"c{i}", "n": i})
    store.update("w", "comments", "c3", {"hidden": True})
    tables = TinyDB(folder / "w.json", storage=files.AtomicJSONStorage).tables()
    assert {"workshop", "comments"} <= tables  # a plain TinyDB file
    assert len((folder / "w.journal").read_bytes().splitlines()) < 10
    again = FileStore(folder).rows("w", "comments")
    assert [r["id"] for r in again] == [f"c{i}" for i in range(25)]
    assert again[3]["hidden"] is True


def test_crash_between_compaction_steps_replays_safely(tmp_path):
    """New TinyDB file written, journal not yet emptied: replaying it changes nothing."""
    folder = tmp_path / "data"
    store = FileStore(folder)
    store.create_workshop("w", {})
    store.insert("w", "comments", {"id": "a", "text": "one"})
    store.update("w", "comments", "a", {"text": "two"})
    journal = (folder / "w.journal").read_bytes()
    store.compact("w")
    (folder / "w.journal").write_bytes(journal)
    assert FileStore(folder).rows("w", "comments") == [{"id": "a", "text": "two"}]


def test_torn_last_journal_line_is_ignored_and_kept_aside(tmp_path, caplog):
    folder = tmp_path / "data"
    store = FileStore(folder)
    store.create_workshop("w", {})
    store.insert("w", "comments", {"id": "saved"})
    with open(folder / "w.journal", "ab") as fh:
        fh.write(files.encode_change({"put": "comments", "rows": [[9, {"id": "torn"}]]})[:-7])
    again = FileStore(folder)
    assert [r["id"] for r in again.rows("w", "comments")] == ["saved"]
    assert "incomplete change" in caplog.text
    again.insert("w", "comments", {"id": "next"})
    assert [r["id"] for r in FileStore(folder).rows("w", "comments")] == ["saved", "next"]
    assert list(folder.glob("w.journal.torn-*"))


def test_damaged_journal_line_before_good_ones_is_refused(tmp_path):
    folder = tmp_path / "data"
    store = FileStore(folder)
    store.create_workshop("w", {})
    store.insert("w", "comments", {"id": "a"})
    store.insert("w", "comments", {"id": "b"})
    lines = (folder / "w.journal").read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b'"a"', b'"x"')  # checksum no longer matches
    (folder / "w.journal").write_bytes(b"".join(lines))
    with pytest.raises(CorruptStore, match="damaged"):
        FileStore(folder).rows("w", "comments")
    assert list(folder.glob("w.journal.corrupt-*"))


def test_no_temporary_files_left_behind(tmp_path):
    store = FileStore(tmp_path / "data")
    store.create_workshop("w", {})
    for i in range(5):
        store.insert("w", "comments", {"id": str(i)})
    assert sorted(p.name for p in (tmp_path / "data").glob("*json*")) == ["w.json"]


def test_two_processes_sharing_a_folder_see_each_others_writes(tmp_path):
    """The app and the command line may both write one workshop: neither loses rows."""
    app, cli = FileStore(tmp_path / "data"), FileStore(tmp_path / "data")
    app.create_workshop("w", {})
    app.insert("w", "comments", {"id": "from-app"})
    cli.insert("w", "comments", {"id": "from-cli"})
    app.insert("w", "comments", {"id": "from-app-2"})
    expected = ["from-app", "from-cli", "from-app-2"]
    assert [r["id"] for r in app.rows("w", "comments")] == expected
    assert [r["id"] for r in FileStore(tmp_path / "data").rows("w", "comments")] == expected


def test_another_process_appends_are_read_incrementally(tmp_path, monkeypatch):
    """Server processes sharing a folder read only the new journal lines of each other's
    saves, never a line still being written, and everything again after a compaction."""
    one, two = FileStore(tmp_path / "data"), FileStore(tmp_path / "data")
    one.create_workshop("w", {})
    one.insert("w", "comments", {"id": "a"})
    assert [r["id"] for r in two.rows("w", "comments")] == ["a"]
    opened, version = two._open["w"], two.version("w")
    one.insert("w", "comments", {"id": "b"})
    assert [r["id"] for r in two.rows("w", "comments")] == ["a", "b"]
    assert two._open["w"] is opened, "read again whole instead of the new line only"
    assert two.version("w") != version

    # A line half written by the other process (no newline yet) is not a change yet.
    line = files.encode_change({"put": "comments", "rows": [[9, {"id": "c"}]]})
    journal = tmp_path / "data" / "w.journal"
    with open(journal, "ab") as fh:
        fh.write(line[:10])
    assert [r["id"] for r in two.rows("w", "comments")] == ["a", "b"]
    with open(journal, "ab") as fh:
        fh.write(line[10:])
    assert [r["id"] for r in two.rows("w", "comments")] == ["a", "b", "c"]
    assert two._open["w"] is opened

    one.compact("w")
    one.insert("w", "comments", {"id": "d"})
    assert [r["id"] for r in two.rows("w", "comments")] == ["a", "b", "c", "d"]
    two.insert("w", "comments", {"id": "e"})
    assert [r["id"] for r in one.rows("w", "comments")] == ["a", "b", "c", "d", "e"]


def test_a_compaction_between_looking_and_reading_means_reading_it_all(tmp_path):
    """The other process compacts after this one looked at the files but before it opened
    the journal: the new journal is not read from the old journal's position."""
    one, two = FileStore(tmp_path / "data"), FileStore(tmp_path / "data")
    one.create_workshop("w", {})
    one.insert("w", "comments", {"id": "a"})
    two.rows("w", "comments")
    one.insert("w", "comments", {"id": "b"})
    looked = two._signature("w")  # sees the journal grown: an append to catch up with
    one.compact("w")
    one.insert("w", "comments", {"id": "c"})
    assert two._catch_up("w", two._open["w"], looked) is False
    assert [r["id"] for r in two.rows("w", "comments")] == ["a", "b", "c"]


def test_rows_where_stays_right_as_rows_change(store):
    """Rows picked by a field (a phone's own comments) come from an index kept up to date
    on every insert and update, oldest first, also for changes another process made."""
    store.create_workshop("w", {})
    for i, who in enumerate(["a", "b", "a", "c", "a"]):
        store.insert("w", "comments", {"id": f"c{i}", "delegate_id": who, "n": i})
    assert [r["id"] for r in store.rows("w", "comments", {"delegate_id": "a"})] == \
        ["c0", "c2", "c4"]
    store.update("w", "comments", "c2", {"delegate_id": "b"})
    store.update("w", "comments", "c4", {"n": 40})
    store.insert("w", "comments", {"id": "c5", "delegate_id": "a"})
    assert [r["id"] for r in store.rows("w", "comments", {"delegate_id": "a"})] == \
        ["c0", "c4", "c5"]
    assert [r["id"] for r in store.rows("w", "comments", {"delegate_id": "b"})] == \
        ["c1", "c2"]
    assert [r["id"] for r in store.rows("w", "comments", {"delegate_id": "a", "n": 40})] \
        == ["c4"]
    assert store.rows("w", "comments", {"delegate_id": "nobody"}) == []
    if isinstance(store, FileStore):
        other = FileStore(store.folder)
        assert len(other.rows("w", "comments", {"delegate_id": "a"})) == 3
        store.insert("w", "comments", {"id": "c6", "delegate_id": "a"})
        assert [r["id"] for r in other.rows("w", "comments", {"delegate_id": "a"})] == \
            ["c0", "c4", "c5", "c6"]
