import pytest
import yaml

from tests.conftest import DATA
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
    ref = yaml.safe_load((DATA / "commissioning_codebook.yaml").read_text())
    assert [t.id for t in packs["peoples_borough"].codebook] == [t["id"] for t in ref["themes"]]


def _write(tmp_path, data) -> str:
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data) if not isinstance(data, str) else data)
    return path


@pytest.mark.parametrize("change, expected", [
    (lambda d: d.pop("roles"), "broken.yaml: line 1: roles: missing"),
    (lambda d: d["stages"][0]["cards"][0]["questions"][0].update(kind="essay"),
     "stages[0].cards[0].questions[0].kind: 'essay' is not a question kind. Fix: use one of"),
    (lambda d: d["stages"][0]["cards"][0].update(colour="red"),
     "stages[0].cards[0].colour: unknown field"),
    (lambda d: d["stages"][0]["cards"][1].update(id=d["stages"][0]["cards"][0]["id"]),
     "is used twice"),
    (lambda d: d["stages"][0]["cards"][0]["questions"].append(
        {"id": "x_poll", "kind": "choice", "prompt": "Pick", "options": ["only one"]}),
     "options: has 1 item; it needs 2 to 12"),
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


def test_a_field_error_names_its_line(tmp_path):
    from tests.conftest import SCENARIOS
    text = (SCENARIOS / "peoples_borough.yaml").read_text()
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "kind: scale" in row)
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("kind: scale", "kind: essay", 1))
    with pytest.raises(PackError, match=rf"broken.yaml: line {line}: stages\[0\]\.cards\[0\]"
                                        r"\.questions\[\d\]\.kind: 'essay' is not"):
        load_pack(broken)


NEW_KINDS = """
id: formats
title: Formats
roles: [{id: judge, label: Judge}]
codebook: [{id: t, label: T, description: d}]
stages:
- id: s
  title: S
  cards:
  - id: c
    title: C
    scenario: Text
    questions:
    - {id: r, kind: ranking, prompt: Order, options: [A, B, C]}
    - {id: p, kind: points, prompt: Spread, options: [A, B], total: 10}
    - id: j
      kind: scoring_matrix
      prompt: Score
      criteria: [Clarity, Value]
      entries: [{id: e1, title: One, group: G}, {id: e2, title: Two}]
    - {id: m, kind: rating_matrix, prompt: Rate, options: [X, Y], dimensions: [Risk]}
    - id: cs
      kind: card_sort
      prompt: Sort
      categories: [Red rule, Blue rule]
      statements: [{text: Always advertise, answer: Blue rule}, {text: Treat bidders equally}]
    - {id: i, kind: idea_board, prompt: Ideas, tags: [Commissioning, Procurement], votes: 2}
"""


def test_every_new_question_kind_loads_with_its_fields():
    from workshop.scenarios import pack_from_yaml
    q = {x.id: x for x in pack_from_yaml(NEW_KINDS, "formats.yaml").questions}
    assert q["r"].options == ("A", "B", "C") and q["p"].total == 10
    assert [e.id for e in q["j"].entries] == ["e1", "e2"] and q["j"].criteria == ("Clarity",
                                                                                  "Value")
    assert q["m"].levels == ("Low", "Medium", "High") and q["m"].dimensions == ("Risk",)
    assert q["cs"].statements[0].answer == "Blue rule" and q["cs"].statements[1].answer == ""
    assert q["i"].tags == ("Commissioning", "Procurement") and q["i"].votes == 2


@pytest.mark.parametrize("old, new, expected", [
    ("answer: Blue rule", "answer: Green rule", "statements[0].answer: 'Green rule' is not one "
                                                "of the categories. Fix: use one of: Red rule"),
    ("total: 10", "total: ten", "total: must be a whole number from 10 to 1000"),
    ("dimensions: [Risk]", "levels: [Low]", "dimensions: missing"),
    ("votes: 2", "votes: 2, options: [A, B]", "options: unknown field. Fix: remove it or use "
                                              "one of: id, kind, prompt, results, tags, votes"),
])
def test_new_kinds_are_checked_field_by_field(old, new, expected):
    from workshop.scenarios import pack_from_yaml
    with pytest.raises(PackError, match="formats.yaml: line \\d+: ") as err:
        pack_from_yaml(NEW_KINDS.replace(old, new), "formats.yaml")
    assert expected in str(err.value)


