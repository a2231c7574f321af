"""Approval mode: a comment sent while the workshop asks for approval is shown nowhere
the room or the report looks until the facilitator approves it; hiding it from the queue
keeps it hidden; "hide all from this person" takes waiting ones too."""

from workshop.analysis import comments_for
from workshop.report import draft_report
from workshop.results import board_result

WORDS = "Specify outcomes rather than times and tasks in every contract"


def _sent(workshops, wid, text=WORDS):
    me = workshops.join(wid, "provider", "3")["id"]
    return me, workshops.submit_comment(wid, me, "services", text, "idea")


def test_without_approval_a_comment_is_shown_at_once(workshops, open_workshop):
    wid = open_workshop["id"]
    _, c = _sent(workshops, wid)
    assert [x["id"] for x in workshops.snapshot(wid).visible_comments] == [c["id"]]
    assert workshops.snapshot(wid).awaiting == []


def test_in_approval_mode_a_comment_waits_unseen_until_approved(workshops, open_workshop):
    wid = open_workshop["id"]
    workshops.set_approval(wid, True)
    assert workshops.get(wid)["approval"] is True
    me, c = _sent(workshops, wid)
    snap = workshops.snapshot(wid)
    assert [x["id"] for x in snap.awaiting] == [c["id"]]
    assert snap.visible_comments == [] and comments_for(snap, "services") == []
    total, wall, _ = workshops.latest_comments(wid, "services", 10)
    assert total == 0 and wall == []
    assert WORDS not in draft_report(snap)
    assert [x["id"] for x in workshops.own_comments(wid, me)] == [c["id"]]  # theirs still

    workshops.approve(wid, c["id"])
    snap = workshops.snapshot(wid)
    assert snap.awaiting == [] and [x["id"] for x in snap.visible_comments] == [c["id"]]
    total, wall, _ = workshops.latest_comments(wid, "services", 10)
    assert total == 1 and wall[0][0]["text"] == WORDS


def test_hiding_a_waiting_comment_decides_it(workshops, open_workshop):
    wid = open_workshop["id"]
    workshops.set_approval(wid, True)
    _, c = _sent(workshops, wid)
    workshops.set_hidden(wid, c["id"], True)
    snap = workshops.snapshot(wid)
    assert snap.awaiting == [] and snap.visible_comments == []
    assert snap.comments[0]["hidden"] is True


def test_turning_approval_off_shows_new_comments_and_keeps_waiting_ones_waiting(
        workshops, open_workshop):
    wid = open_workshop["id"]
    workshops.set_approval(wid, True)
    _, held = _sent(workshops, wid)
    workshops.set_approval(wid, False)
    _, free = _sent(workshops, wid, "Pay for travel time between visits in rural areas")
    snap = workshops.snapshot(wid)
    assert [x["id"] for x in snap.awaiting] == [held["id"]]
    assert [x["id"] for x in snap.visible_comments] == [free["id"]]


def test_hide_all_from_a_person_takes_their_waiting_comments_too(workshops, open_workshop):
    wid = open_workshop["id"]
    me, shown = _sent(workshops, wid)
    workshops.set_approval(wid, True)
    waiting = workshops.submit_comment(wid, me, "services", "Another remark", "issue")
    batch = workshops.hide_all_from(wid, shown["id"])
    assert batch.count == 2
    snap = workshops.snapshot(wid)
    assert snap.awaiting == [] and snap.visible_comments == []
    assert workshops.restore_hidden(wid, batch.id) == 2
    assert {x["id"] for x in workshops.snapshot(wid).visible_comments} == {
        shown["id"], waiting["id"]}


def test_an_idea_waiting_for_approval_is_not_on_the_board(workshops, packs):
    board = next(p for p in packs.values()
                 if any(q.kind == "idea_board" for q in p.questions))
    q = next(q for q in board.questions if q.kind == "idea_board")
    w = workshops.create("Ideas day", "Region", board.id)
    workshops.set_status(w["id"], "open")
    workshops.set_current(w["id"], q.id)
    workshops.set_approval(w["id"], True)
    me = workshops.join(w["id"], board.role_ids[0], "1")["id"]
    idea = workshops.post_idea(w["id"], me, q.id, "A shared transport pool for villages",
                               q.tags[0] if q.tags else None)
    assert board_result(workshops.snapshot(w["id"]), q.id).ideas == ()
    workshops.approve(w["id"], idea["id"])
    assert [i.text for i in board_result(workshops.snapshot(w["id"]), q.id).ideas] == [
        "A shared transport pool for villages"]
