"""The workshop picker (pages/facilitator/picker.py) under the name pages import it by.

Not a page: opened by its address, it shows only that there is nothing here."""

from pages.facilitator.picker import PICK, choose_workshop, label, open_workshop  # noqa: F401
from pages.shared.errors import not_a_page

not_a_page(__name__)
