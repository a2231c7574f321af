"""The report as Word, a web page and a tagged PDF: the markdown's every sentence in each,
the charts as pictures with their descriptions, and each format's own structure."""

import io
import re
import subprocess

import pytest

from tests.outputs_helpers import (docx_text, html_text, pdf_text, sentences, small_workshop,
                                   squash)
from workshop import outputs
from workshop.outputs.document import parse, tidy_headings
from workshop.outputs.figures import report_charts
from workshop.report import draft_report


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The small workshop's report with one edit, in every format, made once."""
    tmp = tmp_path_factory.mktemp("outputs")
    ws, wid = small_workshop(tmp)
    snapshot = ws.snapshot(wid)
    markdown = draft_report(snapshot).replace(
        "## Background", "An edited line the facilitator added.\n\n## Background")
    files = {fmt: outputs.render_report(snapshot, markdown, fmt)
             for fmt in ("md", "html", "docx", "pdf")}
    (tmp / "report.pdf").write_bytes(files["pdf"])
    return {"markdown": markdown, "files": files, "pdf": tmp / "report.pdf",
            "charts": [c for mine in report_charts(snapshot, pictures=False).values()
                       for c in mine]}


def _text(made, fmt):
    data = made["files"][fmt]
    return {"html": lambda: html_text(data.decode("utf-8")), "docx": lambda: docx_text(data),
            "pdf": lambda: pdf_text(made["pdf"])}[fmt]()


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_every_sentence_of_the_markdown_is_in_every_format(made, fmt):
    prose, cells = sentences(made["markdown"])
    text = _text(made, fmt)
    assert "An edited line the facilitator added." in prose
    assert len(prose) > 30
    if fmt == "pdf":  # pdftotext joins a word broken at its hyphen ("Mini-" "tendering")
        text = text.replace("-", "")
        prose = [s.replace("-", "") for s in prose]
        cells = [c.replace("-", "") for c in cells]
    missing = [s for s in prose if s not in text]
    assert not missing, missing[:5]
    if fmt == "pdf":  # a printed table's cells are read out column by column
        words = set(text.split())
        missing = [c for c in cells if not set(c.split()) <= words]
    else:
        missing = [c for c in cells if c not in text]
    assert not missing, missing[:5]


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_each_chart_comes_with_its_sentence(made, fmt):
    text = _text(made, fmt)
    assert len(made["charts"]) == 2
    for chart in made["charts"]:
        assert squash(f"{chart.title}. {chart.sentence}") in text


def test_markdown_is_the_markdown_as_saved(made):
    assert made["files"]["md"].decode("utf-8") == made["markdown"]


# --- the web page ------------------------------------------------------------------------

def test_web_page_is_one_accessible_self_contained_page(made):
    html = made["files"]["html"].decode("utf-8")
    assert '<html lang="en">' in html
    assert html.count("<h1>") == 1
    levels = [int(n) for n in re.findall(r"<h([1-6])>", html)]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:]))
    ths = re.findall(r"<th[ >][^>]*>?", html)
    assert ths and all('scope="col"' in t or 'scope="row"' in t for t in ths)
    imgs = re.findall(r"<img [^>]*>", html)
    assert len(imgs) == 2
    for img, chart in zip(imgs, made["charts"]):
        assert 'src="data:image/png;base64,' in img
        assert f'alt="{chart.alt}"'.replace("&", "&amp;") in img.replace("&#x27;", "'")
    # Nothing is fetched from elsewhere: no addresses in src, no stylesheet links, no url().
    assert not re.search(r"""src=["'](?!data:)""", html)
    assert "<link" not in html and "url(" not in html and "<script" not in html
    assert "cost &amp; quality" in html


def test_a_count_and_its_share_stay_on_one_line(made):
    html = made["files"]["html"].decode("utf-8")
    cells = re.findall(r"<td([^>]*)>(\d+ \(\d+%\))</td>", html)
    assert cells and all(attrs == ' class="short"' for attrs, _ in cells)
    assert re.search(r"td\.short \{ white-space: nowrap; \}", html)


