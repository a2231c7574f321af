"""A comment written to add a picture, a heading and links, sent from a phone, shows on
the projector as the words typed: no outside picture, no heading, no live link."""

from tests.e2e.conftest import open_page, wait_connected
from tests.e2e.test_live_flow import PHONE, create_workshop

ATTACK = ("Line one\n\n![t](http://127.0.0.1:9/x.png)\n\n# HUGE HEADING\n\n"
          "[click](http://evil.example)\n\nhttp://evil.example/bare www.evil.example")


def test_a_comment_cannot_add_markup_to_the_projector(server, browser, workshops, tmp_path):
    created = create_workshop(server)
    workshops.set_status(created["workshop"], "open")
    me = workshops.join(created["workshop"], "provider", "Table 1")["id"]
    phone = open_page(browser, f"{created['join url']}&me={me}", **PHONE, is_mobile=True,
                      has_touch=True)
    phone.get_by_label("Your comment").fill(ATTACK)
    phone.get_by_role("button", name="Send comment").click()
    phone.get_by_text("your comment is saved").wait_for(timeout=20000)

    projector = browser.new_page(viewport={"width": 1600, "height": 900})
    projector.goto(created["projector url"])
    wait_connected(projector)
    projector.get_by_text("Line one", exact=False).first.wait_for(timeout=20000)
    projector.wait_for_timeout(1000)  # let every element of the page draw
    outside = [src for src in projector.locator("img").evaluate_all(
        "els => els.map(e => e.getAttribute('src') || '')")
        if src.startswith(("http:", "https:", "//"))]
    assert outside == []
    assert projector.locator("h1, h2, h3, h4, h5, h6").filter(has_text="HUGE").count() == 0
    assert projector.locator("a[href*='evil'], a[href*='127.0.0.1:9']").count() == 0
    comment = projector.get_by_text("Line one", exact=False).first
    comment.screenshot(path=str(tmp_path / "wall.png"))  # reads as typed: check by eye
    wall = comment.inner_text()
    assert "![t](http://127.0.0.1:9/x.png) # HUGE HEADING [click](http://evil.example)" in \
        wall.replace("\u2060", "")  # the words as typed, on one line
    for page in (phone, projector):
        page.close()
