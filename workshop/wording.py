"""How numbers become words in the report. One place, so every sentence agrees."""

from __future__ import annotations

from workshop.report_words import (NUMBER_WORDS, Nn_, english, group_name, ngettext,
                                   number_word, pgettext, say)

_SMALL = NUMBER_WORDS

# The counted nouns of a report, each in the catalogue as a singular and plural pair, so a
# language with more plural forms (Welsh has six) says each count its own way. `num` is the
# count in words, `num_f` its feminine form, `count` the figure.
_PHRASES = {
    ("person", "people"): Nn_("%(num)s person", "%(num)s people"),
    ("comment", "comments"): Nn_("%(num)s comment", "%(num)s comments"),
    ("question", "questions"): Nn_("%(num)s question", "%(num)s questions"),
    ("table", "tables"): Nn_("%(num)s table", "%(num)s tables"),
    ("poll", "polls"): Nn_("%(num)s poll", "%(num)s polls"),
    ("idea", "ideas"): Nn_("%(num)s idea", "%(num)s ideas"),
    ("vote", "votes"): Nn_("%(num)s vote", "%(num)s votes"),
    ("judge", "judges"): Nn_("%(num)s judge", "%(num)s judges"),
    ("entry", "entries"): Nn_("%(num)s entry", "%(num)s entries"),
    ("criterion", "criteria"): Nn_("%(num)s criterion", "%(num)s criteria"),
    ("group", "groups"): Nn_("%(num)s group", "%(num)s groups"),
    ("statement", "statements"): Nn_("%(num)s statement", "%(num)s statements"),
    ("difference", "differences"): Nn_("%(num)s difference", "%(num)s differences"),
    ("more point", "more points"): Nn_("%(num)s more point", "%(num)s more points"),
    ("more difference", "more differences"): Nn_("%(num)s more difference",
                                                 "%(num)s more differences"),
    ("similar idea", "similar ideas"): Nn_("%(num)s similar idea", "%(num)s similar ideas"),
    ("idea was", "ideas were"): Nn_("%(num)s idea was", "%(num)s ideas were"),
}
# The same, with the figure: for tables and notes.
_COUNTED = {
    ("comment", "comments"): Nn_("%(count)s comment", "%(count)s comments"),
    ("poll answer", "poll answers"): Nn_("%(count)s poll answer", "%(count)s poll answers"),
    ("ranking", "rankings"): Nn_("%(count)s ranking", "%(count)s rankings"),
    ("points allocation", "points allocations"): Nn_("%(count)s points allocation",
                                                     "%(count)s points allocations"),
    ("judge's score sheet", "judges' score sheets"): Nn_("%(count)s judge's score sheet",
                                                         "%(count)s judges' score sheets"),
    ("set of ratings", "sets of ratings"): Nn_("%(count)s set of ratings",
                                               "%(count)s sets of ratings"),
    ("card sort", "card sorts"): Nn_("%(count)s card sort", "%(count)s card sorts"),
    ("person's idea votes", "people's idea votes"): Nn_("%(count)s person's idea votes",
                                                        "%(count)s people's idea votes"),
    ("person", "people"): Nn_("%(count)s person", "%(count)s people"),
}


def number(n: int) -> str:
    """Numbers up to ten in words, as in a written report; larger ones in figures."""
    if not english():
        return number_word(n)
    return _SMALL[n] if 0 <= n < len(_SMALL) else f"{n:,}"


def plural(n: int, one: str, many: str | None = None) -> str:
    pair = _PHRASES.get((one, many or one + "s"))
    if not english() and pair:
        return ngettext(*pair, n)
    return f"{number(n)} {one if n == 1 else (many or one + 's')}"


def counted(n: int, one: str, many: str | None = None) -> str:
    """A figure and its noun, for tables and notes: '1 comment', '12 comments'."""
    pair = _COUNTED.get((one, many or one + "s"))
    if not english() and pair:
        return ngettext(*pair, n)
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


# Who gave a comment its theme, in the words the facilitator sees: never a source code or
# a score (the automatic theming's confidence means nothing to a person).
TAG_SOURCES = {"auto": "suggested by the app", "person": "set by you"}


def theme_tag(label: str, source: str) -> str:
    """A comment's theme and who gave it: 'Workforce (suggested by the app)',
    'Workforce (set by you)'."""
    return f"{label} ({TAG_SOURCES.get(source, TAG_SOURCES['auto'])})"


QUANTITY_WORDS = ("most", "many", "some", "a few")


