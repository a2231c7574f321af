"""The drafted report says what the data says, in the East Midlands report's shape."""

import pytest

from workshop.analysis import comments_for, differs
from workshop.report import draft_report, representative
from workshop.wording import quantity


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
    # Two commissioners commented: too few to name, so quoted as the chart groups them.
    assert ("\u201cProvide a breakdown of price so the unit cost is clear\u201d (Smaller groups "
            "combined)" in report)
    assert "(Commissioner)" not in report
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
    assert "\\# Heading \\| a \\| b \\| \\* item \\[link\\]\\(x)" in report


def test_a_single_comment_is_not_generalised(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "1")["id"]
    workshops.submit_comment(wid, me, "services", "Contracts are too rigid", "issue")
    report = draft_report(workshops.snapshot(wid))
    assert "One comment raised a concern" in report
    assert "Most comments" not in report


@pytest.mark.parametrize("part,whole,word", [
    (1, 1, None), (2, 3, "most"), (6, 10, "most"), (5, 10, "many"), (3, 10, "many"),
    (29, 100, "some"), (15, 100, "some"), (14, 100, "a few"), (2, 100, "a few")])
def test_quantity_words_are_earned(part, whole, word):
    assert quantity(part, whole) == word


@pytest.mark.parametrize("x1,n1,x2,n2,real", [
    (8, 10, 2, 10, True),     # 60-point gap, z about 2.7
    (3, 5, 1, 5, False),      # 40-point gap but five people each: could be chance
    (6, 6, 0, 4, False),      # a role under five people is never contrasted
    (40, 100, 25, 100, False),  # significant but under 30 points
    (20, 27, 2, 36, True)])
def test_role_differences_need_enough_people_and_a_real_gap(x1, n1, x2, n2, real):
    assert differs(x1, n1, x2, n2) is real


def _poll_day(workshops, open_workshop, commissioner_agree, provider_agree):
    wid = open_workshop["id"]
    workshops.set_current(wid, "price_transparency_poll")
    for role, agree in (("commissioner", commissioner_agree), ("provider", provider_agree)):
        for i in range(6):
            token = workshops.join(wid, role, "1")["id"]
            workshops.answer_poll(wid, token, "price_transparency_poll",
                                  "Agree" if i < agree else "Disagree")
    return draft_report(workshops.snapshot(wid))


def test_a_role_contrast_is_written_when_the_counts_support_it(workshops, open_workshop):
    report = _poll_day(workshops, open_workshop, 6, 0)
    assert ("Commissioners were more likely to agree than care providers (6 of 6, 100%, "
            "against 0 of 6, 0%).") in report


def test_views_are_called_similar_when_the_difference_could_be_chance(workshops,
                                                                      open_workshop):
    report = _poll_day(workshops, open_workshop, 4, 2)
    assert "Views were similar across commissioners and care providers." in report
    assert "more likely" not in report


def test_representative_comments_skip_near_duplicates_and_spread_roles(workshops,
                                                                      open_workshop):
    wid = open_workshop["id"]
    said = [("provider", "Short contracts stop us investing in staff training"),
            ("provider", "Short contracts stop us investing in our staff training"),
            ("provider", "Short contracts really stop us investing in staff training"),
            ("commissioner", "Contract length is set by the council's budget cycle and staff "
                             "training is not funded"),
            ("user", "Staff change too often because contracts are short")]
    for role, text in said:
        workshops.submit_comment(wid, workshops.join(wid, role, "1")["id"], "services", text,
                                 "issue")
    snap = workshops.snapshot(wid)
    chosen = representative(snap, comments_for(snap, "services"), 4)
    texts = [c["text"] for c in chosen]
    assert len(texts) == 3 and sum(t.startswith("Short contracts") for t in texts) == 1
    assert {snap.role_of(c["delegate_id"]) for c in chosen} == {"provider", "commissioner",
                                                                "user"}


def test_a_way_forward_comes_from_ideas_and_suggestions_not_concerns(workshops,
                                                                    open_workshop):
    wid = open_workshop["id"]
    for text, kind in (("Providers should share their cost breakdowns openly", "issue"),
                       ("Price should not be the only deciding factor", "issue"),
                       ("How will prices be compared?", "question")):
        workshops.submit_comment(wid, workshops.join(wid, "provider", "1")["id"], "services",
                                 text, kind)
    report = draft_report(workshops.snapshot(wid))
    way = next(line for line in report.splitlines() if line.startswith("A way forward"))
    assert "Providers should share their cost breakdowns openly" in way
    assert "deciding factor" not in way and "How will prices" not in way
