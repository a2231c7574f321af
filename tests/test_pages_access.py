"""The facilitator's pages show nothing of the facilitator's without the secret, however
they are reached (Streamlit's AppTest)."""

import re

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from pages import ui
from pages.shared import errors
from tests.conftest import ROOT
from tests.test_pages import SECRET, run
from workshop import access

APP = str(ROOT / "workshop_app.py")
# Every page the navigation lists, but the two anyone with a join code may open.
PUBLIC_PAGES = {"pages/delegate.py", "pages/projector.py"}
FACILITATOR_PAGES = sorted(
    page for page in re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', (ROOT / "workshop_app.py")
                                .read_text()) if page not in PUBLIC_PAGES)
# Files directly in pages/ that are not pages: Streamlit still runs one named in the
# address until the navigation is first set, so each says there is nothing there.
NOT_PAGES = sorted(
    f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py") if p.name != "__init__.py"
    and f"pages/{p.name}" not in re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"',
                                            (ROOT / "workshop_app.py").read_text()))
NO_KEY = [None, "wrong", SECRET[:-1], SECRET + "x", ""]
PRIVATE = "Only the facilitator may read this remark"
EDIT = "A draft the facilitator has not shared yet"


@pytest.fixture
def room(monkeypatch):
    """A workshop with something private on each page: a hidden comment, an edited report."""
    monkeypatch.setenv("WORKSHOP_FACILITATOR_SECRET", SECRET)
    st.cache_resource.clear()
    ws = ui.workshops()
    w = ws.create("Contracting for personalised outcomes", "East Midlands", "peoples_borough")
    ws.set_status(w["id"], "open")
    me = ws.join(w["id"], "provider", "1")["id"]
    comment = ws.submit_comment(w["id"], me, w["current_question_id"], PRIVATE, "issue")
    ws.set_hidden(w["id"], comment["id"], True)
    ws.save_report_edit(w["id"], f"# Report\n\n{EDIT}")
    yield ws, ws.get(w["id"])
    st.cache_resource.clear()


def test_every_facilitator_page_is_checked_here():
    assert {"pages/console.py", "pages/report.py", "pages/packs.py",
            "pages/programme.py"} <= set(FACILITATOR_PAGES)


