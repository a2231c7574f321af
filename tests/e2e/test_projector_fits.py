"""The projector is a present mode: at 1920x1080 and at 1280x720, for every kind of
question in every shipped pack (and with 500 comments in), the page never scrolls, the
chart's words are big enough to read from the back of the room and never overlap, and
there is nothing to click."""

import itertools
import os
import random
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, open_page
from workshop.scenarios import SCALE_LABELS, load_packs
from workshop.screen import PAGE_SECONDS

PACKS = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
SIZES = [(1920, 1080), (1280, 720)]
# Chart text at 1080 lines; on a smaller screen it shrinks with the screen (a 720-line
# projector shows the same picture, so the same size from the back of the room).
MIN_FONT = {1080: 22, 720: 14}
WALL_COMMENTS = 500
WALL_PACK = "peoples_borough"
WAIT = 30000

OPENERS = ("We need", "Please think about", "The biggest worry is", "It would help to have",
           "Nobody talks about", "I would like to see")
CLOSERS = ("for the people we support.", "across the whole borough.",
           "before the contracts are signed.", "so that staff can plan ahead.",
           "because families keep asking us about it.", "")


def comment_texts(pack, n: int, seed: int = 1) -> list[str]:
    """n varied comments made from the pack's theme words, a few of them long."""
    rnd = random.Random(seed)
    words = [k for t in pack.codebook for k in (t.keywords or (t.label,))]
    out = []
    for i in range(n):
        text = f"{rnd.choice(OPENERS)} {rnd.choice(words)} {rnd.choice(CLOSERS)}".strip()
        if i % 7 == 3:  # a long, considered point
            text += (" " + " ".join(f"{rnd.choice(OPENERS).lower()} {rnd.choice(words)}"
                                    for _ in range(12))) + "."
        out.append(text)
    return out


def _people(ws, wid, pack, qid, per_role=(4, 4, 3, 1, 1)):
    """Delegates of several roles answering qid: three roles big enough to show on their
    own and two small ones pooled together (as in a real room)."""
    ws.set_current(wid, qid)
    return [(role.id, ws.join(wid, role.id, f"Table {n % 6 + 1}")["id"])
            for role, k in zip(pack.roles, per_role) for n in range(k)]


def _answer(ws, wid, pack, q, rnd) -> None:
    people = _people(ws, wid, pack, q.id)
    for n, (_, me) in enumerate(people):
        if q.kind == "scale":
            ws.answer_poll(wid, me, q.id, SCALE_LABELS[min(4, max(0, round(rnd.gauss(2.6, 1.2))))])
        elif q.kind == "choice":
            picks = rnd.sample(q.options, 2 if q.multiple else 1)
            ws.answer_poll(wid, me, q.id, picks if q.multiple else picks[0])
        elif q.kind == "ranking":
            ws.answer_ranking(wid, me, q.id, rnd.sample(q.options, len(q.options)))
        elif q.kind == "points":
            cuts = sorted(rnd.sample(range(1, q.total), len(q.options) - 1))
            shares = [b - a for a, b in zip([0, *cuts], [*cuts, q.total])]
            ws.answer_points(wid, me, q.id, dict(zip(q.options, shares)))
        elif q.kind == "scoring_matrix":
            for e in q.entries:
                ws.score_entry(wid, me, q.id, e.id, {c: rnd.randint(1, 5) for c in q.criteria},
                               "Clear and realistic")
        elif q.kind == "rating_matrix":
            for o in q.options:
                ws.rate_option(wid, me, q.id, o, {d: rnd.choice(q.levels) for d in q.dimensions},
                               "We talked it through")
        elif q.kind == "card_sort":
            ws.sort_cards(wid, me, q.id, {s.text: (s.answer if rnd.random() < 0.7 else
                                                   rnd.choice(q.categories))
                                          for s in q.statements})
        elif q.kind == "idea_board":
            for k, text in enumerate(comment_texts(pack, 2, n)):  # a long board
                ws.post_idea(wid, me, q.id, text, q.tags[(n + k) % len(q.tags)] if q.tags
                             else None)
        elif q.kind == "comment":
            for text in comment_texts(pack, 2, n):
                ws.submit_comment(wid, me, q.id, text, ("issue", "idea", "question")[n % 3])
    if q.kind == "idea_board":
        ideas = [c["id"] for c in ws.snapshot(wid).comments if c["question_id"] == q.id]
        for _, me in people:
            for idea in rnd.sample(ideas, q.votes):
                ws.vote(wid, me, q.id, idea)


