"""The report check re-derives every figure and quotation of a draft from the data."""

import pytest

from store import MemoryStore
from tests.conftest import SCENARIOS
from workshop import cli
from workshop.claims import check_report
from workshop.demo import build_demo
from workshop.report import draft_report
from workshop.workshops import Workshops


@pytest.fixture
def workshops(packs, tmp_path):
    """The check reads a snapshot; where it is stored does not matter here."""
    return Workshops(MemoryStore(), packs, tmp_path / "live")


@pytest.fixture
def demo(workshops):
    return build_demo(workshops, SCENARIOS, seed=7)["id"]


def _line_with(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line)


def test_a_fresh_draft_of_the_demo_passes(workshops, demo):
    snap = workshops.snapshot(demo)
    result = check_report(snap, draft_report(snap))
    assert result.ok, [str(p) for p in result.problems]
    assert result.figures > 100 and result.quotes > 20


def test_a_changed_figure_in_a_table_is_caught_with_the_right_value(workshops, demo):
    snap = workshops.snapshot(demo)
    draft = draft_report(snap)
    row = _line_with(draft, "| Everyone |")
    cells = row.split("|")
    people = int(cells[2])
    changed = "|".join(cells[:2] + [f" {people + 3} "] + cells[3:])
    result = check_report(snap, draft.replace(row, changed, 1))
    assert not result.ok
    assert any(f"says {people + 3} where the data gives {people}" in p.message
               for p in result.problems)


def test_a_changed_number_word_in_a_sentence_is_caught(workshops, demo):
    snap = workshops.snapshot(demo)
    draft = draft_report(snap)
    line = _line_with(draft, "people took part:")
    word = next(w for w in ("two", "three", "four", "five", "six", "seven", "eight")
                if f" {w} tables" in line)
    result = check_report(snap, draft.replace(line, line.replace(f" {word} tables",
                                                                 " nine tables", 1)))
    assert [p.message for p in result.problems] == [f"says nine where the data gives {word}"]


def test_an_invented_quote_is_caught(workshops, demo):
    snap = workshops.snapshot(demo)
    draft = draft_report(snap)
    invented = draft + "\nProviders said \u201cWe love frameworks and always will\u201d (Provider).\n"
    result = check_report(snap, invented)
    assert [p for p in result.problems if "is not a comment anyone made" in p.message]


def test_a_quote_from_a_hidden_comment_or_the_wrong_role_is_caught(workshops, demo):
    snap = workshops.snapshot(demo)
    comment = next(c for c in snap.comments if snap.role_of(c["delegate_id"]) == "provider")
    quote = f"\u201c{comment['text']}\u201d"
    wrong = check_report(snap, f"## Notes\n\n{quote} (Commissioner)\n")
    assert "attributed to Commissioner but was written by Care provider" in wrong.problems[0].message
    assert check_report(snap, f"## Notes\n\n{quote} (Provider)\n").ok
    workshops.set_hidden(demo, comment["id"], True)
    hidden = check_report(workshops.snapshot(demo), f"## Notes\n\n{quote} (Provider)\n")
    assert "was hidden; it must not be quoted" in hidden.problems[0].message


def test_a_rewritten_sentence_may_only_use_figures_from_its_section(workshops, demo):
    snap = workshops.snapshot(demo)
    draft = draft_report(snap)
    heading = _line_with(draft, "### Price transparency")
    edited = draft.replace(heading, heading + "\n\nOur own summary: 987 people were worried.", 1)
    result = check_report(snap, edited)
    assert [str(p) for p in result.problems] == [
        f"line {edited.splitlines().index('Our own summary: 987 people were worried.') + 1}: "
        "the figure 987 is not one the data gives for this section"]


def test_cli_check_passes_on_the_draft_and_fails_on_a_doctored_file(workshops, demo, tmp_path,
                                                                    monkeypatch, capsys):
    monkeypatch.setattr(cli, "open_workshops", lambda: workshops)
    assert cli.main(["report", demo, "--check"]) == 0
    assert "all match the data" in capsys.readouterr().out
    doctored = tmp_path / "draft.md"
    doctored.write_text(draft_report(workshops.snapshot(demo)) +
                        "\n\u201cNobody said this\u201d (Provider)\n", encoding="utf-8")
    assert cli.main(["report", demo, "--check", "--file", str(doctored)]) == 1
    assert "is not a comment anyone made" in capsys.readouterr().out


def test_cli_check_warns_about_the_facilitators_edited_version(workshops, demo, monkeypatch,
                                                              capsys):
    monkeypatch.setattr(cli, "open_workshops", lambda: workshops)
    draft = draft_report(workshops.snapshot(demo))
    workshops.save_report_edit(demo, draft + "\n\u201cMade up\u201d (Provider)\n")
    assert cli.main(["report", demo, "--check"]) == 1
    out = capsys.readouterr().out
    assert "fresh draft:" in out and "edited version:" in out and "Made up" in out