def test_a_pack_written_in_the_app_is_saved_apart_and_running_workshops_keep_theirs(
        tmp_path, packs):
    from store import MemoryStore
    from workshop.scenarios import load_packs, pack_from_yaml, save_pack
    from workshop.workshops import Workshops
    folder = tmp_path / "packs"
    pack = save_pack(NEW_KINDS, folder, packs)
    assert (folder / "formats.yaml").exists() and load_packs(folder)["formats"] == pack
    ws = Workshops(MemoryStore(), dict(packs), tmp_path / "live")
    ws.add_pack(pack)
    wid = ws.create("Day", "Scotland", "formats")["id"]
    edited = save_pack(NEW_KINDS.replace("prompt: Order", "prompt: Put these in order"),
                       folder, ws.packs)
    ws.add_pack(edited)
    assert ws.pack_of(wid).question("r").prompt == "Order"
    assert ws.packs["formats"].question("r").prompt == "Put these in order"
    with pytest.raises(PackError, match="already used by the pack"):
        save_pack(NEW_KINDS.replace("id: formats", "id: peoples_borough"), folder, ws.packs)
    with pytest.raises(PackError, match=r"your pack: line \d+: "):
        save_pack(NEW_KINDS.replace("kind: ranking", "kind: rankings"), folder, ws.packs)
    assert pack_from_yaml((folder / "formats.yaml").read_text()).question("r").prompt == (
        "Put these in order")


def _laughs(levels: int = 7) -> str:
    """A pack whose summary is an alias repeated inside aliases: 7 levels of 9 make 9**7
    (4.8 million) strings, a 40 MB summary, from under 1 KB of YAML (the old reader took
    seconds to build it, and every workshop stores its pack in full)."""
    lists = ['&l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lists += [f"&l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, levels)]
    return NEW_KINDS + "summary: [" + ",\n  ".join(lists) + "]\n"


def test_a_pack_with_repeated_aliases_is_refused_before_it_grows(tmp_path, packs):
    from workshop.scenarios import load_packs, pack_from_yaml, save_pack
    text = _laughs()
    assert len(text.encode()) < 2048
    with pytest.raises(PackError) as err:
        pack_from_yaml(text, "laughs.yaml")
    assert str(err.value).startswith("laughs.yaml: line 28: uses a YAML anchor or alias (&l0)")
    assert "Fix: write the repeated part out in full" in str(err.value)
    # The same from a file among the packs, and from the editor's Save: nothing is written.
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "laughs.yaml").write_text(text)
    with pytest.raises(PackError, match="laughs.yaml: line 28: uses a YAML anchor"):
        load_packs(tmp_path / "packs")
    with pytest.raises(PackError, match="your pack: line 28: uses a YAML anchor"):
        save_pack(text, tmp_path / "saved", packs)
    assert not (tmp_path / "saved").exists()


def test_an_alias_alone_is_refused_too():
    """Even a harmless repeat that the old reader accepted: one rule, easy to explain."""
    from workshop.scenarios import pack_from_yaml
    text = NEW_KINDS.replace("options: [A, B, C]", "options: &abc [A, B, C]").replace(
        "options: [A, B]", "options: *abc")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "&abc" in row)
    with pytest.raises(PackError, match=rf"pack: line {line}: uses a YAML anchor or alias "
                                        r"\(&abc\); packs may not use them"):
        pack_from_yaml(text)


