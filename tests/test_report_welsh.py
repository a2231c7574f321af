"""The report in Welsh: every fixed word translated (from the gettext catalogue), Welsh
plurals and number words, the check reading a Welsh draft, and each format declaring Welsh."""

import io
import re
import zipfile

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.conftest import ROOT, SCENARIOS
from tests.test_cli import created, run  # noqa: F401  (created is a fixture)
from tests.test_pages import app  # noqa: F401  (a fixture)
from workshop import i18n, outputs, translations
from workshop.claims import check_report
from workshop.report import draft_report
from workshop.report_words import speaking
from workshop.wording import counted, join_words, number, plural

PO = i18n.catalogue_path("cy", "report")
MAPPING = ROOT / "workshop" / "locale" / "babel-report.cfg"
# The keywords the report's wording is marked with (the Makefile's REPORT_KEYWORDS).
KEYWORDS = {"_": None, "N_": None, "say": None, "Nn_": (1, 2), "ngettext": (1, 2),
            "pgettext": ((1, "c"), 2), "C_": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _extracted():
    from babel.messages.frontend import parse_mapping_cfg
    with MAPPING.open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = {}
    for _file, _line, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS):
        found[(context, message if isinstance(message, str) else message[0])] = message
    return found


@pytest.fixture(scope="module")
def catalogue():
    with PO.open("rb") as fh:
        return read_po(fh, locale="cy", domain="report")


def test_every_fixed_wording_of_the_report_has_its_welsh(catalogue):
    extracted = _extracted()
    assert len(extracted) > 300   # the report's wording is all marked, not a handful of it
    untranslated = []
    for (context, key), message in extracted.items():
        entry = catalogue.get(message if isinstance(message, str) else message[0],
                              context=context)
        strings = () if entry is None else (
            entry.string if isinstance(entry.string, tuple) else (entry.string,))
        if entry is None or not all(strings) or entry.fuzzy:
            untranslated.append((context, key))
    assert not untranslated, f"no Welsh for {len(untranslated)}: {untranslated[:10]}"


def test_a_welsh_sentence_keeps_only_placeholders_the_code_fills(catalogue):
    for m in catalogue:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        given = {p for i in ids for p in PLACEHOLDER.findall(i)}
        allowed = given | {"num", "num_f", "count"} | {
            p[:1].lower() + p[1:] for p in given} | {p[:1].upper() + p[1:] for p in given}
        for string in (m.string if isinstance(m.string, tuple) else (m.string,)):
            assert set(PLACEHOLDER.findall(string)) <= allowed, (m.id, string)
            # and fills without error: a stray % would break the sentence
            string % {p: "x" for p in allowed}


def test_welsh_has_six_plural_forms_and_counts_use_them():
    i18n.forget()
    assert "nplurals=6" in PO.read_text(encoding="utf-8")
    assert i18n.translations("cy", "report").ngettext(
        "%(num)s person", "%(num)s people", 6) == "chwe pherson"
    with speaking("cy"):
        said = [plural(n, "person", "people") for n in (0, 1, 2, 3, 4, 5, 6, 7, 11)]
        votes = [plural(n, "vote") for n in (2, 3, 4)]
        assert [number(n) for n in (1, 5, 10, 12)] == ["un", "pump", "deg", "12"]
        assert counted(1, "comment") == "1 sylw" and counted(12, "comment") == "12 o sylwadau"
        assert join_words(["A", "B"]) == "A a B" and join_words(["A", "Ann"]) == "A ac Ann"
    assert said == ["dim pobl", "un person", "dau berson", "tri pherson", "pedwar o bobl",
                    "pump o bobl", "chwe pherson", "saith o bobl", "11 o bobl"]
    assert votes == ["dwy bleidlais", "tair pleidlais", "pedair o bleidleisiau"]
    assert plural(6, "person", "people") == "six people"   # English outside


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from store import MemoryStore
    from workshop.demo import build_demo, build_format_demo
    from workshop.scenarios import load_packs
    from workshop.workshops import Workshops
    ws = Workshops(MemoryStore(), load_packs(SCENARIOS), tmp_path_factory.mktemp("live"))
    snaps = {"peoples_borough": ws.snapshot(build_demo(ws, SCENARIOS, seed=42)["id"])}
    for pack in ("home_care_competition", "ulo_idea_board", "housing_support_procurement"):
        snaps[pack] = ws.snapshot(build_format_demo(ws, pack, seed=42)["id"])
    return snaps


