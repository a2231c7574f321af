"""The console is bound to one workshop (AppTest): the workshop in the address is the one
shown and moved, after a reload and on the Report page too; a new workshop is opened at
once with an empty form; the facilitator's cookie is accepted only with the right value."""

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.test_pages import SECRET, app, run  # noqa: F401  (app: the fixture)
from workshop import access

APP = str(ROOT / "workshop_app.py")


def console(**params) -> AppTest:
    at = AppTest.from_file(APP)
    at.query_params.update({"key": SECRET, **params})
    run(at)
    return run(at.switch_page("pages/console.py"))


def picked(at: AppTest) -> str:
    return next(s for s in at.selectbox if s.label == "Workshop").value


def test_the_workshop_in_the_address_is_the_one_shown_and_moved(app):
    ws, first = app
    second = ws.create("Zebra crossing day", "North West", "peoples_borough")
    ws.set_status(second["id"], "open")
    at = console(workshop=second["id"])
    assert picked(at) == second["id"]
    assert at.query_params["workshop"] == second["id"]
    assert any(f"Moving: **Zebra crossing day (join code {second['join_code']})**" == m.value
               for m in at.markdown)
    nxt = next(b for b in at.button if b.label == "Next ▶")
    assert second["join_code"] in nxt.proto.help
    run(nxt.click())
    assert ws.get(second["id"])["follow_version"] > ws.get(first["id"])["follow_version"]
    assert ws.get(first["id"])["current_question_id"] == \
        ws.pack_of(first["id"]).questions[0].id
    # A reload (a new session, same address) stays on it; so does the Report page.
    again = console(workshop=second["id"])
    assert picked(again) == second["id"]
    report = run(again.switch_page("pages/report.py"))
    assert report.title[0].value == "Report"
    assert picked(report) == second["id"]
    assert any("Zebra crossing day" in c.value for c in report.caption)


def test_choosing_another_workshop_puts_it_in_the_address(app):
    ws, first = app
    second = ws.create("Zebra crossing day", "North West", "peoples_borough")
    at = console(workshop=first["id"])
    box = next(s for s in at.selectbox if s.label == "Workshop")
    at = run(box.set_value(second["id"]))
    assert at.query_params["workshop"] == second["id"]
    assert picked(at) == second["id"]


def test_a_workshop_no_longer_here_is_explained_and_another_chosen(app):
    ws, first = app
    at = console(workshop="gone-1234")
    assert picked(at) == first["id"]
    assert any("not here" in w.value for w in at.warning)


def test_create_opens_the_new_workshop_with_the_form_cleared(app):
    ws, first = app
    at = console(workshop=first["id"])
    title = next(t for t in at.text_input if t.label == "Title")
    title.input("Autumn market day")
    next(t for t in at.text_input if t.label == "Region").input("Yorkshire")
    at = run(next(b for b in at.button if b.label == "Create workshop").click())
    made = next(w for w in ws.all() if w["title"] == "Autumn market day")
    assert picked(at) == made["id"]
    assert at.query_params["workshop"] == made["id"]
    assert next(t for t in at.text_input if t.label == "Region").value == ""
    assert "Created \u201cAutumn market day\u201d" in at.success[0].value
    assert len(ws.all()) == 2


def test_the_facilitator_cookie_is_a_keyed_hash_accepted_only_when_right(app):
    value = access.facilitator_cookie_value()
    assert SECRET not in value and len(value) == 64
    assert access.is_facilitator_cookie(value)
    assert not access.is_facilitator_cookie(value[:-1] + ("0" if value[-1] != "0" else "1"))
    assert not access.is_facilitator_cookie("")
    assert not access.is_facilitator_cookie(None)
    assert not access.is_facilitator_cookie(SECRET)


def test_the_console_asks_the_browser_to_keep_the_facilitator_cookie(app):
    import json
    at = console()
    [args] = [json.loads(c.proto.json) for c in at.get("bidi_component")
              if c.proto.component_name == "keep_cookie"]
    assert args == {"name": "workshop_facilitator", "value": access.facilitator_cookie_value(),
                    "max_age": 24 * 60 * 60, "same_site": "Strict"}


def _feed_texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if "Specify" in m.value or "Pay for" in m.value]


def test_the_live_tab_lists_new_comments_newest_first_with_hide_and_restore(app):
    ws, w = app
    me = ws.join(w["id"], "provider", "1")["id"]
    ws.submit_comment(w["id"], me, "services", "Specify outcomes rather than tasks", "idea")
    ws.submit_comment(w["id"], me, "services", "Pay for travel time in rural areas", "issue")
    at = console(workshop=w["id"])
    assert any(h.value == "Latest comments" for h in at.subheader)
    feed = _feed_texts(at)
    assert feed[0] == "Pay for travel time in rural areas"
    assert feed[1] == "Specify outcomes rather than tasks"
    at = run(at.button(key=f"feed_hide_{ws.snapshot(w['id']).comments[1]['id']}").click())
    newest = ws.snapshot(w["id"]).comments[1]
    assert newest["hidden"] is True
    assert "**(hidden)** Pay for travel time in rural areas" in [m.value for m in at.markdown]
    at = run(at.button(key=f"feed_hide_{newest['id']}").click())
    assert at.button(key=f"feed_hide_{newest['id']}").label == "Hide"
    assert ws.snapshot(w["id"]).comments[1]["hidden"] is False
    at = run(at.button(key=f"feed_all_{newest['id']}").click())
    assert ws.snapshot(w["id"]).visible_comments == []
    assert "Hid 2 comments from this person" in " ".join(s.value for s in at.success)


