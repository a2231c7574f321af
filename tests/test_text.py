"""The one rule for showing typed text: as typed, never as markup."""

import html
import random
import re

import pytest

from tests.markup import live_markup
from workshop.errors import PackError
from workshop.scenarios import pack_from_yaml
from workshop.text import (WORD_JOINER, as_typed, has_tag, inline_html, inline_markdown,
                           markdown_text, one_line, quoted)

# A comment written to add markup: lines apart, then a picture from another
# host, a heading, a link and a bare address.
ATTACK = ("Line one\n\n![t](http://host/x.png)\n\n# HUGE HEADING\n\n"
          "[click](http://evil.example)\n\nhttp://evil.example/bare")
MORE = [
    "- a list\n+ another\n* and another\n1. numbered\n2) numbered too",
    "> quoted\n---\n===\n***\n___",
    "| a | b |\n|---|---|\n| c | d |",
    "    indented code\n```\nfenced\n```\n~~~\nfenced\n~~~",
    "<b>bold</b> <img src=x> <http://evil.example> <!-- note -->",
    "$x^2$ and $$y$$ cost $5",
    ":red[coloured] :blue-background[box] :material/home: :smile: :streamlit: :+1:",
    "**bold** __bold__ *it* _it_ ~~gone~~ `code`",
    "www.evil.example WWW.EVIL.EXAMPLE me@evil.example mailto:me@evil.example",
    "&copy; &#169; &amp; &lt;b&gt; R&D A & B",
    "[ref]: http://evil.example\n\n[ref] [^1] [x][ref] [ ] task",
    "Heading\n=======\nSub\n-------",
    "\\# not a heading \\ \\\\ back",
    "10:30 Note: don't (really)! It's 50% -> done; a/b, c.d?",
]


@pytest.mark.parametrize("text", [ATTACK, *MORE[:-2]])
def test_unescaped_these_would_be_markup(text):
    """The checker the tests use sees the markup in the raw text."""
    assert live_markup(text)


def test_the_attack_comment_unescaped_is_a_picture_a_heading_and_links():
    found = " ".join(live_markup(ATTACK))
    assert "image" in found and "heading" in found and "link" in found and "autolink" in found


@pytest.mark.parametrize("text", [ATTACK, *MORE])
def test_inline_markdown_shows_text_as_typed_on_one_line(text):
    shown = inline_markdown(text)
    assert "\n" not in shown
    assert live_markup(shown) == [], shown
    assert as_typed(shown) == one_line(text)  # a reader sees exactly what was typed


def test_the_attack_comment_loses_every_piece_of_markup():
    shown = inline_markdown(ATTACK)
    assert "![" not in shown and not shown.startswith("#")
    assert "](" not in shown and "http://" not in shown
    assert shown.startswith("Line one !\\[t\\]\\(http:" + WORD_JOINER + "//host/x.png)")
    assert "\\# HUGE HEADING" in shown


def test_punctuation_people_use_reads_the_same_and_stays_readable():
    text = "I don't think (honestly) it's fair: 50% less, £5 - or more? Yes!"
    assert inline_markdown(text) == text  # nothing to escape, nothing added


@pytest.mark.parametrize("text", [ATTACK, *MORE])
def test_markdown_text_keeps_paragraphs_and_lines_but_no_markup(text):
    shown = markdown_text(text)
    assert live_markup(shown) == [], shown
    typed = [[one_line(line) for line in p.splitlines() if line.strip()]
             for p in text.split("\n\n") if p.strip()]
    got = [[as_typed(line.rstrip()) for line in p.split("  \n")] for p in shown.split("\n\n")]
    assert got == typed


def test_random_punctuation_never_becomes_markup():
    rng = random.Random(11)
    alphabet = "ab 1.-+*_#>|`~$:!&;@/[](){}<>\\=\n" + "w"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        for shown in (inline_markdown(text), markdown_text(text)):
            assert live_markup(shown) == [], (text, shown)
        assert as_typed(inline_markdown(text)) == one_line(text)


def test_inline_html_stays_on_one_line_inside_its_element():
    shown = inline_html(ATTACK + "\n\n<script>alert(1)</script> & more")
    assert "\n" not in shown and "<" not in shown and ">" not in shown
    # Markdown's specials are character references too: plain even if read as markdown.
    assert not re.search(r"[\[\]#!`*_|~$()\\]", re.sub(r"&#\d+;", "", shown))
    assert html.unescape(shown).replace(WORD_JOINER, "") == one_line(
        ATTACK + " <script>alert(1)</script> & more")


def test_a_quotation_escapes_the_words_and_the_name():
    assert quoted("# Loud\n\n[x](http://e.example)", "Care_provider") == (
        "\u201c\\# Loud \\[x\\]\\(http:" + WORD_JOINER + "//e.example)\u201d (Care\\_provider)")


def test_pack_text_may_not_hold_html_tags():
    assert has_tag("<a href='http://evil.example'>x</a>") and not has_tag("fewer < 5 > 2")
    yaml_text = """\
id: tags
title: Tags
roles: [{id: a, label: A}]
codebook: [{id: q, label: Q, description: Quality}]
stages:
- id: s
  title: S
  cards:
  - id: c
    title: C
    scenario: Read <a href="http://evil.example">this</a>
    questions: [{id: q1, kind: comment, prompt: What matters}]
"""
    with pytest.raises(PackError, match=r"line 11: stages\[0\]\.cards\[0\]\.scenario: has a "
                                        r"part in angle brackets"):
        pack_from_yaml(yaml_text, "your pack")
