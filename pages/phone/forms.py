"""The phone's form for each structured kind (ranking, points, judging, rating, card sort,
idea board). Rendering only; the rules are in workshop/formats.py."""

from pages.phone.card_sort import card_sort_form
from pages.phone.idea_board import idea_board_form
from pages.phone.judging import rating_form, scoring_form
from pages.phone.order import points_form, ranking_form

FORMS = {"ranking": ranking_form, "points": points_form, "scoring_matrix": scoring_form,
         "rating_matrix": rating_form, "card_sort": card_sort_form,
         "idea_board": idea_board_form}
