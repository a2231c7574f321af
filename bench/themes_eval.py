"""Theme-tagging quality and speed, measured against people's coding.

    python bench/themes_eval.py                  # cross-validation, learning curve, speed, honesty
    python bench/themes_eval.py OTHER.csv        # also: trained on the dev set, scored on OTHER.csv
    python bench/themes_eval.py bench/data/written_comments.csv
                                                 # 80 comments we wrote and labelled ourselves
                                                 # (phone-style; weaker evidence than real ones)
    python bench/themes_eval.py --loo            # leave-one-out as well as k-fold
    python bench/themes_eval.py --pack-examples  # only: a pack's own codebook examples, scored
                                                 # on the whole dev set (held out: no CV needed)
    python bench/themes_eval.py --events         # only: comments of other events (cold, by
                                                 # event, and after corrections within each)
    python bench/themes_eval.py --events FILE    # the same on another events file

    python bench/themes_eval.py --summary        # only: the headline figures (cold by event,
                                                 # East Midlands, learning curve, sure, speed)
    python bench/themes_eval.py --summary --holdout
                                                 # the same and the held-out events: run once,
                                                 # at the end, and change nothing after

The other events' comments (bench/data/other_events_dev.csv: context,question_id,text,themes)
come from nine events unlike the East Midlands day. The tagger ships labelled comments
(workshop/theme_comments.csv: written ones, the East Midlands dev set and these events'
comments, each with its source) and its model learns them, so every figure here is scored by
a tagger that left out the shipped comments of what it scores (held_out_for: whole events):
cold figures on the other events are cross-validated by event (leave-one-event-out), and the
East Midlands figures leave East Midlands out. The held-out events
(bench/data/other_events_holdout.csv: three whole contexts, split off before any of this was
built) are never shipped and never tuned on. With corrections, each event's own comments are
drawn at random (many draws, averaged), learned, and the event's other comments are scored.

Labelled CSVs have a `text` column and a `themes` column of theme ids separated by ';',
the primary theme first (empty = unassigned). Figures:

- kappa: Cohen's kappa on the primary theme ("unassigned" counts as a category of its own);
- overlap: share of comments where the tool's themes and the people's themes share one;
- micro-F1: over every (comment, theme) pair.

Cross-validation never lets a comment teach the tagger before it is scored: each fold's
tagger starts from the codebook and learns only the other folds, as if a facilitator had
corrected them.

A CSV with a `question_id` column says which question of the People's Borough pack each
comment answers (ids not in the pack count as unknown). Figures "with the question" tag
each comment knowing its question, so the comments corrected on that question (in CV, only
those of the other folds) lean it toward their themes; "without" ignores the column.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workshop.themes import (Tagger, Theme, embedding_status, is_unsure,  # noqa: E402
                             labelled_comments, load_codebook)
from workshop.scenarios import load_pack  # noqa: E402

DATA = ROOT / "bench" / "data"
DEFAULT_CODEBOOK = DATA / "commissioning_codebook.yaml"
DEFAULT_DEV = DATA / "commissioning_comments_dev.csv"
DEFAULT_PACK = ROOT / "scenarios" / "peoples_borough.yaml"
NONE = "(unassigned)"


def read_labelled(path) -> list[tuple[str, list[str]]]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = {"text", "themes"} - set(reader.fieldnames or [])
        if missing:
            raise SystemExit(f"{path}: needs columns text and themes (missing {sorted(missing)})")
        return [(r["text"], [t.strip() for t in (r["themes"] or "").split(";") if t.strip()])
                for r in reader]


def read_questions(path, pack_path=DEFAULT_PACK) -> list[str | None]:
    """The question each labelled comment answers, if the CSV says and the pack has it."""
    known = {q.id for q in load_pack(pack_path).questions}
    with open(path, newline="", encoding="utf-8") as f:
        return [r.get("question_id") if r.get("question_id") in known else None
                for r in csv.DictReader(f)]


def kappa(gold: list[str], pred: list[str]) -> float:
    n = len(gold)
    if not n:
        return float("nan")
    observed = sum(g == p for g, p in zip(gold, pred)) / n
    cg, cp = Counter(gold), Counter(pred)
    expected = sum(cg[k] * cp[k] for k in cg) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, float]:
    primary = kappa([g[0] if g else NONE for g in gold], [p[0] if p else NONE for p in pred])
    overlap = sum(bool(set(g) & set(p)) or (not g and not p) for g, p in zip(gold, pred))
    tp = sum(len(set(g) & set(p)) for g, p in zip(gold, pred))
    fp = sum(len(set(p) - set(g)) for g, p in zip(gold, pred))
    fn = sum(len(set(g) - set(p)) for g, p in zip(gold, pred))
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    unassigned = sum(not p for p in pred)
    return {"kappa": primary, "overlap": overlap / len(gold), "micro_f1": f1,
            "unassigned": unassigned / len(gold)}


def held_out_for(texts) -> tuple[str, ...]:
    """The sources of the tagger's shipped labelled comments (workshop/theme_comments.csv)
    that hold any of these texts: a tagger scored on them must not have learned them, so
    it leaves those sources (whole events) out."""
    wanted = {" ".join(t.lower().split()) for t in texts}
    return tuple(sorted({source for source, text, _ in labelled_comments()
                         if " ".join(text.lower().split()) in wanted}))


def trained(themes: list[Theme], examples, questions=None, **options) -> Tagger:
    """A tagger that learned these labelled comments (on these questions, if given)."""
    tagger = Tagger(themes, **options)
    for (text, theme_ids), question in zip(examples, questions or [None] * len(examples)):
        tagger.learn(text, theme_ids, question=question)
    return tagger


def predict(tagger: Tagger, texts, questions=None) -> list[list[str]]:
    return [[t.theme_id for t in tags] for tags in tagger.tag_many(texts, questions)]


def with_examples(themes: list[Theme], examples) -> list[Theme]:
    """The codebook with labelled comments written in as each theme's `examples:`, as a
    pack ships them (a comment goes under every theme it has)."""
    return [Theme(t.id, t.label, t.description, t.keywords,
                  t.examples + tuple(text for text, ids in examples if t.id in ids))
            for t in themes]


def cross_validated(themes, rows, folds: int, seeds, as_examples: bool = False,
                    questions=None, **options) -> dict[str, float]:
    """Mean over seeds of the figures pooled over each seed's folds. The other folds teach
    the tagger as corrections or (`as_examples`) as the codebook's example comments. With
    `questions` (one per row), comments are learned and tagged with their question."""
    runs = []
    for seed in seeds:
        order = list(range(len(rows)))
        random.Random(seed).shuffle(order)
        pred: dict[int, list[str]] = {}
        for k in range(folds):
            test = order[k::folds]
            held = set(test)
            learned = [i for i in order if i not in held]
            taught = [rows[i] for i in learned]
            tagger = (Tagger(with_examples(themes, taught), **options) if as_examples
                      else trained(themes, taught,
                                   questions and [questions[i] for i in learned], **options))
            for i, p in zip(test, predict(tagger, [rows[i][0] for i in test],
                                          questions and [questions[i] for i in test])):
                pred[i] = p
        runs.append(score([g for _, g in rows], [pred[i] for i in range(len(rows))]))
    return {k: statistics.mean(r[k] for r in runs) for k in runs[0]}


def learning_curve(themes, rows, steps, questions=None, **options):
    """Corrections arrive in the order comments were made; score what is still to come,
    after the first N corrections and (for the same comments) with none."""
    out, untaught = [], Tagger(themes, **options)
    questions = questions or [None] * len(rows)
    for n in steps:
        if n >= len(rows) - 5:
            break
        gold, texts = [g for _, g in rows[n:]], [t for t, _ in rows[n:]]
        out.append((n, score(gold, predict(trained(themes, rows[:n], questions[:n], **options),
                                           texts, questions[n:])),
                    score(gold, predict(untaught, texts))))
    return out


def within_question(themes, rows, questions, m: int, use_question: bool, **options):
    """As in a workshop: questions come in file order; while a question is open, the
    facilitator has corrected every comment on earlier questions and the first m on this
    one. Score the rest of each question's comments (questions with more than m)."""
    order = list(dict.fromkeys(q for q in questions if q is not None))
    gold, pred = [], []
    for q in order:
        on_q = [i for i, x in enumerate(questions) if x == q]
        if len(on_q) <= m:
            continue
        before = [i for i, x in enumerate(questions)
                  if x is not None and order.index(x) < order.index(q)] + on_q[:m]
        tagger = trained(themes, [rows[i] for i in before],
                         [questions[i] for i in before] if use_question else None, **options)
        rest = on_q[m:]
        pred += predict(tagger, [rows[i][0] for i in rest],
                        [questions[i] for i in rest] if use_question else None)
        gold += [rows[i][1] for i in rest]
    return score(gold, pred), len(gold)