def test_markup_typed_into_an_edit_is_shown_as_typed_not_run():
    doc = parse("# T\n\n<script>alert(1)</script> and ![a picture](http://example.org/x.png)")
    from workshop.outputs.html import Meta, page
    html = page(doc, Meta("T", "S", "A", "2024-01-01T00:00:00Z"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "example.org" not in html and "a picture" in html


def test_the_apps_preview_of_a_draft_is_the_web_pages_blocks_with_typed_markup_shown():
    from workshop.outputs.html import page, preview
    draft = ("# T\n\n## Key messages\n\n<script>alert(1)</script> said **most**.\n\n"
             "> A quotation\n\n| Group | People |\n|---|---|\n| Commissioner | 3 (43%) |\n")
    shown = preview(draft)
    body = shown.split('<div class="report-preview in-app">', 1)[1]
    assert "<script>" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt; said " \
        "<strong>most</strong>." in body
    assert '<th scope="row">Commissioner</th><td class="short">3 (43%)</td>' in body
    # The same blocks as the downloaded web page, in the same order.
    from workshop.outputs.html import Meta
    whole = page(parse(draft), Meta("T", "S", "A", "2024-01-01T00:00:00Z"))
    assert body.removesuffix("</div>").replace("\n", "") in whole.replace("\n", "")


def test_headings_are_put_in_order_for_an_edited_report():
    doc = tidy_headings(parse("## Starts low\n\ntext\n\n# Second title\n\n#### Deep"))
    levels = [(b.level, b.runs[0].text) for b in doc.blocks if hasattr(b, "level")]
    assert levels == [(1, "Workshop report"), (2, "Starts low"), (2, "Second title"),
                      (3, "Deep")]


# --- Word --------------------------------------------------------------------------------

def test_word_uses_word_styles_tables_pictures_and_properties(made):
    import docx
    from docx.oxml.ns import qn
    d = docx.Document(io.BytesIO(made["files"]["docx"]))
    styles = [p.style.name for p in d.paragraphs]
    assert styles.count("Heading 1") == 1
    assert "Heading 2" in styles and "Heading 3" in styles
    quote = [p.text for p in d.paragraphs if p.style.name == "Quote"]
    assert any(t.startswith("Scenario:") for t in quote)
    bullets = [p.text for p in d.paragraphs if p.style.name == "List Bullet"]
    assert any("Higher price means higher cost of staff wages" in b for b in bullets)
    markdown_tables = len(re.findall(r"^\|(?:---\|)+$", made["markdown"], re.M))
    assert markdown_tables >= 3
    assert len(d.tables) == markdown_tables
    first = d.tables[0]
    assert first.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    described = [e.get("descr") for e in d.element.body.iter(qn("wp:docPr"))]
    assert described == [c.alt for c in made["charts"]]
    props = d.core_properties
    assert props.title == "Contracting for personalised outcomes"
    assert props.author == "Workshop facilitator"
    assert "East Midlands" in props.subject and props.created is not None


def test_word_names_the_organisation_set(made, monkeypatch):
    import docx
    monkeypatch.setenv("WORKSHOP_ORGANISATION", "Nottinghamshire County Council")
    data = outputs.render_markdown("# A title\n\nSome words.", "docx", "A subject")
    assert docx.Document(io.BytesIO(data)).core_properties.author == \
        "Nottinghamshire County Council"


def contrast_on_white(rgb) -> float:
    """WCAG contrast ratio of a colour (None: Word's automatic colour, black) on white."""
    if rgb is None:
        return 21.0
    channels = [int(str(rgb)[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def word_text_is_readable(d, styles) -> None:
    """Each style in Arial (not a theme font that overrides it), dark enough on white."""
    from docx.oxml.ns import qn
    for name in styles:
        style = d.styles[name]
        assert contrast_on_white(style.font.color.rgb) >= 4.5, name
        fonts = style.element.rPr.rFonts
        assert fonts.get(qn("w:ascii")) == "Arial" and fonts.get(qn("w:asciiTheme")) is None, \
            name


def test_word_text_is_dark_enough_on_a4_and_table_words_are_never_broken(made):
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Cm
    d = docx.Document(io.BytesIO(made["files"]["docx"]))
    word_text_is_readable(d, ["Heading 1", "Heading 2", "Heading 3", "Caption"])
    assert d.styles["Caption"].font.size.pt >= 11
    assert d.styles["Heading 1"].font.size > d.styles["Heading 2"].font.size
    quotes = [p for p in d.paragraphs if p.style.name == "Quote"]
    assert quotes and all(p.paragraph_format.keep_together for p in quotes)
    section = d.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21, 29.7)
    words_fit_their_columns(d)


def words_fit_their_columns(d) -> None:
    """No table word is broken in two: each cell's longest word, measured with Arial's own
    metrics (Liberation Sans) at the cell's size, bold in the header, fits inside its column
    and the cell's margins; and the table fits the page's text width."""
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt
    from PIL import ImageFont
    font = {bold: ImageFont.truetype(f"/usr/share/fonts/truetype/liberation/LiberationSans-"
                                     f"{'Bold' if bold else 'Regular'}.ttf", 1000)
            for bold in (False, True)}
    section = d.sections[0]
    room = section.page_width - section.left_margin - section.right_margin
    assert d.tables
    for table in d.tables:
        widths = [c.width for c in table.columns]
        assert sum(widths) <= room
        for r, row in enumerate(table.rows):
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None  # never split by a page
            for cell, width in zip(row.cells, widths):
                size = next((run.font.size.pt for run in cell.paragraphs[0].runs
                             if run.font.size), 11)
                assert size >= 8
                for word in cell.text.split():
                    drawn = Pt(font[r == 0].getlength(word) / 1000 * size)
                    # Word's and LibreOffice's cell margins: 0.19 cm each side.
                    assert drawn + Cm(0.38) <= width, (word, cell.text, width)


def test_welsh_table_words_are_never_broken(made):
    """Welsh words run longer ("Anghytuno'n", "gwasanaethau"): a table whose longest words
    would not sit side by side is set smaller rather than break them."""
    import docx
    from tests.outputs_helpers import small_workshop
    from workshop.report import draft_report
    ws, wid = small_workshop(made["pdf"].parent / "cy")
    snapshot = ws.snapshot(wid)
    data = outputs.render_report(snapshot, draft_report(snapshot, "cy"), "docx", "cy")
    d = docx.Document(io.BytesIO(data))
    words_fit_their_columns(d)
    assert any("Anghytuno" in c.text for t in d.tables for c in t.rows[0].cells)


# --- PDF ---------------------------------------------------------------------------------

def test_pdf_is_tagged_with_fonts_embedded_bookmarks_and_chart_descriptions(made):
    info = subprocess.run(["pdfinfo", str(made["pdf"])], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Title:\s+Contracting for personalised outcomes$", info, re.M)
    fonts = subprocess.run(["pdffonts", str(made["pdf"])], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the "emb" column
    import pypdf
    reader = pypdf.PdfReader(made["pdf"])
    marks = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                marks.append(item.title)
    walk(reader.outline)
    assert "Contracting for personalised outcomes" in marks and "Key messages" in marks
    assert "How this draft was made" in marks
    alts = []

    def figures(node):
        node = node.get_object()
        if node.get("/S") == "/Figure":
            alts.append(str(node.get("/Alt")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                figures(kid)
    figures(reader.trailer["/Root"]["/StructTreeRoot"])
    assert alts == [c.alt for c in made["charts"]]


# --- the command line ---------------------------------------------------------------------

def _pages_ending_on_a_lead_in(pdf) -> list[str]:
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    ends = []
    for page in pages:
        lines = [x.strip() for x in page.splitlines()
                 if x.strip() and not re.match(r"Page \d+ of \d+$", x.strip())]
        if lines and (lines[-1].endswith(":") or lines[-1].startswith("Poll")):
            ends.append(lines[-1])
    return ends


def test_a_line_that_introduces_a_list_or_table_is_printed_on_its_page(tmp_path):
    """ "Themes (comments):" or a poll's statement is never left alone at the foot of a page,
    in the PDF or in Word (kept with the next paragraph)."""
    import docx
    sections = []
    for n in range(40):  # lead-ins at many heights on the page, some at the foot
        filler = " ".join(["Words that fill the line up to where it wraps."] * (n % 9 + 1))
        sections.append(f"{filler}\n\n**Poll {n}: a statement people were asked about.**\n\n"
                        "| Group | People |\n|---|---|\n| Commissioner | 4 |\n| Other | 3 |"
                        f"\n\nThemes ({n}):\n\n- One theme\n- Another theme")
    markdown = "# A title\n\n" + "\n\n".join(sections)
    pdf = tmp_path / "leads.pdf"
    pdf.write_bytes(outputs.render_markdown(markdown, "pdf", "A subject"))
    assert _pages_ending_on_a_lead_in(pdf) == []
    d = docx.Document(io.BytesIO(outputs.render_markdown(markdown, "docx", "A subject")))
    kept = {p.text for p in d.paragraphs if p.paragraph_format.keep_with_next}
    assert {f"Poll {n}: a statement people were asked about." for n in range(40)} <= kept
    assert {f"Themes ({n}):" for n in range(40)} <= kept
    assert not any(t.startswith("Words that fill") for t in kept)


def test_unknown_format_is_refused_plainly():
    with pytest.raises(Exception, match="no report format"):
        outputs.render_markdown("# T", "rtf", "S")


@pytest.mark.parametrize("fmt,lang,words,size", [("docx", "en", ("Page ", " of "), 11),
                                                  ("easyread-docx", "cy", ("Tudalen ", " o "), 14)])
def test_word_pages_are_numbered_in_the_documents_language(made, fmt, lang, words, size):
    """Each page's foot says "Page 2 of 9" (Word counts them), as the PDF's does."""
    import docx
    from docx.oxml.ns import qn
    from tests.outputs_helpers import small_workshop
    ws, wid = small_workshop(made["pdf"].parent / f"pages-{fmt}")
    snapshot = ws.snapshot(wid)
    from workshop.report import draft_report
    d = docx.Document(io.BytesIO(outputs.render_report(snapshot, draft_report(snapshot, lang),
                                                       fmt, lang)))
    for section in d.sections:
        foot = section.footer.paragraphs[0]._p
        fields = [f.get(qn("w:instr")) for f in foot.iter(qn("w:fldSimple"))]
        assert fields == ["PAGE", "NUMPAGES"]
        texts = [t.text for t in foot.iter(qn("w:t"))]
        assert texts == [words[0], "1", words[1], "1"]
        sizes = {s.get(qn("w:val")) for s in foot.iter(qn("w:sz"))}
        assert sizes == {str(size * 2)}
