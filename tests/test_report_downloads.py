"""The report's downloads: buttons on the report page, and `workshop report --format`."""

import io

import docx
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.test_cli import created, run as cli  # noqa: F401 (a fixture)
from tests.test_pages import SECRET, app, run  # noqa: F401 (a fixture)
from workshop import outputs
from workshop.cli import open_workshops


def test_report_page_offers_every_format(app):  # noqa: F811
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["key"] = SECRET
    run(at)
    at = run(at.switch_page("pages/report.py"))
    labels = [b.proto.label for b in at.get("download_button")]
    for fmt in ("docx", "pdf", "html", "md", "easyread", "easyread-docx", "easyread-pdf"):
        label, ending, _ = outputs.FORMATS[fmt]
        assert f"{label} (.{ending})" in labels
    assert "Download all input (CSV)" in labels


def test_command_line_writes_word_from_the_edited_version(created, tmp_path):  # noqa: F811
    wid = created["workshop"]
    edited = tmp_path / "edited.md"
    edited.write_text("# Our report\n\nWe changed this line before sharing.\n")
    open_workshops().save_report_edit(wid, edited.read_text())  # as the report page saves
    out = tmp_path / "report.docx"
    done = cli("report", wid, "--format", "docx", "--out", str(out))
    assert f"Wrote {out}" in done.stderr
    text = " ".join(p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs)
    assert "We changed this line before sharing." in text
    html = cli("report", wid, "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and "We changed this line" in html
    fresh = cli("report", wid, "--format", "html", "--fresh").stdout
    assert "We changed this line" not in fresh and "Key messages" in fresh


def test_command_line_says_plainly_when_it_cannot_write(created, tmp_path):  # noqa: F811
    done = cli("report", created["workshop"], "--format", "pdf", "--out",
               str(tmp_path / "no-such-folder" / "r.pdf"), check=False)
    assert done.returncode != 0
    assert "Could not write" in done.stderr and "folder that exists" in done.stderr
    assert not (tmp_path / "no-such-folder").exists()
