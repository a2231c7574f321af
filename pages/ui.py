"""Everything in pages/shared/ under one name, for pages that import it whole.

Not a page: opened by its address, it shows only that there is nothing here."""

from pages.shared.access import (ENTRY, is_facilitator, remember_facilitator,  # noqa: F401
                                 require_facilitator)
from pages.shared.browser import device_address  # noqa: F401
from pages.shared.charts import FORMAT_CHARTS, chart, question_charts  # noqa: F401
from pages.shared.errors import PAGE_FAILED, not_a_page, plain_errors, show_error  # noqa: F401
from pages.shared.follow import follow_presenter, remembered_token  # noqa: F401
from pages.shared.style import CSS, PHONE_CSS, styles  # noqa: F401
from pages.shared.workshops import find_workshop, workshops  # noqa: F401

not_a_page(__name__)
