"""The screens of the structured kinds with Streamlit's AppTest: a delegate answers each
kind and sees it saved; the projector and console draw each kind's charts."""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from pages import ui
from tests.conftest import ROOT
from tests.test_pages import SECRET, run
from tests.test_scenarios import NEW_KINDS
from workshop.scenarios import pack_from_yaml

APP = str(ROOT / "workshop_app.py")


@pytest.fixture
def room(monkeypatch):
    monkeypatch.setenv("WORKSHOP_FACILITATOR_SECRET", SECRET)
    st.cache_resource.clear()
    ws = ui.workshops()  # the same instance the pages use
    ws.add_pack(pack_from_yaml(NEW_KINDS.replace(
        "roles: [{id: judge, label: Judge}]",
        "roles: [{id: judge, label: Judge}, {id: other, label: Other}]"), "formats.yaml"))
    w = ws.create("Formats day", "Scotland", "formats")
    ws.set_status(w["id"], "open")
    yield ws, w
    st.cache_resource.clear()


def phone(ws, w, qid):
    """A delegate's page on question qid."""
    ws.set_current(w["id"], qid)
    me = ws.join(w["id"], "judge", "Table 1")["id"]
    at = AppTest.from_file(APP)
    at.query_params.update({"code": w["join_code"], "me": me})
    return run(at), me


def button(at, label):
    return next(b for b in at.button if b.label == label)


def saved(at) -> str:
    return " ".join(s.value for s in at.success)


def test_delegate_ranks_by_tapping_in_order_and_can_change_it(room):
    ws, w = room
    at, me = phone(ws, w, "r")
    assert [b.label for b in at.button if b.key.startswith("place_r_")] == ["A", "B", "C"]
    at = run(at.button(key="place_r_2").click())  # C first
    at = run(button(at, "Save my order").click())
    assert "'A' has no place yet" in at.error[0].value
    assert "1. C" in " ".join(m.value for m in at.markdown)  # nothing chosen is lost
    at = run(at.button(key="place_r_0").click())  # A second; B takes the last place itself
    assert not [b for b in at.button if b.key.startswith("place_r_")]
    at = run(button(at, "Save my order").click())
    assert "your order is saved" in saved(at)
    assert ws.own_answer(w["id"], me, "r") == ["C", "A", "B"]
    at = run(button(at, "Start again").click())
    at = run(at.button(key="place_r_1").click())
    at = run(at.button(key="place_r_0").click())
    at = run(button(at, "Change my order").click())
    assert ws.own_answer(w["id"], me, "r") == ["B", "A", "C"]


def test_delegate_shares_points_and_sees_what_is_left(room):
    ws, w = room
    at, me = phone(ws, w, "p")
    assert "10 of 10 points left" in " ".join(m.value for m in at.markdown)
    at.number_input(key="pts_p_0").set_value(7)
    at = run(at)
    assert "3 of 10 points left" in " ".join(m.value for m in at.markdown)
    at = run(button(at, "Save my points").click())
    assert "Please give 3 more" in at.error[0].value
    at.number_input(key="pts_p_1").set_value(3)
    at = run(button(at, "Save my points").click())
    assert "your points are saved" in saved(at)
    assert ws.answer_row(w["id"], me, "p")["points"] == {"A": 7, "B": 3}


def test_judge_scores_entry_by_entry(room):
    ws, w = room
    at, me = phone(ws, w, "j")
    assert "One (not scored yet)" in at.selectbox(key="entry_j").options[0]
    at.radio(key="sc_j_e1_0").set_value(4)
    at = run(button(at, "Save scores for this entry").click())
    assert "'Value' has no score yet" in at.error[0].value
    at.radio(key="sc_j_e1_1").set_value(5)
    at.text_area(key="note_j_e1").input("Clear and costed")
    at = run(button(at, "Save scores for this entry").click())
    assert "Your scores for \u201cOne\u201d are saved. Next to score: \u201cTwo\u201d" in saved(at)
    assert at.selectbox(key="entry_j").value == "e2"
    assert "One: scored, total 9" in " ".join(m.value for m in at.markdown)
    row = ws.answer_row(w["id"], me, "j")
    assert row["scores"] == {"e1": {"Clarity": 4, "Value": 5}}
    assert row["notes"]["e1"] == "Clear and costed"


