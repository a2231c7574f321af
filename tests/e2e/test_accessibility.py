"""WCAG 2.2 AA checks in a real browser: axe-core on every page, keyboard-only use,
small screens and 200 % zoom."""

import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import SECRET, open_page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# One question of each kind in People's Borough.
QUESTIONS = {"comment": "services", "scale": "price_transparency_poll",
             "single choice": "quality_assurance_poll",
             "multiple choice": "provider_development_poll"}


def violations(page) -> list[str]:
    time.sleep(1.5)  # let the page settle (fonts, charts)
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [f"{v['id']}: {v['nodes'][0]['target']}" for v in result.response["violations"]]


@pytest.fixture(scope="module")
def scene(workshops):
    w = workshops.create("Accessibility day", "East Midlands", "peoples_borough")
    workshops.set_status(w["id"], "open")
    me = workshops.join(w["id"], "user", "Table 1")["id"]
    for role in ("commissioner", "provider", "provider", "provider", "commissioner",
                 "commissioner"):
        token = workshops.join(w["id"], role, "Table 2")["id"]
        workshops.submit_comment(w["id"], token, "services",
                                 "Specify outcomes rather than times and tasks", "idea")
    return {"id": w["id"], "code": w["join_code"], "me": me}


def test_axe_finds_nothing_on_any_page(server, browser, workshops, scene):
    base, code, me = server["base"], scene["code"], scene["me"]
    found = {}
    pages = [("join code", f"{base}/", 390),
             ("role and table", f"{base}/?code={code}", 390)]
    for label, url, width in pages:
        page = open_page(browser, url, width)
        found[label] = violations(page)
        page.close()
    for kind, qid in QUESTIONS.items():
        workshops.set_current(scene["id"], qid)
        page = open_page(browser, f"{base}/?code={code}&me={me}")
        found[kind] = violations(page)
        if kind == "comment":
            page.get_by_label("Your comment").fill("Plain words please")
            page.get_by_role("button", name="Send comment").click()
            page.get_by_text("your comment is saved").wait_for()
            found["saved, with my comments"] = violations(page)
        page.close()
    workshops.set_current(scene["id"], "services")
    for label, path in (("projector", f"/projector?code={code}"),
                        ("console", f"/console?key={SECRET}&workshop={scene['id']}")):
        page = open_page(browser, base + path, 1400, 900)
        page.get_by_text("Themes raised, by role").first.wait_for(timeout=20000)
        found[label] = violations(page)
        page.close()
    page = open_page(browser, f"{base}/report?key={SECRET}&workshop={scene['id']}", 1400, 900)
    page.get_by_role("heading", name="Report", exact=True).wait_for()
    found["report"] = violations(page)
    page.close()
    assert {k: v for k, v in found.items() if v} == {}


def focus_is_visible(page) -> bool:
    """Whether the focused control shows a focus ring (checked for up to a second, as
    styles apply on the next frame)."""
    for _ in range(10):
        if _focus_ring(page):
            return True
        time.sleep(0.1)
    return False


def _focus_ring(page) -> bool:
    return page.evaluate("""() => {
        const el = document.activeElement;
        if (!el || el === document.body) return false;
        // A radio or checkbox input is visually hidden; its label shows the focus.
        const shown = (el.type === 'radio' || el.type === 'checkbox') ? el.closest('label') : el;
        const s = getComputedStyle(shown);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    }""")


def tab_to(page, predicate_js: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches, checking focus is visible each time."""
    visited = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        visited.append(page.evaluate("() => { const el = document.activeElement; return "
                                     "el.tagName + ':' + (el.getAttribute('aria-label') || "
                                     "(el.innerText || '').slice(0, 30)); }"))
        if page.evaluate(f"() => {{ const el = document.activeElement; return {predicate_js}; }}"):
            where = page.evaluate("() => document.activeElement.closest('label')?.innerText"
                                  " || document.activeElement.outerHTML.slice(0, 80)")
            assert focus_is_visible(page), f"keyboard focus must be visible on {where!r}"
            return
    raise AssertionError(f"never reached {predicate_js} with Tab; focus went to {visited}")


def settled(page) -> None:
    """Until the page's runs have finished and it has stayed still for a moment (as a
    keyboard user waits for the page to answer a key before moving on)."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    page.wait_for_timeout(500)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")