def fill_pack(ws, pack_id: str) -> tuple[str, str, dict[str, str]]:
    """A workshop of the pack with answers to the first question of each kind; WALL_PACK's
    comment question also gets WALL_COMMENTS comments. Returns (id, join code, the
    question shown for each kind)."""
    w = ws.create(f"Projector day: {pack_id}", "East Midlands", pack_id)
    wid = w["id"]
    ws.set_status(wid, "open")
    pack = ws.pack_of(wid)
    rnd = random.Random(pack_id)
    firsts = {}
    for q in pack.questions:
        firsts.setdefault(q.kind, q)
    for q in firsts.values():
        _answer(ws, wid, pack, q, rnd)
    if pack_id == WALL_PACK and "comment" in firsts:
        qid = firsts["comment"].id
        roles = itertools.cycle(r.id for r in pack.roles)
        ws.add_transcribed(wid, [(qid, text, next(roles), f"Table {i % 9 + 1}",
                                  ("issue", "idea", "question")[i % 3])
                                 for i, text in enumerate(comment_texts(pack, WALL_COMMENTS))])
    return wid, w["join_code"], {k: q.id for k, q in firsts.items()}


# The chart each kind shows, by the start of its title.
CHART_TITLES = {"comment": "Themes raised", "scale": "Agreement", "choice": "Choices",
                "ranking": "Average place", "points": "Average points",
                "scoring_matrix": "Average scores", "rating_matrix": "Typical rating",
                "card_sort": "How people sorted", "card_sort shown": "Sorted correctly",
                "idea_board": "Ideas with the most votes"}

MEASURE = """() => {
  const inner = window.innerHeight;
  // What could scroll: the document, Streamlit's own scroll container (stMain: in
  // Streamlit 1.67 the page scrolls inside it, not the document), and anything else set
  // to scroll.
  const main = document.querySelector('[data-testid="stMain"]');
  const scrollers = [document.scrollingElement, main, ...[...document.querySelectorAll('*')]
    .filter((el) => /(auto|scroll)/.test(getComputedStyle(el).overflowY))];
  const overflow = scrollers.filter((el) => el).map((el) => ({
    el: el.getAttribute('data-testid') || el.tagName, scroll: el.scrollHeight,
    client: el === document.scrollingElement ? inner : el.clientHeight}));
  // The page's regions: nothing cut off inside them, and all of them on the screen.
  const regions = [...document.querySelectorAll('[class*="st-key-proj_"]')].map((el) => ({
    el: [...el.classList].find((c) => c.startsWith('st-key-')), scroll: el.scrollHeight,
    client: el.clientHeight, bottom: el.getBoundingClientRect().bottom}));
  const shown = (el) => { const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none'
      && Number(cs.opacity) > 0; };
  const texts = [...document.querySelectorAll('.js-plotly-plot svg text')]
    .filter((t) => t.textContent.trim() && shown(t));
  // Shown size: the font size times any scale plotly applies to fit a label in a bar.
  const size = (t) => { const m = t.getScreenCTM();
    return parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1); };
  const fonts = texts.map((t) => ({text: t.textContent.trim().slice(0, 40), px: size(t)}));
  const boxes = texts.map((t) => { const r = t.getBoundingClientRect();
    return {text: t.textContent.trim().slice(0, 40), l: r.left, t: r.top, r: r.right,
            b: r.bottom}; });
  // Every other word on the page (the card, join panel, comments, the chart's sentence).
  const words = [...document.querySelectorAll('[data-testid="stMain"] *')].filter((el) =>
    [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) && shown(el) &&
    !el.closest('svg')).map((el) => ({text: el.textContent.trim().slice(0, 40),
                                      px: parseFloat(getComputedStyle(el).fontSize)}));
  // (Streamlit's own "skip to content" link, shown only to a keyboard, is not counted.)
  const controls = [...document.querySelectorAll(
    'details, summary, button, input, select, textarea, [data-testid="stExpander"], ' +
    '[data-testid="stMain"] a[href]')].map((el) => el.outerHTML.slice(0, 80));
  const wall = [...document.querySelectorAll('.proj-wall li')].map(
    (li) => li.getBoundingClientRect().bottom);
  const sentence = document.querySelector('.proj-sentence');
  return {inner, overflow, regions, fonts, boxes, words, controls, wall,
          charts: document.querySelectorAll('.js-plotly-plot').length,
          sentence: sentence ? sentence.textContent : '',
          wallHeading: (document.querySelector('.proj-wall h2') || {}).textContent || ''};
}"""