def read_events(path) -> list[dict]:
    """Labelled comments of several events: context, question_id, text and gold themes
    (`none` = fits no theme, kept as no themes)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["gold"] = [t.strip() for t in (r.get("themes") or "").split(";")
                     if t.strip() and t.strip() != "none"]
        r["context"] = r.get("context") or "event"
    return rows


def tagged(tagger: Tagger, rows) -> list[list]:
    return tagger.tag_many([r["text"] for r in rows], [r.get("question_id") for r in rows])


def tagged_cold(themes, rows, **options) -> list[list]:
    """Every comment tagged with no corrections, by a tagger that left its event's
    comments out of what it learned (cross-validation by event: the shipped comments of
    the other events still teach it)."""
    out: list = [None] * len(rows)
    for e in dict.fromkeys(r["context"] for r in rows):
        idx = [i for i, r in enumerate(rows) if r["context"] == e]
        tagger = Tagger(themes, held_out=held_out_for(rows[i]["text"] for i in idx), **options)
        for i, tags in zip(idx, tagged(tagger, [rows[i] for i in idx])):
            out[i] = tags
    return out


def sure_figures(gold: list[list[str]], tags: list[list]) -> tuple[float, float]:
    """Share of comments marked sure, and the share of those whose primary theme is wrong."""
    sure = [(g[:1] or [NONE]) != [t[0].theme_id] for g, t in zip(gold, tags)
            if t and not is_unsure(t)]
    return len(sure) / len(gold), (sum(sure) / len(sure) if sure else float("nan"))


def corrected_within_events(themes, rows, n: int, draws: int, seed: int = 0, **options):
    """As in a workshop: in each event, n of its comments drawn at random are corrected
    (with their question), and the event's other comments are scored. Figures pooled over
    events for each draw, then averaged over draws; events with fewer than n + 5 comments
    are left out. The figures hold "kappa_cold": the kappa of the same comments tagged
    with no corrections, so the change is what the corrections did. Returns (figures, sure
    share, wrong share among sure, comments scored per draw, events used)."""
    rng = random.Random(seed)
    events = {}
    for r in rows:
        events.setdefault(r["context"], []).append(r)
    used = [e for e, rs in events.items() if len(rs) >= n + 5]
    if not used:
        return {}, float("nan"), float("nan"), 0, []
    cold = {}
    for e in used:
        tagger = Tagger(themes, held_out=held_out_for(r["text"] for r in events[e]), **options)
        cold.update(zip(map(id, events[e]), tagged(tagger, events[e])))
    runs, sure, wrong, scored = [], [], [], 0
    for _ in range(draws if n else 1):
        gold, tags, untaught = [], [], []
        for e in used:
            order = list(events[e])
            rng.shuffle(order)
            taught, rest = order[:n], order[n:]
            tagger = Tagger(themes, held_out=held_out_for(r["text"] for r in events[e]),
                            **options)
            for r in taught:
                tagger.learn(r["text"], r["gold"] or [], question=r.get("question_id"))
            tags += tagged(tagger, rest)
            untaught += [cold[id(r)] for r in rest]
            gold += [r["gold"] for r in rest]
        runs.append(score(gold, [[t.theme_id for t in ts] for ts in tags]))
        runs[-1]["kappa_cold"] = score(gold, [[t.theme_id for t in ts]
                                              for ts in untaught])["kappa"]
        s, w = sure_figures(gold, tags)
        sure.append(s)
        wrong.append(w)
        scored = len(gold)
    figures = {k: statistics.mean(r[k] for r in runs) for k in runs[0]}
    return figures, statistics.mean(sure), statistics.mean(wrong), scored, used


def anonymised(themes: list[Theme]) -> list[Theme]:
    """The same codebook under ids the tagger has no built-in knowledge of."""
    return [Theme(f"theme_{i + 1}", t.label, t.description, t.keywords)
            for i, t in enumerate(themes)]


def renamed(rows, themes, new_themes):
    mapping = {t.id: n.id for t, n in zip(themes, new_themes)}
    return [(text, [mapping.get(g, g) for g in gold]) for text, gold in rows]


def line(name: str, s: dict[str, float]) -> str:
    return (f"  {name:<50} kappa {s['kappa']:5.2f}   overlap {s['overlap']:5.2f}   "
            f"micro-F1 {s['micro_f1']:5.2f}   unassigned {s['unassigned']:4.0%}")


def dev_figures(themes, rows, folds, seeds, questions=None) -> None:
    """Codebook alone, then cross-validated corrections; with and without embeddings; with
    each comment's question (if known) and without."""
    gold, texts = [g for _, g in rows], [t for t, _ in rows]
    held = held_out_for(texts)
    for embeddings in (True, False):
        how = "" if embeddings else ", no embeddings"
        options = {"use_embeddings": embeddings, "held_out": held}
        print(line(f"codebook only, no corrections{how}",
                   score(gold, predict(Tagger(themes, **options), texts))))
        print(line(f"{folds}-fold cross-validated x {len(seeds)} seeds{how}",
                   cross_validated(themes, rows, folds, seeds, **options)))
        if questions and any(questions):
            print(line(f"  the same, with the question{how}",
                       cross_validated(themes, rows, folds, seeds, questions=questions,
                                       **options)))
        print(line(f"  the same, taught as codebook examples{how}",
                   cross_validated(themes, rows, folds, seeds, as_examples=True, **options)))


