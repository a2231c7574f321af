"""Theme tagging: quality against people's coding, corrections, unknown codebooks."""

import csv
import random

import pytest

from bench.themes_eval import (anonymised, corrected_within_events, cross_validated,
                               held_out_for, read_events, read_labelled, read_questions,
                               renamed, score, sure_figures, tagged_cold)
from workshop.errors import PackError
from workshop.scenarios import pack_from_dict
from workshop.workshops import _theme_dicts
from tests.conftest import DATA, ROOT
from workshop import themes as themes_module
from workshop.themes import (Tagger, Theme, ThemeTag, is_unsure, load_codebook, stem,
                             terms, themes_from_dicts)

CODEBOOK = DATA / "commissioning_codebook.yaml"
DEV = DATA / "commissioning_comments_dev.csv"

OFF_TOPIC = ["The lunch was lovely and the room was warm.", "Can we open a window please?",
             "What time is the coffee break?", ""]


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(CODEBOOK)


@pytest.fixture(scope="module")
def dev():
    return read_labelled(DEV)


@pytest.fixture(params=[True, False], ids=["embeddings", "words-only"])
def use_embeddings(request):
    if request.param and themes_module.embedder() is None:
        pytest.skip("wordllama is not installed")
    return request.param


def ids(tags):
    return [t.theme_id for t in tags]


def test_stemming_joins_word_forms():
    assert stem("tendering") == stem("tenders") == stem("tender")
    assert terms("The providers' tendering") == [stem("providers'"), stem("tendering")]


def test_amounts_are_not_procurement_lots_and_pounds_are_money():
    assert stem("lot") not in terms("Lots of providers, but a lot of them are tiny")
    assert stem("lot") in terms("A separate lot for the rural villages")
    assert stem("pound") in terms("We get £16.50 an hour")


def test_tags_carry_source_and_confidence(codebook, use_embeddings):
    tags = Tagger(codebook, use_embeddings).tag(
        "TUPE and recruitment make care workers anxious about job security.")
    assert tags and tags[0] == ThemeTag("workforce", tags[0].confidence, "auto")
    assert all(0 < t.confidence < 1 and t.source == "auto" for t in tags)
    assert len(tags) <= themes_module.MAX_THEMES


def test_domain_synonyms_reach_their_theme(codebook, use_embeddings):
    tagger = Tagger(codebook, use_embeddings)
    assert ids(tagger.tag("Contract length and the tender timetable put us off bidding."))[0] \
        == "process"
    assert ids(tagger.tag("Is the hourly rate enough to cover the cost of care?"))[0] == "cost"


def test_off_topic_text_stays_unassigned(codebook, use_embeddings):
    tagger = Tagger(codebook, use_embeddings)
    assert tagger.tag_many(OFF_TOPIC) == [[] for _ in OFF_TOPIC]


def test_a_correction_teaches_later_similar_comments(codebook, use_embeddings):
    tagger = Tagger(codebook, use_embeddings)
    said = "Could the council run the rota of visits across the whole patch?"
    later = "Could the council run the rota of visits across the whole patch for us?"
    assert "capacity" not in ids(tagger.tag(later))[:1]
    tagger.learn(said, ["capacity"])
    assert ids(tagger.tag(later))[0] == "capacity"


def test_corrections_pull_a_themes_meaning_toward_its_comments(codebook, monkeypatch):
    """The later comment is no near-copy of the corrected ones, and its description
    similarity alone is too low to count: what it gains is learned meaning."""
    if themes_module.embedder() is None:
        pytest.skip("wordllama is not installed")
    taught = ["Rota planning for visits eats the manager's whole week.",
              "Scheduling calls across the patch takes hours of office time."]
    later = "Planning the visit schedule every week swamps our office."

    # Meaning counts from the first correction on (by default the model keeps its full
    # weight for the first MODEL_FIRST).
    monkeypatch.setattr(themes_module, "MODEL_FIRST", 0)

    def capacity_meaning(weight):
        monkeypatch.setattr(themes_module, "W_CENTROID", weight)
        tagger = Tagger(codebook)
        for text in taught:
            tagger.learn(text, ["capacity"])
        meaning = tagger._parts(terms(later), tagger._vectors([later])[0])[1]
        return meaning["capacity"]

    assert capacity_meaning(1.0) > capacity_meaning(0.0)


def test_learning_ignores_unknown_themes_and_empty_text(codebook):
    tagger = Tagger(codebook, use_embeddings=False)
    before = tagger.tag("Small charities struggle to enter the market.")
    tagger.learn("Small charities struggle to enter the market.", ["no_such_theme"])
    tagger.learn("", ["market"])
    assert tagger.tag("Small charities struggle to enter the market.") == before


