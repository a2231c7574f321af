"""How numbers become words in the report. One place, so every sentence agrees."""

from __future__ import annotations

_SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number(n: int) -> str:
    """Numbers up to ten in words, as in a written report; larger ones in figures."""
    return _SMALL[n] if 0 <= n < len(_SMALL) else f"{n:,}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{number(n)} {one if n == 1 else (many or one + 's')}"


def counted(n: int, one: str, many: str | None = None) -> str:
    """A figure and its noun, for tables and notes: '1 comment', '12 comments'."""
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
    return ", ".join(items[:-1]) + " and " + items[-1]


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
    the plural to use, one of role_names(label)."""
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
        """A role's name in a sentence, its other names in turn where it has them."""
        return self.pick(f"role:{label}", role_names(label))

    def pick(self, slot: str, options) -> str:
        i = self._turn.get(slot, 0)
        self._turn[slot] = i + 1
        return options[i % len(options)]


def in_sentence(name: str) -> str:
    """A name inside a sentence: 'Competitive tendering' -> 'competitive tendering'; names
    with capitals inside ('Public Social Partnerships', 'TUPE') stay as they are."""
    rest = name[1:]
    return name[0].lower() + rest if rest == rest.lower() else name
