"""The delegate's phone as a phone needs it: one tap joins, the question comes first,
errors sit by their control, ranking is a tap per item and points step in tens."""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Expander

from pages import ui

from tests.conftest import ROOT
from tests.test_pages import SECRET, run
from tests.test_scenarios import NEW_KINDS
from workshop.charts import ordinal
from workshop.errors import PackError
from workshop.scenarios import pack_from_yaml

APP = str(ROOT / "workshop_app.py")
EMPTY_COMMENT = "Please type your comment before sending."
SEVEN = ["Choice and control", "Continuity of carers", "Fair pay", "Travel time paid",
         "Outcomes not tasks", "Local providers", "Quick start of care"]


@pytest.fixture
def room(monkeypatch):
    monkeypatch.setenv("WORKSHOP_FACILITATOR_SECRET", SECRET)
    st.cache_resource.clear()
    ws = ui.workshops()  # the same instance the pages use
    ws.add_pack(pack_from_yaml(
        NEW_KINDS.replace("[A, B, C]", "[" + ", ".join(SEVEN) + "]")
        .replace("total: 10", "total: 100"), "formats.yaml"))
    ws.add_pack(pack_from_yaml(NEW_KINDS.replace("id: formats", "id: tables")
                               .replace("roles:", "table: required\nroles:"), "tables.yaml"))
    yield ws
    st.cache_resource.clear()


def opened(ws, pack_id: str) -> dict:
    w = ws.create("Phone day", "Wales", pack_id)
    ws.set_status(w["id"], "open")
    return ws.get(w["id"])


def page(w, me=None) -> AppTest:
    at = AppTest.from_file(APP)
    at.query_params.update({"code": w["join_code"], **({"me": me} if me else {})})
    return run(at)


def in_order(node) -> list:
    """Every element of the page, in the order a phone shows them."""
    children = getattr(node, "children", None)
    if children is None:
        return [node]
    return [el for child in children.values() for el in in_order(child)]


def test_one_tap_on_a_role_joins_and_the_table_can_follow(room):
    ws = room
    w = opened(ws, "peoples_borough")
    at = page(w)
    roles = [b for b in at.button if b.key and b.key.startswith("role_")]
    assert [b.label for b in roles] == [r.label for r in ws.pack_of(w["id"]).roles]
    assert not at.text_input  # nothing to type before joining
    at = run(at.button(key="role_provider").click())
    me = at.query_params["me"]
    assert ws.delegate(w["id"], me)["role"] == "provider"
    assert ws.delegate(w["id"], me)["table"] == ""
    assert any(e.label == "Your table number or name (optional)" for e in at.expander)
    next(t for t in at.text_input if t.label == "Your table number or name").input("Table 6")
    at = run(next(b for b in at.button if b.label == "Save my table").click())
    assert "your table is saved" in " ".join(s.value for s in at.success)
    assert ws.delegate(w["id"], me)["table"] == "Table 6"
    assert any("You joined as Care provider, Table 6" in c.value for c in at.caption)


def test_a_pack_that_requires_a_table_refuses_to_join_without_one(room):
    ws = room
    w = opened(ws, "tables")
    at = page(w)
    at = run(at.button(key="role_judge").click())
    assert "me" not in at.query_params
    assert not ws.snapshot(w["id"]).delegates
    shown = in_order(at.main)
    table = next(i for i, el in enumerate(shown) if getattr(el, "label", "") ==
                 "Your table number or name")
    # The message is right under the table box, before the role buttons.
    assert shown[table + 1].type == "error" and "table" in shown[table + 1].value
    at.text_input(key="join_table").input("Table 2")
    at = run(at.button(key="role_judge").click())
    assert ws.delegate(w["id"], at.query_params["me"])["table"] == "Table 2"


def test_the_table_rule_is_checked_in_the_pack():
    with pytest.raises(PackError, match="table: .*'sometimes' is not one of optional, "
                                        "required"):
        pack_from_yaml(NEW_KINDS.replace("roles:", "table: sometimes\nroles:"), "p.yaml")
    assert not pack_from_yaml(NEW_KINDS, "p.yaml").table_required
    assert pack_from_yaml(NEW_KINDS.replace("roles:", "table: required\nroles:"),
                          "p.yaml").table_required


def test_the_question_comes_first_and_the_scenario_is_one_tap_away(room):
    ws = room
    w = opened(ws, "peoples_borough")
    me = ws.join(w["id"], "user", "")["id"]
    pack = ws.pack_of(w["id"])
    ws.move(w["id"], 1)  # the facilitator moves on
    question = pack.question(ws.get(w["id"])["current_question_id"])
    card = pack.card_of(question.id)
    at = page(w, me)
    top = list(at.main.children.values())
    kinds = [el.type for el in top]
    assert at.title[0].value == question.prompt  # the page's heading is the question
    title, answer = kinds.index("title"), next(i for i, el in enumerate(top)
                                                if "radio" in [e.type for e in in_order(el)])
    # Between the question and its answer: only the scenario, closed.
    assert answer == title + 2 and isinstance(top[title + 1], Expander)
    expander = top[title + 1]
    assert expander.label == "Read the scenario"
    assert card.scenario.split()[0] in expander.markdown[0].value
    assert not [m for m in at.markdown if m.value.startswith("**Scenario:**")]
    assert card.title in [c.value for c in at.caption]


