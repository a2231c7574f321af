"""Smoke tests of every page with Streamlit's AppTest (fragments do not tick here)."""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from pages import ui
from workshop import access
from workshop.text import as_typed

SECRET = "page-test-secret"


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("WORKSHOP_FACILITATOR_SECRET", SECRET)
    st.cache_resource.clear()
    ws = ui.workshops()  # the same instance the pages use
    w = ws.create("Contracting for personalised outcomes", "East Midlands", "peoples_borough")
    ws.set_status(w["id"], "open")
    yield ws, w
    st.cache_resource.clear()


def run(target) -> AppTest:
    """Run the app (or the app of a clicked widget) and fail on any exception, including
    one the app caught and showed as its plain "something went wrong" message."""
    at = target.run(timeout=30)
    assert not at.exception, at.exception
    assert ui.PAGE_FAILED not in [e.value for e in at.error], "the page failed: see stderr"
    return at


def test_delegate_without_code_is_asked_for_it(app):
    at = run(AppTest.from_file(str(ROOT / "workshop_app.py")))
    assert at.title[0].value == "Join the workshop"
    assert at.text_input[0].label == "Join code"


def test_delegate_joins_and_sees_the_current_question(app):
    ws, w = app
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["code"] = w["join_code"]
    run(at)
    run(at.button(key="role_provider").click())  # one tap joins: the table is optional
    assert at.query_params["me"]
    pack = ws.pack_of(w["id"])
    assert at.title[0].value == pack.questions[0].prompt
    assert pack.cards[0].title in [c.value for c in at.caption]
    at.text_area(key="comment_text").input("Specify outcomes rather than tasks")
    run(at.button(key="send_comment").click())
    assert "saved" in at.success[0].value
    assert ws.snapshot(w["id"]).comments[0]["text"] == "Specify outcomes rather than tasks"


def test_own_comments_are_listed_and_changed_one_at_a_time(app):
    """A delegate's comments are listed; the switch opens one form, for the comment chosen
    (two comments starting alike are still told apart); saving and withdrawing work."""
    ws, w = app
    me = ws.join(w["id"], "user", "2")["id"]
    qid = w["current_question_id"]
    first = ws.submit_comment(w["id"], me, qid, "Outcomes matter more than minutes", "idea")
    second = ws.submit_comment(w["id"], me, qid, "Outcomes matter more than minutes, "
                               "and people should say which ones", "issue")
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params.update({"code": w["join_code"], "me": me})
    run(at)
    listed = " ".join(m.value for m in at.markdown)
    assert "Your comments on this question (2)" in listed
    assert "Outcomes matter more than minutes" in listed and "which ones" in listed
    assert not [t for t in at.text_area if t.label == "Edit your comment"]  # not until asked
    at = run(at.toggle(key="change_this").set_value(True))
    at = run(at.selectbox(key="which_this").set_value(second["id"]))
    edit = next(t for t in at.text_area if t.label == "Edit your comment")
    assert edit.value == second["text"]
    edit.input("People should choose their outcomes")
    at = run(next(b for b in at.button if b.label == "Save changes").click())
    assert "Saved" in at.success[0].value
    texts = {c["id"]: c["text"] for c in ws.own_comments(w["id"], me)}
    assert texts == {first["id"]: first["text"],
                     second["id"]: "People should choose their outcomes"}
    at = run(at.selectbox(key="which_this").set_value(first["id"]))
    at = run(next(b for b in at.button if b.label == "Withdraw this comment").click())
    assert [c["id"] for c in ws.own_comments(w["id"], me)] == [second["id"]]
    assert "Withdrawn" in at.success[0].value
    assert "Your comments on this question (1)" in " ".join(m.value for m in at.markdown)


def test_empty_comment_gets_a_clear_message(app):
    ws, w = app
    me = ws.join(w["id"], "user", "2")["id"]
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params.update({"code": w["join_code"], "me": me})
    run(at)
    run(at.button(key="send_comment").click())
    assert "type your comment" in at.error[0].value


