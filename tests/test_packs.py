"""The three packs for other workshop formats: a judged competition, a procurement-models
discussion and an idea board."""

import pytest

from tests.conftest import SCENARIOS
from workshop.scenarios import load_pack

NEW_PACKS = ["home_care_competition", "housing_support_procurement", "ulo_idea_board"]

CRITERIA = ("Answering the questions asked", "Practicality", "Clarity about outcomes",
            "Recognising the commissioners' priorities", "Practical understanding of equality",
            "Innovation", "Value for money")


@pytest.fixture(scope="module", params=NEW_PACKS)
def pack(request):
    return load_pack(SCENARIOS / f"{request.param}.yaml")


def _by_kind(pack, kind):
    return [q for q in pack.questions if q.kind == kind]


def test_each_pack_loads_under_its_own_file_name(pack):
    assert (SCENARIOS / f"{pack.id}.yaml").exists()
    assert pack.title and pack.summary and pack.background and pack.objectives
    assert pack.role_ids[-1] == "other"


def test_each_pack_has_its_own_codebook_of_six_to_ten_themes(pack):
    assert 6 <= len(pack.codebook) <= 10
    for theme in pack.codebook:
        assert theme.id == theme.id.lower() and theme.description and theme.keywords, theme.id


@pytest.mark.parametrize("pack_id, roles, kinds", [
    ("home_care_competition", ["judge_ulo", "judge_council", "judge_national", "entrant", "other"],
     {"comment", "scoring_matrix", "ranking", "points"}),
    ("housing_support_procurement", ["provider", "commissioner", "regulator", "user", "other"],
     {"card_sort", "rating_matrix", "comment", "ranking"}),
    ("ulo_idea_board", ["ulo", "commissioner", "procurement", "provider", "other"],
     {"idea_board", "points", "scale", "comment"}),
])
def test_each_pack_has_its_roles_and_question_kinds(pack_id, roles, kinds):
    pack = load_pack(SCENARIOS / f"{pack_id}.yaml")
    assert pack.role_ids == roles
    assert {q.kind for q in pack.questions} == kinds


def test_the_competition_enters_then_judges_on_seven_criteria():
    pack = load_pack(SCENARIOS / "home_care_competition.yaml")
    entries, judging = pack.stages[0], pack.stages[1]
    assert {q.kind for c in entries.cards for q in c.questions} == {"comment"}
    assert len(entries.cards) == 4
    [matrix] = [q for c in judging.cards for q in c.questions]
    assert matrix.kind == "scoring_matrix" and matrix.criteria == CRITERIA
    assert 4 <= len(matrix.entries) <= 5
    assert all(e.group and e.summary for e in matrix.entries)
    assert "replace" in pack.summary.lower()
    assert _by_kind(pack, "ranking")[0].options == CRITERIA
    assert _by_kind(pack, "points")[0].total == 100


def test_procurement_models_are_rated_against_every_risk_area():
    pack = load_pack(SCENARIOS / "housing_support_procurement.yaml")
    [matrix] = _by_kind(pack, "rating_matrix")
    assert len(matrix.options) == 8 and len(matrix.dimensions) == 8
    assert matrix.levels == ("Low", "Medium", "High")
    assert "Public Social Partnerships" in matrix.options
    assert "Cost of the process" in matrix.dimensions
    [practice] = _by_kind(pack, "ranking")
    assert len(practice.options) == 6


def test_card_sort_answers_are_categories_and_both_are_used():
    pack = load_pack(SCENARIOS / "housing_support_procurement.yaml")
    [sort] = _by_kind(pack, "card_sort")
    assert sort.categories == ("Red rule", "Blue rule")
    assert 10 <= len(sort.statements) <= 12
    answers = [s.answer for s in sort.statements]
    assert set(answers) == set(sort.categories)
    texts = {s.text: s.answer for s in sort.statements}
    assert texts["We must always advertise a contract."] == "Blue rule"
    assert texts["We must not talk to providers before the specification is written."] == \
        "Blue rule"


def test_the_idea_board_tags_ideas_by_level_with_three_votes():
    pack = load_pack(SCENARIOS / "ulo_idea_board.yaml")
    [board] = _by_kind(pack, "idea_board")
    assert board.tags == ("Commissioning level", "Procurement level") and board.votes == 3


def test_question_ids_are_lower_case_and_unique(pack):
    ids = [q.id for q in pack.questions]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() for i in ids)


def test_every_card_has_an_easier_plain_english_version(pack):
    textstat = pytest.importorskip("textstat")
    for card in pack.cards:
        assert card.plain_scenario, card.id
        plain = textstat.flesch_kincaid_grade(card.plain_scenario)
        assert plain < textstat.flesch_kincaid_grade(card.scenario), card.id
        assert plain + 5 <= 12, f"{card.id}: plain version has reading age {plain + 5}"


def test_card_sort_statements_are_plain():
    textstat = pytest.importorskip("textstat")
    pack = load_pack(SCENARIOS / "housing_support_procurement.yaml")
    for statement in _by_kind(pack, "card_sort")[0].statements:
        assert textstat.flesch_kincaid_grade(statement.text) + 5 <= 14, statement.text
