"""The national report of a programme, and its check (workshop/national_report.py,
workshop/national_check.py)."""

import re

import pytest

from store import MemoryStore
from tests.conftest import SCENARIOS
from workshop.national_check import check_national_report
from workshop.national_report import draft_national_report
from workshop.programme_demo import build_programme_demo
from workshop.programmes import Programmes
from workshop.region_differences import compare_regions
from workshop.scenarios import load_packs
from workshop.text import inline_markdown
from workshop.workshops import Workshops

# A quotation with its region and role: “words” (Region, Role)
QUOTED = re.compile(r"\u201c(.+?)\u201d \(((?:East Midlands|London|North West)), ([^()]+)\)")


@pytest.fixture(scope="module")
def demo():
    workshops = Workshops(MemoryStore(), load_packs(SCENARIOS))
    programme = build_programme_demo(workshops, SCENARIOS)
    programmes = Programmes(workshops)
    regions = programmes.regions(programme["id"])
    return programme, regions, draft_national_report(programme, regions)


def _section(report: str, heading: str) -> str:
    start = report.index(heading)
    following = re.search(r"^## ", report[start + len(heading):], re.MULTILINE)
    return report[start:start + len(heading) + following.start()] if following else report[start:]


def test_the_national_report_reads_like_the_regional_one(demo):
    programme, regions, report = demo
    assert [r.name for r in regions] == ["London", "East Midlands", "North West"]
    headings = re.findall(r"^## (.+)$", report, re.MULTILINE)
    assert headings == ["Key messages", "Background", "The regional workshops",
                        "Question by question", "Ways forward most often proposed",
                        "How this draft was made",
                        "Appendix: the regions one by one"]
    key = _section(report, "## Key messages")
    assert "came up in every region" in key
    # The simulated regions have emphases of their own: some themes in some regions only,
    # and a region that differs from the rest.
    assert "came up in some regions only" in key
    assert "**Where a region differed from the rest.**" in key
    assert "**Ways forward.**" in key
    # Simulated price-transparency leanings split commissioners and providers in London.
    assert "**Where roles differed.**" in key
    for region in ("London", "East Midlands", "North West"):
        assert f"### {region}" in _section(report, "## Appendix")
    table = _section(report, "## The regional workshops")
    for r in regions:
        assert (f"| {r.name} | {r.snapshot.workshop['date']} | {r.snapshot.workshop['venue']} "
                f"| {len(r.snapshot.delegates)} | {len(r.snapshot.visible_comments)} |") in table


def test_simulated_regions_are_said_to_be_simulated_in_the_background(demo):
    _, _, report = demo
    background = _section(report, "## Background")
    simulated = [line for line in background.splitlines() if "simulated" in line]
    assert any(line.startswith("- **London**") for line in simulated)
    assert any(line.startswith("- **North West**") for line in simulated)
    assert not any(line.startswith("- **East Midlands**") for line in simulated)
    assert "Simulated answers: London and North West." in background


def test_every_quotation_carries_region_and_role_and_was_said_there(demo):
    _, regions, report = demo
    by_name = {r.name: r.snapshot for r in regions}
    quotes = QUOTED.findall(report)
    assert len(quotes) > 30
    assert {region for _, region, _ in quotes} == set(by_name)
    for text, region, role in quotes:
        snap = by_name[region]
        said = [c for c in snap.visible_comments if inline_markdown(c["text"]) == text]
        assert said, (region, text)
        roles = {snap.pack.role_label(snap.role_of(c["delegate_id"])) for c in said}
        assert role in roles | {"Smaller groups combined"}, (region, role, text)
    # No quotation stands without its region.
    assert not re.search(r"\u201d \((?:Commissioner|Care provider|Other)\)", report)


def test_the_untouched_draft_passes_its_check(demo):
    programme, regions, report = demo
    result = check_national_report(programme, regions, report)
    assert result.ok, [str(p) for p in result.problems]
    assert result.figures > 500 and result.quotes > 30


def test_a_wrong_count_fails_the_check(demo):
    programme, regions, report = demo
    m = re.search(r"(\d+) people raised it across all three regions", report) or re.search(
        r"(\d+) people in all", report)
    n = int(m.group(1))
    edited = report.replace(m.group(0), m.group(0).replace(str(n), str(n + 1)), 1)
    result = check_national_report(programme, regions, edited)
    assert not result.ok
    assert any(f"says {n + 1} where the data gives {n}" in str(p) for p in result.problems)
    # A figure in the table of regions, too.
    row = next(line for line in report.splitlines() if line.startswith("| East Midlands | 2010"))
    cells = row.split(" | ")
    cells[3] = str(int(cells[3]) + 5)
    result = check_national_report(programme, regions, report.replace(row, " | ".join(cells)))
    assert any("where the data gives" in str(p) for p in result.problems)