def overlaps(boxes, tolerance: float = 2.0) -> list[tuple[str, str]]:
    """Pairs of chart words whose boxes cross by more than the tolerance (px) each way."""
    found = []
    for a, b in itertools.combinations(boxes, 2):
        dx = min(a["r"], b["r"]) - max(a["l"], b["l"])
        dy = min(a["b"], b["b"]) - max(a["t"], b["t"])
        if dx > tolerance and dy > tolerance:
            found.append((a["text"], b["text"]))
    return found


def measure(page) -> dict:
    return page.evaluate(MEASURE)


def problems(m: dict, height: int) -> list[str]:
    """What a facilitator would notice is wrong with the projector page as measured."""
    found = []
    least = MIN_FONT[height]
    for o in m["overflow"]:
        if o["scroll"] > o["client"] + 1:
            found.append(f"{o['el']} scrolls: {o['scroll']} px of content in {o['client']} px")
    for r in m["regions"]:
        if r["scroll"] > r["client"] + 1:
            found.append(f"{r['el']} cuts off {r['scroll'] - r['client']} px")
        if r["bottom"] > m["inner"] + 1:
            found.append(f"{r['el']} ends below the screen, at {r['bottom']:.0f} px")
    if m["charts"] != 1:
        found.append(f"{m['charts']} charts on the screen, not one")
    small = [f for f in m["fonts"] + m["words"] if f["px"] < least - 0.01]
    if small:
        found.append(f"text under {least} px: {small[:3]}")
    crossing = overlaps(m["boxes"])
    if crossing:
        found.append(f"chart words on top of each other: {crossing[:3]}")
    if m["controls"]:
        found.append(f"controls on the projector: {m['controls'][:3]}")
    if not m["sentence"].strip():
        found.append("no sentence saying what the chart shows")
    if any(bottom > m["inner"] for bottom in m["wall"]):
        found.append("a comment on the wall ends below the screen")
    return found


@pytest.fixture(scope="module")
def scenes(workshops):
    return {pack_id: fill_pack(workshops, pack_id) for pack_id in PACKS}


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """Where the screenshots go (PROJECTOR_SHOTS to keep them somewhere to look at)."""
    where = os.environ.get("PROJECTOR_SHOTS")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        return Path(where)
    return tmp_path_factory.mktemp("projector")


