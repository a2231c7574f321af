"""An app process started warm (pages/shared/start.py): the modules the pages import, and
the programmes read before anyone asks (workshop/programme_cache.py `warm_programmes`)."""

from pages.shared.start import page_modules
from tests.conftest import SCENARIOS
from workshop import programme_cache
from workshop.programme_cache import programme_data, warm_programmes
from workshop.programme_demo import build_programme_demo
from workshop.programmes import Programmes

PAGES = ("console", "delegate", "packs", "programme", "projector", "report")


def test_the_modules_warmed_are_what_the_pages_import_never_a_page_itself():
    names = page_modules()
    assert {"pages.ui", "workshop.programme_cache", "workshop.report"} <= set(names)
    assert not {f"pages.{p}" for p in PAGES} & set(names)
    assert "pages.shared.start" not in names


def test_the_programme_the_page_opens_on_is_worked_out_whole_before_anyone_asks(
        workshops, monkeypatch):
    made = build_programme_demo(workshops, SCENARIOS)
    programmes = Programmes(workshops)
    assert warm_programmes(programmes) == len(programmes.all()) == 1
    data = programme_data(programmes, made["id"])  # the one kept, not a new one
    done = set(data._parts)
    assert {"regions", "table", "draft"} <= done
    assert {("pictures", q.id) for q in data.questions} <= done
    assert {("compare", q.id) for q in data.questions} <= done
    # The page then draws from what was kept, and starts no work of its own.
    first = data.questions[0].id
    assert data.pictures(first) is data._parts[("pictures", first)]
    started = []

    class Recorded:  # a thread the page would start, recorded, not run
        def __init__(self, *args, **kw):
            started.append(kw.get("name"))

        def start(self):
            pass
    monkeypatch.setattr(programme_cache.threading, "Thread", Recorded)
    data.warm(first)
    assert started == []


def test_other_programmes_get_their_first_question_only(workshops):
    first = build_programme_demo(workshops, SCENARIOS)
    programmes = Programmes(workshops)
    other = programmes.create("Another programme", "peoples_borough")
    for member in programmes.get(first["id"])["members"][:1]:
        programmes.add(other["id"], member["workshop_id"], "Somewhere")
    assert warm_programmes(programmes) == 2
    opened_on, second = [p["id"] for p in programmes.all()]  # the page opens on the first
    assert {opened_on, second} == {first["id"], other["id"]}
    assert "draft" in programme_data(programmes, opened_on)._parts
    data = programme_data(programmes, second)
    q1, *rest = data.questions
    assert ("pictures", q1.id) in data._parts and "draft" not in data._parts
    assert not {("pictures", q.id) for q in rest} & set(data._parts)


def test_a_programme_whose_workshops_are_gone_does_not_stop_the_others(workshops):
    made = build_programme_demo(workshops, SCENARIOS)
    programmes = Programmes(workshops)
    empty = programmes.create("A programme with no workshop yet", "peoples_borough")
    assert warm_programmes(programmes) == 2
    assert set(programme_data(programmes, empty["id"])._parts) == {"members", "table",
                                                                   "regions"}
    assert ("pictures", programme_data(programmes, made["id"]).questions[0].id) in \
        programme_data(programmes, made["id"])._parts
