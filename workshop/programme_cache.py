"""What the programme page shows, worked out once per change and kept.

Reading every region and drafting the national report take a while for a big programme,
and the page is drawn again on every click. Each programme's results are kept together,
keyed by the versions of the programme's record and of each of its workshops (the store
changes a version whenever anything in it changes), so they are worked out again only
after a change. Each part is worked out only when the page first asks for it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from workshop.chart_pictures import bars_picture, heatmap_picture
from workshop.errors import NotFound, StoreError
from workshop.national_check import check_national_report
from workshop.national_report import draft_national_report
from workshop.programme_view import (members_table, pooled_snapshot, question_view,
                                     theme_counts, theme_heatmap)
from workshop.programmes import Programmes, export_csv
from workshop.region_differences import compare_regions
from workshop.scenarios import POLL_KINDS, pack_from_dict

# Programmes kept at once (the least recently used goes first).
KEPT = 8


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

    def warm(self, question_id: str | None) -> None:
        """Work out, in the background, what the page will ask for next, once: the
        question shown first, the national draft, then every other question, so that
        choosing another question only draws it."""
        with self._lock:
            if self._warming:
                return
            self._warming = True

        def question(qid: str) -> None:
            self.pictures(qid)
            if not self.question(qid).is_poll:
                self.heatmap_picture(qid)
                self.theme_counts(qid)
            self.comparison(qid)

        def work() -> None:
            # A part that fails here is simply worked out again when the page asks for it
            # (and its error shown there); the others are still worked out.
            for job in ([lambda: question(question_id)] if question_id else []) + [
                    self.draft] + [lambda q=q: question(q.id) for q in self.questions]:
                try:
                    job()
                except Exception:  # noqa: BLE001
                    continue
        threading.Thread(target=work, name="programme-warm", daemon=True).start()

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
        view = self.question(question_id)
        return self._part(("charts", question_id), lambda: {
            name: view.chart(name) for name in view.summaries if view.answered(name)})

    def pictures(self, question_id: str) -> dict:
        """Each chart of `charts` as an SVG picture."""
        return self._part(("pictures", question_id), lambda: {
            name: bars_picture(fig) for name, fig in self.charts(question_id).items()})

    def heatmap_picture(self, question_id: str) -> str:
        return self._part(("heat picture", question_id),
                          lambda: heatmap_picture(self.heatmap(question_id)))

    def theme_counts(self, question_id: str):
        return self._part(("counts", question_id),
                          lambda: theme_counts(self.question(question_id)))

    def heatmap(self, question_id: str):
        return self._part(("heat", question_id),
                          lambda: theme_heatmap(self.theme_counts(question_id)))

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
