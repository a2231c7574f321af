"""Answering the structured kinds: ranking, points, judging, rating, card sort, idea board."""

import pytest

from tests.test_scenarios import NEW_KINDS
from workshop.errors import InvalidInput, NotAccepting
from workshop.scenarios import pack_from_yaml
from workshop.workshops import Workshops


@pytest.fixture
def room(store, tmp_path):
    pack = pack_from_yaml(NEW_KINDS.replace("roles: [{id: judge, label: Judge}]",
                                            "roles: [{id: judge, label: Judge}, "
                                            "{id: other, label: Other}]"), "formats.yaml")
    ws = Workshops(store, {pack.id: pack}, tmp_path / "live")
    wid = ws.create("Formats day", "Scotland", "formats")["id"]
    ws.set_status(wid, "open")
    return ws, wid


def _at(ws, wid, qid):
    ws.set_current(wid, qid)
    return ws.join(wid, "judge", "1")["id"]


def test_ranking_needs_every_item_once(room):
    ws, wid = room
    me = _at(ws, wid, "r")
    with pytest.raises(InvalidInput, match="'C' has no place yet"):
        ws.answer_ranking(wid, me, "r", ["B", "A"])
    ws.answer_ranking(wid, me, "r", ["C", "A", "B"])
    assert ws.own_answer(wid, me, "r") == ["C", "A", "B"]


def test_points_must_add_up_and_say_how_far_off(room):
    ws, wid = room
    me = _at(ws, wid, "p")
    with pytest.raises(InvalidInput, match="You have given 7 of 10 points. Please give 3 more"):
        ws.answer_points(wid, me, "p", {"A": 7})
    with pytest.raises(InvalidInput, match="take 2 away"):
        ws.answer_points(wid, me, "p", {"A": 7, "B": 5})
    ws.answer_points(wid, me, "p", {"A": 10, "B": 0})
    assert ws.answer_row(wid, me, "p")["points"] == {"A": 10, "B": 0}


def test_a_judge_scores_entry_by_entry_and_can_change_a_score(room):
    ws, wid = room
    me = _at(ws, wid, "j")
    with pytest.raises(InvalidInput, match="'Value' has no score yet"):
        ws.score_entry(wid, me, "j", "e1", {"Clarity": 4})
    with pytest.raises(InvalidInput, match="Scores go from 1 to 5"):
        ws.score_entry(wid, me, "j", "e1", {"Clarity": 4, "Value": 9})
    ws.score_entry(wid, me, "j", "e1", {"Clarity": 4, "Value": 3}, "Clear and costed")
    ws.score_entry(wid, me, "j", "e2", {"Clarity": 2, "Value": 2})
    ws.score_entry(wid, me, "j", "e1", {"Clarity": 5, "Value": 3}, "Very clear")
    row = ws.answer_row(wid, me, "j")
    assert row["scores"] == {"e1": {"Clarity": 5, "Value": 3}, "e2": {"Clarity": 2, "Value": 2}}
    assert row["notes"]["e1"] == "Very clear" and row["values"] == ["e1", "e2"]


def test_a_group_rates_each_option_with_a_reason(room):
    ws, wid = room
    me = _at(ws, wid, "m")
    with pytest.raises(InvalidInput, match="'Severe' is not a rating: use Low, Medium, High"):
        ws.rate_option(wid, me, "m", "X", {"Risk": "Severe"})
    ws.rate_option(wid, me, "m", "X", {"Risk": "High"}, "Legal challenge is likely")
    ws.rate_option(wid, me, "m", "Y", {"Risk": "Low"})
    row = ws.answer_row(wid, me, "m")
    assert row["ratings"] == {"X": {"Risk": "High"}, "Y": {"Risk": "Low"}}
    assert row["reasons"]["X"] == "Legal challenge is likely"


