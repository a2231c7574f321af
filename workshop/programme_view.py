"""What the programme page shows, worked out without Streamlit: the workshops side by
side, and one question's results per region and for all regions together.

All regions together are counted from one pooled snapshot (every region's delegates,
comments and answers), so the pooled chart follows the same rules as a region's own,
the privacy rule included.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from workshop.analysis import (CommentSummary, PollSummary, summarise_comments,
                               summarise_poll)
from workshop.chart_pictures import BarChart, Heat, poll_bars, theme_bars
from workshop.charts import theme_chart, poll_chart
from workshop.programmes import Member, Region
from workshop.scenarios import POLL_KINDS, Pack, Question
from workshop.workshops import Snapshot

ALL_REGIONS = "All regions"
HEAT_TITLE = "Comments on each theme, by region"
HEAT_FONT = 15


def members_table(members: list[Member], regions: list[Region]) -> pd.DataFrame:
    """The programme's workshops side by side: one row each, by date."""
    snaps = {r.name: r.snapshot for r in regions}
    rows = []
    for m in sorted(members, key=lambda m: (m.date, m.region)):
        s = snaps.get(m.region)
        w = m.workshop or {}
        rows.append({"Region": m.region, "Workshop": w.get("title", "No longer there"),
                     "Date": m.date, "Venue": m.venue, "Status": w.get("status", ""),
                     "People": len(s.delegates) if s else 0,
                     "Comments": len(s.visible_comments) if s else 0,
                     "Poll answers": len(s.answers) if s else 0,
                     "Simulated": "yes" if w.get("simulated") else "no",
                     "Workshop id": m.workshop_id})
    return pd.DataFrame(rows)


def pooled_snapshot(regions: list[Region], pack: Pack) -> Snapshot:
    """Every region's people and answers as one workshop (ids are unique across
    workshops), for counting all regions together."""
    codebook, seen = [], set()
    for r in regions:
        for t in r.snapshot.codebook:
            if t.id not in seen:
                seen.add(t.id)
                codebook.append(t)
    return Snapshot({"id": "all-regions", "title": ALL_REGIONS}, pack, tuple(codebook),
                    tuple(d for r in regions for d in r.snapshot.delegates),
                    tuple(c for r in regions for c in r.snapshot.comments),
                    tuple(a for r in regions for a in r.snapshot.answers))


@dataclass(frozen=True)
class QuestionView:
    """One question across the regions: each region's summary, and all together."""
    question: Question
    regions: tuple[str, ...]
    summaries: dict   # region name (and ALL_REGIONS) -> CommentSummary or PollSummary

    @property
    def is_poll(self) -> bool:
        return self.question.kind in POLL_KINDS

    def chart(self, name: str) -> go.Figure:
        """The console's chart of a region's answers (a Plotly figure)."""
        s = self.summaries[name]
        return poll_chart(s, self.question.kind) if self.is_poll else theme_chart(s)

    def bars(self, name: str) -> BarChart:
        """The same chart, described for drawing as a picture without a Plotly figure."""
        s = self.summaries[name]
        return poll_bars(s, self.question.kind) if self.is_poll else theme_bars(s)

    def answered(self, name: str) -> int:
        s = self.summaries[name]
        return s.n_people


def question_view(regions: list[Region], pack: Pack, question_id: str,
                  pooled: Snapshot | None = None) -> QuestionView:
    question = pack.question(question_id)
    if question.kind not in POLL_KINDS and question.kind != "comment":
        raise ValueError(f"The programme page compares comments and polls, not "
                         f"{question.kind} questions.")
    summarise = summarise_poll if question.kind in POLL_KINDS else summarise_comments
    summaries = {r.name: summarise(r.snapshot, question_id) for r in regions}
    summaries[ALL_REGIONS] = summarise(pooled or pooled_snapshot(regions, pack), question_id)
    return QuestionView(question, tuple(r.name for r in regions), summaries)


def theme_counts(view: QuestionView) -> pd.DataFrame:
    """Comments per theme (rows, the most raised first) and region (columns), with all
    regions together last: the heatmap's numbers and the table beside it."""
    totals: dict[str, Counter] = {}
    for name in (*view.regions, ALL_REGIONS):
        s: CommentSummary = view.summaries[name]
        totals[name] = Counter({label: n for _, label, n in s.theme_totals})
    order = [label for _, label, _ in view.summaries[ALL_REGIONS].theme_totals]
    return pd.DataFrame({name: [totals[name][t] for t in order]
                         for name in (*view.regions, ALL_REGIONS)},
                        index=pd.Index(order, name="Theme"))


def theme_heat(counts: pd.DataFrame) -> Heat:
    """Themes by region, as `theme_heatmap` shows them, described for drawing as a
    picture without a Plotly figure."""
    regions = [c for c in counts.columns if c != ALL_REGIONS]
    return Heat(HEAT_TITLE, tuple(counts.index), tuple(regions),
                tuple(tuple(r) for r in counts[regions].values.tolist()), HEAT_FONT)


def theme_heatmap(counts: pd.DataFrame) -> go.Figure:
    """Themes by region, each cell's count written in it."""
    regions = [c for c in counts.columns if c != ALL_REGIONS]
    z = counts[regions].values.tolist()
    fig = go.Figure(go.Heatmap(
        z=z, x=regions, y=list(counts.index), text=z, texttemplate="%{text}",
        colorscale="Blues", showscale=False, xgap=2, ygap=2,
        hovertemplate="%{y} in %{x}: %{z} comments<extra></extra>"))
    fig.update_yaxes(autorange="reversed", automargin=True, ticksuffix="  ")
    fig.update_xaxes(side="top", automargin=True)
    fig.update_layout(title=HEAT_TITLE, height=140 + 40 * len(counts),
                      margin=dict(l=10, r=10, t=90, b=10), font=dict(size=HEAT_FONT))
    return fig


def poll_counts(view: QuestionView) -> pd.DataFrame:
    """People choosing each answer (rows) per region (columns), all regions last."""
    cols = {}
    for name in (*view.regions, ALL_REGIONS):
        p: PollSummary = view.summaries[name]
        cols[f"{name} ({p.n_people})"] = [p.totals[c] for c in view.question.choices]
    return pd.DataFrame(cols, index=pd.Index(list(view.question.choices), name="Answer"))