def test_an_empty_comment_is_told_so_under_the_box(room):
    ws = room
    w = opened(ws, "peoples_borough")
    me = ws.join(w["id"], "user", "")["id"]
    at = page(w, me)
    at = run(at.button(key="send_comment").click())
    shown = in_order(at.main)
    box = next(i for i, el in enumerate(shown) if el.type == "text_area")
    assert shown[box + 1].type == "error" and shown[box + 1].value == EMPTY_COMMENT
    assert shown[box + 2].label == "Send comment"
    at.text_area(key="comment_text").input("Pay for travel time")
    at = run(at.button(key="send_comment").click())
    at = run(at.button(key="send_comment").click())  # the same tap twice: still saved
    assert not at.error and "saved" in at.success[0].value
    at.session_state["sent_at"] = at.session_state["sent_at"] - 60  # a minute later
    at = run(at.button(key="send_comment").click())
    assert [e.value for e in at.error] == [EMPTY_COMMENT]
    assert [c["text"] for c in ws.own_comments(w["id"], me)] == ["Pay for travel time"]


def test_seven_items_are_ranked_with_six_taps_and_saved(room):
    ws = room
    w = opened(ws, "formats")
    ws.set_current(w["id"], "r")
    me = ws.join(w["id"], "judge", "")["id"]
    at = page(w, me)
    wanted = [SEVEN[n] for n in (4, 1, 2, 0, 6, 3, 5)]
    for n, item in enumerate(wanted[:-2], start=2):
        at = run(at.button(key=f"place_r_{SEVEN.index(item)}").click())
        assert f"Tap the item for {ordinal(n)} place." in [m.value for m in at.markdown]
    at = run(at.button(key=f"place_r_{SEVEN.index(wanted[-1])}").click())
    at = run(next(b for b in at.button if b.label == "Undo last").click())  # both last two
    assert len([b for b in at.button if b.key.startswith("place_r_")]) == 2
    at = run(at.button(key=f"place_r_{SEVEN.index(wanted[-2])}").click())  # the 6th tap
    assert not [b for b in at.button if b.key.startswith("place_r_")]
    assert "7. " + wanted[-1] in " ".join(m.value for m in at.markdown)
    at = run(next(b for b in at.button if b.label == "Save my order").click())
    assert ws.own_answer(w["id"], me, "r") == wanted


def test_points_step_in_tens_out_of_100_and_any_number_can_be_typed(room):
    ws = room
    w = opened(ws, "formats")
    ws.set_current(w["id"], "p")
    me = ws.join(w["id"], "judge", "")["id"]
    at = page(w, me)
    assert [n.step for n in at.number_input] == [10, 10]
    at.number_input(key="pts_p_0").set_value(65)
    at.number_input(key="pts_p_1").set_value(35)
    at = run(next(b for b in at.button if b.label == "Save my points").click())
    assert ws.answer_row(w["id"], me, "p")["points"] == {"A": 65, "B": 35}


def test_the_facilitators_countdown_is_on_the_phone_in_words_then_says_time_is_up(room):
    """Shown above the answer in plain words (not a clock a screen reader reads as a
    ratio), and once it has run out it says so; a stopped countdown is gone."""
    import time
    from workshop import controls
    ws = room
    w = opened(ws, "peoples_borough")
    me = ws.join(w["id"], "user", "")["id"]
    at = page(w, me)
    assert not [m for m in at.markdown if " left**" in m.value]
    ws.start_timer(w["id"], 80)
    at = page(w, me)
    line = [m.value for m in at.markdown if m.value.endswith(" left**")]
    assert line == [":material/timer: **1 minute 20 seconds left**"]
    top = in_order(at.main)
    timer = next(i for i, el in enumerate(top) if el.type == "markdown"
                 and el.value == line[0])
    box = next(i for i, el in enumerate(top) if el.type == "text_area")
    assert timer < box  # seen before the answer
    ws.store.update_workshop(w["id"], {"timer_ends": time.time() - 1})
    at = page(w, me)
    assert not [m for m in at.markdown if " left**" in m.value]
    assert controls.TIME_UP in [i.value for i in at.info]
    ws.stop_timer(w["id"])
    at = page(w, me)
    assert controls.TIME_UP not in [i.value for i in at.info]
    assert not [m for m in at.markdown if " left**" in m.value]
