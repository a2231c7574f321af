"""Welsh on the phone and the projector: every message marked in their files has Welsh in
the catalogue, and every screen a delegate can reach, shown in Welsh, has no English left:
neither a catalogue message in English nor words that are the same in both languages
(English written in a page and never marked for translation)."""

from __future__ import annotations

import re
import shutil

import pytest
import streamlit as st
from babel.messages.pofile import read_po, write_po
from streamlit.testing.v1 import AppTest

from pages import ui
from tests.conftest import DATA, ROOT
from tests.test_pages import SECRET, run
from workshop import i18n, translations
from workshop.analysis import summarise_comments
from workshop.charts import describe_comments
from workshop.scenarios import load_pack

APP = str(ROOT / "workshop_app.py")
# Shown the same in both languages on purpose: the switch names each language in itself.
BOTH = {"Iaith / Language", "English", "Cymraeg"}
TITLE = "Gweithdy Caerdydd"  # the facilitator's title for the workshop, as typed


# -- the catalogue -----------------------------------------------------------------
def test_every_message_on_phones_and_the_projector_has_welsh():
    template = translations.extract("screens")
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    # The extraction reaches the join page, every kind's form, the projector and the
    # core's words (errors, countdown, scale points).
    for wanted in ("Join the workshop", "Send comment", "Save my order", "Post my idea",
                   "Save scores for this entry", "Save my sorting", "Join at {url}",
                   "Strongly agree", "{n} second left", "Please choose an answer before sending.",
                   "Latest comments: {total} in all"):
        assert wanted in ids, wanted
    missing = translations.missing("screens", "cy", template)
    assert not missing, "Not translated into Welsh:\n" + "\n".join(
        f"{m.msgid!r} ({m.where})" for m in missing)


def _without(tmp_path, monkeypatch, msgid: str, fuzzy: bool = False) -> None:
    """The catalogue as shipped, in a copy with one message's Welsh taken out (or only
    marked fuzzy), read in place of the real one."""
    shutil.copytree(i18n.LOCALE_DIR, tmp_path / "locale")
    path = tmp_path / "locale" / "cy" / "LC_MESSAGES" / "screens.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="cy", domain="screens")
    if fuzzy:
        catalog[msgid].flags.add("fuzzy")
    else:
        catalog[msgid].string = ""
    with path.open("wb") as handle:
        write_po(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    i18n.forget()


@pytest.mark.parametrize("fuzzy", [False, True])
def test_a_message_without_its_welsh_is_named(tmp_path, monkeypatch, fuzzy):
    _without(tmp_path, monkeypatch, "Send comment", fuzzy)
    try:
        missing = translations.missing("screens", "cy")
        assert [m.msgid for m in missing] == ["Send comment"]
        assert "pages/phone/comments.py:" in missing[0].where
    finally:
        i18n.forget()


# -- the screens -------------------------------------------------------------------
@pytest.fixture
def room(monkeypatch):
    monkeypatch.setenv("WORKSHOP_FACILITATOR_SECRET", SECRET)
    st.cache_resource.clear()
    i18n.forget()
    ws = ui.workshops()
    ws.add_pack(load_pack(DATA / "welsh_kinds.yaml"))
    yield ws
    st.cache_resource.clear()
    i18n.forget()


def _english() -> list[tuple[re.Pattern, str]]:
    """Each English message of the catalogue that Welsh says differently, as a pattern
    (its figures and names may be anything)."""
    with i18n.catalogue_path("cy", "screens").open("rb") as handle:
        catalog = read_po(handle, locale="cy", domain="screens")
    out = []
    for m in catalog:
        if not m.id:
            continue
        for english in ([m.id] if isinstance(m.id, str) else list(m.id)):
            welsh = m.string if isinstance(m.string, str) else m.string[0]
            if english == welsh:
                continue
            parts = re.split(r"\{[^}]*\}", english)
            out.append((re.compile(".*?".join(re.escape(p) for p in parts), re.S), english))
    return out


ENGLISH = None


def visible(at: AppTest) -> list[str]:
    """Every piece of text the page shows or gives a screen reader: headings, text,
    messages, and each control's label, options and help."""
    texts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success",
                 "error", "warning"):
        texts += [e.value for e in getattr(at, kind)]
    for kind in ("button", "checkbox", "toggle", "text_input", "text_area", "number_input",
                 "radio", "selectbox", "expander"):
        for e in getattr(at, kind):
            texts.append(e.label)
            texts += list(getattr(e, "options", None) or ())
            texts.append(getattr(e.proto, "help", "") or "")
    # Markup the projector writes: the text between its tags, and its pictures' alt text.
    out = []
    for text in texts:
        if not isinstance(text, str):
            continue
        out += re.findall(r"alt='([^']*)'", text)
        out += [t for t in re.split(r"<[^>]*>", text)]
    return [" ".join(t.split()) for t in out if t and t.strip()]