def test_keyboard_only_join_comment_and_polls(server, browser, workshops, scene):
    workshops.set_current(scene["id"], "services")
    page = open_page(browser, f"{server['base']}/?code={scene['code']}")
    page.get_by_text("Which best describes you?").wait_for()
    settled(page)
    tab_to(page, "el.tagName === 'BUTTON' && el.innerText.includes('Care provider')")
    page.keyboard.press("Enter")               # joins
    page.get_by_text("You joined as Care provider").wait_for(timeout=20000)
    page.get_by_text("What are you adding?").wait_for()
    settled(page)
    tab_to(page, "el.type === 'radio'")
    page.keyboard.press("ArrowRight")         # Idea or way forward
    settled(page)
    tab_to(page, "el.tagName === 'TEXTAREA'")
    page.keyboard.type("Commission for outcomes, typed with the keyboard only")
    tab_to(page, "el.tagName === 'BUTTON' && el.innerText.includes('Send comment')")
    page.keyboard.press("Enter")
    page.get_by_text("your comment is saved").wait_for(timeout=20000)
    # The confirmation is a status message (role=status) for screen readers.
    assert "saved" in page.get_by_role("status").first.inner_text()
    snap = workshops.snapshot(scene["id"])
    mine = [c for c in snap.comments if c["text"].endswith("keyboard only")]
    assert mine and mine[0]["kind"] == "idea"

    workshops.set_current(scene["id"], "price_transparency_poll")
    page.get_by_text("How much do you agree?").wait_for(timeout=30000)
    tab_to(page, "el.type === 'radio'")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    tab_to(page, "el.tagName === 'BUTTON' && el.innerText.includes('Send answer')")
    page.keyboard.press("Enter")
    page.get_by_text("your answer is saved").wait_for(timeout=20000)

    workshops.set_current(scene["id"], "provider_development_poll")
    page.get_by_text("Which support for providers matters most?").wait_for(timeout=30000)
    # (Not the plain-English switch, which is a checkbox too.)
    tab_to(page, "el.type === 'checkbox' && "
                 "(el.closest('label')?.innerText || '').includes('Sharing data')")
    page.keyboard.press("Space")
    tab_to(page, "el.tagName === 'BUTTON' && el.innerText.includes('Send answer')")
    page.keyboard.press("Enter")
    page.get_by_text("your answer is saved").wait_for(timeout=20000)
    answers = [a for a in workshops.snapshot(scene["id"]).answers
               if a["question_id"] in ("price_transparency_poll", "provider_development_poll")]
    assert len(answers) == 2


@pytest.mark.parametrize("width, height, zoom", [(320, 640, 1), (1280, 800, 2)])
def test_delegate_pages_fit_small_screens_and_zoom(server, browser, workshops, scene, width,
                                                  height, zoom):
    """200 % zoom on a 1280 px screen lays out like a 640 px wide window."""
    base, code, me = server["base"], scene["code"], scene["me"]
    for qid in [None, *QUESTIONS.values()]:
        if qid:
            workshops.set_current(scene["id"], qid)
        url = f"{base}/?code={code}" + (f"&me={me}" if qid else "")
        page = open_page(browser, url, width // zoom, height // zoom,
                         device_scale_factor=zoom)
        time.sleep(1)
        overflow = page.evaluate("() => document.documentElement.scrollWidth"
                                 " - document.documentElement.clientWidth")
        assert overflow <= 0, f"{qid or 'join'} scrolls sideways by {overflow}px at {width}px"
        page.close()
    workshops.set_current(scene["id"], "services")


# --- the report's downloads, the programme page and the files people download -------------

# Cheap best-practice rules on a whole page: one main landmark, everything inside a landmark,
# one top heading, headings in order.
LANDMARK_RULES = ["landmark-one-main", "region", "page-has-heading-one", "heading-order",
                  "landmark-unique"]
PROGRAMME_VIEWS = {"Workshops side by side": "Add a workshop",
                   "One question by region": "Where a region differs from the rest",
                   "National report": "Download all input, with regions (CSV)"}


@pytest.fixture(scope="module")
def programme(workshops):
    """The demo programme: the East Midlands day replayed and two simulated regions."""
    from tests.e2e.conftest import ROOT
    from workshop.programme_demo import build_programme_demo
    made = build_programme_demo(workshops, ROOT / "scenarios")
    east = next(w for w in workshops.all() if w.get("region") == "East Midlands"
                and w["title"] == "Contracting for personalised outcomes"
                and not w.get("simulated"))
    return {"id": made["id"], "east": east["id"]}


def test_axe_finds_nothing_on_the_report_downloads_or_the_programme_views(
        server, browser, programme):
    base, found = server["base"], {}
    page = open_page(browser, f"{base}/report?key={SECRET}&workshop={programme['east']}",
                     1400, 900)
    page.get_by_role("button", name="Easy Read PDF (.pdf)").wait_for(timeout=30000)
    found["report with its downloads"] = violations(page)
    page.close()
    for view, shown in PROGRAMME_VIEWS.items():
        page = open_page(browser, f"{base}/programme?key={SECRET}&programme="
                         f"{programme['id']}&view={view.replace(' ', '+')}", 1400, 900)
        page.get_by_text(shown).first.wait_for(timeout=30000)
        found[view] = violations(page)
        page.close()
    assert {k: v for k, v in found.items() if v} == {}