def test_card_sort_needs_every_card_placed_and_reveal_moves_phones(room):
    ws, wid = room
    me = _at(ws, wid, "cs")
    with pytest.raises(InvalidInput, match="has no place yet"):
        ws.sort_cards(wid, me, "cs", {"Always advertise": "Blue rule"})
    ws.sort_cards(wid, me, "cs", {"Always advertise": "Red rule",
                                  "Treat bidders equally": "Red rule"})
    before = ws.get(wid)["follow_version"]
    ws.set_revealed(wid, "cs", True)
    assert ws.get(wid)["revealed"] == ["cs"] and ws.get(wid)["follow_version"] == before + 1


def test_idea_board_votes_are_limited_and_merges_keep_everything(room):
    ws, wid = room
    me = _at(ws, wid, "i")
    with pytest.raises(InvalidInput, match="Commissioning or Procurement"):
        ws.post_idea(wid, me, "i", "Longer lead-in times", "Elsewhere")
    a = ws.post_idea(wid, me, "i", "Longer lead-in times", "Procurement")
    b = ws.post_idea(wid, me, "i", "Give more time to bid", "Procurement")
    c = ws.post_idea(wid, me, "i", "Multi-year funding", "Commissioning")
    ws.vote(wid, me, "i", a["id"])
    ws.vote(wid, me, "i", b["id"])
    with pytest.raises(InvalidInput, match="used all 2 of your votes"):
        ws.vote(wid, me, "i", c["id"])
    ws.vote(wid, me, "i", b["id"], on=False)
    ws.vote(wid, me, "i", c["id"])
    assert ws.own_answer(wid, me, "i") == [a["id"], c["id"]]
    ws.merge_ideas(wid, b["id"], a["id"])
    merged = ws.store.row(wid, "comments", b["id"])
    assert merged["merged_into"] == a["id"] and merged["text"] == "Give more time to bid"
    with pytest.raises(InvalidInput, match="itself been merged"):
        ws.merge_ideas(wid, c["id"], b["id"])


def test_answers_to_a_question_that_is_not_current_are_refused(room):
    ws, wid = room
    me = _at(ws, wid, "r")
    with pytest.raises(NotAccepting):
        ws.answer_points(wid, me, "p", {"A": 10})
    with pytest.raises(InvalidInput, match="is a ranking, not a points allocation"):
        ws.answer_points(wid, me, "r", {"A": 10})


def _people(ws, wid, qid, n, role="judge"):
    ws.set_current(wid, qid)
    return [ws.join(wid, role, str(i % 2))["id"] for i in range(n)]


def test_judging_totals_ranks_ties_and_spread(room):
    from workshop.results import scoring_result
    ws, wid = room
    a, b = _people(ws, wid, "j", 2)
    ws.score_entry(wid, a, "j", "e1", {"Clarity": 5, "Value": 4}, "Strong on outcomes")
    ws.score_entry(wid, a, "j", "e2", {"Clarity": 3, "Value": 3})
    ws.score_entry(wid, b, "j", "e1", {"Clarity": 2, "Value": 2})
    ws.score_entry(wid, b, "j", "e2", {"Clarity": 4, "Value": 3})
    result = scoring_result(ws.snapshot(wid), "j")
    e1, e2 = sorted(result.entries, key=lambda e: e.entry_id)
    assert (e1.total, e2.total) == (13, 13) and e1.rank == e2.rank == 1
    assert e1.spread == 5 and e2.spread == 1
    assert [[e.entry_id for e in tie] for tie in result.ties] == [["e1", "e2"]]
    assert e1.by_criterion == {"Clarity": 3.5, "Value": 3.0}
    # Two judges are too few to name their role: quoted as the chart groups them.
    assert e1.notes == (("Smaller groups combined", "Strong on outcomes"),)