def test_a_quotation_moved_to_another_region_fails_the_check(demo):
    programme, regions, report = demo
    east = {inline_markdown(c["text"]) for c in regions[1].snapshot.visible_comments}
    london = {inline_markdown(c["text"]) for c in regions[0].snapshot.visible_comments}
    text, _, role = next(q for q in QUOTED.findall(report)
                         if q[1] == "East Midlands" and q[0] in east - london)
    said = f"\u201c{text}\u201d (East Midlands, {role})"
    edited = report.replace(said, f"\u201c{text}\u201d (London, {role})", 1)
    assert edited != report
    result = check_national_report(programme, regions, edited)
    assert any("is attributed to London, but it was said in East Midlands" in str(p)
               for p in result.problems), [str(p) for p in result.problems]


def test_an_invented_quotation_fails_the_check(demo):
    programme, regions, report = demo
    text, region, role = QUOTED.findall(report)[0]
    edited = report.replace(f"\u201c{text}\u201d ({region}, {role})",
                            f"\u201cProviders told us prices should be secret.\u201d ({region}, "
                            f"{role})", 1)
    result = check_national_report(programme, regions, edited)
    assert any("is not a comment anyone made in" in str(p) for p in result.problems)
    unattributed = report.replace(f"\u201c{text}\u201d ({region}, {role})",
                                  f"\u201c{text}\u201d ({role})", 1)
    result = check_national_report(programme, regions, unattributed)
    assert any("does not say its region" in str(p) for p in result.problems)


def test_roles_are_compared_only_when_counts_support_it(workshops):
    programmes = Programmes(workshops)
    p = programmes.create("Small", "peoples_borough")
    for region in ("London", "Wales"):
        w = programmes.create_workshop(p["id"], f"Day in {region}", region)
        workshops.set_status(w["id"], "open")
        for role in ("commissioner", "provider", "commissioner"):
            me = workshops.join(w["id"], role, "1")["id"]
            workshops.submit_comment(w["id"], me, "services",
                                     "Specify outcomes, not times and tasks", "idea")
    regions = programmes.regions(p["id"])
    report = draft_national_report(programmes.get(p["id"]), regions)
    assert "Too few people in each role to compare roles." in report
    assert "more likely" not in report and "more often than" not in report
    assert check_national_report(programmes.get(p["id"]), regions, report).ok


def test_an_empty_programme_drafts_without_inventing_anything(workshops):
    programmes = Programmes(workshops)
    p = programmes.create("Nothing yet", "peoples_borough")
    report = draft_national_report(p, [])
    assert "No regional workshop has joined the programme yet." in report
    assert "Nothing has been said or answered yet in any region" in report


def test_command_line_national_report_and_check(tmp_path):
    from tests.test_cli import run
    out = run("demo", "--programme").stdout
    pid = next(line.split(": ", 1)[1] for line in out.splitlines()
               if line.startswith("programme: "))
    report = run("report", "--programme", pid).stdout
    assert report.startswith("# Contracting for personalised outcomes: the national programme")
    checked = run("report", "--programme", pid, "--check")
    assert "all match the data" in checked.stdout
    path = tmp_path / "national.md"
    m = re.search(r"(\d+) people raised it", report)
    path.write_text(report.replace(m.group(0), f"{int(m.group(1)) + 2} people raised it", 1))
    done = run("report", "--programme", pid, "--check", "--file", str(path), check=False)
    assert done.returncode == 1 and "where the data gives" in done.stdout


def _poll_programme(workshops, answers: dict[str, list[str]]):
    """A programme whose regions answered the price-transparency poll as given."""
    programmes = Programmes(workshops)
    p = programmes.create("Regions compared", "peoples_borough")
    for region, values in answers.items():
        w = programmes.create_workshop(p["id"], f"Day in {region}", region)
        workshops.set_status(w["id"], "open")
        workshops.set_current(w["id"], "price_transparency_poll")
        for value in values:
            me = workshops.join(w["id"], "commissioner", "1")["id"]
            workshops.answer_poll(w["id"], me, "price_transparency_poll", value)
    return programmes, programmes.get(p["id"])


