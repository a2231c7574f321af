"""The report check re-derives every figure and quotation of a draft from the data."""

import re

import pytest

from store import MemoryStore
from tests.conftest import SCENARIOS
from tests.test_formats import room  # noqa: F401  (fixture)
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


def test_a_quote_from_a_hidden_comment_or_the_wrong_role_is_caught(workshops, monitoring):
    snap = workshops.snapshot(monitoring)
    # Three care providers commented there, enough for their role to be named.
    comment = next(c for c in snap.comments if snap.role_of(c["delegate_id"]) == "provider")
    quote = f"\u201c{comment['text']}\u201d"
    wrong = check_report(snap, f"## Notes\n\n{quote} (Commissioner)\n")
    assert "attributed to Commissioner but was written by Care provider" in wrong.problems[0].message
    assert check_report(snap, f"## Notes\n\n{quote} (Provider)\n").ok
    workshops.set_hidden(monitoring, comment["id"], True)
    hidden = check_report(workshops.snapshot(monitoring), f"## Notes\n\n{quote} (Provider)\n")
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


# --- what a sentence claims is re-derived, not only its figures -----------------------------

def _problems(snap, text) -> list[str]:
    return [p.message for p in check_report(snap, text).problems]


def test_every_demo_draft_passes_unedited(workshops, packs):
    from workshop.demo import build_format_demo
    for pack_id in packs:
        w = (build_demo(workshops, SCENARIOS, seed=5) if pack_id == "peoples_borough"
             else build_format_demo(workshops, pack_id, seed=5))
        snap = workshops.snapshot(w["id"])
        result = check_report(snap, draft_report(snap))
        assert result.ok, (pack_id, [str(p) for p in result.problems])


def test_six_people_changed_to_seven_is_caught(workshops, demo):
    snap = workshops.snapshot(demo)
    draft = draft_report(snap)
    found = re.search(r"^(Two|Three|Four|Five|Six|Seven|Eight) people made (\w+) comments "
                      r"here\.", draft, re.MULTILINE)
    words = ["Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"]
    said, more = found.group(1), words[words.index(found.group(1)) + 1]
    changed = found.group(0).replace(said, more, 1)
    assert _problems(snap, draft.replace(found.group(0), changed, 1)) == [
        f"says {more} where the data gives {said}"]


@pytest.fixture
def monitoring(workshops):
    """Six people, ten comments on one question; the facilitator added a theme and gave it
    to four of them."""
    w = workshops.create("Home care", "East Midlands", "peoples_borough")
    wid = w["id"]
    workshops.set_status(wid, "open")
    people = [workshops.join(wid, role, "1")["id"]
              for role in ("provider",) * 3 + ("commissioner",) * 3]
    said = ["Electronic call monitoring cuts visits to fifteen minutes",
            "Call monitoring data is used to pay by the minute",
            "Carers are rushed because the monitoring clock is running",
            "Monitoring systems cost small providers too much",
            "Rotas are too tight between visits",
            "Travel time between visits is not paid",
            "Care workers leave for better paid jobs",
            "We cannot recruit enough staff in rural areas",
            "Zero hours contracts make staff insecure",
            "Training is not funded by the council"]
    ids = [workshops.submit_comment(wid, people[i % 6], "services", text, "issue")["id"]
           for i, text in enumerate(said)]
    theme = workshops.add_theme(wid, "Electronic call monitoring")
    for comment_id in ids[:4]:
        workshops.set_comment_themes(wid, comment_id, [theme.id])
    return wid


def test_a_rewritten_sentence_is_re_derived_where_the_facilitator_added_a_theme(
        workshops, monitoring):
    snap = workshops.snapshot(monitoring)
    draft = draft_report(snap)
    overview = next(line for line in draft.splitlines() if "made ten comments" in line
                    or "drew ten comments" in line or "ten comments came" in line)
    true = ("Six people made ten comments. Most of the discussion was about electronic call "
            "monitoring (four comments).")
    assert check_report(snap, draft.replace(overview, true)).ok
    edited = true.replace("Six people", "Seven people").replace("(four", "(nine")
    assert _problems(snap, draft.replace(overview, edited)) == [
        "says seven people commented where the data gives 6",
        "says nine comments on electronic call monitoring where the data gives 4"]


@pytest.fixture
def rated(room):  # noqa: F811
    """Five groups rate option X: two of them High, three Low."""
    ws, wid = room
    ws.set_current(wid, "m")
    for i, level in enumerate(("High", "High", "Low", "Low", "Low")):
        ws.rate_option(wid, ws.join(wid, "judge", str(i))["id"], "m", "X", {"Risk": level})
    return ws, wid