@pytest.mark.parametrize("width, height", SIZES)
def test_every_kind_fits_the_screen_with_nothing_to_scroll_or_click(
        server, browser, workshops, scenes, shots, width, height):
    packs = load_packs(ROOT / "scenarios")
    report, found = [], {}
    for pack_id, (wid, code, shown) in scenes.items():
        page = open_page(browser, f"{server['base']}/projector?code={code}", width, height)
        steps = [(kind, qid, False) for kind, qid in shown.items()]
        steps += [("card_sort shown", qid, True) for kind, qid in shown.items()
                  if kind == "card_sort"]
        for kind, qid, reveal in steps:
            question = packs[pack_id].question(qid)
            workshops.set_current(wid, qid)
            if question.kind == "card_sort":
                workshops.set_revealed(wid, qid, reveal)
            prompt = page.locator(".proj-prompt")
            expect(prompt).to_have_text(question.prompt, timeout=WAIT)
            page.locator(".st-key-proj_chart .gtitle").filter(
                has_text=CHART_TITLES[kind]).wait_for(timeout=WAIT)
            time.sleep(0.8)  # plotly finishes drawing
            m = measure(page)
            name = f"{height}_{pack_id}_{kind.replace(' ', '_')}.png"
            page.screenshot(path=str(shots / name))
            main = next(o for o in m["overflow"] if o["el"] == "stMain")
            report.append(f"{width}x{height} {pack_id:28} {kind:16} stMain {main['scroll']}"
                          f"/{m['inner']} px, smallest chart text "
                          f"{min(f['px'] for f in m['fonts']):.1f} px"
                          + (f", wall: {len(m['wall'])} comments, {m['wallHeading']}"
                             if m["wall"] else ""))
            wrong = problems(m, height)
            if question.kind == "comment" and not m["wall"]:
                wrong.append("no comments on the wall")
            if wrong:
                found[f"{pack_id} {kind}"] = wrong
        page.close()
    print("\n" + "\n".join(report) + f"\nscreenshots: {shots}")
    assert found == {}


def test_a_long_wall_turns_its_pages_and_says_how_many(server, browser, workshops, scenes):
    """500 comments: the wall shows the newest first, says how many there are in all,
    and turns through pages of the latest ones by itself."""
    wid, code, shown = scenes[WALL_PACK]
    workshops.set_current(wid, shown["comment"])
    page = open_page(browser, f"{server['base']}/projector?code={code}", *SIZES[0])
    heading = page.locator(".proj-wall h2")
    total = workshops.latest_comments(wid, shown["comment"], 0)[0]
    assert total > WALL_COMMENTS
    expect(heading).to_contain_text(f"Latest comments: {total:,} in all · page ", timeout=WAIT)
    first = heading.inner_text()
    said = page.locator(".proj-wall .said").all_inner_texts()
    expect(heading).not_to_have_text(first, timeout=2 * PAGE_SECONDS * 1000)
    assert page.locator(".proj-wall .said").all_inner_texts() != said
    me = workshops.join(wid, "provider", "Table 3")["id"]
    workshops.submit_comment(wid, me, shown["comment"], "Pay providers for outcomes", "idea")
    expect(page.locator(".proj-wall .said").first).to_have_text("Pay providers for outcomes",
                                                               timeout=5000)
    expect(heading).to_contain_text(f"{total + 1:,} in all · page 1 of ")
    page.close()