def test_a_new_theme_works_from_its_description_alone(codebook, use_embeddings):
    transport = Theme("transport", "Transport & travel",
                      "Getting to appointments and services: buses, taxis, travel time "
                      "and mileage for visiting staff in rural areas.")
    tagger = Tagger([*codebook, transport], use_embeddings)
    assert "transport" in ids(tagger.tag("There are no buses, so taxis to the day centre "
                                         "cost a fortune."))


def test_an_unknown_codebook_gets_no_domain_help_but_still_tags(codebook, dev):
    plain = [Theme(t.id, t.label, t.description) for t in anonymised(codebook)]
    rows = renamed(dev, codebook, plain)
    assert all(g.startswith("theme_") for _, gold in rows for g in gold)
    tagger = Tagger(plain)
    tagged = sum(bool(tagger.tag(text)) for text, _ in rows)
    assert tagged >= len(rows) // 2


def test_no_themes_means_no_tags():
    assert Tagger([]).tag("Anything at all about tenders") == []


def test_cross_validated_quality_floor(codebook, dev, use_embeddings):
    """Each fold learns only from the other folds: figures are for unseen comments."""
    figures = cross_validated(codebook, dev, folds=5, seeds=[0], use_embeddings=use_embeddings,
                              held_out=held_out_for(t for t, _ in dev))
    assert figures["kappa"] >= 0.6
    assert figures["overlap"] >= 0.9


@pytest.mark.parametrize("with_questions", [False, True], ids=["no-question", "question"])
def test_cross_validation_never_scores_a_comment_the_tagger_learned(codebook, dev, monkeypatch,
                                                                     with_questions):
    learned, scored = [], []  # (tagger, text): holding the tagger keeps identities distinct
    original_learn, original = Tagger.learn, Tagger.tag_many

    def learn(self, text, theme_ids, question=None):
        learned.append((self, text))
        original_learn(self, text, theme_ids, question)

    monkeypatch.setattr(Tagger, "learn", learn)
    monkeypatch.setattr(Tagger, "tag_many", lambda self, texts, questions=None: scored.extend(
        (self, t) for t in texts) or original(self, texts, questions))
    picked = random.Random(1).sample(range(len(dev)), 20)
    sample = [dev[i] for i in picked]
    questions = [read_questions(DEV)[i] for i in picked] if with_questions else None
    cross_validated(codebook, sample, folds=4, seeds=[0], questions=questions,
                    use_embeddings=False)
    assert len(scored) == 20
    assert not set(scored) & set(learned)


# -- the question a comment answers ---------------------------------------------------
# Comments that score about the same for quality and accountability, and corrections on
# two questions that lean different ways.
BOTH = "Who is responsible for checking the quality of care?"
ON_QUALITY = ["Visit people at home and ask them what good care looks like.",
              "CQC ratings alone do not tell you enough about a provider.",
              "Minimum standards should be the same for every provider on the list."]
ON_SUBCONTRACTING = ["The lead provider must carry the risk if a sub-contractor fails.",
                     "Contracts need to say who is liable when something goes wrong.",
                     "A broker in the middle blurs the duty of care."]


def corrected_on_two_questions(codebook, use_embeddings):
    tagger = Tagger(codebook, use_embeddings)
    for text in ON_QUALITY:
        tagger.learn(text, ["quality"], question="quality_assurance")
    for text in ON_SUBCONTRACTING:
        tagger.learn(text, ["accountability"], question="subcontracting")
    return tagger


def test_corrections_on_a_question_break_a_tie_for_its_other_comments(codebook, use_embeddings):
    tagger = corrected_on_two_questions(codebook, use_embeddings)
    assert set(ids(tagger.tag(BOTH))) == {"quality", "accountability"}
    assert ids(tagger.tag(BOTH, "quality_assurance"))[:2] == ["quality", "accountability"]
    assert ids(tagger.tag(BOTH, "subcontracting"))[:2] == ["accountability", "quality"]
    # A question nobody has corrected yet, or none, changes nothing.
    assert tagger.tag(BOTH, "locality") == tagger.tag(BOTH) == tagger.tag(BOTH, None)
    assert tagger.tag_many([BOTH, BOTH], ["quality_assurance", "subcontracting"]) == [
        tagger.tag(BOTH, "quality_assurance"), tagger.tag(BOTH, "subcontracting")]


