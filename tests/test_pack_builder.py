"""The pack editor's forms: each addition gives a pack the validator accepts."""

import yaml

from workshop import pack_builder as pb
from workshop.scenarios import QUESTION_KINDS, pack_from_dict

START = """
id: my_day
title: My day
roles: [{id: provider, label: Provider}]
codebook: [{id: quality, label: Quality, description: Good care}]
stages:
- id: stage_one
  title: Stage one
  cards:
  - id: first
    title: First
    scenario: Text
    questions: [{id: q1, kind: comment, prompt: Issues}]
"""
LISTS = {"choice": ("Yes\nNo", ""), "ranking": ("A\nB\nC", ""), "points": ("A\nB", ""),
         "scoring_matrix": ("Clarity\nValue", "Buying club | Older people's forum | Pool money\n"
                                              "Diaries | Carers' centre | Write it down"),
         "rating_matrix": ("Tendering\nBlock contract", "Legal challenge\nCost"),
         "card_sort": ("Red rule\nBlue rule", "We must always advertise | Blue rule\n"
                                              "Treat bidders equally | Red rule"),
         "idea_board": ("Commissioning\nProcurement", ""), "comment": ("", ""),
         "scale": ("", "")}


def test_a_card_of_every_kind_makes_a_valid_pack():
    data = yaml.safe_load(START)
    for kind in QUESTION_KINDS:
        first, second = LISTS[kind]
        data = pb.add_card(data, 0, "", f"Card {kind}", "What happens", "", kind,
                           f"Question about {kind}", first, second)
    data = pb.add_card(data, 99, "Stage two", "Last card", "Text", "Plain text", "comment",
                       "Anything else?", "", "")
    data = pb.add_role(pb.add_role(data, "Provider"), "Commissioner")
    data = pb.add_theme(data, "Quality", "Checking care")
    pack = pack_from_dict(data, "built")
    assert len(pack.stages) == 2 and len(pack.questions) == len(QUESTION_KINDS) + 2
    assert [r.id for r in pack.roles] == ["provider", "provider_2", "commissioner"]
    assert [t.id for t in pack.codebook] == ["quality", "quality_2"]
    sort = next(q for q in pack.questions if q.kind == "card_sort")
    assert sort.statements[0].answer == "Blue rule"
    judging = next(q for q in pack.questions if q.kind == "scoring_matrix")
    assert [e.id for e in judging.entries] == ["buying_club", "diaries"]
    assert pack.cards[-1].plain_scenario == "Plain text"


def test_ids_are_unique_and_start_with_a_letter():
    assert pb.slug("2025 plan", set()) == "x_2025_plan"
    assert pb.slug("Price & cost", {"price_cost"}) == "price_cost_2"