def test_group_rates_each_option_with_a_reason(room):
    ws, w = room
    at, me = phone(ws, w, "m")
    at.radio(key="rt_m_0_0").set_value("High")
    at.text_area(key="why_m_0").input("Legal challenge is likely")
    at = run(button(at, "Save ratings for this option").click())
    assert "Your ratings for \u201cX\u201d are saved" in saved(at)
    assert "1 of 2" in " ".join(m.value for m in at.markdown)
    row = ws.answer_row(w["id"], me, "m")
    assert row["ratings"] == {"X": {"Risk": "High"}}
    assert row["reasons"] == {"X": "Legal challenge is likely"}


def test_card_sort_then_the_answers_in_words(room):
    ws, w = room
    at, me = phone(ws, w, "cs")
    at.radio(key="cs_cs_0").set_value("Red rule")
    at.radio(key="cs_cs_1").set_value("Red rule")
    at = run(button(at, "Save my sorting").click())
    assert "your sorting is saved" in saved(at)
    ws.set_revealed(w["id"], "cs", True)
    at = run(at)
    text = " ".join(m.value for m in at.markdown)
    assert "Answer: **Blue rule**" in text and "You said: Red rule \u2013 \u2717 does not match" \
        in text
    assert "You sorted **0 of 1 card** the same as the answer" in text
    assert "No single right answer" in text


def test_idea_board_post_vote_and_take_back(room):
    ws, w = room
    at, me = phone(ws, w, "i")
    at.text_area(key="idea_text_i").input("Longer lead-in times")
    at = run(button(at, "Post my idea").click())
    assert "Please choose where your idea belongs" in at.error[0].value
    assert at.text_area(key="idea_text_i").value == "Longer lead-in times"
    at.radio(key="idea_tag_i").set_value("Procurement")
    at = run(button(at, "Post my idea").click())
    assert "your idea is on the board" in saved(at)
    assert "You have 2 of 2 votes left" in " ".join(m.value for m in at.markdown)
    at = run(button(at, "Vote for idea 1").click())
    assert "You have 1 of 2 votes left" in saved(at)
    idea = ws.snapshot(w["id"]).comments[0]
    assert ws.own_answer(w["id"], me, "i") == [idea["id"]]
    at = run(button(at, "Take back my vote for idea 1").click())
    assert ws.own_answer(w["id"], me, "i") == []


def fill(ws, w):
    """Three judges and three others answer every question."""
    wid = w["id"]
    people = {}
    for qid in ("r", "p", "j", "m", "cs", "i"):
        ws.set_current(wid, qid)
        people[qid] = [ws.join(wid, role, "1")["id"] for role in ("judge", "other") * 3]
    for k, me in enumerate(people["r"]):
        ws.set_current(wid, "r")
        ws.answer_ranking(wid, me, "r", ["A", "B", "C"] if k % 2 else ["C", "B", "A"])
        ws.set_current(wid, "p")
        ws.answer_points(wid, people["p"][k], "p", {"A": k, "B": 10 - k})
        ws.set_current(wid, "j")
        ws.score_entry(wid, people["j"][k], "j", "e1", {"Clarity": 3, "Value": 4}, "Good")
        ws.score_entry(wid, people["j"][k], "j", "e2", {"Clarity": 4, "Value": 3})
        ws.set_current(wid, "m")
        ws.rate_option(wid, people["m"][k], "m", "X", {"Risk": "High" if k else "Low"},
                       "Because")
        ws.set_current(wid, "cs")
        ws.sort_cards(wid, people["cs"][k], "cs", {"Always advertise": "Blue rule",
                                                   "Treat bidders equally": "Red rule"})
    ws.set_current(wid, "i")
    ideas = [ws.post_idea(wid, people["i"][k], "i", text, tag)["id"] for k, (text, tag) in
             enumerate([("Longer lead-in times", "Procurement"),
                        ("More time to bid", "Procurement"),
                        ("Multi-year funding", "Commissioning")])]
    ws.vote(wid, people["i"][0], "i", ideas[1])
    return ideas


