"""What the programme page shows, worked out once per change and kept.

Reading every region and drafting the national report take a while for a big programme,
and the page is drawn again on every click. Each programme's results are kept together,
keyed by the versions of the programme's record and of each of its workshops (the store
changes a version whenever anything in it changes), so they are worked out again only
after a change. Each part is worked out only when the page first asks for it.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from workshop.chart_pictures import bars_picture, heatmap_picture
from workshop.errors import NotFound, StoreError
from workshop.national_check import check_national_report
from workshop.national_report import draft_national_report
from workshop.programme_view import (members_table, pooled_snapshot, question_view,
                                     theme_counts, theme_heat)
from workshop.programmes import Programmes, export_csv
from workshop.region_differences import compare_regions
from workshop.scenarios import POLL_KINDS, pack_from_dict

# Programmes kept at once (the least recently used goes first).
KEPT = 8


def _work_through(jobs: list[Callable], pause: float = 0.0) -> None:
    """Each job in turn; one that fails is skipped (worked out again, and its error shown,
    when the page asks for it)."""
    for job in jobs:
        try:
            job()
        except Exception:  # noqa: BLE001
            continue
        time.sleep(pause)


class ProgrammeData:
    """One programme as it is now: each part worked out on first use."""

    def __init__(self, programmes: Programmes, programme: dict):
        self.programmes = programmes
        self.programme = programme
        self.pack = pack_from_dict(programme["pack"], f"programme {programme['id']}")
        self._parts: dict = {}
        self._locks: dict = {}
        self._lock = threading.Lock()
        self._warming = False

    def _part(self, key, make: Callable):
        """A part, worked out once: one lock per part, so a part being worked out (in the
        background, say) holds up only those who need that part."""
        with self._lock:
            if key in self._parts:
                return self._parts[key]
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._parts:
                self._parts[key] = make()
            return self._parts[key]

    @property
    def questions(self):
        """The questions the page compares across regions: comments and polls."""
        return [q for q in self.pack.questions if q.kind in POLL_KINDS or q.kind == "comment"]

    def _jobs(self, question_id: str | None) -> list[Callable]:
        """What the page may ask for, in the order it is worked out ahead: the question
        shown first, then every question (a few hundredths of a second each: a question
        chosen meanwhile is ready sooner), then the national draft (wanted only on its
        tab)."""
        return ([lambda: self.prepare(question_id)] if question_id else []) + [
            lambda q=q: self.prepare(q.id) for q in self.questions] + [self.draft]

    def _start_warming(self) -> bool:
        with self._lock:
            if self._warming:
                return False
            self._warming = True
            return True

    def warm(self, question_id: str | None) -> None:
        """Work out, in the background, what the page will ask for next, once, so that
        choosing another question or tab only draws it."""
        if not self._start_warming():
            return

        # (let a page's run in between parts)
        threading.Thread(target=_work_through, args=(self._jobs(question_id), 0.002),
                         name="programme-warm", daemon=True).start()

    def work_out(self) -> None:
        """Everything the page can show, worked out now (as an app process starts, for the
        programme the page opens on). A part that fails is worked out again, and its
        error shown, when the page asks for it."""
        self._start_warming()  # nothing left for the page to start in the background
        _work_through(self._jobs(None))

    def prepare(self, question_id: str) -> None:
        """Everything "One question by region" shows for a question."""
        self.pictures(question_id)
        if not self.question(question_id).is_poll:
            self.heatmap_picture(question_id)
        self.comparison(question_id)

    @property
    def members(self):
        return self._part("members", lambda: self.programmes.members(self.programme["id"]))

    @property
    def regions(self):
        return self._part("regions", lambda: self.programmes.regions(self.programme["id"]))

    def members_table(self):
        return self._part("table", lambda: members_table(self.members, self.regions))

    @property
    def pooled(self):
        return self._part("pooled", lambda: pooled_snapshot(self.regions, self.pack))

    def question(self, question_id: str):
        return self._part(("view", question_id), lambda: question_view(
            self.regions, self.pack, question_id, self.pooled))

    def charts(self, question_id: str) -> dict:
        """Each region's chart (and all regions' together), where anyone answered, as
        described for drawing (workshop/chart_pictures.py `BarChart`)."""
        view = self.question(question_id)
        return self._part(("charts", question_id), lambda: {
            name: view.bars(name) for name in view.summaries if view.answered(name)})

    def pictures(self, question_id: str) -> dict:
        """Each chart of `charts` as an SVG picture."""
        return self._part(("pictures", question_id), lambda: {
            name: bars_picture(chart) for name, chart in self.charts(question_id).items()})

    def heatmap_picture(self, question_id: str) -> str:
        return self._part(("heat picture", question_id),
                          lambda: heatmap_picture(self.heatmap(question_id)))

    def theme_counts(self, question_id: str):
        return self._part(("counts", question_id),
                          lambda: theme_counts(self.question(question_id)))

    def heatmap(self, question_id: str):
        """Themes by region, described for drawing (workshop/chart_pictures.py `Heat`)."""
        return self._part(("heat", question_id),
                          lambda: theme_heat(self.theme_counts(question_id)))

    def comparison(self, question_id: str):
        return self._part(("compare", question_id), lambda: compare_regions(
            self.regions, self.pack.question(question_id)))

    def draft(self) -> str:
        return self._part("draft", lambda: draft_national_report(self.programme,
                                                                 self.regions))

    def check(self, text: str):
        return self._part(("check", text), lambda: check_national_report(
            self.programme, self.regions, text))

    def export(self) -> str:
        return self._part("export", lambda: export_csv(self.regions))


_kept: OrderedDict = OrderedDict()
_lock = threading.Lock()


def programme_data(programmes: Programmes, programme_id: str) -> ProgrammeData:
    """The programme's data, kept while neither it nor any of its workshops changes."""
    store, workshops = programmes.store, programmes.workshops
    programme = programmes.get(programme_id)
    versions = [store.version(programme_id)]
    for m in programme["members"]:
        try:
            versions.append(workshops.version(m["workshop_id"]))
        except (NotFound, StoreError):  # deleted or unreadable now: read it afresh
            versions.append(None)
    key = (id(store), programme_id, tuple(versions))
    with _lock:
        data = _kept.get(key)
        if data is None:
            data = ProgrammeData(programmes, programme)
            for old in [k for k in _kept if k[:2] == key[:2]]:
                del _kept[old]
            _kept[key] = data
            while len(_kept) > KEPT:
                _kept.popitem(last=False)
        _kept.move_to_end(key)
        return data


def warm_programmes(programmes: Programmes, most: int = KEPT) -> int:
    """As an app process starts: read the regions of the programme the page opens on (the
    first) and of the newest ones, up to `most`; work out everything the page shows for the
    first (each question, the national draft) and what the others' page shows first (the
    workshops side by side, the first question), so that opening the page on a server just
    started waits for none of it. Returns how many programmes were read."""
    known = programmes.all()
    chosen = list({p["id"]: p for p in known[:1] + known[::-1]})[:most]
    done = 0
    for n, pid in enumerate(chosen):
        try:
            data = programme_data(programmes, pid)
            data.members_table()
            if data.regions and data.questions:
                if n == 0:
                    data.work_out()
                else:
                    data.prepare(data.questions[0].id)
        except Exception:  # noqa: BLE001 (worked out again, its error shown, on the page)
            continue
        done += 1
    return done
