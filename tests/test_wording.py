"""Numbers and sources in the words people read: correct plurals, and no internal codes
or scores."""

import pytest

from workshop.wording import counted, plural, theme_tag


@pytest.mark.parametrize("n, expected", [(0, "0 cards"), (1, "1 card"), (2, "2 cards"),
                                         (1200, "1,200 cards")])
def test_counted_agrees_with_its_number(n, expected):
    assert counted(n, "card") == expected


def test_irregular_plurals_are_given():
    assert counted(1, "person", "people") == "1 person"
    assert counted(3, "person", "people") == "3 people"
    assert counted(1, "entry", "entries") == "1 entry"
    assert plural(2, "entry", "entries") == "two entries"


def test_a_theme_says_who_gave_it_in_words():
    assert theme_tag("Workforce", "auto") == "Workforce (suggested by the app)"
    assert theme_tag("Workforce", "person") == "Workforce (set by you)"
    # Anything else is the app's suggestion: an unknown code is never shown.
    assert theme_tag("Workforce", "import") == "Workforce (suggested by the app)"


def test_the_packs_command_counts_questions_in_good_english(capsys):
    from workshop import cli
    cli.cmd_packs(None)
    lines = capsys.readouterr().out.splitlines()
    assert lines and all("\t1 questions\t" not in line for line in lines)
    assert all(line.split("\t")[2].endswith(("question", "questions")) for line in lines)