def test_ranking_and_points_averages(room):
    from workshop.results import EVERYONE, points_result, ranking_result
    ws, wid = room
    people = _people(ws, wid, "r", 3)
    for order, me in zip((["A", "B", "C"], ["A", "C", "B"], ["B", "A", "C"]), people):
        ws.answer_ranking(wid, me, "r", order)
    r = ranking_result(ws.snapshot(wid), "r")
    assert r.options == ("A", "B", "C") and r.firsts == {"A": 2, "B": 1, "C": 0}
    assert round(r.average[EVERYONE]["A"], 2) == 1.33
    people = _people(ws, wid, "p", 3)
    for given, me in zip(({"A": 10}, {"A": 4, "B": 6}, {"B": 10}), people):
        ws.answer_points(wid, me, "p", given)
    p = points_result(ws.snapshot(wid), "p")
    assert p.options == ("B", "A") and round(p.average[EVERYONE]["B"], 2) == 5.33


def test_rating_typical_level_and_reasons(room):
    from workshop.results import rating_result
    ws, wid = room
    people = _people(ws, wid, "m", 3)
    for level, me in zip(("High", "High", "Low"), people):
        ws.rate_option(wid, me, "m", "X", {"Risk": level}, f"Because {level.lower()}")
    result = rating_result(ws.snapshot(wid), "m")
    assert result.typical("X", "Risk") == "High" and result.typical("Y", "Risk") is None
    assert result.n_groups == 3 and len(result.reasons) == 3


def test_card_sort_share_right_by_statement(room):
    from workshop.results import sort_result
    ws, wid = room
    people = _people(ws, wid, "cs", 4)
    for i, me in enumerate(people):
        ws.sort_cards(wid, me, "cs", {"Always advertise": "Blue rule" if i < 3 else "Red rule",
                                      "Treat bidders equally": "Red rule"})
    result = sort_result(ws.snapshot(wid), "cs")
    assert result.share_right("Always advertise") == 75
    assert result.share_right("Treat bidders equally") is None  # no answer in the pack
    assert result.placed["Always advertise"] == {"Blue rule": 3, "Red rule": 1}


def test_idea_board_merges_carry_votes_without_counting_anyone_twice(room):
    from workshop.results import board_result
    ws, wid = room
    a, b, c = _people(ws, wid, "i", 3)
    one = ws.post_idea(wid, a, "i", "Longer lead-in times", "Procurement")
    dup = ws.post_idea(wid, b, "i", "More time to put bids together", "Procurement")
    other = ws.post_idea(wid, c, "i", "Multi-year funding", "Commissioning")
    ws.vote(wid, a, "i", one["id"])
    ws.vote(wid, a, "i", dup["id"])
    ws.vote(wid, b, "i", dup["id"])
    ws.vote(wid, c, "i", other["id"])
    ws.merge_ideas(wid, dup["id"], one["id"])
    board = board_result(ws.snapshot(wid), "i")
    assert [(i.text, i.votes) for i in board.ideas] == [("Longer lead-in times", 2),
                                                       ("Multi-year funding", 1)]
    assert board.ideas[0].merged == ("More time to put bids together",)
    assert [i.text for i in board.top("Commissioning")] == ["Multi-year funding"]


def test_a_vote_for_an_idea_taken_off_the_board_is_given_back(room):
    ws, wid = room
    me = _at(ws, wid, "i")
    a = ws.post_idea(wid, me, "i", "Longer lead-in times", "Procurement")
    b = ws.post_idea(wid, me, "i", "Multi-year funding", "Commissioning")
    c = ws.post_idea(wid, me, "i", "Accessible tender documents", "Procurement")
    ws.vote(wid, me, "i", a["id"])
    ws.vote(wid, me, "i", b["id"])
    ws.set_hidden(wid, a["id"], True)
    ws.vote(wid, me, "i", a["id"], on=False)  # no error
    ws.vote(wid, me, "i", c["id"])             # the hidden idea's vote was freed
    assert ws.own_answer(wid, me, "i") == [b["id"], c["id"]]