def pack_examples(pack_path, rows) -> None:
    """A pack's codebook, with and without the example comments it ships, scored on every
    labelled comment. The examples were written apart from the labelled set, so nothing is
    held out and no cross-validation is needed."""
    pack = load_pack(pack_path)
    with_ex = list(pack.codebook)
    without = [Theme(t.id, t.label, t.description, t.keywords) for t in with_ex]
    unknown = {g for _, gold in rows for g in gold} - {t.id for t in with_ex}
    if unknown:
        raise SystemExit(f"{pack_path}: codebook lacks the labelled themes {sorted(unknown)}")
    n = sum(len(t.examples) for t in with_ex)
    print(f"pack {Path(pack_path).name}: {len(with_ex)} themes, {n} example comments; "
          f"scored on {len(rows)} labelled comments")
    gold, texts = [g for _, g in rows], [t for t, _ in rows]
    held = held_out_for(texts)
    for embeddings in (True, False):
        how = "" if embeddings else ", no embeddings"
        for name, themes in ((f"pack codebook without examples{how}", without),
                             (f"pack codebook with its {n} examples{how}", with_ex)):
            tagger = Tagger(themes, use_embeddings=embeddings, held_out=held)
            print(line(name, score(gold, predict(tagger, texts))))


def speed(themes, rows, questions=None) -> None:
    texts = [t for t, _ in rows]
    questions = questions or [None] * len(rows)
    start = time.perf_counter()
    tagger = Tagger(themes)
    built = time.perf_counter() - start
    learned = []
    for (text, theme_ids), question in zip(rows, questions):
        start = time.perf_counter()
        tagger.learn(text, theme_ids, question=question)
        learned.append(time.perf_counter() - start)
    learned.sort()
    batch = [texts[i % len(texts)] + f" ({i})" for i in range(1000)]
    start = time.perf_counter()
    tagger.tag_many(batch, [questions[i % len(texts)] for i in range(1000)])
    many = time.perf_counter() - start
    singles = []
    for text, question in zip(texts, questions):
        start = time.perf_counter()
        tagger.tag(text + " again", question)
        singles.append(time.perf_counter() - start)
    singles.sort()
    print(f"  build tagger                               {built * 1000:7.1f} ms")
    print(f"  one correction learned: median {statistics.median(learned) * 1000:.2f} ms, "
          f"slowest {learned[-1] * 1000:.2f} ms ({len(rows)} corrections)")
    print(f"  tag 1,000 comments                         {many:7.3f} s")
    print(f"  one comment: median {statistics.median(singles) * 1000:.2f} ms, "
          f"slowest {singles[-1] * 1000:.2f} ms")


