"""An app process started warm (pages/shared/start.py): the modules the pages import, and
the programmes read before anyone asks (workshop/programme_cache.py `warm_programmes`)."""

from pages.shared.start import page_modules
from tests.conftest import SCENARIOS
from workshop.programme_cache import programme_data, warm_programmes
from workshop.programme_demo import build_programme_demo
from workshop.programmes import Programmes

PAGES = ("console", "delegate", "packs", "programme", "projector", "report")


def test_the_modules_warmed_are_what_the_pages_import_never_a_page_itself():
    names = page_modules()
    assert {"pages.ui", "workshop.programme_cache", "workshop.report"} <= set(names)
    assert not {f"pages.{p}" for p in PAGES} & set(names)
    assert "pages.shared.start" not in names


def test_the_programmes_are_read_and_their_first_question_drawn_before_anyone_asks(
        workshops):
    made = build_programme_demo(workshops, SCENARIOS)
    programmes = Programmes(workshops)
    assert warm_programmes(programmes) == len(programmes.all()) == 1
    data = programme_data(programmes, made["id"])  # the one kept, not a new one
    first = data.questions[0].id
    done = set(data._parts)
    assert {"regions", "table", ("pictures", first), ("compare", first)} <= done
    assert not {("pictures", q.id) for q in data.questions[1:]} & done  # the rest later
    assert "draft" not in done
    # The page then draws from what was kept.
    assert data.pictures(first) is data._parts[("pictures", first)]


def test_a_programme_whose_workshops_are_gone_does_not_stop_the_others(workshops):
    made = build_programme_demo(workshops, SCENARIOS)
    programmes = Programmes(workshops)
    empty = programmes.create("A programme with no workshop yet", "peoples_borough")
    assert warm_programmes(programmes) == 2
    assert set(programme_data(programmes, empty["id"])._parts) == {"members", "table",
                                                                   "regions"}
    assert ("pictures", programme_data(programmes, made["id"]).questions[0].id) in \
        programme_data(programmes, made["id"])._parts