def quantity(part: int, whole: int) -> str | None:
    """An earned quantity word for part of whole, or None when no word is honest.

    "most" > 50 %, "many" 30-50 %, "some" 15-30 %, "a few" otherwise but at least two;
    one comment is never generalised from.
    """
    if part < 2 or whole <= 0:
        return None
    ratio = part / whole
    most, many, some, few = QUANTITY_WORDS
    if ratio > 0.5:
        return most
    if ratio >= 0.3:
        return many
    if ratio >= 0.15:
        return some
    return few


def join_words(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if english():
        return ", ".join(items[:-1]) + " and " + items[-1]
    # Welsh says "ac" before a vowel, "a" before a consonant: both in the catalogue.
    last = items[-1]
    first = last.lstrip("*_\u201c\u2018\"'([")[:1].lower()
    vowel = bool(first) and first in "aeiouwyâêîôûŵŷ"
    word = pgettext("before a vowel", "and") if vowel else _and()
    return ", ".join(items[:-1]) + f" {word} " + last


def _and() -> str:
    return pgettext("before a consonant", "and")


# Words after which a role's head noun has already come: "judge from the council".
_QUALIFIERS = ("from", "of", "who", "in", "at", "for", "with", "that", "working", "(")


def _plural_noun(word: str) -> str:
    if word == "person":
        return "people"
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def role_plural(label: str) -> str:
    """'Care provider' -> 'care providers', 'Judge from the council' -> 'judges from the
    council'; used inside sentences."""
    low = label[0].lower() + label[1:]
    if low.startswith("person who uses services"):
        return "people who use services or carers"
    if low.startswith("smaller groups"):
        return "people in smaller groups"
    if low == "other":
        return "people in other roles"
    words = low.split()
    head = next((i - 1 for i, w in enumerate(words)
                 if i and (w in _QUALIFIERS or w.startswith("("))), len(words) - 1)
    if not words[head].endswith("s"):
        words[head] = _plural_noun(words[head])
    return " ".join(words)


# Other names a role goes by in running text, so a long name is not repeated line after line.
_ALSO_CALLED = {"people who use services or carers": ("people using services and carers",
                                                      "service users and carers")}


def role_names(label: str) -> tuple[str, ...]:
    """Every name a role goes by in a sentence (plural), the usual one first."""
    usual = role_plural(label)
    return (usual, *_ALSO_CALLED.get(usual, ()))


def capital(text: str) -> str:
    """The first letter of a sentence made a capital, the rest left as it is."""
    return text[:1].upper() + text[1:]


def attribution(label: str) -> str:
    """A role label as it follows a quotation: 'Commissioner (local authority)' becomes
    'Commissioner, local authority', so the brackets round it are the only ones."""
    head, _, rest = label.partition(" (")
    return f"{head}, {rest.rstrip(')')}" if rest else label


def role_count(label: str, n: int, name: str | None = None) -> str:
    """'four commissioners', 'one care provider', 'two people in other roles'; `name` is
    the plural to use, one of role_names(label). A language that does not make plurals of
    role names the English way gives the role as typed and its count."""
    if not english():
        return say("%(role)s (%(count)s)", role=group_name(label), count=f"{n:,}",
                   num=number(n))
    if n == 1:
        low = label[0].lower() + label[1:]
        if low == "other":
            return "one person in another role"
        if low.startswith("smaller groups"):
            return "one person in a smaller group"
        if low.startswith("person who uses services"):
            return "one person who uses services or a carer"
        return f"one {low}"
    return f"{number(n)} {name or role_plural(label)}"


class Voice:
    """Ways of saying the same kind of thing, used in turn: a report of twelve questions
    then reads like a person wrote it, not one sentence stamped twelve times."""

    def __init__(self):
        self._turn: dict[str, int] = {}

    def role(self, label: str) -> str:
        """A role's name in a sentence, its other names in turn where it has them (in
        English; other languages name the role as typed)."""
        if not english():
            return group_name(label)
        return self.pick(f"role:{label}", role_names(label))

    def said(self, slot: str, options, **values) -> str:
        """One of OPTIONS (messages of the report's catalogue) in turn, in the report's
        language, its placeholders filled from VALUES."""
        return say(self.pick(slot, options), **values)

    def pick(self, slot: str, options) -> str:
        i = self._turn.get(slot, 0)
        self._turn[slot] = i + 1
        return options[i % len(options)]


def in_sentence(name: str) -> str:
    """A name inside a sentence: 'Competitive tendering' -> 'competitive tendering'; names
    with capitals inside ('Public Social Partnerships', 'TUPE') stay as they are."""
    rest = name[1:]
    return name[0].lower() + rest if rest == rest.lower() else name
