"""Rules for text people type: what is accepted, and how it is made safe to show."""

from __future__ import annotations

import re
import unicodedata

from workshop.errors import InvalidInput

# A comment is a few sentences on a phone; 1,000 characters is about 170 words, enough for
# a considered point while keeping the wall and the report readable.
MAX_COMMENT_CHARS = 1000
MAX_SHORT_CHARS = 120  # titles, table names, theme labels

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def clean_comment(text: str | None) -> str:
    """The comment as it will be stored, or InvalidInput saying what to change."""
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text or "")).strip()
    if not text:
        raise InvalidInput("Please type your comment before sending.")
    if len(text) > MAX_COMMENT_CHARS:
        raise InvalidInput(f"Your comment is {len(text):,} characters long. The limit is "
                           f"{MAX_COMMENT_CHARS:,}. Please shorten it or split it into two "
                           "comments.")
    if _TAG.search(text):
        raise InvalidInput("Please remove the parts in angle brackets (< >). "
                           "Comments are plain text.")
    return text


def clean_short(text: str | None, what: str) -> str:
    """A one-line name (title, table, theme label)."""
    text = " ".join(_CONTROL.sub("", text or "").split())
    if not text:
        raise InvalidInput(f"Please give a {what}.")
    if len(text) > MAX_SHORT_CHARS:
        raise InvalidInput(f"The {what} is too long: at most {MAX_SHORT_CHARS} characters.")
    if _TAG.search(text):
        raise InvalidInput(f"Please remove the angle brackets (< >) from the {what}.")
    return text


def inline_markdown(text: str) -> str:
    """Text placed inside a markdown paragraph: one line, markdown characters escaped,
    so a comment can never add a heading, table, list or link to the report."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def quoted(text: str, who: str) -> str:
    """A participant's words in a report: verbatim, in curly quotes, attributed by role."""
    return f"\u201c{inline_markdown(text)}\u201d ({who})"


def csv_safe(value) -> str:
    """A cell that spreadsheets will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