def test_every_file_directly_in_pages_is_a_listed_page_or_says_it_is_none():
    """Each page the navigation lists is checked here; the rest are the two names kept for
    what pages share (their parts are in sub-folders, which Streamlit never serves)."""
    assert NOT_PAGES == ["pages/picker.py", "pages/ui.py"]
    listed = {*FACILITATOR_PAGES, *PUBLIC_PAGES}
    assert {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")} == {*listed, *NOT_PAGES}


@pytest.mark.parametrize("page", NOT_PAGES)
@pytest.mark.parametrize("key", [None, SECRET])
def test_a_file_that_is_not_a_page_opened_by_its_address_shows_nothing(room, page, key):
    ws, w = room
    at = AppTest.from_file(APP).switch_page(page)
    if key is not None:
        at.query_params["key"] = key
    at = run(at)
    assert [n.type for n in shown(at)] == ["title", "markdown"]
    assert at.title[0].value == "Page not found"
    assert at.markdown[0].value == errors.NOT_A_PAGE
    assert w["title"] not in text_of(at) and PRIVATE not in text_of(at)


def shown(at: AppTest) -> list:
    """Every element the page drew (blocks left out)."""
    return [n for n in at.main if not isinstance(n, Block)]


def text_of(at: AppTest) -> str:
    """All a browser is sent of the page's elements: text, labels, options, data."""
    return "\n".join(str(n.proto) for n in shown(at))


def assert_refused(at: AppTest, w: dict) -> None:
    """The refusal and nothing else: no control, no workshop, no comment, no report."""
    assert [n.type for n in shown(at)] == ["title", "markdown"]
    assert at.title[0].value == "Facilitator only"
    assert at.markdown[0].value == access.REFUSAL
    everything = text_of(at)
    for private in (PRIVATE, EDIT, w["title"], w["join_code"], SECRET):
        assert private not in everything
    assert not at.button and not at.selectbox and not at.text_area and not at.text_input
    assert not at.get("download_button")
    assert "facilitator_proven" not in at.session_state


@pytest.mark.parametrize("page", FACILITATOR_PAGES)
@pytest.mark.parametrize("key", NO_KEY)
def test_page_run_on_its_own_refuses_without_the_secret(room, page, key):
    """The page script itself, with no entry script before it."""
    ws, w = room
    at = AppTest.from_file(str(ROOT / page))
    if key is not None:
        at.query_params["key"] = key
    assert_refused(run(at), w)


@pytest.mark.parametrize("page", FACILITATOR_PAGES)
@pytest.mark.parametrize("key", [None, "wrong"])
def test_page_opened_first_on_a_fresh_server_refuses_without_the_secret(room, page, key):
    """As on a server that has run nothing yet: Streamlit runs the page named in the
    address directly, without workshop_app.py (its pages/ folder makes it an old-style
    multipage app until st.navigation is first called)."""
    ws, w = room
    at = AppTest.from_file(APP).switch_page(page)
    if key is not None:
        at.query_params["key"] = key
    at = run(at)
    # Still an old-style app: workshop_app.py (which calls st.navigation) never ran.
    assert PagesManager.uses_pages_directory is True
    assert_refused(at, w)


@pytest.mark.parametrize("page", FACILITATOR_PAGES)
def test_page_through_the_entry_refuses_without_the_secret(room, page):
    """After the delegate's page has run (workshop_app.py's navigation in charge)."""
    ws, w = room
    at = run(AppTest.from_file(APP))
    assert at.title[0].value == "Join the workshop"
    at = run(at.switch_page(page))
    assert_refused(at, w)


def test_the_facilitator_opening_the_console_first_gets_the_navigation(room):
    ws, w = room
    at = AppTest.from_file(APP).switch_page("pages/console.py")
    at.query_params["key"] = SECRET
    at = run(at)
    assert at.title[0].value == "Facilitator console"
    # Run again through workshop_app.py: its st.navigation now lists the facilitator's
    # pages by their titles (an old-style app would name them after their files).
    assert PagesManager.uses_pages_directory is False
    titles = {p["page_name"] for p in at._registered_pages.values()}
    assert {"Console", "Report", "Packs", "Projector"} <= titles


@pytest.mark.parametrize("page, title", [("pages/console.py", "Facilitator console"),
                                         ("pages/report.py", "Report"),
                                         ("pages/packs.py", "Scenario packs")])
def test_each_page_opens_with_the_secret(room, page, title):
    ws, w = room
    at = AppTest.from_file(str(ROOT / page))
    at.query_params["key"] = SECRET
    at = run(at)
    assert at.title[0].value == title
    assert access.REFUSAL not in [m.value for m in at.markdown]


def test_moving_between_pages_keeps_the_facilitator_in(room):
    """The session that showed the key opens the next page, although following the
    navigation leaves the key out of the address."""
    ws, w = room
    at = AppTest.from_file(APP).switch_page("pages/console.py")
    at.query_params["key"] = SECRET
    at = run(at)
    at.query_params.clear()
    at = run(at.switch_page("pages/report.py"))
    assert at.title[0].value == "Report"
    assert EDIT in " ".join(m.value for m in at.markdown)
    at = run(at.switch_page("pages/packs.py"))
    assert at.title[0].value == "Scenario packs"
    assert "key" not in at.query_params


def test_the_projector_shows_the_room_nothing_of_the_facilitators(room):
    ws, w = room
    at = AppTest.from_file(APP).switch_page("pages/projector.py")
    at.query_params["code"] = w["join_code"]
    at = run(at)
    everything = text_of(at)
    assert ws.pack_of(w["id"]).questions[0].prompt in everything
    assert PRIVATE not in everything and EDIT not in everything and SECRET not in everything
    assert not at.button and not at.selectbox and not at.text_area and not at.text_input
    assert "key" not in at.query_params


def test_a_failing_page_shows_a_plain_message_and_no_details(room, monkeypatch):
    ws, w = room

    def broken(*args, **kwargs):
        raise RuntimeError("/srv/secret/path exploded")

    monkeypatch.setattr(type(ws), "snapshot", broken)
    at = AppTest.from_file(APP).switch_page("pages/report.py")
    at.query_params["key"] = SECRET
    at = at.run(timeout=30)
    assert not at.exception
    assert [e.value for e in at.error] == [ui.PAGE_FAILED]
    assert "exploded" not in text_of(at) and "RuntimeError" not in text_of(at)


def test_the_browser_is_never_sent_error_details():
    """A page failing outside workshop_app.py's plain message (a fragment, or a page run
    on its own) shows Streamlit's generic sentence: no traceback, type or message."""
    import tomllib

    from streamlit import config
    value = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["client"][
        "showErrorDetails"]
    assert value == config.ShowErrorDetailsConfigOptions.NONE
