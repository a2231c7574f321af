"""The report's fixed wording in the language it is drafted in.

A report is drafted inside `speaking(lang)`; every fixed sentence of it goes through `_`,
`ngettext` or `pgettext` here, which read the "report" catalogue of workshop/i18n.py
(workshop/locale/cy/LC_MESSAGES/report.po). English is the source text, so outside
`speaking("cy")` everything is exactly as written in the code.

Placeholders are named (`%(count)s`, `%(num)s`) so a translator can move them. For counted
nouns three values are always given: `count` (the figure, "4"), `num` (the number in words
as the report writes it, "four"; in Welsh the masculine form, "pedwar") and `num_f` (the
feminine form where a language has one, "pedair").
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from workshop import i18n

DOMAIN = "report"
_LANG: ContextVar[str] = ContextVar("report_language", default=i18n.DEFAULT_LANGUAGE)

# Numbers up to ten in words, as the report writes them ("six people"). Marked for the
# catalogue: a language gives its own words (pgettext "number", and "number, feminine").
def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; translated where it is used."""
    return message


def Nn_(one: str, many: str) -> tuple[str, str]:
    """Marks a singular and plural pair for the catalogue; counted where it is used."""
    return one, many


def C_(context: str, message: str) -> str:
    """Marks a message with its context for the catalogue (read with pgettext)."""
    return message


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten")
# Each number word in the catalogue: as the report writes it ("number"); where a language
# gives feminine nouns their own form ("number, feminine": Welsh "dwy", "tair", "pedair");
# and where a number has a shorter form before a noun ("number, before a noun": "pum",
# "chwe"). The check reads every one of these back as the number.
_NUMBER_MARKS = (
    C_("number", "no"), C_("number", "one"), C_("number", "two"), C_("number", "three"),
    C_("number", "four"), C_("number", "five"), C_("number", "six"), C_("number", "seven"),
    C_("number", "eight"), C_("number", "nine"), C_("number", "ten"),
    C_("number, feminine", "two"), C_("number, feminine", "three"),
    C_("number, feminine", "four"),
    C_("number, before a noun", "five"), C_("number, before a noun", "six"),
    C_("before a vowel", "and"), C_("before a consonant", "and"),
)
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
          N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
          N_("December"))


@contextmanager
def speaking(lang: str | None):
    """Draft (or check) a report in LANG within this block."""
    token = _LANG.set(i18n.language(lang))
    try:
        yield
    finally:
        _LANG.reset(token)


def current() -> str:
    """The language the report is being drafted in ("en" or "cy")."""
    return _LANG.get()


def english() -> bool:
    return current() == "en"


def _t():
    return i18n.translations(current(), DOMAIN)


def _(message: str) -> str:
    return _t().gettext(message)


def pgettext(context: str, message: str) -> str:
    return _t().pgettext(context, message)


def number_word(n: int, feminine: bool = False) -> str:
    """N in words up to ten ("six"; "chwech" in Welsh), larger ones in figures ("1,204")."""
    if not 0 <= n < len(NUMBER_WORDS):
        return f"{n:,}"
    word = NUMBER_WORDS[n]
    if english():
        return word
    if feminine:
        found = pgettext("number, feminine", word)
        if found != word:
            return found
    return pgettext("number", word)


def values(n: int) -> dict:
    """The ways of writing N a translated phrase may use."""
    return {"count": f"{n:,}", "num": number_word(n), "num_f": number_word(n, True)}


def _with_capitals(more: dict) -> dict:
    """Each value also under its name with a capital first letter, the value then starting
    with a capital: English opens a sentence with %(People)s where another language puts
    %(people)s in the middle."""
    out = dict(more)
    for key, value in more.items():
        if key[:1].islower() and isinstance(value, str):
            out.setdefault(key[:1].upper() + key[1:], value[:1].upper() + value[1:])
    return out