@pytest.mark.parametrize("nested", [
    "[" * 100_000 + "]" * 100_000,
    "\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 300)) + "  " * 300 + "x",
], ids=["brackets", "indentation"])
def test_deep_nesting_is_refused_with_a_message_not_a_crash(nested):
    """Unguarded, PyYAML reads nesting by recursion: 100,000 brackets raise RecursionError."""
    from workshop.scenarios import MAX_PACK_BYTES, pack_from_yaml
    text = NEW_KINDS + "summary: " + nested + "\n"
    assert len(text.encode()) < MAX_PACK_BYTES
    with pytest.raises(PackError) as err:
        pack_from_yaml(text, "deep.yaml")
    assert "deep.yaml: line " in str(err.value)
    assert "nest more than 20 levels deep; a pack needs at most 9" in str(err.value)


def test_a_pack_over_512_kb_is_refused_from_its_size(tmp_path):
    from workshop.scenarios import load_pack, pack_from_yaml
    big = NEW_KINDS + "summary: " + "Long text. " * 50_000 + "\n"  # 550 KB
    with pytest.raises(PackError, match=r"your pack: is 538 KB; a pack can be at most 512 KB\. "
                                        r"Fix: shorten the longest texts"):
        pack_from_yaml(big, "your pack")
    path = tmp_path / "big.yaml"
    path.write_text(big)
    with pytest.raises(PackError, match="big.yaml: is 538 KB; a pack can be at most 512 KB"):
        load_pack(path)
    # Just under the limit is read as usual.
    fits = NEW_KINDS + "summary: " + "Long text. " * 46_000 + "\n"
    assert pack_from_yaml(fits).summary.startswith("Long text.")


def test_the_shipped_packs_are_well_within_the_limits(packs):
    from tests.conftest import SCENARIOS
    from workshop.scenarios import MAX_PACK_BYTES, load_yaml
    for path in SCENARIOS.glob("*.yaml"):
        assert path.stat().st_size < MAX_PACK_BYTES / 10
        load_yaml(path.read_text(), path.name)


def test_packs_are_written_out_without_aliases():
    """A pack built in the app may hold one list in two places: written out, it is
    repeated in full, so the editor accepts its own YAML."""
    from workshop.scenarios import dump_yaml, pack_from_yaml
    pack = pack_from_yaml(NEW_KINDS)
    data = dict(pack.raw)
    shared = ["Understand the market", "Agree next steps"]
    data["objectives"] = shared
    data["stages"][0]["cards"][0]["questions"][0]["options"] = shared
    text = dump_yaml(data)
    assert "&" not in text and "*" not in text
    assert pack_from_yaml(text).objectives == tuple(shared)


def test_a_pack_file_not_in_utf8_gets_a_message(tmp_path):
    from workshop.scenarios import load_pack
    path = tmp_path / "latin.yaml"
    path.write_bytes(NEW_KINDS.replace("Score", "Scor\xe9").encode("latin-1"))
    with pytest.raises(PackError, match="latin.yaml: is not text in UTF-8"):
        load_pack(path)


def test_a_broken_pack_can_be_left_out_and_named_instead_of_stopping_everything(tmp_path):
    """A pack saved before the limits (an alias typed in the editor) must not stop the app
    starting: it is left out and named; the others load."""
    from tests.conftest import SCENARIOS
    from workshop.scenarios import load_packs
    (tmp_path / "old.yaml").write_text(_laughs(2))
    (tmp_path / "dup.yaml").write_text((SCENARIOS / "ulo_idea_board.yaml").read_text())
    (tmp_path / "fine.yaml").write_text(NEW_KINDS)
    with pytest.raises(PackError):
        load_packs(SCENARIOS, tmp_path)
    skipped: list = []
    packs = load_packs(SCENARIOS, tmp_path, skipped=skipped)
    assert "formats" in packs and "peoples_borough" in packs
    assert [str(e).split(":")[0] for e in skipped] == ["dup.yaml", "old.yaml"]
    assert "uses a YAML anchor or alias" in str(skipped[1])
