"""`python -m workshop migrate`: every workshop and programme copied between the files
and PostgreSQL, run as a user would run it, against a real server."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from store import FileStore
from store.postgres import PgStore
from tests.conftest import ROOT
from workshop.programmes import Programmes
from workshop.scenarios import load_packs
from workshop.workshops import Workshops


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "workshop", "migrate", *args], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def _day(store, tmp_path) -> tuple[Workshops, str, str]:
    """A workshop with delegates, comments (one hidden, one corrected) and a programme."""
    ws = Workshops(store, load_packs(ROOT / "scenarios"), tmp_path / "live",
                   posts_per_minute=0)
    w = ws.create("Contracting for outcomes", "East Midlands", "peoples_borough")
    ws.set_status(w["id"], "open")
    me = ws.join(w["id"], "provider", "1")["id"]
    first = ws.submit_comment(w["id"], me, "services", "Fund outcomes, not hours.", "issue")
    ws.submit_comment(w["id"], me, "services", "Travel time is never paid.", "issue")
    ws.set_hidden(w["id"], first["id"], True)
    ws.set_comment_themes(w["id"], first["id"], ["choice"])
    programmes = Programmes(ws)
    p = programmes.create("National programme", "peoples_borough")
    programmes.add(p["id"], w["id"])
    return ws, w["id"], p["id"]


def _everything(store) -> dict:
    """Every workshop and programme with all its rows, as a reader of the store sees it."""
    out = {}
    for kind, s in (("workshop", store), ("programme", store.collection("programmes"))):
        for rid in s.workshop_ids():
            out[(kind, rid)] = (s.workshop(rid), {t: s.rows(rid, t) for t in s.tables(rid)})
    return out


def test_files_go_into_postgresql_and_back_out_unchanged(tmp_path, pg_url):
    folder = tmp_path / "appdata"
    ws, wid, pid = _day(FileStore(folder), tmp_path)
    before = _everything(FileStore(folder))

    done = run("--to", pg_url)
    assert done.returncode == 0, done.stderr
    assert f"workshop {wid}: copied, 3 rows added" in done.stdout
    assert f"programme {pid}: copied" in done.stdout
    assert "copied 1 workshop and 1 programme (2 new there), 3 rows added" in done.stdout

    db = PgStore(pg_url)
    try:
        assert _everything(db) == before
        # What the app does with it is the same: the hidden comment stays hidden and the
        # correction still teaches the tagger.
        on_db = Workshops(db, load_packs(ROOT / "scenarios"), tmp_path / "live")
        assert len(on_db.snapshot(wid).visible_comments) == 1
        on_db.submit_comment(wid, on_db.join(wid, "user", "2")["id"], "services",
                             "Said after the move.", "issue")
    finally:
        db.close()

    again = run("--to", pg_url)  # twice: nothing duplicated
    assert again.returncode == 0, again.stderr
    assert f"workshop {wid}: already there, 0 rows added, 0 rows updated" in again.stdout
    assert "(0 new there), 0 rows added, 0 rows updated" in again.stdout

    out = tmp_path / "back"
    back = run("--from", pg_url, "--to", str(out))
    assert back.returncode == 0, back.stderr
    assert f"workshop {wid}: copied, 5 rows added" in back.stdout
    copied = _everything(FileStore(out))
    assert copied[("programme", pid)] == before[("programme", pid)]
    comments = copied[("workshop", wid)][1]["comments"]
    assert [c["text"] for c in comments] == ["Fund outcomes, not hours.",
                                             "Travel time is never paid.",
                                             "Said after the move."]
    assert comments[0]["hidden"] is True
    assert run("--from", pg_url, "--to", str(out)).stdout.count("already there") == 2
    assert len(FileStore(out).rows(wid, "comments")) == 3


def test_from_postgresql_alone_copies_into_the_data_folder(tmp_path, pg_url):
    db = PgStore(pg_url)
    try:
        _, wid, _ = _day(db, tmp_path)
    finally:
        db.close()
    done = run("--from", pg_url)
    assert done.returncode == 0, done.stderr
    assert "copied 1 workshop and 1 programme" in done.stdout
    folder = Path(os.environ["WORKSHOP_DATA_DIR"])
    assert len(FileStore(folder).rows(wid, "comments")) == 2


def test_changes_made_since_are_brought_across_on_the_next_copy(tmp_path, pg_url):
    folder = tmp_path / "appdata"
    ws, wid, _ = _day(FileStore(folder), tmp_path)
    assert run("--to", pg_url).returncode == 0
    comment = ws.snapshot(wid).comments[1]
    ws.set_hidden(wid, comment["id"], True)
    done = run("--to", pg_url)
    assert f"workshop {wid}: already there, 0 rows added, 1 row updated" in done.stdout
    db = PgStore(pg_url)
    try:
        assert db.row(wid, "comments", comment["id"])["hidden"] is True
    finally:
        db.close()


@pytest.mark.parametrize("where, message", [
    ("postgresql://nobody@localhost:1/none?connect_timeout=2",
     "Cannot use the PostgreSQL database at postgresql://nobody@localhost:1/none"),
    ("postgresql://who:secret@[::1/db", "The PostgreSQL address"),
    ("mysql://who@host/db", "is neither a PostgreSQL address"),
])
def test_a_bad_address_is_said_plainly_and_nothing_is_changed(tmp_path, where, message):
    folder = tmp_path / "appdata"
    FileStore(folder).create_workshop("w", {"title": "T"})
    done = run("--to", where)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and message in done.stderr
    assert "secret" not in done.stderr
    assert "Traceback" not in done.stderr
    assert FileStore(folder).workshop("w")["title"] == "T"


def test_nothing_to_copy_or_nowhere_to_go_is_refused_plainly(tmp_path):
    assert "Say where to copy to" in run().stderr
    same = run("--to", os.environ["WORKSHOP_DATA_DIR"])
    assert same.returncode == 2 and "the same place" in same.stderr
    missing = run("--from", str(tmp_path / "nowhere"), "--to", str(tmp_path / "x"))
    assert missing.returncode == 2 and "There is no folder" in missing.stderr
