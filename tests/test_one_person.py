"""One person, one voice: a delegate answering again replaces their answer (every kind),
a phone that joined before comes back as the same delegate, and the facilitator can hide
all of one person's comments at once and bring back exactly those."""

import pytest

from tests.test_scenarios import NEW_KINDS
from workshop.analysis import summarise_poll
from workshop.errors import InvalidInput, NotFound
from workshop.results import (board_result, points_result, ranking_result, rating_result,
                              scoring_result, sort_result)
from workshop.scenarios import pack_from_yaml
from workshop.workshops import Workshops

POLLS = """
    - {id: sc, kind: scale, prompt: "Do you agree?"}
    - {id: ch, kind: choice, prompt: "Pick one", options: [X, Y, Z]}
    - {id: mu, kind: choice, prompt: "Pick all that apply", options: [X, Y, Z], multiple: true}
"""


@pytest.fixture
def room(store, tmp_path):
    pack = pack_from_yaml(NEW_KINDS.replace("roles: [{id: judge, label: Judge}]",
                                            "roles: [{id: judge, label: Judge}, "
                                            "{id: other, label: Other}]").rstrip("\n")
                          + POLLS, "formats.yaml")
    ws = Workshops(store, {pack.id: pack}, tmp_path / "live")
    wid = ws.create("Formats day", "Scotland", "formats")["id"]
    ws.set_status(wid, "open")
    return ws, wid


def _twice(ws, wid, qid, first, second):
    """One delegate answers, then answers again; returns the snapshot and their token."""
    ws.set_current(wid, qid)
    me = ws.join(wid, "judge", "1")["id"]
    first(me)
    second(me)
    snap = ws.snapshot(wid)
    mine = [a for a in snap.answers if a["delegate_id"] == me and a["question_id"] == qid]
    assert len(mine) == 1, "a second answer from the same delegate was added, not replaced"
    return snap, me


@pytest.mark.parametrize("qid, first, second", [
    ("sc", "Agree", "Disagree"),
    ("ch", "X", "Z"),
    ("mu", ["X", "Y"], ["Z"]),
])
def test_a_second_poll_answer_replaces_the_first(room, qid, first, second):
    ws, wid = room
    snap, me = _twice(ws, wid, qid, lambda me: ws.answer_poll(wid, me, qid, first),
                      lambda me: ws.answer_poll(wid, me, qid, second))
    poll = summarise_poll(snap, qid)
    assert poll.n_people == 1
    expected = set(second if isinstance(second, list) else [second])
    assert {c for c, n in poll.totals.items() if n} == expected
    assert sum(poll.totals.values()) == len(expected)


def test_a_second_ranking_replaces_the_first(room):
    ws, wid = room
    snap, _ = _twice(ws, wid, "r", lambda me: ws.answer_ranking(wid, me, "r", ["A", "B", "C"]),
                     lambda me: ws.answer_ranking(wid, me, "r", ["C", "B", "A"]))
    r = ranking_result(snap, "r")
    assert r.n_people == 1 and r.options[0] == "C" and r.firsts == {"A": 0, "B": 0, "C": 1}


def test_a_second_points_share_replaces_the_first(room):
    ws, wid = room
    snap, _ = _twice(ws, wid, "p", lambda me: ws.answer_points(wid, me, "p", {"A": 10}),
                     lambda me: ws.answer_points(wid, me, "p", {"A": 3, "B": 7}))
    r = points_result(snap, "p")
    assert r.n_people == 1 and r.options == ("B", "A")


def test_rescoring_an_entry_replaces_the_scores(room):
    ws, wid = room
    snap, _ = _twice(
        ws, wid, "j",
        lambda me: ws.score_entry(wid, me, "j", "e1", {"Clarity": 1, "Value": 1}),
        lambda me: ws.score_entry(wid, me, "j", "e1", {"Clarity": 5, "Value": 4}))
    r = scoring_result(snap, "j")
    one = next(e for e in r.entries if e.entry_id == "e1")
    assert r.n_judges == 1 and one.judges == 1 and one.total == 9


def test_rerating_an_option_replaces_the_rating(room):
    ws, wid = room
    snap, _ = _twice(ws, wid, "m", lambda me: ws.rate_option(wid, me, "m", "X", {"Risk": "Low"}),
                     lambda me: ws.rate_option(wid, me, "m", "X", {"Risk": "High"}))
    r = rating_result(snap, "m")
    assert r.n_groups == 1 and r.typical("X", "Risk") == "High"
    assert sum(sum(c.values()) for c in r.counts["Everyone"].values()) == 1


def test_a_second_card_sort_replaces_the_first(room):
    ws, wid = room
    cards = ("Always advertise", "Treat bidders equally")
    snap, _ = _twice(ws, wid, "cs",
                     lambda me: ws.sort_cards(wid, me, "cs", dict.fromkeys(cards, "Red rule")),
                     lambda me: ws.sort_cards(wid, me, "cs", dict.fromkeys(cards, "Blue rule")))
    r = sort_result(snap, "cs")
    assert r.n_people == 1 and r.placed["Always advertise"] == {"Blue rule": 1}


