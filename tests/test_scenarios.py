import pytest
import yaml

from workshop.errors import PackError
from workshop.scenarios import load_pack

PB_QUESTIONS = ["services", "providers", "subcontracting", "quality_assurance", "locality",
                "self_funders", "price_transparency", "mini_tendering", "support_for_people",
                "provider_development", "provider_collaboration", "decommissioning",
                "commissioning_role"]


def test_peoples_borough_has_every_card_with_a_poll(packs):
    pack = packs["peoples_borough"]
    assert [c.id for c in pack.cards] == PB_QUESTIONS
    assert len(pack.stages) == 2
    for card in pack.cards:
        kinds = [q.kind for q in card.questions]
        assert kinds[0] == "comment" and card.questions[0].id == card.id
        assert any(k in ("scale", "choice") for k in kinds), card.id
        assert card.scenario
    assert pack.role_ids == ["commissioner", "provider", "user", "other"]
    assert len(pack.codebook) == 10


def test_codebook_matches_the_reference(packs):
    ref = yaml.safe_load((pytest.importorskip("pathlib").Path(__file__).resolve().parents[2]
                          / "shared/data/commissioning_codebook.yaml").read_text())
    assert [t.id for t in packs["peoples_borough"].codebook] == [t["id"] for t in ref["themes"]]


def _write(tmp_path, data) -> str:
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data) if not isinstance(data, str) else data)
    return path


@pytest.mark.parametrize("change, expected", [
    (lambda d: d.pop("roles"), "broken.yaml: roles: missing"),
    (lambda d: d["stages"][0]["cards"][0]["questions"][0].update(kind="essay"),
     "stages[0].cards[0].questions[0].kind: 'essay' is not a question kind. Fix: use one of"),
    (lambda d: d["stages"][0]["cards"][0].update(colour="red"),
     "stages[0].cards[0].colour: unknown field"),
    (lambda d: d["stages"][0]["cards"][1].update(id=d["stages"][0]["cards"][0]["id"]),
     "is used twice"),
    (lambda d: d["stages"][0]["cards"][0]["questions"].append(
        {"id": "x_poll", "kind": "choice", "prompt": "Pick", "options": ["only one"]}),
     "a choice needs at least two text options"),
])
def test_broken_packs_name_file_field_and_fix(tmp_path, change, expected):
    from tests.conftest import SCENARIOS
    data = yaml.safe_load((SCENARIOS / "peoples_borough.yaml").read_text())
    change(data)
    with pytest.raises(PackError) as err:
        load_pack(_write(tmp_path, data))
    assert expected in str(err.value)


def test_invalid_yaml_names_the_line(tmp_path):
    with pytest.raises(PackError, match=r"broken.yaml: is not valid YAML at line \d"):
        load_pack(_write(tmp_path, "id: x\nroles: [a\n  b: c\n"))


def test_plain_english_versions_are_easier_to_read(packs):
    textstat = pytest.importorskip("textstat")
    for card in packs["peoples_borough"].cards:
        assert card.plain_scenario, card.id
        plain = textstat.flesch_kincaid_grade(card.plain_scenario)
        assert plain < textstat.flesch_kincaid_grade(card.scenario), card.id
        assert plain + 5 <= 12, f"{card.id}: plain version has reading age {plain + 5}"
