"""The drafted report says what the data says, in the East Midlands report's shape."""

import re

import pytest

from workshop.analysis import comments_for, differs
from workshop.points import distinct_points
from workshop.report import draft_report
from workshop.text import inline_markdown
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
    assert report.startswith("# Contracting for personalised outcomes\n\nWorkshop report: "
                             "East Midlands, Nottingham, 4th February 2010.\n\n## Key messages")
    assert ("On the day, ten people took part: four commissioners, five care providers and one "
            "person who uses services or a carer. They sat at two tables, both mixing "
            "roles.") in report


def test_headings_go_in_order_from_the_title_down(workshops, day):
    levels = [len(line.split()[0]) for line in draft_report(workshops.snapshot(day))
              .splitlines() if line.startswith("#")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))


def test_questions_not_reached_are_listed_once_in_one_line(workshops, day):
    snap = workshops.snapshot(day)
    report = draft_report(snap)
    missed = [c.title for c in snap.pack.cards if c.id != "price_transparency"]
    line = next(x for x in report.splitlines() if "Not reached:" in x)
    assert line == ("The room reached one of the pack's 13 questions. Not reached: "
                    + "; ".join(missed) + ".")
    assert "## Stage 1 – Specifying the framework contract" in report
    assert "### Price transparency: Would you advise us" in report
    assert "### Types of services provided" not in report and "not discussed" not in report


def test_poll_results_by_role_with_small_groups_pooled(workshops, day):
    report = draft_report(workshops.snapshot(day))
    assert "Of the 10 people who answered, 5 agreed (50%) and 5 disagreed (50%)." in report
    assert "| Care provider | 5 | 4 (80%) | 0 (0%) | 0 (0%) | 1 (20%) | 0 (0%) |" in report
    assert ("| Smaller groups combined: Person who uses services or carer | 1 | 0 (0%) | 0 (0%) "
            "| 0 (0%) | 1 (100%) | 0 (0%) |") in report
    assert report.count("to protect their privacy") == 1  # said once, in the method


def test_comments_are_quoted_verbatim_with_role_only(workshops, day):
    report = draft_report(workshops.snapshot(day))
    assert ("Six people made six comments here. Price, cost & value came up most (all six "
            "comments).") in report
    assert ("Care providers expressed concern about price, cost & value (all three of their "
            "concerns).") in report
    # Two commissioners commented: too few to name, so quoted as the chart groups them.
    assert ("Two people put forward ideas:\n- \u201cProvide a breakdown of price so the unit "
            "cost is clear\u201d (Smaller groups combined)\n") in report
    assert ("One person asked a question:\n- \u201cHow do you ensure high price equals high "
            "quality?\u201d (Smaller groups combined)") in report
    assert "(Commissioner)" not in report
    assert "Table 1" not in report  # attributed by role only


def test_hidden_comments_leave_the_report_and_are_counted(workshops, day):
    snapshot = workshops.snapshot(day)
    rude = next(c for c in snapshot.comments if "wages" in c["text"])
    workshops.set_hidden(day, rude["id"], True)
    report = draft_report(workshops.snapshot(day))
    assert "wages" not in report
    assert "The facilitator hid one comment; it is not included." in report
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
    assert "One person raised a concern:\n- \u201cContracts are too rigid\u201d" in report
    assert "Participants felt" not in report and "Most comments" not in report
    assert "across one question" not in report


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
    assert ("**Where roles differed.** On price transparency, commissioners were more likely "
            "than care providers to agree (6 of 6, 100%, against 0 of 6, 0%).") in report
    assert ("More commissioners than care providers agreed: 6 of 6 (100%) against 0 of 6 (0%). "
            "Care providers disagreed more often than commissioners (6 of 6, 100%, against 0 "
            "of 6, 0%).") in report


def test_views_are_called_similar_when_the_difference_could_be_chance(workshops,
                                                                      open_workshop):
    report = _poll_day(workshops, open_workshop, 4, 2)
    assert "No role's answers differed markedly from another's, on any option." in report
    assert "more likely" not in report and "more often" not in report