def test_approval_mode_is_switched_in_the_console_and_comments_wait_for_approve(app):
    ws, w = app
    at = console(workshop=w["id"])
    toggle = next(t for t in at.toggle if t.label.startswith("Approve comments before"))
    at = run(toggle.set_value(True))
    assert ws.get(w["id"])["approval"] is True
    me = ws.join(w["id"], "provider", "1")["id"]
    c = ws.submit_comment(w["id"], me, "services", "Specify outcomes rather than tasks",
                          "idea")
    at = run(at)
    assert "**Waiting for approval** Specify outcomes rather than tasks" in [
        m.value for m in at.markdown]
    assert ws.snapshot(w["id"]).visible_comments == []
    run(at.button(key=f"feed_ok_{c['id']}").click())
    assert [x["id"] for x in ws.snapshot(w["id"]).visible_comments] == [c["id"]]


def test_the_phone_says_a_comment_waits_for_approval(app):
    ws, w = app
    ws.set_approval(w["id"], True)
    phone = AppTest.from_file(APP)
    phone.query_params["code"] = w["join_code"]
    run(phone)
    run(phone.button(key="role_provider").click())
    phone.text_area(key="comment_text").input("Specify outcomes rather than tasks")
    run(phone.button(key="send_comment").click())
    assert ("Your comment will appear on the screen once the facilitator has approved it."
            in phone.success[0].value)


def test_results_and_voting_are_controlled_from_the_console_and_seen_on_the_room(app):
    ws, w = app
    me = ws.join(w["id"], "provider", "1")["id"]
    ws.join(w["id"], "provider", "2")
    ws.submit_comment(w["id"], me, "services", "Specify outcomes rather than tasks", "idea")
    at = console(workshop=w["id"])
    assert "**1 of 2** answered" in [m.value for m in at.markdown]
    at = run(next(b for b in at.button if b.label == "Hide results").click())
    assert any(b.label == "Show results" for b in at.button)
    projector = AppTest.from_file(APP)
    projector.query_params["code"] = w["join_code"]
    run(projector.switch_page("pages/projector.py"))
    assert any("Results will be shown when the facilitator reveals them." in m.value
               for m in projector.markdown)
    at = run(next(b for b in at.button if b.label == "Close voting").click())
    assert any(b.label == "Open voting" for b in at.button)
    phone = AppTest.from_file(APP)
    phone.query_params.update({"code": w["join_code"], "me": me})
    run(phone)
    assert any("Voting on this question is closed" in i.value for i in phone.info)
    assert not [b for b in phone.button if b.label == "Send comment"]
    at = run(next(b for b in at.button if b.label == "Show results").click())
    run(projector)
    assert not [m for m in projector.markdown if "Results will be shown" in m.value]


def test_a_countdown_started_in_the_console_is_on_the_projector(app):
    ws, w = app
    at = console(workshop=w["id"])
    assert "No countdown running." in [m.value for m in at.markdown]
    at = run(next(b for b in at.button if b.label == "Start countdown").click())
    assert any(m.value.startswith("**Time left: 2:0") or m.value.startswith("**Time left: 1:5")
               for m in at.markdown)
    projector = AppTest.from_file(APP)
    projector.query_params["code"] = w["join_code"]
    run(projector.switch_page("pages/projector.py"))
    assert any("Time left: " in m.value for m in projector.markdown)
    at = run(next(b for b in at.button if b.label == "Stop countdown").click())
    assert ws.get(w["id"])["timer_ends"] is None
    run(projector)
    assert not any("Time left: " in m.value for m in projector.markdown)


def test_answers_are_reset_and_brought_back_from_the_console(app):
    ws, w = app
    ws.set_current(w["id"], "services_poll")
    me = ws.join(w["id"], "provider", "1")["id"]
    ws.answer_poll(w["id"], me, "services_poll", "Agree")
    at = console(workshop=w["id"])
    assert "**1 of 1** answered" in [m.value for m in at.markdown]
    at = run(next(b for b in at.button if b.label == "Reset answers").click())
    assert "Set 1 answer aside" in at.success[0].value
    assert "**0 of 1** answered" in [m.value for m in at.markdown]
    at = run(next(b for b in at.button if b.label == "Bring back the answers set aside")
             .click())
    assert "Brought back 1 answer." in [s.value for s in at.success]
    assert "**1 of 1** answered" in [m.value for m in at.markdown]
    assert ws.own_answer(w["id"], me, "services_poll") == ["Agree"]