def test_console_needs_the_secret(app):
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["key"] = "wrong"
    run(at)
    assert not any(t.value == "Facilitator console" for t in at.title)
    at = run(at.switch_page("pages/console.py"))  # listed for no one, and refused
    assert [m.value for m in at.markdown] == [access.REFUSAL]
    assert not any(t.value == "Facilitator console" for t in at.title)


def test_console_and_report_open_with_the_secret(app):
    ws, w = app
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["key"] = SECRET
    at = run(at.switch_page("pages/console.py"))
    assert at.title[0].value == "Facilitator console"
    run(at.switch_page("pages/report.py"))
    assert at.title[0].value == "Report"
    assert any("\n## Key messages\n" in m.value for m in at.markdown)


def test_projector_shows_code_and_question(app):
    ws, w = app
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["code"] = w["join_code"]
    run(at.switch_page("pages/projector.py"))
    text = " ".join(m.value for m in at.markdown)
    assert ws.pack_of(w["id"]).questions[0].prompt in text


def test_report_edits_are_saved_in_the_store(app):
    ws, w = app
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["key"] = SECRET
    run(at)
    at = run(at.switch_page("pages/report.py"))
    assert f"{w['region']}. This is a fresh draft from the data." in at.caption[0].value
    at.text_area[0].input("# My edited report\n\nWe heard you.")
    at = run(at.button[0].click())
    assert f"{w['region']}. You are editing a saved version." in at.caption[0].value
    assert ws.get(w["id"])["report_edit"] == "# My edited report\n\nWe heard you."
    again = AppTest.from_file(str(ROOT / "workshop_app.py"))
    again.query_params["key"] = SECRET
    run(again)
    again = run(again.switch_page("pages/report.py"))
    assert again.text_area[0].value == "# My edited report\n\nWe heard you."


def test_report_page_warns_when_an_edit_has_a_figure_the_data_does_not_give(app):
    ws, w = app
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["key"] = SECRET
    run(at)
    at = run(at.switch_page("pages/report.py"))
    at.text_area[0].input("# My edited report\n\n412 people took part.")
    at = run(at.button[0].click())
    warning = " ".join(m.value for m in at.warning)
    assert "the figure 412 is not one the data gives" in warning


def test_console_hides_a_comment(app):
    ws, w = app
    me = ws.join(w["id"], "provider", "1")["id"]
    ws.submit_comment(w["id"], me, "services", "An abusive remark", "issue")
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["key"] = SECRET
    at = run(at.switch_page("pages/console.py"))
    hide = next(b for b in at.button if b.label == "Hide")
    at = run(hide.click())
    comment = ws.snapshot(w["id"]).comments[0]
    assert comment["hidden"] is True and comment["text"] == "An abusive remark"
    assert any(b.label == "Restore" for b in at.button)


def test_console_says_who_gave_a_theme_in_words_and_never_a_score(app):
    ws, w = app
    me = ws.join(w["id"], "provider", "1")["id"]
    c = ws.submit_comment(w["id"], me, "services", "Pay for outcomes, not time and task",
                          "idea")
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["key"] = SECRET
    at = run(at.switch_page("pages/console.py"))
    caption = next(x.value for x in at.caption
                   if x.value.startswith("Idea or way forward · ") and " · themes " in x.value)
    assert "(suggested by the app)" in caption
    assert "%" not in caption and "auto" not in caption
    ws.set_comment_themes(w["id"], c["id"], [ws.codebook(w["id"])[0].id])
    at = run(at)
    caption = next(x.value for x in at.caption
                   if x.value.startswith("Idea or way forward · ") and " · themes " in x.value)
    assert caption.endswith(f"themes {ws.codebook(w['id'])[0].label} (set by you)")
    assert "person" not in caption


def test_console_offers_a_possible_new_theme_and_adds_it(app):
    ws, w = app
    texts = ["Transport to day services is a real problem in rural villages",
             "No bus route gets people from the villages to the day centre",
             "Rural transport is patchy, so people miss the day centre"]
    for text in texts:
        me = ws.join(w["id"], "user", "1")["id"]
        comment = ws.submit_comment(w["id"], me, "services", text, "issue")
        ws.store.update(w["id"], "comments", comment["id"], {"themes": []})
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["key"] = SECRET
    run(at)
    at = run(at.switch_page("pages/console.py"))
    assert "Possible new themes" in [h.value for h in at.subheader]
    next(t for t in at.text_input if (t.key or "").startswith("cand_name_")).input(
        "Getting there")
    add = next(b for b in at.button if b.key and b.key.startswith("cand_add_"))
    at = run(add.click())
    assert "Added the theme \u201cGetting there\u201d to three comments." in [
        m.value for m in at.success]
    theme = next(t for t in ws.codebook(w["id"]) if t.label == "Getting there")
    assert all(c["themes"][0]["theme_id"] == theme.id for c in ws.snapshot(w["id"]).comments)


