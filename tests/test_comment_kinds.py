"""A pack may add kinds of comment beyond issue, idea and question: phones offer them, the
report words each its own way, and the pack's input is checked with clear messages."""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from pages import ui
from store import MemoryStore
from tests.conftest import SCENARIOS
from tests.test_pages import SECRET, run
from tests.test_pages_console import APP
from workshop.claims import check_report
from workshop.errors import InvalidInput, PackError
from workshop.exchange import import_csv
from workshop.report import draft_report
from workshop.scenarios import pack_from_yaml
from workshop.workshops import Workshops

KINDS = """comment_kinds:
- id: experience
  label: Experience
  report: Experiences shared
"""


def _yaml(kinds: str = KINDS) -> str:
    text = (SCENARIOS / "peoples_borough.yaml").read_text(encoding="utf-8")
    return text.replace("id: peoples_borough\n", "id: shared_stories\n" + kinds, 1)


@pytest.fixture
def storied(tmp_path):
    pack = pack_from_yaml(_yaml(), "shared_stories.yaml")
    ws = Workshops(MemoryStore(), {pack.id: pack}, tmp_path / "live")
    w = ws.create("Stories day", "Wales", pack.id)
    ws.set_status(w["id"], "open")
    return ws, w["id"]


def test_the_packs_kinds_are_offered_taken_and_worded_in_the_report(storied):
    ws, wid = storied
    assert ws.pack_of(wid).comment_kinds == {
        "issue": "Issue or concern", "idea": "Idea or way forward", "question": "Question",
        "experience": "Experience"}
    people = [ws.join(wid, role, "1")["id"] for role in ("provider", "commissioner")]
    ws.submit_comment(wid, people[0], "services", "My carer changed six times in a month",
                      "experience")
    ws.submit_comment(wid, people[1], "services", "We moved to outcome contracts last year",
                      "experience")
    ws.submit_comment(wid, people[0], "services", "Contracts are too rigid", "issue")
    with pytest.raises(InvalidInput, match="Please choose what you are adding: issue or "
                                           "concern, idea or way forward, question or "
                                           "experience."):
        ws.submit_comment(wid, people[0], "services", "Something", "rumour")
    snap = ws.snapshot(wid)
    draft = draft_report(snap)
    shared = draft.split("Experiences shared by two people:\n")[1].split("\n\n")[0]
    assert sorted(shared.splitlines()) == [
        "- \u201cMy carer changed six times in a month\u201d (Smaller groups combined)",
        "- \u201cWe moved to outcome contracts last year\u201d (Smaller groups combined)"]
    assert "| Experience | \u201cWe moved to outcome contracts last year\u201d" in draft
    # Not a concern, not a way forward: the lead-ins of those kinds leave them out.
    concerns = next(x for x in draft.splitlines() if "concern" in x.lower() and x.endswith(":"))
    after = draft.split(concerns + "\n")[1].split("\n\n")[0]
    assert "six times" not in after
    assert check_report(snap, draft).ok, check_report(snap, draft).problems


def test_paper_comments_may_be_of_the_packs_kinds(storied):
    ws, wid = storied
    csv = ("question_id,text,role,table,kind\n"
           "services,Our day centre closed,provider,3,experience\n")
    assert import_csv(ws, wid, csv).comments == 1
    with pytest.raises(InvalidInput, match="unknown kind 'anecdote' \\(valid: issue, idea, "
                                           "question, experience\\)"):
        import_csv(ws, wid, csv.replace(",experience", ",anecdote"))


@pytest.mark.parametrize("kinds, message", [
    ("comment_kinds: experience\n", "comment_kinds: must be a list of kinds of comment"),
    ("comment_kinds:\n- id: idea\n  label: Idea\n  report: Ideas\n",
     "'idea' is already a kind of comment"),
    ("comment_kinds:\n- id: experience\n  label: Experience\n",
     "comment_kinds[0].report: missing"),
    ("comment_kinds:\n- id: experience\n  label: Experience\n  report: Suggestions made\n",
     "uses the word 'Suggestions', which the report keeps for issues, ideas and questions"),
    ("comment_kinds:\n- id: experience\n  label: " + "x" * 41 + "\n  report: Shared\n",
     "comment_kinds[0].label: is 41 characters long"),
    ("comment_kinds:\n- id: experience\n  label: Question\n  report: Shared\n",
     "'Question' is the label of another kind"),
    ("comment_kinds:\n- id: Experience\n  label: Experience\n  report: Shared\n",
     "'Experience' is not a valid id"),
])
def test_bad_comment_kinds_in_a_pack_are_refused_with_the_fix(kinds, message):
    with pytest.raises(PackError) as refused:
        pack_from_yaml(_yaml(kinds), "shared_stories.yaml")
    assert message in str(refused.value)


def test_a_phone_offers_the_packs_kinds(monkeypatch):
    monkeypatch.setenv("WORKSHOP_FACILITATOR_SECRET", SECRET)
    st.cache_resource.clear()
    try:
        ws = ui.workshops()
        ws.add_pack(pack_from_yaml(_yaml(), "shared_stories.yaml"))
        w = ws.create("Stories day", "Wales", "shared_stories")
        ws.set_status(w["id"], "open")
        me = ws.join(w["id"], "provider", "1")["id"]
        at = AppTest.from_file(APP)
        at.query_params.update({"code": w["join_code"], "me": me})
        at = run(at)
        choice = at.radio(key="comment_kind")
        assert choice.options == ["Issue or concern", "Idea or way forward", "Question",
                                  "Experience"]
        choice.set_value("experience")
        at.text_area(key="comment_text").input("My carer changed six times in a month")
        at = run(at.button(key="send_comment").click())
        [saved] = ws.own_comments(w["id"], me)
        assert saved["kind"] == "experience"
        assert "1. **Experience:** My carer changed six times in a month" in [
            m.value for m in at.markdown]
    finally:
        st.cache_resource.clear()