def test_a_region_that_really_differs_from_the_rest_is_named(workshops):
    programmes, p = _poll_programme(workshops, {
        "London": ["Agree"] * 9 + ["Disagree"], "North West": ["Disagree"] * 10,
        "Wales": ["Disagree"] * 9 + ["Agree"]})
    regions = programmes.regions(p["id"])
    question = regions[0].snapshot.pack.question("price_transparency_poll")
    found = compare_regions(regions, question).found
    london = [d for d in found if d.region == "London" and d.option == "agree"]
    assert london and london[0].higher and (london[0].x_region, london[0].n_region,
                                            london[0].x_rest, london[0].n_rest) == (9, 10, 1, 20)
    report = draft_national_report(p, regions)
    key = _section(report, "## Key messages")
    assert "**Where a region differed from the rest.**" in key
    assert ("in London, more people agreed than in the other regions: 9 of the 10 who "
            "answered (90%), against 1 of 20 (5%)") in report
    assert check_national_report(p, regions, report).ok


def test_a_difference_on_small_counts_is_not_said(workshops):
    # Three people in London all agreed, everyone elsewhere disagreed: too few to say.
    programmes, p = _poll_programme(workshops, {
        "London": ["Agree"] * 3, "North West": ["Disagree"] * 10, "Wales": ["Disagree"] * 10})
    regions = programmes.regions(p["id"])
    question = regions[0].snapshot.pack.question("price_transparency_poll")
    comparison = compare_regions(regions, question)
    assert not [d for d in comparison.found if d.region == "London"]
    assert comparison.too_small == ("London",)
    report = draft_national_report(p, regions)
    assert "in London, more people" not in report
    assert ("Fewer than five people answered in London, so it is counted only with the "
            "other regions.") in report
    # A gap too small to be more than chance is not said either, however many answered.
    programmes, p = _poll_programme(workshops, {
        "Kent": ["Agree"] * 6 + ["Disagree"] * 4, "Essex": ["Agree"] * 5 + ["Disagree"] * 5,
        "Devon": ["Agree"] * 4 + ["Disagree"] * 6})
    regions = programmes.regions(p["id"])
    assert not compare_regions(regions, question).found
    assert "**No region stood apart.**" in draft_national_report(p, regions)


def _theme_table(report: str):
    """(line number of the sentence that opens the question, theme, counts by region) for
    each row of each themes-by-region table."""
    lines = report.splitlines()
    rows = []
    for i, line in enumerate(lines):
        if line.startswith("| Theme | "):
            names = line.strip("| ").split(" | ")[1:-1]
            opening = max(j for j in range(i) if " made " in lines[j] and "here." in lines[j])
            for row in lines[i + 2:]:
                if not row.startswith("| "):
                    break
                cells = row.strip("| ").split(" | ")
                rows.append((opening, cells[0], dict(zip(names, map(int, cells[1:-1])))))
    return lines, rows


def _edit(report: str, at: int, sentence: str) -> str:
    lines = report.splitlines()
    lines[at] = lines[at] + " " + sentence
    return "\n".join(lines) + "\n"


def _problems(demo, text: str) -> list[str]:
    programme, regions, _ = demo
    return [str(p) for p in check_national_report(programme, regions, text).problems]


def test_region_words_are_checked_against_where_a_theme_was_raised(demo):
    programme, regions, report = demo
    lines, rows = _theme_table(report)
    at, theme, counts = next(r for r in rows if sum(1 for n in r[2].values() if n) == 2)
    missing = next(n for n, k in counts.items() if not k)
    there = [n for n, k in counts.items() if k]
    # Said of every region when one did not raise it: fails, naming the region.
    wrong = _problems(demo, _edit(report, at, f"{theme} came up in every region."))
    assert any("not raised in " + missing in p for p in wrong), wrong
    # True words pass: two of the three regions, both named, "some regions".
    for right in (f"{theme} came up in two of the three regions.",
                  f"{theme} came up in some regions only.",
                  f"{theme} came up only in {there[0]} and {there[1]}.",
                  f"{theme} came up in most regions."):
        assert _problems(demo, _edit(report, at, right)) == [], right
    # "only" one region when two raised it, and a wrong number of regions, fail.
    assert any(f"says only {there[0]}" in p for p in
               _problems(demo, _edit(report, at, f"{theme} came up only in {there[0]}.")))
    assert any("was raised in two of the three regions" in p for p in
               _problems(demo, _edit(report, at, f"{theme} came up in one of the three "
                                                 "regions.")))
    # A theme one region raised: "most regions" and "some regions" both fail.
    at, theme, counts = next(r for r in rows if sum(1 for n in r[2].values() if n) == 1)
    for wrong in (f"{theme} came up in most regions.", f"{theme} came up in some regions."):
        assert any("was raised in one of the three regions" in p
                   for p in _problems(demo, _edit(report, at, wrong))), wrong
    assert _problems(demo, _edit(report, at, f"{theme} came up only in "
                                 f"{next(n for n, k in counts.items() if k)}.")) == []