def test_programme_charts_numbers_open_by_keyboard_and_fit_at_200_percent(
        server, browser, programme):
    """The programme page's charts come as one block of HTML: each chart's numbers sit
    behind a disclosure the keyboard opens (with a visible focus), and the block reflows
    to one column at 200 % zoom on a 1280 px screen, with nothing to scroll sideways."""
    url = (f"{server['base']}/programme?key={SECRET}&programme={programme['id']}"
           f"&view=One+question+by+region")
    page = open_page(browser, url, 640, 450, device_scale_factor=2)
    page.get_by_text("Where a region differs from the rest").first.wait_for(timeout=30000)
    time.sleep(1)
    assert page.evaluate("() => document.documentElement.scrollWidth"
                         " - document.documentElement.clientWidth") <= 0
    columns = page.evaluate("() => getComputedStyle(document.querySelector("
                            "'.picture-grid')).gridTemplateColumns.split(' ').length")
    assert columns == 1
    summaries = page.locator(".pictures summary")
    assert summaries.count() == 5  # three regions, all together, the heatmap
    # Keyboard only: Tab until the first disclosure has the focus, then Enter.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.pictures summary')"):
            break
    else:
        raise AssertionError("Tab never reached a 'Show the numbers as a table'")
    assert page.evaluate("() => document.activeElement.textContent") == \
        "Show the numbers as a table"
    ring = page.evaluate("() => getComputedStyle(document.activeElement).outlineColor")
    assert ring == "rgb(255, 221, 0)"  # the yellow focus ring
    table = page.locator(".pictures details").first.locator("table")
    assert not table.is_visible()
    page.keyboard.press("Enter")
    table.wait_for(state="visible", timeout=5000)
    assert table.locator("th[scope=col]").first.inner_text() == "Theme"
    for i in range(1, summaries.count()):  # every table open, for axe to see
        summaries.nth(i).click()
    assert violations(page) == []
    page.close()


def file_violations(page, html: str) -> list[str]:
    """axe-core on a downloaded web page, opened on its own: WCAG 2.2 AA and the landmark
    rules (a page of its own must have them)."""
    page.set_content(html, wait_until="load")
    found = violations(page)
    result = Axe().run(page, options={"runOnly": {"type": "rule", "values": LANDMARK_RULES}})
    return found + [f"{v['id']}: {v['nodes'][0]['target']}"
                    for v in result.response["violations"]]


def test_axe_finds_nothing_in_the_web_page_report_or_its_easy_read(browser, workshops,
                                                                  programme):
    from workshop import outputs
    from workshop.report import draft_report
    snapshot = workshops.snapshot(programme["east"])
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    found = {}
    for fmt in ("html", "easyread"):
        html = outputs.render_report(snapshot, draft_report(snapshot), fmt).decode("utf-8")
        found[fmt] = file_violations(page, html)
        images = page.locator("img")
        assert images.count() > 0
        assert all(images.nth(i).get_attribute("alt") for i in range(images.count()))
    page.close()
    assert {k: v for k, v in found.items() if v} == {}


def test_keyboard_reaches_and_uses_the_download_buttons(server, browser, programme):
    page = open_page(browser, f"{server['base']}/report?key={SECRET}&workshop="
                     f"{programme['east']}", 1400, 900, accept_downloads=True)
    page.get_by_role("button", name="Easy Read PDF (.pdf)").wait_for(timeout=30000)
    for width in (1400, 900):
        page.set_viewport_size({"width": width, "height": 900})
        time.sleep(1)
        cut = page.evaluate("""() => [...document.querySelectorAll(
            '[data-testid=stDownloadButton] button')].filter(b =>
            [b, ...b.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1))
            .map(b => b.innerText)""")
        assert cut == [], f"labels cut off at {width}px: {cut}"
    for name, ending, starts in (("Markdown (.md)", ".md", b"# "),
                                 ("Word (.docx)", ".docx", b"PK"),
                                 ("Easy Read web page (.html)", ".html", b"<!DOCTYPE html>")):
        page.locator("body").focus()
        tab_to(page, f"el.tagName === 'BUTTON' && el.innerText.trim() === {name!r}",
               limit=80)
        with page.expect_download(timeout=60000) as download:
            page.keyboard.press("Enter")
        got = download.value
        assert got.suggested_filename == f"{programme['east']}-" + (
            "easy-read" if "Easy Read" in name else "report") + ending
        data = open(got.path(), "rb").read()
        assert data.startswith(starts), (name, data[:40])
    page.close()
