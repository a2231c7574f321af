"""The drafted report says what the data says, in the East Midlands report's shape."""

import pytest

from workshop.report import draft_report


@pytest.fixture
def day(workshops, open_workshop):
    """Four commissioners and five providers; comments on price transparency only."""
    wid = open_workshop["id"]
    people = {role: [workshops.join(wid, role, f"Table {i % 2 + 1}")["id"] for i in range(n)]
              for role, n in (("commissioner", 4), ("provider", 5), ("user", 1))}
    workshops.set_current(wid, "price_transparency")
    say = [("provider", 0, "Price should not be the only deciding factor: you get what you "
            "pay for", "issue"),
           ("provider", 1, "Price transparency will put off specialist providers with higher "
            "costs", "issue"),
           ("provider", 2, "Higher price means higher cost of staff wages", "issue"),
           ("commissioner", 0, "Provide a breakdown of price so the unit cost is clear", "idea"),
           ("commissioner", 1, "How do you ensure high price equals high quality?", "question"),
           ("user", 0, "People need to see the balance between cost and quality", "idea")]
    for role, i, text, kind in say:
        workshops.submit_comment(wid, people[role][i], "price_transparency", text, kind)
    workshops.set_current(wid, "price_transparency_poll")
    for i, token in enumerate(people["commissioner"]):
        workshops.answer_poll(wid, token, "price_transparency_poll",
                              "Agree" if i < 3 else "Disagree")
    for i, token in enumerate(people["provider"]):
        workshops.answer_poll(wid, token, "price_transparency_poll",
                              "Strongly disagree" if i < 4 else "Agree")
    workshops.answer_poll(wid, people["user"][0], "price_transparency_poll", "Agree")
    return wid


def test_title_background_and_who_took_part(workshops, day):
    report = draft_report(workshops.snapshot(day))
    assert report.startswith("## EAST MIDLANDS WORKSHOP REPORT:\n\n"
                             "# CONTRACTING FOR PERSONALISED OUTCOMES\n\n4th February 2010\n")
    assert ("# Regional Workshop: Contracting for personalised outcomes East Midlands, "
            "Nottingham, 4th February 2010") in report
    assert ("10 people took part: four commissioners, five care providers and one person who "
            "uses services or carer. They sat at two tables, two of which mixed people in "
            "different roles.") in report


def test_every_card_appears_and_silent_ones_say_so(workshops, day):
    report = draft_report(workshops.snapshot(day))
    assert "## Stage 1 – Specifying the framework contract" in report
    assert "### Types of services provided: How should the framework specify" in report
    assert report.count("This question was not discussed at the workshop") == 12


def test_poll_results_by_role_with_small_groups_pooled(workshops, day):
    report = draft_report(workshops.snapshot(day))
    assert ("3 of 4 commissioners agreed and 1 disagreed; 1 of 5 care providers agreed "
            "and 4 disagreed; 1 of 1 people in smaller groups agreed and 0 disagreed.") in report
    assert "| Care provider | 5 | 4 (80%) | 0 (0%) | 0 (0%) | 1 (20%) | 0 (0%) |" in report
    assert ("Person who uses services or carer: fewer than 3 people answered, so their "
            "answers are shown together") in report


def test_comments_are_quoted_verbatim_with_role_only(workshops, day):
    report = draft_report(workshops.snapshot(day))
    assert "Six people made six comments. The discussion centred on price, cost & value" in report
    assert ("Care providers expressed concern about price, cost & value (all three of their "
            "concerns).") in report
    assert ("\u201cProvide a breakdown of price so the unit cost is clear\u201d (Commissioner)"
            in report)
    assert "It was asked: \u201cHow do you ensure high price equals high quality?\u201d" in report
    assert "Table 1" not in report  # attributed by role only


def test_hidden_comments_leave_the_report_and_are_counted(workshops, day):
    snapshot = workshops.snapshot(day)
    rude = next(c for c in snapshot.comments if "wages" in c["text"])
    workshops.set_hidden(day, rude["id"], True)
    report = draft_report(workshops.snapshot(day))
    assert "wages" not in report
    assert "One comment was hidden by the facilitator and is not included here." in report
    assert ("it leaves out 1 comment hidden by the facilitator and 0 comments withdrawn by "
            "their authors") in report


def test_markdown_in_comments_cannot_break_the_structure(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "1")["id"]
    workshops.submit_comment(wid, me, "services", "# Heading\n| a | b |\n* item [link](x)",
                             "issue")
    report = draft_report(workshops.snapshot(wid))
    assert "\n# Heading" not in report and "\n| a |" not in report
    assert "\\# Heading \\| a \\| b \\| \\* item \\[link\\](x)" in report


def test_a_single_comment_is_not_generalised(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "1")["id"]
    workshops.submit_comment(wid, me, "services", "Contracts are too rigid", "issue")
    report = draft_report(workshops.snapshot(wid))
    assert "One comment raised a concern" in report
    assert "Most comments" not in report