def _plain(text: str) -> str:
    return re.sub(r"[*_`#:]|\\", "", text).strip()


def assert_welsh(welsh: AppTest, english: AppTest | None, typed: tuple[str, ...] = ()) -> None:
    """No English catalogue message in the Welsh page, and nothing shown the same in the
    same place on the English page unless it is a name, a figure or what someone typed."""
    global ENGLISH
    ENGLISH = ENGLISH or _english()
    shown = visible(welsh)
    assert shown, "the page shows nothing"
    left = [(text, english_) for text in shown for pattern, english_ in ENGLISH
            if pattern.fullmatch(_plain(text)) or pattern.fullmatch(text)
            or (len(english_) > 14 and "{" not in english_ and english_ in text)]
    assert not left, "English left on the Welsh page:\n" + "\n".join(
        f"{t!r} (the catalogue's {e!r})" for t, e in left)
    if english is None:
        return
    same = set(shown) & set(visible(english))
    allowed = BOTH | {TITLE, *typed}
    untranslated = [t for t in same if t not in allowed
                    and re.search(r"[A-Za-z]{3}", t)
                    and not any(t.startswith(x) or t.endswith(x) for x in allowed)
                    and not re.fullmatch(r"[A-Z0-9]{6}", t)  # a join code
                    and not t.startswith("http")]  # a link
    assert not untranslated, "Shown in English on the Welsh page too:\n" + "\n".join(
        map(repr, sorted(untranslated)))


def opened(ws, question: str | None = None) -> dict:
    w = ws.create(TITLE, "Wales", "welsh_kinds")
    ws.set_status(w["id"], "open")
    if question:
        ws.set_current(w["id"], question)
    return ws.get(w["id"])


def phone(w=None, lang="cy", **params) -> AppTest:
    at = AppTest.from_file(APP)
    at.query_params.update({**({"code": w["join_code"]} if w else {}), **params,
                            **({"lang": lang} if lang else {})})
    return run(at)


def both(w, me, **params) -> tuple[AppTest, AppTest]:
    return phone(w, "cy", me=me, **params), phone(w, "en", me=me, **params)


def test_the_join_pages_are_in_welsh_from_the_switch(room):
    ws = room
    w = opened(ws)
    at = phone()
    switch = at.radio(key="language_switch")
    assert switch.label == "Iaith / Language" and switch.options == ["English", "Cymraeg"]
    assert at.title[0].value == "Ymuno â'r gweithdy"
    assert_welsh(at, phone(lang="en"))
    at = phone(w)
    assert [b.label for b in at.button if b.key.startswith("role_")] == ["Beirniad", "Gofalwr"]
    assert_welsh(at, phone(w, "en"))
    at = run(at.button(key="role_judge").click())
    me = at.query_params["me"]
    assert ws.delegate(w["id"], me)["language"] == "cy"  # kept on the delegate's record
    assert_welsh(at, phone(w, "en", me=me))


def test_a_wrong_code_is_told_in_welsh(room):
    at = phone()
    at.text_input[0].input("ZZZZZQ")
    at = run(at.button[0].click())
    assert at.error[0].value.startswith("Does dim gweithdy gyda'r cod ZZZZZQ")
    assert_welsh(at, None)


def test_the_switch_turns_the_join_page_welsh_and_keeps_it_in_the_link(room):
    w = opened(room)
    at = phone(w, lang=None)
    assert at.title[0].value == TITLE and at.radio(key="language_switch").value == "en"
    at = run(at.radio(key="language_switch").set_value("cy"))
    assert at.query_params["lang"] == "cy"
    assert "**Pa un sy'n eich disgrifio orau?** Tapiwch un i ymuno." in [
        m.value for m in at.markdown]
    at = run(at.button(key="role_carer").click())
    me = at.query_params["me"]
    again = phone(w, lang=None, me=me)  # a reload of the link without ?lang= keeps Welsh
    assert "Rydych wedi ymuno fel Gofalwr" in again.caption[0].value
    assert again.button(key="language_other").label == "English"
    again = run(again.button(key="language_other").click())  # and back
    assert room.delegate(w["id"], me)["language"] == "en"
    assert "You joined as Carer" in again.caption[0].value


