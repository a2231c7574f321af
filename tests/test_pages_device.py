"""The phone and console screens for one person, one voice (AppTest): a phone that
joined before comes back as the same delegate, limits are explained kindly and lose
nothing typed, wrong join codes are limited, the join page says what is kept, and the
console hides all of one person's comments at once and brings them back."""

import json

from streamlit.testing.v1 import AppTest

from pages import ui
from tests.conftest import ROOT
from tests.test_pages import SECRET, app, run  # noqa: F401  (app: the fixture)
from workshop import devices

APP = str(ROOT / "workshop_app.py")


def page(w, **params) -> AppTest:
    at = AppTest.from_file(APP)
    at.query_params.update({"code": w["join_code"], **params})
    return run(at)


def text_of(at) -> str:
    return " ".join(e.value for kind in ("title", "markdown", "caption", "error", "warning",
                                         "success") for e in getattr(at, kind))


def test_joining_keeps_the_token_in_a_cookie_for_the_link_opened_again(app):
    ws, w = app
    at = page(w)
    at = run(at.button(key="role_provider").click())
    me = at.query_params["me"]
    [kept] = [json.loads(c.proto.json) for c in at.get("bidi_component")
              if c.proto.component_name == "keep_cookie"]
    assert kept == {"name": devices.delegate_cookie(w["join_code"]), "value": me,
                    "max_age": devices.DELEGATE_COOKIE_SECONDS}
    assert kept["name"] == f"workshop_me_{w['join_code']}"


def test_the_link_opened_again_with_the_cookie_is_the_same_delegate(app, monkeypatch):
    ws, w = app
    me = ws.join(w["id"], "provider", "Table 4")["id"]
    monkeypatch.setattr(ui, "remembered_token",
                        lambda code: me if code == w["join_code"] else None)
    at = page(w)  # no me= in the link
    assert at.query_params["me"] == me
    assert "You joined as Care provider, Table 4" in text_of(at)
    assert not [b for b in at.button if b.key and b.key.startswith("role_")]
    assert len(ws.snapshot(w["id"]).delegates) == 1


def test_a_cookie_for_no_delegate_here_asks_to_join_as_usual(app, monkeypatch):
    ws, w = app
    monkeypatch.setattr(ui, "remembered_token", lambda code: "not-a-delegate")
    at = page(w)
    assert any(b.key == "role_user" for b in at.button)
    assert "me" not in at.query_params and not at.warning


def test_the_join_page_says_what_is_kept_and_who_sees_it(app):
    ws, w = app
    text = text_of(page(w))
    assert ("We keep your role, your table and what you send, but not your name or your "
            "phone's address. The facilitator sees all of it; the big screen and the report "
            "show comments and answers with a role only, never who sent them.") in text
    assert "keeps a cookie for a day" in text


def test_the_projector_never_shows_a_delegates_token(app):
    ws, w = app
    me = ws.join(w["id"], "provider", "1")["id"]
    ws.submit_comment(w["id"], me, "services", "Pay for outcomes", "idea")
    at = AppTest.from_file(APP)
    at.query_params["code"] = w["join_code"]
    at = run(at.switch_page("pages/projector.py"))
    assert "Pay for outcomes" in text_of(at)
    assert me not in text_of(at) and me not in str(at.get("component_instance"))


def test_the_eleventh_comment_in_a_minute_is_refused_and_stays_in_the_box(app):
    ws, w = app
    me = ws.join(w["id"], "provider", "1")["id"]
    for i in range(10):
        ws.submit_comment(w["id"], me, "services", f"Point {i}", "issue")
    at = page(w, me=me)
    at.text_area(key="comment_text").input("One more thing about outcomes")
    at = run(at.button(key="send_comment").click())
    assert at.error[0].value.startswith("You have sent 10 comments in the last minute. "
                                        "Please wait ")
    assert "Your comment is still in the box." in at.error[0].value
    assert at.text_area(key="comment_text").value == "One more thing about outcomes"
    assert len(ws.own_comments(w["id"], me)) == 10