def test_a_correction_counts_more_on_its_own_question(codebook, use_embeddings):
    tagger = Tagger(codebook, use_embeddings)
    tagger.learn("Ask people what good care looks like to them.", ["quality"],
                 question="quality_assurance")
    tagger.learn("Who answers for the sub-contractor's missed visits?", ["accountability"],
                 question="subcontracting")

    def quality(question):
        return next(t.confidence for t in tagger.tag(BOTH, question) if t.theme_id == "quality")

    assert quality("quality_assurance") > quality("subcontracting") == quality(None)


def test_the_question_never_themes_an_off_topic_comment_or_adds_a_theme(codebook,
                                                                        use_embeddings):
    tagger = corrected_on_two_questions(codebook, use_embeddings)
    assert tagger.tag_many(OFF_TOPIC, ["quality_assurance"] * len(OFF_TOPIC)) == [
        [] for _ in OFF_TOPIC]
    said = "TUPE and recruitment make care workers anxious about job security."
    assert set(ids(tagger.tag(said, "quality_assurance"))) <= set(ids(tagger.tag(said))) | {
        "quality"}
    assert ids(tagger.tag(said, "quality_assurance"))[0] == "workforce"


def test_correcting_a_comment_again_replaces_its_vote_on_the_question(codebook):
    tagger = Tagger(codebook, use_embeddings=False)
    for text in ON_SUBCONTRACTING:
        tagger.learn(text, ["workforce"], question="staffing")
    for text in ON_QUALITY:
        tagger.learn(text, ["accountability"], question="quality_assurance")
    assert ids(tagger.tag(BOTH, "quality_assurance"))[0] == "accountability"
    for text in ON_QUALITY:
        tagger.learn(f"  {text.upper()} ", ["quality"], question="quality_assurance")
    assert ids(tagger.tag(BOTH, "quality_assurance"))[0] == "quality"
    with tagger._lock:
        assert set(tagger._question_prior("quality_assurance")) == {"quality"}


def test_a_workshops_overall_mix_of_themes_does_not_lean_its_comments(codebook):
    """Where every comment answers the same question, the question says nothing about one
    comment that the workshop's corrections as a whole do not: it leans nothing."""
    tagger = Tagger(codebook, use_embeddings=False)
    for text in ON_QUALITY:
        tagger.learn(text, ["quality"], question="general")
    with tagger._lock:
        assert tagger._question_prior("general") == {}
    assert tagger.tag(BOTH, "general") == tagger.tag(BOTH)
    for text in ON_SUBCONTRACTING:
        tagger.learn(text, ["accountability"], question="subcontracting")
    with tagger._lock:
        assert set(tagger._question_prior("general")) == {"quality"}


def test_tag_many_needs_one_question_per_text():
    with pytest.raises(ValueError, match="one question per text"):
        Tagger([Theme("t", "T")], use_embeddings=False).tag_many(["a", "b"], ["q"])


def test_learning_on_a_question_while_another_thread_tags(codebook):
    import threading
    tagger = Tagger(codebook, use_embeddings=False)
    failures = []

    def tag():
        try:
            for _ in range(30):
                tagger.tag_many([BOTH] * 5, ["quality_assurance"] * 5)
        except Exception as exc:  # pragma: no cover - the failure is the point
            failures.append(exc)

    thread = threading.Thread(target=tag)
    thread.start()
    for i in range(150):
        tagger.learn(f"{ON_QUALITY[i % 3]} ({i})", ["quality"], question="quality_assurance")
    thread.join()
    assert not failures
    assert ids(tagger.tag(BOTH, "quality_assurance"))[0] == "quality"


def test_the_question_helps_cross_validated_tagging(codebook, dev, use_embeddings):
    """Each fold learns only the other folds, on their questions: unseen comments."""
    questions = read_questions(DEV)
    assert all(questions)
    held = held_out_for(t for t, _ in dev)
    without = cross_validated(codebook, dev, folds=5, seeds=[0, 1],
                              use_embeddings=use_embeddings, held_out=held)
    with_q = cross_validated(codebook, dev, folds=5, seeds=[0, 1], questions=questions,
                             use_embeddings=use_embeddings, held_out=held)
    assert with_q["kappa"] > without["kappa"]
    assert with_q["kappa"] >= 0.75 and with_q["overlap"] >= 0.95


MINIMAL_PACK = {
    "id": "p", "title": "P", "roles": [{"id": "r", "label": "R"}],
    "stages": [{"id": "s", "title": "S", "cards": [{"id": "c", "title": "C", "scenario": "Text",
                "questions": [{"id": "q", "kind": "comment", "prompt": "Say"}]}]}]}
EXAMPLE = "Agency staff cover most weekend visits because nobody stays in the job."