def test_every_room_control_has_a_keyboard_shortcut_named_in_its_help(app):
    """Alt+N, Alt+P move on and back; Alt+S shows or hides the results; Alt+V closes or
    opens voting. Each button says its shortcut in its help, whichever way it points."""
    ws, w = app
    ws.move(w["id"], 1)
    at = console(workshop=w["id"])
    expected = {"Next ▶": "alt+n", "◀ Previous": "alt+p", "Hide results": "alt+s",
                "Close voting": "alt+v"}

    def shortcuts(at):
        return {b.label: (b.proto.shortcut.lower(), b.proto.help) for b in at.button
                if b.proto.shortcut}
    found = shortcuts(at)
    for label, key in expected.items():
        assert found[label][0] == key
        assert f"(Alt+{key[-1].upper()})" in found[label][1], label
    at = run(next(b for b in at.button if b.label == "Close voting").click())
    at = run(next(b for b in at.button if b.label == "Hide results").click())
    now = shortcuts(at)
    assert now["Open voting"][0] == "alt+v" and "(Alt+V)" in now["Open voting"][1]
    assert now["Show results"][0] == "alt+s" and "(Alt+S)" in now["Show results"][1]


def _listed(at: AppTest) -> list[str]:
    """The comments listed under Comments and themes, top to bottom."""
    return [m.value for m in at.tabs[1].markdown]


def test_comments_and_themes_takes_in_new_comments_but_not_under_an_unsaved_change(app):
    """The tab brings itself up to date (a fragment run every few seconds, like the live
    feed). While a theme change is not saved, the list stays as it was, says how many new
    comments wait, and keeps the change; saved, the new ones show."""
    from pages.facilitator import REFRESH_SECONDS
    assert REFRESH_SECONDS <= 5
    ws, w = app
    me = ws.join(w["id"], "provider", "1")["id"]
    first = ws.submit_comment(w["id"], me, "services", "Specify outcomes rather than tasks",
                              "idea")
    at = console(workshop=w["id"])
    assert _listed(at) == ["Specify outcomes rather than tasks"]
    ws.submit_comment(w["id"], me, "services", "Pay for travel time in rural areas", "issue")
    at = run(at)
    assert _listed(at) == ["Pay for travel time in rural areas",
                           "Specify outcomes rather than tasks"]
    themes = at.multiselect(key=f"th_{first['id']}")
    other = next(t.id for t in ws.codebook(w["id"]) if t.id not in themes.value)
    at = run(themes.set_value([other]))
    ws.submit_comment(w["id"], me, "services", "Let people choose their carers", "idea")
    at = run(at)
    assert "Let people choose their carers" not in _listed(at)
    assert "1 new comment will show here when you save or undo your theme change." in [
        i.value for i in at.tabs[1].info]
    assert at.multiselect(key=f"th_{first['id']}").value == [other]
    at = run(at.button(key=f"save_{first['id']}").click())
    assert [t["theme_id"] for t in next(c for c in ws.snapshot(w["id"]).comments
                                        if c["id"] == first["id"])["themes"]] == [other]
    assert _listed(at)[0] == "Let people choose their carers"
    assert not at.tabs[1].info


def test_with_500_waiting_the_queue_shows_the_oldest_few_with_a_count(app):
    """Approval mode in a big room: the console lists the ten comments waiting longest,
    oldest first, says how many wait in all, and moves on to the next as they are
    approved; the comments already shown keep their own short list."""
    from pages.facilitator.feed import QUEUE_SIZE
    ws, w = app
    me = ws.join(w["id"], "provider", "1")["id"]
    ws.submit_comment(w["id"], me, "services", "Shown before approval was asked for", "idea")
    ws.set_approval(w["id"], True)
    people = [ws.join(w["id"], "user", str(n))["id"] for n in range(500)]
    sent = [ws.submit_comment(w["id"], p, "services", f"Waiting comment number {n + 1}",
                              "idea") for n, p in enumerate(people)]
    at = console(workshop=w["id"])
    waiting = [m.value for m in at.tabs[0].markdown
               if m.value.startswith("**Waiting for approval**")]
    assert waiting == [f"**Waiting for approval** Waiting comment number {n}"
                       for n in range(1, QUEUE_SIZE + 1)]
    assert "#### Waiting for approval (500)" in [m.value for m in at.markdown]
    assert any("The 10 waiting longest of 500" in c.value for c in at.caption)
    assert "Shown before approval was asked for" in [m.value for m in at.markdown]
    at = run(at.button(key=f"feed_ok_{sent[0]['id']}").click())
    assert "#### Waiting for approval (499)" in [m.value for m in at.markdown]
    at = run(at.button(key="feed_ok_all").click())
    assert "Approved 10 comments." in [s.value for s in at.success]
    waiting = [m.value for m in at.tabs[0].markdown
               if m.value.startswith("**Waiting for approval**")]
    assert waiting[0] == "**Waiting for approval** Waiting comment number 12"
    assert "#### Waiting for approval (489)" in [m.value for m in at.markdown]
    assert len(ws.snapshot(w["id"]).visible_comments) == 12