BROKEN_WORDS = """() => {
  // Words of a heading that start on one line and end on the next.
  const broken = [];
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // (A hyphen is a place to break: "Provider-" / "provider" is fine.)
      for (const m of node.textContent.matchAll(/[A-Za-z\\u00c0-\\u024f'’]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


def test_headings_break_between_words_when_zoomed(server, browser, workshops, scenes):
    """A 1280 px screen at 200 % zoom is a 640 px window, at 400 % a 320 px one: headings
    wrap between words, never inside one ("Decommissioning" is the card's title)."""
    from tests.e2e.conftest import SECRET
    wid, code, _ = scenes[WALL_PACK]
    workshops.set_current(wid, "decommissioning")
    me = workshops.join(wid, "provider", "Table 1")["id"]
    found = {}
    for name, path, zoom in (("phone at 400 %", f"/?code={code}&me={me}", 4),
                             ("phone at 200 %", f"/?code={code}&me={me}", 2),
                             ("console at 200 %", f"/console?key={SECRET}&workshop={wid}", 2)):
        page = open_page(browser, server["base"] + path, 1280 // zoom, 800 // zoom,
                         device_scale_factor=zoom)
        page.locator("h1").first.wait_for(timeout=WAIT)
        time.sleep(1.5)
        found[name] = page.evaluate(BROKEN_WORDS)
        page.close()
    assert found == {"phone at 400 %": [], "phone at 200 %": [], "console at 200 %": []}


def test_the_panels_decision_fits_in_place_of_the_chart(server, browser, workshops, scenes):
    """Shown by the facilitator, the decision takes the chart's place: large, whole, on
    the screen, with nothing to scroll; hidden again, the chart comes back."""
    wid, code, shown = scenes["home_care_competition"]
    qid = shown["scoring_matrix"]
    entries = [e.id for e in workshops.pack_of(wid).question(qid).entries]
    workshops.set_current(wid, qid)
    workshops.record_decision(wid, qid, entries[:2], "the chair of the judging panel",
                              "\u00a34,000.50")
    workshops.set_decision_shown(wid, qid, True)
    try:
        for width, height in SIZES:
            page = open_page(browser, f"{server['base']}/projector?code={code}", width, height)
            decision = page.locator(".proj-decision")
            decision.wait_for(timeout=WAIT)
            assert "Each winner received \u00a34,000.50." in decision.text_content()
            # The first drawing is at the design size, until the browser has reported the
            # window's; measure the page laid out for this window (never laid out: fails).
            page.wait_for_function(
                f"() => {{ const e = document.querySelector('.st-key-proj_page'); "
                f"return e && window.innerWidth === {width} && "
                f"e.getBoundingClientRect().bottom <= window.innerHeight; }}", timeout=WAIT)
            time.sleep(0.8)
            m = measure(page)
            assert [p for p in problems(m, height) if not p.startswith(
                ("0 charts", "no sentence"))] == [], (width, height)
            workshops.set_decision_shown(wid, qid, False)
            page.locator(".st-key-proj_chart .gtitle").filter(
                has_text=CHART_TITLES["scoring_matrix"]).wait_for(timeout=WAIT)
            workshops.set_decision_shown(wid, qid, True)
            page.close()
    finally:
        workshops.clear_decision(wid, qid)


def test_in_approval_mode_with_500_waiting_the_projector_still_fits(server, browser,
                                                                    workshops, shots):
    """500 comments waiting for approval and a few approved: the wall shows only the
    approved ones, counts only those, and the page still fits both screens."""
    w = workshops.create("Projector day: approval", "East Midlands", WALL_PACK)
    wid = w["id"]
    workshops.set_status(wid, "open")
    pack = workshops.pack_of(wid)
    qid = next(q.id for q in pack.questions if q.kind == "comment")
    workshops.set_current(wid, qid)
    workshops.set_approval(wid, True)
    roles = itertools.cycle(r.id for r in pack.roles)
    sent = []
    for n, text in enumerate(comment_texts(pack, WALL_COMMENTS, seed=5)):
        me = workshops.join(wid, next(roles), f"Table {n % 9 + 1}")["id"]
        sent.append(workshops.submit_comment(wid, me, qid, f"{n + 1}. {text}",
                                             ("issue", "idea", "question")[n % 3]))
    for c in sent[:6]:
        workshops.approve(wid, c["id"])
    found = {}
    for width, height in SIZES:
        page = open_page(browser, f"{server['base']}/projector?code={w['join_code']}",
                         width, height)
        heading = page.locator(".proj-wall h2")
        expect(heading).to_have_text("Latest comments: 6 in all", timeout=WAIT)
        page.locator(".st-key-proj_chart .gtitle").first.wait_for(timeout=WAIT)
        time.sleep(0.8)
        said = page.locator(".proj-wall .said").all_inner_texts()
        assert said and all(t.split(".")[0] in {"1", "2", "3", "4", "5", "6"}
                            for t in said), said
        page.screenshot(path=str(shots / f"{height}_approval_500_waiting.png"))
        wrong = problems(measure(page), height)
        if wrong:
            found[height] = wrong
        page.close()
    assert found == {}