def test_most_groups_for_two_of_five_is_caught(rated):
    ws, wid = rated
    snap = ws.snapshot(wid)
    draft = draft_report(snap)
    assert check_report(snap, draft).ok
    line = next(x for x in draft.splitlines() if x.startswith("Five groups rated the options."))
    bare = draft.replace(line, "Five groups rated the options. Most groups rated x high for "
                               "risk.")
    assert _problems(snap, bare) == [
        "says \u201cmost groups\u201d, but 2 of 5 gave that rating"]
    figures = draft.replace(line, "Five groups rated the options. Most groups (2 of 5) rated x "
                                  "high for risk.")
    assert ("says \u201cmost groups\u201d for 2 of 5, where the rule gives \u201cmany\u201d"
            in _problems(snap, figures))


def test_an_invented_winner_rank_or_tie_is_caught(workshops):
    from workshop.demo import build_format_demo
    from workshop.results import scoring_result
    w = build_format_demo(workshops, "home_care_competition", seed=5)
    snap = workshops.snapshot(w["id"])
    draft = draft_report(snap)
    q = next(q for q in snap.pack.questions if q.kind == "scoring_matrix")
    first, second = scoring_result(snap, q.id).entries[:2]
    assert first.rank == 1 and second.rank == 2
    won = (f"The panel ranked {first.title} first, with {first.average:.1f} points (average "
           f"of {first.judges} judges).")
    assert won in draft
    invented = draft.replace(won, f"The panel ranked {second.title} first, with "
                                  f"{first.average:.1f} points.")
    assert _problems(snap, invented)[0].startswith(f"says {second.title.lower()} came first, "
                                                   "but it did not")
    tie = draft.replace(won, f"{first.title} and {second.title} tied for first place on "
                             f"{first.average:.1f} points.")
    assert [p for p in _problems(snap, tie) if "tied, but they did not" in p]
    ranking = next(x for x in draft.splitlines() if "came first overall" in x
                   and not x.startswith("**"))
    last = re.search(r"; \u201c(.+?)\u201d came last", ranking).group(1)
    top = re.search(r"\u201c(.+?)\u201d came first", ranking).group(1)
    swapped = ranking.replace(f"\u201c{top}\u201d came first", f"\u201c{last}\u201d came first")
    assert [p for p in _problems(snap, draft.replace(ranking, swapped))
            if p.startswith(f"says {last.lower()} came first, but it did not")]


def test_participants_felt_needs_two_people(workshops, open_workshop):
    wid = open_workshop["id"]
    workshops.submit_comment(wid, workshops.join(wid, "provider", "1")["id"], "services",
                             "Contracts are far too rigid for personal budgets", "issue")
    snap = workshops.snapshot(wid)
    draft = draft_report(snap)
    lead = "One person raised a concern:"
    assert lead in draft
    assert _problems(snap, draft.replace(lead, "Participants felt:")) == [
        "\u201cparticipants felt\u201d generalises from one person's comment; say one person "
        "said it, or show that two or more did"]
    # The same point made by a second person: now the room can be said to have felt it.
    workshops.submit_comment(wid, workshops.join(wid, "commissioner", "2")["id"], "services",
                             "Contracts are far too rigid for personal budgets!", "issue")
    snap = workshops.snapshot(wid)
    draft = draft_report(snap)
    lead = next(x for x in draft.splitlines() if x.endswith(":") and "concern" in x)
    assert check_report(snap, draft.replace(lead, "Participants felt:")).ok


def test_an_issue_presented_as_a_way_forward_is_caught(workshops, demo):
    snap = workshops.snapshot(demo)
    draft = draft_report(snap)
    issue = next(c for c in snap.visible_comments
                 if c["kind"] == "issue" and c["question_id"] == "services")
    bullet = next(x for x in draft.splitlines() if x.startswith("- ")
                  and issue["text"][:30] in x)
    lead = next(x for x in draft.split("### Types of services")[1].splitlines()
                if x.endswith(":") and ("idea" in x or "forward" in x or "proposal" in x))
    moved = draft.replace(bullet + "\n", "", 1).replace(lead + "\n", lead + "\n" + bullet
                                                        + "\n", 1)
    assert _problems(snap, moved) == [
        f"the quotation \u201c{issue['text'][:60]}\u201d is presented as a way forward, but "
        "it was typed as an issue"]