EVENTS = DATA / "other_events_dev.csv"
HOLDOUT = DATA / "other_events_holdout.csv"


def cold_line(name: str, themes, rows) -> None:
    """Figures with no corrections, each event scored by a tagger that never learned it,
    with the share marked sure and the wrong primary themes among those."""
    tags = tagged_cold(themes, rows)
    gold = [r["gold"] for r in rows]
    share, wrong = sure_figures(gold, tags)
    print(line(name, score(gold, [[t.theme_id for t in ts] for ts in tags]))
          + f"   sure {share:3.0%}, wrong among sure {wrong:3.0%}")


def summary(themes, dev_path, draws: int, holdout=None) -> None:
    """The headline figures; the held-out events only when asked."""
    print(f"embeddings: {embedding_status()}")
    events = read_events(EVENTS)
    print(f"\ncold (no corrections), cross-validated by event: each event scored by a tagger "
          f"that left that event's shipped comments out")
    cold_line(f"{EVENTS.name}: {len(events)} comments, "
              f"{len({r['context'] for r in events})} events", themes, events)
    dev = read_events(dev_path)
    for r in dev:
        r["context"] = "east_midlands"
    cold_line(f"{Path(dev_path).name} (East Midlands): {len(dev)}", themes, dev)
    if holdout:
        rows = read_events(holdout)
        leaked = held_out_for(r["text"] for r in rows)
        if leaked:
            raise SystemExit(f"{holdout}: the tagger ships comments of it ({leaked})")
        cold_line(f"{Path(holdout).name} (held out): {len(rows)} comments, "
                  f"{len({r['context'] for r in rows})} events", themes, rows)
        tags = tagged_cold(themes, rows)
        for e in sorted({r["context"] for r in rows}):
            idx = [i for i, r in enumerate(rows) if r["context"] == e]
            s = score([rows[i]["gold"] for i in idx], [[t.theme_id for t in tags[i]]
                                                       for i in idx])
            print(f"    {e:<32} {len(idx):3d} comments   kappa {s['kappa']:5.2f}   "
                  f"overlap {s['overlap']:5.2f}")
        print("  the held-out events, corrections within each:")
        for n in (5, 10):
            figures, share, wrong, scored, used = corrected_within_events(themes, rows, n,
                                                                          draws)
            if used:
                print(line(f"N = {n:2d} ({len(used)} events, {scored} scored)", figures)
                      + f"   sure {share:3.0%}, wrong among sure {wrong:3.0%}")
    print("\nEast Midlands: N of its comments drawn at random and corrected (with their "
          "question), scored on the rest")
    curve(themes, dev, (0, 10, 30, 60), draws)
    print(f"\n{EVENTS.name}: within each event, N of its comments drawn at random and "
          "corrected, scored on the rest (pooled over events)")
    curve(themes, events, (0, 5, 10, 15), draws)
    event_curves(themes, events, (5, 10, 15), draws)
    print("\nspeed")
    speed(themes, read_labelled(dev_path), read_questions(dev_path))


