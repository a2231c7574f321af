"""Welsh in packs: each item's `cy:` mapping, checked with plain messages, and the pack in
Welsh with English wherever no Welsh is given."""

import pytest
import yaml

from tests.conftest import SCENARIOS
from workshop.errors import PackError
from workshop.scenarios import load_pack, pack_from_dict


def _pb() -> dict:
    return yaml.safe_load((SCENARIOS / "peoples_borough.yaml").read_text(encoding="utf-8"))


def _options(data) -> list:
    """The Welsh options of the first choice question."""
    return data["stages"][0]["cards"][1]["questions"][1]["cy"]["options"]


def test_peoples_borough_is_in_welsh_throughout(packs):
    english = packs["peoples_borough"]
    welsh = english.in_language("cy")
    assert english.languages == ("en", "cy")
    assert welsh.title.startswith("Contractio ar gyfer canlyniadau personol")
    assert [q.id for q in welsh.questions] == [q.id for q in english.questions]
    assert [r.id for r in welsh.roles] == english.role_ids
    for mine, theirs in zip(welsh.roles, english.roles):
        assert mine.label != theirs.label
    for stage, source in zip(welsh.stages, english.stages):
        assert stage.title != source.title
    for card, source in zip(welsh.cards, english.cards):
        assert card.title != source.title and card.scenario != source.scenario
        assert card.plain_scenario != source.plain_scenario
        for q, qs in zip(card.questions, source.questions):
            assert q.prompt != qs.prompt, q.id
            assert len(q.options) == len(qs.options)
            assert not set(q.options) & set(qs.options), q.id
    for theme, source in zip(welsh.codebook, english.codebook):  # the themes' names
        assert (theme.id, theme.keywords) == (source.id, source.keywords)
        assert theme.label != source.label, theme.id
    assert english.in_language("en") is english
    assert english.title.startswith("Contracting")  # the English pack is untouched


def test_english_stays_where_no_welsh_is_given():
    data = _pb()
    card = data["stages"][0]["cards"][0]
    del card["cy"]["plain_scenario"]
    del card["questions"][1]["cy"]
    pack = pack_from_dict(data)
    welsh = pack.in_language("cy")
    assert welsh.cards[0].plain_scenario == pack.cards[0].plain_scenario
    assert welsh.cards[0].scenario != pack.cards[0].scenario
    assert welsh.question("services_poll").prompt == pack.question("services_poll").prompt


def test_a_pack_without_welsh_is_english_in_welsh(packs):
    pack = packs["ulo_idea_board"]
    assert pack.in_language("cy") is pack
    assert pack.languages == ("en",)


def test_card_sort_answers_follow_their_category_into_welsh():
    data = {"id": "sort", "title": "Sort", "roles": [{"id": "a", "label": "A"}],
            "codebook": [{"id": "t", "label": "T", "description": "d"}],
            "stages": [{"id": "s", "title": "S", "cards": [{
                "id": "c", "title": "C", "scenario": "x", "questions": [{
                    "id": "q", "kind": "card_sort", "prompt": "Sort these",
                    "categories": ["Right", "Wrong"],
                    "statements": [{"text": "One", "answer": "Right"}, {"text": "Two"}],
                    "cy": {"prompt": "Trefnwch y rhain", "categories": ["Cywir", "Anghywir"],
                           "statements": ["Un", "Dau"]}}]}]}]}
    q = pack_from_dict(data).in_language("cy").question("q")
    assert q.categories == ("Cywir", "Anghywir")
    assert [(s.text, s.answer) for s in q.statements] == [("Un", "Cywir"), ("Dau", "")]


@pytest.mark.parametrize("change, expected", [
    (lambda d: _options(d).pop(),
     "stages[0].cards[1].questions[1].cy.options: has 3 items but the English has 4. Fix: "
     "give one Welsh item for each English one in 'options', in the same order"),
    (lambda d: d["stages"][0]["cards"][0]["questions"][0]["cy"].update(options=["Un", "Dau"]),
     "stages[0].cards[0].questions[0].cy.options: has no English text here to translate. "
     "Fix: give the Welsh for one of: prompt"),
    (lambda d: d["roles"][0]["cy"].update(label="  "),
     "roles[0].cy.label: must be non-empty text"),
    (lambda d: d["codebook"][0]["cy"].update(keywords=["ansawdd"]),
     "codebook[0].cy.keywords: has no English text here to translate. "
     "Fix: give the Welsh for one of: label, description"),
    (lambda d: d["codebook"][1].update(cy={"label": ""}),
     "codebook[1].cy.label: must be non-empty text"),
    (lambda d: d["codebook"][2].update(cy="Pris"),
     "codebook[2].cy: must be the Welsh for this item's text"),
    (lambda d: d["stages"][0]["cards"][0].update(cy="Mathau"),
     "stages[0].cards[0].cy: must be the Welsh for this item's text"),
    (lambda d: _options(d).__setitem__(1, "Ddim yn siŵr"),
     "stages[0].cards[1].questions[1].cy.options: an item is listed twice"),
    (lambda d: _options(d).__setitem__(1, "<b>Un</b>"),
     "has a part in angle brackets"),
])
def test_broken_welsh_is_refused_with_the_field_and_the_fix(tmp_path, change, expected):
    data = _pb()
    change(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert expected in str(err.value)
    assert "broken.yaml: line " in str(err.value)


def test_welsh_that_makes_no_whole_pack_is_refused():
    data = _pb()
    data["comment_kinds"] = [{"id": "story", "label": "Experience", "report": "Experiences shared",
                              "cy": {"label": "Profiad " * 8}}]
    with pytest.raises(PackError, match=r"in the cy: text, comment_kinds\[0\]\.label: is \d+ "
                                        "characters long"):
        pack_from_dict(data, "pack")
