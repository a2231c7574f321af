"""Keeping the catalogues up to date: extract every marked message (`_("...")`,
`ngettext(...)`, `N_("...")`) from the files a domain's map names
(`workshop/locale/<domain>.cfg`), write the template (`<domain>.pot`), and merge it into
each language's catalogue (`<lang>/LC_MESSAGES/<domain>.po`): new messages are added
empty, changed ones are marked fuzzy with the old translation as a suggestion, and ones no
longer used are dropped. A translator then edits the .po file. Uses Babel."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from workshop import i18n

ROOT = i18n.LOCALE_DIR.parents[1]
PROJECT = "Workshop"
VERSION = "1"
WIDTH = 100
HEADER = ("# {what} for what delegates' phones, the join page and the projector say (domain\n"
          "# {domain}). A translator edits the msgstr lines only; README.md, \"Welsh\", says how.\n"
          "# The Welsh wants review by a Welsh speaker before it is used with the public.")


def mapping_path(domain: str) -> Path:
    return i18n.LOCALE_DIR / f"{domain}.cfg"


def template_path(domain: str) -> Path:
    return i18n.LOCALE_DIR / f"{domain}.pot"


def domains() -> list[str]:
    """The domains that have a map of their files."""
    return [d for d in i18n.DOMAINS if mapping_path(d).exists()]


def extract(domain: str) -> Catalog:
    """Every message marked in the domain's files, with where each is used."""
    with mapping_path(domain).open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(mapping_path(domain)))
    catalog = Catalog(project=PROJECT, version=VERSION, domain=domain, charset="utf-8",
                      msgid_bugs_address="",
                      header_comment=HEADER.format(what="Template", domain=domain))
    for filename, line, message, comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=DEFAULT_KEYWORDS,
            comment_tags=("Translators:",), strip_comment_tags=True):
        catalog.add(message, None, [(filename, line)], auto_comments=comments,
                    context=context)
    return catalog


def read(lang: str, domain: str) -> Catalog | None:
    path = i18n.catalogue_path(lang, domain)
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=domain)


def _write(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_by_file=True, ignore_obsolete=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def _messages(catalog: Catalog) -> list:
    return [(m.id, m.context, sorted(m.locations), sorted(m.flags)) for m in catalog if m.id]


@dataclass(frozen=True)
class Missing:
    """A message of a catalogue with no translation in use (empty or fuzzy)."""
    lang: str
    domain: str
    msgid: str
    where: str
    fuzzy: bool


def update(domain: str) -> dict[str, int]:
    """Extract the domain's messages, write its template and bring each language's
    catalogue up to date. Returns the number of messages left to translate, by language."""
    template = extract(domain)
    if template_path(domain).exists():  # nothing new: the files stay as they are
        with template_path(domain).open("rb") as handle:
            before = read_po(handle, domain=domain)
        if _messages(before) == _messages(template):
            template.creation_date = before.creation_date
    _write(template_path(domain), template)
    left = {}
    for lang in i18n.LANGUAGES:
        if lang == i18n.DEFAULT_LANGUAGE:
            continue
        catalog = read(lang, domain) or Catalog(
            locale=lang, domain=domain, project=PROJECT, version=VERSION, msgid_bugs_address="",
            header_comment=HEADER.format(what=i18n.LANGUAGES[lang], domain=domain))
        catalog.update(template)
        _write(i18n.catalogue_path(lang, domain), catalog)
        left[lang] = len(missing(domain, lang, template))
    i18n.forget()
    return left


def missing(domain: str, lang: str, template: Catalog | None = None) -> list[Missing]:
    """Messages marked in the domain's files that LANG's catalogue does not translate."""
    template = template or extract(domain)
    catalog = read(lang, domain) or Catalog(locale=lang, domain=domain)
    out = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        strings = [] if found is None else (
            list(found.string) if isinstance(found.string, (list, tuple)) else [found.string])
        if found is None or found.fuzzy or not strings or not all(strings):
            where = ", ".join(f"{f}:{n}" for f, n in message.locations[:2])
            out.append(Missing(lang, domain, message.id if isinstance(message.id, str)
                               else message.id[0], where, bool(found and found.fuzzy)))
    return out
