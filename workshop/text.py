"""Rules for text people type: what is accepted, and how it is made safe to show."""

from __future__ import annotations

import re
import unicodedata

from workshop.errors import InvalidInput
from workshop.i18n import N_

# A comment is a few sentences on a phone; 1,000 characters is about 170 words, enough for
# a considered point while keeping the wall and the report readable.
MAX_COMMENT_CHARS = 1000
MAX_SHORT_CHARS = 120  # titles, table names, theme labels

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# How typed text is shown. Everything people type (comments, ideas, reasons, notes, names,
# titles, pack text, imported rows) is shown as the characters typed, never as markup:
# - markdown's specials get a backslash, which shows the character itself;
# - an "&" that starts a character reference (&copy;) would show another character, so
#   it gets one too;
# - a line may not start a list, heading, quote or rule ("- ", "1. ", "===");
# - a "(" straight after "]" is escaped too, so nothing reads as a link's address;
# - GitHub-flavoured markdown makes links of bare http://, www. and name@host, and
#   Streamlit turns :name: and :name[...] into emoji, icons and coloured text, all even
#   with backslashes. A word joiner (U+2060: invisible, no line break) after the colon,
#   between "www" and the dot, and before the "@" stops each; readers see no change.
# - in HTML (the projector's large text), the same characters and HTML's own become
#   character references, and line breaks spaces: a blank line would end the HTML.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)])(?=\s|$))")
_AFTER_BRACKET = re.compile(r"(?<=\\\])\(")
WORD_JOINER = "\u2060"
_COLON_WORD = re.compile(r":(?=[\w/+\-])")
_WWW = re.compile(r"(?i)(?<=www)\.")
_AT = re.compile(r"(?<=[\w.+\-])@")
_BLANK_LINE = re.compile(r"\n\s*\n")
_HTML_SPECIAL = re.compile(r"[&<>\"'\\`*_{}\[\]#|~$!()]")
_BACKSLASHED = re.compile(r"\\([!-/:-@\[-`{-~])")  # markdown's escapes: any ASCII punctuation


def clean_comment(text: str | None) -> str:
    """The comment as it will be stored, or InvalidInput saying what to change."""
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text or "")).strip()
    if not text:
        raise InvalidInput(N_("Please type your comment before sending."))
    if len(text) > MAX_COMMENT_CHARS:
        raise InvalidInput(N_("Your comment is {length} characters long. The limit is {limit}. "
                              "Please shorten it or split it into two comments."),
                           length=f"{len(text):,}", limit=f"{MAX_COMMENT_CHARS:,}")
    if _TAG.search(text):
        raise InvalidInput(N_("Please remove the parts in angle brackets (< >). "
                              "Comments are plain text."))
    return text


def clean_short(text: str | None, what: str) -> str:
    """A one-line name (title, table, theme label)."""
    text = " ".join(_CONTROL.sub("", text or "").split())
    if not text:
        raise InvalidInput(N_("Please give a {what}."), what=what)
    if len(text) > MAX_SHORT_CHARS:
        raise InvalidInput(N_("The {what} is too long: at most {limit} characters."),
                           what=what, limit=MAX_SHORT_CHARS)
    if _TAG.search(text):
        raise InvalidInput(N_("Please remove the angle brackets (< >) from the {what}."),
                           what=what)
    return text


def one_line(text: str | None) -> str:
    """Text on one line: every run of spaces and line breaks made one space."""
    return " ".join((text or "").split())


def _no_links(text: str) -> str:
    """Bare web and email addresses and :shortcodes: kept as plain text (see above)."""
    text = _COLON_WORD.sub(":" + WORD_JOINER, text)
    text = _WWW.sub(WORD_JOINER + ".", text)
    return _AT.sub(WORD_JOINER + "@", text)


def inline_markdown(text: str | None) -> str:
    """Typed text placed in markdown (a paragraph, a list item, a table cell, a widget's
    label or a message): on one line, shown exactly as typed, never as markup."""
    text = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    text = _AFTER_BRACKET.sub(r"\\(", _ENTITY.sub(r"\\&", text))
    text = _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)
    return _no_links(text)


def markdown_text(text: str | None) -> str:
    """Typed text of several lines (a scenario, a background, a message listing problems)
    placed in markdown: its paragraphs and line breaks kept, each line as inline_markdown."""
    paragraphs = [p for p in _BLANK_LINE.split((text or "").strip()) if p.strip()]
    return "\n\n".join("  \n".join(inline_markdown(line) for line in p.splitlines()
                                    if line.strip()) for p in paragraphs)


def as_typed(markdown: str) -> str:
    """The text inline_markdown was given (less its line breaks): escapes and word joiners
    taken out, to compare what a report quotes with what was typed."""
    return _BACKSLASHED.sub(r"\1", markdown).replace(WORD_JOINER, "")


def inline_html(text: str | None) -> str:
    """Typed text placed in HTML: on one line (so it stays inside its element), HTML's
    specials and markdown's as character references, so it reads as typed and would
    still be plain text if it were ever read as markdown."""
    return _HTML_SPECIAL.sub(lambda m: f"&#{ord(m[0])};", _no_links(one_line(text)))


def has_tag(text: str) -> bool:
    """Whether the text holds something written like an HTML tag, <b> or </a>."""
    return bool(_TAG.search(text or ""))


def quoted(text: str, who: str) -> str:
    """A participant's words in a report: verbatim, in curly quotes, attributed by role."""
    return f"\u201c{inline_markdown(text)}\u201d ({inline_markdown(who)})"


def csv_safe(value) -> str:
    """A cell that spreadsheets will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
