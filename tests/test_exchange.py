"""CSV import and export: every kind of question, people counted by one rule, round trips."""

import csv
import io
import re

import pytest

from store import MemoryStore
from tests.conftest import SCENARIOS
from tests.test_pages import app  # noqa: F401  (fixture)
from workshop import cli
from workshop.analysis import joined_by_role, summarise_comments, summarise_poll
from workshop.demo import build_demo, build_format_demo
from workshop.errors import ImportRejected
from workshop.exchange import export_csv, import_csv
from workshop.report import draft_report
from workshop.results import (board_result, points_result, ranking_result, rating_result,
                              scoring_result, sort_result)
from workshop.scenarios import POLL_KINDS
from workshop.workshops import Workshops

PAPER_TABLES = ("Comments written on paper were typed in afterwards; each table's comments "
                "from one role are counted as one person.")
PAPER_NAMED = ("written on paper were typed in afterwards, attributed to the people named in "
               "the import.")


@pytest.fixture
def workshops(packs, tmp_path):
    return Workshops(MemoryStore(), packs, tmp_path / "live")


def _csv(header: str, *rows: str) -> str:
    return "\n".join([header, *rows]) + "\n"


def _line(*cells) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _new(workshops, pack_id: str, like: dict | None = None) -> str:
    like = like or {}
    return workshops.create(like.get("title", "Paper day"), like.get("region", "Region"),
                            pack_id, date=like.get("date", "2024-05-01"),
                            venue=like.get("venue", ""),
                            background=like.get("background", ""))["id"]


# --- people -----------------------------------------------------------------------------

def test_without_a_person_column_each_role_at_each_table_is_one_person(workshops):
    wid = _new(workshops, "peoples_borough")
    done = import_csv(workshops, wid, _csv(
        "question_id,text,role,table,kind",
        "services,Point one,provider,1,issue", "services,Point two,provider,1,idea",
        "services,Point three,provider,2,issue", "services,Point four,commissioner,1,issue"))
    assert (done.comments, done.people, done.new_people) == (4, 3, 3)
    snap = workshops.snapshot(wid)
    assert joined_by_role(snap)["Care provider"] == 2
    report = draft_report(snap)
    assert "On the day, three people took part" in report
    assert PAPER_TABLES in report
    # A second sheet from the same table adds to the same person, not a new one.
    import_csv(workshops, wid, _csv("question_id,text,role,table,kind",
                                    "providers,Point five,provider,1,issue"))
    assert len(workshops.snapshot(wid).delegates) == 3


def test_rows_naming_the_same_person_are_one_person_whatever_the_table(workshops):
    wid = _new(workshops, "peoples_borough")
    import_csv(workshops, wid, _csv(
        "question_id,text,role,table,kind,person",
        "services,Point one,provider,1,issue,Table 3 scribe",
        "services,Point two,provider,1,issue,Ann",
        "providers,Point three,provider,,idea,table 3 SCRIBE",
        "services,Point four,commissioner,2,question,Bo"))
    snap = workshops.snapshot(wid)
    assert len(snap.delegates) == 3
    assert summarise_comments(snap, "services").n_people == 3
    report = draft_report(snap)
    assert "On the day, three people took part" in report
    assert "Comments " + PAPER_NAMED in report
    # The same label later, in another import: still the same person.
    import_csv(workshops, wid, _csv("question_id,text,role,person,kind",
                                    "locality,Point five,provider,Ann,issue"))
    assert len(workshops.snapshot(wid).delegates) == 3


def test_one_person_has_one_role(workshops):
    wid = _new(workshops, "peoples_borough")
    with pytest.raises(ImportRejected) as err:
        import_csv(workshops, wid, _csv("question_id,text,role,person,kind",
                                        "services,Point one,provider,J1,issue",
                                        "services,Point two,commissioner,J1,issue"))
    assert "line 3: J1 is \u201cCare provider\u201d on line 2 but \u201cCommissioner\u201d here" \
        in str(err.value)
    assert not workshops.snapshot(wid).delegates


SCORES = "question_id,judge,role,item,criterion,value,text"


