"""Withdrawn words are deleted, and no export carries the words of a withdrawn or hidden
comment; their rows stay, flagged, so counts still match the report."""

import csv
import io

from store import FileStore
from workshop import cli
from workshop.claims import check_report
from workshop.exchange import export_csv
from workshop.report import draft_report
from workshop.workshops import Workshops

TAKEN_BACK = "I named my manager here by mistake"
HIDDEN = "An abusive remark about a named person"
KEPT = "Specify outcomes rather than tasks"


def _room(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "Table 1")["id"]
    qid = open_workshop["current_question_id"]
    taken = workshops.submit_comment(wid, me, qid, TAKEN_BACK, "issue")
    hidden = workshops.submit_comment(wid, me, qid, HIDDEN, "issue")
    workshops.submit_comment(wid, me, qid, KEPT, "idea")
    workshops.withdraw_comment(wid, me, taken["id"])
    workshops.set_hidden(wid, hidden["id"], True)
    return wid, taken, hidden


def _rows(text: str) -> list[dict]:
    return [r for r in csv.DictReader(io.StringIO(text)) if r["question_kind"] == "comment"]


def test_the_csv_export_has_no_withdrawn_or_hidden_words(workshops, open_workshop):
    wid, _, _ = _room(workshops, open_workshop)
    text = export_csv(workshops.snapshot(wid))
    assert TAKEN_BACK not in text and HIDDEN not in text and KEPT in text
    rows = _rows(text)
    assert len(rows) == 3  # every comment still has its row, so counts match the report
    withdrawn = [r for r in rows if r["withdrawn"] == "yes"]
    hidden = [r for r in rows if r["hidden"] == "yes"]
    assert len(withdrawn) == 1 and withdrawn[0]["text"] == "" and withdrawn[0]["themes"] == ""
    assert len(hidden) == 1 and hidden[0]["text"] == ""


def test_a_restored_comment_is_exported_with_its_words(workshops, open_workshop):
    wid, _, hidden = _room(workshops, open_workshop)
    workshops.set_hidden(wid, hidden["id"], False)
    assert HIDDEN in export_csv(workshops.snapshot(wid))


def test_the_export_command_has_no_withdrawn_or_hidden_words(workshops, open_workshop,
                                                           monkeypatch, capsys):
    wid, _, _ = _room(workshops, open_workshop)
    monkeypatch.setattr(cli, "open_workshops", lambda: workshops)
    cli.main(["export", wid, "--format", "csv"])
    out = capsys.readouterr().out
    assert KEPT in out and TAKEN_BACK not in out and HIDDEN not in out


def test_withdrawing_deletes_the_words_and_the_report_still_counts_it(workshops,
                                                                    open_workshop):
    wid, taken, _ = _room(workshops, open_workshop)
    snap = workshops.snapshot(wid)
    row = next(c for c in snap.comments if c["id"] == taken["id"])
    assert row["withdrawn"] is True and row["text"] == "" and row["themes"] == []
    report = draft_report(snap)
    assert TAKEN_BACK not in report
    assert ("it leaves out 1 comment hidden by the facilitator and 1 comment withdrawn by "
            "their authors") in report
    # A report that quotes the withdrawn words is caught: nobody's comment says them now.
    quoting = check_report(snap, report + f"\n\u201c{TAKEN_BACK}\u201d (Care provider)\n")
    assert any("is not a comment anyone made" in p.message for p in quoting.problems)


def test_closing_the_workshop_takes_withdrawn_words_off_the_disk(packs, tmp_path):
    folder = tmp_path / "data"
    workshops = Workshops(FileStore(folder), packs, tmp_path / "live")
    w = workshops.create("Day", "East Midlands", "peoples_borough")
    workshops.set_status(w["id"], "open")
    wid, taken, _ = _room(workshops, workshops.get(w["id"]))

    def on_disk() -> str:
        return "".join(p.read_text(encoding="utf-8", errors="replace")
                       for p in folder.rglob("*") if p.is_file())
    assert KEPT in on_disk()
    workshops.set_status(wid, "closed")
    assert TAKEN_BACK not in on_disk() and KEPT in on_disk()
    # Read afresh from the disk: the withdrawn row is still there to be counted.
    again = Workshops(FileStore(folder), packs, tmp_path / "live").snapshot(wid)
    assert [c["withdrawn"] for c in again.comments].count(True) == 1
    assert len(again.comments) == 3