def test_codebook_examples_are_kept_and_teach_the_tagger(use_embeddings):
    plain = [Theme("staff", "People", "Who does the work."),
             Theme("money", "Money", "What it costs.")]
    later = "Agency staff cover most weekend visits because nobody stays in the job long."
    before = ids(Tagger(plain, use_embeddings).tag(later))
    taught = themes_from_dicts([{"id": "staff", "label": "People",
                                 "description": "Who does the work.", "examples": [EXAMPLE]},
                                {"id": "money", "label": "Money", "description": "What it costs."}])
    assert taught[0].examples == (EXAMPLE,) and taught[1].examples == ()
    assert before[:1] != ["staff"]
    assert ids(Tagger(taught, use_embeddings).tag(later))[0] == "staff"


@pytest.mark.parametrize("examples", ["just one string", [""], [3]])
def test_codebook_examples_must_be_comment_texts(examples):
    with pytest.raises(ValueError, match="examples must be a list of comment texts"):
        themes_from_dicts([{"id": "t", "label": "T", "examples": examples}])


@pytest.mark.parametrize("examples, where, problem", [
    ([], r"codebook\[0\]\.examples", "non-empty list"),
    (["A comment.", "  "], r"codebook\[0\]\.examples\[1\]", "text of a comment"),
    (["A comment.", "A  comment."], r"codebook\[0\]\.examples", "listed twice"),
])
def test_a_pack_names_the_bad_example_and_the_fix(examples, where, problem):
    data = {**MINIMAL_PACK, "codebook": [{"id": "t", "label": "T", "description": "d",
                                          "examples": examples}]}
    with pytest.raises(PackError, match=rf"broken\.yaml: {where}: .*{problem}.*Fix: "):
        pack_from_dict(data, "broken.yaml")


def test_a_pack_keeps_its_examples_in_the_stored_codebook():
    data = {**MINIMAL_PACK, "codebook": [{"id": "t", "label": "T", "description": "d",
                                          "examples": [EXAMPLE]}]}
    codebook = pack_from_dict(data, "pack.yaml").codebook
    assert codebook[0].examples == (EXAMPLE,)
    assert themes_from_dicts(_theme_dicts(codebook)) == list(codebook)


def test_cross_validation_keeps_the_test_fold_out_of_the_examples(codebook, dev, monkeypatch):
    built, scored = [], []
    original_init, original_tag = Tagger.__init__, Tagger.tag_many

    def init(self, themes, use_embeddings=True):
        built.append({e for t in themes for e in t.examples})
        original_init(self, themes, use_embeddings)

    def tag_many(self, texts, questions=None):
        scored.append((len(built) - 1, list(texts)))
        return original_tag(self, texts, questions)

    monkeypatch.setattr(Tagger, "__init__", init)
    monkeypatch.setattr(Tagger, "tag_many", tag_many)
    sample = random.Random(2).sample(dev, 20)
    cross_validated(codebook, sample, folds=4, seeds=[0], as_examples=True, use_embeddings=False)
    assert sum(len(texts) for _, texts in scored) == 20
    for k, texts in scored:
        assert built[k] and not built[k] & set(texts)


# -- written examples, other events, honest uncertainty ---------------------------------
OTHER_EVENTS = ROOT / "bench" / "data" / "other_events_dev.csv"


def test_a_clear_comment_is_sure_and_a_close_call_is_marked_unsure(codebook, use_embeddings):
    tagger = Tagger(codebook, use_embeddings)
    clear = tagger.tag("Care workers are paid too little and staff turnover is high.")
    close = tagger.tag(BOTH)
    assert ids(clear)[0] == "workforce" and not is_unsure(clear)
    assert set(ids(close)[:2]) == {"quality", "accountability"} and is_unsure(close)
    # Only the primary theme carries the mark; no themes, nothing to check.
    assert not any(t.unsure for t in close[1:])
    assert not is_unsure(tagger.tag("What time is the coffee break?"))


def test_the_reference_codebook_gets_the_written_examples_model(codebook):
    if themes_module.embedder() is None:
        pytest.skip("wordllama is not installed")
    assert Tagger(codebook)._written is not None
    # A codebook without enough examples per theme has none: it cannot be trained.
    assert Tagger([Theme("a", "Apples"), Theme("b", "Pears")])._written is None
    assert Tagger(codebook, use_embeddings=False)._written is None


