"""The language a delegate's phone or the projector speaks (Welsh or English), and its
words: `_("Send comment")` is the text in that language, read from the "screens"
catalogue (workshop/i18n.py). Rendering only: which language is whose is kept in
workshop/ (the delegate's record, the workshop's projector language).

A delegate chooses on the join page; the choice is kept in the link (`?lang=cy`), in a
cookie on the phone, and once joined on their record, so a reload keeps it."""

from __future__ import annotations

import streamlit as st

from pages.shared.browser import cookie, keep_cookie
from workshop import i18n

LANGUAGE_COOKIE = "workshop_language"
LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600
# The switch names each language in itself, the same in either language.
SWITCH_LABEL = "Iaith / Language"

# Sets the page's lang attribute (WCAG 3.1.1) to the language shown, so a screen reader
# reads Welsh with a Welsh voice. Streamlit's page says lang="en" whatever it shows.
LANG_JS = """
export default function (component) {
  const { data } = component;
  if (data) document.documentElement.lang = data;
  return () => { document.documentElement.lang = "en"; };
}
"""
_page_language = st.components.v2.component("page_language", js=LANG_JS)


def current() -> str:
    """The language this session shows ("en" unless chosen)."""
    return st.session_state.get("language") or i18n.DEFAULT_LANGUAGE


def use(code: str | None) -> str:
    """Show this session in CODE (a code or name; anything unknown is English)."""
    try:
        chosen = i18n.language(code)
    except i18n.LanguageError:
        chosen = i18n.DEFAULT_LANGUAGE
    st.session_state["language"] = chosen
    return chosen


def _(message: str) -> str:
    """MESSAGE in the language shown."""
    return i18n.translations(current(), "screens").gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for N things, in the language shown."""
    return i18n.translations(current(), "screens").ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks MESSAGE for the catalogue where it is written; translated where shown."""
    return message


def from_browser() -> str | None:
    """The language this browser asked for: in the link, else in its cookie."""
    asked = st.query_params.get("lang") or cookie(LANGUAGE_COOKIE)
    try:
        return i18n.language(asked) if asked else None
    except i18n.LanguageError:
        return None


def mark_page() -> None:
    """Set the page's lang attribute to the language shown (hidden; takes no room)."""
    _page_language(key="page_language", data=current())


def remember() -> None:
    """Have this browser keep the language in its cookie (only when it changed; English,
    the default, needs no cookie until another language was kept)."""
    kept = cookie(LANGUAGE_COOKIE)
    if kept == current() or (kept is None and current() == i18n.DEFAULT_LANGUAGE):
        return
    keep_cookie({"name": LANGUAGE_COOKIE, "value": current(),
                 "max_age": LANGUAGE_COOKIE_SECONDS, "same_site": "Lax"})


def switch(on_change=None) -> None:
    """The language switch: a labelled radio ("English / Cymraeg"), reachable and changed
    with the keyboard (arrow keys). A change shows the page in the chosen language, keeps
    it in the link and the cookie, and calls `on_change` with the new code (to keep it on
    the delegate's record)."""
    codes = list(i18n.LANGUAGES)

    def changed() -> None:
        chosen = use(st.session_state.get("language_switch"))
        st.query_params["lang"] = chosen
        if on_change:
            on_change(chosen)

    st.radio(SWITCH_LABEL, codes, index=codes.index(current()), horizontal=True,
             format_func=i18n.LANGUAGES.get, key="language_switch", on_change=changed)


def other_button(on_change=None) -> None:
    """The switch once joined, last on the phone's page: one button named in the other
    language ("Cymraeg" on an English page, "English" on a Welsh one), as Welsh public
    services' pages have. A button, not a radio, so the question's own choices stay the
    only ones on the page."""
    other = next(code for code in i18n.LANGUAGES if code != current())

    def changed() -> None:
        st.query_params["lang"] = use(other)
        if on_change:
            on_change(other)

    st.button(i18n.LANGUAGES[other], key="language_other", on_click=changed,
              type="tertiary", icon=":material/translate:")


def error_text(exc: Exception, said: dict[str, str] | None = None) -> str:
    """A refusal's message in the language shown: its wording from the catalogue, with the
    figures and words it names put back (workshop/errors.py keeps both); a pack's option or
    card it names is said as `said` (language.words) gives it."""
    said = said or {}
    template, params = getattr(exc, "template", None), getattr(exc, "params", None) or {}
    if not template:
        return _(str(exc))
    try:  # words it names that the catalogue has ("table number or name") are said too
        return _(template).format(**{k: said.get(v) or _(v) if isinstance(v, str) else v
                                     for k, v in params.items()})
    except (KeyError, IndexError, ValueError):  # a translation that names no such figure
        return str(exc)


def words(pack, question) -> dict[str, str]:
    """What each of QUESTION's options, criteria, areas, levels, categories, tags and cards
    to sort says in the language shown. The English is what is saved: a phone in Welsh
    shows these and saves the English at the same place."""
    from workshop.scenarios import DEFAULT_LEVELS, SCALE_LABELS
    local = pack.in_language(current()).question(question.id)
    said: dict[str, str] = {}
    for name in ("options", "criteria", "dimensions", "levels", "categories", "tags"):
        said.update(zip(getattr(question, name), getattr(local, name)))
    said.update(zip([s.text for s in question.statements], [s.text for s in local.statements]))
    for label in (*SCALE_LABELS, *DEFAULT_LEVELS):  # the app's own, from the catalogue
        if said.get(label, label) == label:
            said[label] = _(label)
    return said


def kinds(pack) -> dict[str, str]:
    """Each kind of comment a phone offers, id -> label, in the language shown."""
    local = pack.in_language(current()).comment_kinds
    return {k: _(label) if local[k] == label else local[k]
            for k, label in pack.comment_kinds.items()}