def test_counts_of_people_and_comments_in_a_rewritten_line_are_checked(demo):
    programme, regions, report = demo
    lines, rows = _theme_table(report)
    at, theme, counts = max(rows, key=lambda r: sum(r[2].values()))
    total = sum(counts.values())
    assert _problems(demo, _edit(report, at, f"Most often, {theme} ({total} comments).")) == []
    assert any(f"says {total + 3} comments on {theme.lower()}" in p for p in _problems(
        demo, _edit(report, at, f"Most often, {theme} ({total + 3} comments).")))
    # The key messages' people, said again in other words.
    line = next(line for line in report.splitlines() if "came up in every region" in line)
    theme = re.match(r"\*\*(.+?) came up", line).group(1)
    people = int(re.search(r"(\d+) people", line).group(1))
    key = report.splitlines().index(line)
    assert _problems(demo, _edit(report, key, f"In every region {people} people raised "
                                              f"{theme.lower()}.")) == []
    assert any(f"says {people + 4} people of {theme.lower()}" in p for p in _problems(
        demo, _edit(report, key, f"In every region {people + 4} people raised "
                                 f"{theme.lower()}.")))


def test_one_persons_comment_is_never_generalised(workshops):
    programmes = Programmes(workshops)
    p = programmes.create("One voice", "peoples_borough")
    said = {"London": "Pay providers for outcomes people choose, not hours.",
            "Wales": "Invite small local providers to every market event."}
    for region, text in said.items():
        w = programmes.create_workshop(p["id"], f"Day in {region}", region)
        workshops.set_status(w["id"], "open")
        workshops.set_current(w["id"], "services")
        me = workshops.join(w["id"], "commissioner", "1")["id"]
        workshops.submit_comment(w["id"], me, "services", text, "idea")
    programme, regions = programmes.get(p["id"]), programmes.regions(p["id"])
    report = draft_national_report(programme, regions)
    assert check_national_report(programme, regions, report).ok
    one = next(q for q in re.findall(r"\u201c[^\u201d]+\u201d \(London, [^()]+\)", report))
    key = next(i for i, line in enumerate(report.splitlines()) if line.startswith("**Ways"))

    def problems(sentence):
        return [str(x) for x in check_national_report(
            programme, regions, _edit(report, key, sentence)).problems]
    assert any("generalises from one person's comment" in x
               for x in problems(f"Participants felt that {one}.")), problems(
        f"Participants felt that {one}.")
    assert any("generalises from one person's comment" in x
               for x in problems(f"Every region agreed: {one}."))
    assert problems(f"In London, a commissioner said {one}.") == []


def test_the_method_note_says_how_each_regions_paper_input_was_counted(workshops):
    from workshop.exchange import import_csv
    programmes = Programmes(workshops)
    p = programmes.create("Paper and phones", "peoples_borough")
    paper = programmes.create_workshop(p["id"], "Day in Kent", "Kent")
    import_csv(workshops, paper["id"], "question_id,text,role,table,kind\n"
               "services,Point one,provider,1,issue\nservices,Point two,provider,1,idea\n"
               "services,Point three,provider,2,issue\n"
               "services,Point four,commissioner,1,issue\n")
    phones = programmes.create_workshop(p["id"], "Day in Devon", "Devon")
    workshops.set_status(phones["id"], "open")
    workshops.set_current(phones["id"], "services")
    me = workshops.join(phones["id"], "commissioner", "1")["id"]
    workshops.submit_comment(phones["id"], me, "services", "Pay for outcomes", "idea")
    programme, regions = programmes.get(p["id"]), programmes.regions(p["id"])
    report = draft_national_report(programme, regions)
    method = _section(report, "## How this draft was made")
    assert "- Kent: 4 comments and 0 poll answers;" in method
    assert "- Devon: 1 comment and 0 poll answers;" in method
    assert ("In Kent, comments written on paper were typed in afterwards; each table's "
            "comments from one role are counted as one person. In all, 3 people took part on "
            "paper.") in method
    assert "In Devon," not in method
    assert check_national_report(programme, regions, report).ok
    wrong = report.replace("In all, 3 people took part on paper.",
                           "In all, 4 people took part on paper.")
    assert not check_national_report(programme, regions, wrong).ok