def events_figures(themes, path, draws: int) -> None:
    rows = read_events(path)
    events = sorted({r["context"] for r in rows})
    print(f"{Path(path).name}: {len(rows)} comments from {len(events)} events "
          f"({sum(not r['gold'] for r in rows)} fit no theme)")
    tags = tagged_cold(themes, rows)
    gold = [r["gold"] for r in rows]
    print(line("no corrections (each event left out)",
               score(gold, [[t.theme_id for t in ts] for ts in tags])))
    share, wrong = sure_figures(gold, tags)
    print(f"  marked sure: {share:.0%} of comments; wrong primary theme among them: {wrong:.0%}")
    for e in events:
        idx = [i for i, r in enumerate(rows) if r["context"] == e]
        s = score([gold[i] for i in idx], [[t.theme_id for t in tags[i]] for i in idx])
        print(f"    {e:<32} {len(idx):3d} comments   kappa {s['kappa']:5.2f}   "
              f"overlap {s['overlap']:5.2f}")
    gold_no_emb = score(gold, [[t.theme_id for t in ts]
                               for ts in tagged_cold(themes, rows, use_embeddings=False)])
    print(line("no corrections, no embeddings", gold_no_emb))
    curve(themes, rows, (0, 5, 10, 15), draws)


def curve(themes, rows, steps, draws: int) -> None:
    print(f"  corrections within each event ({draws} random draws, averaged; scored on the "
          "event's other comments; change: against the same comments with no corrections)")
    for n in steps:
        figures, share, wrong, scored, used = corrected_within_events(themes, rows, n, draws)
        if not used:
            continue
        print(line(f"N = {n:2d} ({len(used)} events, {scored} scored)", figures)
              + f"   change {figures['kappa'] - figures['kappa_cold']:+.3f}"
              + f"   sure {share:3.0%}, wrong among sure {wrong:3.0%}")