def test_too_many_wrong_codes_then_a_plain_message_saying_when(app):
    ws, w = app
    at = run(AppTest.from_file(APP))
    for _ in range(10):
        at.text_input[0].input("ZZZZZZ" if w["join_code"] != "ZZZZZZ" else "YYYYYY")
        at = run(at.button[0].click())
        assert "No workshop has the code" in at.error[0].value
    at.text_input[0].input(w["join_code"])  # even the right code must wait now
    at = run(at.button[0].click())
    assert at.error[0].value == ("That is too many wrong codes in a short time. Please try "
                                 "again in 10 minutes, or ask the facilitator for the link.")
    assert at.text_input[0].value == w["join_code"]  # what was typed stays
    assert at.title[0].value == "Join the workshop"


def test_a_wrong_code_in_the_link_counts_too(app):
    ws, w = app
    for _ in range(10):
        at = AppTest.from_file(APP)
        at.query_params["code"] = "ZZZZZZ" if w["join_code"] != "ZZZZZZ" else "YYYYYY"
        at = run(at)
        assert "No workshop has the code" in at.error[0].value
    at = AppTest.from_file(APP)
    at.query_params["code"] = w["join_code"]
    at = run(at.switch_page("pages/projector.py"))
    assert "too many wrong codes" in at.error[0].value


def test_console_hides_all_from_one_person_and_restores_exactly_those(app):
    ws, w = app
    spammer = ws.join(w["id"], "other", "9")["id"]
    someone = ws.join(w["id"], "user", "1")["id"]
    spam = [ws.submit_comment(w["id"], spammer, "services", f"Buy now {i}", "issue")["id"]
            for i in range(5)]
    ws.set_hidden(w["id"], spam[0], True)  # hidden on its own before
    ws.submit_comment(w["id"], someone, "services", "A real point", "idea")
    at = AppTest.from_file(APP)
    at.query_params["key"] = SECRET
    at = run(at.switch_page("pages/console.py"))
    hide_all = [b for b in at.button if b.label.startswith("Hide all from this person")]
    assert {b.label for b in hide_all} == {"Hide all from this person (4 comments)"}
    at = run(hide_all[0].click())
    assert "Hid 4 comments from this person." in text_of(at)
    assert [c["text"] for c in ws.snapshot(w["id"]).visible_comments] == ["A real point"]
    assert "Hidden together: 4 comments from one Other" in text_of(at).replace("**", "")
    at = run(next(b for b in at.button if b.label == "Restore these 4 comments").click())
    assert "Restored 4 comments." in text_of(at)
    hidden = [c["id"] for c in ws.snapshot(w["id"]).comments if c["hidden"]]
    assert hidden == [spam[0]]


def test_the_eleventh_idea_in_a_minute_is_refused_and_stays_in_the_box(app):
    ws, _ = app
    w = ws.create("Ideas day", "North", "ulo_idea_board")
    ws.set_status(w["id"], "open")
    ws.set_current(w["id"], "ideas")
    tag = ws.pack_of(w["id"]).question("ideas").tags[0]
    me = ws.join(w["id"], "ulo", "1")["id"]
    for i in range(10):
        ws.post_idea(w["id"], me, "ideas", f"Idea {i}", tag)
    at = page(w, me=me)
    at.text_area(key="idea_text_ideas").input("Pay small groups on time")
    at.radio(key="idea_tag_ideas").set_value(tag)
    at = run(next(b for b in at.button if b.label == "Post my idea").click())
    assert at.error[0].value.startswith("You have posted 10 ideas in the last minute.")
    assert at.text_area(key="idea_text_ideas").value == "Pay small groups on time"


def test_a_phone_that_already_keeps_its_token_is_not_asked_to_keep_it_again(app, monkeypatch):
    from pages.shared import follow as follow_module
    ws, w = app
    me = ws.join(w["id"], "provider", "Table 4")["id"]
    monkeypatch.setattr(follow_module, "remembered_token",
                        lambda code: me if code == w["join_code"] else None)
    at = page(w, me=me)
    assert "You joined as Care provider" in text_of(at)
    assert not [c for c in at.get("bidi_component") if c.proto.component_name == "keep_cookie"]