QUESTIONS = ["talk", "agree", "pick", "r", "p", "j", "m", "cs", "i"]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_kind_of_question_is_in_welsh(room, question):
    ws = room
    w = opened(ws, question)
    me = ws.join(w["id"], "judge", "Bwrdd 3", "cy")["id"]
    welsh, english = both(w, me)
    assert welsh.title[0].value == ws.pack_of(w["id"]).in_language("cy").question(question).prompt
    assert_welsh(welsh, english, ("Bwrdd 3",))


def test_what_a_delegate_sends_and_is_told_back_is_in_welsh(room):
    ws = room
    w = opened(ws, "talk")
    me = ws.join(w["id"], "judge", "", "cy")["id"]
    at = phone(w, me=me)
    at = run(at.button(key="send_comment").click())  # an error by the box
    assert at.error[0].value == "Teipiwch eich sylw cyn ei anfon."
    at.text_area(key="comment_text").input("Talu am amser teithio")
    at.radio(key="comment_kind").set_value("story")
    at = run(at.button(key="send_comment").click())
    assert at.success[0].value.startswith("Diolch, mae eich sylw wedi'i gadw.")
    assert ws.own_comments(w["id"], me)[0]["kind"] == "story"
    at = run(at.toggle(key="change_this").set_value(True))
    assert_welsh(at, None)
    english = phone(w, "en", me=me)
    english = run(english.toggle(key="change_this").set_value(True))
    assert_welsh(at, english, ("Talu am amser teithio",))


def test_saved_answers_of_each_kind_are_kept_in_english_and_told_in_welsh(room):
    ws = room
    w = opened(ws, "agree")
    me = ws.join(w["id"], "judge", "", "cy")["id"]
    at = phone(w, me=me)
    scale = next(r for r in at.radio if r.label == "I ba raddau ydych chi'n cytuno?")
    assert scale.options[3] == "Cytuno"
    scale.set_value("Agree")  # the Welsh "Cytuno" saves the English point
    at = run(next(b for b in at.button if b.label == "Anfon ateb").click())
    assert ws.own_answer(w["id"], me, "agree") == ["Agree"]
    assert at.success[0].value.startswith("Diolch, mae eich ateb wedi'i gadw.")
    ws.set_current(w["id"], "r")
    at = phone(w, me=me)
    for label in ("Teithio", "Cyflog"):
        at = run(next(b for b in at.button if b.label == label).click())
    at = run(at.button(key="save_r").click())
    assert ws.own_answer(w["id"], me, "r") == ["Travel", "Pay", "Training"]
    assert_welsh(at, None)
    ws.set_current(w["id"], "cs")
    at = phone(w, me=me)
    at.radio(key="cs_cs_0").set_value("Must")
    # One card not placed: the error says so in Welsh, naming the card in Welsh.
    at = run(next(b for b in at.button if b.label == "Cadw fy nhrefnu").click())
    assert [e.value for e in at.error] == [
        "Rhowch bob cerdyn yn ei le: does gan “Cwrdd â'r cynigwyr” ddim lle eto."]
    assert at.radio(key="cs_cs_0").value == "Must"  # what was chosen stays
    ws.set_revealed(w["id"], "cs", True)
    at = phone(w, me=me)
    assert_welsh(at, None)
    ws.set_current(w["id"], "i")
    at = phone(w, me=me)
    at.text_area(key="idea_text_i").input("Cyflog teg")
    at.radio(key="idea_tag_i").set_value("Money")
    at = run(at.button(key="post_i").click())
    at = run(next(b for b in at.button if b.label == "Pleidleisio dros syniad 1").click())
    assert at.success[-1].value.startswith("Mae eich pleidlais dros “Cyflog teg” wedi'i chadw.")
    assert_welsh(at, phone(w, "en", me=me), ("Cyflog teg",))


@pytest.mark.parametrize("state", ["draft", "closed", "voting closed", "countdown",
                                   "time up"])
def test_the_workshops_states_are_in_welsh(room, state):
    ws = room
    w = opened(ws, "talk")
    me = ws.join(w["id"], "judge", "", "cy")["id"]
    if state in ("draft", "closed"):
        ws.set_status(w["id"], state)
    elif state == "voting closed":
        ws.set_voting(w["id"], "talk", False)
    else:
        ws.start_timer(w["id"], 95)
        if state == "time up":
            ws.store.update_workshop(w["id"], {"timer_ends": 1.0})
    welsh, english = both(w, me)
    if state == "countdown":
        assert any(" eiliad ar ôl" in m.value for m in welsh.markdown)
    assert_welsh(welsh, english)