def ngettext(one: str, many: str, n: int, **more) -> str:
    """The phrase for N in the language's plural form, with N and MORE filled in."""
    return _t().ngettext(one, many, n) % _with_capitals({**values(n), **more})


def say(message: str, **more) -> str:
    """A translated sentence with its named placeholders filled in."""
    found = _(message)
    return found % _with_capitals(more) if more else found


def number_words() -> dict[str, int]:
    """Every word the current language writes a number up to ten with, and its value (both
    genders): what the check reads a number word in a draft by."""
    out = {}
    for n in range(1, len(NUMBER_WORDS)):
        out[number_word(n).lower()] = n
        out[number_word(n, True).lower()] = n
        short = pgettext("number, before a noun", NUMBER_WORDS[n])
        if short != NUMBER_WORDS[n] or english():
            out[short.lower()] = n
    return out


# The names the report gives groups of people (analysis.POOLED, results.EVERYONE): shown in
# the report's language wherever they appear.
GROUP_NAMES = (N_("Smaller groups combined"), N_("Everyone"))


def group_name(label: str) -> str:
    """A group's name in the report's language: the pooled group and "Everyone" translated,
    a role as typed."""
    return _(label) if label in GROUP_NAMES else shown(label)


def poll_lead() -> str:
    """What a poll's heading starts with ("Poll: "), in the report's language."""
    return _("Poll:") + " "


# The answers of an agreement scale (scenarios.SCALE): the app's own words, not a pack's.
SCALE_WORDS = (N_("Strongly disagree"), N_("Disagree"), N_("Neither agree nor disagree"),
               N_("Agree"), N_("Strongly agree"))
_PACK_WORDS: ContextVar[dict] = ContextVar("pack_words", default={})


def _plain(text: str) -> str:
    return " ".join(str(text).split())


def pack_words(english: dict, translated: dict) -> dict[str, str]:
    """Each text of a pack's data (its YAML, as loaded) and the same text in another
    language, walked side by side: {English: translated}, only where they differ."""
    found: dict[str, str] = {}

    def walk(a, b):
        if isinstance(a, dict) and isinstance(b, dict):
            for key, value in a.items():
                if key in b and key not in i18n.LANGUAGES:
                    walk(value, b[key])
        elif isinstance(a, list) and isinstance(b, list):
            for x, y in zip(a, b):
                walk(x, y)
        elif isinstance(a, str) and isinstance(b, str) and _plain(a) != _plain(b):
            found.setdefault(_plain(a), _plain(b))
    walk(english, translated)
    return found


@contextmanager
def pack_in(pack):
    """Within this block, the pack's own text (titles, questions, scenarios, options, role
    names) is shown in the report's language where the pack gives it (Pack.in_language)."""
    words: dict[str, str] = {}
    if not english() and pack is not None and getattr(pack, "raw", None):
        from workshop.scenarios import localised
        words = pack_words(pack.raw, localised(pack.raw, current()))
    token = _PACK_WORDS.set(words)
    try:
        yield
    finally:
        _PACK_WORDS.reset(token)


def shown(text: str) -> str:
    """A pack's text (or a scale's answer) as the report shows it: in the report's language
    where the pack gives it, else as written."""
    if english() or not text:
        return text
    words = _PACK_WORDS.get()
    found = words.get(_plain(text))
    if found is not None:
        return found
    return _(text) if text in SCALE_WORDS else text


def from_shown(text: str) -> str:
    """The pack's English for a text shown in the report's language (the check reads a
    Welsh heading back to its question by it)."""
    if english():
        return text
    plain = _plain(text).lower()
    for en, other in _PACK_WORDS.get().items():
        if other.lower() == plain:
            return en
    for word in SCALE_WORDS:
        if _(word).lower() == plain:
            return word
    return text


def shown_pack_words() -> list[str]:
    """Every text of the pack as shown in the report's language (empty in English)."""
    return list(_PACK_WORDS.get().values())
