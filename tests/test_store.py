import json
import os
import threading

import pytest

from tinydb import TinyDB

from store import FileStore, files
from tests.conftest import another
from workshop.errors import CorruptStore, NotFound, StoreError


@pytest.fixture
def store(every_store):
    """The store tests run against the memory, file and PostgreSQL stores."""
    return every_store


def test_rows_round_trip_and_survive_reopen(store, tmp_path):
    store.create_workshop("w1", {"title": "T"})
    store.insert("w1", "comments", {"id": "c1", "text": "hello"})
    store.update("w1", "comments", "c1", {"hidden": True})
    assert store.rows("w1", "comments") == [{"id": "c1", "text": "hello", "hidden": True}]
    again = another(store)
    if again is not None:
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
    if another(store) is not None:
        assert len(another(store).rows("w", "comments")) == 160


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


def test_two_processes_sharing_a_store_see_each_others_writes(shared):
    """The app and the command line may both write one workshop: neither loses rows."""
    app, cli = shared.open(), shared.open()
    app.create_workshop("w", {})
    app.insert("w", "comments", {"id": "from-app"})
    cli.insert("w", "comments", {"id": "from-cli"})
    app.insert("w", "comments", {"id": "from-app-2"})
    expected = ["from-app", "from-cli", "from-app-2"]
    assert [r["id"] for r in app.rows("w", "comments")] == expected
    assert [r["id"] for r in shared.open().rows("w", "comments")] == expected
    cli.update("w", "comments", "from-app", {"hidden": True})
    assert app.row("w", "comments", "from-app")["hidden"] is True