def test_comments_from_other_events_cold(codebook):
    """Cross-validated by event: each event is scored by a tagger that left its comments
    out of what it learned (the other events' comments still teach it)."""
    if themes_module.embedder() is None:
        pytest.skip("wordllama is not installed")
    rows = read_events(OTHER_EVENTS)
    tags = tagged_cold(codebook, rows)
    gold = [r["gold"] for r in rows]
    figures = score(gold, [[t.theme_id for t in ts] for ts in tags])
    assert figures["kappa"] >= 0.58 and figures["overlap"] >= 0.87
    # The comments that fit no theme are mostly left unassigned, and few others are.
    off = [not ts for r, ts in zip(rows, tags) if not r["gold"]]
    assert sum(off) >= len(off) // 2 and figures["unassigned"] <= 0.08
    share, wrong = sure_figures(gold, tags)
    assert share >= 0.12 and wrong <= 0.10


def test_scoring_an_event_leaves_its_shipped_comments_out(codebook):
    rows = read_events(OTHER_EVENTS)
    one = [r for r in rows if r["context"] == rows[0]["context"]]
    assert held_out_for(r["text"] for r in one) == (rows[0]["context"],)
    assert held_out_for(t for t, _ in read_labelled(DEV)) == ("east_midlands",)
    taught = {text for text, _ in themes_module._written_examples(codebook)}
    left = {text for text, _ in themes_module._written_examples(codebook,
                                                                 {rows[0]["context"]})}
    assert {r["text"] for r in one} <= taught and not {r["text"] for r in one} & left
    assert {r["text"] for r in rows if r not in one and r["gold"]} <= left


def test_the_held_out_events_are_not_shipped():
    """The held-out events' comments must never teach the tagger (only their texts are
    read here, to check)."""
    with open(ROOT / "bench" / "data" / "other_events_holdout.csv", encoding="utf-8") as f:
        held = {r["text"] for r in csv.DictReader(f)}
    assert held and not held_out_for(held)


def test_shipped_comments_use_the_reference_themes(codebook):
    known = {t.id for t in codebook}
    comments = themes_module.labelled_comments()
    assert len(comments) >= 600
    for source, text, theme_ids in comments:
        assert text.strip() and source, (source, text)
        assert set(theme_ids) <= known, (source, text, theme_ids)


def test_the_model_gives_a_theme_too_readily_chosen_fewer_points(codebook, monkeypatch):
    if themes_module.embedder() is None:
        pytest.skip("wordllama is not installed")
    said = "The hourly rate has not gone up in three years."
    tagger = Tagger(codebook)

    def cost_points():
        vector = tagger._vectors([said])[0]
        return tagger._parts(terms(said), vector)[1]["cost"]

    with_penalty = cost_points()
    monkeypatch.setattr(themes_module, "MODEL_PENALTY", {})
    assert cost_points() == pytest.approx(with_penalty + 0.5)


def test_corrections_weaken_the_written_examples(codebook, monkeypatch):
    if themes_module.embedder() is None:
        pytest.skip("wordllama is not installed")
    tagger = Tagger(codebook)
    said = "Nobody in the office has time to sort out the weekly schedule."

    def written_points():
        vector = tagger._vectors([said])[0]
        return sum(tagger._parts(terms(said), vector)[1].values())

    before = written_points()
    first = themes_module.MODEL_FIRST
    for i in range(first):
        tagger.learn(f"{ON_QUALITY[i % 3]} ({i})", ["quality"])
    assert written_points() == pytest.approx(before)
    for i in range(first, first + 10):
        tagger.learn(f"{ON_QUALITY[i % 3]} ({i})", ["quality"])
    assert written_points() < before


def test_corrections_improve_the_suggestions_on_the_rest_of_the_workshop(codebook):
    """East Midlands, scored by a tagger that never learned it: after 40 of its comments
    are corrected (drawn at random), its other comments get better suggestions than the
    same comments with no corrections; ignoring corrections would change nothing."""
    if themes_module.embedder() is None:
        pytest.skip("wordllama is not installed")
    rows = read_events(DEV)
    for r in rows:
        r["context"] = "east_midlands"
    figures, _, wrong, scored, _ = corrected_within_events(codebook, rows, 40, draws=5)
    assert scored == len(rows) - 40
    assert figures["kappa"] >= figures["kappa_cold"] + 0.04, figures
    assert wrong <= 0.10


def test_corrections_within_an_event_do_not_make_its_other_comments_worse(codebook):
    """Other events, each scored by a tagger that never learned it: ten of an event's
    comments corrected (all on one general question) must not lower the kappa of the
    event's other comments (it fell by 0.05 when the workshop's mix of themes leaned
    every comment)."""
    if themes_module.embedder() is None:
        pytest.skip("wordllama is not installed")
    rows = read_events(OTHER_EVENTS)
    figures, _, _, _, used = corrected_within_events(codebook, rows, 10, draws=5)
    assert len(used) == 9
    assert figures["kappa"] >= figures["kappa_cold"] - 0.01, figures