def test_points_group_near_duplicates_and_keep_every_distinct_point(workshops,
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
    points = distinct_points(comments_for(snap, "services"))
    assert [p.people for p in points] == [3, 1, 1]
    assert all(m["text"].startswith("Short contracts") for m in points[0].members)
    assert {snap.role_of(p.lead["delegate_id"]) for p in points} == {"provider", "commissioner",
                                                                     "user"}


def test_a_way_forward_is_only_ever_a_comment_typed_as_an_idea(workshops, open_workshop):
    wid = open_workshop["id"]
    for text, kind in (("Providers should share their cost breakdowns openly", "issue"),
                       ("Price should not be the only deciding factor", "issue"),
                       ("Publish the unit costs of in-house services", "idea"),
                       ("How will prices be compared?", "question")):
        workshops.submit_comment(wid, workshops.join(wid, "provider", "1")["id"], "services",
                                 text, kind)
    report = draft_report(workshops.snapshot(wid))
    ideas = report.split("One person put forward an idea:\n")[1].split("\n\n")[0]
    assert ideas == "- \u201cPublish the unit costs of in-house services\u201d (Care provider)"
    concerns = report.split("Two people raised concerns:\n")[1].split("\n\n")[0]
    assert "Providers should share their cost breakdowns openly" in concerns


# --- the demos: key messages first, nothing lost, written like a person -------------------

def _demo(workshops, pack_id):
    from tests.conftest import SCENARIOS
    from workshop.demo import build_demo, build_format_demo
    w = (build_demo(workshops, SCENARIOS, seed=42) if pack_id == "peoples_borough"
         else build_format_demo(workshops, pack_id, seed=42))
    return workshops.snapshot(w["id"])


@pytest.fixture
def east_midlands(workshops):
    snap = _demo(workshops, "peoples_borough")
    return snap, draft_report(snap)


def test_key_messages_come_first_and_carry_how_widely_each_was_raised(east_midlands):
    snap, report = east_midlands
    assert report.index("## Key messages") < report.index("## Background")
    section = report.split("## Key messages\n\n")[1].split("\n## ")[0]
    messages = [p for p in section.split("\n\n") if p.startswith("**")]
    assert 3 <= len(messages) <= 6
    first = messages[0]
    assert re.search(r"^\*\*[^*]+ came up more widely than anything else\.\*\* ", first)
    assert re.search(r"\b\d+ people\b", first) and re.search(r"of the 12 questions", first)
    assert "commissioners" in first and "care providers" in first
    # The day's central message is there, in the participant's words.
    assert "\u201cThis hinges on trust: more events to network" in section
    assert any(m.startswith("**Where roles differed.**") for m in messages)
    assert any(m.startswith("**What the room proposed.**") for m in messages)


def test_every_point_is_in_the_body_and_every_comment_in_the_appendix(east_midlands):
    from bench.report_quality import coverage
    snap, report = east_midlands
    body, appendix = report.split("\n## Appendix")
    assert coverage(report, snap.visible_comments) == (100.0, 100.0)
    for c in snap.visible_comments:
        assert inline_markdown(c["text"]) in appendix


@pytest.mark.parametrize("pack_id", ["peoples_borough", "ulo_idea_board"])
def test_no_five_word_phrase_is_used_more_than_four_times(workshops, pack_id):
    from bench.report_quality import phrases
    report = draft_report(_demo(workshops, pack_id))
    phrase, n = phrases(report).most_common(1)[0]
    assert n <= 4, phrase


def test_the_draft_reads_as_written_for_people(east_midlands):
    _, report = east_midlands
    assert "They sat at six tables, all mixing roles." in report
    assert "python -m" not in report and "`" not in report
    for stock in ("Participants felt", "A way forward was suggested", "The discussion centred "
                  "on", "across one question", "Views were similar"):
        assert stock not in report
    assert report.count("to protect their privacy") == 1


def test_a_role_with_brackets_in_its_name_is_named_naturally(workshops):
    w = workshops.create("Buying housing support", "Scotland", "housing_support_procurement")
    workshops.set_status(w["id"], "open")
    workshops.set_current(w["id"], "experience")
    for i in range(3):
        workshops.submit_comment(w["id"], workshops.join(w["id"], "commissioner", "1")["id"],
                                 "experience", f"Framework number {i} took a year to set up",
                                 "issue")
    report = draft_report(workshops.snapshot(w["id"]))
    assert "\u201d (Commissioner, local authority)" in report
    assert "(Commissioner (local authority))" not in report


def test_the_packs_plan_is_written_as_the_plan(workshops):
    snap = _demo(workshops, "housing_support_procurement")
    report = draft_report(snap)
    assert "The day was designed to separate what procurement law really requires" in report
    plan = next(i for i, x in enumerate(report.splitlines()) if "This event brings together"
                in x)
    lines = report.splitlines()
    assert lines[plan].startswith("> ")
    assert lines[plan - 2] == "The workshop pack set out this plan for it:"
    assert report.count("This event brings together") == 1


def test_near_duplicates_are_quoted_once_with_how_many_people_made_the_point(workshops,
                                                                            open_workshop):
    wid = open_workshop["id"]
    said = [("provider", "Short contracts stop us investing in staff training"),
            ("provider", "Short contracts stop us investing in our staff training"),
            ("commissioner", "Short contracts really stop us investing in staff training"),
            ("user", "Staff change too often because contracts are short")]
    for role, text in said:
        workshops.submit_comment(wid, workshops.join(wid, role, "1")["id"], "services", text,
                                 "issue")
    report = draft_report(workshops.snapshot(wid))
    body = report.split("\n## Appendix")[0]
    bullets = [x for x in body.splitlines() if x.startswith("- ")]
    assert len(bullets) == 2
    assert sum("Short contracts" in b for b in bullets) == 1
    assert [b for b in bullets if "Short contracts" in b][0].endswith(
        "Three people made this point.")
    appendix = report.split("\n## Appendix")[1]
    assert all(inline_markdown(text) in appendix for _, text in said)