def test_two_processes_writing_one_workshop_at_once_lose_nothing(shared):
    """Two server processes saving comments into one workshop at the same moment: every
    comment is kept once, and both see all of them."""
    one, two = shared.open(), shared.open()
    one.create_workshop("w", {})

    def add(store, prefix):
        for i in range(30):
            store.insert("w", "comments", {"id": f"{prefix}{i}"})
            store.update_workshop("w", lambda w: {"count": w.get("count", 0) + 1})

    threads = [threading.Thread(target=add, args=(s, p)) for s, p in ((one, "a"), (two, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for store in (one, two, shared.open()):
        ids = [r["id"] for r in store.rows("w", "comments")]
        assert sorted(ids) == sorted([f"a{i}" for i in range(30)] + [f"b{i}" for i in range(30)])
        assert store.workshop("w")["count"] == 60  # no update lost between processes


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
    other = another(store)
    if other is not None:
        assert len(other.rows("w", "comments", {"delegate_id": "a"})) == 3
        store.insert("w", "comments", {"id": "c6", "delegate_id": "a"})
        assert [r["id"] for r in other.rows("w", "comments", {"delegate_id": "a"})] == \
            ["c0", "c4", "c5", "c6"]


# -- damage: never read as less data -------------------------------------------------------
def _two_workshops(folder, compact=True):
    """Workshop "w" (compacted, then more saved in its journal) beside workshop "w2"."""
    store = FileStore(folder)
    for wid in ("w", "w2"):
        store.create_workshop(wid, {"title": wid})
        for i in range(30):
            store.insert(wid, "comments", {"id": f"c{i}", "delegate_id": "d1"})
        if compact:
            store.compact(wid)
        store.insert(wid, "delegates", {"id": "d1", "role": "provider"})
        store.update_workshop(wid, {"status": "open"})
    return store


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if not p.name.startswith(".")}


DAMAGE = {
    "emptied": (lambda f: (f / "w.json").write_bytes(b""), "its store file w.json is empty"),
    "blanks only": (lambda f: (f / "w.json").write_bytes(b"\n  \n"),
                    "its store file w.json is empty"),
    "missing": (lambda f: (f / "w.json").unlink(),
                "its store file w.json is missing (its journal w.journal is still there)"),
    "unparsable": (lambda f: (f / "w.json").write_bytes(b'{"workshop": {"1": {"ti'),
                   "its store file w.json cannot be read"),
    "not tables": (lambda f: (f / "w.json").write_bytes(b"[1, 2]"),
                   "its store file w.json does not hold tables of rows"),
    "rows without ids": (lambda f: (f / "w.json").write_bytes(b'{"comments": {"1": {}}}'),
                         "its files do not hold a workshop's tables"),
    "reset to nothing": (lambda f: (f / "w.json").write_bytes(b"{}"),
                         "its store file w.json has lost the workshop's earlier changes"),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_store_file_beside_its_journal_is_refused_not_read_as_less(tmp_path, damage):
    """Found in review: w.json emptied beside its journal read as a workshop without its 30
    comments, and the next compaction made the loss permanent."""
    folder = tmp_path / "data"
    _two_workshops(folder)
    harm, problem = DAMAGE[damage]
    harm(folder)
    before = _files(folder)
    store = FileStore(folder)
    assert store.workshop_ids() == ["w", "w2"]  # still listed, a journal alone too
    with pytest.raises(CorruptStore) as err:
        store.rows("w", "comments")
    message = str(err.value)
    assert message.startswith(f"The workshop w cannot be opened: {problem}")
    assert "Nothing was changed" in message and "Restore w.json and w.journal from a backup" \
        in message and "or delete the workshop" in message
    # Nothing can be written over it, so nothing is compacted over it either.
    with pytest.raises(CorruptStore):
        store.insert("w", "comments", {"id": "new"})
    with pytest.raises(CorruptStore):
        store.compact("w")
    after = _files(folder)
    kept = {name for name in after if ".corrupt-" in name}
    assert {name: data for name, data in after.items() if name not in kept} == before
    # One copy of each damaged file that had anything in it, named in the message.
    assert kept == {name for name in kept if name in message}
    assert sorted(name.split(".corrupt-")[0] for name in kept) == sorted(
        name for name in ("w.json", "w.journal") if before.get(name))
    for name in kept:
        assert after[name] == before[name.split(".corrupt-")[0]]
    # The other workshop works as before.
    assert len(store.rows("w2", "comments")) == 30
    store.insert("w2", "comments", {"id": "later"})
    assert len(FileStore(folder).rows("w2", "comments")) == 31


def test_a_workshop_left_without_its_record_is_damaged(tmp_path):
    """A store file of "{}" and an empty journal: cut off while being created (never
    confirmed), or a journal emptied before any compaction. Either way, not a workshop."""
    folder = tmp_path / "data"
    _two_workshops(folder, compact=False)
    (folder / "w.journal").write_bytes(b"")
    with pytest.raises(CorruptStore, match="its files hold no workshop record: it was cut off "
                                           "while being created, or its files were emptied"):
        FileStore(folder).workshop("w")
    (folder / "w3.json").write_bytes(b"{}")  # a crash between creating the two files
    with pytest.raises(CorruptStore, match="hold no workshop record"):
        FileStore(folder).workshop("w3")


def test_an_open_workshop_emptied_behind_the_store_is_not_compacted_over(tmp_path,
                                                                         monkeypatch):
    """The app has the workshop in memory when its file is damaged: its next saves are
    refused (a compaction would write the partial workshop over everything)."""
    monkeypatch.setattr(files, "COMPACT_CHANGES", 3)
    folder = tmp_path / "data"
    store = _two_workshops(folder)
    (folder / "w.json").write_bytes(b"")
    journal = (folder / "w.journal").read_bytes()
    for i in range(5):
        with pytest.raises(CorruptStore, match="is empty"):
            store.insert("w", "comments", {"id": f"after{i}"})
    with pytest.raises(CorruptStore):
        store.update_workshop("w", {"status": "closed"})
    assert (folder / "w.json").read_bytes() == b""
    assert (folder / "w.journal").read_bytes() == journal


def test_a_damaged_workshop_is_copied_once_however_often_it_is_read(tmp_path):
    """Found in review: every page run copied the damaged file again."""
    folder = tmp_path / "data"
    _two_workshops(folder)
    good = (folder / "w.json").read_bytes()
    (folder / "w.json").write_bytes(good[:-40])
    store = FileStore(folder)
    for _ in range(5):
        for reader in (store, FileStore(folder)):  # each page run, each process
            with pytest.raises(CorruptStore):
                reader.rows("w", "comments")
    assert len(list(folder.glob("w.json.corrupt-*"))) == 1
    assert len(list(folder.glob("w.journal.corrupt-*"))) == 1
    # Restored from a backup: it opens again, without restarting anything.
    (folder / "w.json").write_bytes(good)
    assert len(store.rows("w", "comments")) == 30
    store.insert("w", "comments", {"id": "after"})
    assert len(FileStore(folder).rows("w", "comments")) == 31


def test_normal_states_after_a_crash_are_not_damage(tmp_path):
    """A new workshop (its store file "{}", its record in the journal), a compaction cut
    off before the rename (a temporary file beside) or before the journal was emptied, a
    torn last line and a store file from before journals all open as they are."""
    folder = tmp_path / "data"
    store = FileStore(folder)
    store.create_workshop("new", {"title": "New"})
    assert (folder / "new.json").read_bytes() == b"{}"
    store.insert("new", "comments", {"id": "a"})

    _two_workshops(folder)
    journal = (folder / "w.journal").read_bytes()
    store = FileStore(folder)
    store.compact("w")
    (folder / "w.journal").write_bytes(journal)  # renamed in, journal not yet emptied
    (folder / ".w.json.k2j4x9").write_bytes(b'{"workshop": {"1": {"ti')  # cut off temp
    with open(folder / "w.journal", "ab") as fh:
        fh.write(files.encode_change({"put": "comments", "rows": [[99, {"id": "x"}]]})[:-5])
    store.compact("w2")
    (folder / "w2.journal").unlink()  # as before journals existed

    again = FileStore(folder)
    assert again.workshop("new")["title"] == "New"
    assert [r["id"] for r in again.rows("new", "comments")] == ["a"]
    assert len(again.rows("w", "comments")) == 30 and again.workshop("w")["status"] == "open"
    assert len(again.rows("w2", "delegates")) == 1
    again.insert("w2", "comments", {"id": "more"})
    assert not list(folder.glob("*.corrupt-*"))


# -- deleting --------------------------------------------------------------------------
def test_deleting_a_workshop_removes_it_and_nothing_else(store):
    for wid in ("w", "w2", "ww"):
        store.create_workshop(wid, {"title": wid})
        store.insert(wid, "comments", {"id": "c", "text": f"said in {wid}"})
    store.delete_workshop("w")
    assert store.workshop_ids() == ["w2", "ww"]
    with pytest.raises(NotFound, match="no workshop 'w'"):
        store.rows("w", "comments")
    with pytest.raises(NotFound):
        store.delete_workshop("w")
    assert store.rows("w2", "comments") == [{"id": "c", "text": "said in w2"}]
    store.create_workshop("w", {"title": "again"})  # the id is free again, and empty
    assert store.rows("w", "comments") == []


def test_deleting_removes_every_file_of_the_workshop(tmp_path):
    folder = tmp_path / "data"
    store = FileStore(folder)
    for wid in ("w", "w2", "w-2", "ww"):
        store.create_workshop(wid, {"title": wid})
        store.insert(wid, "comments", {"id": "c"})
        (folder / f"{wid}.json.corrupt-1700000000").write_bytes(b"kept")
        (folder / f"{wid}.journal.torn-1700000000").write_bytes(b"torn")
        (folder / f".{wid}.journal.x1y2z3").write_bytes(b"temporary")
    others = {name: data for name, data in _files(folder).items() if not name.startswith("w.")}
    hidden = sorted(p.name for p in folder.glob(".*") if not p.name.startswith(".w."))
    store.delete_workshop("w")
    assert _files(folder) == others
    assert sorted(p.name for p in folder.glob(".*")) == hidden


def test_a_workshop_deleted_by_another_process_is_gone_there_too(shared, tmp_path):
    app, cli = shared.open(), shared.open()
    app.create_workshop("w", {"title": "T"})
    app.insert("w", "comments", {"id": "a"})
    cli.delete_workshop("w")
    with pytest.raises(NotFound):
        app.insert("w", "comments", {"id": "b"})  # a phone sending late: nothing written
    assert not list((tmp_path / "data").glob("w.*"))
    assert app.workshop_ids() == []


def test_a_damaged_workshop_can_be_deleted(tmp_path):
    folder = tmp_path / "data"
    _two_workshops(folder)
    (folder / "w.json").unlink()
    store = FileStore(folder)
    with pytest.raises(CorruptStore):
        store.workshop("w")
    assert list(folder.glob("w.journal.corrupt-*"))
    store.delete_workshop("w")
    assert store.workshop_ids() == ["w2"]
    assert not list(folder.glob("w.*"))


def test_a_damaged_workshop_is_reported_even_when_no_copy_can_be_kept(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    _two_workshops(folder)
    (folder / "w.json").write_bytes(b"")

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "_keep_aside", disk_full)
    with pytest.raises(CorruptStore, match=r"is empty\. Nothing was changed, and no copy could "
                                           r"be kept \(No space left on device\)\. Restore"):
        FileStore(folder).workshop("w")


def test_files_that_cannot_be_read_now_are_said_so_and_tried_again(tmp_path, monkeypatch,
                                                                   packs):
    """Not damage (permissions, a failing disk): listed with the others that cannot be
    opened, nothing copied, and read again as soon as it can be."""
    from workshop.workshops import Workshops
    folder = tmp_path / "data"
    _two_workshops(folder)
    ws = Workshops(FileStore(folder), packs)
    read = files._read_or_none

    def denied(path):
        if path.name == "w.json":
            raise PermissionError(13, "Permission denied")
        return read(path)

    monkeypatch.setattr(files, "_read_or_none", denied)
    [damaged] = ws.damaged()
    assert damaged.message == ("The workshop w cannot be opened: its files cannot be read "
                               "(Permission denied). Nothing was changed. Check the data "
                               "folder and the disk, then reload the page.")
    assert [w["id"] for w in ws.all()] == ["w2"]
    monkeypatch.undo()
    assert [w["id"] for w in ws.all()] == ["w", "w2"] and ws.damaged() == []
    assert not list(folder.glob("*.corrupt-*"))


# -- PostgreSQL ------------------------------------------------------------------------------
def test_postgresql_acknowledged_saves_are_committed_before_the_call_returns(pg_url):
    """Whatever a call has returned is in the database for any other connection to see,
    and putting the same rows again (a change replayed) gives the same state."""
    import psycopg

    from store.postgres import PgStore
    store = PgStore(pg_url)
    try:
        store.create_workshop("w", {"title": "T"})
        store.insert("w", "comments", {"id": "c1", "text": "é ünïcode ✓"})
        store.insert_many("w", "comments", [{"id": "c2"}, {"id": "c1", "text": "again"}])
        with psycopg.connect(pg_url) as conn:  # another connection: only what is committed
            rows = conn.execute("SELECT row FROM store_rows WHERE workshop_id = 'w' AND "
                                "tbl = 'comments' ORDER BY doc_id").fetchall()
        assert [r[0] for r in rows] == [{"id": "c1", "text": "é ünïcode ✓"}, {"id": "c2"}]
        ws = store._open["w"]
        with store._exclusive("w"):  # the last change put again, as a retry would
            store._persist("w", ws, {"put": "comments", "rows": [[2, {"id": "c2"}]]})
        assert another(store).rows("w", "comments") == store.rows("w", "comments") == \
            [{"id": "c1", "text": "é ünïcode ✓"}, {"id": "c2"}]
    finally:
        store.close()


def test_postgresql_lost_connection_is_said_plainly_and_loses_nothing(pg_url):
    import psycopg

    from store.postgres import PgStore
    store = PgStore(pg_url)
    try:
        store.create_workshop("w", {})
        store.insert("w", "comments", {"id": "before"})
        with psycopg.connect(pg_url, autocommit=True) as conn:  # the server drops us
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                         "pid <> pg_backend_pid() AND datname = current_database()")
        outcomes = []
        for attempt in ("during", "after"):
            try:
                store.insert("w", "comments", {"id": attempt})
                outcomes.append("saved")
            except StoreError as exc:
                outcomes.append(str(exc))
        # The dropped connection fails one call at most, with a plain message; the next
        # call gets a new connection.
        assert outcomes[-1] == "saved"
        for message in outcomes[:-1]:
            if message != "saved":
                assert message.startswith("Could not ") and "Nothing new was saved" in message
        expected = ["before"] + [a for a, o in zip(("during", "after"), outcomes)
                                 if o == "saved"]
        assert [r["id"] for r in store.rows("w", "comments")] == expected
        assert [r["id"] for r in another(store).rows("w", "comments")] == expected
    finally:
        store.close()


def test_postgresql_address_problems_are_said_plainly(tmp_path, monkeypatch):
    from store import configured_store, open_store
    with pytest.raises(StoreError, match="WORKSHOP_STORE must be empty"):
        open_store("sqlite:///x.db", tmp_path)
    monkeypatch.setenv("WORKSHOP_STORE", "postgresql://app:hunter2@localhost:1/workshop")
    with pytest.raises(StoreError) as refused:
        configured_store()
    message = str(refused.value)
    assert message.startswith("Cannot use the PostgreSQL database at "
                              "postgresql://app:***@localhost:1/workshop: ")
    assert "hunter2" not in message
    monkeypatch.setenv("WORKSHOP_STORE", "")
    assert isinstance(configured_store(), FileStore)  # the default: files, as before
