"""Programmes of regional workshops: data and rules (workshop/programmes.py)."""

import csv
import io

import pytest

from store import FileStore
from workshop.errors import InvalidInput, NotFound
from workshop.programmes import Programmes
from workshop.workshops import Workshops


@pytest.fixture
def programmes(workshops):
    return Programmes(workshops)


@pytest.fixture
def programme(programmes):
    return programmes.create("Contracting for personalised outcomes", "peoples_borough")


def test_a_programme_has_a_title_a_pack_and_its_workshops(workshops, programmes, programme):
    assert programme["pack_id"] == "peoples_borough"
    assert programme["pack"]["id"] == "peoples_borough"  # the shared scenario and codebook
    em = workshops.create("Day one", "East Midlands", "peoples_borough", date="2010-02-04",
                          venue="Nottingham")
    programmes.add(programme["id"], em["id"])
    lon = programmes.create_workshop(programme["id"], "Day two", "London",
                                     date="2010-03-01", venue="Westminster")
    members = programmes.members(programme["id"])
    assert [(m.region, m.date, m.venue) for m in members] == [
        ("East Midlands", "2010-02-04", "Nottingham"), ("London", "2010-03-01", "Westminster")]
    assert lon["pack_id"] == "peoples_borough"
    assert [p["id"] for p in programmes.of_workshop(em["id"])] == [programme["id"]]
    assert [r.name for r in programmes.regions(programme["id"])] == ["East Midlands", "London"]


def test_programmes_are_not_listed_as_workshops(workshops, programmes, programme):
    assert workshops.all() == []
    assert [p["id"] for p in programmes.all()] == [programme["id"]]


def test_a_workshop_outside_any_programme_works_as_before(workshops, programmes, programme):
    w = workshops.create("Alone", "Wales", "peoples_borough")
    workshops.set_status(w["id"], "open")
    me = workshops.join(w["id"], "provider", "1")["id"]
    workshops.submit_comment(w["id"], me, "services", "Outcomes matter", "issue")
    assert programmes.of_workshop(w["id"]) == []
    assert len(workshops.snapshot(w["id"]).comments) == 1


def test_a_workshop_on_another_pack_cannot_join(workshops, programmes, programme):
    other_pack = next(p for p in workshops.packs if p != "peoples_borough")
    w = workshops.create("Elsewhere", "Wales", other_pack)
    with pytest.raises(InvalidInput, match="Only workshops run on that pack can join"):
        programmes.add(programme["id"], w["id"])
    assert programmes.members(programme["id"]) == []


def test_a_region_can_be_in_a_programme_once(workshops, programmes, programme):
    a = programmes.create_workshop(programme["id"], "Day one", "London")
    b = workshops.create("Day two", "london", "peoples_borough")
    with pytest.raises(InvalidInput, match="already has a workshop for London"):
        programmes.add(programme["id"], b["id"])
    before = {w["id"] for w in workshops.all()}
    with pytest.raises(InvalidInput, match="already has a workshop for London"):
        programmes.create_workshop(programme["id"], "Day three", "LONDON")
    assert {w["id"] for w in workshops.all()} == before, "nothing created when refused"
    programmes.add(programme["id"], b["id"], region="South East")
    with pytest.raises(InvalidInput, match="already in this programme"):
        programmes.add(programme["id"], a["id"], region="North West")
    assert [m.region for m in programmes.members(programme["id"])] == ["London", "South East"]


def test_removing_a_workshop_keeps_its_data(workshops, programmes, programme):
    w = programmes.create_workshop(programme["id"], "Day one", "London")
    workshops.set_status(w["id"], "open")
    me = workshops.join(w["id"], "commissioner", "1")["id"]
    workshops.submit_comment(w["id"], me, "services", "Keep this comment", "issue")
    programmes.remove(programme["id"], w["id"])
    assert programmes.members(programme["id"]) == []
    assert [c["text"] for c in workshops.snapshot(w["id"]).comments] == ["Keep this comment"]
    with pytest.raises(NotFound, match="is not in the programme"):
        programmes.remove(programme["id"], w["id"])


def test_a_deleted_workshop_is_shown_as_gone_not_as_an_error(workshops, programmes, programme):
    w = programmes.create_workshop(programme["id"], "Day one", "London")
    workshops.delete(w["id"], w["join_code"])
    [member] = programmes.members(programme["id"])
    assert member.workshop is None and member.region == "London"
    assert programmes.regions(programme["id"]) == []


def test_unknown_programme_and_pack_get_plain_messages(workshops, programmes, programme):
    with pytest.raises(NotFound, match="There is no programme 'nope'. Programmes: "):
        programmes.get("nope")
    with pytest.raises(InvalidInput, match="There is no scenario pack 'nope'"):
        programmes.create("T", "nope")
    with pytest.raises(NotFound):
        programmes.add(programme["id"], "no-such-workshop")