def _score_sheet(q, judge: str, role: str, base: int, note: str) -> list[str]:
    rows = []
    for i, entry in enumerate(q.entries):
        for j, criterion in enumerate(q.criteria):
            text = f"{note} {entry.title}" if j == 0 else ""
            rows.append(_line("judging", judge, role, entry.title, criterion,
                              max(1, min(5, base - i // 2)), text))
    return rows


def test_judges_scores_and_comments_on_paper_are_five_judges_not_eight(workshops, packs):
    """Five judges score on paper and their comments are typed in from the same sheets:
    the report counts five judges and five people, and no poll answers."""
    q = packs["home_care_competition"].question("judging")
    wid = _new(workshops, "home_care_competition")
    judges = [("J1", "judge_ulo"), ("J2", "judge_ulo"), ("J3", "judge_council"),
              ("J4", "judge_council"), ("J5", "judge_national")]
    rows = [r for n, (judge, role) in enumerate(judges)
            for r in _score_sheet(q, judge, role, 5 - n % 2, "Clear idea:")]
    done = import_csv(workshops, wid, _csv(SCORES, *rows))
    assert (done.answers, done.people) == (5, 5)
    import_csv(workshops, wid, _csv("question_id,person,role,kind,text",
                                    *(f"closing,{j},{r},issue,Judging took {j} an hour"
                                      for j, r in judges)))
    snap = workshops.snapshot(wid)
    assert len(snap.delegates) == 5
    result = scoring_result(snap, "judging")
    assert result.n_judges == 5 and result.entries[0].judges == 5
    assert result.entries[0].notes[0][1].startswith("Clear idea:")
    report = draft_report(snap)
    assert "On the day, five people took part" in report
    assert "Five judges scored" in report
    assert "0 poll answers and 5 judges' score sheets" in report
    assert "Answers " + PAPER_NAMED in report


# --- every kind ---------------------------------------------------------------------------

def test_ideas_and_votes_import_onto_an_idea_board(workshops):
    wid = _new(workshops, "ulo_idea_board")
    done = import_csv(workshops, wid, _csv(
        "question_id,person,role,kind,text,tag,item",
        "ideas,Ann,other,idea,Longer lead-in times,Procurement level,",
        "ideas,Bo,other,idea,Fund groups for several years,Commissioning level,",
        "ideas,Cy,other,idea,Fund ULOs for more than a year,Commissioning level,"
        "Fund groups for several years",
        "ideas,Ann,other,vote,,,Fund groups for several years",
        "ideas,Bo,other,vote,,,longer lead-in times",
        "ideas,Cy,other,vote,,,Fund groups for several years"))
    assert (done.ideas, done.answers, done.people) == (3, 3, 3)
    board = board_result(workshops.snapshot(wid), "ideas")
    top = board.ideas[0]
    assert (top.text, top.votes) == ("Fund groups for several years", 2)


@pytest.mark.parametrize("header,rows,message", [
    ("question_id,person,role,kind,text,tag", ["ideas,Ann,other,idea,An idea,Nowhere"],
     "line 2: Please choose where your idea belongs"),
    ("question_id,person,role,kind,item", ["ideas,Ann,other,vote,No such idea"],
     "line 2 votes for 'No such idea', which is not an idea on the board"),
    ("question_id,person,role,value", ["fair_chance,Ann,other,Mostly agree"],
     "'Mostly agree' is not one of the answers to choose from"),
    ("question_id,person,role,item,value",
     ["changes,Ann,other,More time to respond to tenders,60",
      "changes,Ann,other,Funding for more than one year,30"],
     "lines 2-3 (Ann, changes): You have given 90 of 100 points. Please give 10 more."),
])
def test_a_bad_row_of_any_kind_imports_nothing_and_says_where(workshops, header, rows,
                                                             message):
    wid = _new(workshops, "ulo_idea_board")
    with pytest.raises(ImportRejected) as err:
        import_csv(workshops, wid, _csv(header, *rows))
    assert str(err.value).startswith("Nothing was imported.")
    assert message in str(err.value)
    snap = workshops.snapshot(wid)
    assert not snap.delegates and not snap.comments and not snap.answers


def test_polls_rankings_points_ratings_and_card_sorts_are_checked_like_phones(workshops,
                                                                             packs):
    housing = packs["housing_support_procurement"]
    wid = _new(workshops, "housing_support_procurement")
    ranking = housing.question("practice_points")
    places = list(range(1, len(ranking.options) + 1))
    places[1] = 1  # two items in first place
    rows = [_line("practice_points", "G1", housing.role_ids[0], o, i)
            for o, i in zip(ranking.options, places)]
    with pytest.raises(ImportRejected, match=r"lines 2-\d+ \(G1, practice_points\): places "
                                             r"go from 1 to"):
        import_csv(workshops, wid, _csv("question_id,group,role,item,value", *rows))
    sort = housing.question("red_blue")
    rows = [_line("red_blue", "G1", housing.role_ids[0], s.text, "Red rule")
            for s in sort.statements[:-1]]
    with pytest.raises(ImportRejected, match="Please place every card"):
        import_csv(workshops, wid, _csv("question_id,group,role,item,value", *rows))
    rating = housing.question("model_risks")
    rows = [_line("model_risks", "G1", housing.role_ids[0], rating.options[0], d, "Very high",
                  "") for d in rating.dimensions]
    with pytest.raises(ImportRejected, match="'Very high' is not a rating"):
        import_csv(workshops, wid, _csv("question_id,group,role,item,criterion,value,text",
                                        *rows))
    assert not workshops.snapshot(wid).delegates


def test_a_judge_missing_a_criterion_or_an_unknown_entry_is_named(workshops, packs):
    q = packs["home_care_competition"].question("judging")
    wid = _new(workshops, "home_care_competition")
    rows = _score_sheet(q, "J1", "judge_ulo", 4, "Good")
    rows = [r for r in rows if "Innovation" not in r]
    rows.append("judging,J1,judge_ulo,Flying cars,Innovation,5,")
    with pytest.raises(ImportRejected) as err:
        import_csv(workshops, wid, _csv(SCORES, *rows))
    assert "(J1, judging): 'Flying cars' is not one of the entries to judge" in str(err.value)
    rows = _score_sheet(q, "J1", "judge_ulo", 4, "Good")
    rows = [r for r in rows if "Innovation" not in r]
    with pytest.raises(ImportRejected, match="Please score every criterion: 'Innovation'"):
        import_csv(workshops, wid, _csv(SCORES, *rows))


def test_the_same_answer_is_not_imported_twice_for_one_person(workshops):
    wid = _new(workshops, "ulo_idea_board")
    sheet = _csv("question_id,person,role,value", "fair_chance,Ann,other,Agree")
    import_csv(workshops, wid, sheet)
    with pytest.raises(ImportRejected, match="Ann already has an answer to this question"):
        import_csv(workshops, wid, sheet)
    assert summarise_poll(workshops.snapshot(wid), "fair_chance").n_people == 1


# --- export, and round trips ---------------------------------------------------------------

def _with_comments(workshops, wid: str) -> None:
    """Phone comments on the pack's first comment question: one hidden, one withdrawn."""
    pack = workshops.pack_of(wid)
    q = next(q for q in pack.questions if q.kind == "comment")
    workshops.set_current(wid, q.id)
    people = [workshops.join(wid, pack.role_ids[i % 2], f"Table {i}")["id"] for i in range(4)]
    made = [workshops.submit_comment(wid, p, q.id, f"Comment {n} about staff training "
                                     "and pay", ("issue", "idea", "question")[n % 3])
            for n, p in enumerate(people * 2)]
    workshops.set_hidden(wid, made[0]["id"], True)
    workshops.withdraw_comment(wid, people[1], made[1]["id"])


def _counts(snap) -> dict:
    """What the report counts, question by question."""
    pack = snap.pack
    out = {"people": joined_by_role(snap), "tables": sorted(d["table"] for d in snap.delegates)}
    for q in pack.questions:
        if q.kind == "comment":
            s = summarise_comments(snap, q.id)
            out[q.id] = (s.n_comments, s.n_people, s.kind_rows)
        elif q.kind in POLL_KINDS:
            p = summarise_poll(snap, q.id)
            out[q.id] = (p.n_people, p.totals, p.counts)
        elif q.kind in ("ranking", "points"):
            r = (ranking_result if q.kind == "ranking" else points_result)(snap, q.id)
            out[q.id] = (r.n_people, r.options, r.average, r.sizes)
        elif q.kind == "scoring_matrix":
            r = scoring_result(snap, q.id)
            out[q.id] = (r.n_judges, [(e.title, e.total, e.judges, e.by_criterion, e.notes,
                                       e.rank) for e in r.entries])
        elif q.kind == "rating_matrix":
            out[q.id] = rating_result(snap, q.id)
        elif q.kind == "card_sort":
            out[q.id] = sort_result(snap, q.id)
        elif q.kind == "idea_board":
            b = board_result(snap, q.id)
            out[q.id] = [(i.text, i.tag, i.votes) for i in b.ideas]
    return out


def _body(report: str) -> str:
    """The report without its note on method (which says how the input arrived)."""
    start = report.index("## How this draft was made")
    end = report.find("\n## ", start + 3)
    return report[:start] + (report[end:] if end > 0 else "")


@pytest.mark.parametrize("pack_id", ["peoples_borough", "home_care_competition",
                                     "housing_support_procurement", "ulo_idea_board"])
def test_an_export_imported_into_a_fresh_workshop_gives_the_same_counts(workshops, pack_id):
    w = (build_demo(workshops, SCENARIOS, seed=3) if pack_id == "peoples_borough"
         else build_format_demo(workshops, pack_id, seed=3))
    _with_comments(workshops, w["id"])
    before = workshops.snapshot(w["id"])
    exported = export_csv(before)
    copy = _new(workshops, pack_id, w)
    done = import_csv(workshops, copy, exported)
    assert done.skipped == 2  # the hidden and the withdrawn comment carry no words
    after = workshops.snapshot(copy)
    assert _counts(after) == _counts(before)
    # Every figure of the report is the same, bar the note saying the input was typed in.
    assert _body(draft_report(after)) == _body(draft_report(before)).replace(
        "The facilitator hid one comment; it is not included.\n\n", "")
    assert PAPER_NAMED in draft_report(after)


def test_the_export_names_people_options_entries_and_ideas_never_internal_ids(workshops):
    w = build_format_demo(workshops, "home_care_competition", seed=3)
    snap = workshops.snapshot(w["id"])
    rows = _rows(export_csv(snap))
    ids = {d["id"] for d in snap.delegates} | {c["id"] for c in snap.comments} | \
        {e.id for q in snap.pack.questions for e in q.entries}
    for row in rows:
        assert not {row["person"], row["item"], row["value"], row["criterion"]} & ids
    assert {r["person"] for r in rows} == {f"Person {n}" for n in range(1, 21)}
    scores = [r for r in rows if r["question_kind"] == "scoring_matrix"]
    q = snap.pack.question("judging")
    assert len(scores) == 12 * len(q.entries) * len(q.criteria)  # judges x entries x criteria
    first = scores[0]
    assert (first["kind"], first["item"], first["criterion"]) == (
        "score", q.entries[0].title, q.criteria[0])
    ranking = [r for r in rows if r["question_id"] == "criteria_order"
               and r["person"] == "Person 1"]
    assert [r["value"] for r in ranking] == [str(i) for i in range(1, len(ranking) + 1)]
    points = [r for r in rows if r["question_id"] == "investment" and r["person"] == "Person 1"]
    assert sum(int(r["value"]) for r in points) == snap.pack.question("investment").total


def test_a_person_who_joined_and_sent_nothing_is_kept_by_a_sign_in_row(workshops):
    wid = _new(workshops, "peoples_borough")
    workshops.join(wid, "user", "")
    rows = _rows(export_csv(workshops.snapshot(wid)))
    assert [(r["kind"], r["person"], r["role"]) for r in rows] == [("joined", "Person 1", "user")]
    copy = _new(workshops, "peoples_borough")
    import_csv(workshops, copy, export_csv(workshops.snapshot(wid)))
    snap = workshops.snapshot(copy)
    assert joined_by_role(snap)[snap.pack.role_label("user")] == 1


# --- the check after an import --------------------------------------------------------------

MONITORING = ["Electronic call monitoring cuts visits to fifteen minutes",
              "Call monitoring data is used to pay by the minute",
              "Carers are rushed because the monitoring clock is running",
              "Monitoring systems cost small providers too much",
              "Rotas are too tight between visits", "Travel time between visits is not paid",
              "Care workers leave for better paid jobs",
              "We cannot recruit enough staff in rural areas",
              "Zero hours contracts make staff insecure", "Training is not funded by the council"]


@pytest.fixture
def imported(tmp_path, monkeypatch):
    """A workshop whose ten comments came from six people's paper sheets, imported with
    the command line."""
    data = tmp_path / "appdata"
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(data))
    assert cli.main(["create", "--title", "Home care", "--region", "East Midlands",
                     "--scenario", "peoples_borough"]) == 0
    ws = cli.open_workshops()
    wid = ws.all()[0]["id"]
    sheet = tmp_path / "paper.csv"
    sheet.write_text(_csv("question_id,text,role,table,kind",
                          *(f"services,{t},{'provider' if i % 6 < 3 else 'commissioner'},"
                            f"{i % 6 + 1},issue" for i, t in enumerate(MONITORING))))
    assert cli.main(["import", wid, str(sheet)]) == 0
    return ws, wid


def _check_edited(ws, wid, tmp_path, edit) -> tuple[int, str]:
    draft = draft_report(ws.snapshot(wid))
    overview = next(line for line in draft.splitlines() if "ten comments" in line)
    path = tmp_path / "edited.md"
    path.write_text(draft.replace(overview, edit))
    return cli.main(["report", wid, "--check", "--file", str(path)]), path.read_text()


def test_six_people_changed_to_seven_after_an_import_fails_the_check(imported, tmp_path,
                                                                     capsys):
    ws, wid = imported
    snap = ws.snapshot(wid)
    assert len(snap.delegates) == 6
    true = "Six people made ten comments."
    assert _check_edited(ws, wid, tmp_path, true)[0] == 0
    capsys.readouterr()
    code, _ = _check_edited(ws, wid, tmp_path, true.replace("Six people", "Seven people"))
    assert code == 1
    assert "says seven people commented where the data gives 6" in capsys.readouterr().out
    # The day's count of people, and of tables, follow the same rule.
    draft = draft_report(snap)
    day = re.search(r"On the day, six people took part.*six tables.*", draft).group(0)
    path = tmp_path / "day.md"
    path.write_text(draft.replace(day, day.replace("six people", "seven people")))
    assert cli.main(["report", wid, "--check", "--file", str(path)]) == 1


def test_the_check_re_derives_counts_after_an_import_where_a_theme_was_added(
        imported, tmp_path, capsys):
    ws, wid = imported
    theme = ws.add_theme(wid, "Electronic call monitoring")
    for c in ws.snapshot(wid).comments[:4]:
        ws.set_comment_themes(wid, c["id"], [theme.id])
    true = ("Six people made ten comments. Most of the discussion was about electronic call "
            "monitoring (four comments).")
    assert _check_edited(ws, wid, tmp_path, true)[0] == 0
    capsys.readouterr()
    code, _ = _check_edited(ws, wid, tmp_path, true.replace("Six people", "Seven people")
                            .replace("(four", "(nine"))
    assert code == 1
    out = capsys.readouterr().out
    assert "says seven people commented where the data gives 6" in out
    assert "says nine comments on electronic call monitoring where the data gives 4" in out


# --- the README's examples ---------------------------------------------------------------

def test_every_csv_example_in_the_readme_imports(workshops, packs):
    from tests.conftest import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Importing and exporting"):readme.index("## Your data")]
    examples = re.findall(r"```csv\n(.*?)```", section, re.DOTALL)
    assert len(examples) >= 9
    kinds = set()
    for text in examples:
        first = _rows(text)[0]
        qid = first["question_id"]
        pack = next(p for p in packs.values() if qid in {q.id for q in p.questions}
                    and first["role"] in p.role_ids)
        kinds.add(pack.question(qid).kind)
        wid = _new(workshops, pack.id)
        done = import_csv(workshops, wid, text)
        assert done.people >= 1, text
    assert kinds == {"comment", "idea_board", "scale", "choice", "ranking", "points",
                     "scoring_matrix", "rating_matrix", "card_sort"}


# --- the console's paper tab ---------------------------------------------------------------

def test_the_console_imports_paper_answers_and_lists_every_problem(app):  # noqa: F811
    from tests.test_pages import run
    from tests.test_pages_console import console
    ws, w = app
    at = console(workshop=w["id"])
    bad = _csv("question_id,person,role,value", "price_transparency_poll,Ann,provider,Maybe",
               "nonsense,Bo,provider,Agree")
    at.file_uploader[0].set_value(("paper.csv", bad.encode(), "text/csv"))
    at = run(next(b for b in run(at).button if b.label == "Import").click())
    error = at.error[0].value
    assert "Nothing was imported." in error and "line 3: unknown question" in error
    assert "'Maybe' is not one of the answers" in error
    assert not ws.snapshot(w["id"]).delegates
    good = _csv("question_id,person,role,value,text,kind",
                "price_transparency_poll,Ann,provider,Agree,,",
                "price_transparency,Ann,provider,,Prices should be open,issue",
                "price_transparency,Bo,commissioner,,We publish ours,idea")
    at.file_uploader[0].set_value(("paper.csv", good.encode(), "text/csv"))
    at = run(next(b for b in run(at).button if b.label == "Import").click())
    assert at.success[0].value == ("Imported 2 comments, 1 answer from 2 people (2 new).")
    assert len(ws.snapshot(w["id"]).delegates) == 2