# The report's own English that must never be left in a Welsh draft.
ENGLISH = ["Workshop report", "## Key messages", "## Background", "## The regional workshop",
           "## How this draft was made", "## Appendix", "The day in brief", "took part",
           "Themes (comments)", "| Theme |", "| Everyone |", "Smaller groups combined",
           "Scenario:", "came up", "people made", "comments", "raised concerns",
           "put forward", "answered", "Every figure is counted", "Before sharing",
           "was chosen most often", "more likely than", "The panel", "Judges", "points (",
           "Average place", "Reasons given", "votes", "posted", "Nobody", " and ", "Poll:",
           "Agreed actions", "Practice points", "The facilitator", "hidden by", "of the"]


def _ours(text: str) -> str:
    """The report's own words: quotations, the pack's text (blockquotes, headings of its
    questions and stages, table cells of its options) and typed names set aside."""
    text = re.sub(r"\u201c[^\u201d]*\u201d(?: \([^()]*(?:\([^()]*\))?[^()]*\))?", "Q", text)
    kept = []
    for line in text.splitlines():
        if line.startswith((">", "### ", "|", "*Feedback")) or (
                line.startswith("## ") and not line.startswith("## Atodiad")):
            continue
        kept.append(line)
    return "\n".join(kept)


@pytest.mark.parametrize("pack", ["peoples_borough", "home_care_competition",
                                  "ulo_idea_board", "housing_support_procurement"])
def test_a_welsh_draft_has_none_of_the_reports_english(demo, pack):
    snap = demo[pack]
    welsh = draft_report(snap, "cy")
    english = draft_report(snap)
    assert welsh != english and draft_report(snap, "en") == english
    assert "## Negeseuon allweddol" in welsh and "## Sut y lluniwyd y drafft hwn" in welsh
    # Typed names (themes, roles, options, entries) and the pack's plan are data, not our
    # wording.
    pack = snap.pack
    names = ({t.label for t in snap.codebook} | {r.label for r in pack.roles}
             | {c.title for c in pack.cards} | {q.prompt.rstrip(" .?!:") for q in pack.questions}
             | {o.rstrip(".") for o in pack.objectives}
             | {x for q in pack.questions for x in (*q.options, *q.dimensions, *q.criteria,
                                                    *(e.title for e in q.entries))}
             | {snap.workshop["title"], " ".join(snap.workshop.get("background", "").split())})
    ours = _ours(welsh)
    for name in sorted(names, key=len, reverse=True):
        ours = ours.replace(name, "N").replace(name[:1].lower() + name[1:], "N").replace(
            name.lower(), "N")
    left = [e for e in ENGLISH if e in ours]
    assert not left, f"English left in the Welsh draft: {left}"


@pytest.mark.parametrize("pack", ["peoples_borough", "home_care_competition",
                                  "ulo_idea_board"])
def test_the_check_passes_a_welsh_draft_and_catches_a_wrong_figure(demo, pack):
    snap = demo[pack]
    welsh = draft_report(snap, "cy")
    result = check_report(snap, welsh, "cy")
    assert result.ok, result.problems
    assert result.figures > 100
    # A figure changed in digits ...
    m = re.search(r"(?<![\d.,])(\d{2,})(?= o bobl)", welsh)
    assert m, "the Welsh draft counts people in figures somewhere"
    wrong = welsh[:m.start()] + str(int(m.group(1)) + 1) + welsh[m.end():]
    found = check_report(snap, wrong, "cy")
    assert not found.ok and any(f"says {int(m.group(1)) + 1} where the data gives "
                                f"{m.group(1)}" in str(p) for p in found.problems)