def test_programmes_survive_reopening_the_store(tmp_path, packs):
    first = Programmes(Workshops(FileStore(tmp_path / "d"), packs))
    p = first.create("National", "peoples_borough")
    first.create_workshop(p["id"], "Day one", "London")
    again = Programmes(Workshops(FileStore(tmp_path / "d"), packs))
    assert [m.region for m in again.members(p["id"])] == ["London"]
    assert len(again.workshops.all()) == 1


# -- the command line -------------------------------------------------------------------

def _fields(out: str) -> dict:
    return dict(line.split(": ", 1) for line in out.strip().splitlines() if ": " in line)


def test_command_line_programme_from_create_to_export(tmp_path):
    from tests.test_cli import run
    pid = _fields(run("programme", "create", "--title", "Contracting for outcomes",
                      "--scenario", "peoples_borough").stdout)["programme"]
    new = _fields(run("create", "--title", "Day one", "--programme", pid, "--region",
                      "London", "--date", "2010-03-01", "--venue", "Westminster").stdout)
    other = _fields(run("create", "--title", "Day two", "--region", "Wales", "--scenario",
                        "peoples_borough").stdout)["workshop"]
    assert "added" in run("programme", "add", pid, other, "--region", "Cymru").stdout
    paper = tmp_path / "paper.csv"
    paper.write_text("question_id,text,role,table,kind\n"
                     "services,Outcomes are hard to specify,provider,1,issue\n")
    run("import", other, str(paper))
    listed = run("programme", "list").stdout
    assert pid in listed and "2 workshops" in listed
    assert f"  London\t{new['workshop']}\t2010-03-01\tWestminster" in listed
    assert f"  Cymru\t{other}" in listed
    rows = list(csv.DictReader(io.StringIO(
        run("export", "--programme", pid, "--format", "csv").stdout)))
    assert [(r["region"], r["text"]) for r in rows] == [("Cymru",
                                                         "Outcomes are hard to specify")]
    run("programme", "remove", pid, other)
    assert "1 workshop" in run("programme", "list").stdout
    assert other in run("list").stdout, "the removed workshop is still there"
    assert "Outcomes are hard" in run("export", other).stdout


def test_command_line_refuses_bad_programme_input_plainly():
    from tests.test_cli import run
    pid = _fields(run("programme", "create", "--title", "T", "--scenario",
                      "peoples_borough").stdout)["programme"]
    other_pack = next(p.split("\t")[0] for p in run("packs").stdout.splitlines()
                      if not p.startswith("peoples_borough\t"))
    wid = _fields(run("create", "--title", "X", "--region", "Wales", "--scenario",
                      other_pack).stdout)["workshop"]
    done = run("programme", "add", pid, wid, check=False)
    assert done.returncode == 2 and "Only workshops run on that pack" in done.stderr
    done = run("create", "--title", "Y", "--region", "Wales", "--programme", pid,
               "--scenario", other_pack, check=False)
    assert done.returncode == 2 and "shares the pack 'peoples_borough'" in done.stderr
    done = run("programme", "add", "nope", wid, check=False)
    assert done.returncode == 2 and "There is no programme 'nope'" in done.stderr
    done = run("export", check=False)
    assert done.returncode == 2 and "--programme" in done.stderr


def test_the_page_data_is_kept_until_a_workshop_or_the_programme_changes(workshops,
                                                                        programmes, programme):
    from workshop.programme_cache import programme_data
    pid = programme["id"]
    w = programmes.create_workshop(pid, "Day one", "London")
    workshops.set_status(w["id"], "open")
    workshops.set_current(w["id"], "services")
    me = workshops.join(w["id"], "commissioner", "1")["id"]
    workshops.submit_comment(w["id"], me, "services", "Pay for outcomes, not hours", "idea")
    first = programme_data(programmes, pid)
    assert list(first.members_table()["Comments"]) == [1]
    assert "Pay for outcomes, not hours" in first.draft()
    assert programme_data(programmes, pid) is first  # nothing changed: kept
    # A new comment in a region: worked out afresh, the table and the report show it.
    workshops.submit_comment(w["id"], me, "services", "Trust providers with budgets", "idea")
    second = programme_data(programmes, pid)
    assert second is not first
    assert list(second.members_table()["Comments"]) == [2]
    assert "Trust providers with budgets" in second.draft()
    # A change to the programme itself (its saved report) is seen too.
    programmes.save_report_edit(pid, "# Edited")
    assert programme_data(programmes, pid).programme["report_edit"] == "# Edited"
