"""Welsh and English. What delegates, the projector and the report say is kept in gettext
catalogues (`workshop/locale/<lang>/LC_MESSAGES/<domain>.po`), so a translator edits a .po
file with any PO editor and never touches code. The catalogues are read with Babel and
compiled in memory on first use; English is the source text and needs no catalogue.

Domains: "screens" (phones, join page, projector) and "report" (the report's fixed wording).
"""

from __future__ import annotations

import gettext
import io
import threading
from pathlib import Path

LANGUAGES = {"en": "English", "cy": "Cymraeg"}
DEFAULT_LANGUAGE = "en"
DOMAINS = ("screens", "report")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_lock = threading.Lock()
_cache: dict[tuple[str, str], gettext.NullTranslations] = {}


class LanguageError(ValueError):
    """A language code this app has no text for."""


def language(value: str | None) -> str:
    """The language code for VALUE ("cy", "CY", "Cymraeg", "welsh" -> "cy"); empty gives
    English. Anything else is refused with the choices named."""
    if value is None or not str(value).strip():
        return DEFAULT_LANGUAGE
    key = str(value).strip().lower()
    for code, name in LANGUAGES.items():
        if key in (code, name.lower()):
            return code
    if key in ("welsh",):
        return "cy"
    choices = ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
    raise LanguageError(f"'{value}' is not a language this app speaks. Choose one of: "
                        f"{choices}.")


def catalogue_path(lang: str, domain: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def _compile(lang: str, domain: str) -> gettext.NullTranslations:
    path = catalogue_path(lang, domain)
    if lang == DEFAULT_LANGUAGE or not path.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translations(lang: str | None, domain: str) -> gettext.NullTranslations:
    """The translations of DOMAIN into LANG (shared by every session: read-only once made)."""
    if domain not in DOMAINS:
        raise ValueError(f"unknown text domain {domain!r}; expected one of {DOMAINS}")
    code = language(lang)
    key = (code, domain)
    found = _cache.get(key)
    if found is None:
        with _lock:
            found = _cache.get(key)
            if found is None:
                found = _compile(code, domain)
                _cache[key] = found
    return found


def forget() -> None:
    """Drop compiled catalogues (after a catalogue file is edited, and in tests)."""
    with _lock:
        _cache.clear()


def N_(message: str) -> str:
    """Marks MESSAGE for a catalogue where it is written (Babel extracts it); it is
    translated where it is shown."""
    return message