def test_views_called_similar_when_an_option_splits_roles_is_caught(workshops, open_workshop):
    """8 % of commissioners and 45 % of providers chose one option; the most popular option
    was the same for both: the roles differed, and the draft says so."""
    wid = open_workshop["id"]
    workshops.set_current(wid, "providers_poll")
    q = workshops.pack_of(wid).question("providers_poll")
    fixed = next(o for o in q.options if o.startswith("A fixed number"))
    answers = {"commissioner": [fixed] * 2 + ["Not sure"] * 14 + [q.options[0]] * 8,
               "provider": [fixed] * 15 + ["Not sure"] * 16 + [q.options[0]] * 2}
    for role, given in answers.items():
        for choice in given:
            workshops.answer_poll(wid, workshops.join(wid, role, "1")["id"], "providers_poll",
                                  choice)
    snap = workshops.snapshot(wid)
    draft = draft_report(snap)
    head = next(x for x in draft.splitlines() if x.startswith("**Poll: How many providers"))
    text = draft.split(head + "\n\n")[1].split("\n")[0]
    assert f"to choose \u201c{fixed}\u201d (15 of 33, 45%, against 2 of 24, 8%)" in draft
    assert "alike" not in text and "much the same" not in text
    similar = draft.replace(text, text.split(". ")[0] + ". Views were similar across "
                                                       "commissioners and care providers.")
    assert _problems(snap, similar) == [
        "says the roles answered alike, but care providers and commissioners differed "
        "(15 of 33 against 2 of 24)"]


def test_the_packs_plan_written_as_what_happened_is_caught(workshops, demo):
    snap = workshops.snapshot(demo)
    draft = draft_report(snap)
    plan = " ".join(snap.pack.background.split())
    assert f"> {plan}" in draft
    edited = draft.replace(f"> {plan}", plan)
    assert _problems(snap, edited) == [
        "repeats the pack's plan as if it were what happened: introduce it as the plan "
        "(\u201cThe day was designed to \u2026\u201d) or quote it"]


def test_a_quantity_word_is_held_to_its_rule(workshops, demo):
    snap = workshops.snapshot(demo)
    draft = draft_report(snap)
    edited = draft.replace("## Background\n", "## Background\n\nMost participants wanted "
                                              "more trust.\n", 1)
    assert _problems(snap, edited) == [
        "says \u201cmost participants\u201d without the figures that earn it; give them (for "
        "example \u201c12 of 20\u201d)",
        "\u201cparticipants wanted\u201d generalises from one person's comment; say one "
        "person said it, or show that two or more did"]


def test_options_tied_at_the_bottom_are_written_and_checked_as_a_tie(workshops):
    w = workshops.create("Home care", "Northvale", "home_care_competition")
    wid = w["id"]
    workshops.set_status(wid, "open")
    workshops.set_current(wid, "investment")
    first = "Information and advice on choosing care"
    me = workshops.join(wid, "entrant", "1")["id"]
    workshops.answer_points(wid, me, "investment", {first: 100})
    snap = workshops.snapshot(wid)
    draft = draft_report(snap)
    assert ("\u201cSupport for family carers\u201d shared the least (0.0 each)." in draft)
    assert check_report(snap, draft).ok
    alone = draft.replace("\u201cHelp to take up and manage direct payments\u201d, ", "", 1)
    alone = re.sub(r"; (\u201c[^;]*?\u201d) shared the least \(0\.0 each\)",
                   "; \u201cSupport for family carers\u201d the least (0.0)", alone)
    assert [p for p in _problems(snap, alone)
            if p.startswith("says support for family carers came last alone, but it tied")]


def test_a_sentence_about_the_whole_day_is_re_derived_where_the_facilitator_added_a_theme(
        workshops, monitoring):
    """Written among the key messages, "six people made ten comments" is about the day:
    re-derived from every comment, not read as the people who raised the theme the line
    goes on to name."""
    snap = workshops.snapshot(monitoring)
    draft = draft_report(snap)
    lead = next(line for line in draft.splitlines() if line.startswith("**Electronic call"))
    true = ("Six people made ten comments. Most of the discussion was about electronic call "
            "monitoring (four comments).")
    assert _problems(snap, draft.replace(lead, true)) == []
    assert _problems(snap, draft.replace(lead, true.replace("Six", "Seven"))) == [
        "says seven people commented where the data gives 6"]
    assert _problems(snap, draft.replace(lead, true.replace("(four", "(five"))) == [
        "says five comments on electronic call monitoring where the data gives 4"]