def test_pack_editor_checks_previews_and_saves_a_pack(app, tmp_path, monkeypatch):
    ws, w = app
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["key"] = SECRET
    run(at)
    at = run(at.switch_page("pages/packs.py"))
    assert "This pack is ready to use: 1 card, 1 question (" in at.success[0].value
    editor = next(t for t in at.text_area if (t.key or "").startswith("pack_editor_"))
    line = editor.value.splitlines().index("      kind: comment") + 1
    at = run(editor.input(editor.value.replace("kind: comment", "kind: essay")))
    assert f"your pack: line {line}: stages[0].cards[0].questions[0].kind: 'essay' is not a " \
           "question kind" in as_typed(at.error[0].value)  # as shown: markdown escapes off
    editor = next(t for t in at.text_area if (t.key or "").startswith("pack_editor_"))
    at = run(editor.input(editor.value.replace("kind: essay", "kind: comment")))
    at.selectbox(key="pb_kind").select("ranking")
    at = run(at)
    at.text_input[1].input("Priorities")
    fields = {t.label: t for t in at.text_area}
    fields["Scenario (what delegates read)"].input("Which matters most?")
    fields["Items to put in order, one per line"].input("Choice\nCost\nQuality")
    at.text_input[2].input("Put these in order")
    at = run(next(b for b in at.button if b.label == "Add card").click())
    assert "2 cards, 2 questions" in at.success[0].value
    at = run(next(b for b in at.button if b.label == "Save the pack").click())
    assert "New workshops can use it now" in at.success[-1].value
    assert (tmp_path / "data" / "packs" / "my_workshop.yaml").exists()
    assert ws.packs["my_workshop"].questions[1].options == ("Choice", "Cost", "Quality")


def test_console_shows_comments_a_page_at_a_time(app):
    ws, w = app
    people = [ws.join(w["id"], "provider", "1")["id"] for _ in range(3)]  # 10 each
    for i in range(30):
        ws.submit_comment(w["id"], people[i % 3], "services", f"Point number {i}", "issue")
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["key"] = SECRET
    run(at)
    at = run(at.switch_page("pages/console.py"))
    hide = [b for b in at.button if (b.key or "").startswith("hide_")]
    assert len(hide) == 25 and "Showing the latest 25 of 30." in [c.value for c in at.caption]
    at = run(next(b for b in at.button if b.label == "Show 25 more").click())
    assert len([b for b in at.button if (b.key or "").startswith("hide_")]) == 30



def test_pack_editor_and_import_refuse_aliases_deep_nesting_and_big_files(app):
    from tests.test_scenarios import NEW_KINDS, _laughs
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["key"] = SECRET
    run(at)
    at = run(at.switch_page("pages/packs.py"))
    editor = next(t for t in at.text_area if (t.key or "").startswith("pack_editor_"))
    at = run(editor.input(_laughs()))
    assert "your pack: line 28: uses a YAML anchor or alias (&l0); packs may not use them." \
        in at.error[0].value
    assert any(i.value.startswith("Fix the YAML first") for i in at.info)
    editor = next(t for t in at.text_area if (t.key or "").startswith("pack_editor_"))
    at = run(editor.input(NEW_KINDS + "summary: " + "[" * 50_000 + "]" * 50_000 + "\n"))
    assert "nest more than 20 levels deep" in at.error[0].value
    # Imported files: a big one is refused before it reaches the editor.
    at.file_uploader[0].set_value(("huge.yaml", b"summary: " + b"x" * 600_000, "text/yaml"))
    at = run(at)
    assert "Not imported: huge.yaml: is 586 KB; a pack can be at most 512 KB." in \
        at.error[0].value
    at.file_uploader[0].set_value(("laughs.yaml", _laughs().encode(), "text/yaml"))
    at = run(at)
    assert "uses a YAML anchor or alias (&l0)" in at.error[0].value
    assert not any(b.label == "Save the pack" and not b.disabled for b in at.button)


