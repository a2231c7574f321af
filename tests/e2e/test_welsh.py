"""Welsh in a browser: the language switch on the join page is reached and changed with
the keyboard, the page then says lang="cy" and keeps Welsh through joining and a reload,
and the projector speaks the facilitator's choice."""

from tests.e2e.conftest import idle, open_page
from tests.e2e.test_accessibility import tab_to

WAIT = 20000


def html_lang(page) -> str:
    return page.evaluate("() => document.documentElement.lang")


def test_a_delegate_chooses_welsh_with_the_keyboard_and_it_stays(server, browser, workshops):
    w = workshops.create("Diwrnod Cymraeg", "Wales", "peoples_borough")
    workshops.set_status(w["id"], "open")
    page = open_page(browser, f"{server['base']}/?code={w['join_code']}")
    page.get_by_role("radiogroup", name="Iaith / Language").wait_for(timeout=WAIT)
    assert html_lang(page) == "en"
    tab_to(page, "el.type === 'radio'")  # the switch is the first control on the page
    page.keyboard.press("ArrowRight")    # Cymraeg
    page.get_by_text("Pa un sy'n eich disgrifio orau?").wait_for(timeout=WAIT)
    page.wait_for_function("() => document.documentElement.lang === 'cy'", timeout=WAIT)
    assert "lang=cy" in page.url
    page.get_by_role("button", name="Comisiynydd", exact=True).click()
    page.get_by_text("Rydych wedi ymuno fel Comisiynydd").wait_for(timeout=WAIT)
    page.get_by_role("button", name="Anfon sylw").wait_for(timeout=WAIT)
    assert html_lang(page) == "cy"
    delegate = workshops.snapshot(w["id"]).delegates[0]
    assert delegate["language"] == "cy"
    # The join link opened again, with no token and no language in it: the cookies bring
    # back the same delegate, in Welsh.
    page.goto(f"{server['base']}/?code={w['join_code']}")
    page.get_by_text("Rydych wedi ymuno fel Comisiynydd").wait_for(timeout=WAIT)
    page.wait_for_function("() => document.documentElement.lang === 'cy'", timeout=WAIT)
    idle(page)
    page.get_by_role("button", name="English", exact=True).click()
    page.get_by_text("You joined as Commissioner").wait_for(timeout=WAIT)
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=WAIT)
    page.close()


def test_the_projector_speaks_the_facilitators_choice(server, browser, workshops):
    w = workshops.create("Taflunydd", "Wales", "peoples_borough")
    workshops.set_status(w["id"], "open")
    workshops.set_screen_language(w["id"], "cy")
    page = open_page(browser, f"{server['base']}/projector?code={w['join_code']}", 1280, 720)
    page.get_by_text("Ymunwch yn", exact=False).wait_for(timeout=WAIT)
    page.get_by_text("Mathau o wasanaethau a ddarperir", exact=False).wait_for(timeout=WAIT)
    page.wait_for_function("() => document.documentElement.lang === 'cy'", timeout=WAIT)
    workshops.set_screen_language(w["id"], "en")  # changed in the console: it follows
    page.get_by_text("Join at", exact=False).wait_for(timeout=30000)
    page.close()