def event_curves(themes, rows, steps, draws: int) -> None:
    """The learning curve of each event on its own: kappa after N corrections (and the
    change against the same comments with none)."""
    print(f"  each event on its own ({draws} draws): kappa after N corrections (change)")
    for e in sorted({r["context"] for r in rows}):
        cells = []
        for n in steps:
            figures, _, _, _, used = corrected_within_events(
                themes, [r for r in rows if r["context"] == e], n, draws)
            if used:
                cells.append(f"N={n:2d} {figures['kappa']:5.2f} "
                             f"({figures['kappa'] - figures['kappa_cold']:+.2f})")
        print(f"    {e:<32} " + "   ".join(cells))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("csv", nargs="*", help="labelled CSVs to score, trained on the dev set")
    ap.add_argument("--codebook", default=str(DEFAULT_CODEBOOK))
    ap.add_argument("--dev", default=str(DEFAULT_DEV))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--loo", action="store_true", help="also run leave-one-out")
    ap.add_argument("--pack-examples", nargs="?", const=str(DEFAULT_PACK), metavar="PACK",
                    help="only score a pack's codebook with and without its examples "
                         f"(default pack: {DEFAULT_PACK.relative_to(ROOT)})")
    ap.add_argument("--events", nargs="?", const=str(EVENTS), metavar="FILE",
                    help="only: comments of other events, cold and after corrections "
                         f"(default: {EVENTS.relative_to(ROOT)})")
    ap.add_argument("--draws", type=int, default=20,
                    help="random draws of corrected comments per step (default 20)")
    ap.add_argument("--summary", action="store_true",
                    help="only: the headline figures (cold by event on the other events, "
                         "East Midlands, learning curve, sure-but-wrong, speed)")
    ap.add_argument("--holdout", nargs="?", const=str(HOLDOUT), metavar="FILE",
                    help="with --summary: also the held-out events "
                         f"(default: {HOLDOUT.relative_to(ROOT)}); run once, at the end")
    args = ap.parse_args(argv)

    if args.summary:
        summary(load_codebook(args.codebook), args.dev, args.draws, args.holdout)
        return
    if args.events:
        print(f"embeddings: {embedding_status()}")
        events_figures(load_codebook(args.codebook), args.events, args.draws)
        print("\nspeed")
        speed(load_codebook(args.codebook), read_labelled(args.dev))
        return
    if args.pack_examples:
        print(f"embeddings: {embedding_status()}")
        pack_examples(args.pack_examples, read_labelled(args.dev))
        return

    themes = load_codebook(args.codebook)
    rows = read_labelled(args.dev)
    questions = read_questions(args.dev)
    seeds = range(args.seeds)
    print(f"codebook {Path(args.codebook).name} ({len(themes)} themes); "
          f"dev set {Path(args.dev).name} ({len(rows)} comments, "
          f"{sum(q is not None for q in questions)} with a known question)")
    print(f"embeddings: {embedding_status()}")

    held = held_out_for(t for t, _ in rows)
    print(f"shipped labelled comments left out while scoring it: {', '.join(held) or 'none'}")

    print("\n(a) dev set")
    dev_figures(themes, rows, args.folds, seeds, questions)
    if args.loo:
        print(line("leave-one-out", cross_validated(themes, rows, len(rows), [0],
                                                    held_out=held)))
        if any(questions):
            print(line("leave-one-out, with the question",
                       cross_validated(themes, rows, len(rows), [0], questions=questions,
                                       held_out=held)))

    if args.csv:
        print("\n(b) other labelled comments (tagger learned the whole dev set)")
        for path in args.csv:
            other = read_labelled(path)
            other_q = read_questions(path)
            gold, texts = [g for _, g in other], [t for t, _ in other]
            other_held = held_out_for(texts)
            full = trained(themes, rows, held_out=other_held)
            full_q = trained(themes, rows, questions, held_out=other_held)
            print(f"  {Path(path).name}: {len(other)} comments, "
                  f"{sum(q is not None for q in other_q)} with a known question; shipped "
                  f"comments left out: {', '.join(other_held) or 'none'}")
            print(line("codebook only", score(gold, predict(Tagger(themes, held_out=other_held),
                                                            texts))))
            print(line("after learning the dev set", score(gold, predict(full, texts))))
            print(line("  the same, with the question",
                       score(gold, predict(full_q, texts, other_q))))

    print("\n(c0) the dev set as one event: N of its comments drawn at random and corrected, "
          "scored on the rest")
    curve(themes, read_events(args.dev), (0, 10, 30, 60), args.draws)
    print("\n(c) learning curve: first N comments corrected in order, scored on the rest")
    for how, qs in (("", None), (", with the question", questions)):
        for n, taught, untaught in learning_curve(themes, rows, (0, 10, 20, 30, 40, 50, 60, 70),
                                                  qs, held_out=held):
            print(line(f"N = {n:2d} (scored on {len(rows) - n}){how}", taught)
                  + f"   (no corrections: kappa {untaught['kappa']:.2f})")

    if any(questions):
        print("\n(c2) during each question: earlier questions and its first m comments "
              "corrected, scored on its other comments")
        for embeddings in (True, False):
            how = "" if embeddings else ", no embeddings"
            for m in (1, 2, 3):
                without, n = within_question(themes, rows, questions, m, False,
                                             use_embeddings=embeddings, held_out=held)
                with_q, _ = within_question(themes, rows, questions, m, True,
                                            use_embeddings=embeddings, held_out=held)
                print(line(f"m = {m} (scored on {n}){how}", without))
                print(line("  the same, with the question", with_q))

    print("\n(d) honesty: same codebook under unknown ids (label + description only)")
    plain = [Theme(t.id, t.label, t.description) for t in anonymised(themes)]
    dev_figures(plain, renamed(rows, themes, plain), args.folds, seeds, questions)

    print("\nspeed (with the question)")
    speed(themes, rows, questions)


if __name__ == "__main__":
    main()
