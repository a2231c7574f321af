"""What markdown (GitHub-flavoured, as Streamlit renders it) would make of a piece of text:
the constructs that are live in it. The tests use it on the parts of a page or report that
came from what someone typed, which must have none."""

from __future__ import annotations

import re

# A backslash before ASCII punctuation shows that character: it starts nothing.
_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")
_LINE_CHECKS = {
    "heading": re.compile(r"^ {0,3}#{1,6}(\s|$)"),
    "list item": re.compile(r"^ {0,3}([-+*]|\d{1,9}[.)])(\s|$)"),
    "quote": re.compile(r"^ {0,3}>"),
    "rule or underline": re.compile(r"^ {0,3}(=+|(-\s*){3,}|(\*\s*){3,}|(_\s*){3,})$"),
    "table row": re.compile(r"^\s*\|"),
    "code block": re.compile(r"^( {4}|\t|\s*```|\s*~~~)"),
}
_INLINE_CHECKS = {
    "image": re.compile(r"!\["),
    "link": re.compile(r"\][(\[]"),
    "bracket": re.compile(r"[\[\]]"),
    "html": re.compile(r"<[A-Za-z/!?]"),
    "autolink": re.compile(r"(?i)https?://|www\.|<[a-z]+:|[\w.+-]@[\w-]+\.\w"),
    "code": re.compile(r"`"),
    "formula": re.compile(r"\$"),
    "emphasis": re.compile(r"[*_~]"),
    "directive or shortcode": re.compile(r":[\w+\-/]"),
    "character reference": re.compile(r"&#?\w+;"),
}


def live_markup(text: str) -> list[str]:
    """Names of the markdown constructs live in `text` (empty when it is plain)."""
    found = []
    for line in text.split("\n"):
        for name, rule in _LINE_CHECKS.items():
            if rule.search(line):
                found.append(f"{name}: {line[:60]!r}")
    bare = _ESCAPED.sub("\u2423", text)  # escaped characters cannot start anything
    for name, rule in _INLINE_CHECKS.items():
        m = rule.search(bare)
        if m:
            found.append(f"{name}: {bare[max(m.start() - 20, 0):m.end() + 20]!r}")
    return found
