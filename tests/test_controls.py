"""The facilitator decides what the room sees: results hidden until revealed (the pack's
default per question, changed live), voting closed per question (answers refused with a
plain message, nothing saved lost), and how many have answered."""

import pytest

from workshop import controls
from workshop.errors import NotAccepting, PackError
from workshop.scenarios import pack_from_dict


def test_results_are_live_unless_the_pack_or_the_facilitator_hides_them(workshops,
                                                                        open_workshop):
    wid = open_workshop["id"]
    q = workshops.pack_of(wid).question("services")
    assert controls.results_shown(workshops.get(wid), q)
    before = workshops.get(wid)["follow_version"]
    workshops.set_results_shown(wid, "services", False)
    assert not controls.results_shown(workshops.get(wid), q)
    assert workshops.get(wid)["follow_version"] == before + 1  # phones follow the change
    workshops.set_results_shown(wid, "services", True)
    assert controls.results_shown(workshops.get(wid), q)


def test_a_pack_can_hide_a_questions_results_until_revealed(packs):
    raw = dict(packs["peoples_borough"].raw)
    stage = dict(raw["stages"][0])
    card = dict(stage["cards"][0])
    card["questions"] = [{**card["questions"][0], "results": "hidden"},
                         *card["questions"][1:]]
    stage["cards"] = [card, *stage["cards"][1:]]
    pack = pack_from_dict({**raw, "stages": [stage, *raw["stages"][1:]]})
    q = pack.questions[0]
    assert q.results == "hidden"
    assert not controls.results_shown({}, q)
    assert controls.results_shown({"results_shown": {q.id: True}}, q)
    card["questions"] = [{**card["questions"][0], "results": "later"}]
    stage["cards"] = [card]
    with pytest.raises(PackError, match="results.*is not live or hidden"):
        pack_from_dict({**raw, "stages": [stage]})


def test_a_closed_question_refuses_answers_and_keeps_those_sent(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "1")["id"]
    workshops.submit_comment(wid, me, "services", "Pay for travel time", "issue")
    workshops.set_voting(wid, "services", False)
    assert not controls.voting_open(workshops.get(wid), "services")
    with pytest.raises(NotAccepting, match="Voting on this question is closed"):
        workshops.submit_comment(wid, me, "services", "One more thought", "idea")
    assert [c["text"] for c in workshops.own_comments(wid, me)] == ["Pay for travel time"]
    workshops.set_voting(wid, "services", True)
    workshops.submit_comment(wid, me, "services", "One more thought", "idea")
    assert len(workshops.own_comments(wid, me)) == 2


def test_a_closed_poll_refuses_a_changed_answer(workshops, open_workshop):
    wid = open_workshop["id"]
    workshops.set_current(wid, "services_poll")
    me = workshops.join(wid, "provider", "1")["id"]
    workshops.answer_poll(wid, me, "services_poll", "Agree")
    workshops.set_voting(wid, "services_poll", False)
    with pytest.raises(NotAccepting, match="closed"):
        workshops.answer_poll(wid, me, "services_poll", "Disagree")
    assert workshops.own_answer(wid, me, "services_poll") == ["Agree"]


def test_answered_counts_people_not_answers(workshops, open_workshop):
    wid = open_workshop["id"]
    a = workshops.join(wid, "provider", "1")["id"]
    b = workshops.join(wid, "commissioner", "2")["id"]
    workshops.join(wid, "provider", "3")
    workshops.submit_comment(wid, a, "services", "Pay for travel time", "issue")
    workshops.submit_comment(wid, a, "services", "Outcomes not tasks", "idea")
    snap = workshops.snapshot(wid)
    assert controls.answered(snap, "services") == 1 and len(snap.delegates) == 3
    workshops.submit_comment(wid, b, "services", "Longer contracts", "idea")
    assert controls.answered(workshops.snapshot(wid), "services") == 2


