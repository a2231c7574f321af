"""The Easy Read summary: short sentences, one picture with a description beside each point,
large text, amounts in words, and the same points in every format."""

import io
import re
import subprocess

import pytest

from tests.outputs_helpers import docx_text, html_text, pdf_text, small_workshop, squash
from workshop import outputs
from workshop.outputs.easyread import (ICONS_DIR, MAX_WORDS, TITLE, icon_alt, sentences_of,
                                       summary)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("easyread")
    ws, wid = small_workshop(tmp)
    ws.add_agreed(wid, "action", "The council will meet providers again in the spring")
    ws.add_agreed(wid, "action", "The council will write to every provider in the region to "
                  "explain the new pricing rules and the timetable for the framework")
    snapshot = ws.snapshot(wid)
    files = {fmt: outputs.render_report(snapshot, "", fmt)
             for fmt in ("easyread", "easyread-docx", "easyread-pdf")}
    (tmp / "er.pdf").write_bytes(files["easyread-pdf"])
    return {"sections": summary(snapshot), "files": files, "pdf": tmp / "er.pdf"}


def _points(made):
    return [p for s in made["sections"] for p in s.points]


def test_every_sentence_is_short(made):
    sentences = [s for p in _points(made) for s in sentences_of(p.text)]
    assert len(sentences) >= 8
    too_long = [s for s in sentences if len(s.split()) > MAX_WORDS]
    assert not too_long


def test_it_says_what_people_said_and_what_happens_next(made):
    headings = [s.heading for s in made["sections"]]
    assert headings == ["About the meeting", "What people said", "What people thought",
                        "What happens next"]
    texts = [p.text for p in _points(made)]
    assert "Ten people took part." in texts
    assert "Most people talked about price, cost & value." in texts
    assert "The council will meet providers again in the spring." in texts
    # The long action would need shortening by guesswork: it is left to the full report.
    assert not any("pricing rules" in t for t in texts)
    assert "A longer report gives all the details." in texts


def test_amounts_are_words_not_figures(made):
    points = [p.text for p in _points(made) if not p.text.startswith("It was on ")]
    assert not [t for t in points if re.search(r"\d|%", t)]
    assert any(re.match(r"(Most|Many|Some|A few) people ", t) for t in points)


def test_every_point_has_a_picture_with_a_description(made):
    html = made["files"]["easyread"].decode("utf-8")
    items = re.findall(r"<li>(.*?)</li>", html, re.S)
    assert len(items) == len(_points(made))
    for item, point in zip(items, _points(made)):
        assert f'alt="{icon_alt(point.icon)}"' in item and "data:image/svg+xml" in item
    import docx
    from docx.oxml.ns import qn
    d = docx.Document(io.BytesIO(made["files"]["easyread-docx"]))
    rows = [r for t in d.tables for r in t.rows]
    assert len(rows) == len(_points(made))
    for row, point in zip(rows, _points(made)):
        described = [e.get("descr") for e in row.cells[0]._tc.iter(qn("wp:docPr"))]
        assert described == [icon_alt(point.icon)] and row.cells[1].text == point.text


def test_every_picture_is_drawn_for_the_project_with_a_description():
    names = sorted(p.stem for p in ICONS_DIR.glob("*.svg"))
    assert names == sorted(p.stem for p in ICONS_DIR.glob("*.png"))
    assert all(icon_alt(n) for n in names)


def test_text_is_large(made):
    import docx
    d = docx.Document(io.BytesIO(made["files"]["easyread-docx"]))
    assert d.styles["Normal"].font.size.pt >= 14
    html = made["files"]["easyread"].decode("utf-8")
    assert "body { font-size: 16pt;" not in html  # the screen page is 1.5rem (18 pt)
    assert re.search(r"body \{[^}]*font-size: 1\.5rem", html)


def test_word_pictures_sit_close_to_their_words_on_long_lines(made):
    import docx
    from tests.test_report_outputs import word_text_is_readable
    d = docx.Document(io.BytesIO(made["files"]["easyread-docx"]))
    word_text_is_readable(d, ["Heading 1", "Heading 2"])
    section = d.sections[0]
    room = section.page_width - section.left_margin - section.right_margin
    for table in d.tables:
        picture, words = [c.width for c in table.columns]
        assert picture < words / 3 and picture + words <= room


def test_every_format_carries_every_point_and_the_pdf_is_short_and_tagged(made):
    texts = {"easyread": html_text(made["files"]["easyread"].decode("utf-8")),
             "easyread-docx": docx_text(made["files"]["easyread-docx"]),
             "easyread-pdf": pdf_text(made["pdf"])}
    import docx
    d = docx.Document(io.BytesIO(made["files"]["easyread-docx"]))
    texts["easyread-docx"] += " " + squash(" ".join(p.text for p in d.paragraphs))
    for fmt, text in texts.items():
        assert TITLE in text
        missing = [p.text for p in _points(made) if squash(p.text) not in text]
        assert not missing, (fmt, missing)
    info = subprocess.run(["pdfinfo", str(made["pdf"])], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert 1 <= int(re.search(r"^Pages:\s+(\d+)$", info, re.M)[1]) <= 20


def test_the_summary_names_the_themes_the_report_leads_with(tmp_path):
    """The Easy Read summary and the report's key messages count a theme the same way (the
    people who raised it, wherever it sits on a comment) and name the same themes in the same
    order; "most people" is earned against the people who wrote comments, who are counted
    first."""
    from workshop.demo import build_demo
    from workshop.report import draft_report
    from workshop.scenarios import load_packs
    from store import MemoryStore
    from workshop.workshops import Workshops
    from tests.outputs_helpers import ROOT

    ws = Workshops(MemoryStore(), load_packs(ROOT / "scenarios"), tmp_path / "live")
    wid = build_demo(ws, ROOT / "scenarios")["id"]
    snapshot = ws.snapshot(wid)
    said = next(s for s in summary(snapshot) if s.heading == "What people said")
    writers = {c["delegate_id"] for c in snapshot.visible_comments}
    assert said.points[0].text == f"{_people_words(len(writers))} wrote comments."
    talked = [re.match(r"(Most|Many|Some|A few) people talked about (.+)\.$", p.text)
              for p in said.points if " talked about " in p.text]
    assert len(talked) == 3
    report = draft_report(snapshot)
    messages = report.split("## Key messages", 1)[1].split("\n## ", 1)[0]
    labels = [th.label for th in snapshot.codebook]
    led = [next(label.lower() for label in labels if m.group(1).startswith(label))
           for m in re.finditer(r"^\*\*(.+?)\*\*", messages, re.M)
           if any(m.group(1).startswith(label) for label in labels)]
    assert [t.group(2) for t in talked] == led[:3]
    for t in talked:
        tid = next(th.id for th in snapshot.codebook if th.label.lower() == t.group(2))
        people = {c["delegate_id"] for c in snapshot.visible_comments
                  if tid in [x["theme_id"] for x in c["themes"]]}
        share = len(people) / len(writers)
        word = t.group(1).lower()
        assert (share > 0.5) == (word == "most"), (t.group(0), len(people), len(writers))


def _people_words(n: int) -> str:
    from workshop.outputs.easyread import _people
    words = _people(n)
    return words[0].upper() + words[1:]