def test_the_projector_follows_the_facilitators_language(room):
    ws = room
    w = opened(ws, "talk")
    me = ws.join(w["id"], "judge", "")["id"]
    ws.submit_comment(w["id"], me, "talk", "Talu am amser teithio", "issue")
    english = AppTest.from_file(APP)
    english.query_params["code"] = w["join_code"]
    english = run(english.switch_page("pages/projector.py"))
    assert any("Join at" in m.value for m in english.markdown)
    ws.set_screen_language(w["id"], "cy")
    welsh = AppTest.from_file(APP)
    welsh.query_params["code"] = w["join_code"]
    welsh = run(welsh.switch_page("pages/projector.py"))
    text = " ".join(visible(welsh))
    assert "Ymunwch yn" in text and "Gofal cartref" in text and "Beth sydd bwysicaf?" in text
    assert "Bydd y cyngor yn prynu gofal cartref" in text  # the card's scenario, laid out
    assert "Sylwadau diweddaraf: 1 i gyd" in text and "Mater neu bryder" in text
    chart = describe_comments(summarise_comments(ws.snapshot(w["id"]), "talk"))
    assert chart not in text  # the chart's sentence is in Welsh too
    assert_welsh(welsh, english, ("Talu am amser teithio",))


def _chart_words(ws, wid: str) -> list[str]:
    """A comment chart's title, sentence, axis title and key, on a Welsh screen."""
    from workshop import charts
    snapshot = ws.snapshot(wid)
    summary = summarise_comments(snapshot, "talk")
    with charts.speaking("cy", snapshot.pack):
        fig = charts.theme_chart(summary, True)
        words = [fig.layout.title.text, charts.describe_comments(summary),
                 fig.layout.xaxis.title.text, *(t.name for t in fig.data if t.name)]
        words.append(charts.name("Theme"))  # a theme, from the pack's Welsh
    return words


def _english_in(words) -> list[tuple[str, str]]:
    global ENGLISH
    ENGLISH = ENGLISH or _english()
    return [(w, e) for w in words for pattern, e in ENGLISH
            if pattern.fullmatch(_plain(w)) or (len(e) > 6 and "{" not in e and e in w)]


@pytest.fixture
def charted(room):
    ws = room
    w = opened(ws, "talk")
    for role, text in (("judge", "Talu am amser teithio"), ("carer", "Mwy o staff")):
        me = ws.join(w["id"], role, "")["id"]
        ws.submit_comment(w["id"], me, "talk", text, "issue")
    return ws, w


def test_a_welsh_chart_has_no_english_title_sentence_or_key(charted):
    ws, w = charted
    words = _chart_words(ws, w["id"])
    assert words[0] == "Themâu a godwyd, yn ôl rôl" and words[2] == "Sylwadau"
    assert words[1].startswith("2 sylw gan 2 person.")
    assert "Thema" in words and "Grwpiau llai gyda'i gilydd" in words  # theme, pooled roles
    assert not _english_in(words), _english_in(words)


@pytest.mark.parametrize("msgid", ["Themes raised, by role", "{comments} from {people}.",
                                   "Comments"])
def test_a_chart_word_without_its_welsh_is_caught(charted, tmp_path, monkeypatch, msgid):
    ws, w = charted
    _without(tmp_path, monkeypatch, msgid)
    try:
        assert _english_in(_chart_words(ws, w["id"]))
    finally:
        i18n.forget()


def test_the_facilitator_chooses_the_projectors_language_in_the_console(room):
    ws = room
    w = opened(ws)
    at = AppTest.from_file(APP)
    at.query_params.update({"key": SECRET, "workshop": w["id"]})
    run(at)
    at = run(at.switch_page("pages/console.py"))
    switch = at.radio(key=f"screen_language_{w['id']}")
    assert switch.label == "Projector language" and switch.value == "en"
    run(switch.set_value("cy"))
    assert ws.get(w["id"])["screen_language"] == "cy"


def test_a_language_the_app_does_not_speak_is_refused_and_nothing_changes(room):
    from workshop.errors import InvalidInput
    ws = room
    w = opened(ws)
    me = ws.join(w["id"], "judge", "", "cy")["id"]
    with pytest.raises(InvalidInput, match="'fr' is not a language this app speaks"):
        ws.set_language(w["id"], me, "fr")
    with pytest.raises(InvalidInput, match="Cymraeg"):
        ws.set_screen_language(w["id"], "fr")
    assert ws.delegate(w["id"], me)["language"] == "cy"
    assert "screen_language" not in ws.get(w["id"])
    assert "language" not in ws.join(w["id"], "judge", "")  # no choice made: none kept