@pytest.mark.parametrize("qid, expected", [
    ("r", "Average place, by role"), ("p", "Average points, by role"),
    ("j", "Average scores, with rank"), ("m", "Typical rating"),
    ("cs", "How people sorted each card"), ("i", "Ideas with the most votes")])
def test_projector_and_console_draw_every_kind(room, qid, expected):
    ws, w = room
    fill(ws, w)
    ws.set_current(w["id"], qid)
    at = AppTest.from_file(APP)
    at.query_params["code"] = w["join_code"]
    at = run(at.switch_page("pages/projector.py"))
    text = " ".join(m.value for m in at.markdown)
    assert "No answers yet" not in " ".join(i.value for i in at.info)
    assert expected in str(at.get("plotly_chart")[0].proto.spec)
    console = AppTest.from_file(APP)
    console.query_params["key"] = SECRET
    console = run(console.switch_page("pages/console.py"))
    assert expected in str(console.get("plotly_chart")[0].proto.spec)
    assert text


def test_console_reveals_a_card_sort_and_merges_ideas(room):
    ws, w = room
    ideas = fill(ws, w)
    ws.set_current(w["id"], "cs")
    at = AppTest.from_file(APP)
    at.query_params["key"] = SECRET
    at = run(at.switch_page("pages/console.py"))
    at = run(button(at, "Reveal the answers").click())
    assert ws.get(w["id"])["revealed"] == ["cs"]
    assert "Sorted correctly, by role" in str(at.get("plotly_chart")[0].proto.spec)
    at = run(button(at, "Hide the answers").click())
    assert ws.get(w["id"])["revealed"] == []
    ws.set_current(w["id"], "i")
    at = run(at)
    dup, into = (s for s in at.selectbox if s.label in ("The duplicate idea", "Merge it into"))
    dup.set_value(ideas[1])
    into.set_value(ideas[0])
    at = run(button(at, "Merge").click())
    assert ws.store.row(w["id"], "comments", ideas[1])["merged_into"] == ideas[0]
    assert "Merged \u201cMore time to bid\u201d" in saved(at)
    at = run(button(at, "Undo merge").click())
    assert ws.store.row(w["id"], "comments", ideas[1])["merged_into"] is None


def test_console_shows_rating_reasons_and_a_role_selector(room):
    ws, w = room
    fill(ws, w)
    ws.set_current(w["id"], "m")
    at = AppTest.from_file(APP)
    at.query_params["key"] = SECRET
    at = run(at.switch_page("pages/console.py"))
    pick = next(s for s in at.selectbox if s.label == "Show ratings from")
    assert pick.options == ["Everyone", "Judge", "Other"]
    at = run(pick.select("Judge"))
    assert "number of answers below: Judge" in str(
        at.get("plotly_chart")[0].proto.spec)
    assert any(e.label.startswith("Reasons given (6)") for e in at.expander)


def test_an_idea_sent_in_approval_mode_waits_and_the_phone_says_so(room):
    ws, w = room
    ws.set_approval(w["id"], True)
    at, me = phone(ws, w, "i")
    at.text_area(key="idea_text_i").input("Longer lead-in times")
    at.radio(key="idea_tag_i").set_value("Procurement")
    at = run(button(at, "Post my idea").click())
    assert "It will appear on the board once the facilitator has approved it" in saved(at)
    assert not [b for b in at.button if b.label == "Vote for idea 1"]
    ws.approve(w["id"], ws.snapshot(w["id"]).comments[0]["id"])
    at = run(at)
    assert [b for b in at.button if b.label == "Vote for idea 1"]