def test_the_check_catches_a_wrong_welsh_number_word(demo):
    snap = demo["peoples_borough"]
    welsh = draft_report(snap, "cy")
    m = re.search(r"\b(tri pherson|pedwar o bobl|pump o bobl|saith o bobl)\b", welsh)
    assert m
    swap = {"tri pherson": "pedwar pherson", "pedwar o bobl": "pump o bobl",
            "pump o bobl": "chwech o bobl", "saith o bobl": "wyth o bobl"}[m.group(1)]
    found = check_report(snap, welsh.replace(m.group(0), swap, 1), "cy")
    assert [str(p) for p in found.problems if "where the data gives" in str(p)]
    # The English check of the same English draft stays clean.
    assert check_report(snap, draft_report(snap)).ok


def test_welsh_formats_declare_welsh(demo):
    snap = demo["home_care_competition"]
    welsh = draft_report(snap, "cy")
    page = outputs.render_markdown(welsh, "html", "s", None, "cy").decode()
    assert '<html lang="cy">' in page and "Negeseuon allweddol" in page
    word = zipfile.ZipFile(io.BytesIO(outputs.render_markdown(welsh, "docx", "s", None, "cy")))
    assert "<dc:language>cy-GB</dc:language>" in word.read("docProps/core.xml").decode()
    assert 'w:val="cy-GB"' in word.read("word/styles.xml").decode()
    import pypdf
    pdf = pypdf.PdfReader(io.BytesIO(outputs.render_markdown(welsh, "pdf", "s", None, "cy")))
    assert pdf.trailer["/Root"]["/Lang"] == "cy"
    assert "Tudalen 1 o" in pdf.pages[0].extract_text()
    english = outputs.render_markdown(draft_report(snap), "html", "s", None).decode()
    assert '<html lang="en">' in english
    assert outputs.file_name("w", "docx", "cy") == "w-report-cy.docx"
    assert outputs.file_name("w", "docx") == "w-report.docx"


def test_the_command_line_drafts_and_checks_in_welsh(created, tmp_path):  # noqa: F811
    wid = created["workshop"]
    welsh = run("report", wid, "--lang", "cy").stdout
    assert welsh.startswith("# Contracting") and "Adroddiad y gweithdy" in welsh
    assert run("report", wid, "--lang", "cy", "--check").returncode == 0
    edited = tmp_path / "cy.md"
    edited.write_text(welsh.replace("Nid oes dim wedi", "Nid oes dim wedi") + "\n412 o bobl.\n",
                      encoding="utf-8")
    bad = run("report", wid, "--lang", "cy", "--check", "--file", str(edited), check=False)
    assert bad.returncode == 1 and "412" in bad.stdout
    refused = run("report", wid, "--lang", "fr", check=False)
    assert refused.returncode and "Cymraeg" in refused.stderr


def test_the_report_page_drafts_edits_and_downloads_in_welsh(app):  # noqa: F811
    from streamlit.testing.v1 import AppTest
    from tests.test_pages import SECRET, run as page
    ws, w = app
    ws.save_report_edit(w["id"], "# Our English edit\n\nKept as it was.")
    at = AppTest.from_file(str(ROOT / "workshop_app.py"))
    at.query_params["key"] = SECRET
    page(at)
    at = page(at.switch_page("pages/report.py"))
    choice = at.radio(key="report_language")
    assert choice.label == "Language of the report"
    assert list(choice.options) == ["English", "Cymraeg"]
    assert at.text_area[0].value.startswith("# Our English edit")
    at = page(choice.set_value("cy"))
    welsh = at.text_area[0].value
    assert "Adroddiad y gweithdy" in welsh and "Our English edit" not in welsh
    assert any("Adroddiad y gweithdy" in m.value for m in at.markdown)
    assert any(m.value == "#### Download the report in Welsh (Cymraeg)" for m in at.markdown)
    at.text_area[0].input(welsh + "\nLlinell a ychwanegwyd.\n")
    at = page(at.button[0].click())
    saved = ws.get(w["id"])
    assert saved["report_edit_cy"].endswith("Llinell a ychwanegwyd.\n")
    assert saved["report_edit"] == "# Our English edit\n\nKept as it was."
    assert any("editing a saved version" in c.value for c in at.caption)