def test_voting_twice_for_an_idea_counts_once_and_votes_stay_capped(room):
    ws, wid = room
    ws.set_current(wid, "i")
    author = ws.join(wid, "other", "2")["id"]
    ideas = [ws.post_idea(wid, author, "i", f"Idea {n}", "Procurement")["id"] for n in range(3)]
    snap, me = _twice(ws, wid, "i", lambda me: ws.vote(wid, me, "i", ideas[0]),
                      lambda me: ws.vote(wid, me, "i", ideas[0]))
    assert board_result(snap, "i").ideas[0].votes == 1
    ws.vote(wid, me, "i", ideas[1])
    with pytest.raises(InvalidInput, match="used all 2 of your votes"):
        ws.vote(wid, me, "i", ideas[2])
    votes = {i.id: i.votes for i in board_result(ws.snapshot(wid), "i").ideas}
    assert votes == {ideas[0]: 1, ideas[1]: 1, ideas[2]: 0}


def test_a_phone_that_joined_before_comes_back_as_the_same_delegate(room):
    ws, wid = room
    me = ws.join(wid, "judge", "4")
    assert ws.returning(wid, me["id"]) == me
    assert ws.returning(wid, None) is None and ws.returning(wid, "") is None
    assert ws.returning(wid, "not-a-delegate") is None
    other = ws.create("Another day", "Wales", "formats")["id"]
    assert ws.returning(other, me["id"]) is None  # a token belongs to one workshop
    assert len(ws.snapshot(wid).delegates) == 1


# -- hiding all of one person's comments -----------------------------------------------
def test_hide_all_from_one_person_and_restore_exactly_those(workshops, open_workshop):
    wid = open_workshop["id"]
    spammer = workshops.join(wid, "other", "9")["id"]
    someone = workshops.join(wid, "user", "1")["id"]
    mine = [workshops.submit_comment(wid, spammer, "services", f"Spam {n}", "issue")["id"]
            for n in range(6)]
    kept = workshops.submit_comment(wid, someone, "services", "A real point", "idea")["id"]
    workshops.set_hidden(wid, mine[0], True)            # hidden on its own, before
    workshops.withdraw_comment(wid, spammer, mine[1])   # withdrawn by its author
    assert workshops.snapshot(wid).shown_count(spammer) == 4

    batch = workshops.hide_all_from(wid, mine[3])
    assert batch.count == 4 and batch.delegate_id == spammer
    snap = workshops.snapshot(wid)
    assert [c["id"] for c in snap.visible_comments] == [kept]
    assert snap.shown_count(spammer) == 0 and snap.shown_count(someone) == 1
    assert [(b.id, b.count) for b in snap.hidden_together] == [(batch.id, 4)]

    assert workshops.restore_hidden(wid, batch.id) == 4
    snap = workshops.snapshot(wid)
    hidden = {c["id"] for c in snap.comments if c["hidden"]}
    assert hidden == {mine[0]}  # the one hidden on its own stays hidden
    assert {c["id"] for c in snap.visible_comments} == {kept, *mine[2:]}
    assert snap.hidden_together == []
    assert workshops.restore_hidden(wid, batch.id) == 0  # a second restore does nothing


def test_a_comment_restored_or_hidden_on_its_own_leaves_the_action(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "other", "9")["id"]
    ids = [workshops.submit_comment(wid, me, "services", f"Point {n}", "issue")["id"]
           for n in range(3)]
    batch = workshops.hide_all_from(wid, ids[0])
    workshops.set_hidden(wid, ids[1], False)  # shown again on its own...
    workshops.set_hidden(wid, ids[1], True)   # ...then hidden on its own
    assert workshops.snapshot(wid).hidden_together[0].count == 2
    assert workshops.restore_hidden(wid, batch.id) == 2
    assert [c["id"] for c in workshops.snapshot(wid).comments if c["hidden"]] == [ids[1]]


def test_hiding_all_of_a_busy_person_is_one_write(workshops, open_workshop, monkeypatch):
    monkeypatch.setattr(workshops, "posts", type(workshops.posts)(0, 60))  # no limit here
    wid = open_workshop["id"]
    me = workshops.join(wid, "other", "9")["id"]
    first = workshops.submit_comment(wid, me, "services", "Spam", "issue")["id"]
    for n in range(200):
        workshops.submit_comment(wid, me, "services", f"Spam {n}", "issue")
    writes = []
    real = workshops.store._write
    monkeypatch.setattr(workshops.store, "_write",
                        lambda *a, **k: (writes.append(a[2]), real(*a, **k))[1])
    assert workshops.hide_all_from(wid, first).count == 201
    assert writes == ["comments"]


def test_hiding_all_from_a_comment_that_does_not_exist_says_so(workshops, open_workshop):
    with pytest.raises(NotFound):
        workshops.hide_all_from(open_workshop["id"], "no-such-comment")
