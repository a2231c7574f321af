"""The command-line contract, run as a user would run it."""

import csv
import io
import os
import subprocess
import sys

import pytest

from tests.conftest import DATA, ROOT


def run(*args, stdin=None, check=True):
    done = subprocess.run([sys.executable, "-m", "workshop", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, env=os.environ.copy())
    if check and done.returncode:
        raise AssertionError(done.stderr)
    return done


@pytest.fixture
def created():
    out = run("create", "--title", "Contracting for personalised outcomes", "--region",
              "East Midlands", "--scenario", "peoples_borough").stdout
    lines = dict(line.split(": ", 1) for line in out.strip().splitlines())
    return lines


def test_create_prints_the_five_lines(created):
    assert list(created) == ["workshop", "join code", "join url", "projector url",
                             "facilitator url"]
    assert created["join url"] == f"http://room.test:8501/?code={created['join code']}"
    assert created["projector url"].startswith("http://room.test:8501/projector?code=")
    assert "key=" in created["facilitator url"]


def test_import_then_export_and_report(created, tmp_path):
    wid = created["workshop"]
    path = tmp_path / "paper.csv"
    path.write_text("question_id,text,role,table,kind\n"
                    "price_transparency,Price should not be the only deciding factor,provider,2,issue\n"
                    "price_transparency,=HYPERLINK(\"x\"),provider,2,issue\n"
                    "decommissioning,Losing a contract demoralises staff,provider,4,issue\n")
    assert "imported 3 comments" in run("import", wid, str(path)).stdout
    rows = list(csv.DictReader(io.StringIO(run("export", wid, "--format", "csv").stdout)))
    assert len(rows) == 3
    assert rows[1]["text"].startswith("'=")  # a spreadsheet will not run it
    assert "workforce" in rows[2]["themes"].split(";")
    report = run("report", wid).stdout
    assert report.startswith("## EAST MIDLANDS WORKSHOP REPORT:")
    assert "Price should not be the only deciding factor" in report


def test_import_with_unknown_ids_imports_nothing(created, tmp_path):
    wid = created["workshop"]
    path = tmp_path / "bad.csv"
    path.write_text("question_id,text,role,table,kind\n"
                    "services,A fine comment,provider,1,issue\n"
                    "nonsense,Another,mayor,1,issue\n")
    done = run("import", wid, str(path), check=False)
    assert done.returncode == 2
    assert "unknown question_id 'nonsense'" in done.stderr
    assert "unknown role 'mayor' (valid: commissioner, provider, user, other)" in done.stderr
    assert "Nothing was imported" in done.stderr
    assert run("export", wid).stdout.count("\n") == 1  # header only


def test_tag_adds_a_themes_column():
    out = run("tag", "--codebook", str(DATA / "commissioning_codebook.yaml"),
              stdin="id,text\n1,TUPE obligations when staff transfer to a new provider\n").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["id"] == "1" and rows[0]["themes"].split(";")[0] == "workforce"


def test_tag_keeps_a_question_id_column_and_tags_each_row():
    out = run("tag", "--codebook", str(DATA / "commissioning_codebook.yaml"),
              stdin="question_id,text,themes\n"
                    "subcontracting,TUPE obligations when staff transfer to a new provider,old\n"
                    "price_transparency,Publish the hourly rate each provider charges,\n").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["question_id", "text", "themes", "confidence", "check"]
    assert [r["question_id"] for r in rows] == ["subcontracting", "price_transparency"]
    assert rows[0]["themes"].split(";")[0] == "workforce"
    assert rows[1]["themes"].split(";")[0] == "cost"


ROTA = "Could the council run the rota of visits across the whole patch?"


def test_tag_learns_corrections_first_and_marks_unsure_tags(tmp_path):
    codebook = str(DATA / "commissioning_codebook.yaml")
    comments = ("question_id,text\n"
                f"general,{ROTA[:-1]} for us?\n"
                "general,The lunch was lovely and the room was warm.\n")
    before = list(csv.DictReader(io.StringIO(run("tag", "--codebook", codebook,
                                                 stdin=comments).stdout)))
    learned = tmp_path / "learned.csv"
    learned.write_text(f"question_id,text,themes\ngeneral,{ROTA},capacity\n", encoding="utf-8")
    after = list(csv.DictReader(io.StringIO(run("tag", "--codebook", codebook, "--learn",
                                                str(learned), stdin=comments).stdout)))
    assert before[0]["themes"].split(";")[0] != "capacity" and before[0]["check"] == "unsure"
    assert after[0]["themes"].split(";")[0] == "capacity" and after[0]["check"] == ""
    confidences = [float(c) for c in after[0]["confidence"].split(";")]
    assert len(confidences) == len(after[0]["themes"].split(";"))
    assert all(0 < c < 1 for c in confidences)
    # An off-topic comment gets no theme, no confidence and nothing to check.
    assert before[1]["themes"] == after[1]["themes"] == "" and after[1]["check"] == ""


@pytest.mark.parametrize("content, message", [
    ("text,themes\nSomething about tenders,tenders\n",
     "line 2: 'tenders' is not a theme of the codebook"),
    ("text,labels\nSomething about tenders,process\n",
     "needs the columns text and themes"),
])
def test_tag_refuses_bad_corrections_plainly(tmp_path, content, message):
    learned = tmp_path / "learned.csv"
    learned.write_text(content, encoding="utf-8")
    done = run("tag", "--codebook", str(DATA / "commissioning_codebook.yaml"), "--learn",
               str(learned), stdin="text\nAnything\n", check=False)
    assert done.returncode == 2 and message in done.stderr and done.stdout == ""


def test_unknown_workshop_is_a_clear_error():
    done = run("report", "no-such-workshop", check=False)
    assert done.returncode == 2 and "There is no workshop 'no-such-workshop'" in done.stderr


def test_packs_lists_id_title_question_count_and_kinds(capsys):
    from workshop import cli
    assert cli.main(["packs"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines()
                if x.startswith("peoples_borough\t"))
    pid, title, count, kinds = line.split("\t")
    assert title.startswith("Contracting for personalised outcomes") and count == "26 questions"
    assert kinds == "kinds: comment, scale, choice"


def test_delete_needs_the_join_code_or_title_and_removes_the_workshop(created):
    wid, code = created["workshop"], created["join code"]
    kept = run("create", "--title", "Another day", "--region", "R", "--scenario",
               "peoples_borough").stdout.split()[1]
    refused = run("delete", wid, "--confirm", "WRONG1", check=False)
    assert refused.returncode == 2
    assert f"Nothing was deleted. To delete \u201cContracting for personalised outcomes\u201d " \
           f"({wid}), type its join code, {code}, or its title." in refused.stderr
    assert wid in run("list").stdout
    done = run("delete", wid, "--confirm", code).stdout
    assert done.startswith(f"deleted \u201cContracting for personalised outcomes\u201d ({wid})")
    listed = run("list").stdout
    assert wid not in listed and kept in listed
    assert run("delete", wid, "--confirm", code, check=False).returncode == 2


def test_list_shows_a_damaged_workshop_last_and_the_others_as_usual(created):
    from pathlib import Path
    wid = created["workshop"]
    other = run("create", "--title", "Another day", "--region", "R", "--scenario",
                "peoples_borough").stdout.split()[1]
    (Path(os.environ["WORKSHOP_DATA_DIR"]) / f"{wid}.json").write_bytes(b"")
    done = run("list")
    first, last = done.stdout.strip().splitlines()
    assert first.startswith(f"{other}\t") and first.endswith("\tdraft\tAnother day")
    assert last.startswith(f"{wid}\t-\tdamaged\tThe workshop {wid} cannot be opened: its "
                           f"store file {wid}.json is empty.")
    assert run("links").returncode == 0
    # A damaged workshop is deleted by typing its id.
    assert run("delete", wid, "--confirm", wid).stdout.startswith(f"deleted {wid}:")
    assert "damaged" not in run("list").stdout


def test_every_command_is_in_the_readme():
    from workshop.cli import build_parser
    readme = (ROOT / "README.md").read_text()
    commands = next(a for a in build_parser()._actions if a.dest == "command").choices
    missing = [c for c in commands if f"python -m workshop {c}" not in readme]
    assert not missing, f"README's command list lacks: {missing}"


def test_a_pack_that_cannot_be_used_is_named_and_the_rest_works(created):
    from pathlib import Path
    packs = Path(os.environ["WORKSHOP_DATA_DIR"]) / "packs"
    packs.mkdir(parents=True, exist_ok=True)
    (packs / "deep.yaml").write_text("summary: " + "[" * 1000 + "]" * 1000 + "\n")
    for command in ("list", "packs"):
        done = run(command)
        assert "warning: a pack was left out: deep.yaml: line 1: lists and fields nest more " \
               "than 20 levels deep" in done.stderr
    assert created["workshop"] in run("list").stdout