def test_a_welsh_report_uses_the_packs_welsh_where_it_gives_it(demo):
    snap = demo["peoples_borough"]
    welsh_pack = snap.pack.in_language("cy")
    assert welsh_pack is not snap.pack
    welsh = draft_report(snap, "cy")
    for en, cy in zip(snap.pack.cards, welsh_pack.cards):
        if en.title != cy.title and any(c is en for c in snap.pack.cards[:3]):
            assert f"### {cy.title}" in welsh.replace("\\", "")
            assert f"### {en.title}" not in welsh.replace("\\", "")
    assert "(Comisiynydd" in welsh or "Comisiynydd (" in welsh   # roles in Welsh too
    # Roles are in Welsh everywhere the report names them, tables (the pooled group's
    # column names the roles it holds) included; only quotations keep people's words.
    unquoted = re.sub(r"\u201c[^\u201d]*\u201d", "Q", welsh)
    for en, cy in zip(snap.pack.roles, welsh_pack.roles):
        if en.label != cy.label and len(en.label) > 5:
            assert en.label not in unquoted, en.label
    assert "Grwpiau llai gyda\u2019i gilydd: Comisiynydd" in welsh
    # Charts go under their question's Welsh heading, not in a section of their own.
    from workshop.outputs.document import parse, with_charts
    from workshop.outputs.figures import report_charts
    from workshop.report_words import pack_in, shown
    with speaking("cy"), pack_in(snap.pack):
        charts = {shown(t): c for t, c in report_charts(snap, pictures=False).items()}
        doc = with_charts(parse(welsh), charts)
    headings = [b for b in doc.blocks if type(b).__name__ == "Heading"]
    assert not any("Siartiau" in "".join(r.text for r in h.runs) for h in headings)
    # The charts themselves speak Welsh: titles, sentences, axes, keys and answers.
    from workshop import charts as chart_words
    english = {m.id for m in translations.read("cy", "screens") if isinstance(m.id, str)
               and len(m.id) > 6 and "{" not in m.id}
    drawn = [c for mine in charts.values() for c in mine]
    assert drawn
    for c in drawn:
        words = [c.title, c.sentence, c.figure.layout.xaxis.title.text or "",
                 *(t.name or "" for t in c.figure.data)]
        assert not [e for e in english for w in words if e in w], words
    assert any(c.title.startswith("Themâu a godwyd, yn ôl rôl") for c in drawn)
    assert any(t.name == "Comisiynydd" for c in drawn for t in c.figure.data)
    with chart_words.speaking("cy", snap.pack):
        assert chart_words.name(snap.pack.codebook[0].label) == welsh_pack.codebook[0].label
    # and the English report still uses the pack's English
    assert f"### {snap.pack.cards[0].title}" in draft_report(snap).replace("\\", "")


def test_a_welsh_report_names_themes_in_the_packs_welsh(demo):
    snap = demo["peoples_borough"]
    welsh_pack = snap.pack.in_language("cy")
    # What people typed (quotations) stays as typed; our own words name the themes.
    welsh = re.sub("\u201c[^\u201d]*\u201d", "", draft_report(snap, "cy").replace("\\", ""))
    named = [(en.label, cy.label) for en, cy in zip(snap.pack.codebook, welsh_pack.codebook)
             if en.label != cy.label and en.label.lower() in draft_report(snap).lower()]
    assert named  # the demo's report names themes the pack has Welsh for
    for en, cy in named:
        assert en.lower() not in welsh.lower(), en
        assert cy.lower() in welsh.lower(), cy


def test_the_easy_read_summary_in_welsh(demo):
    snap = demo["peoples_borough"]
    page = outputs.render_report(snap, "", "easyread", "cy").decode()
    assert '<html lang="cy">' in page and "Beth ddywedodd pobl wrthym" in page
    assert 'alt="Calendr"' in page and "What people told us" not in page
    assert "Cymerodd" in page and "took part" not in page
    word = zipfile.ZipFile(io.BytesIO(outputs.render_report(snap, "", "easyread-docx", "cy")))
    assert "<dc:language>cy-GB</dc:language>" in word.read("docProps/core.xml").decode()
    english = outputs.render_report(snap, "", "easyread").decode()
    assert '<html lang="en">' in english and "What people told us" in english