def test_a_countdown_runs_out_and_can_be_stopped(workshops, open_workshop):
    wid = open_workshop["id"]
    now = [1000.0]
    workshops._clock = lambda: now[0]
    assert controls.timer_line(workshops.get(wid), now[0]) is None
    workshops.start_timer(wid, 125)
    assert controls.timer_line(workshops.get(wid), now[0]) == "Time left: 2:05"
    assert controls.time_left(workshops.get(wid), now[0] + 124.2) == 1
    assert controls.timer_line(workshops.get(wid), now[0] + 126) == "Time is up"
    workshops.stop_timer(wid)
    assert controls.timer_line(workshops.get(wid), now[0]) is None


@pytest.mark.parametrize("seconds", [0, -5, 3601, True, "120"])
def test_a_countdown_needs_a_sensible_time(workshops, open_workshop, seconds):
    from workshop.errors import InvalidInput
    with pytest.raises(InvalidInput, match="up to 60 minutes"):
        workshops.start_timer(open_workshop["id"], seconds)
    assert workshops.get(open_workshop["id"]).get("timer_ends") is None


def test_reset_sets_answers_aside_and_restore_brings_them_back(workshops, open_workshop):
    from workshop.errors import InvalidInput
    wid = open_workshop["id"]
    workshops.set_current(wid, "services_poll")
    a = workshops.join(wid, "provider", "1")["id"]
    b = workshops.join(wid, "commissioner", "2")["id"]
    workshops.answer_poll(wid, a, "services_poll", "Agree")
    workshops.answer_poll(wid, b, "services_poll", "Disagree")
    with pytest.raises(InvalidInput, match="no answers set aside"):
        workshops.restore_answers(wid, "services_poll")

    assert workshops.reset_answers(wid, "services_poll") == 2
    snap = workshops.snapshot(wid)
    assert [x for x in snap.answers if x["question_id"] == "services_poll"] == []
    assert controls.answered(snap, "services_poll") == 0
    assert workshops.own_answer(wid, a, "services_poll") == []  # the phone starts afresh
    workshops.answer_poll(wid, a, "services_poll", "Strongly agree")
    assert [x["values"] for x in workshops.snapshot(wid).answers] == [["Strongly agree"]]

    assert workshops.restore_answers(wid, "services_poll") == 2
    snap = workshops.snapshot(wid)
    assert sorted(x["values"][0] for x in snap.answers) == ["Agree", "Disagree"]
    assert workshops.own_answer(wid, a, "services_poll") == ["Agree"]

    # A second reset starts empty again: the answer given after the first is not back.
    assert workshops.reset_answers(wid, "services_poll") == 2
    assert workshops.snapshot(wid).answers == ()
    assert workshops.own_answer(wid, a, "services_poll") == []


@pytest.mark.parametrize("seconds, words", [
    (80, "1 minute 20 seconds left"), (120, "2 minutes left"), (45, "45 seconds left"),
    (61, "1 minute 5 seconds left"), (1, "5 seconds left"), (3600, "60 minutes left"),
    (0, controls.TIME_UP)])
def test_phones_say_the_time_left_in_words_rounded_up_to_their_update_step(seconds, words):
    assert controls.countdown_words(seconds) == words


def test_phones_update_the_countdown_every_few_seconds_not_every_second():
    assert 2 <= controls.PHONE_TICK_SECONDS <= 5
    assert controls.countdown_words(79, step=1) == "1 minute 19 seconds left"


def test_starting_or_stopping_a_countdown_moves_the_phones_on(workshops, open_workshop):
    """Phones run their page again when the version they follow goes up."""
    wid = open_workshop["id"]
    before = workshops.get(wid)["follow_version"]
    workshops.start_timer(wid, 90)
    assert workshops.get(wid)["follow_version"] == before + 1
    workshops.stop_timer(wid)
    assert workshops.get(wid)["follow_version"] == before + 2
