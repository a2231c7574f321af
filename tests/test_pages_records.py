"""The console records the panel's decision and the day's agreed actions (AppTest); the
projector shows the decision only once the facilitator chooses to."""

from streamlit.testing.v1 import AppTest

from tests.test_pages import app, run  # noqa: F401  (app: the fixture)
from tests.test_pages_console import APP, console


def _judging(ws):
    w = ws.create("Home care ideas", "Northvale", "home_care_competition")
    ws.set_status(w["id"], "open")
    ws.set_current(w["id"], "judging")
    ws.set_results_shown(w["id"], "judging", False)
    return w


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def _projector(w) -> AppTest:
    projector = AppTest.from_file(APP)
    projector.query_params["code"] = w["join_code"]
    return run(projector.switch_page("pages/projector.py"))


def _decision_on(projector) -> bool:
    return any("The panel's decision." in m.value for m in projector.markdown)


def test_the_decision_is_recorded_refused_when_wrong_and_shown_when_chosen(app):
    ws, _ = app
    w = _judging(ws)
    at = console(workshop=w["id"])
    at.multiselect(key="winners_judging").set_value(["e_ulo"])
    at.text_input(key="casting_judging").input("the chair")
    at.text_input(key="prize_judging").input("4000")
    at = run(_button(at, "Save the decision").click())
    saved = ws.get(w["id"])["decisions"]
    assert saved == {"judging": {"winners": ["e_ulo"], "casting_by": "the chair",
                                 "prize_pence": 400000}}
    assert any("The panel awarded the prize to Direct payments made easy, settled by the "
               "chair's casting vote." in m.value for m in at.success)
    # A wrong prize: a plain message, the saved decision kept, what was typed still there.
    at.text_input(key="prize_judging").input("minus 5")
    at = run(_button(at, "Save the decision").click())
    assert any("is not an amount of money" in e.value for e in at.error)
    assert ws.get(w["id"])["decisions"] == saved
    assert at.text_input(key="prize_judging").value == "minus 5"
    # Hidden from the projector until the facilitator shows it.
    projector = _projector(w)
    assert not _decision_on(projector)
    at = run(_button(at, "Show the decision").click())
    run(projector)
    assert _decision_on(projector)
    assert any("Direct payments made easy received £4,000." in m.value
               for m in projector.markdown)
    at = run(_button(at, "Hide the decision").click())
    run(projector)
    assert not _decision_on(projector)


def test_agreed_actions_are_added_edited_and_removed_in_the_console(app):
    ws, w = app
    at = console(workshop=w["id"])
    at.text_input(key="agreed_new").input("Write to every provider by March")
    at = run(_button(at, "Add").click())
    [item] = ws.get(w["id"])["agreed"]
    assert (item["kind"], item["text"]) == ("action", "Write to every provider by March")
    at.text_input(key="agreed_new").input("   ")
    at = run(_button(at, "Add").click())
    assert any("Please type the agreed action" in e.value for e in at.error)
    at.text_input(key=f"agreed_text_{item['id']}").input("Write to every provider by April")
    at.selectbox(key=f"agreed_kind_{item['id']}").set_value("practice")
    at = run(_button(at, "Save").click())
    [item] = ws.get(w["id"])["agreed"]
    assert (item["kind"], item["text"]) == ("practice", "Write to every provider by April")
    at = run(_button(at, "Remove").click())
    assert ws.get(w["id"])["agreed"] == []
    assert any("Removed" in s.value for s in at.success)


def test_the_decision_on_a_welsh_projector_is_in_welsh(app):
    ws, _ = app
    w = _judging(ws)
    pack = ws.pack_of(w["id"])
    entry = pack.question("judging").entries[0]
    ws.store.update_workshop(w["id"], {"decisions": {"judging": {
        "winners": [entry.id], "casting_by": "", "prize_pence": 400000}}})
    at = console(workshop=w["id"])
    run(_button(at, "Show the decision").click())
    ws.set_screen_language(w["id"], "cy")
    projector = _projector(w)
    said = " ".join(m.value for m in projector.markdown)
    assert "Penderfyniad y panel." in said and "Dyfarnodd y panel y wobr i " in said
    assert "Derbyniodd " in said and "£4,000" in said
    assert "The panel" not in said and " received " not in said
    welsh = pack.in_language("cy").question("judging").entries[0].title
    assert welsh in said or welsh == entry.title  # the entry's Welsh name where it has one