def _console(at: AppTest) -> AppTest:
    at.query_params["key"] = SECRET
    run(at)
    return run(at.switch_page("pages/console.py"))


def test_a_damaged_workshop_is_shown_as_damaged_and_every_page_still_works(app, tmp_path):
    """Found in review: one damaged store file put a traceback on every page of every
    workshop, and each page run copied it again."""
    import os
    from pathlib import Path
    ws, w = app
    hit = ws.create("Day of the damage", "Region", "peoples_borough")
    folder = Path(os.environ["WORKSHOP_DATA_DIR"])
    (folder / f"{hit['id']}.json").write_bytes(b'{"workshop": {"1": ')
    st.cache_resource.clear()  # as after a restart: every workshop is read again
    ui.workshops()
    at = _console(AppTest.from_file(str(ROOT / "workshop_app.py")))
    [warning] = at.warning
    assert warning.value.startswith(f"**{hit['id']}**: damaged \u2014 The workshop")
    assert "cannot be opened" in warning.value and "Restore" in warning.value
    workshop_box = next(s for s in at.selectbox if s.label == "Workshop")
    assert workshop_box.options == [
        f"{w['title']} \u2013 {w['region']} ({w['date']}, open, join code {w['join_code']})"]
    run(at.switch_page("pages/report.py"))
    assert at.title[0].value == "Report" and not at.error
    phone = AppTest.from_file(str(ROOT / "workshop_app.py"))
    phone.query_params["code"] = w["join_code"]
    run(phone)
    assert not phone.error
    for _ in range(3):  # more page runs: still one copy kept
        run(at)
    assert len(list(folder.glob(f"{hit['id']}.json.corrupt-*"))) == 1


def test_console_deletes_a_workshop_once_its_code_is_typed(app):
    ws, w = app
    other = ws.create("Another day", "Region", "peoples_borough")
    at = _console(AppTest.from_file(str(ROOT / "workshop_app.py")))
    box = next(s for s in at.selectbox if s.label == "Workshop to delete")
    box.select(other["id"])
    next(t for t in at.text_input if t.label.startswith("To confirm")).input("NOPE")
    at = run(next(b for b in at.button if b.label == "Delete this workshop for good").click())
    assert f"Nothing was deleted. To delete \u201cAnother day\u201d ({other['id']}), type its " \
           f"join code, {other['join_code']}, or its title." in at.error[0].value
    assert len(ws.all()) == 2
    next(s for s in at.selectbox if s.label == "Workshop to delete").select(other["id"])
    next(t for t in at.text_input if t.label.startswith("To confirm")).input(
        other["join_code"].lower())
    at = run(next(b for b in at.button if b.label == "Delete this workshop for good").click())
    assert at.success[0].value == f"Deleted \u201cAnother day\u201d ({other['id']})."
    assert [x["id"] for x in ws.all()] == [w["id"]]
    assert [s for s in at.selectbox if s.label == "Workshop to delete"][0].options == [
        f"{w['title']} ({w['date']}, join code {w['join_code']})"]


def test_a_pack_that_cannot_be_used_is_left_out_and_named_not_a_crash(app):
    import os
    from pathlib import Path
    from tests.test_scenarios import _laughs
    packs = Path(os.environ["WORKSHOP_DATA_DIR"]) / "packs"
    packs.mkdir(parents=True, exist_ok=True)
    (packs / "old.yaml").write_text(_laughs(2))
    st.cache_resource.clear()  # as after a restart
    ui.workshops()
    at = _console(AppTest.from_file(str(ROOT / "workshop_app.py")))
    assert at.title[0].value == "Facilitator console"
    at = run(at.switch_page("pages/packs.py"))
    assert at.warning[0].value.startswith("A pack was left out because it cannot be used: "
                                          "old.yaml: line 28: uses a YAML anchor or alias")
